'use client';

export default function GlobalError() {
  return (
    <html lang="en">
      <body>
        <main>
          <h1>Chitter is having a moment</h1>
          <p>We couldn’t load this page just now. Please try again in a few seconds.</p>
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full page load on purpose: this shows when the root layout itself failed, so a client-side <Link> would navigate inside the app that just broke. */}
          <a href="/">Reload Chitter</a>
        </main>
      </body>
    </html>
  );
}
