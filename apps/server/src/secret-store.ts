// Resolves the instance's root secret and derives purpose-specific keys from it.
// Embedded mode generates the secret once and keeps it in the data folder (mode 0600), so a restart
// keeps every session and encrypted value valid. The secret itself is never logged.
import { hkdfSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from './config.js';

export const SECRET_FILE = 'secret.key';

export async function resolveSecret(config: Config): Promise<string> {
  if (config.secret) return config.secret;
  const file = join(config.dataDir, SECRET_FILE);
  try {
    const stored = (await readFile(file, 'utf8')).trim();
    if (stored.length >= 32) return stored;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(config.dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  // 'wx' fails if another process won the race; then read what it wrote.
  try {
    await writeFile(file, secret + '\n', { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return (await readFile(file, 'utf8')).trim();
  }
}

export type KeyPurpose = 'access-token' | 'api-key-hash' | 'encryption' | 'invitation' | 'widget-visitor';

/** A 32-byte key for one purpose, so a leak of one key does not expose the others. */
export function deriveKey(secret: string, purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'parley', `parley:${purpose}:v1`, 32));
}
