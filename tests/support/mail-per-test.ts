import { afterEach, beforeEach, vi } from 'vitest';
import { createMailTransport } from '@/lib/email/transport';
import { deliverDueEmails } from '@/lib/email/worker';
import { startSmtpServer } from './smtp';

/**
 * A fresh loopback SMTP server for every test of the file that calls this, with the real outbox worker run until
 * nothing is due (`drain`) and what each address received (`to`).
 */
export function mailPerTest() {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  beforeEach(async () => {
    smtp = await startSmtpServer();
  });
  afterEach(async () => {
    vi.useRealTimers();
    await smtp.close();
  });
  return {
    get messages() {
      return smtp.messages;
    },
    async drain() {
      const send = createMailTransport(smtp.url);
      while ((await deliverDueEmails({ send })) > 0);
    },
    to: (address: string) => smtp.messages.filter((m) => m.envelopeTo.some((a) => a.toLowerCase() === address.toLowerCase())),
  };
}
