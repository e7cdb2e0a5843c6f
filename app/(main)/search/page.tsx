import type { Metadata } from 'next';
import { PersonList } from '@/app/_components/person-list';
import { readOrUnavailable } from '@/app/_components/unavailable';
import { searchPeople } from '@/db/queries/people';
import { setResponseStatus } from '@/server/context';
import { parseSearchQuery, SEARCH_MAX } from '@/lib/search-query';
import { getCurrentUser } from '@/auth/current-user';

export const metadata: Metadata = { title: 'Search people' };

export default async function SearchPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const { q } = await searchParams;
  const typed = typeof q === 'string' ? q : '';
  const parsed = parseSearchQuery(typed);
  if (!parsed.ok && parsed.message) setResponseStatus(400);
  const read = await readOrUnavailable(async () => {
    const viewer = await getCurrentUser();
    return { viewer, people: parsed.ok ? await searchPeople({ query: parsed.query, viewerId: viewer?.id }) : [] };
  });
  if (!read.ok) return read.page;
  const { viewer, people } = read.value;
  return (
    <section>
      <h1 className="page-title">Search people</h1>
      <form action="/search" role="search" className="search-page-form">
        <label htmlFor="search-page-q">Name or @handle</label>
        <div className="inline-field">
          <input id="search-page-q" name="q" type="search" defaultValue={typed} maxLength={SEARCH_MAX * 2} aria-describedby="search-page-q-error" />
          <button type="submit">Search</button>
        </div>
        <p id="search-page-q-error" className="field-error" aria-live="polite">
          {!parsed.ok ? parsed.message : null}
        </p>
      </form>
      {parsed.ok &&
        (people.length === 0 ? (
          <p className="empty">Nobody’s handle or name starts with “{parsed.query}”.</p>
        ) : (
          <PersonList people={people} viewer={viewer} returnTo={`/search?q=${encodeURIComponent(parsed.query)}`} label="People found" />
        ))}
    </section>
  );
}
