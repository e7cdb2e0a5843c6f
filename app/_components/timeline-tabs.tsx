import Link from 'next/link';

export function TimelineTabs({ current }: { current: 'following' | 'everyone' }) {
  return (
    <nav className="tabs" aria-label="Timelines">
      <Link href="/following" aria-current={current === 'following' ? 'page' : undefined}>
        Following
      </Link>
      <Link href="/" aria-current={current === 'everyone' ? 'page' : undefined}>
        Everyone
      </Link>
    </nav>
  );
}
