import { describe, expect, it } from 'vitest';
import { mentionedHandles, splitMentions } from '@/lib/mentions';

describe('mention parsing', () => {
  it.each([
    ['@bob', ['bob']],
    ['hey @bob', ['bob']],
    ['hey @bob!', ['bob']],
    ['(@bob)', ['bob']],
    ['@bob, @alice: hi', ['bob', 'alice']],
    ['@bob.', ['bob']],
    ["@bob's peep", ['bob']],
    ['"@bob"', ['bob']],
    ['line one\n@bob', ['bob']],
    ['ends with @bob', ['bob']],
    ['@Bob and @BOB and @bob', ['bob']],
    ['@sam_j_99 hi', ['sam_j_99']],
    ['mail bob@example.com', []],
    ['see https://x.test/@bob', []],
    ['?u=@bob', []],
    ['a.@bob', []],
    ['@@bob', []],
    ['_@bob', []],
    ['é@bob', []],
    ['日本@bob', []],
    ['日本 @bob', ['bob']],
    ['👋@bob', ['bob']],
    ['@', []],
    ['@ bob', []],
    ['@bob-smith', ['bob']],
    ['@bøb', []],
    [`@${'a'.repeat(30)}`, ['a'.repeat(30)]],
    [`@${'a'.repeat(31)}`, []],
    ['<@bob>', ['bob']],
  ])('%j mentions %j', (text, handles) => {
    expect(mentionedHandles(text)).toEqual(handles);
  });

  it('splits text into segments that join back to the original', () => {
    const text = 'hi @Bob, meet @alice (and bob@example.com)';
    const segments = splitMentions(text);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments.filter((s) => s.type === 'mention')).toEqual([
      { type: 'mention', text: '@Bob', handle: 'Bob' },
      { type: 'mention', text: '@alice', handle: 'alice' },
    ]);
  });

  it('leaves text without mentions as one segment', () => {
    expect(splitMentions('just words')).toEqual([{ type: 'text', text: 'just words' }]);
    expect(splitMentions('')).toEqual([]);
  });
});
