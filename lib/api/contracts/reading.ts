import { z } from 'zod';
import { TAG_MAX } from '@/lib/hashtags';
import { PEOPLE_CURSOR_MAX, SEARCH_RAW_MAX } from '@/lib/search-query';
import { contract } from '../contract';
import { notificationShape, onlineShape, pageOf, pageQuery, peepIdParams, peepShape, personShape, profileShape, timelineItemShape, usernameParams } from './shapes';

const timelinePage = pageOf(timelineItemShape, 'TimelinePage');
const peoplePage = pageOf(personShape, 'PersonPage');
const peepPage = pageOf(peepShape, 'PeepPage');

const LINK = ['Link'];
const PAGED = 'A page, newest first: `next` (and the `Link: rel="next"` header) leads on, null at the end.';
const HIDDEN = 'People the token’s owner mutes or blocks, and people who block them, are left out.';
const BLOCKED = 'A 403 when the token’s owner and the peep’s author block each other (either way), as the web hides it.';
const MOVED = {
  description: 'The handle was given up by a rename in the last 30 days: Location names the same resource under the person’s new handle. Temporary, as the old handle is free for anyone after that.',
  headers: ['Location'],
};

const repliesPage = peepPage
  .extend({
    ancestors: z
      .array(z.object({ id: z.number().int(), peep: peepShape.nullable().meta({ description: 'Null when its author is hidden from the token’s owner.' }) }))
      .meta({ description: 'The peeps this one answers, oldest first, at most 50.' }),
    deletedAbove: z.boolean().meta({ description: 'The chain breaks at a deleted peep above the oldest one listed.' }),
    moreAbove: z.number().int().nullable().meta({ description: 'The next peep up when the chain is longer than listed: read its replies for more.' }),
  })
  .meta({ id: 'Replies' });

const searchQuery = pageQuery.extend({
  q: z.string().max(SEARCH_RAW_MAX).meta({ description: 'Up to 100 characters; a leading @ is dropped.' }),
});

/** A person's followers, or the people they follow: one list read two ways. */
function followList<const D extends 'followers' | 'following', const O extends string>(direction: D, operationId: O, summary: string) {
  return contract({
    method: 'GET',
    path: `/users/{username}/${direction}`,
    operationId,
    summary,
    description: `Most recent follow first. ${PAGED}`,
    tag: 'People',
    auth: 'optional',
    params: usernameParams,
    query: pageQuery,
    responses: { 200: { description: 'A page of people.', schema: peoplePage, headers: LINK }, 307: MOVED },
  });
}

export const readingContracts = {
  listPublicTimeline: contract({
    method: 'GET',
    path: '/timelines/public',
    operationId: 'listPublicTimeline',
    summary: 'Everyone’s peeps',
    description: `Every peep, newest first; reposts are not repeated here. ${HIDDEN} ${PAGED}`,
    tag: 'Timelines',
    auth: 'optional',
    query: pageQuery,
    responses: { 200: { description: 'A page of peeps.', schema: timelinePage, headers: LINK } },
  }),
  listHomeTimeline: contract({
    method: 'GET',
    path: '/timelines/home',
    operationId: 'listHomeTimeline',
    summary: 'Peeps and reposts by the people you follow',
    description: `The web’s Following page: your own peeps and those of the people you follow, and what they reposted, each peep once where it last appeared. People you mute are left out, and reposts of peeps by anyone you hide. ${PAGED}`,
    tag: 'Timelines',
    auth: 'required',
    query: pageQuery,
    responses: { 200: { description: 'A page of peeps and reposts.', schema: timelinePage, headers: LINK } },
  }),
  listUserPeeps: contract({
    method: 'GET',
    path: '/users/{username}/peeps',
    operationId: 'listUserPeeps',
    summary: 'A person’s peeps and reposts',
    description: `Newest first, each peep once. Reposts of peeps by people you hide are left out; a 403 when you and they block each other. ${PAGED}`,
    tag: 'Timelines',
    auth: 'optional',
    params: usernameParams,
    query: pageQuery,
    responses: { 200: { description: 'A page of peeps and reposts.', schema: timelinePage, headers: LINK }, 307: MOVED },
  }),
  listTagPeeps: contract({
    method: 'GET',
    path: '/tags/{tag}',
    operationId: 'listTagPeeps',
    summary: 'Peeps with a #tag',
    description: `The tag without its #, in any case or accent form (#Café, #cafe and #CAFÉ are one tag). ${HIDDEN} ${PAGED}`,
    tag: 'Timelines',
    auth: 'optional',
    params: z.object({ tag: z.string().max(TAG_MAX * 12).meta({ description: 'A tag, without the #.' }) }),
    query: pageQuery,
    responses: { 200: { description: 'A page of peeps.', schema: timelinePage, headers: LINK } },
  }),
  getUser: contract({
    method: 'GET',
    path: '/users/{username}',
    operationId: 'getUser',
    summary: 'A person’s profile, with counts',
    description: 'With a token, `you` says how its owner stands with them (following, muting, blocking, blocked by).',
    tag: 'People',
    auth: 'optional',
    params: usernameParams,
    responses: { 200: { description: 'The profile.', schema: profileShape }, 307: MOVED },
  }),
  listFollowers: followList('followers', 'listFollowers', 'Who follows a person'),
  listFollowing: followList('following', 'listFollowing', 'Who a person follows'),
  getPeep: contract({
    method: 'GET',
    path: '/peeps/{id}',
    operationId: 'getPeep',
    summary: 'One peep',
    description: BLOCKED,
    tag: 'Peeps',
    auth: 'optional',
    params: peepIdParams,
    responses: { 200: { description: 'The peep.', schema: peepShape } },
  }),
  deletePeep: contract({
    method: 'DELETE',
    path: '/peeps/{id}',
    operationId: 'deletePeep',
    summary: 'Delete your peep',
    description: 'Only its author can; anyone else’s peep answers 404, as one that is gone. Its replies stay, as replies to a deleted peep.',
    tag: 'Peeps',
    auth: 'required',
    params: peepIdParams,
    rateLimit: 'interaction',
    responses: { 204: { description: 'Deleted.', headers: ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'] } },
  }),
  listReplies: contract({
    method: 'GET',
    path: '/peeps/{id}/replies',
    operationId: 'listReplies',
    summary: 'A peep’s conversation: the peeps above it and its replies',
    description: `Replies by the peep’s author first (a thread they wrote reads on in order), then everyone else’s, each oldest first; \`next\` leads on. ${HIDDEN} ${BLOCKED}`,
    tag: 'Peeps',
    auth: 'optional',
    params: peepIdParams,
    query: pageQuery,
    responses: { 200: { description: 'A page of replies, with the peeps above.', schema: repliesPage, headers: LINK } },
  }),
  listLikes: contract({
    method: 'GET',
    path: '/peeps/{id}/likes',
    operationId: 'listLikes',
    summary: 'Who liked a peep',
    description: `Newest like first. ${HIDDEN} ${BLOCKED}`,
    tag: 'Peeps',
    auth: 'optional',
    params: peepIdParams,
    query: pageQuery,
    responses: { 200: { description: 'A page of people.', schema: peoplePage, headers: LINK } },
  }),
  searchPeople: contract({
    method: 'GET',
    path: '/search/people',
    operationId: 'searchPeople',
    summary: 'Find people by name or handle',
    description: 'The exact handle first, then handles that start with the text, then names or handles holding it as a word, then similar spellings. `next` leads on.',
    tag: 'Search',
    auth: 'optional',
    query: searchQuery.extend({ before: z.string().max(PEOPLE_CURSOR_MAX).optional().meta({ description: 'The `next` cursor of the page before.' }) }),
    responses: { 200: { description: 'A page of people.', schema: peoplePage, headers: LINK } },
  }),
  searchPeeps: contract({
    method: 'GET',
    path: '/search/peeps',
    operationId: 'searchPeeps',
    summary: 'Find peeps by their words',
    description: `Peeps holding every word, newest first; "quoted words" as a phrase, \`or\` between alternatives, \`-word\` to leave one out. ${HIDDEN} ${PAGED}`,
    tag: 'Search',
    auth: 'optional',
    query: searchQuery,
    responses: { 200: { description: 'A page of peeps.', schema: peepPage, headers: LINK } },
  }),
  listOnline: contract({
    method: 'GET',
    path: '/online',
    operationId: 'listOnline',
    summary: 'Who is online',
    description: 'People seen in the last five minutes, as the web’s Who’s online panel lists them; people who hide their status are not counted.',
    tag: 'People',
    auth: 'none',
    responses: { 200: { description: 'How many, and the most recent.', schema: onlineShape } },
  }),
  listNotifications: contract({
    method: 'GET',
    path: '/notifications',
    operationId: 'listNotifications',
    summary: 'Your notifications',
    description: `Newest first, one per event (the web groups them). Reading them does not mark them read. Notifications from people you hide are left out. ${PAGED}`,
    tag: 'Notifications',
    auth: 'required',
    query: pageQuery,
    responses: { 200: { description: 'A page of notifications.', schema: pageOf(notificationShape, 'NotificationPage'), headers: LINK } },
  }),
  countUnreadNotifications: contract({
    method: 'GET',
    path: '/notifications/unread',
    operationId: 'countUnreadNotifications',
    summary: 'How many notifications are unread',
    tag: 'Notifications',
    auth: 'required',
    responses: {
      200: {
        description: 'The count, up to 21: 21 means “more than 20” (the web shows “20+”).',
        schema: z.object({ count: z.number().int() }).meta({ id: 'UnreadCount' }),
      },
    },
  }),
};
