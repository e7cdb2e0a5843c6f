'use client';

import { useRouter } from 'next/navigation';
import { FormField, FormMessage } from '@/app/_components/form-field';
import { useSafeActionState } from '@/app/_components/safe-form';
import type { FormState } from '@/lib/form-state';
import { changeEmail } from '../actions';

export function EmailChangeForm() {
  const router = useRouter();
  const { state, formProps, pending } = useSafeActionState(changeEmail, {} as FormState, {
    kept: 'what you typed is still here',
    onAnswer: (answer) => answer.logIn && router.push(answer.logIn),
  });
  const errors = state.fieldErrors ?? {};
  return (
    <form {...formProps} className="form" noValidate>
      <FormMessage message={state.message} />
      <FormField
        name="email"
        label="New email address"
        type="email"
        autoComplete="email"
        maxLength={254}
        defaultValue={state.values?.email}
        error={errors.email}
        required
      />
      <FormField name="password" label="Current password" type="password" autoComplete="current-password" maxLength={256} error={errors.password} required />
      <div>
        <button type="submit" disabled={pending}>
          {pending ? 'Changing…' : 'Change email'}
        </button>
      </div>
    </form>
  );
}
