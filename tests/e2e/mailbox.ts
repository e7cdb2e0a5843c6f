import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import PostalMime, { type Email } from 'postal-mime';

const MAILBOX = path.resolve('.data/e2e-mailbox');

/** Every message the test SMTP server has received so far. */
export async function readMailbox(): Promise<Email[]> {
  const files = (await readdir(MAILBOX)).filter((f) => f.endsWith('.eml')).sort();
  return Promise.all(files.map(async (f) => PostalMime.parse(await readFile(path.join(MAILBOX, f)))));
}

export function addressedTo(mail: Email, address: string): boolean {
  return (mail.to ?? []).some((t) => t.address?.toLowerCase() === address.toLowerCase());
}

/** Waits for a message to `address` whose text contains `text`. */
export async function waitForMail(address: string, text: string, timeoutMs = 20_000): Promise<Email> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = (await readMailbox()).find((m) => addressedTo(m, address) && (m.text ?? '').includes(text));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no email to ${address} containing ${JSON.stringify(text)} arrived within ${timeoutMs} ms`);
}

export function headerOf(mail: Email, name: string): string | undefined {
  return mail.headers.find((h) => h.key === name.toLowerCase())?.value;
}
