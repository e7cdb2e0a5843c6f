'use client';

import { FormField, FormMessage } from '@/app/_components/form-field';
import { useSafeActionState } from '@/app/_components/safe-form';
import type { FormState } from '@/lib/form-state';
import { changePasswordInSettings } from './actions';

export function ChangePasswordForm({ username, changed }: { username: string; changed: boolean }) {
  const { state, formProps, pending } = useSafeActionState(changePasswordInSettings, {} as FormState, { kept: 'what you typed is still here' });
  const errors = state.fieldErrors ?? {};
  // A refused try replaces the last success's note.
  const answered = Boolean(state.message || state.fieldErrors);
  return (
    <form {...formProps} className="form" noValidate>
      <FormMessage message={state.message} />
      {state.logIn && (
        <p>
          <a href={state.logIn}>Log in again</a>
        </p>
      )}
      {/* Lets a password manager file the new password under the right account. */}
      <input type="text" name="username" value={username} autoComplete="username" readOnly hidden />
      <FormField name="currentPassword" label="Current password" type="password" autoComplete="current-password" maxLength={256} error={errors.currentPassword} required />
      <FormField
        name="newPassword"
        label="New password"
        type="password"
        hint="At least 8 characters."
        autoComplete="new-password"
        maxLength={256}
        error={errors.newPassword}
        required
      />
      <div>
        <button type="submit" disabled={pending}>
          {pending ? 'Changing…' : 'Change password'}
        </button>
      </div>
      <p className="success" role="status">
        {changed && !answered ? 'Password changed. You’re still logged in here; every other session was logged out and every API token revoked.' : null}
      </p>
    </form>
  );
}
