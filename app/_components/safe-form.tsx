'use client';

import { unstable_rethrow } from 'next/navigation';
import { startTransition, useActionState, useRef, useState, type FormEvent, type FormHTMLAttributes } from 'react';
import type { FormState } from '@/lib/form-state';

/**
 * What to say when a form's request never got Chitter's answer: the browser is offline, the request did not get
 * through, or the server failed without one. `kept` says what the person still has ("your peep is still here"); a
 * one-button form has nothing typed to keep, and its shorter message fits beside the button.
 */
export function failureMessage(err: unknown, kept?: string): string {
  const advise = (advice: string) => (kept ? ` — ${kept}. ${advice[0].toUpperCase()}${advice.slice(1)}.` : ` — ${advice}.`);
  if (typeof navigator !== 'undefined' && !navigator.onLine) return `You’re offline${advise('try again once you’re back online')}`;
  // fetch rejects with a TypeError when the request does not get through.
  if (err instanceof TypeError) return `Chitter couldn’t be reached${advise('check your connection and try again')}`;
  return `Something went wrong on Chitter’s side${advise('please try again in a few seconds')}`;
}

/** Submits the form's data to `dispatch` in a transition, instead of letting React run the form's `action`. */
function submit(event: FormEvent<HTMLFormElement>, dispatch: (form: FormData) => void): void {
  event.preventDefault();
  const form = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
  startTransition(() => dispatch(form));
}

/**
 * useActionState for a form whose server action answers with a FormState, but a request that fails (offline, a
 * dropped connection, a server error) answers with a message instead of replacing the page with the error boundary,
 * and nothing typed is reset. A password is emptied once the server has answered, as a form posted without
 * JavaScript comes back. Without JavaScript, and until hydration, the form posts to the server action itself:
 * spread `formProps` on the form to get both.
 */
export function useSafeActionState(
  action: (prev: FormState, form: FormData) => Promise<FormState>,
  initialState: FormState,
  { kept, onAnswer, onNavigate }: { kept: string; onAnswer?: (state: FormState) => void; onNavigate?: () => void },
) {
  // The state a post without JavaScript came back with is where the guarded state starts.
  const [serverState, serverAction] = useActionState(action, initialState);
  const sent = useRef<HTMLFormElement | null>(null);
  const [state, dispatch, pending] = useActionState(async (prev: FormState, form: FormData): Promise<FormState> => {
    try {
      const answer = await action(prev, form);
      sent.current?.querySelectorAll<HTMLInputElement>('input[type="password"]').forEach((input) => (input.value = ''));
      onAnswer?.(answer);
      return answer;
    } catch (err) {
      // A redirect (the server's answer, as Next.js delivers it) goes on to the router, as it would without this guard.
      try {
        unstable_rethrow(err);
      } catch (answer) {
        onNavigate?.();
        throw answer;
      }
      return { ...prev, fieldErrors: undefined, notice: undefined, message: failureMessage(err, kept) };
    }
  }, serverState);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    sent.current = event.currentTarget;
    submit(event, dispatch);
  };
  return { state, formProps: { action: serverAction, onSubmit }, pending };
}

type SafeFormProps = Omit<FormHTMLAttributes<HTMLFormElement>, 'action' | 'onSubmit'> & {
  action: (form: FormData) => Promise<void>;
  /** What the person still has when the request fails, as failureMessage says it. */
  kept?: string;
  /**
   * A one-button form (Follow, Repost, Log out) in a row of other things: the short message, small, which globals.css
   * puts on a line of its own under the row without widening it.
   */
  compact?: boolean;
};

/**
 * A form for a server action that answers by redirecting or re-rendering the page (settings, one-button actions): a
 * failed request says so below the form and leaves what was chosen as it was.
 */
export function SafeForm({ action, kept = 'your choices are still here', compact = false, className, children, ...form }: SafeFormProps) {
  // Not the action's state: a try that succeeds by redirecting never returns, and must still clear the last failure.
  const [failure, setFailure] = useState<string | null>(null);
  const [, dispatch, pending] = useActionState(async (_prev: null, data: FormData): Promise<null> => {
    try {
      await action(data);
    } catch (err) {
      unstable_rethrow(err);
      setFailure(failureMessage(err, compact ? undefined : kept));
    }
    return null;
  }, null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    setFailure(null);
    submit(event, dispatch);
  };
  return (
    <form {...form} className={compact ? `compact-form ${className ?? ''}`.trim() : className} action={action} onSubmit={onSubmit} aria-busy={pending || undefined}>
      {children}
      {compact ? (
        <span className="form-failure" role="alert">
          {failure}
        </span>
      ) : (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
    </form>
  );
}
