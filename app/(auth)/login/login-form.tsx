'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { FormField, FormMessage } from '@/app/_components/form-field';
import type { FormState } from '@/lib/form-state';
import { logIn } from '../actions';

export function LogInForm({ next }: { next?: string }) {
  const [state, action, pending] = useActionState(logIn, {} as FormState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="card form" noValidate>
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
        New here? <Link href="/signup">Sign up</Link>
      </p>
    </form>
  );
}
