// The served OpenAPI document: identical to the committed docs/openapi.json (the drift check CI runs),
// OpenAPI 3.1, with the one error shape documented on every API operation, and the docs UI served.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness.js';
import { openApiDocumentPath, serializeOpenApi } from '../scripts/openapi.js';
import { API_PREFIX, OPENAPI_PATH } from './app.js';

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
};
type Operation = { responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }> };
type OpenApiDocument = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
};

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

let t: TestApp;
let served: OpenApiDocument;

beforeAll(async () => {
  // The committed document is generated with this public URL (scripts/openapi.ts); the server list must match.
  t = await createTestApp({ PARLEY_PUBLIC_URL: 'http://localhost:3000' });
  const res = await t.app.inject({ method: 'GET', url: OPENAPI_PATH });
  expect(res.statusCode).toBe(200);
  served = res.json();
});

afterAll(async () => {
  await t?.close();
});

/** Follows a local `#/components/schemas/X` reference, so the checks hold whether schemas are inlined or shared. */
function resolve(doc: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema | undefined {
  let current = schema;
  for (let hops = 0; current?.$ref && hops < 10; hops++) {
    const name = /^#\/components\/schemas\/(.+)$/.exec(current.$ref)?.[1];
    if (!name) throw new Error(`unexpected $ref ${current.$ref}`);
    current = doc.components?.schemas?.[decodeURIComponent(name)];
    if (!current) throw new Error(`dangling $ref ${schema?.$ref}`);
  }
  return current;
}

function isErrorShape(doc: OpenApiDocument, schema: JsonSchema | undefined): boolean {
  const root = resolve(doc, schema);
  const error = resolve(doc, root?.properties?.error);
  return Boolean(
    root?.type === 'object' &&
    root.required?.includes('error') &&
    root.required.includes('requestId') &&
    resolve(doc, root.properties?.requestId)?.type === 'string' &&
    error?.type === 'object' &&
    error.required?.includes('code') &&
    error.required.includes('message') &&
    resolve(doc, error.properties?.code)?.type === 'string' &&
    resolve(doc, error.properties?.message)?.type === 'string',
  );
}

function apiOperations(doc: OpenApiDocument): { key: string; op: Operation }[] {
  return Object.entries(doc.paths)
    .filter(([path]) => path.startsWith(`${API_PREFIX}/`))
    .flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => HTTP_METHODS.has(method))
        .map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
    );
}

describe('OpenAPI document', () => {
  it('is the committed docs/openapi.json (run `npm run openapi:generate` when this fails)', async () => {
    const committed = await readFile(openApiDocumentPath, 'utf8');
    // Compare parsed documents first for a readable diff, then the exact bytes the generator writes.
    expect(served).toEqual(JSON.parse(committed));
    expect(serializeOpenApi(served)).toBe(committed);
  });

  it('is OpenAPI 3.1 with the Parley info block', () => {
    expect(served.openapi).toMatch(/^3\.1\.\d+$/);
    expect(served.info.title).toBe('Parley API');
    expect(served.info.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('documents the error shape on a 4xx response of every API operation', () => {
    const operations = apiOperations(served);
    expect(operations.length).toBeGreaterThan(10);
    const undocumented = operations
      .filter(
        ({ op }) =>
          !Object.entries(op.responses ?? {}).some(
            ([status, response]) => /^4(\d\d|XX)$/.test(status) && isErrorShape(served, response.content?.['application/json']?.schema),
          ),
      )
      .map(({ key }) => key);
    expect(undocumented).toEqual([]);
  });

  it('leaves no dangling $ref', () => {
    const refs = [...JSON.stringify(served).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
    for (const ref of refs) expect(() => resolve(served, { $ref: ref }), ref).not.toThrow();
  });

  it('serves the interactive docs at /docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs' });
    // @fastify/swagger-ui may redirect /docs to /docs/; follow one hop.
    const final =
      res.statusCode >= 300 && res.statusCode < 400 && res.headers.location
        ? await t.app.inject({ method: 'GET', url: new URL(String(res.headers.location), 'http://localhost/docs').pathname })
        : res;
    expect(final.statusCode).toBe(200);
    expect(final.headers['content-type']).toMatch(/^text\/html/);
    expect(final.body).toMatch(/swagger-ui/i);
  });
});
