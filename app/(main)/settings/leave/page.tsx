import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { unavailablePage } from '@/app/_components/unavailable';
import { getViewer } from '@/auth/current-user';
import { DeleteAccountForm } from './delete-form';

export const metadata: Metadata = { title: 'Your data' };

export default async function LeavePage() {
  const viewer = await getViewer();
  if (viewer.kind === 'unknown') return unavailablePage();
  if (viewer.kind === 'anonymous') redirect('/login?next=/settings/leave');
  return (
    <>
      <section className="card settings" aria-labelledby="download-title">
        <h1 id="download-title">Your data</h1>
        <p>
          Download a copy of what Chitter holds about you: your profile, email address and settings, your peeps, your reposts, the people you follow and who
          follow you, the people you mute or block, and the names and dates of your API tokens (never the tokens themselves). It is one
          JSON file.
        </p>
        <p>
          <a className="button" href="/settings/leave/download" download={`chitter-${viewer.user.username}.json`}>
            Download my data
          </a>
        </p>
      </section>
      <section className="card settings" aria-labelledby="delete-title">
        <h2 id="delete-title">Delete your account</h2>
        <p>Deleting your account removes, at once and for good:</p>
        <ul>
          <li>your profile, name, email address and picture;</li>
          <li>all your peeps, and your reposts of other people’s;</li>
          <li>who you follow and who follows you, and whom you mute or block;</li>
          <li>every session and API token, so you are logged out everywhere;</li>
          <li>any email still waiting to be sent to you or about you.</li>
        </ul>
        <p>
          Your handle @{viewer.user.username} is kept from everyone for 30 days, so nobody can pose as you at once; after that anyone can take it. Download
          your data first if you want a copy: it cannot be recovered.
        </p>
        <DeleteAccountForm />
      </section>
    </>
  );
}
