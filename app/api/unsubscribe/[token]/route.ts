import { NextResponse } from 'next/server';
import { setEmailSetting } from '@/db/queries/users';
import { env } from '@/lib/env';
import { verifyUnsubscribeToken } from '@/lib/unsubscribe-token';

type Context = { params: Promise<{ token: string }> };

/** RFC 8058 one-click unsubscribe: a mail client POSTs `List-Unsubscribe=One-Click` here, without cookies. */
export async function POST(_request: Request, { params }: Context) {
  const verified = verifyUnsubscribeToken((await params).token);
  if (!verified) return NextResponse.json({ error: 'This unsubscribe link is not valid.' }, { status: 400 });
  await setEmailSetting({ ...verified, enabled: false });
  return NextResponse.json({ unsubscribed: verified.kind });
}

/** A person who opens the header's link in a browser gets the confirm page instead. */
export async function GET(_request: Request, { params }: Context) {
  const { token } = await params;
  return NextResponse.redirect(new URL(`/unsubscribe/${encodeURIComponent(token)}`, env().APP_URL), 303);
}
