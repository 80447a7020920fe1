// The API's operations as types, read from the generated OpenAPI types (src/generated/openapi.ts), so that
// every method's path params, query, body and result follow docs/openapi.json and change when it changes.
import type { paths } from './generated/openapi.js';

export type { paths };

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The paths that have an operation for method `M` (absent methods are `?: never` in the generated types). */
export type PathsWith<M extends HttpMethod> = {
  [P in keyof paths]: paths[P] extends { [K in M]: object } ? P : never;
}[keyof paths];

export type Operation<P extends keyof paths, M extends HttpMethod> = paths[P] extends { [K in M]: infer Op } ? Op : never;

type ParametersOf<Op> = Op extends { parameters: infer X } ? X : never;

/** Path parameters, e.g. `{ id: string }`; never when the path has none. */
export type PathParams<P extends keyof paths, M extends HttpMethod> = ParametersOf<Operation<P, M>> extends { path: infer X } ? X : never;

/** Query parameters; never when the operation takes none. */
export type QueryParams<P extends keyof paths, M extends HttpMethod> =
  ParametersOf<Operation<P, M>> extends { query?: infer X } ? Exclude<X, undefined> : never;

/** The JSON request body; never when the operation takes none. */
export type RequestBody<P extends keyof paths, M extends HttpMethod> =
  Operation<P, M> extends { requestBody?: infer RB } ? (RB extends { content: { 'application/json': infer B } } ? B : never) : never;

type SuccessStatus = 200 | 201 | 202 | 203 | 204;

/** The body of a successful response (2xx); `undefined` for 204. */
export type ResponseBody<P extends keyof paths, M extends HttpMethod> =
  Operation<P, M> extends { responses: infer R }
    ? {
        [S in keyof R & SuccessStatus]: R[S] extends { content: { 'application/json': infer J } } ? J : undefined;
      }[keyof R & SuccessStatus]
    : never;

/** What one call may carry besides the operation's own parts. */
export interface CallOptions {
  /** Aborts the request (and, for a streamed answer, cancels it on the server). */
  signal?: AbortSignal;
  /** Extra headers for this request, e.g. `x-request-id`. */
  headers?: Record<string, string>;
}

type IsNever<T> = [T] extends [never] ? true : false;

/** The parts of a request to operation (`P`, `M`): `params` when the path has some, `query`, `body` when it takes one. */
export type RequestParts<P extends keyof paths, M extends HttpMethod> = (IsNever<PathParams<P, M>> extends true
  ? { params?: undefined }
  : { params: PathParams<P, M> }) &
  (IsNever<QueryParams<P, M>> extends true ? { query?: undefined } : { query?: QueryParams<P, M> }) &
  (IsNever<RequestBody<P, M>> extends true
    ? { body?: undefined }
    : Operation<P, M> extends { requestBody: object }
      ? { body: RequestBody<P, M> }
      : { body?: RequestBody<P, M> }) &
  CallOptions;

// --- named shapes, for signatures and for applications ---------------------------------------------

type NonNull<T> = Exclude<T, null | undefined>;
type Item<T> = T extends { items: (infer I)[] } ? I : never;

export type Session = ResponseBody<'/api/v1/auth/login', 'post'>;
export type Me = ResponseBody<'/api/v1/auth/me', 'get'>;
export type User = Me['user'];
export type RegisterBody = Omit<RequestBody<'/api/v1/auth/register', 'post'>, 'includeRefreshToken'>;
export type LoginBody = Omit<RequestBody<'/api/v1/auth/login', 'post'>, 'includeRefreshToken'>;

export type Organization = ResponseBody<'/api/v1/organizations/{orgId}', 'get'>;

export type Assistant = ResponseBody<'/api/v1/assistants/{id}', 'get'>;
export type AssistantList = ResponseBody<'/api/v1/assistants', 'get'>;
export type CreateAssistantBody = RequestBody<'/api/v1/assistants', 'post'>;
export type UpdateAssistantBody = RequestBody<'/api/v1/assistants/{id}', 'patch'>;

export type ApiKeyList = ResponseBody<'/api/v1/assistants/{id}/api-keys', 'get'>;
export type ApiKey = Item<ApiKeyList>;
/** A key as created: the full `key` is in this response only. */
export type CreatedApiKey = ResponseBody<'/api/v1/assistants/{id}/api-keys', 'post'>;
export type CreateApiKeyBody = RequestBody<'/api/v1/assistants/{id}/api-keys', 'post'>;

/** A document of an assistant's knowledge (named so it does not shadow the DOM's `Document`). */
export type AssistantDocument = ResponseBody<'/api/v1/assistants/{id}/documents/{docId}', 'get'>;
export type DocumentList = ResponseBody<'/api/v1/assistants/{id}/documents', 'get'>;
export type DocumentStatus = AssistantDocument['status'];
export type AddDocumentBody = NonNull<RequestBody<'/api/v1/assistants/{id}/documents', 'post'>>;
export type DocumentChunks = ResponseBody<'/api/v1/assistants/{id}/documents/{docId}/chunks', 'get'>;

export type SearchBody = RequestBody<'/api/v1/assistants/{id}/search', 'post'>;
export type SearchResults = ResponseBody<'/api/v1/assistants/{id}/search', 'post'>;

export type Conversation = ResponseBody<'/api/v1/conversations/{id}', 'get'>;
export type ConversationList = ResponseBody<'/api/v1/conversations', 'get'>;
export type CreateConversationBody = NonNull<RequestBody<'/api/v1/assistants/{id}/conversations', 'post'>>;
export type UpdateConversationBody = RequestBody<'/api/v1/conversations/{id}', 'patch'>;
export type Message = Item<ResponseBody<'/api/v1/conversations/{id}/messages', 'get'>>;
export type MessageStatus = Message['status'];
export type Citation = Message['citations'][number];
/** Tokens a model call used. */
export type Usage = NonNull<Message['usage']>;
export type SendMessageBody = RequestBody<'/api/v1/conversations/{id}/messages', 'post'>;
export type SendMessageResult = ResponseBody<'/api/v1/conversations/{id}/messages', 'post'>;
export type FeedbackBody = RequestBody<'/api/v1/conversations/{id}/messages/{messageId}/feedback', 'put'>;

export type Folder = ResponseBody<'/api/v1/folders/{id}', 'patch'>;

export type UsageQuery = QueryParams<'/api/v1/usage', 'get'>;
export type UsageReport = ResponseBody<'/api/v1/usage', 'get'>;

export type Provider = ResponseBody<'/api/v1/providers/{id}', 'get'>;
export type InstanceInfo = ResponseBody<'/api/v1/instance', 'get'>;

export type AssistantConversationsQuery = QueryParams<'/api/v1/assistants/{id}/conversations', 'get'>;

export type PublicWidgetConfig = ResponseBody<'/api/v1/public/{key}/widget', 'get'>;
export type PublicConversation = ResponseBody<'/api/v1/public/{key}/conversations', 'post'>;
export type PublicConversationList = ResponseBody<'/api/v1/public/{key}/conversations', 'get'>;
export type PublicMessageList = ResponseBody<'/api/v1/public/{key}/conversations/{id}/messages', 'get'>;
export type PublicMessage = Item<PublicMessageList>;
export type PublicCitation = PublicMessage['citations'][number];
export type PublicSendMessageBody = RequestBody<'/api/v1/public/{key}/conversations/{id}/messages', 'post'>;
export type PublicSendMessageResult = ResponseBody<'/api/v1/public/{key}/conversations/{id}/messages', 'post'>;
