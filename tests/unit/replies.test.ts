import { describe, expect, it } from 'vitest';
import { draftSlot } from '@/app/(main)/peep-draft';
import { signUnsubscribeToken, verifyUnsubscribeToken } from '@/lib/unsubscribe-token';
import { fieldErrorsOf, peepSchema } from '@/lib/validation';

const secret = 'a-secret-that-is-at-least-32-characters-long';

describe('a reply’s form', () => {
  it('names the peep it answers by a positive id, and a peep that answers none by nothing', () => {
    expect(peepSchema.parse({ body: 'hi', replyToId: '42' }).replyToId).toBe(42);
    expect(peepSchema.parse({ body: 'hi', replyToId: '' }).replyToId).toBeUndefined();
    expect(peepSchema.parse({ body: 'hi' }).replyToId).toBeUndefined();
  });

  it('refuses an id that no peep could have, with a message for the person, before any other work', () => {
    for (const replyToId of ['0', '-1', '1.5', 'abc', '1e3', '9'.repeat(16), '9'.repeat(1000), ' 7']) {
      const result = peepSchema.safeParse({ body: 'hi', replyToId });
      expect(result.success, replyToId).toBe(false);
      expect(fieldErrorsOf(result.error!).replyToId).toBe('That peep doesn’t exist, so there’s nothing to reply to');
    }
  });

  it('keeps its draft apart from the compose box’s and from replies to other peeps', () => {
    expect(draftSlot()).toBe('chitter:peep-draft');
    expect(draftSlot(7)).toBe('chitter:peep-draft:reply:7');
    expect(draftSlot(7)).not.toBe(draftSlot(8));
  });
});

describe('a reply email’s unsubscribe link', () => {
  it('names the reply kind, and its signature does not work for mentions', () => {
    const token = signUnsubscribeToken(42, 'reply', secret);
    expect(verifyUnsubscribeToken(token, secret)).toEqual({ userId: 42, kind: 'reply' });
    const [, , mac] = token.split('.');
    expect(verifyUnsubscribeToken(`42.mention.${mac}`, secret)).toBeNull();
  });
});
