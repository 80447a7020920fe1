// The Parley client: one object per server and credential, with a typed method for every route of the
// /api/v1 API grouped by resource, and `request()` for any operation of the OpenAPI document by its path.
import type { HttpMethod, PathsWith, RequestParts, ResponseBody } from './api-types.js';
import { ApiKeysResource } from './resources/api-keys.js';
import { AssistantsResource } from './resources/assistants.js';
import { AuthResource } from './resources/auth.js';
import { ChatResource } from './resources/chat.js';
import { ConversationsResource } from './resources/conversations.js';
import { DocumentsResource } from './resources/documents.js';
import { FoldersResource } from './resources/folders.js';
import { OrganizationsResource } from './resources/organizations.js';
import { ProvidersResource } from './resources/providers.js';
import { PublicChat, createVisitorId } from './resources/public-chat.js';
import { AuditResource, DashboardResource, InstanceResource, UsageResource } from './resources/reports.js';
import { RetrievalResource } from './resources/retrieval.js';
import { Session, Transport, type FetchLike, type SendParts, type TokensListener } from './transport.js';

export interface ParleyOptions {
  /** The server's origin, e.g. `https://parley.example.com` (paths start with /api/v1). */
  baseUrl: string;
  /** A secret API key (`sk_…`): acts for its one assistant. Server-side programs only: never ship it to a browser. */
  apiKey?: string;
  /** A user's access token, e.g. restored from storage. */
  accessToken?: string;
  /** A user's refresh token: lets the client get new access tokens on its own. */
  refreshToken?: string;
  /** The organization requests act in (`x-parley-organization`); the user's personal one when left out. */
  organizationId?: string;
  /** Called with the new tokens after login, register and every refresh, and with null once the session ended. */
  onTokens?: TokensListener;
  /** Another fetch (tests, proxies, instrumentation); the global one by default. */
  fetch?: FetchLike;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** fetch's `credentials`, for browser pages that also want Parley's cookies sent cross-origin. */
  credentials?: RequestInit['credentials'];
}

/** Parameters of `request()`: an operation's `params`, `query` and `body`, plus `signal` and `headers`. */
type RequestArgs<M extends HttpMethod, P extends PathsWith<M>> =
  object extends RequestParts<P, M> ? [parts?: RequestParts<P, M>] : [parts: RequestParts<P, M>];

export class Parley {
  readonly auth: AuthResource;
  readonly organizations: OrganizationsResource;
  readonly assistants: AssistantsResource;
  readonly apiKeys: ApiKeysResource;
  readonly documents: DocumentsResource;
  readonly retrieval: RetrievalResource;
  readonly conversations: ConversationsResource;
  readonly chat: ChatResource;
  readonly folders: FoldersResource;
  readonly providers: ProvidersResource;
  readonly usage: UsageResource;
  readonly dashboard: DashboardResource;
  readonly audit: AuditResource;
  readonly instance: InstanceResource;
  private readonly transport: Transport;

  constructor(options: ParleyOptions);
  /** @internal Used by withOrganization() to share the session. */
  constructor(options: ParleyOptions, transport: Transport);
  constructor(options: ParleyOptions, transport?: Transport) {
    if (!transport && !options.baseUrl) throw new TypeError('Parley: baseUrl is required, e.g. "https://parley.example.com"');
    this.transport =
      transport ??
      new Transport({
        baseUrl: options.baseUrl.replace(/\/+$/, ''),
        apiKey: options.apiKey,
        organizationId: options.organizationId,
        headers: options.headers ?? {},
        credentials: options.credentials,
        // Looked up per call and called unbound: browsers refuse fetch called as a method of another object.
        fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
        session: new Session({ accessToken: options.accessToken, refreshToken: options.refreshToken }, options.onTokens),
      });
    this.auth = new AuthResource(this.transport);
    this.organizations = new OrganizationsResource(this.transport);
    this.assistants = new AssistantsResource(this.transport);
    this.apiKeys = new ApiKeysResource(this.transport);
    this.documents = new DocumentsResource(this.transport);
    this.retrieval = new RetrievalResource(this.transport);
    this.conversations = new ConversationsResource(this.transport);
    this.chat = new ChatResource(this.transport);
    this.folders = new FoldersResource(this.transport);
    this.providers = new ProvidersResource(this.transport);
    this.usage = new UsageResource(this.transport);
    this.dashboard = new DashboardResource(this.transport);
    this.audit = new AuditResource(this.transport);
    this.instance = new InstanceResource(this.transport);
  }

  /** The organization this client acts in (undefined: the user's personal one). */
  get organizationId(): string | undefined {
    return this.transport.config.organizationId;
  }

  /** A client acting in another organization, signed in as the same user (tokens and refreshes are shared). */
  withOrganization(organizationId: string | undefined): Parley {
    return new Parley(this.transport.config, this.transport.withOrganization(organizationId));
  }

  /**
   * The public widget API for one publishable key (`pk_…`) and one anonymous visitor, for a chat UI of your
   * own on a web page whose origin the key allows. Keep the visitor id to find the visitor's conversations again.
   */
  publicChat(publishableKey: string, visitorId: string = createVisitorId()): PublicChat {
    return new PublicChat(this.transport, publishableKey, visitorId);
  }

  /**
   * Calls any operation of the OpenAPI document by method and path, typed from it:
   * `client.request('GET', '/api/v1/assistants/{id}', { params: { id } })`.
   */
  request<M extends Uppercase<HttpMethod>, P extends PathsWith<Lowercase<M>>>(
    method: M,
    path: P,
    ...args: RequestArgs<Lowercase<M>, P>
  ): Promise<ResponseBody<P, Lowercase<M>>> {
    const parts = (args[0] ?? {}) as SendParts;
    return this.transport.call(method.toLowerCase() as HttpMethod, path, parts) as Promise<ResponseBody<P, Lowercase<M>>>;
  }
}
