import { connection } from 'next/server';
import { post } from './actions';

export default async function Page() {
  await connection();
  return (
    <main>
      <form action={post}>
        <textarea name="body" aria-label="Peep" />
        <button>Peep</button>
      </form>
    </main>
  );
}
