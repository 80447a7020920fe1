// Paging the inbox: the next offset follows what is loaded, and erasing a conversation removes it from
// whichever page holds it and lowers the total everywhere.
import { describe, expect, it } from 'vitest';
import { nextOffset, withoutConversation } from './inbox-pages';

const items = (...ids: string[]) => ids.map((id) => ({ id }));

describe('nextOffset', () => {
  it('starts the next page after everything loaded', () => {
    expect(nextOffset([{ items: items('a', 'b'), total: 5 }])).toBe(2);
    expect(
      nextOffset([
        { items: items('a', 'b'), total: 5 },
        { items: items('c', 'd'), total: 5 },
      ]),
    ).toBe(4);
  });

  it('stops when all are loaded, when nothing is, or when a page comes back empty', () => {
    expect(nextOffset([{ items: items('a', 'b'), total: 2 }])).toBeUndefined();
    expect(nextOffset([])).toBeUndefined();
    // Conversations erased meanwhile: the total still says more, but the server has none left to give.
    expect(
      nextOffset([
        { items: items('a'), total: 9 },
        { items: [], total: 9 },
      ]),
    ).toBeUndefined();
  });
});

describe('withoutConversation', () => {
  const data = {
    pageParams: [0, 2],
    pages: [
      { items: items('a', 'b'), total: 3 },
      { items: items('c'), total: 3 },
    ],
  };

  it('removes the conversation from its page and lowers every total', () => {
    const after = withoutConversation(data, 'c');
    expect(after.pages.map((p) => p.items.map((c) => c.id))).toEqual([['a', 'b'], []]);
    expect(after.pages.map((p) => p.total)).toEqual([2, 2]);
    expect(after.pageParams).toEqual([0, 2]);
  });

  it('leaves the list as it was when the conversation is not in it', () => {
    expect(withoutConversation(data, 'z')).toBe(data);
  });
});
