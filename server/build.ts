import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { log } from '@/lib/log';

// Everything `next build` compiles; the server itself runs from source and is not part of the build.
const SOURCES = ['app', 'auth', 'lib', 'db', 'emails', 'instrumentation.ts', 'next.config.mjs', 'package-lock.json'];

/** Builds the app when there is no build yet or its sources changed since, so `npm start` is one command. */
export function buildIfNeeded(): void {
  if (!needsBuild()) return;
  log.info('Building Chitter (first start, or the code changed since the last build)…');
  const built = spawnSync(process.execPath, [path.resolve('node_modules/next/dist/bin/next'), 'build'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

function needsBuild(): boolean {
  const marker = path.resolve('.next/BUILD_ID');
  if (!existsSync(marker)) return true;
  const builtAt = statSync(marker).mtimeMs;
  return SOURCES.some((entry) => newestChange(path.resolve(entry)) > builtAt);
}

function newestChange(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestChange(path.join(target, entry)));
  return newest;
}
