'use client';

import Link from 'next/link';
import { FormField, FormMessage } from '@/app/_components/form-field';
import { useSafeActionState } from '@/app/_components/safe-form';
import type { FormState } from '@/lib/form-state';
import { signUp } from '../actions';

export function SignUpForm() {
  const { state, formProps, pending } = useSafeActionState(signUp, {} as FormState, { kept: 'what you typed is still here' });
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  return (
    <form {...formProps} className="card form" noValidate>
      <FormMessage message={state.message} />
      <FormField name="name" label="Name" autoComplete="name" maxLength={50} defaultValue={values.name} error={errors.name} required />
      <FormField
        name="username"
        label="Username"
        hint="Letters, digits and underscores, up to 30."
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={30}
        defaultValue={values.username}
        error={errors.username}
        required
      />
      <FormField name="email" label="Email" type="email" autoComplete="email" maxLength={254} defaultValue={values.email} error={errors.email} required />
      <FormField
        name="password"
        label="Password"
        type="password"
        hint="At least 8 characters."
        autoComplete="new-password"
        maxLength={256}
        error={errors.password}
        required
      />
      <button type="submit" disabled={pending}>
        {pending ? 'Signing up…' : 'Sign up'}
      </button>
      <p className="aside">
        Already on Chitter? <Link href="/login">Log in</Link>
      </p>
    </form>
  );
}
