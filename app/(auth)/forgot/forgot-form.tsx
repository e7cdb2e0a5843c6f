'use client';

import Link from 'next/link';
import { FormField, FormMessage } from '@/app/_components/form-field';
import { useSafeActionState } from '@/app/_components/safe-form';
import type { FormState } from '@/lib/form-state';
import { forgotPassword } from './actions';

export function ForgotForm() {
  const { state, formProps, pending } = useSafeActionState(forgotPassword, {} as FormState, { kept: 'what you typed is still here' });
  const errors = state.fieldErrors ?? {};
  return (
    <form {...formProps} className="card form" noValidate>
      <FormMessage message={state.message} />
      <FormField
        name="identifier"
        label="Email or username"
        hint="We’ll email a link to set a new password to the account’s confirmed address."
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={254}
        defaultValue={state.values?.identifier}
        error={errors.identifier}
        required
      />
      <button type="submit" disabled={pending}>
        {pending ? 'Sending…' : 'Send me a link'}
      </button>
      <p className="aside">
        Remembered it? <Link href="/login">Log in</Link>
      </p>
    </form>
  );
}
