import { currentNotice } from '@/server/context';

/** What a one-button action that was refused (too many in a short time) has to say, at the top of the page it re-renders. */
export function ActionNotice() {
  const notice = currentNotice();
  if (!notice) return null;
  return (
    <p className="notice-bar" role="alert">
      {notice}
    </p>
  );
}
