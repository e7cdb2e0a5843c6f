// The seed names person n from these two lists: first[n % 40], last[(n / 40) % 40], then n (db/queries/seed.ts does it
// in SQL); the bench logs in as seeded people by name.
export const FIRST = ['Sam', 'Alex', 'Priya', 'Jordan', 'Mei', 'Omar', 'Lucia', 'Kwame', 'Hana', 'Diego', 'Aisha', 'Tom', 'Ingrid', 'Ravi', 'Zoe', 'Mateo', 'Yuki', 'Fatima', 'Liam', 'Chloe', 'Noah', 'Amara', 'Finn', 'Leila', 'Oscar', 'Nadia', 'Ethan', 'Sofia', 'Kai', 'Elena', 'Ben', 'Grace', 'Arjun', 'Maya', 'Felix', 'Rosa', 'Hugo', 'Iris', 'Leo', 'Tara'];
export const LAST = ['Morgan', 'Chen', 'Patel', 'Okafor', 'Garcia', 'Smith', 'Kim', 'Nguyen', 'Rossi', 'Silva', 'Haddad', 'Novak', 'Jensen', 'Costa', 'Ito', 'Brown', 'Khan', 'Murphy', 'Schmidt', 'Dubois', 'Ali', 'Santos', 'Walsh', 'Kowalski', 'Lopez', 'Berg', 'Mensah', 'Tanaka', 'Reyes', 'Fischer', 'Clarke', 'Ahmed', 'Moreau', 'Lindqvist', 'Baker', 'Sato', 'Romero', 'Evans', 'Osei', 'Park'];

export function seedUsername(n: number): string {
  return `${FIRST[n % FIRST.length]}_${LAST[Math.floor(n / FIRST.length) % LAST.length]}${n}`.toLowerCase();
}

/** Every seeded person's password. */
export const SEED_PASSWORD = 'chitter-seed-password';
