// Signing in as a user: register, login (keeps the access and refresh tokens for later requests), logout,
// who am I, and an explicit refresh. Programs acting for one assistant use a secret key instead.
import type { LoginBody, Me, RegisterBody, Session } from '../api-types.js';
import type { ParleyTokens, Transport } from '../transport.js';

export class AuthResource {
  constructor(private readonly transport: Transport) {}

  /** Creates an account (and its personal organization) and signs this client in as it. */
  async register(body: RegisterBody): Promise<Session> {
    const session = await this.transport.request('post', '/api/v1/auth/register', {
      body: { ...body, includeRefreshToken: true },
      auth: false,
    });
    this.transport.config.session.set(session);
    return session;
  }

  /** Signs this client in; the tokens are kept (and passed to `onTokens`) and refreshed when they expire. */
  async login(body: LoginBody): Promise<Session> {
    const session = await this.transport.request('post', '/api/v1/auth/login', {
      body: { ...body, includeRefreshToken: true },
      auth: false,
    });
    this.transport.config.session.set(session);
    return session;
  }

  /** Ends this session (or, with `allSessions`, every session of the user) and forgets the tokens. */
  async logout(options: { allSessions?: boolean } = {}): Promise<void> {
    const { session } = this.transport.config;
    const refreshToken = session.refreshToken;
    try {
      await this.transport.request('post', '/api/v1/auth/logout', {
        body: { ...(refreshToken ? { refreshToken } : {}), ...(options.allSessions ? { allSessions: true } : {}) },
      });
    } finally {
      session.clear();
    }
  }

  /** The signed-in user, their organizations and the organization requests act in. */
  me(): Promise<Me> {
    return this.transport.request('get', '/api/v1/auth/me', {});
  }

  /** Exchanges the refresh token for new tokens now (requests also do this on their own when the access token expired). */
  async refresh(): Promise<ParleyTokens> {
    await this.transport.refresh();
    return this.tokens()!;
  }

  /** The current tokens, or null when signed out (or using a secret key). */
  tokens(): ParleyTokens | null {
    return this.transport.config.session.tokens;
  }
}
