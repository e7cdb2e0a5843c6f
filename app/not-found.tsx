import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <section className="notice">
      <h1>Nothing here</h1>
      <p>
        That page or person doesn’t exist on Chitter. <Link href="/">Back to the peeps</Link>
      </p>
    </section>
  );
}
