'use client';

import { useRouter } from 'next/navigation';
import { useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { useSafeActionState } from '@/app/_components/safe-form';
import { PEEP_MAX_GRAPHEMES } from '@/lib/graphemes';
import { peepLength } from '@/lib/peep-length';
import type { FormState } from '@/lib/form-state';
import { postPeep } from './actions';
import { clearPeepDraft, keptPeepDraft, newPeepKey, peepDraftFor, savePeepDraft, subscribeToPeepDraft, type PeepDraft } from './peep-draft';
import { useUnknownHandles } from './use-unknown-handles';

// Nothing to subscribe to: whether the page has hydrated never changes once it has.
const subscribeToNothing = () => () => {};

type Props = { name?: string; handle?: string; returnTo: string; freshKey: string };

export function ComposeForm({ name, handle, returnTo, freshKey }: Props) {
  const router = useRouter();
  const { state, formProps, pending } = useSafeActionState(postPeep, {} as FormState, {
    kept: 'your peep is still here',
    onAnswer: (answer) => {
      // Posted, with a notice to show by the box: start a new peep.
      if (answer.notice && !answer.message) startOver();
      // Logged out elsewhere: log in and come back to the draft, which stays in this browser.
      if (answer.logIn) router.push(answer.logIn);
    },
    // Posted and sent on.
    onNavigate: () => startOver(),
  });
  // What was typed here; until then, a draft kept in this browser (read once hydrated: the server cannot see it), or
  // what a post without JavaScript came back with.
  const [edited, setEdited] = useState<PeepDraft | null>(state.values?.body ? { body: state.values.body, key: state.values.clientKey || freshKey } : null);
  const kept = useSyncExternalStore(subscribeToPeepDraft, keptPeepDraft, () => null);
  const draft = edited ?? peepDraftFor(kept, handle) ?? { body: '', key: freshKey };
  const change = (next: PeepDraft) => {
    setEdited(next);
    savePeepDraft(handle, next);
  };
  function startOver() {
    clearPeepDraft();
    setEdited({ body: '', key: newPeepKey() });
  }
  const count = peepLength(draft.body.trim());
  const { unknown, renamed } = useUnknownHandles(draft.body);
  // Until hydration the counter cannot run, so the button stays usable for a browser without JavaScript.
  // React renders the server snapshot (false) on the server and while hydrating, then the client's (true).
  const hydrated = useSyncExternalStore(subscribeToNothing, () => true, () => false);
  const left = PEEP_MAX_GRAPHEMES - count;
  const blocked = pending || (hydrated && (left < 0 || count === 0));
  const error = state.fieldErrors?.body ?? state.message;
  const postOnCtrlEnter = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return;
    e.preventDefault();
    if (!blocked) e.currentTarget.form?.requestSubmit();
  };
  return (
    <form {...formProps} className="compose">
      <input type="hidden" name="next" value={returnTo} />
      <input type="hidden" name="clientKey" value={draft.key} />
      <label htmlFor="peep-body">{name ? `What’s happening, ${name}?` : 'What’s happening?'}</label>
      <textarea
        id="peep-body"
        name="body"
        rows={3}
        required
        value={draft.body}
        onChange={(e) => change({ ...draft, body: e.currentTarget.value })}
        onKeyDown={postOnCtrlEnter}
        aria-keyshortcuts="Control+Enter Meta+Enter"
        aria-describedby="peep-body-count peep-body-hint peep-body-error"
        aria-invalid={error ? true : undefined}
      />
      <div className="compose-footer">
        <span id="peep-body-count" className={left < 0 ? 'count over' : left <= 20 ? 'count near' : 'count'}>
          {left < 0 ? `${-left} over the limit` : `${left} characters left`}
        </span>
        <button type="submit" disabled={blocked} title="Peep (Ctrl+Enter)">
          {pending ? 'Peeping…' : 'Peep'}
        </button>
      </div>
      <p id="peep-body-hint" className="compose-hint" aria-live="polite">
        {unknown.length > 0 && `${unknown.map((h) => `@${h}`).join(', ')} ${unknown.length === 1 ? 'isn’t' : 'aren’t'} on Chitter, so ${unknown.length === 1 ? 'it' : 'they'} will stay plain text.`}
        {unknown.length > 0 && renamed.length > 0 && ' '}
        {renamed.map((r) => `@${r.handle} is now @${r.username}: write @${r.username} to mention them.`).join(' ')}
      </p>
      <p className="compose-notice" role="status">
        {state.notice}
      </p>
      <p id="peep-body-error" className="field-error" aria-live="polite">
        {error}
        {state.logIn && (
          <>
            {' '}
            <a href={state.logIn}>Log in to post it.</a>
          </>
        )}
      </p>
    </form>
  );
}
