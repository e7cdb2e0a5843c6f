import type { Metadata } from 'next';
import { openApiDocument, type Operation } from '@/lib/api/openapi';
import { API_PREFIX } from '@/lib/api/contract';
import { env } from '@/lib/env';
import { Code, Endpoint, FieldList } from './_components/endpoint';
import { fieldsOf } from './_components/schema-text';

export const metadata: Metadata = { title: 'API reference', description: 'Chitter’s JSON API: tokens, endpoints, errors, pages and the live stream.' };

const AUTH_TEXT: Record<Operation['x-auth'], string> = { required: 'token needed', optional: 'token optional', none: 'no token' };

export default function ApiDocsPage() {
  const doc = openApiDocument();
  const base = `${env().APP_URL.replace(/\/$/, '')}${API_PREFIX}`;
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })));
  const groups = doc.tags.map((tag) => ({ ...tag, operations: operations.filter((o) => o.op.tags[0] === tag.name) })).filter((g) => g.operations.length > 0);
  const schemas = Object.entries(doc.components.schemas);
  return (
    <div className="api-docs">
      <section className="card" aria-labelledby="api-title">
        <h1 id="api-title">Chitter API</h1>
        <p>
          Everything the web app does, as JSON, for scripts, bots and apps, and the <Code text="npx chitter" /> terminal client. The same rules and limits apply as
          on the web. This page is built from the <a href={`${API_PREFIX}/openapi.json`}>OpenAPI 3.1 document</a>, which code generators read.
        </p>
        <h2>Base address</h2>
        <pre>{base}</pre>
        <h2>Tokens</h2>
        <p>
          Every request is made as the person whose personal access token it sends, in the header <Code text="Authorization: Bearer chitter_…" />. Get one with{' '}
          <a href="#op-logIn">POST /login</a> (or <a href="#op-signUp">POST /signup</a>), or make and revoke them in <a href="/settings/tokens">Settings → API tokens</a>. A token is shown once; Chitter keeps only
          its hash. <a href="#op-logOut">POST /logout</a> revokes the one sent, and changing your password revokes them all. The API never reads cookies, so a
          page on another site cannot act for you through it.
        </p>
        <h2>Errors</h2>
        <p>
          A refusal is JSON with a status that says what happened: <Code text={'{ "error": { "code", "message", "fields" } }'} />, where <Code text="code" /> is
          stable for programs, <Code text="message" /> is a sentence for a person and <Code text="fields" /> (on a 422) says what is wrong with each input.
        </p>
        <h2>Pages</h2>
        <p>
          Lists come newest first as <Code text={'{ "items": [...], "next": "…" }'} />. Pass <Code text="next" /> back as <Code text="?before=" /> for the page
          after, with <Code text="?limit=" /> from 1 to 100 (default 20); the same address is in the <Code text={'Link: <…>; rel="next"'} /> header, as Mastodon
          sends it. <Code text="next" /> is null on the last page.
        </p>
        <h2>Rate limits</h2>
        <p>
          Writes count against the same limits as the web’s forms. Limited endpoints answer <Code text="RateLimit-Limit" />, <Code text="RateLimit-Remaining" />{' '}
          and <Code text="RateLimit-Reset" /> (seconds); past the limit, a 429 with <Code text="Retry-After" /> in seconds.
        </p>
        <h2>Live stream</h2>
        <p>
          <a href="#op-streamTimeline">GET /stream</a> sends Server-Sent Events as things happen: an event’s id and type with the peep and person it concerns,
          which you fetch. Reconnect with <Code text="Last-Event-ID" /> to be sent what you missed.
        </p>
        <nav aria-labelledby="api-contents">
          <h2 id="api-contents">Endpoints</h2>
          <ul className="api-contents">
            {groups.map((group) => (
              <li key={group.name}>
                <a href={`#tag-${group.name}`}>{group.name}</a>
                <ul>
                  {group.operations.map(({ method, path, op }) => (
                    <li key={op.operationId}>
                      <a href={`#op-${op.operationId}`}>
                        <Code text={`${method} ${path}`} />
                      </a>{' '}
                      {op.summary}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
            <li>
              <a href="#schemas">Shapes</a>
            </li>
          </ul>
        </nav>
      </section>
      {groups.map((group) => (
        <section key={group.name} className="api-group" aria-labelledby={`tag-${group.name}`}>
          <h2 id={`tag-${group.name}`}>{group.name}</h2>
          {group.description && <p className="muted">{group.description}</p>}
          {group.operations.map(({ method, path, op }) => (
            <Endpoint key={op.operationId} method={method} path={path} op={op} auth={AUTH_TEXT[op['x-auth']]} base={base} components={doc.components.schemas} />
          ))}
        </section>
      ))}
      <section className="api-group" aria-labelledby="schemas">
        <h2 id="schemas">Shapes</h2>
        {schemas.map(([name, schema]) => (
          <article key={name} className="card api-endpoint" aria-labelledby={`schema-${name}`}>
            <h3 id={`schema-${name}`}>{name}</h3>
            <FieldList fields={fieldsOf(schema, doc.components.schemas)} />
          </article>
        ))}
      </section>
    </div>
  );
}
