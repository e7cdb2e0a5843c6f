import type { Metadata } from 'next';
import Link from 'next/link';
import { SafeForm } from '@/app/_components/safe-form';
import { setResponseStatus } from '@/server/context';
import { verifyUnsubscribeToken } from '@/lib/unsubscribe-token';
import { unsubscribe } from '../../settings/actions';

export const metadata: Metadata = { title: 'Unsubscribe', robots: { index: false } };

type Props = { params: Promise<{ token: string }>; searchParams: Promise<{ done?: string }> };

// What each kind of link turns off, in the words of its pages.
const KINDS = {
  mention: { title: 'mention emails', when: 'someone mentions you', seen: 'mentions' },
  reply: { title: 'reply emails', when: 'someone replies to your peeps', seen: 'replies' },
};

export default async function UnsubscribePage({ params, searchParams }: Props) {
  const [{ token }, { done }] = await Promise.all([params, searchParams]);
  // Next.js has already decoded the path segment; a token is plain ASCII, so nothing more is decoded here.
  const verified = verifyUnsubscribeToken(token);
  if (!verified) {
    setResponseStatus(400);
    return (
      <section className="notice">
        <h1>This unsubscribe link doesn’t work</h1>
        <p>
          It may have been cut short or changed. You can turn emails off in your <Link href="/settings">settings</Link>.
        </p>
      </section>
    );
  }
  const kind = KINDS[verified.kind];
  if (done) {
    return (
      <section className="notice">
        <h1>You’re unsubscribed</h1>
        <p>
          You won’t get emails when {kind.when}. Changed your mind? Turn them back on in your <Link href="/settings">settings</Link>.
        </p>
      </section>
    );
  }
  return (
    <section className="notice">
      <h1>Stop {kind.title}?</h1>
      <p>You’ll still see {kind.seen} on Chitter; we just won’t email you about them.</p>
      <SafeForm action={unsubscribe} kept="your link still works">
        <input type="hidden" name="token" value={token} />
        <button type="submit">Unsubscribe</button>
      </SafeForm>
    </section>
  );
}
