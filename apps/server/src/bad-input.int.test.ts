// Hostile-input sweep: reads the OpenAPI document from the running app and generates malformed requests
// for every operation that takes a body, path parameters or a query string (broken JSON, wrong types,
// unknown fields, out-of-range numbers, overlong strings, bad enums, invalid UUIDs, wrong content types,
// oversize and deeply nested bodies, NUL bytes and lone surrogates). Every answer must be a 4xx in the
// one error shape, never a 5xx, and field-level failures must name the offending field.
import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant, createTestApp, registerUser, type TestApp, type TestUser } from '../test/harness.js';
import { API_PREFIX, OPENAPI_PATH } from './app.js';

const BODY_LIMIT = 65_536;

// ---------------------------------------------------------------------------------------------------
// The slice of OpenAPI / JSON Schema the generator reads.

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
}
interface OperationObject {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
}
interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
}

interface ApiOperation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  body: { schema: JsonSchema; required: boolean; nullable: boolean } | null;
}

/** The branches of a nullable/union schema other than `null`, and whether `null` was one of them. */
function splitNull(schema: JsonSchema): { branches: JsonSchema[]; nullable: boolean } {
  const union = schema.anyOf ?? schema.oneOf;
  if (union) {
    const branches = union.filter((s) => s.type !== 'null');
    return { branches, nullable: branches.length < union.length };
  }
  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((t) => t !== 'null');
    return { branches: types.map((type) => ({ ...schema, type })), nullable: types.length < schema.type.length };
  }
  return { branches: [schema], nullable: false };
}

/** The single concrete schema of a field (its first non-null branch). */
function concrete(schema: JsonSchema): JsonSchema {
  return splitNull(schema).branches[0] ?? schema;
}

function typeOf(schema: JsonSchema): string | undefined {
  const s = concrete(schema);
  if (s.enum) return 'enum';
  if (typeof s.type === 'string') return s.type;
  if (s.properties) return 'object';
  return undefined;
}

function operationsOf(doc: OpenApiDocument): ApiOperation[] {
  const ops: ApiOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!path.startsWith(`${API_PREFIX}/`)) continue;
    for (const [method, op] of Object.entries(item)) {
      const upper = method.toUpperCase();
      if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(upper)) continue;
      const params = op.parameters ?? [];
      const json = op.requestBody?.content?.['application/json']?.schema;
      let body: ApiOperation['body'] = null;
      if (json) {
        const { branches, nullable } = splitNull(json);
        const schema = branches[0] ?? json;
        // A body that may be left out or null (refresh, logout) is optional whatever `required` says;
        // otherwise treat it as required when the object has required properties.
        body = { schema, nullable, required: !nullable && (schema.required?.length ?? 0) > 0 };
      }
      ops.push({
        method: upper as ApiOperation['method'],
        path,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        body,
      });
    }
  }
  return ops;
}

// ---------------------------------------------------------------------------------------------------
// Valid values, so each malformed request has exactly one thing wrong with it.

let sampleCounter = 0;

function sampleString(schema: JsonSchema, name: string): string {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Number.POSITIVE_INFINITY;
  if (schema.format === 'uuid') return randomUUID();
  if (schema.format === 'date-time') return new Date().toISOString();
  if (/email/i.test(name) || schema.format === 'email') {
    sampleCounter += 1;
    return `bad-input-${sampleCounter}-${randomUUID().slice(0, 6)}@example.test`;
  }
  const candidates = ['sample-value', 'https://shop.example', 'abc'];
  const fits = (v: string) => v.length >= min && v.length <= max && (!schema.pattern || new RegExp(schema.pattern, 'u').test(v));
  const picked = candidates.find(fits);
  if (picked) return picked;
  const padded = 'sample value '.repeat(Math.ceil(Math.max(min, 1) / 13)).slice(0, Math.max(min, 1));
  return padded;
}

function sampleValue(schema: JsonSchema, name: string): unknown {
  const s = concrete(schema);
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  switch (typeOf(s)) {
    case 'string':
      return sampleString(s, name);
    case 'integer':
    case 'number':
      return Math.max(s.minimum ?? 0, (s.exclusiveMinimum ?? -1) + 1);
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => sampleValue(s.items ?? {}, name));
    case 'object':
      return Object.fromEntries((s.required ?? []).map((key) => [key, sampleValue(s.properties?.[key] ?? {}, key)]));
    default:
      return null;
  }
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** A copy of `base` with `value` at `path` (creating intermediate objects and arrays as needed). */
function withValue(base: unknown, path: string[], value: unknown): Record<string, unknown> {
  const root = clone((base ?? {}) as Record<string, unknown>);
  let node: Record<string, unknown> = root;
  path.forEach((key, index) => {
    if (index === path.length - 1) {
      node[key] = value;
      return;
    }
    const nextIsIndex = /^\d+$/.test(path[index + 1]!);
    const existing = node[key];
    if (existing === null || typeof existing !== 'object') node[key] = nextIsIndex ? [] : {};
    node = node[key] as Record<string, unknown>;
  });
  return root;
}

// ---------------------------------------------------------------------------------------------------
// The malformed cases.

type CaseKind =
  | 'malformed_json'
  | 'not_an_object'
  | 'empty_body'
  | 'missing_body'
  | 'wrong_content_type'
  | 'oversize'
  | 'prototype_pollution'
  | 'deep_nesting'
  | 'wrong_type'
  | 'unknown_field'
  | 'out_of_range'
  | 'too_short'
  | 'overlong'
  | 'bad_enum'
  | 'bad_format'
  | 'too_many_items'
  | 'invalid_uuid'
  | 'bad_url'
  | 'hostile_string';

/** Kinds whose error must name the offending field in details.issues. */
const FIELD_LEVEL = new Set<CaseKind>(['wrong_type', 'unknown_field', 'out_of_range', 'too_short', 'overlong', 'bad_enum', 'bad_format', 'too_many_items', 'invalid_uuid']);

interface BadRequest {
  kind: CaseKind;
  label: string;
  request: InjectOptions;
  /** Dotted issue path the error must name, e.g. `body.generation.temperature`. */
  field?: string;
  status?: number;
  code?: string;
}

interface Field {
  path: string[];
  schema: JsonSchema;
  nullable: boolean;
}

/** Every property of an object schema, depth first, including array items (path segment `0`). */
function fieldsOf(schema: JsonSchema, prefix: string[] = []): Field[] {
  const out: Field[] = [];
  for (const [name, prop] of Object.entries(concrete(schema).properties ?? {})) {
    const path = [...prefix, name];
    const { nullable } = splitNull(prop);
    const c = concrete(prop);
    out.push({ path, schema: c, nullable });
    if (typeOf(c) === 'object') out.push(...fieldsOf(c, path));
    if (typeOf(c) === 'array' && c.items) {
      const items = concrete(c.items);
      out.push({ path: [...path, '0'], schema: items, nullable: splitNull(c.items).nullable });
      if (typeOf(items) === 'object') out.push(...fieldsOf(items, [...path, '0']));
    }
  }
  return out;
}

/** Strict objects (additionalProperties: false) inside a schema, as paths; [] is the root. */
function strictObjectsOf(schema: JsonSchema, prefix: string[] = []): string[][] {
  const c = concrete(schema);
  if (typeOf(c) !== 'object') return [];
  const own = c.additionalProperties === false ? [prefix] : [];
  return [...own, ...Object.entries(c.properties ?? {}).flatMap(([name, prop]) => strictObjectsOf(prop, [...prefix, name]))];
}

function wrongTypeValues(schema: JsonSchema, nullable: boolean): { label: string; value: unknown }[] {
  const values: { label: string; value: unknown }[] = [];
  switch (typeOf(schema)) {
    case 'string':
    case 'enum':
      values.push({ label: 'number', value: 12_345 }, { label: 'object', value: { text: 'x' } });
      break;
    case 'integer':
      values.push({ label: 'numeric string', value: '12' }, { label: 'boolean', value: true }, { label: 'fraction', value: (concrete(schema).minimum ?? 0) + 1.5 });
      break;
    case 'number':
      values.push({ label: 'numeric string', value: '0.5' }, { label: 'boolean', value: true });
      break;
    case 'boolean':
      values.push({ label: 'string', value: 'true' }, { label: 'number', value: 1 });
      break;
    case 'object':
      values.push({ label: 'string', value: 'object expected' }, { label: 'array', value: [] });
      break;
    case 'array':
      values.push({ label: 'string', value: 'array expected' }, { label: 'object', value: { 0: 'x' } });
      break;
    default:
      break;
  }
  if (!nullable) values.push({ label: 'null', value: null });
  return values;
}

/** Strings that are never acceptable text: NUL bytes and unpaired UTF-16 surrogates. */
const HOSTILE_STRINGS: { label: string; value: string }[] = [
  { label: 'NUL byte', value: 'before\u0000after' },
  { label: 'lone high surrogate', value: 'before\uD800after' },
  { label: 'lone low surrogate', value: '\uDC00' },
];

interface Context {
  user: TestUser;
  assistantId: string;
}

function pathParamValue(name: string, ctx: Context): string {
  if (name === 'id') return ctx.assistantId;
  if (name === 'orgId') return ctx.user.organizationId;
  if (name === 'userId') return ctx.user.id;
  return randomUUID();
}

function urlOf(op: ApiOperation, ctx: Context, overrides: Record<string, string> = {}, query = ''): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => overrides[name] ?? encodeURIComponent(pathParamValue(name, ctx)));
  return query ? `${path}?${query}` : path;
}

function generateBadRequests(ops: ApiOperation[], ctx: Context): BadRequest[] {
  const out: BadRequest[] = [];
  const headers = ctx.user.headers;
  const jsonHeaders = { ...headers, 'content-type': 'application/json' };

  for (const op of ops) {
    const name = `${op.method} ${op.path}`;

    // Path parameters: everything but a UUID, each parameter in turn (the others valid).
    for (const param of op.pathParams) {
      const valid = pathParamValue(param.name, ctx);
      const invalid: { label: string; raw: string }[] = [
        { label: 'word', raw: 'not-a-uuid' },
        { label: 'number', raw: '12345' },
        { label: 'one char short', raw: valid.slice(0, -1) },
        { label: 'non-hex char', raw: `${valid.slice(0, -1)}g` },
        { label: 'braced', raw: encodeURIComponent(`{${valid}}`) },
        { label: 'SQL', raw: encodeURIComponent("1' OR '1'='1") },
        { label: 'NUL', raw: '%00' },
        { label: 'unicode', raw: encodeURIComponent('ü'.repeat(36)) },
      ];
      for (const { label, raw } of invalid) {
        out.push({
          kind: 'invalid_uuid',
          label: `${name} params.${param.name}: ${label}`,
          request: { method: op.method, url: urlOf(op, ctx, { [param.name]: raw }), headers, ...(op.body ? { payload: sampleValue(op.body.schema, 'body') as object } : {}) },
          field: `params.${param.name}`,
          status: 400,
          code: 'validation_error',
        });
      }
      out.push({
        kind: 'bad_url',
        label: `${name} params.${param.name}: broken percent-encoding`,
        request: { method: op.method, url: urlOf(op, ctx, { [param.name]: '%E0%A4%A' }), headers },
      });
      out.push({
        kind: 'bad_url',
        label: `${name} params.${param.name}: longer than the router allows`,
        request: { method: op.method, url: urlOf(op, ctx, { [param.name]: 'a'.repeat(300) }), headers },
      });
    }

    // Query string: wrong types, ranges, lengths, formats, repeated and unknown keys, hostile text.
    if (op.queryParams.length > 0) {
      const q = (pairs: [string, string][]) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&');
      const queryCase = (kind: CaseKind, param: string, label: string, query: string, field = `querystring.${param}`) =>
        out.push({
          kind,
          label: `${name} querystring.${param}: ${label}`,
          request: { method: op.method, url: urlOf(op, ctx, {}, query), headers },
          ...(FIELD_LEVEL.has(kind) ? { field, status: 400, code: 'validation_error' } : {}),
        });
      queryCase('unknown_field', 'unexpectedParam', 'unknown parameter', q([['unexpectedParam', '1']]));
      for (const param of op.queryParams) {
        const s = concrete(param.schema);
        const type = typeOf(s);
        queryCase('wrong_type', param.name, 'repeated (array)', q([[param.name, encodeURIComponent(String(sampleValue(s, param.name)))], [param.name, encodeURIComponent(String(sampleValue(s, param.name)))]]));
        if (type === 'integer' || type === 'number') {
          queryCase('wrong_type', param.name, 'not a number', q([[param.name, 'abc']]));
          queryCase('wrong_type', param.name, 'hex', q([[param.name, '0x1g']]));
          if (type === 'integer') queryCase('wrong_type', param.name, 'fraction', q([[param.name, String((s.minimum ?? 0) + 1.5)]]));
          if (s.minimum !== undefined) queryCase('out_of_range', param.name, 'below minimum', q([[param.name, String(s.minimum - 1)]]));
          if (s.maximum !== undefined) queryCase('out_of_range', param.name, 'above maximum', q([[param.name, String(s.maximum + 1)]]));
          queryCase('out_of_range', param.name, 'huge', q([[param.name, '1e400']]));
        }
        if (type === 'string') {
          if (s.maxLength !== undefined) queryCase('overlong', param.name, `maxLength ${s.maxLength} + 1`, q([[param.name, 'a'.repeat(s.maxLength + 1)]]));
          if (s.format === 'date-time') {
            queryCase('bad_format', param.name, 'not a date', q([[param.name, 'yesterday']]));
            queryCase('bad_format', param.name, 'impossible date', q([[param.name, encodeURIComponent('2024-13-45T99:99:99Z')]]));
          }
        }
        if (type === 'enum') queryCase('bad_enum', param.name, 'unknown choice', q([[param.name, 'not-a-choice']]));
        if (type === 'string' || type === 'enum') {
          queryCase('hostile_string', param.name, 'NUL byte', q([[param.name, 'a%00b']]));
          queryCase('hostile_string', param.name, 'UTF-8-encoded surrogate', q([[param.name, '%ED%A0%80']]));
          queryCase('hostile_string', param.name, 'invalid UTF-8', q([[param.name, '%FF%FE']]));
        }
      }
    }

    if (!op.body) continue;
    const base = sampleValue(op.body.schema, 'body') as Record<string, unknown>;
    const bodyCase = (kind: CaseKind, label: string, payload: unknown, extra: Partial<BadRequest> = {}) =>
      out.push({ kind, label: `${name} ${label}`, request: { method: op.method, url: urlOf(op, ctx), headers: jsonHeaders, payload: payload as string }, ...extra });

    // Broken or unusable JSON.
    for (const [label, raw] of [
      ['truncated', '{"a": '],
      ['unquoted keys', '{a: 1}'],
      ['single quotes', "{'a': 1}"],
      ['trailing comma', '{"a": 1,}'],
      ['two documents', '{}{}'],
    ] as const) {
      bodyCase('malformed_json', `malformed JSON (${label})`, raw, { status: 400, code: 'invalid_json' });
    }
    bodyCase('empty_body', 'empty body with a JSON content type', '', { status: 400, code: 'invalid_json' });
    for (const raw of ['[]', '"text"', '42', 'true', ...(op.body.nullable ? [] : ['null'])]) {
      bodyCase('not_an_object', `body is ${raw}`, raw, { status: 400, code: 'validation_error' });
    }
    if (op.body.required) {
      out.push({
        kind: 'missing_body',
        label: `${name} no body at all`,
        request: { method: op.method, url: urlOf(op, ctx), headers },
        status: 400,
        code: 'validation_error',
      });
    }
    for (const contentType of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      out.push({
        kind: 'wrong_content_type',
        label: `${name} content-type ${contentType}`,
        request: { method: op.method, url: urlOf(op, ctx), headers: { ...headers, 'content-type': contentType }, payload: JSON.stringify(base) },
        status: 415,
        code: 'unsupported_media_type',
      });
    }
    bodyCase('oversize', `body over ${BODY_LIMIT} bytes`, JSON.stringify({ ...base, padding: 'x'.repeat(BODY_LIMIT + 10) }), { status: 413, code: 'payload_too_large' });
    bodyCase('prototype_pollution', '__proto__ key', `{"__proto__": {"isInstanceAdmin": true}, ${JSON.stringify(base).slice(1)}`.replace(/, }$/, '}'), { status: 400 });
    bodyCase('prototype_pollution', 'constructor.prototype key', `{"constructor": {"prototype": {"isInstanceAdmin": true}}}`, { status: 400 });

    // Deeply nested junk: as an unknown field, and in place of the first property.
    const deepArray = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
    const deepObject = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
    const baseText = JSON.stringify(base);
    const spliced = (key: string, junk: string) => (baseText === '{}' ? `{"${key}":${junk}}` : `{"${key}":${junk},${baseText.slice(1)}`);
    bodyCase('deep_nesting', 'deeply nested array in an unknown field', spliced('junk', deepArray), { field: 'body.junk', status: 400, code: 'validation_error' });
    const firstProp = Object.keys(concrete(op.body.schema).properties ?? {})[0];
    if (firstProp) {
      const { [firstProp]: _dropped, ...rest } = base;
      const restText = JSON.stringify(rest);
      const payload = restText === '{}' ? `{"${firstProp}":${deepObject}}` : `{"${firstProp}":${deepObject},${restText.slice(1)}`;
      bodyCase('deep_nesting', `deeply nested object as ${firstProp}`, payload, { field: `body.${firstProp}`, status: 400, code: 'validation_error' });
    }

    // Unknown fields on every strict object.
    for (const objectPath of strictObjectsOf(op.body.schema)) {
      const path = [...objectPath, 'unexpectedField'];
      bodyCase('unknown_field', `unknown field body.${path.join('.')}`, withValue(base, path, 'surprise'), { field: `body.${path.join('.')}`, status: 400, code: 'validation_error' });
    }

    // Per property: wrong types, bounds, lengths, enums, hostile text.
    for (const field of fieldsOf(op.body.schema)) {
      const dotted = `body.${field.path.join('.')}`;
      const fieldCase = (kind: CaseKind, label: string, value: unknown) =>
        bodyCase(kind, `${dotted}: ${label}`, withValue(base, field.path, value), FIELD_LEVEL.has(kind) ? { field: dotted, status: 400, code: 'validation_error' } : {});
      const s = field.schema;
      const type = typeOf(s);
      for (const { label, value } of wrongTypeValues(s, field.nullable)) fieldCase('wrong_type', `wrong type (${label})`, value);
      if (type === 'integer' || type === 'number') {
        if (s.minimum !== undefined) fieldCase('out_of_range', `minimum ${s.minimum} - 1`, s.minimum - 1);
        if (s.maximum !== undefined) fieldCase('out_of_range', `maximum ${s.maximum} + 1`, s.maximum + 1);
        if (s.exclusiveMinimum !== undefined) fieldCase('out_of_range', `exclusiveMinimum ${s.exclusiveMinimum}`, s.exclusiveMinimum);
        if (s.exclusiveMaximum !== undefined) fieldCase('out_of_range', `exclusiveMaximum ${s.exclusiveMaximum}`, s.exclusiveMaximum);
      }
      if (type === 'string') {
        if (s.maxLength !== undefined) {
          fieldCase('overlong', `maxLength ${s.maxLength} + 1`, 'a'.repeat(s.maxLength + 1));
          fieldCase('overlong', `maxLength ${s.maxLength} + 1 (two-byte characters)`, 'é'.repeat(s.maxLength + 1));
        }
        if ((s.minLength ?? 0) > 0) fieldCase('too_short', `minLength ${s.minLength} - 1`, 'a'.repeat(s.minLength! - 1));
        if (s.minLength === 1) fieldCase('too_short', 'only whitespace', '   ');
        if (s.pattern) fieldCase('bad_format', 'does not match its pattern', 'Not Valid!/?');
        if (s.format === 'uuid') fieldCase('bad_format', 'not a uuid', 'not-a-uuid');
        if (s.format === 'date-time') fieldCase('bad_format', 'not a date', 'yesterday');
      }
      if (type === 'enum') {
        fieldCase('bad_enum', 'unknown choice', 'not-a-choice');
        const first = s.enum?.find((v): v is string => typeof v === 'string' && v.toUpperCase() !== v);
        if (first) fieldCase('bad_enum', 'wrong case', first.toUpperCase());
      }
      if (type === 'array' && s.maxItems !== undefined) {
        fieldCase('too_many_items', `maxItems ${s.maxItems} + 1`, Array.from({ length: s.maxItems + 1 }, () => sampleValue(s.items ?? {}, field.path.at(-1)!)));
      }
      // Text that can never be valid input, in an otherwise valid body.
      if (type === 'string') {
        for (const { label, value } of HOSTILE_STRINGS) fieldCase('hostile_string', label, value);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------

let t: TestApp;
let ctx: Context;
let ops: ApiOperation[];

beforeAll(async () => {
  t = await createTestApp({
    PARLEY_BODY_LIMIT_BYTES: String(BODY_LIMIT),
    // Hundreds of requests from one address in a few seconds: keep the general rate limit out of the way.
    PARLEY_RATE_LIMIT_PER_MINUTE: '1000000',
  });
  const user = await registerUser(t.app);
  const assistant = await createAssistant(t.app, user);
  ctx = { user, assistantId: assistant.id };
  const res = await t.app.inject({ method: 'GET', url: OPENAPI_PATH });
  expect(res.statusCode).toBe(200);
  ops = operationsOf(res.json() as OpenApiDocument);
});

afterAll(async () => {
  await t?.close();
});

interface Outcome {
  bad: BadRequest;
  status: number;
  problems: string[];
  body: string;
}

function check(bad: BadRequest, res: { statusCode: number; headers: Record<string, unknown>; body: string }): string[] {
  const problems: string[] = [];
  if (res.statusCode < 400 || res.statusCode > 499) problems.push(`status ${res.statusCode}, expected 4xx`);
  if (bad.status !== undefined && res.statusCode !== bad.status) problems.push(`status ${res.statusCode}, expected ${bad.status}`);
  let body: { error?: { code?: unknown; message?: unknown; details?: { issues?: { path?: unknown }[] } }; requestId?: unknown } | undefined;
  try {
    body = JSON.parse(res.body);
  } catch {
    problems.push('body is not JSON');
  }
  if (body) {
    if (typeof body.error?.code !== 'string' || body.error.code === '') problems.push('error.code is not a string');
    if (typeof body.error?.message !== 'string' || body.error.message === '') problems.push('error.message is not a string');
    if (typeof body.requestId !== 'string' || body.requestId === '') problems.push('requestId is not a string');
    const keys = Object.keys(body).sort().join(',');
    if (keys !== 'error,requestId') problems.push(`top-level keys are ${keys}`);
    if (res.headers['x-request-id'] !== body.requestId) problems.push(`x-request-id header ${String(res.headers['x-request-id'])} differs from requestId`);
    if (bad.code !== undefined && body.error?.code !== bad.code) problems.push(`code ${String(body.error?.code)}, expected ${bad.code}`);
    if (bad.field !== undefined) {
      const paths = (body.error?.details?.issues ?? []).map((i) => i.path);
      if (!paths.includes(bad.field)) problems.push(`issues name ${JSON.stringify(paths)}, expected ${bad.field}`);
    }
  }
  return problems;
}

describe('malformed requests', () => {
  it('are all answered 4xx in the one error shape, naming the offending field', async () => {
    const requests = generateBadRequests(ops, ctx);
    const outcomes: Outcome[] = [];
    for (const bad of requests) {
      const res = await t.app.inject(bad.request);
      outcomes.push({ bad, status: res.statusCode, problems: check(bad, res), body: res.body.slice(0, 300) });
    }

    const byStatus = new Map<number, number>();
    const byKind = new Map<string, number>();
    for (const o of outcomes) {
      byStatus.set(o.status, (byStatus.get(o.status) ?? 0) + 1);
      byKind.set(o.bad.kind, (byKind.get(o.bad.kind) ?? 0) + 1);
    }
    const covered = new Set(outcomes.map((o) => `${o.bad.request.method} ${o.bad.label.split(' ')[1]}`));
    console.log(
      `bad-input sweep: ${outcomes.length} requests over ${covered.size} operations\n` +
        `  by status: ${[...byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ')}\n` +
        `  by kind:   ${[...byKind].map(([k, n]) => `${k}×${n}`).join(' ')}`,
    );

    const failures = outcomes.filter((o) => o.problems.length > 0).map((o) => `${o.bad.label}\n    ${o.problems.join('; ')}\n    → ${o.status} ${o.body}`);
    expect(failures, failures.join('\n')).toEqual([]);
    expect(outcomes.filter((o) => o.status >= 500)).toEqual([]);
    expect(outcomes.length).toBeGreaterThanOrEqual(200);
    // Every operation that takes input was exercised.
    const withInput = ops.filter((op) => op.body || op.pathParams.length > 0 || op.queryParams.length > 0);
    expect(covered.size).toBe(withInput.length);
  });
});
