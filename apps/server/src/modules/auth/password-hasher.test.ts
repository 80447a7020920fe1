import { describe, expect, it } from 'vitest';
import { PasswordHasher, defaultScryptParams } from './password-hasher.js';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('hashes with the production scrypt cost and verifies', async () => {
    const hash = await hasher.hash('correct horse battery staple');
    expect(hash).toMatch(new RegExp(`^scrypt\\$${defaultScryptParams.N}\\$8\\$1\\$[\\w-]{22}\\$[\\w-]{43}$`));
    expect(await hasher.verify('correct horse battery staple', hash)).toBe(true);
    expect(await hasher.verify('correct horse battery stapl', hash)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hasher.hash('same password')).not.toBe(await hasher.hash('same password'));
  });

  it('verifies hashes made with other parameters (cost can be raised later)', async () => {
    const cheap = await new PasswordHasher({ N: 1024, r: 8, p: 1 }).hash('pässwörd');
    expect(await hasher.verify('pässwörd', cheap)).toBe(true);
  });

  it('treats NFC and NFD spellings of a password as the same (Hebrew with niqqud, accents)', async () => {
    const hash = await hasher.hash('caf\u00e9 שָׁלוֹם');
    expect(await hasher.verify('cafe\u0301 שָׁלוֹם', hash)).toBe(true);
  });

  it('rejects malformed stored hashes', async () => {
    expect(await hasher.verify('x', 'bcrypt$whatever')).toBe(false);
    expect(await hasher.verifyDummy('x')).toBe(false);
  });
});
