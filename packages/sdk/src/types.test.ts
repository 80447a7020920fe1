// Type-level checks, run by `tsc` (the root typecheck) and trivially by vitest: the operation types read
// from the generated OpenAPI types are usable (not never or any), wrong calls do not compile, and the
// event and error-code types written by hand equal the server's contracts, so neither can drift.
import type {
  ChatEventMap as ContractChatEventMap,
  DocumentEvent as ContractDocumentEvent,
  PublicChatEventMap as ContractPublicChatEventMap,
  errorCodes,
} from '@parley/contracts';
import { describe, expectTypeOf, it } from 'vitest';
import type { Assistant, Citation, PathParams, QueryParams, RequestBody, ResponseBody } from './api-types.js';
import { Parley } from './client.js';
import type { KnownErrorCode } from './errors.js';
import type { ChatEventMap, DocumentEvent, PublicChatEventMap } from './stream-events.js';

describe('types', () => {
  it('reads operations from the generated OpenAPI types', () => {
    expectTypeOf<Assistant['id']>().toEqualTypeOf<string>();
    expectTypeOf<Assistant['tone']>().toEqualTypeOf<'neutral' | 'formal' | 'friendly' | 'concise' | 'customer_support' | 'educator'>();
    expectTypeOf<PathParams<'/api/v1/assistants/{id}/documents/{docId}', 'get'>>().toEqualTypeOf<{ id: string; docId: string }>();
    expectTypeOf<PathParams<'/api/v1/assistants', 'get'>>().toBeNever();
    expectTypeOf<QueryParams<'/api/v1/assistants', 'get'>>().toEqualTypeOf<{ q?: string; limit?: number; offset?: number }>();
    expectTypeOf<RequestBody<'/api/v1/assistants', 'get'>>().toBeNever();
    expectTypeOf<RequestBody<'/api/v1/assistants', 'post'>['name']>().toEqualTypeOf<string>();
    expectTypeOf<ResponseBody<'/api/v1/assistants/{id}', 'delete'>>().toEqualTypeOf<undefined>();
    expectTypeOf<Citation['documentTitle']>().toEqualTypeOf<string>();
  });

  it('types request() by method and path', () => {
    const client = new Parley({ baseUrl: 'http://localhost:3000' });
    // Only compiled, never called: the client has no server.
    const calls = () => {
      expectTypeOf(client.request('GET', '/api/v1/assistants/{id}', { params: { id: 'x' } })).resolves.toEqualTypeOf<Assistant>();
      expectTypeOf(client.request('GET', '/api/v1/auth/me')).resolves.toHaveProperty('activeOrganizationId');
      expectTypeOf(client.conversations.create('a')).resolves.toHaveProperty('source');
      // @ts-expect-error the path needs its id
      void client.request('GET', '/api/v1/assistants/{id}', {});
      // @ts-expect-error no such operation
      void client.request('PUT', '/api/v1/assistants');
      // @ts-expect-error the body is required
      void client.request('POST', '/api/v1/assistants', {});
      // @ts-expect-error the body must match the schema
      void client.request('POST', '/api/v1/assistants', { body: { name: 'x', tone: 'rude' } });
    };
    expectTypeOf(calls).toBeFunction();
  });

  it('keeps the stream events and error codes equal to the contracts', () => {
    expectTypeOf<ChatEventMap>().toEqualTypeOf<ContractChatEventMap>();
    expectTypeOf<PublicChatEventMap>().toEqualTypeOf<ContractPublicChatEventMap>();
    expectTypeOf<DocumentEvent>().toEqualTypeOf<ContractDocumentEvent>();
    expectTypeOf<KnownErrorCode>().toEqualTypeOf<(typeof errorCodes)[number]>();
  });
});
