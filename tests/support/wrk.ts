import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type WrkResult = {
  requests: number;
  /** Responses outside 2xx and 3xx, by status. */
  failedByStatus: Record<string, number>;
  /** Connections refused, broken or timed out, as wrk counts them. */
  socketErrors: { connect: number; read: number; write: number; timeout: number };
  p50: string;
  p99: string;
  text: string;
};

/**
 * Runs wrk against `base` for `seconds`, each request the next of `requests` in turn (a cookie where one is given),
 * accepting compressed answers as a browser does.
 */
export async function runWrk({
  base,
  seconds,
  connections,
  requests,
}: {
  base: string;
  seconds: number;
  connections: number;
  requests: { path: string; cookie?: string }[];
}): Promise<WrkResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'chitter-wrk-'));
  const script = path.join(dir, 'mixed.lua');
  const entries = requests.map((r) => `{ path = ${JSON.stringify(r.path)}, cookie = ${r.cookie ? JSON.stringify(r.cookie) : 'nil'} }`);
  writeFileSync(
    script,
    `
local requests = { ${entries.join(', ')} }
local n = 0
local threads = {}
failed = {}

setup = function(thread) table.insert(threads, thread) end

request = function()
  n = n + 1
  local r = requests[(n % #requests) + 1]
  local headers = { ["Accept-Encoding"] = "br, gzip" }
  if r.cookie then headers["Cookie"] = r.cookie end
  return wrk.format("GET", r.path, headers)
end

response = function(status)
  if status >= 400 then failed[tostring(status)] = (failed[tostring(status)] or 0) + 1 end
end

done = function()
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("failed")) do io.write("failed " .. status .. " " .. count .. "\\n") end
  end
end
`,
  );
  try {
    const text = await new Promise<string>((resolve, reject) => {
      // A page slower than wrk's 2 s default would count as a failure; what matters here is whether it arrives.
      const child = spawn('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '30s', '--latency', '-s', script, base]);
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.once('error', (err) => reject(new Error(`wrk did not start (apt-get install wrk): ${err.message}`)));
      child.once('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`wrk exited ${code}:\n${out}`))));
    });
    const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
    const failedByStatus: Record<string, number> = {};
    for (const m of text.matchAll(/^failed (\d+) (\d+)$/gm)) failedByStatus[m[1]] = Number(m[2]);
    // wrk counts 4xx and 5xx together on one line; a status the script missed still shows there.
    const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(text)?.[1] ?? 0);
    const counted = Object.values(failedByStatus).reduce((a, b) => a + b, 0);
    if (non2xx > counted) failedByStatus.other = non2xx - counted;
    return {
      requests: Number(/(\d+) requests in/.exec(text)?.[1] ?? 0),
      failedByStatus,
      socketErrors: {
        connect: Number(socket?.[1] ?? 0),
        read: Number(socket?.[2] ?? 0),
        write: Number(socket?.[3] ?? 0),
        timeout: Number(socket?.[4] ?? 0),
      },
      p50: /\s50%\s+(\S+)/.exec(text)?.[1] ?? '?',
      p99: /\s99%\s+(\S+)/.exec(text)?.[1] ?? '?',
      text,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
