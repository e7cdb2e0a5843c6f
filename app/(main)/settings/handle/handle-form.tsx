'use client';

import { FormField, FormMessage } from '@/app/_components/form-field';
import { useSafeActionState } from '@/app/_components/safe-form';
import type { FormState } from '@/lib/form-state';
import { changeHandle } from './actions';

export function HandleForm({ current }: { current: string }) {
  const { state, formProps, pending } = useSafeActionState(changeHandle, {} as FormState, { kept: 'what you typed is still here' });
  const errors = state.fieldErrors ?? {};
  return (
    <form {...formProps} className="form" noValidate>
      <FormMessage message={state.message} />
      <FormField
        name="username"
        label="New handle"
        hint="Letters, digits and underscores, up to 30."
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={30}
        defaultValue={state.values?.username ?? current}
        error={errors.username}
        required
      />
      <FormField name="password" label="Your password" type="password" autoComplete="current-password" maxLength={256} error={errors.password} required />
      <div>
        <button type="submit" disabled={pending}>
          {pending ? 'Changing…' : 'Change handle'}
        </button>
      </div>
    </form>
  );
}
