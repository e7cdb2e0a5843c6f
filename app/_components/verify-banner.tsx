import { findEmailStatus } from '@/db/queries/users';
import { isDatabaseUnavailable } from '@/db/errors';
import { ResendVerification } from './resend-verification';

/** Tells a logged-in person whose address is unproven that Chitter will not mail them until it is. */
export async function VerifyBanner({ userId }: { userId: number }) {
  let status: Awaited<ReturnType<typeof findEmailStatus>>;
  try {
    status = await findEmailStatus({ userId });
  } catch (err) {
    // The page says what an outage means; the banner just stays away.
    if (isDatabaseUnavailable(err)) return null;
    throw err;
  }
  if (!status || status.verified) return null;
  return (
    <section className="verify-banner" aria-labelledby="verify-banner-title">
      <div className="container verify-banner-row">
        <p>
          <strong id="verify-banner-title">Confirm your email address.</strong> We sent a link to {status.email}. Until you follow it, Chitter
          won’t email you anything, not even mentions.
        </p>
        <ResendVerification />
      </div>
    </section>
  );
}
