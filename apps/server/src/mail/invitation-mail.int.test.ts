// With PARLEY_SMTP_URL set, an invitation is mailed through a real SMTP exchange (a local smtp-server
// receives it) and the API reports emailSent: true; the link in the mail is the one the API returns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { createTestApp, registerUser, uniqueEmail, type TestApp } from '../../test/harness.js';
import { freePort } from '../../test/services/free-port.js';

const received: { to: string[]; raw: string }[] = [];
let smtp: SMTPServer;
let t: TestApp;

beforeAll(async () => {
  const port = await freePort();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (d: Buffer) => (raw += d.toString('utf8')));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve));
  t = await createTestApp({ PARLEY_SMTP_URL: `smtp://127.0.0.1:${port}`, PARLEY_SMTP_FROM: 'Parley <noreply@parley.example>' });
});
afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe('invitation mail', () => {
  it('sends the invitation link by SMTP', async () => {
    const owner = await registerUser(t.app, { name: 'Owner' });
    const email = uniqueEmail('mailed');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/organizations/${owner.organizationId}/invitations`,
      headers: owner.headers,
      payload: { email },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().emailSent).toBe(true);
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual([email]);
    const unfolded = received[0]!.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    expect(unfolded).toContain(res.json().inviteUrl);
    expect(received[0]!.raw).toMatch(/^From: Parley <noreply@parley\.example>/m);
  });
});
