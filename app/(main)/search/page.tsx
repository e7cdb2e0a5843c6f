import type { Metadata } from 'next';
import Link from 'next/link';
import { PeepItem } from '@/app/_components/peep-item';
import { PersonList } from '@/app/_components/person-list';
import { readOrUnavailable } from '@/app/_components/unavailable';
import { searchPeeps } from '@/db/queries/peep-search';
import { searchPeople } from '@/db/queries/people';
import { setResponseStatus } from '@/server/context';
import { decodeCursor, encodeCursor } from '@/lib/cursor';
import { decodePeopleCursor, encodePeopleCursor, parseSearchQuery, parseSearchTab, SEARCH_MAX, type SearchTab } from '@/lib/search-query';
import { getCurrentUser } from '@/auth/current-user';

export const metadata: Metadata = { title: 'Search' };

type Params = { q?: string | string[]; tab?: string | string[]; after?: string | string[]; before?: string | string[] };

/** `/search?q=…[&tab=peeps]`, and the page after one: `&after=` (people) or `&before=` (peeps, older). */
function searchPath(query: string, tab: SearchTab, more?: { after: string } | { before: string }): string {
  const params = new URLSearchParams({ q: query });
  if (tab === 'peeps') params.set('tab', 'peeps');
  if (more) for (const [name, value] of Object.entries(more)) params.set(name, value);
  return `/search?${params}`;
}

export default async function SearchPage({ searchParams }: { searchParams: Promise<Params> }) {
  const { q, tab: rawTab, after: rawAfter, before: rawBefore } = await searchParams;
  const typed = typeof q === 'string' ? q : '';
  const parsed = parseSearchQuery(q);
  const tab = parseSearchTab(rawTab);
  // A page link we did not make (or one for the other tab) is a 400, and never reaches the database.
  const after = typeof rawAfter === 'string' && tab === 'people' ? decodePeopleCursor(rawAfter) : rawAfter === undefined ? undefined : null;
  const before = typeof rawBefore === 'string' && tab === 'peeps' ? decodeCursor(rawBefore) : rawBefore === undefined ? undefined : null;
  const badLink = after === null || before === null;
  if ((!parsed.ok && parsed.message) || badLink) setResponseStatus(400);
  const query = parsed.ok && !badLink ? parsed.query : null;

  const read = await readOrUnavailable(async () => {
    const viewer = await getCurrentUser();
    if (query === null) return { viewer, found: null };
    if (tab === 'peeps') return { viewer, found: { tab, page: await searchPeeps({ query, viewerId: viewer?.id, before }) } as const };
    return { viewer, found: { tab, page: await searchPeople({ query, viewerId: viewer?.id, after }) } as const };
  });
  if (!read.ok) return read.page;
  const { viewer, found } = read.value;
  const here = query === null ? '/search' : searchPath(query, tab);
  const paged = Boolean(after || before);

  return (
    <section>
      <h1 className="page-title">Search</h1>
      <form action="/search" role="search" className="search-page-form">
        <label htmlFor="search-page-q">Name, @handle or words in peeps</label>
        <div className="inline-field">
          <input id="search-page-q" name="q" type="search" defaultValue={typed} maxLength={SEARCH_MAX} aria-describedby="search-page-q-error" />
          {tab === 'peeps' && <input type="hidden" name="tab" value="peeps" />}
          <button type="submit">Search</button>
        </div>
        <p id="search-page-q-error" className="field-error" aria-live="polite">
          {!parsed.ok ? parsed.message : null}
        </p>
      </form>
      {query === null && !badLink && <p className="muted">Find people by their name or @handle, and peeps by the words in them.</p>}
      {badLink && (
        <p className="notice-bar">
          That link to more results was damaged or made up.{' '}
          {parsed.ok && <Link href={searchPath(parsed.query, tab)}>Back to the first results</Link>}
        </p>
      )}
      {query !== null && (
        <nav className="tabs" aria-label="Search results">
          <Link href={searchPath(query, 'people')} aria-current={tab === 'people' ? 'page' : undefined} prefetch={false}>
            People
          </Link>
          <Link href={searchPath(query, 'peeps')} aria-current={tab === 'peeps' ? 'page' : undefined} prefetch={false}>
            Peeps
          </Link>
        </nav>
      )}
      {found?.tab === 'people' &&
        (found.page.people.length === 0 ? (
          <p className="empty">{paged ? 'Nobody else matches.' : `Nobody’s name or handle matches “${query}”.`}</p>
        ) : (
          <PersonList people={found.page.people} viewer={viewer} returnTo={here} label="People found" />
        ))}
      {found?.tab === 'peeps' &&
        (found.page.peeps.length === 0 ? (
          <p className="empty">{paged ? 'No older peeps match.' : `No peeps match “${query}”.`}</p>
        ) : (
          <ol className="peeps" aria-label="Peeps found">
            {found.page.peeps.map((peep, i) => (
              <li key={peep.id}>
                <PeepItem peep={peep} viewer={viewer} returnTo={here} lazy={i >= 6} />
              </li>
            ))}
          </ol>
        ))}
      {query !== null && found && (
        <MoreLink
          href={
            found.tab === 'people'
              ? found.page.next && searchPath(query, 'people', { after: encodePeopleCursor(found.page.next) })
              : found.page.next && searchPath(query, 'peeps', { before: encodeCursor(found.page.next) })
          }
          label={found.tab === 'people' ? 'More people' : 'Older peeps'}
        />
      )}
    </section>
  );
}

/** A plain link, so the next page works without JavaScript. */
function MoreLink({ href, label }: { href: string | null; label: string }) {
  if (!href) return null;
  return (
    <nav className="pager" aria-label="Pagination">
      <Link href={href} rel="next" prefetch={false}>
        {label}
      </Link>
    </nav>
  );
}
