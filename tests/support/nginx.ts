import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const NGINX = process.env.NGINX_PATH || '/usr/sbin/nginx';
const MODULES = '/etc/nginx/modules-enabled';

export type Nginx = {
  url: string;
  /** Whether deploy/brotli.conf was included (this nginx has the brotli module). */
  brotli: boolean;
  /** The access log (nginx's standard output) and error log so far. */
  output(): string;
  stop(): Promise<void>;
};

/**
 * The project's own deploy/nginx.conf with only its `listen` port and its `upstream` servers replaced, so what CI
 * runs is what deploy/compose.yaml runs. deploy/brotli.conf goes beside it when this nginx has the brotli module.
 */
export function nginxConfig({ port, upstreams }: { port: number; upstreams: string[] }): string {
  const conf = readFileSync(path.join(ROOT, 'deploy/nginx.conf'), 'utf8');
  const servers = [...conf.matchAll(/^(\s*)server app\d+:3000;\n/gm)];
  if (servers.length === 0 || !/^\s*listen 80;$/m.test(conf)) {
    throw new Error('deploy/nginx.conf no longer has the `listen 80;` and `server appN:3000;` lines this test replaces');
  }
  const indent = servers[0][1];
  let first = true;
  return conf
    .replace(/^\s*listen 80;$/m, (line) => line.replace('listen 80;', `listen 127.0.0.1:${port};`))
    .replace(/^(\s*)server app\d+:3000;\n/gm, () => {
      if (!first) return '';
      first = false;
      return upstreams.map((u) => `${indent}server ${u};\n`).join('');
    });
}

/** Runs Debian's nginx in the foreground from a temporary prefix, with `nginxConfig`, and waits until it answers. */
export async function startNginx({ port, upstreams }: { port: number; upstreams: string[] }): Promise<Nginx> {
  if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing: install nginx (apt-get install nginx) or set NGINX_PATH`);
  const dir = mkdtempSync(path.join(tmpdir(), 'chitter-nginx-'));
  // Run as root, nginx's workers drop to nobody and must reach the temp folders inside.
  chmodSync(dir, 0o755);
  writeFileSync(path.join(dir, 'nginx.conf'), nginxConfig({ port, upstreams }));
  mkdirSync(path.join(dir, 'conf.d'));
  // nginx's compiled-in temp folders belong to the machine's own nginx; keep this one's in the prefix.
  writeFileSync(
    path.join(dir, 'conf.d/temp-paths.conf'),
    ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `${kind}_temp_path ${dir}/${kind}_temp;\n`).join(''),
  );
  // Debian's modules-enabled/*.conf load `modules/…` from the prefix, which is /usr/share/nginx unless moved.
  if (existsSync('/usr/share/nginx/modules')) symlinkSync('/usr/share/nginx/modules', path.join(dir, 'modules'));
  const brotli = existsSync(MODULES) && readdirSync(MODULES).some((f) => f.includes('brotli-filter'));
  if (brotli) copyFileSync(path.join(ROOT, 'deploy/brotli.conf'), path.join(dir, 'brotli.conf'));

  const args = ['-p', `${dir}/`, '-c', path.join(dir, 'nginx.conf'), '-e', 'stderr', '-g', `daemon off; pid ${dir}/nginx.pid;`];
  // The access log goes to /dev/stdout, which nginx opens by name: that works for a file or a pipe, not for the
  // socket Node gives a child, so standard output is a file here.
  const accessLog = path.join(dir, 'access.log');
  const stdout = openSync(accessLog, 'a');
  const checked = spawnSync(NGINX, [...args, '-t'], { stdio: ['ignore', stdout, 'pipe'], encoding: 'utf8' });
  if (checked.status !== 0) {
    closeSync(stdout);
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`nginx -t refused the configuration:\n${checked.stderr}`);
  }
  const child = spawn(NGINX, args, { stdio: ['ignore', stdout, 'pipe'] });
  closeSync(stdout);
  let errors = '';
  child.stderr!.on('data', (d) => (errors += d));
  const output = () => `${existsSync(accessLog) ? readFileSync(accessLog, 'utf8') : ''}${errors}`;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      // QUIT: finish what is in flight, then stop.
      child.kill('SIGQUIT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) {
      const text = output();
      await stop();
      throw new Error(`nginx exited (${child.exitCode}):\n${text}`);
    }
    try {
      // Any answer will do: nginx is up, whatever the instances behind it are doing.
      await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      break;
    } catch {}
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`nginx did not answer on ${url} within 10 s:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, brotli, output, stop };
}
