import type { Metadata } from 'next';
import { Live } from '@/app/_components/live';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { Avatar } from '@/app/_components/avatar';
import { PeepBody } from '@/app/_components/peep-body';
import { FollowButton } from '@/app/_components/follow-button';
import { PersonMenu, SilenceButton } from '@/app/_components/mute-block';
import { Presence } from '@/app/_components/presence';
import { Timeline } from '@/app/_components/timeline';
import { readOrUnavailable } from '@/app/_components/unavailable';
import { findRenamedHandle } from '@/db/queries/handles';
import { findProfile, type Profile } from '@/db/queries/people';
import { findUsernames } from '@/db/queries/profiles';
import { mentionedHandles } from '@/lib/mentions';
import { listProfileTimeline } from '@/db/queries/timelines';
import { getCurrentUser, type CurrentUser } from '@/auth/current-user';
import { isHandle } from '@/lib/validation';
import { BadPageLink, isFirstPage, parsePageRange, type PageRange } from '../../before-param';

type Props = { params: Promise<{ username: string }>; searchParams: Promise<{ before?: string | string[]; after?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { username } = await params;
  const read = isHandle(username) ? await readOrUnavailable(() => findProfile({ username })) : null;
  const profile = read?.ok ? read.value : null;
  return { title: profile ? `${profile.name} (@${profile.username})` : 'Page not found' };
}

export default async function ProfilePage({ params, searchParams }: Props) {
  const [{ username }, query] = await Promise.all([params, searchParams]);
  if (!isHandle(username)) notFound();
  const range = parsePageRange(query);
  if (range === null) return <BadPageLink back={`/u/${username}`} />;
  const read = await readOrUnavailable(async () => {
    const viewer = await getCurrentUser();
    const profile = await findProfile({ username, viewerId: viewer?.id });
    // A bio links only the handles of people on Chitter, as a peep links only those it mentioned.
    const bioMentions = profile?.bio ? await findUsernames({ handles: mentionedHandles(profile.bio) }) : [];
    return { viewer, profile, bioMentions, renamedTo: profile ? null : await findRenamedHandle({ handle: username }) };
  });
  if (!read.ok) return read.page;
  const { viewer, profile, bioMentions, renamedTo } = read.value;
  // A handle given up by a change leads to its person for 30 days.
  if (renamedTo) redirect(`/u/${renamedTo}`);
  if (!profile) notFound();
  const path = `/u/${profile.username}`;
  const joined = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(profile.createdAt);
  const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
  return (
    <>
      <section className="profile card">
        <div className="profile-head">
          <Avatar name={profile.name} username={profile.username} version={profile.avatarVersion} size="large" />
          <div className="profile-names">
            <h1>
              <bdi>{profile.name}</bdi>
            </h1>
            <p className="handle">@{profile.username}</p>
          </div>
          {viewer && viewer.id !== profile.id && (
            <div className="profile-actions">
              {!profile.blockedByViewer && !profile.blocksViewer && (
                <FollowButton username={profile.username} name={profile.name} following={profile.followedByViewer} returnTo={path} />
              )}
              <PersonMenu username={profile.username} name={profile.name} muted={profile.mutedByViewer} blocked={profile.blockedByViewer} returnTo={path} />
            </div>
          )}
        </div>
        {profile.bio && <PeepBody body={profile.bio} mentionedAs={Object.fromEntries(bioMentions.map((u) => [u.toLowerCase(), u]))} links className="bio" />}
        {viewer && <Standing profile={profile} returnTo={path} />}
        <Presence lastSeenAt={profile.lastSeenAt?.toISOString() ?? null} />
        <p className="joined">Joined {joined}</p>
        <ul className="counts" aria-label="Counts">
          <li>{plural(profile.peepCount, 'peep', 'peeps')}</li>
          <li>
            <Link href={`${path}/followers`}>{plural(profile.followerCount, 'follower', 'followers')}</Link>
          </li>
          <li>
            <Link href={`${path}/following`}>{profile.followingCount.toLocaleString('en-US')} following</Link>
          </li>
        </ul>
      </section>
      <h2 className="section-title">Peeps and reposts</h2>
      {profile.blockedByViewer || profile.blocksViewer ? (
        <p className="empty">Their peeps are hidden while {profile.blockedByViewer ? 'you block them' : 'they block you'}.</p>
      ) : (
        <>
          {isFirstPage(range) && <Live stream={`u:${profile.username}`} viewerId={viewer?.id} />}
          <ProfileTimeline profile={profile} viewer={viewer} range={range} />
        </>
      )}
    </>
  );
}

/** What the viewer has done about this person (or they about the viewer), said under the profile's name. */
function Standing({ profile, returnTo }: { profile: Profile; returnTo: string }) {
  const target = { username: profile.username, name: profile.name, returnTo };
  if (profile.blockedByViewer) {
    return (
      <div className="standing">
        <p>You’ve blocked @{profile.username}: you don’t follow each other, they can’t follow you, and neither of you sees the other’s peeps.</p>
        <SilenceButton action="unblock" {...target} />
      </div>
    );
  }
  if (profile.blocksViewer) {
    return (
      <div className="standing">
        <p>@{profile.username} has blocked you. You can’t follow them, and their peeps don’t show for you.</p>
      </div>
    );
  }
  if (profile.mutedByViewer) {
    return (
      <div className="standing">
        <p>You’ve muted @{profile.username}. Their peeps and reposts stay out of your timelines and search, and their mentions don’t email you. They aren’t told.</p>
        <SilenceButton action="unmute" {...target} />
      </div>
    );
  }
  return null;
}

async function ProfileTimeline({ profile, viewer, range }: { profile: Profile; viewer: CurrentUser | null; range: PageRange }) {
  const read = await readOrUnavailable(() => listProfileTimeline({ userId: profile.id, viewerId: viewer?.id, ...range }));
  if (!read.ok) return read.page;
  const path = `/u/${profile.username}`;
  // "Newer peeps" that reached the top is the first page, with its live updates.
  if (range.after && !read.value.newer) redirect(path);
  return <Timeline page={read.value} viewer={viewer} basePath={path} empty={isFirstPage(range) ? `@${profile.username} hasn’t peeped yet.` : 'No older peeps.'} />;
}
