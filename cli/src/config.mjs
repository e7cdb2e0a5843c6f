// @ts-check
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';

/** @typedef {{ server?: string, token?: string, username?: string }} Config */

/** `$XDG_CONFIG_HOME/chitter/config.json`, else `~/.config/chitter/config.json` (the spec ignores a relative XDG_CONFIG_HOME). */
export function configPath(env = process.env) {
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(homedir(), '.config');
  return path.join(base, 'chitter', 'config.json');
}

/** @returns {Promise<Config>} */
export async function readConfig(file = configPath()) {
  let text;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if (/** @type {NodeJS.ErrnoException} */ (e).code === 'ENOENT') return {};
    throw e;
  }
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' ? value : {};
  } catch {
    process.stderr.write(`chitter: ignoring ${file}, which is not JSON; log in again to replace it\n`);
    return {};
  }
}

/**
 * Writes the whole file at once (a temporary file renamed over it), readable by its owner only, since it holds a token.
 * @param {Config} config
 */
export async function writeConfig(config, file = configPath()) {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    await rename(temporary, file);
  } catch (e) {
    await rm(temporary, { force: true });
    throw e;
  }
}
