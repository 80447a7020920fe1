// Access tokens (short-lived HS256 JWTs) and opaque refresh/invitation tokens (random, stored as hashes).
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { tokenExpired, unauthorized } from '../../http/errors.js';

const ISSUER = 'parley';
const AUDIENCE = 'parley-api';

export interface AccessClaims {
  userId: string;
  sessionId: string;
}

export class TokenService {
  constructor(
    private readonly accessKey: Uint8Array,
    private readonly accessTtlSeconds: number,
  ) {}

  async issueAccessToken(claims: AccessClaims): Promise<{ token: string; expiresAt: Date }> {
    const now = Math.floor(Date.now() / 1000);
    const exp = now + this.accessTtlSeconds;
    const token = await new SignJWT({ sid: claims.sessionId, typ: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .sign(this.accessKey);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  async verifyAccessToken(token: string): Promise<AccessClaims> {
    try {
      const { payload } = await jwtVerify(token, this.accessKey, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
      });
      if (payload.typ !== 'access' || typeof payload.sub !== 'string' || typeof payload.sid !== 'string') {
        throw unauthorized('Invalid access token');
      }
      return { userId: payload.sub, sessionId: payload.sid };
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw tokenExpired();
      if (err instanceof joseErrors.JOSEError) throw unauthorized('Invalid access token');
      throw err;
    }
  }
}

/** A random opaque token with a recognisable prefix, e.g. `rt_…`, `inv_…`. */
export function randomToken(prefix: string, bytes = 32): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

/** Tokens with 256 bits of entropy need no slow hash: SHA-256 is enough and lets us look them up. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/** Keyed hash for API keys: a stolen database alone cannot be used to test guesses offline. */
export function hmac(key: Uint8Array, value: string): string {
  return createHmac('sha256', key).update(value).digest('base64url');
}
