import 'server-only';
import sharp from 'sharp';
import { AVATAR_SIZES, type AvatarSize } from './avatar-url';

export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;
/** Past this a picture is refused before it is decoded: a small file can claim a huge canvas (a decompression bomb). */
export const AVATAR_MAX_PIXELS = 24_000_000;
const FORMATS = new Set(['jpeg', 'png', 'webp', 'gif']);

export type AvatarImage = { size: AvatarSize; bytes: Buffer };
export type PreparedAvatar = { ok: true; images: AvatarImage[] } | { ok: false; error: string };

export const AVATAR_ERRORS = {
  empty: 'Choose a picture to upload',
  tooLarge: 'Pictures can be at most 2 MB',
  notImage: 'That isn’t a JPEG, PNG, WebP or GIF picture',
  tooManyPixels: 'That picture is too large: at most 24 megapixels',
  unreadable: 'That picture couldn’t be read; try another',
} as const;

/**
 * Turns an uploaded file into the square WebP pictures Chitter serves, one per AVATAR_SIZES. What the bytes are is
 * judged by sharp reading them, never by the file's name or the type the browser gave. The picture is turned upright
 * by its EXIF orientation, cropped to its centre, and written afresh, so none of its metadata (a camera's GPS
 * position) survives. The first frame of an animation is kept.
 */
export async function prepareAvatar(input: Uint8Array): Promise<PreparedAvatar> {
  if (input.byteLength === 0) return { ok: false, error: AVATAR_ERRORS.empty };
  if (input.byteLength > AVATAR_MAX_BYTES) return { ok: false, error: AVATAR_ERRORS.tooLarge };
  const options = { limitInputPixels: AVATAR_MAX_PIXELS, failOn: 'error' } as const;
  let format: string | undefined;
  let pixels: number;
  try {
    // Only the header is read here, so no pixel limit yet: the canvas it claims is judged below, with a message.
    const meta = await sharp(input, { limitInputPixels: false }).metadata();
    format = meta.format;
    pixels = (meta.width ?? 0) * (meta.height ?? 0);
  } catch {
    return { ok: false, error: AVATAR_ERRORS.notImage };
  }
  if (!format || !FORMATS.has(format)) return { ok: false, error: AVATAR_ERRORS.notImage };
  if (pixels > AVATAR_MAX_PIXELS) return { ok: false, error: AVATAR_ERRORS.tooManyPixels };
  try {
    // Decoded once, to the largest square; the smaller sizes are drawn from that.
    const largest = Math.max(...AVATAR_SIZES);
    const square = await sharp(input, options)
      .autoOrient()
      .resize(largest, largest, { fit: 'cover', position: 'centre' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = { raw: { width: square.info.width, height: square.info.height, channels: square.info.channels } };
    const images = await Promise.all(
      AVATAR_SIZES.map(async (size) => ({
        size,
        bytes: await sharp(square.data, raw).resize(size, size).webp({ quality: 82 }).toBuffer(),
      })),
    );
    return { ok: true, images };
  } catch {
    return { ok: false, error: AVATAR_ERRORS.unreadable };
  }
}
