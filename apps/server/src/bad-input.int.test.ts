// Hostile-input sweep: reads the OpenAPI document from the running app and generates malformed requests
// for every operation that takes a body, path parameters or a query string (broken JSON, wrong types,
// unknown fields, out-of-range numbers, overlong strings, bad enums, invalid UUIDs, broken URLs, wrong
// content types, oversize and deeply nested bodies, NUL bytes). Every answer must be a 4xx in the one error
// shape with x-request-id, never a 5xx, and field-level failures must name the offending field.
// Ill-formed text (unpaired surrogates, invalid UTF-8) is also sent; the API may still accept it (stored
// with U+FFFD), so those requests only have to avoid a 5xx, and the accepted ones are printed.
import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant, createTestApp, registerUser, type TestApp, type TestUser } from '../test/harness.js';
import { API_PREFIX, OPENAPI_PATH } from './app.js';

const BODY_LIMIT = 65_536;

/** Valid bodies for operations whose schema alone does not make one (fields required together). */
const sampleBodies: Record<string, unknown> = {
  'POST /api/v1/assistants/{id}/documents': { title: 'Sample', text: 'Sample text' },
  'POST /api/v1/assistants': { name: 'Sample', generation: { fallbacks: [{ providerId: null, model: 'backup' }] } },
  'PATCH /api/v1/assistants/{id}': { generation: { fallbacks: [{ providerId: null, model: 'backup' }] } },
  'POST /api/v1/providers': { name: 'Sample', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'sk-sample' },
};

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
  /** The operation also takes multipart/form-data (uploads). */
  multipart: boolean;
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
        multipart: Boolean(op.requestBody?.content?.['multipart/form-data']),
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
  | 'nul_byte'
  | 'ill_formed_text';

/** Kinds whose error must name the offending field in details.issues. */
const FIELD_LEVEL = new Set<CaseKind>([
  'wrong_type',
  'unknown_field',
  'out_of_range',
  'too_short',
  'overlong',
  'bad_enum',
  'bad_format',
  'too_many_items',
  'invalid_uuid',
  'nul_byte',
]);

interface BadRequest {
  /** `METHOD /path` of the operation in the OpenAPI document. */
  operation: string;
  kind: CaseKind;
  label: string;
  request: InjectOptions;
  /** Dotted issue path the error must name, e.g. `body.generation.temperature`. */
  field?: string;
  status?: number;
  /** Acceptable error codes. */
  codes?: string[];
  /**
   * Text that is ill-formed (unpaired surrogates, invalid UTF-8) but that the API may accept today: it must
   * never cause a 5xx, and when refused it must be refused in the error shape. Accepted ones are listed.
   */
  mayBeAccepted?: { field: string };
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
      values.push(
        { label: 'numeric string', value: '12' },
        { label: 'boolean', value: true },
        { label: 'fraction', value: (concrete(schema).minimum ?? 0) + 1.5 },
      );
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

/** Strings JSON can carry but that are not well-formed Unicode text. */
const ILL_FORMED_STRINGS: { label: string; value: string }[] = [
  { label: 'lone high surrogate', value: 'before\uD800after' },
  { label: 'lone low surrogate', value: '\uDC00' },
];

interface Context {
  user: TestUser;
  assistantId: string;
  /** A publishable key of the assistant, for the widget's public routes. */
  publishableKey: string;
}

/** The widget's routes: a publishable key in the path, called from its allowed origin by one visitor. */
const PUBLIC_PREFIX = `${API_PREFIX}/public/`;
const WIDGET_ORIGIN = 'https://shop.example';
const publicHeaders = { origin: WIDGET_ORIGIN, 'x-parley-visitor': 'bad-input-visitor-0123456789' };

function pathParamValue(name: string, ctx: Context): string {
  if (name === 'id') return ctx.assistantId;
  if (name === 'orgId') return ctx.user.organizationId;
  if (name === 'userId') return ctx.user.id;
  if (name === 'key') return ctx.publishableKey;
  return randomUUID();
}

function urlOf(op: ApiOperation, ctx: Context, overrides: Record<string, string> = {}, query = ''): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => overrides[name] ?? encodeURIComponent(pathParamValue(name, ctx)));
  return query ? `${path}?${query}` : path;
}

const OVERSIZE_PADDING = 'x'.repeat(BODY_LIMIT + 10);
const DEEP_ARRAY = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
const DEEP_OBJECT = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;

/** `{"key": <raw JSON>, ...rest}` without re-serialising the raw part. */
function spliceRaw(rest: Record<string, unknown>, key: string, raw: string): string {
  const restText = JSON.stringify(rest);
  return restText === '{}' ? `{${JSON.stringify(key)}:${raw}}` : `{${JSON.stringify(key)}:${raw},${restText.slice(1)}`;
}

/** The malformed requests for one operation; every other part of each request is valid. */
function badRequestsFor(op: ApiOperation, ctx: Context): BadRequest[] {
  const operation = `${op.method} ${op.path}`;
  const out: BadRequest[] = [];
  const headers = op.path.startsWith(PUBLIC_PREFIX) ? publicHeaders : ctx.user.headers;
  const jsonHeaders = { ...headers, 'content-type': 'application/json' };
  const base = op.body
    ? ((sampleBodies[`${op.method} ${op.path}`] ?? sampleValue(op.body.schema, 'body')) as Record<string, unknown>)
    : null;
  const add = (kind: CaseKind, label: string, request: InjectOptions, expected: Partial<BadRequest> = {}) =>
    out.push({ operation, kind, label: `${operation} ${label}`, request, ...expected });
  const fieldError = (field: string) => ({ field, status: 400, codes: ['validation_error'] });
  // A malformed publishable key is a credential that does not work: 401, like any unknown key.
  const expectedFor = (param: string) => (param === 'key' ? { status: 401, codes: ['unauthorized'] } : fieldError(`params.${param}`));

  // Path parameters: anything but a UUID, one parameter at a time (the others valid, the body valid).
  for (const param of op.pathParams) {
    const valid = pathParamValue(param.name, ctx);
    const send = (raw: string): InjectOptions => ({
      method: op.method,
      url: urlOf(op, ctx, { [param.name]: raw }),
      ...(base ? { headers: jsonHeaders, payload: JSON.stringify(base) } : { headers }),
    });
    for (const [label, raw] of [
      ['word', 'not-a-uuid'],
      ['number', '12345'],
      ['one char short', valid.slice(0, -1)],
      ['non-hex char', `${valid.slice(0, -1)}g`],
      ['braced', encodeURIComponent(`{${valid}}`)],
      ['SQL', encodeURIComponent("1' OR '1'='1")],
      ['unicode', encodeURIComponent('ü'.repeat(36))],
    ] as const) {
      add('invalid_uuid', `params.${param.name}: ${label}`, send(raw), expectedFor(param.name));
    }
    add('nul_byte', `params.${param.name}: NUL`, send('%00'), expectedFor(param.name));
    add('bad_url', `params.${param.name}: broken percent-encoding`, send('%E0%A4%A'), { status: 400, codes: ['bad_request'] });
    add('bad_url', `params.${param.name}: longer than the router allows`, send('a'.repeat(300)), { status: 414, codes: ['uri_too_long'] });
  }

  // Query string: wrong types, ranges, lengths, formats, repeated and unknown keys, hostile text.
  if (op.queryParams.length > 0) {
    const get = (query: string): InjectOptions => ({ method: op.method, url: urlOf(op, ctx, {}, query), headers });
    const pair = (name: string, encoded: string) => `${encodeURIComponent(name)}=${encoded}`;
    add(
      'unknown_field',
      'querystring.unexpectedParam: unknown parameter',
      get(pair('unexpectedParam', '1')),
      fieldError('querystring.unexpectedParam'),
    );
    for (const param of op.queryParams) {
      const s = concrete(param.schema);
      const type = typeOf(s);
      const field = `querystring.${param.name}`;
      const queryCase = (kind: CaseKind, label: string, encodedValue: string) =>
        add(kind, `${field}: ${label}`, get(pair(param.name, encodedValue)), FIELD_LEVEL.has(kind) ? fieldError(field) : {});
      const sample = encodeURIComponent(String(sampleValue(s, param.name)));
      add('wrong_type', `${field}: repeated (array)`, get(`${pair(param.name, sample)}&${pair(param.name, sample)}`), fieldError(field));
      if (type === 'integer' || type === 'number') {
        queryCase('wrong_type', 'not a number', 'abc');
        queryCase('wrong_type', 'hex garbage', '0x1g');
        if (type === 'integer') queryCase('wrong_type', 'fraction', String((s.minimum ?? 0) + 1.5));
        if (s.minimum !== undefined) queryCase('out_of_range', `minimum ${s.minimum} - 1`, String(s.minimum - 1));
        if (s.maximum !== undefined) queryCase('out_of_range', `maximum ${s.maximum} + 1`, String(s.maximum + 1));
        queryCase('out_of_range', 'infinite', '1e400');
      }
      if (type === 'string') {
        if (s.maxLength !== undefined) queryCase('overlong', `maxLength ${s.maxLength} + 1`, 'a'.repeat(s.maxLength + 1));
        if (s.format === 'date-time') {
          queryCase('bad_format', 'not a date', 'yesterday');
          queryCase('bad_format', 'impossible date', encodeURIComponent('2024-13-45T99:99:99Z'));
        }
      }
      if (type === 'enum') queryCase('bad_enum', 'unknown choice', 'not-a-choice');
      if (type === 'string' || type === 'enum') {
        queryCase('nul_byte', 'NUL byte', 'a%00b');
        for (const [label, encoded] of [
          ['UTF-8-encoded surrogate', '%ED%A0%80'],
          ['invalid UTF-8', '%FF%FE'],
        ] as const) {
          add('ill_formed_text', `${field}: ${label}`, get(pair(param.name, encoded)), { mayBeAccepted: { field } });
        }
      }
    }
  }

  if (!op.body || !base) return out;
  const body = op.body;
  const url = urlOf(op, ctx);
  const sendJson = (payload: string): InjectOptions => ({ method: op.method, url, headers: jsonHeaders, payload });
  const baseText = JSON.stringify(base);

  // Broken or unusable JSON.
  for (const [label, raw] of [
    ['truncated', '{"a": '],
    ['unquoted keys', '{a: 1}'],
    ['single quotes', "{'a': 1}"],
    ['trailing comma', '{"a": 1,}'],
    ['two documents', '{}{}'],
  ] as const) {
    add('malformed_json', `malformed JSON (${label})`, sendJson(raw), { status: 400, codes: ['invalid_json'] });
  }
  add('empty_body', 'empty body with a JSON content type', sendJson(''), { status: 400, codes: ['invalid_json'] });
  for (const raw of ['[]', '"text"', '42', 'true', ...(body.nullable ? [] : ['null'])]) {
    add('not_an_object', `body is ${raw}`, sendJson(raw), { status: 400, codes: ['validation_error'] });
  }
  if (body.required) {
    add('missing_body', 'no body at all', { method: op.method, url, headers }, { status: 400, codes: ['validation_error'] });
  }
  // Routes that take uploads accept multipart: a malformed multipart body is a 400 there, not a 415.
  const contentTypes = ['text/plain', 'application/xml', 'application/x-www-form-urlencoded'];
  if (!op.multipart) contentTypes.push('multipart/form-data; boundary=x');
  else {
    add(
      'wrong_content_type',
      'malformed multipart body',
      { method: op.method, url, headers: { ...headers, 'content-type': 'multipart/form-data; boundary=x' }, payload: baseText },
      { status: 400, codes: ['bad_request'] },
    );
  }
  for (const contentType of contentTypes) {
    add(
      'wrong_content_type',
      `content-type ${contentType}`,
      { method: op.method, url, headers: { ...headers, 'content-type': contentType }, payload: baseText },
      {
        status: 415,
        codes: ['unsupported_media_type'],
      },
    );
  }
  add('oversize', `body over ${BODY_LIMIT} bytes`, sendJson(JSON.stringify({ ...base, padding: OVERSIZE_PADDING })), {
    status: 413,
    codes: ['payload_too_large'],
  });
  add('prototype_pollution', '__proto__ key', sendJson(spliceRaw(base, '__proto__', '{"isInstanceAdmin":true}')), { status: 400 });
  add(
    'prototype_pollution',
    'constructor.prototype key',
    sendJson(spliceRaw(base, 'constructor', '{"prototype":{"isInstanceAdmin":true}}')),
    { status: 400 },
  );

  // Deeply nested junk: as an unknown field, and in place of the first property.
  add('deep_nesting', 'deeply nested array in an unknown field', sendJson(spliceRaw(base, 'junk', DEEP_ARRAY)), fieldError('body.junk'));
  const firstProp = Object.keys(concrete(body.schema).properties ?? {})[0];
  if (firstProp) {
    const rest = Object.fromEntries(Object.entries(base).filter(([key]) => key !== firstProp));
    add(
      'deep_nesting',
      `deeply nested object as ${firstProp}`,
      sendJson(spliceRaw(rest, firstProp, DEEP_OBJECT)),
      fieldError(`body.${firstProp}`),
    );
  }

  // Unknown fields on every strict object.
  for (const objectPath of strictObjectsOf(body.schema)) {
    const path = [...objectPath, 'unexpectedField'];
    const field = `body.${path.join('.')}`;
    add('unknown_field', `unknown field ${field}`, sendJson(JSON.stringify(withValue(base, path, 'surprise'))), fieldError(field));
  }

  // Per property: wrong types, bounds, lengths, formats, enums, NUL and ill-formed text.
  for (const { path, schema: s, nullable } of fieldsOf(body.schema)) {
    const field = `body.${path.join('.')}`;
    const fieldCase = (kind: CaseKind, label: string, value: unknown) =>
      add(kind, `${field}: ${label}`, sendJson(JSON.stringify(withValue(base, path, value))), fieldError(field));
    const type = typeOf(s);
    for (const { label, value } of wrongTypeValues(s, nullable)) fieldCase('wrong_type', `wrong type (${label})`, value);
    if (type === 'integer' || type === 'number') {
      if (s.minimum !== undefined) fieldCase('out_of_range', `minimum ${s.minimum} - 1`, s.minimum - 1);
      if (s.maximum !== undefined) fieldCase('out_of_range', `maximum ${s.maximum} + 1`, s.maximum + 1);
      if (s.exclusiveMinimum !== undefined) fieldCase('out_of_range', `exclusiveMinimum ${s.exclusiveMinimum}`, s.exclusiveMinimum);
      if (s.exclusiveMaximum !== undefined) fieldCase('out_of_range', `exclusiveMaximum ${s.exclusiveMaximum}`, s.exclusiveMaximum);
    }
    if (type === 'string') {
      if (s.maxLength !== undefined && s.maxLength * 2 >= BODY_LIMIT) {
        // Longer than the body limit allows: the size limit answers first.
        const tooBig = { status: 413, codes: ['payload_too_large'] };
        add(
          'overlong',
          `${field}: maxLength ${s.maxLength} + 1`,
          sendJson(JSON.stringify(withValue(base, path, 'a'.repeat(s.maxLength + 1)))),
          tooBig,
        );
      } else if (s.maxLength !== undefined) {
        fieldCase('overlong', `maxLength ${s.maxLength} + 1`, 'a'.repeat(s.maxLength + 1));
        fieldCase('overlong', `maxLength ${s.maxLength} + 1 (two-byte characters)`, 'é'.repeat(s.maxLength + 1));
      }
      if ((s.minLength ?? 0) > 0) fieldCase('too_short', `minLength ${s.minLength} - 1`, 'a'.repeat(s.minLength! - 1));
      if (s.pattern) fieldCase('bad_format', 'does not match its pattern', 'Not Valid!/?');
      if (s.format === 'uuid') fieldCase('bad_format', 'not a uuid', 'not-a-uuid');
      if (s.format === 'date-time') fieldCase('bad_format', 'not a date', 'yesterday');
      fieldCase('nul_byte', 'NUL byte', 'before\u0000after');
      for (const { label, value } of ILL_FORMED_STRINGS) {
        // Unpaired surrogates inside JSON strings are refused as field errors.
        add('ill_formed_text', `${field}: ${label}`, sendJson(JSON.stringify(withValue(base, path, value))), {
          field,
          status: 400,
          codes: ['validation_error'],
        });
      }
      // Invalid UTF-8 on the wire (0xFF 0xFE) where this string goes.
      const marker = `__invalid_utf8_${randomUUID()}__`;
      const [before, after] = JSON.stringify(withValue(base, path, marker)).split(marker) as [string, string];
      add(
        'ill_formed_text',
        `${field}: invalid UTF-8 bytes`,
        {
          method: op.method,
          url,
          headers: jsonHeaders,
          payload: Buffer.concat([Buffer.from(before), Buffer.from([0xff, 0xfe]), Buffer.from(after)]),
        },
        { mayBeAccepted: { field } },
      );
    }
    if (type === 'enum') {
      fieldCase('bad_enum', 'unknown choice', 'not-a-choice');
      const first = s.enum?.find((v): v is string => typeof v === 'string' && v.toUpperCase() !== v);
      if (first) fieldCase('bad_enum', 'wrong case', first.toUpperCase());
    }
    if (type === 'array' && s.maxItems !== undefined) {
      fieldCase(
        'too_many_items',
        `maxItems ${s.maxItems} + 1`,
        Array.from({ length: s.maxItems + 1 }, () => sampleValue(s.items ?? {}, path.at(-1)!)),
      );
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
    PARLEY_WIDGET_KEY_RATE_PER_MINUTE: '1000000',
    PARLEY_WIDGET_VISITOR_MESSAGES_PER_MINUTE: '1000000',
  });
  const user = await registerUser(t.app);
  const assistant = await createAssistant(t.app, user);
  const key = await t.app.inject({
    method: 'POST',
    url: `${API_PREFIX}/assistants/${assistant.id}/api-keys`,
    headers: user.headers,
    payload: { name: 'widget', kind: 'publishable', allowedOrigins: [WIDGET_ORIGIN] },
  });
  ctx = { user, assistantId: assistant.id, publishableKey: key.json().key };
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

type Response = { statusCode: number; headers: Record<string, unknown>; body: string };

function check(bad: BadRequest, res: Response): string[] {
  const problems: string[] = [];
  if (res.statusCode >= 500) return [`status ${res.statusCode}: the server failed on client input`];
  if (bad.mayBeAccepted && res.statusCode < 300) return [];
  if (res.statusCode < 400) problems.push(`status ${res.statusCode}, expected 4xx`);
  if (bad.status !== undefined && res.statusCode !== bad.status) problems.push(`status ${res.statusCode}, expected ${bad.status}`);
  let body: { error?: { code?: unknown; message?: unknown; details?: { issues?: { path?: unknown }[] } }; requestId?: unknown } | undefined;
  try {
    body = JSON.parse(res.body);
  } catch {
    return [...problems, 'body is not JSON'];
  }
  if (typeof body?.error?.code !== 'string' || body.error.code === '') problems.push('error.code is not a string');
  if (typeof body?.error?.message !== 'string' || body.error.message === '') problems.push('error.message is not a string');
  if (typeof body?.requestId !== 'string' || body.requestId === '') problems.push('requestId is not a string');
  const keys = Object.keys(body ?? {})
    .sort()
    .join(',');
  if (keys !== 'error,requestId') problems.push(`top-level keys are ${keys}, expected error,requestId`);
  if (res.headers['x-request-id'] === undefined) problems.push('no x-request-id header');
  else if (res.headers['x-request-id'] !== body?.requestId)
    problems.push(`x-request-id header ${String(res.headers['x-request-id'])} differs from requestId`);
  const code = body?.error?.code;
  if (bad.codes && !bad.codes.includes(code as string)) problems.push(`code ${String(code)}, expected ${bad.codes.join(' or ')}`);
  // A refused ill-formed string that comes back as a validation error must name its field too.
  const field = bad.field ?? (bad.mayBeAccepted && code === 'validation_error' ? bad.mayBeAccepted.field : undefined);
  if (field !== undefined) {
    const paths = (body?.error?.details?.issues ?? []).map((i) => i.path);
    if (!paths.includes(field)) problems.push(`details.issues name ${JSON.stringify(paths)}, expected ${field}`);
  }
  return problems;
}

function tally<T>(items: T[], key: (item: T) => string | number): string {
  const counts = new Map<string | number, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))))
    .map(([k, n]) => `${k}×${n}`)
    .join(' ');
}

describe('malformed requests', () => {
  it('are answered 4xx in the one error shape, naming the offending field, and never 5xx', async () => {
    const requests = ops.flatMap((op) => badRequestsFor(op, ctx));
    const outcomes: Outcome[] = [];
    for (const bad of requests) {
      const res = await t.app.inject(bad.request);
      outcomes.push({ bad, status: res.statusCode, problems: check(bad, res), body: res.body.slice(0, 300) });
    }

    const accepted = outcomes.filter((o) => o.bad.mayBeAccepted && o.status < 300);
    const operations = new Set(outcomes.map((o) => o.bad.operation));
    console.log(
      [
        `bad-input sweep: ${outcomes.length} malformed requests over ${operations.size} operations`,
        `  by status: ${tally(outcomes, (o) => o.status)}`,
        `  by kind:   ${tally(outcomes, (o) => o.bad.kind)}`,
        `  ill-formed text accepted (${accepted.length}, stored with U+FFFD in place of the bad code units):`,
        ...accepted.map((o) => `    ${o.status} ${o.bad.label}`),
      ].join('\n'),
    );

    const failures = outcomes
      .filter((o) => o.problems.length > 0)
      .map((o) => `${o.bad.label}\n    ${o.problems.join('; ')}\n    → ${o.status} ${o.body}`);
    expect(failures, failures.join('\n')).toEqual([]);
    expect(outcomes.filter((o) => o.status >= 500)).toEqual([]);
    const strict = outcomes.filter((o) => !o.bad.mayBeAccepted);
    expect(strict.length).toBeGreaterThanOrEqual(200);
    expect(strict.every((o) => o.status >= 400 && o.status < 500)).toBe(true);
    // Every operation that takes input was exercised.
    const withInput = ops.filter((op) => op.body || op.pathParams.length > 0 || op.queryParams.length > 0);
    expect([...operations].sort()).toEqual(withInput.map((op) => `${op.method} ${op.path}`).sort());
  });
});
