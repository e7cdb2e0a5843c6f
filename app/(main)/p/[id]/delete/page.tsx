import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { deletePeep } from '@/app/(main)/actions';
import { PeepItem } from '@/app/_components/peep-item';
import { SafeForm } from '@/app/_components/safe-form';
import { readOrUnavailable } from '@/app/_components/unavailable';
import { findPeep } from '@/db/queries/timelines';
import { getCurrentUser } from '@/auth/current-user';
import { safeLocalPath } from '@/lib/safe-path';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ next?: string | string[]; back?: string | string[] }> };

export const metadata: Metadata = { title: 'Delete this peep?', robots: { index: false } };

/**
 * The question before a delete, as a page of its own: where the Delete button leads without JavaScript (with it, the
 * same question appears in place). Only the peep's author sees it; the action checks that again.
 */
export default async function DeletePeepPage({ params, searchParams }: Props) {
  const [{ id: raw }, query] = await Promise.all([params, searchParams]);
  const id = /^[1-9]\d{0,14}$/.test(raw) ? Number(raw) : null;
  if (!id) notFound();
  const back = safeLocalPath(query.back, `/p/${id}`);
  const read = await readOrUnavailable(async () => {
    const viewer = await getCurrentUser();
    return { viewer, peep: viewer ? await findPeep({ id, viewerId: viewer.id }) : null };
  });
  if (!read.ok) return read.page;
  const { viewer, peep } = read.value;
  if (!viewer) redirect(`/login?next=${encodeURIComponent(`/p/${id}/delete`)}`);
  // Someone else's peep, or one already gone: nothing to delete here.
  if (!peep || peep.author.username !== viewer.username) notFound();
  const next = safeLocalPath(query.next, `/u/${viewer.username}`);
  return (
    <section className="confirm-page" aria-labelledby="confirm-heading">
      <h1 id="confirm-heading" className="page-title">
        Delete this peep?
      </h1>
      <p>It will be gone for good, from every timeline and from the reposts of it.</p>
      <div className="peeps single">
        <PeepItem peep={peep} viewer={viewer} returnTo={back} actions={false} />
      </div>
      <div className="confirm-actions">
        <SafeForm action={deletePeep} compact>
          <input type="hidden" name="peepId" value={peep.id} />
          <input type="hidden" name="next" value={next} />
          <button type="submit" className="danger-button">
            Delete peep
          </button>
        </SafeForm>
        <Link href={back} className="button secondary">
          Cancel
        </Link>
      </div>
    </section>
  );
}
