'use client';

import { useState } from 'react';
import { FormField, FormMessage } from '@/app/_components/form-field';
import { useSafeActionState } from '@/app/_components/safe-form';
import type { FormState } from '@/lib/form-state';
import { BIO_MAX_GRAPHEMES, countGraphemes } from '@/lib/graphemes';
import { saveProfileDetails } from './actions';

/** Display name and bio, saved together; the bio counts down as the compose box does. */
export function ProfileForm({ name, bio }: { name: string; bio: string }) {
  const { state, formProps, pending } = useSafeActionState(saveProfileDetails, {} as FormState, { kept: 'what you typed is still here' });
  const errors = state.fieldErrors ?? {};
  const [draft, setDraft] = useState(state.values?.bio ?? bio);
  const left = BIO_MAX_GRAPHEMES - countGraphemes(draft.trim());
  return (
    <form {...formProps} className="form profile-form" noValidate>
      <FormMessage message={state.message} />
      <FormField
        name="name"
        label="Display name"
        hint="Up to 50 characters. Your @handle stays as it is."
        autoComplete="name"
        maxLength={50}
        defaultValue={state.values?.name ?? name}
        error={errors.name}
        required
      />
      <div className="field">
        <label htmlFor="field-bio">Bio</label>
        <p id="field-bio-hint" className="hint">
          Up to {BIO_MAX_GRAPHEMES} characters. @mentions and web addresses become links.
        </p>
        <textarea
          id="field-bio"
          name="bio"
          rows={3}
          value={draft}
          onChange={(e) => setDraft(e.currentTarget.value)}
          aria-describedby="field-bio-hint field-bio-count field-bio-error"
          aria-invalid={errors.bio ? true : undefined}
        />
        <span id="field-bio-count" className={left < 0 ? 'count over' : left <= 20 ? 'count near' : 'count'}>
          {left < 0 ? `${-left} over the limit` : `${left} characters left`}
        </span>
        <p id="field-bio-error" className="field-error" aria-live="polite">
          {errors.bio}
        </p>
      </div>
      <div>
        <button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Save profile'}
        </button>
      </div>
    </form>
  );
}
