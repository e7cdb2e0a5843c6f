// The no-framework reference for `npm run bench`: node:http with Chitter's own session check (Auth.js's token,
// then the session row) and Chitter's own home-timeline query through its data layer, writing equivalent HTML, a
// repost form per peep, by string building. Chitter's logged-in pages are compared to it.
// Usage: DATABASE_URL=… AUTH_SECRET=… PORT=3303 node --require ./scripts/no-server-only.cjs --import tsx bench/reference-following.mts
import { createServer } from 'node:http';
import { getToken } from 'next-auth/jwt';
import { findSessionUser } from '@/db/queries/sessions';
import { listHomeTimeline } from '@/db/queries/timelines';
import { env } from '@/lib/env';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

createServer(async (req, res) => {
  try {
    const token = await getToken({ req: { headers: { cookie: req.headers.cookie ?? '' } }, secret: env().AUTH_SECRET, secureCookie: false });
    const user = typeof token?.sid === 'string' ? await findSessionUser({ sessionId: token.sid }) : null;
    if (!user) return void res.writeHead(303, { location: '/login' }).end();
    const page = await listHomeTimeline({ userId: user.id, viewerId: user.id });
    let html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Following · Chitter</title></head><body>`;
    html += `<header><a href="/u/${user.username}">@${escape(user.username)}</a></header><main><ol>`;
    for (const { peep, repostedBy } of page.items) {
      const author = `/u/${peep.author.username}`;
      html += `<li><article>${repostedBy ? `<p>reposted by ${escape(repostedBy.name)}</p>` : ''}<header><a href="${author}">${escape(peep.author.name)}</a> `;
      html += `<a href="${author}">@${peep.author.username}</a> <a href="/p/${peep.id}"><time datetime="${peep.createdAt.toISOString()}">${peep.createdAt.toISOString()}</time></a></header>`;
      html += `<p>${escape(peep.body)}</p><footer><form method="post"><input type="hidden" name="peepId" value="${peep.id}">`;
      html += `<button>${peep.reposted ? 'Reposted' : 'Repost'}</button></form> ${peep.repostCount} reposts</footer></article></li>`;
    }
    html += '</ol></main></body></html>';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  } catch (err) {
    res.writeHead(500).end(String(err));
  }
}).listen(Number(process.env.PORT || 3303), '127.0.0.1');
