// Starts Chitter for the browser tests on a fresh embedded database (building first if the code changed), with a
// real SMTP server on loopback whose messages land in MAILBOX_DIR for the tests to read. With E2E_DATABASE_URL the
// same runs on PostgreSQL in WEB_CONCURRENCY processes.
import cluster from 'node:cluster';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

// With WEB_CONCURRENCY the server forks this script again for each app process: only the first sets things up, and
// the others inherit its SMTP_URL.
if (cluster.isPrimary) await setUp();
await import('../../server/main.ts');

async function setUp() {
  const dataDir = process.env.DATA_DIR ?? '.data/e2e';
  const mailbox = process.env.MAILBOX_DIR ?? '.data/e2e-mailbox';
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(mailbox, { recursive: true, force: true });
  mkdirSync(mailbox, { recursive: true });

  let received = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks = [];
      stream.on('data', (c) => chunks.push(c));
      stream.on('end', () => {
        writeFileSync(path.join(mailbox, `${String(++received).padStart(4, '0')}.eml`), Buffer.concat(chunks));
        callback();
      });
    },
  });
  await new Promise((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.server.address().port}`;
}
