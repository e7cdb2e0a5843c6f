'use client';

export default function GlobalError() {
  return (
    <html lang="en">
      <body>
        <main>
          <h1>Chitter is having a moment</h1>
          <p>We couldn’t load this page just now. Please try again in a few seconds.</p>
          <a href="/">Reload Chitter</a>
        </main>
      </body>
    </html>
  );
}
