import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { readOrUnavailable, unavailablePage } from '@/app/_components/unavailable';
import { TOKENS_AT_MOST } from '@/auth/api-token';
import { getViewer } from '@/auth/current-user';
import { listTokens } from '@/db/queries/sessions';
import { CreateTokenForm } from './_components/create-token-form';
import { TokenItem } from './_components/token-item';

export const metadata: Metadata = { title: 'API tokens' };

const PAGE = '/settings/tokens';

export default async function TokensPage({ searchParams }: { searchParams: Promise<{ revoked?: string }> }) {
  const viewer = await getViewer();
  if (viewer.kind === 'unknown') return unavailablePage();
  if (viewer.kind === 'anonymous') redirect(`/login?next=${encodeURIComponent(PAGE)}`);
  const read = await readOrUnavailable(() => listTokens({ userId: viewer.user.id, limit: TOKENS_AT_MOST }));
  if (!read.ok) return read.page;
  const { tokens } = read.value;
  const { revoked } = await searchParams;
  return (
    <section className="card settings" aria-labelledby="tokens-title">
      <h1 id="tokens-title">API tokens</h1>
      <p className="hint">
        A token lets a program, such as the <code>chitter</code> terminal client or a script of yours, use your account through the <Link href="/api/docs">API</Link>:
        it can do everything you can. Give each one a name, and revoke any you no longer use or don’t recognise: it stops working at once.
      </p>
      <p className="hint">
        Changing or resetting your password revokes every token. <Link href="/settings/sessions">Logging out of all other sessions</Link> keeps them. Tokens
        expire a year after they are made.
      </p>
      {revoked === '1' && (
        <p className="success" role="status">
          Token revoked. Anything using it is refused from its next request on.
        </p>
      )}
      <h2>Make a token</h2>
      <CreateTokenForm />
      <h2>Your tokens</h2>
      {tokens.length > 0 ? (
        <ul className="people sessions" aria-label="Your tokens">
          {tokens.map((token) => (
            <TokenItem key={token.key} token={token} />
          ))}
        </ul>
      ) : (
        <p className="hint">You have no tokens.</p>
      )}
    </section>
  );
}
