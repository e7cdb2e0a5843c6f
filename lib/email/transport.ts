import 'server-only';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { env } from '../env';
import { log } from '@/lib/log';

export type SendMail = (message: Mail.Options & { messageId: string }) => Promise<void>;

/** Sends through SMTP_URL; without one, writes each message as an .eml file in .data/mail/ so nothing is dropped. */
export function createMailTransport(smtpUrl = env().SMTP_URL): SendMail {
  if (smtpUrl) {
    const transport = nodemailer.createTransport(smtpUrl, {
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    } as never);
    return async (message) => {
      await transport.sendMail(message);
    };
  }
  const folder = path.resolve(env().DATA_DIR, 'mail');
  const writer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  let announced = false;
  return async (message) => {
    const info = await writer.sendMail(message);
    await mkdir(folder, { recursive: true });
    const file = path.join(folder, `${message.messageId.replace(/[<>]/g, '').replace(/[^A-Za-z0-9._-]/g, '_')}.eml`);
    await writeFile(file, info.message as Buffer);
    if (!announced) log.info(`SMTP_URL is not set: emails are written to ${folder} instead of sent.`);
    announced = true;
    log.info({ file }, 'Email written to the mailbox folder');
  };
}

/** 5xx SMTP replies are permanent (the address or message is refused); anything else may pass if tried again. */
export function isPermanentMailError(err: unknown): boolean {
  const code = (err as { responseCode?: unknown })?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
