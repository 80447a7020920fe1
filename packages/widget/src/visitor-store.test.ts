// The visitor id and the conversation id: made and kept in storage, per key; in memory when storage
// throws (privacy modes), so the widget works there too.
import { describe, expect, it } from 'vitest';
import { VISITOR_STORAGE_KEY, conversationStorageKey, createVisitorStore, newVisitorId } from './visitor-store.js';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

const throwing = {
  getItem() {
    throw new Error('SecurityError');
  },
  setItem() {
    throw new Error('QuotaExceededError');
  },
  removeItem() {
    throw new Error('SecurityError');
  },
} as unknown as Storage;

const uuid = '0b6f8a52-6a3e-4f0e-9d43-6d0c0e3b7a11';

describe('visitor store', () => {
  it('makes 22-character base64url ids from 16 random bytes', () => {
    expect(newVisitorId(() => new Uint8Array(16).fill(255))).toBe('_____________________w');
    const ids = new Set(Array.from({ length: 50 }, () => newVisitorId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('keeps the visitor id and a conversation id per key in storage', () => {
    const storage = new MemoryStorage();
    const store = createVisitorStore('pk_one', () => storage as unknown as Storage);
    const id = store.visitorId();
    expect(storage.getItem(VISITOR_STORAGE_KEY)).toBe(id);
    expect(createVisitorStore('pk_two', () => storage as unknown as Storage).visitorId()).toBe(id);

    expect(store.conversationId()).toBeNull();
    store.setConversationId(uuid);
    expect(storage.getItem(conversationStorageKey('pk_one'))).toBe(uuid);
    expect(createVisitorStore('pk_one', () => storage as unknown as Storage).conversationId()).toBe(uuid);
    expect(createVisitorStore('pk_two', () => storage as unknown as Storage).conversationId()).toBeNull();
    store.setConversationId(null);
    expect(store.conversationId()).toBeNull();
  });

  it('replaces a stored value that is not a valid id', () => {
    const storage = new MemoryStorage();
    storage.setItem(VISITOR_STORAGE_KEY, 'short');
    storage.setItem(conversationStorageKey('pk_one'), 'not-a-uuid');
    const store = createVisitorStore('pk_one', () => storage as unknown as Storage);
    expect(store.visitorId()).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(store.conversationId()).toBeNull();
  });

  it('touches storage only when an id is first needed', () => {
    let calls = 0;
    const store = createVisitorStore('pk_one', () => {
      calls++;
      return new MemoryStorage() as unknown as Storage;
    });
    expect(calls).toBe(0);
    store.visitorId();
    store.conversationId();
    expect(calls).toBe(1);
  });

  it('keeps both in memory when storage is unavailable or throws', () => {
    for (const storage of [null, throwing]) {
      const store = createVisitorStore('pk_one', () => storage);
      const id = store.visitorId();
      expect(store.visitorId()).toBe(id);
      store.setConversationId(uuid);
      expect(store.conversationId()).toBe(uuid);
    }
  });
});
