'use client';

import { useSyncExternalStore } from 'react';

function subscribeToOnline(onChange: () => void): () => void {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  // A request that failed because the browser is offline is not Chitter's fault, and should not say it is.
  const online = useSyncExternalStore(subscribeToOnline, () => navigator.onLine, () => true);
  if (!online) {
    return (
      <section className="notice" role="alert">
        <h1>You’re offline</h1>
        <p>Chitter can’t be reached from this device just now. Check your connection, then try again.</p>
        <button type="button" onClick={() => reset()}>
          Try again
        </button>
      </section>
    );
  }
  return (
    <section className="notice" role="alert">
      <h1>Chitter is having a moment</h1>
      <p>We couldn’t load this page just now. It’s on our side, not yours; please try again in a few seconds.</p>
      <button type="button" onClick={() => reset()}>
        Try again
      </button>
    </section>
  );
}
