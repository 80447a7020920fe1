// Accounts through the real HTTP stack: register, login, cookies, refresh rotation and reuse detection,
// logout, throttling, expired and tampered tokens.
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorOf, registerUser, uniqueEmail, type TestApp } from '../../../test/harness.js';
import { deriveKey } from '../../secret-store.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ PARLEY_LOGIN_ATTEMPTS_PER_ACCOUNT: '3' });
});
afterAll(async () => t?.close());

function cookiesOf(res: { cookies: { name: string; value: string; httpOnly?: boolean; sameSite?: string; path?: string }[] }) {
  return Object.fromEntries(res.cookies.map((c) => [c.name, c]));
}

describe('register', () => {
  it('creates the user, a personal organization, and sets HTTP-only cookies; the first user is instance admin', async () => {
    const email = uniqueEmail('first');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: email.toUpperCase(), password: 'long enough pw', name: 'Dana' },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.user).toMatchObject({ email, name: 'Dana', isInstanceAdmin: true });
    expect(body.accessToken).toMatch(/^ey/);
    expect(body.refreshToken).toBeUndefined();
    const cookies = cookiesOf(res);
    expect(cookies.parley_access).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookies.parley_refresh).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth' });

    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { parley_access: cookies.parley_access!.value } });
    expect(me.statusCode).toBe(200);
    expect(me.json().organizations).toHaveLength(1);
    expect(me.json().organizations[0]).toMatchObject({ personal: true, role: 'owner' });
    expect(me.json().activeOrganizationId).toBe(me.json().organizations[0].id);

    const second = await registerUser(t.app);
    const me2 = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: second.headers });
    expect(me2.json().user.isInstanceAdmin).toBe(false);
  });

  it('refuses a duplicate email with 409 naming the field, case-insensitively', async () => {
    const user = await registerUser(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: user.email.toUpperCase(), password: 'another password' },
    });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe('email_taken');
    expect(errorOf(res).details?.issues?.[0]?.path).toBe('body.email');
  });

  it('rejects a short password and a bad email with field-level errors', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { email: 'not-an-email', password: 'short' } });
    expect(res.statusCode).toBe(400);
    const paths = errorOf(res).details!.issues!.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['body.email', 'body.password']));
  });

  it('stores only a scrypt hash of the password', async () => {
    const user = await registerUser(t.app);
    const { users } = await import('../../db/schema.js');
    const { eq } = await import('drizzle-orm');
    const [row] = await t.deps.database.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.passwordHash).toMatch(/^scrypt\$\d+\$8\$1\$/);
    expect(row!.passwordHash).not.toContain(user.password);
  });
});

describe('login', () => {
  it('signs in with the right password and refuses a wrong one with 401', async () => {
    const user = await registerUser(t.app);
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: user.password } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.id).toBe(user.id);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: 'wrong password' },
    });
    expect(bad.statusCode).toBe(401);
    expect(errorOf(bad).code).toBe('invalid_credentials');
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: uniqueEmail('nobody'), password: 'whatever1' },
    });
    expect(unknown.statusCode).toBe(401);
    expect(errorOf(unknown).message).toBe(errorOf(bad).message);
  });

  it('throttles attempts per account with 429 and Retry-After', async () => {
    const user = await registerUser(t.app);
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 5; i++) {
      last = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: 'wrong password' } });
      statuses.push(last.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    expect(errorOf(last!).code).toBe('rate_limited');
    // Even the right password waits until the bucket refills.
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: user.password },
    });
    expect(right.statusCode).toBe(429);
  });
});

describe('refresh and logout', () => {
  it('rotates the refresh token; reuse of a rotated token ends the whole session', async () => {
    const email = uniqueEmail();
    const reg = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email, password: 'long enough pw', includeRefreshToken: true },
    });
    const first = reg.json().refreshToken as string;
    expect(first).toMatch(/^rt_/);

    const r1 = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: first, includeRefreshToken: true },
    });
    expect(r1.statusCode).toBe(200);
    const second = r1.json().refreshToken as string;
    expect(second).not.toBe(first);
    const access = r1.json().accessToken as string;
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${access}` } })).statusCode).toBe(
      200,
    );

    // Replaying the first token right away (two tabs) is refused without killing the session...
    const replay = await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: first } });
    expect(replay.statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${access}` } })).statusCode).toBe(
      200,
    );

    // ...but a replay after the grace window is treated as theft: every token of the family dies.
    const { refreshTokens } = await import('../../db/schema.js');
    const { isNotNull } = await import('drizzle-orm');
    await t.deps.database.db
      .update(refreshTokens)
      .set({ rotatedAt: new Date(Date.now() - 60_000) })
      .where(isNotNull(refreshTokens.rotatedAt));
    const theft = await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: first } });
    expect(theft.statusCode).toBe(401);
    const afterTheft = await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: second } });
    expect(afterTheft.statusCode).toBe(401);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${access}` } });
    expect(me.statusCode).toBe(401);
  });

  it('refreshes from the cookie, and logout revokes the session and clears cookies at once', async () => {
    const email = uniqueEmail();
    const reg = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { email, password: 'long enough pw' } });
    const refreshCookie = cookiesOf(reg).parley_refresh!.value;
    const refreshed = await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', cookies: { parley_refresh: refreshCookie } });
    expect(refreshed.statusCode).toBe(200);
    const access = refreshed.json().accessToken as string;
    const newRefresh = cookiesOf(refreshed).parley_refresh!.value;

    const out = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { authorization: `Bearer ${access}` },
      cookies: { parley_refresh: newRefresh },
    });
    expect(out.statusCode).toBe(204);
    expect(cookiesOf(out).parley_access!.value).toBe('');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${access}` } })).statusCode).toBe(
      401,
    );
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', cookies: { parley_refresh: newRefresh } })).statusCode).toBe(
      401,
    );
  });

  it('logout with allSessions ends every session of the user', async () => {
    const user = await registerUser(t.app);
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: user.password },
    });
    const otherToken = other.json().accessToken as string;
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: user.headers, payload: { allSessions: true } });
    expect(out.statusCode).toBe(204);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${otherToken}` } })).statusCode,
    ).toBe(401);
  });
});

describe('access tokens', () => {
  it('answers 401 token_expired for an expired token, 401 for a tampered or foreign-signed one', async () => {
    const user = await registerUser(t.app);
    const key = deriveKey(t.config.secret!, 'access-token');
    const [, payloadPart] = user.token.split('.');
    const claims = JSON.parse(Buffer.from(payloadPart!, 'base64url').toString());
    const expired = await new SignJWT({ sid: claims.sid, typ: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer('parley')
      .setAudience('parley-api')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(key);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${expired}` } });
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).code).toBe('token_expired');

    const foreign = await new SignJWT({ sid: claims.sid, typ: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer('parley')
      .setAudience('parley-api')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('another-secret-another-secret-0123456789'));
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${foreign}` } })).statusCode,
    ).toBe(401);
    const tampered = user.token.slice(0, -3) + (user.token.endsWith('A') ? 'BBB' : 'AAA');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${tampered}` } })).statusCode,
    ).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
  });
});
