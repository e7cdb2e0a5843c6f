import 'server-only';
import { deletePeep } from '@/db/queries/peeps';
import { livePagesChanged } from '@/lib/page-version';

/**
 * Deletes a peep for its author, from the web's button or the API: false (nothing changed) for anyone else's or a
 * peep that is gone. The delete's trigger tells the other instances; this one drops its own copies of the pages.
 */
export async function deleteOwnPeep({ peepId, authorId }: { peepId: number; authorId: number }): Promise<boolean> {
  const deleted = await deletePeep({ peepId, authorId });
  if (deleted) livePagesChanged();
  return deleted;
}
