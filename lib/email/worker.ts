import 'server-only';
import { claimDueEmails, finishEmail, releaseEmails, type ClaimedEmail } from '@/db/queries/outbox';
import { env } from '../env';
import { composeEmail } from './compose';
import { createMailTransport, isPermanentMailError, type SendMail } from './transport';
import { errorText, log } from '@/lib/log';

export type WorkerOptions = {
  send?: SendMail;
  batchSize?: number;
  leaseMs?: number;
  maxAttempts?: number;
  /** Checked between messages: once true, the rest of the batch is handed back for the next worker. */
  stopping?: () => boolean;
};

const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 60 * 60_000;

/** Exponential backoff with full jitter: 30 s, 1 min, 2 min … capped at an hour. */
export function retryDelayMs(attempts: number, random = Math.random): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Claims one batch of due emails and delivers it; returns how many rows it handled. */
export async function deliverDueEmails(options: WorkerOptions = {}): Promise<number> {
  const send = options.send ?? createMailTransport();
  const maxAttempts = options.maxAttempts ?? env().EMAIL_MAX_ATTEMPTS;
  const batch = await claimDueEmails({ limit: options.batchSize ?? 20, leaseMs: options.leaseMs ?? 5 * 60_000 });
  for (const [i, row] of batch.entries()) {
    if (options.stopping?.()) {
      await releaseEmails({ ids: batch.slice(i).map((r) => r.id), claimToken: row.claimToken });
      return i;
    }
    await deliverOne(row, send, maxAttempts);
  }
  return batch.length;
}

async function deliverOne(row: ClaimedEmail, send: SendMail, maxAttempts: number): Promise<void> {
  const composed = await composeEmail(row);
  const items = composed.items;
  if ('cancel' in composed) {
    await finishEmail({ ...row, items, outcome: { status: 'cancelled', reason: composed.cancel } });
    return void log.info({ job: 'email', outbox_id: row.id, kind: row.kind, outcome: 'cancelled', reason: composed.cancel }, 'Email cancelled');
  }
  try {
    await send(composed.message);
    await finishEmail({ ...row, items, outcome: { status: 'sent' } });
    log.info({ job: 'email', outbox_id: row.id, kind: row.kind, attempts: row.attempts, outcome: 'sent' }, 'Email sent');
  } catch (err) {
    const error = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
    const outcome =
      isPermanentMailError(err) || row.attempts >= maxAttempts
        ? ({ status: 'failed', error } as const)
        : ({ status: 'pending', error, retryInMs: retryDelayMs(row.attempts) } as const);
    log.warn({ job: 'email', outbox_id: row.id, kind: row.kind, attempts: row.attempts, outcome: outcome.status === 'failed' ? 'failed' : 'retry', error }, `Email ${outcome.status === 'failed' ? 'failed' : 'will be retried'}`);
    await finishEmail({ ...row, items, outcome });
  }
}

/** Runs the delivery loop until stopped; a failing database or mail server never stops it. */
export function startEmailWorker(options: WorkerOptions & { pollMs?: number } = {}): { stop: () => Promise<void> } {
  const send = options.send ?? createMailTransport();
  const pollMs = options.pollMs ?? 2000;
  let running = true;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (running) {
      let handled = 0;
      try {
        handled = await deliverDueEmails({ ...options, send, stopping: () => !running });
      } catch (err) {
        log.error({ job: 'email', error: errorText(err) }, 'Email worker could not run');
      }
      if (handled === 0 && running) await new Promise<void>((resolve) => ((wake = resolve), setTimeout(resolve, pollMs)));
    }
  })();
  return {
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}
