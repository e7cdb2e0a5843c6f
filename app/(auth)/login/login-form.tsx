'use client';

import Link from 'next/link';
import { FormField, FormMessage } from '@/app/_components/form-field';
import { useSafeActionState } from '@/app/_components/safe-form';
import type { FormState } from '@/lib/form-state';
import { logIn } from '../actions';

export function LogInForm({ next }: { next?: string }) {
  const { state, formProps, pending } = useSafeActionState(logIn, {} as FormState, { kept: 'what you typed is still here' });
  const errors = state.fieldErrors ?? {};
  return (
    <form {...formProps} className="card form" noValidate>
      <FormMessage message={state.message} />
      {next && <input type="hidden" name="next" value={next} />}
      <FormField
        name="identifier"
        label="Email or username"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        defaultValue={state.values?.identifier}
        error={errors.identifier}
        required
      />
      <FormField name="password" label="Password" type="password" autoComplete="current-password" error={errors.password} required />
      <button type="submit" disabled={pending}>
        {pending ? 'Logging in…' : 'Log in'}
      </button>
      <p className="aside">
        <Link href="/forgot">Forgot your password?</Link>
      </p>
      <p className="aside">
        New here? <Link href="/signup">Sign up</Link>
      </p>
    </form>
  );
}
