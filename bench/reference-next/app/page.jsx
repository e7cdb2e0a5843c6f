// The bare-framework reference for `npm run bench`: a Next.js server component rendering 50 plain rows on every
// request, with no data source, no cache and no client components. Chitter's logged-in pages are compared to it.
import { connection } from 'next/server';

const BASE = Date.UTC(2026, 10, 23);

export default async function Page() {
  // Rendered on every request, as Chitter's logged-in pages are.
  await connection();
  const rows = Array.from({ length: 50 }, (_, i) => ({
    id: i,
    name: `Person ${i}`,
    username: `person_${i}`,
    at: new Date(BASE - i * 60_000).toISOString(),
    body: `Peep number ${i}, about as long as a short peep usually is, with a few more words.`,
  }));
  return (
    <main>
      <ol>
        {rows.map((row) => (
          <li key={row.id}>
            <article>
              <header>
                <a href={`/u/${row.username}`}>{row.name}</a> <a href={`/u/${row.username}`}>@{row.username}</a> <time dateTime={row.at}>{row.at}</time>
              </header>
              <p>{row.body}</p>
            </article>
          </li>
        ))}
      </ol>
    </main>
  );
}
