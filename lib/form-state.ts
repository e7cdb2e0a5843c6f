import 'server-only';
import { headers } from 'next/headers';
import { setResponseStatus } from '@/server/context';

export type FormState = {
  fieldErrors?: Record<string, string>;
  message?: string;
  /** Something that went through but that the person should know about (not an error). */
  notice?: string;
  values?: Record<string, string>;
  /** The session behind the form has ended: where to log in and come back. */
  logIn?: string;
};

/**
 * A refused form submission. Without JavaScript the browser gets the re-rendered page, so it also gets the status
 * that says what happened (400, 401, 409, 429); with JavaScript, React reads the returned state instead.
 */
export async function refuse(status: number, state: FormState): Promise<FormState> {
  if (!(await headers()).has('next-action')) setResponseStatus(status);
  return state;
}
