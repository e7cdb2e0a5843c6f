'use client';

import { useActionState } from 'react';
import { resendVerificationEmail } from '@/app/(main)/verify/actions';
import type { FormState } from '@/lib/form-state';

export function ResendVerification({ label = 'Resend' }: { label?: string }) {
  const [state, action, pending] = useActionState(resendVerificationEmail, {} as FormState);
  return (
    <form action={action} className="resend-verification">
      <button type="submit" disabled={pending}>
        {pending ? 'Sending…' : label}
      </button>
      <p className={state.message ? 'field-error' : 'success'} aria-live="polite">
        {state.message ?? state.notice}
      </p>
    </form>
  );
}
