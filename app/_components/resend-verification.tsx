'use client';

import { resendVerificationEmail } from '@/app/(main)/verify/actions';
import type { FormState } from '@/lib/form-state';
import { useSafeActionState } from './safe-form';

export function ResendVerification({ label = 'Resend' }: { label?: string }) {
  const { state, formProps, pending } = useSafeActionState(resendVerificationEmail, {} as FormState, { kept: 'you can ask again' });
  return (
    <form {...formProps} className="resend-verification">
      <button type="submit" disabled={pending}>
        {pending ? 'Sending…' : label}
      </button>
      <p className={state.message ? 'field-error' : 'success'} aria-live="polite">
        {state.message ?? state.notice}
      </p>
    </form>
  );
}
