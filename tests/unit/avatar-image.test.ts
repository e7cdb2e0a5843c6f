import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AVATAR_ERRORS, AVATAR_MAX_BYTES, prepareAvatar } from '@/lib/avatar-image';
import { AVATAR_SIZES } from '@/lib/avatar-url';

const RED = { r: 220, g: 20, b: 20 };
const BLUE = { r: 20, g: 20, b: 220 };

const solid = (width: number, height: number, background = RED) => sharp({ create: { width, height, channels: 3, background } });

/** Left half red, right half blue. */
async function halves(width: number, height: number) {
  const blue = await solid(width / 2, height, BLUE).png().toBuffer();
  return solid(width, height).composite([{ input: blue, left: width / 2, top: 0 }]);
}

async function expectStoredSizes(input: Buffer) {
  const prepared = await prepareAvatar(input);
  if (!prepared.ok) throw new Error(prepared.error);
  expect(prepared.images.map((i) => i.size)).toEqual([...AVATAR_SIZES]);
  for (const { size, bytes } of prepared.images) {
    const meta = await sharp(bytes).metadata();
    expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: 'webp', width: size, height: size });
  }
  return prepared.images;
}

/** The colour at (x, y) of a stored picture, as red or blue or neither. */
async function colourAt(bytes: Buffer, x: number, y: number): Promise<'red' | 'blue' | 'other'> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  const [r, , b] = [data[i], data[i + 1], data[i + 2]];
  return r > 150 && b < 90 ? 'red' : b > 150 && r < 90 ? 'blue' : 'other';
}

describe('an uploaded picture', () => {
  it('is stored as square WebP at every size, from a PNG, a JPEG, a WebP or the first frame of a GIF', async () => {
    await expectStoredSizes(await solid(300, 200).png().toBuffer());
    await expectStoredSizes(await solid(640, 480).jpeg().toBuffer());
    await expectStoredSizes(await solid(120, 500).webp().toBuffer());
    await expectStoredSizes(await solid(64, 64).gif().toBuffer());
  });

  it('is cropped to its centre, turned upright by its EXIF orientation, and keeps none of its metadata', async () => {
    // Stored sideways with "rotate 90° clockwise to view": seen upright it is red above blue.
    const sideways = await (await halves(200, 100)).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect((await sharp(sideways).metadata()).orientation).toBe(6);
    const [, , large] = await expectStoredSizes(sideways);
    expect([await colourAt(large.bytes, 100, 100), await colourAt(large.bytes, 300, 100)]).toEqual(['red', 'red']);
    expect([await colourAt(large.bytes, 100, 300), await colourAt(large.bytes, 300, 300)]).toEqual(['blue', 'blue']);
    const meta = await sharp(large.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
  });

  it('is judged by its content: text named .png, an SVG and nothing at all are refused', async () => {
    expect(await prepareAvatar(Buffer.from('I am a picture, honest.png'))).toEqual({ ok: false, error: AVATAR_ERRORS.notImage });
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    expect((await sharp(svg).metadata()).format).toBe('svg');
    expect(await prepareAvatar(svg)).toEqual({ ok: false, error: AVATAR_ERRORS.notImage });
    expect(await prepareAvatar(Buffer.alloc(0))).toEqual({ ok: false, error: AVATAR_ERRORS.empty });
  });

  it('is refused over 2 MB before it is read', async () => {
    const png = await solid(10, 10).png().toBuffer();
    const padded = Buffer.concat([png, Buffer.alloc(AVATAR_MAX_BYTES + 1 - png.length)]);
    expect(await prepareAvatar(padded)).toEqual({ ok: false, error: AVATAR_ERRORS.tooLarge });
  });

  it('is refused when it claims a huge canvas (a decompression bomb), before it is decoded', async () => {
    // A small PNG whose header says 30000 × 30000: 900 million pixels from a few hundred bytes.
    const png = await solid(16, 16).png().toBuffer();
    const ihdr = png.indexOf('IHDR');
    png.writeUInt32BE(30_000, ihdr + 4);
    png.writeUInt32BE(30_000, ihdr + 8);
    png.writeUInt32BE(crc32(png.subarray(ihdr, ihdr + 17)), ihdr + 17);
    expect((await sharp(png, { limitInputPixels: false }).metadata()).width).toBe(30_000);
    expect(await prepareAvatar(png)).toEqual({ ok: false, error: AVATAR_ERRORS.tooManyPixels });
  });
});
