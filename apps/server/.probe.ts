import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { buildApp } from './src/app.js';
import { loadConfig } from './src/config.js';
import { openPglite } from './src/db/client.js';
import { createDeps } from './src/deps.js';
const database = await openPglite(null);
const config = loadConfig({ PARLEY_DATA_DIR: '/tmp/probe', PARLEY_SECRET: randomBytes(32).toString('hex') });
const errs: unknown[] = [];
const logger = pino({ level: 'error' }, { write: (s: string) => { const o = JSON.parse(s); errs.push(o.err ?? o); } });
const deps = await createDeps(config, { database, logger, scryptParams: { N: 1024, r: 8, p: 1 } });
const app = await buildApp(deps);
await app.ready();
const reg = await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { email: 'a@b.test', password: 'xxxxxxxxxx' } });
const headers = { authorization: `Bearer ${reg.json().accessToken}` };
const me = (await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).json();
const reqs: any[] = [
  { method: 'POST', url: '/api/v1/assistants', headers, payload: { name: 'a\u0000b' } },
  { method: 'POST', url: '/api/v1/assistants', headers, payload: { name: 'ok', generation: { model: 'a\uD800' } } },
  { method: 'POST', url: '/api/v1/assistants', headers, payload: { name: 'ok', generation: { model: 'a\u0000' } } },
  { method: 'PATCH', url: `/api/v1/organizations/${me.activeOrganizationId}`, headers, payload: { name: 'a\uD800' } },
  { method: 'GET', url: '/api/v1/assistants?q=a%00b', headers },
  { method: 'GET', url: '/api/v1/audit-events?action=a%00b', headers },
  { method: 'GET', url: '/api/v1/assistants/%E0%A4%A', headers },
  { method: 'GET', url: '/api/v1/assistants/' + 'a'.repeat(300), headers },
  { method: 'POST', url: '/api/v1/assistants', headers: { ...headers, 'content-type': 'application/json; charset=utf-16' }, payload: '{"name":"x"}' },
  { method: 'POST', url: '/api/v1/assistants', headers: { ...headers, 'content-type': 'application/json' }, payload: Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]) },
];
for (const r of reqs) {
  errs.length = 0;
  const res = await app.inject(r);
  console.log(r.method, r.url.slice(0, 60), res.statusCode, res.body.slice(0, 200), res.headers['x-request-id'] ? 'xrid' : 'NO-XRID');
  for (const e of errs as any[]) console.log('   ERR', e.type, e.code, e.message?.slice(0, 200), JSON.stringify(e).match(/"code":"[0-9A-Z]{5}"/g));
}
await app.close(); await deps.close(); await database.close();
