'use client';

import { useRouter } from 'next/navigation';
import { FormField, FormMessage } from '@/app/_components/form-field';
import { useSafeActionState } from '@/app/_components/safe-form';
import { createToken, type TokenFormState } from '../actions';

/** Names a new token and, once made, shows it this one time in a field that selects whole for copying. */
export function CreateTokenForm() {
  const router = useRouter();
  const { state, formProps, pending } = useSafeActionState(createToken, {} as TokenFormState, {
    kept: 'the name you typed is still here',
    onAnswer: (answer) => answer.logIn && router.push(answer.logIn),
  });
  const { token, tokenName } = state as TokenFormState;
  const errors = state.fieldErrors ?? {};
  return (
    <>
      {token && (
        <div className="new-token" role="status">
          <p className="success">Token “{tokenName}” made. Copy it now: it won’t be shown again.</p>
          <div className="field">
            <label htmlFor="new-token">Your new token</label>
            <input id="new-token" className="token-text" value={token} readOnly spellCheck={false} autoComplete="off" onFocus={(e) => e.currentTarget.select()} />
          </div>
          <p className="hint">
            Send it as <code>Authorization: Bearer …</code>, or give it to <code>npx chitter login</code>. Chitter keeps only a hash of it: lose it, and make
            another.
          </p>
        </div>
      )}
      <form {...formProps} className="form" noValidate>
        <FormMessage message={state.message} />
        <FormField
          name="name"
          label="Token name"
          hint="What it’s for, to tell your tokens apart: “laptop terminal”, “backup script”."
          maxLength={60}
          autoComplete="off"
          defaultValue={token ? '' : state.values?.name}
          key={token ?? 'form'}
          error={errors.name}
          required
        />
        <div>
          <button type="submit" disabled={pending}>
            {pending ? 'Making…' : 'Make token'}
          </button>
        </div>
      </form>
    </>
  );
}
