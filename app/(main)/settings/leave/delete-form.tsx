'use client';

import { FormField, FormMessage } from '@/app/_components/form-field';
import { useSafeActionState } from '@/app/_components/safe-form';
import type { FormState } from '@/lib/form-state';
import { deleteAccount } from './actions';

export function DeleteAccountForm() {
  const { state, formProps, pending } = useSafeActionState(deleteAccount, {} as FormState, { kept: 'nothing was deleted' });
  const errors = state.fieldErrors ?? {};
  return (
    <form {...formProps} className="form" noValidate>
      <FormMessage message={state.message} />
      <FormField name="password" label="Your password" type="password" autoComplete="current-password" maxLength={256} error={errors.password} required />
      <div className="field">
        <label className="checkbox">
          <input type="checkbox" name="confirm" aria-describedby="field-confirm-error" aria-invalid={errors.confirm ? true : undefined} required />
          <span>I understand that my account and everything in it will be deleted, and that this cannot be undone</span>
        </label>
        <p id="field-confirm-error" className="field-error" aria-live="polite">
          {errors.confirm}
        </p>
      </div>
      <div>
        <button type="submit" disabled={pending}>
          {pending ? 'Deleting…' : 'Delete my account'}
        </button>
      </div>
    </form>
  );
}
