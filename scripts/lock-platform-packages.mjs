// The registry these machines use lacks some packages' prebuilt binaries for other platforms (Next's macOS and Windows
// compilers; most of unrs-resolver's, which ESLint's import resolver uses), so `npm install` here leaves them out of
// package-lock.json, and then `npm ci` refuses the lock as out of sync. This puts their entries back
// (platform-restricted and optional, so this machine skips them and another platform's machine fetches its own).
// Run it after any `npm install` that rewrites the lock: node scripts/lock-platform-packages.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));

// Each package that picks a binary by platform, and the prefix its binaries' names share. The rest of a binary's name
// says its platform, napi-rs style: <os>-<cpu>[-<abi>], e.g. darwin-arm64, linux-arm-gnueabihf, win32-x64-msvc.
const parents = [
  { key: 'node_modules/next', prefix: '@next/swc-', extra: { engines: { node: '>= 10' } } },
  { key: 'node_modules/unrs-resolver', prefix: '@unrs/resolver-binding-', extra: {} },
];
const libcOf = { gnu: 'glibc', gnueabihf: 'glibc', musl: 'musl', musleabihf: 'musl' };

let added = 0;
for (const { key: parentKey, prefix, extra } of parents) {
  const parent = lock.packages[parentKey];
  for (const [name, version] of Object.entries(parent?.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (lock.packages[key] || !name.startsWith(prefix)) continue;
    const [os, cpu, abi] = name.slice(prefix.length).split('-');
    if (cpu === 'wasi' || !cpu) {
      // A WebAssembly build has dependencies of its own, which this script cannot know.
      console.warn(`package-lock.json: left out ${name}, not a platform binary this script understands`);
      continue;
    }
    const libc = os === 'linux' && libcOf[abi] ? [libcOf[abi]] : undefined;
    lock.packages[key] = {
      version,
      resolved: `https://registry.npmjs.org/${name}/-/${name.split('/')[1]}-${version}.tgz`,
      cpu: [cpu],
      ...(parent.dev ? { dev: true } : {}),
      ...(libc ? { libc } : {}),
      license: 'MIT',
      optional: true,
      os: [os],
      ...extra,
    };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n');
console.log(`package-lock.json: added ${added} platform package entr${added === 1 ? 'y' : 'ies'}`);
