import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { FollowPeoplePage } from '@/app/_components/follow-people-page';
import { isHandle } from '@/lib/validation';

type Props = { params: Promise<{ username: string; list: string }>; searchParams: Promise<{ before?: string | string[] }> };

const LISTS = { followers: 'Followers', following: 'Following' } as const;
const isList = (list: string): list is keyof typeof LISTS => list === 'followers' || list === 'following';

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { username, list } = await params;
  return { title: isList(list) && isHandle(username) ? `${LISTS[list]} · @${username}` : 'Page not found' };
}

/** /u/:username/followers and /u/:username/following. */
export default async function FollowListPage({ params, searchParams }: Props) {
  const [{ username, list }, { before }] = await Promise.all([params, searchParams]);
  if (!isList(list)) notFound();
  return <FollowPeoplePage username={username} direction={list} before={before} />;
}
