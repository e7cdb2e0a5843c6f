'use client';

import { useState } from 'react';
import { FormField, FormMessage } from '@/app/_components/form-field';
import { useSafeActionState } from '@/app/_components/safe-form';
import type { FormState } from '@/lib/form-state';
import { deleteAvatar, uploadAvatar } from './actions';

// Mirrors lib/avatar-image.ts, which is server-only: the server judges every upload again.
const MAX_BYTES = 2 * 1024 * 1024;
const TOO_LARGE = 'Pictures can be at most 2 MB';

/**
 * A plain file field: without JavaScript it posts as a multipart form. With it, a file over 2 MB is refused here,
 * before it is sent, since the server would only refuse it unread.
 */
export function AvatarForm() {
  const { state, formProps, pending } = useSafeActionState(uploadAvatar, {} as FormState, { kept: 'the picture is still chosen' });
  const [tooLarge, setTooLarge] = useState(false);
  const error = tooLarge ? TOO_LARGE : state.fieldErrors?.picture;
  return (
    <form {...formProps} className="form avatar-form">
      <FormMessage message={state.message} />
      <FormField
        name="picture"
        label="New picture"
        hint="A JPEG, PNG, WebP or GIF of up to 2 MB. It’s cropped to a square from the middle."
        type="file"
        accept="image/jpeg,image/png,image/webp,image/gif"
        required
        error={error}
        onChange={(e) => setTooLarge((e.currentTarget.files?.[0]?.size ?? 0) > MAX_BYTES)}
      />
      <div>
        <button type="submit" disabled={pending || tooLarge}>
          {pending ? 'Uploading…' : 'Upload picture'}
        </button>
      </div>
    </form>
  );
}

export function RemoveAvatarForm() {
  const { state, formProps, pending } = useSafeActionState(deleteAvatar, {} as FormState, { kept: 'your picture is still there' });
  return (
    <form {...formProps} className="remove-avatar">
      <button type="submit" className="secondary" disabled={pending}>
        {pending ? 'Removing…' : 'Remove picture'}
      </button>
      <FormMessage message={state.message} />
    </form>
  );
}
