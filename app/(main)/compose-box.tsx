'use client';

import { useActionState, useState, useSyncExternalStore } from 'react';
import { countGraphemes, PEEP_MAX_GRAPHEMES } from '@/lib/graphemes';
import type { FormState } from '@/lib/form-state';
import { postPeep } from './actions';
import { useUnknownHandles } from './use-unknown-handles';

// Nothing to subscribe to: whether the page has hydrated never changes once it has.
const subscribeToNothing = () => () => {};

/** `name` is left out when the session cannot be checked (a database outage): the box still keeps what was typed. */
export function ComposeBox({ name, returnTo }: { name?: string; returnTo: string }) {
  const [state, action, pending] = useActionState(postPeep, {} as FormState);
  const [text, setText] = useState(state.values?.body ?? '');
  const count = countGraphemes(text.trim());
  const unknown = useUnknownHandles(text);
  // Until hydration the counter cannot run, so the button stays usable for a browser without JavaScript.
  // React renders the server snapshot (false) on the server and while hydrating, then the client's (true).
  const hydrated = useSyncExternalStore(subscribeToNothing, () => true, () => false);
  const left = PEEP_MAX_GRAPHEMES - count;
  const error = state.fieldErrors?.body ?? state.message;
  return (
    <form action={action} className="compose" onReset={(e) => {
        // The reset event fires before the fields are reset; read the textarea once it has its new default.
        const box = e.currentTarget.elements.namedItem('body') as HTMLTextAreaElement;
        setTimeout(() => setText(box.value));
      }}>
      <input type="hidden" name="next" value={returnTo} />
      <label htmlFor="peep-body">{name ? `What’s happening, ${name}?` : 'What’s happening?'}</label>
      <textarea
        id="peep-body"
        name="body"
        rows={3}
        required
        defaultValue={state.values?.body}
        onInput={(e) => setText(e.currentTarget.value)}
        aria-describedby="peep-body-count peep-body-hint peep-body-error"
        aria-invalid={error ? true : undefined}
      />
      <div className="compose-footer">
        <span id="peep-body-count" className={left < 0 ? 'count over' : left <= 20 ? 'count near' : 'count'}>
          {left < 0 ? `${-left} over the limit` : `${left} characters left`}
        </span>
        <button type="submit" disabled={pending || (hydrated && (left < 0 || count === 0))}>
          {pending ? 'Peeping…' : 'Peep'}
        </button>
      </div>
      <p id="peep-body-hint" className="compose-hint" aria-live="polite">
        {unknown.length > 0 && `${unknown.map((h) => `@${h}`).join(', ')} ${unknown.length === 1 ? 'isn’t' : 'aren’t'} on Chitter, so ${unknown.length === 1 ? 'it' : 'they'} will stay plain text.`}
      </p>
      <p className="compose-notice" role="status">
        {state.notice}
      </p>
      <p id="peep-body-error" className="field-error" aria-live="polite">
        {error}
      </p>
    </form>
  );
}
