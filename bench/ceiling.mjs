// The ceiling: a bare node:http + pg server running the same public-stream query as Chitter and writing equivalent
// HTML by string building. What Chitter's public stream achieves is reported as a fraction of this.
// Usage: DATABASE_URL=postgres://… PORT=3301 node bench/ceiling.mjs
import { createServer } from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const QUERY = `select p.id, p.body, p.created_at, a.username, a.name,
    (select count(*)::int from reposts rc where rc.peep_id = p.id) as repost_count
  from (select id from peeps order by created_at desc, id desc limit 50) top
  join peeps p on p.id = top.id join users a on a.id = p.author_id
  order by p.created_at desc, p.id desc`;
const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

createServer(async (req, res) => {
  try {
    const { rows } = await pool.query(QUERY);
    let html = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Chitter</title></head><body><main><ol>';
    for (const r of rows) {
      html += `<li><article><header><a href="/u/${escape(r.username)}">${escape(r.name)}</a> <a href="/u/${escape(r.username)}">@${escape(r.username)}</a>`;
      html += ` <time datetime="${r.created_at.toISOString()}">${r.created_at.toISOString()}</time></header><p>${escape(r.body)}</p>`;
      html += `<footer>${r.repost_count} reposts</footer></article></li>`;
    }
    html += '</ol></main></body></html>';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  } catch (err) {
    res.writeHead(500).end(String(err));
  }
}).listen(Number(process.env.PORT || 3301), '127.0.0.1');
