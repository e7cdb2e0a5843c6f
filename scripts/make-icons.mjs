// Draws favicon.ico (16, 32 and 48 px) and apple-icon.png from app/icon.svg with the test browser: `node scripts/make-icons.mjs`.
import { chromium } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
const svg = readFileSync('app/icon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
async function png(size) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
  const buf = await page.screenshot({ omitBackground: true });
  await page.close();
  return buf;
}
const sizes = [16, 32, 48];
const images = await Promise.all(sizes.map(png));
// ICO: header, one directory entry per image, then the PNGs as they are.
const header = Buffer.alloc(6); header.writeUInt16LE(0, 0); header.writeUInt16LE(1, 2); header.writeUInt16LE(sizes.length, 4);
let offset = 6 + 16 * sizes.length;
const entries = sizes.map((s, i) => { const e = Buffer.alloc(16); e.writeUInt8(s, 0); e.writeUInt8(s, 1); e.writeUInt16LE(1, 4); e.writeUInt16LE(32, 6); e.writeUInt32LE(images[i].length, 8); e.writeUInt32LE(offset, 12); offset += images[i].length; return e; });
writeFileSync('app/favicon.ico', Buffer.concat([header, ...entries, ...images]));
writeFileSync('app/apple-icon.png', await png(180));
await browser.close();
