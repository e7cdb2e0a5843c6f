import { describe, expect, it } from 'vitest';
import { hueOf, initialsOf } from '@/app/_components/avatar';

describe('an avatar', () => {
  it('shows the initials of the first and last words of a name, whole characters, in capitals', () => {
    expect(initialsOf('Alice Liddell')).toBe('AL');
    expect(initialsOf('  mary  ann   evans ')).toBe('ME');
    expect(initialsOf('Cher')).toBe('C');
    expect(initialsOf('émile zola')).toBe('ÉZ');
    expect(initialsOf('👩‍👩‍👧 Family')).toBe('👩‍👩‍👧F');
    expect(initialsOf('   ')).toBe('');
  });

  it('keeps one of twelve colours per handle, whatever its case, and spreads handles over them', () => {
    expect(hueOf('Alice_L')).toBe(hueOf('alice_l'));
    const hues = new Set(Array.from({ length: 200 }, (_, i) => hueOf(`person${i}`)));
    expect([...hues].every((h) => Number.isInteger(h) && h >= 0 && h < 12)).toBe(true);
    expect(hues.size).toBe(12);
  });
});
