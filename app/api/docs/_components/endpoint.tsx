import type { Operation } from '@/lib/api/openapi';
import { exampleOf, fieldsOf, refName, typeText, type Components, type Field } from './schema-text';

/** Text as code; with `markdown`, prose whose `backticked` parts are code, as the contracts' descriptions are written. */
export function Code({ text, markdown = false }: { text: string; markdown?: boolean }) {
  if (!markdown) return <code>{text}</code>;
  return <>{text.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>;
}

/** Named inputs or outputs: each name, its type and limits, whether it may be left out, and what it is for. */
export function FieldList({ fields }: { fields: Field[] }) {
  if (fields.length === 0) return null;
  return (
    <dl className="api-fields">
      {fields.map((f) => (
        <div key={f.name}>
          <dt>
            <Code text={f.name} /> <span className="muted">{f.type}</span>
            {!f.required && <span className="muted"> (optional)</span>}
          </dt>
          {f.description && (
            <dd>
              <Code text={f.description} markdown />
            </dd>
          )}
        </div>
      ))}
    </dl>
  );
}

/** A shell command that calls the endpoint, with the token from $CHITTER_TOKEN and a body of its required fields. */
function curlOf(method: string, path: string, op: Operation, base: string, components: Components): string {
  const lines = [`curl${method === 'GET' ? '' : ` -X ${method}`} '${base}${path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'username' ? 'ana' : '1'))}${queryExample(op)}'`];
  if (op['x-auth'] === 'required') lines.push(`-H "Authorization: Bearer $CHITTER_TOKEN"`);
  if (op.operationId === 'streamTimeline') lines[0] = `curl -N${lines[0].slice(4)}`;
  const body = op.requestBody?.content['application/json']?.schema;
  if (body) lines.push(`-H 'Content-Type: application/json'`, `-d '${JSON.stringify(exampleOf(body, components))}'`);
  return lines.join(' \\\n  ');
}

function queryExample(op: Operation): string {
  const required = (op.parameters ?? []).filter((p) => p.in === 'query' && p.required);
  return required.length ? `?${required.map((p) => `${p.name}=${p.name === 'timeline' ? 'public' : p.name === 'q' ? 'ana' : '…'}`).join('&')}` : '';
}

export function Endpoint({ method, path, op, auth, base, components }: { method: string; path: string; op: Operation; auth: string; base: string; components: Components }) {
  const id = `op-${op.operationId}`;
  const body = op.requestBody?.content['application/json']?.schema;
  return (
    <article className="card api-endpoint" aria-labelledby={id}>
      <h3 id={id}>
        <span className="api-method">{method}</span> <code>{path}</code>
      </h3>
      <p>
        <strong>{op.summary}</strong> <span className="muted">({auth})</span>
      </p>
      {op.description && (
        <p>
          <Code text={op.description} markdown />
        </p>
      )}
      {op.parameters && op.parameters.length > 0 && (
        <>
          <h4>Parameters</h4>
          <FieldList
            fields={op.parameters.map((p) => ({ name: p.name, type: `in ${p.in}, ${typeText(p.schema)}`, required: p.required, description: p.description ?? null }))}
          />
        </>
      )}
      {body && (
        <>
          <h4>Body (JSON)</h4>
          <FieldList fields={fieldsOf(body, components)} />
        </>
      )}
      <h4>Responses</h4>
      <ul className="api-responses">
        {Object.entries(op.responses).map(([status, r]) => {
          const [type, content] = Object.entries(r.content ?? {})[0] ?? [];
          const shape = content ? refName(content.schema) : null;
          return (
            <li key={status}>
              <strong>{status}</strong> <Code text={r.description} markdown />
              {shape && (
                <>
                  {' '}
                  <a href={`#schema-${shape}`}>{shape}</a>
                </>
              )}
              {type && type !== 'application/json' && <span className="muted"> ({type})</span>}
              {r.headers && <span className="muted"> Headers: {Object.keys(r.headers).join(', ')}.</span>}
            </li>
          );
        })}
      </ul>
      <h4>Example</h4>
      <pre>{curlOf(method, path, op, base, components)}</pre>
    </article>
  );
}
