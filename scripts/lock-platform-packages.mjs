// The registry these machines use lacks Next's macOS and Windows compiler packages, so `npm install` here leaves
// them out of package-lock.json, and then `npm ci` refuses the lock as out of sync. This puts their entries back
// (platform-restricted and optional, so Linux skips them and a Mac or Windows machine fetches its own).
// Run it after any `npm install` that rewrites the lock: node scripts/lock-platform-packages.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const next = lock.packages['node_modules/next'];
const platforms = {
  '@next/swc-darwin-arm64': { os: ['darwin'], cpu: ['arm64'] },
  '@next/swc-darwin-x64': { os: ['darwin'], cpu: ['x64'] },
  '@next/swc-win32-arm64-msvc': { os: ['win32'], cpu: ['arm64'] },
  '@next/swc-win32-x64-msvc': { os: ['win32'], cpu: ['x64'] },
};
let added = 0;
for (const [name, { os, cpu }] of Object.entries(platforms)) {
  const key = `node_modules/${name}`;
  if (lock.packages[key] || !next?.optionalDependencies?.[name]) continue;
  const version = next.optionalDependencies[name];
  lock.packages[key] = { version, resolved: `https://registry.npmjs.org/${name}/-/${name.split('/')[1]}-${version}.tgz`, cpu, license: 'MIT', optional: true, os, engines: { node: '>= 10' } };
  added++;
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n');
console.log(`package-lock.json: added ${added} platform package entr${added === 1 ? 'y' : 'ies'}`);
