// Load generation: wrk where installed (it costs little CPU), autocannon otherwise. Both report requests a second,
// p50 and p99 latency and errors (socket errors plus responses outside 2xx/3xx).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const loadTool = spawnSync('wrk', ['--version']).error ? 'autocannon' : 'wrk';

/**
 * Runs `seconds` of load after `warmup` seconds; returns { rps, p50, p99, errors, requests }. `rotate` gives each
 * request the next of several values of one header (a cookie per person).
 */
export async function measure({ url, seconds, warmup = 3, connections = 10, method = 'GET', headers = {}, body, rotate }) {
  if (warmup > 0) await run({ url, seconds: warmup, connections, method, headers, body, rotate });
  return run({ url, seconds, connections, method, headers, body, rotate });
}

async function run(opts) {
  return loadTool === 'wrk' ? runWrk(opts) : runAutocannon(opts);
}

function runWrk({ url, seconds, connections, method, headers, body, rotate }) {
  const dir = mkdtempSync(path.join(tmpdir(), 'chitter-wrk-'));
  const script = path.join(dir, 'request.lua');
  const lua = [`wrk.method = ${JSON.stringify(method)}`];
  for (const [k, v] of Object.entries(headers)) lua.push(`wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`);
  if (body !== undefined) lua.push(`wrk.body = ${luaString(body)}`);
  if (rotate) {
    lua.push(`local values = { ${rotate.values.map((v) => JSON.stringify(v)).join(', ')} }`, 'local n = 0');
    lua.push(`request = function() n = n + 1; wrk.headers[${JSON.stringify(rotate.header)}] = values[(n % #values) + 1]; return wrk.format() end`);
  }
  writeFileSync(script, lua.join('\n'));
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', script, url]);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', () => resolve(parseWrk(out)));
  });
}

function luaString(s) {
  return `"${[...Buffer.from(s, 'utf8')].map((b) => `\\${b}`).join('')}"`;
}

function parseWrk(out) {
  const ms = (text) => {
    const m = /([\d.]+)(us|ms|s)/.exec(text ?? '');
    if (!m) return null;
    const v = Number(m[1]);
    return m[2] === 'us' ? v / 1000 : m[2] === 's' ? v * 1000 : v;
  };
  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0),
    p50: ms(/\s50%\s+(\S+)/.exec(out)?.[1]),
    p99: ms(/\s99%\s+(\S+)/.exec(out)?.[1]),
    errors: non2xx + (socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0),
    requests,
  };
}

async function runAutocannon({ url, seconds, connections, method, headers, body, rotate }) {
  const { default: autocannon } = await import('autocannon');
  let n = 0;
  const requests = rotate ? [{ setupRequest: (req) => ({ ...req, headers: { ...req.headers, [rotate.header]: rotate.values[n++ % rotate.values.length] } }) }] : undefined;
  const result = await autocannon({ url, duration: seconds, connections, method, headers, body, requests });
  const failed = result.errors + (result['4xx'] ?? 0) + (result['5xx'] ?? 0);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: failed, requests: result.requests.total };
}
