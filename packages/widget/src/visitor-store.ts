// The anonymous visitor's identity and current conversation, kept in localStorage so a conversation
// survives reloads. Where storage is refused (privacy modes, sandboxed frames, a full quota) they live in
// memory for this page view instead: the widget still works, it just forgets on reload.

export const VISITOR_STORAGE_KEY = 'parley:visitor';
export const conversationStorageKey = (key: string): string => `parley:${key}:conversation`;

export interface VisitorStore {
  /** The visitor id, made on first use: 16 random bytes, base64url (22 characters). */
  visitorId(): string;
  conversationId(): string | null;
  setConversationId(id: string | null): void;
}

/** 16 bytes from the platform's CSPRNG as unpadded base64url. */
export function newVisitorId(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const bytes = random(new Uint8Array(16));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The page's localStorage, or null where reading it throws or writing to it fails. */
export function usableLocalStorage(): Storage | null {
  try {
    const storage = window.localStorage;
    const probe = 'parley:probe';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}

const VISITOR_ID = /^[A-Za-z0-9_-]{22,64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `getStorage` is called on first use, not before: a page's first localStorage access can block on
 * loading it from disk, and the widget needs it only once the panel opens.
 */
export function createVisitorStore(key: string, getStorage: () => Storage | null): VisitorStore {
  let resolved: Storage | null | undefined;
  const storageOf = () => (resolved === undefined ? (resolved = getStorage()) : resolved);
  const memory = new Map<string, string>();
  const read = (name: string): string | null => {
    const storage = storageOf();
    try {
      return storage ? storage.getItem(name) : (memory.get(name) ?? null);
    } catch {
      return memory.get(name) ?? null;
    }
  };
  const write = (name: string, value: string | null) => {
    if (value === null) memory.delete(name);
    else memory.set(name, value);
    const storage = storageOf();
    try {
      if (value === null) storage?.removeItem(name);
      else storage?.setItem(name, value);
    } catch {
      // Quota or a revoked permission: the in-memory copy carries on.
    }
  };
  const conversationKey = conversationStorageKey(key);

  return {
    visitorId() {
      const stored = read(VISITOR_STORAGE_KEY);
      if (stored && VISITOR_ID.test(stored)) return stored;
      const id = newVisitorId();
      write(VISITOR_STORAGE_KEY, id);
      return id;
    },
    conversationId() {
      const stored = read(conversationKey);
      return stored && UUID.test(stored) ? stored : null;
    },
    setConversationId(id) {
      write(conversationKey, id);
    },
  };
}
