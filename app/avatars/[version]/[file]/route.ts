import { isDatabaseUnavailable } from '@/db/errors';
import { findAvatarImage } from '@/db/queries/profiles';
import { isAvatarSize } from '@/lib/avatar-url';

type Context = { params: Promise<{ version: string; file: string }> };

const FILE = /^(\d{2,3})\.webp$/;

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } });
}

/**
 * A person's picture at one of the stored sizes. Public, like the profile it belongs to. The version in the address
 * is new with every upload, so a picture's bytes never change and browsers and proxies may keep them for good; an
 * older version is gone (404).
 */
export async function GET(_request: Request, { params }: Context) {
  const { version, file } = await params;
  const size = Number(FILE.exec(file)?.[1]);
  if (!/^[1-9]\d{0,15}$/.test(version) || !isAvatarSize(size)) return plain(404, 'No such picture.');
  try {
    const bytes = await findAvatarImage({ version: Number(version), size });
    if (!bytes) return plain(404, 'No such picture.');
    return new Response(new Uint8Array(bytes), {
      headers: {
        'content-type': 'image/webp',
        'content-length': String(bytes.length),
        'cache-control': 'public, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
      },
    });
  } catch (err) {
    if (isDatabaseUnavailable(err)) return plain(503, 'Chitter can’t reach its database just now.');
    throw err;
  }
}
