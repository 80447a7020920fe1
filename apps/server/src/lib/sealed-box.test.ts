import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SealedBox } from './sealed-box.js';

describe('SealedBox', () => {
  const box = new SealedBox(randomBytes(32));

  it('opens what it sealed, and seals the same text differently each time', () => {
    const a = box.seal('sk-live-שלום', 'provider:1');
    const b = box.seal('sk-live-שלום', 'provider:1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('sk-live');
    expect(box.open(a, 'provider:1')).toBe('sk-live-שלום');
  });

  it('refuses another key, other associated data and altered text', () => {
    const sealed = box.seal('secret', 'provider:1');
    expect(() => new SealedBox(randomBytes(32)).open(sealed, 'provider:1')).toThrow();
    expect(() => box.open(sealed, 'provider:2')).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => box.open(parts.join('.'), 'provider:1')).toThrow();
    expect(() => box.open('garbage')).toThrow('not a sealed value');
  });
});
