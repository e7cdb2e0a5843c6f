'use client';

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
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
