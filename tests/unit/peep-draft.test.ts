import { describe, expect, it } from 'vitest';
import { newPeepKey, peepDraftFor } from '@/app/(main)/peep-draft';
import { peepSchema } from '@/lib/validation';

describe('a kept peep draft', () => {
  const kept = (draft: object) => JSON.stringify(draft);

  it('comes back to the person who wrote it, or to a page that cannot tell who is logged in', () => {
    const draft = kept({ body: 'half a thought', key: 'k', owner: 'Sam' });
    expect(peepDraftFor(draft, 'sam')).toEqual({ body: 'half a thought', key: 'k' });
    expect(peepDraftFor(draft, undefined)).toEqual({ body: 'half a thought', key: 'k' });
  });

  it('is not shown to someone else who logs in on the same browser', () => {
    expect(peepDraftFor(kept({ body: 'private', key: 'k', owner: 'sam' }), 'kim')).toBeNull();
  });

  it('is ignored when empty, damaged or missing', () => {
    expect(peepDraftFor(null, 'sam')).toBeNull();
    expect(peepDraftFor('{not json', 'sam')).toBeNull();
    expect(peepDraftFor(kept({ body: '', key: 'k' }), 'sam')).toBeNull();
    expect(peepDraftFor(kept({ body: 42, key: 'k' }), 'sam')).toBeNull();
  });
});

describe('a compose key', () => {
  it('is a UUID the server takes, also where crypto.randomUUID is missing (plain HTTP)', () => {
    expect(peepSchema.parse({ body: 'hi', clientKey: newPeepKey() }).clientKey).toBeDefined();
    // Hidden as a browser hides it outside a secure context.
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      const keys = new Set(Array.from({ length: 100 }, newPeepKey));
      expect(keys.size).toBe(100);
      for (const key of keys) expect(peepSchema.parse({ body: 'hi', clientKey: key }).clientKey).toBe(key);
    } finally {
      delete (crypto as { randomUUID?: unknown }).randomUUID;
    }
    expect(typeof crypto.randomUUID).toBe('function');
  });
});
