'use client';

import { FormField, FormMessage } from '@/app/_components/form-field';
import { useSafeActionState } from '@/app/_components/safe-form';
import type { FormState } from '@/lib/form-state';
import { resetPasswordWithLink } from '../../forgot/actions';

export function ResetForm({ token }: { token: string }) {
  const { state, formProps, pending } = useSafeActionState(resetPasswordWithLink, {} as FormState, { kept: 'your link still works' });
  const errors = state.fieldErrors ?? {};
  return (
    <form {...formProps} className="card form" noValidate>
      <FormMessage message={state.message} />
      <input type="hidden" name="token" value={token} />
      <FormField
        name="password"
        label="New password"
        type="password"
        hint="At least 8 characters. Setting it logs you out everywhere and revokes your API tokens."
        autoComplete="new-password"
        maxLength={256}
        error={errors.password}
        required
      />
      <button type="submit" disabled={pending}>
        {pending ? 'Saving…' : 'Set new password'}
      </button>
    </form>
  );
}
