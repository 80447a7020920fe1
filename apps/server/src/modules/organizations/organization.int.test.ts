// Organizations, roles and invitations: the link comes back from the API, is bound to the invited
// address, works once, and roles decide who may manage what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant, createTestApp, errorOf, registerUser, uniqueEmail, type TestApp, type TestUser } from '../../../test/harness.js';

let t: TestApp;
let owner: TestUser;
beforeAll(async () => {
  t = await createTestApp({ PARLEY_PUBLIC_URL: 'https://parley.example' });
  owner = await registerUser(t.app, { name: 'Owner' });
});
afterAll(async () => t?.close());

async function createTeam(name = 'Team') {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/organizations', headers: owner.headers, payload: { name } });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; slug: string; role: string; personal: boolean };
}

async function invite(orgId: string, email: string, role: 'admin' | 'member' = 'member', headers = owner.headers) {
  return t.app.inject({ method: 'POST', url: `/api/v1/organizations/${orgId}/invitations`, headers, payload: { email, role } });
}

describe('organizations', () => {
  it('creates a team organization owned by its creator and lists it', async () => {
    const team = await createTeam('Padaria São João');
    expect(team).toMatchObject({ role: 'owner', personal: false, slug: 'padaria-sao-joao' });
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/organizations', headers: owner.headers });
    expect(list.json().items.map((o: { id: string }) => o.id)).toContain(team.id);
  });

  it('invites by email: the API returns the link, an invited user accepts it once, and joins with the role', async () => {
    const team = await createTeam();
    const email = uniqueEmail('invitee');
    const res = await invite(team.id, email, 'admin');
    expect(res.statusCode).toBe(201);
    const inv = res.json();
    expect(inv).toMatchObject({ email, role: 'admin', status: 'pending', emailSent: false });
    expect(inv.inviteUrl).toBe(`https://parley.example/invite?token=${encodeURIComponent(inv.token)}`);

    const someoneElse = await registerUser(t.app);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      headers: someoneElse.headers,
      payload: { token: inv.token },
    });
    expect(wrong.statusCode).toBe(400);
    expect(errorOf(wrong).code).toBe('invitation_invalid');

    const invitee = await registerUser(t.app, { email });
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      headers: invitee.headers,
      payload: { token: inv.token },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ id: team.id, role: 'admin' });
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      headers: invitee.headers,
      payload: { token: inv.token },
    });
    expect(again.statusCode).toBe(400);

    // The new admin acts in the team through the organization header.
    const asAdmin = { ...invitee.headers, 'x-parley-organization': team.id };
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/assistants', headers: asAdmin, payload: { name: 'Team bot' } });
    expect(created.statusCode).toBe(201);
    expect(created.json().organizationId).toBe(team.id);
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/organizations/${team.id}/invitations`, headers: owner.headers });
    expect(list.json().items[0]).toMatchObject({ email, status: 'accepted' });
  });

  it('lets an invited person sign up with the token even when registration is closed', async () => {
    const closed = await createTestApp({ PARLEY_ALLOW_REGISTRATION: 'false' });
    try {
      const admin = await registerUser(closed.app); // the first user is always allowed
      const refused = await closed.app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        payload: { email: uniqueEmail(), password: 'long enough pw' },
      });
      expect(refused.statusCode).toBe(403);
      expect(errorOf(refused).code).toBe('registration_closed');
      const email = uniqueEmail('guest');
      const inv = (
        await closed.app.inject({
          method: 'POST',
          url: `/api/v1/organizations/${admin.organizationId}/invitations`,
          headers: admin.headers,
          payload: { email },
        })
      ).json();
      const joined = await closed.app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        payload: { email, password: 'long enough pw', invitationToken: inv.token },
      });
      expect(joined.statusCode).toBe(201);
      const me = await closed.app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { authorization: `Bearer ${joined.json().accessToken}` },
      });
      expect(me.json().organizations.map((o: { id: string; role: string }) => [o.id, o.role])).toContainEqual([
        admin.organizationId,
        'member',
      ]);
    } finally {
      await closed.close();
    }
  });

  it('members can read but not manage; only owners change roles; the last owner cannot leave', async () => {
    const team = await createTeam();
    const email = uniqueEmail('member');
    const inv = (await invite(team.id, email)).json();
    const member = await registerUser(t.app, { email });
    await t.app.inject({ method: 'POST', url: '/api/v1/invitations/accept', headers: member.headers, payload: { token: inv.token } });
    const asMember = { ...member.headers, 'x-parley-organization': team.id };

    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/organizations/${team.id}/members`, headers: member.headers })).statusCode,
    ).toBe(200);
    expect((await invite(team.id, uniqueEmail(), 'member', member.headers)).statusCode).toBe(403);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/assistants', headers: asMember, payload: { name: 'nope' } })).statusCode,
    ).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit-events', headers: asMember })).statusCode).toBe(403);
    const promote = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/organizations/${team.id}/members/${member.id}`,
      headers: member.headers,
      payload: { role: 'owner' },
    });
    expect(promote.statusCode).toBe(403);

    const lastOwner = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/organizations/${team.id}/members/${owner.id}`,
      headers: owner.headers,
    });
    expect(lastOwner.statusCode).toBe(409);
    expect(errorOf(lastOwner).code).toBe('last_owner');
    const demoteSelf = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/organizations/${team.id}/members/${owner.id}`,
      headers: owner.headers,
      payload: { role: 'member' },
    });
    expect(demoteSelf.statusCode).toBe(409);

    const made = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/organizations/${team.id}/members/${member.id}`,
      headers: owner.headers,
      payload: { role: 'admin' },
    });
    expect(made.json()).toMatchObject({ userId: member.id, role: 'admin' });
    const leave = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/organizations/${team.id}/members/${member.id}`,
      headers: member.headers,
    });
    expect(leave.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/organizations/${team.id}`, headers: member.headers })).statusCode).toBe(404);
  });

  it('refuses to invite an existing member and lets managers revoke a pending invitation', async () => {
    const team = await createTeam();
    const dup = await invite(team.id, owner.email);
    expect(dup.statusCode).toBe(409);
    const email = uniqueEmail();
    const inv = (await invite(team.id, email)).json();
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/organizations/${team.id}/invitations/${inv.id}`,
      headers: owner.headers,
    });
    expect(del.statusCode).toBe(204);
    const invitee = await registerUser(t.app, { email });
    const accept = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      headers: invitee.headers,
      payload: { token: inv.token },
    });
    expect(accept.statusCode).toBe(400);
  });

  it('keeps each organization’s assistants apart for a user in two organizations', async () => {
    const team = await createTeam();
    await createAssistant(t.app, owner, { name: 'Personal bot' });
    const inTeam = await t.app.inject({
      method: 'GET',
      url: '/api/v1/assistants',
      headers: { ...owner.headers, 'x-parley-organization': team.id },
    });
    expect(inTeam.json().items).toEqual([]);
  });
});
