// Organizations (the tenants), their members and invitations. Signed-in users only; API keys are refused.
import type { CallOptions, Organization, RequestBody, ResponseBody } from '../api-types.js';
import type { Transport } from '../transport.js';

export class OrganizationsResource {
  constructor(private readonly transport: Transport) {}

  /** The caller's organizations, personal first. */
  list(options?: CallOptions): Promise<ResponseBody<'/api/v1/organizations', 'get'>> {
    return this.transport.request('get', '/api/v1/organizations', { ...options });
  }

  /** Creates one; the caller becomes its owner. */
  create(
    body: RequestBody<'/api/v1/organizations', 'post'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'/api/v1/organizations', 'post'>> {
    return this.transport.request('post', '/api/v1/organizations', { body, ...options });
  }

  get(orgId: string, options?: CallOptions): Promise<Organization> {
    return this.transport.request('get', '/api/v1/organizations/{orgId}', { params: { orgId }, ...options });
  }

  update(orgId: string, body: RequestBody<'/api/v1/organizations/{orgId}', 'patch'>, options?: CallOptions): Promise<Organization> {
    return this.transport.request('patch', '/api/v1/organizations/{orgId}', { params: { orgId }, body, ...options });
  }

  members(orgId: string, options?: CallOptions): Promise<ResponseBody<'/api/v1/organizations/{orgId}/members', 'get'>> {
    return this.transport.request('get', '/api/v1/organizations/{orgId}/members', { params: { orgId }, ...options });
  }

  updateMember(
    orgId: string,
    userId: string,
    body: RequestBody<'/api/v1/organizations/{orgId}/members/{userId}', 'patch'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'/api/v1/organizations/{orgId}/members/{userId}', 'patch'>> {
    return this.transport.request('patch', '/api/v1/organizations/{orgId}/members/{userId}', {
      params: { orgId, userId },
      body,
      ...options,
    });
  }

  /** Removes a member, or leaves the organization (with your own id). */
  async removeMember(orgId: string, userId: string, options?: CallOptions): Promise<void> {
    await this.transport.request('delete', '/api/v1/organizations/{orgId}/members/{userId}', { params: { orgId, userId }, ...options });
  }

  /** Invites someone; the answer carries the invitation's `token` and `inviteUrl` (shown only here). */
  invite(
    orgId: string,
    body: RequestBody<'/api/v1/organizations/{orgId}/invitations', 'post'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'/api/v1/organizations/{orgId}/invitations', 'post'>> {
    return this.transport.request('post', '/api/v1/organizations/{orgId}/invitations', { params: { orgId }, body, ...options });
  }

  invitations(orgId: string, options?: CallOptions): Promise<ResponseBody<'/api/v1/organizations/{orgId}/invitations', 'get'>> {
    return this.transport.request('get', '/api/v1/organizations/{orgId}/invitations', { params: { orgId }, ...options });
  }

  async revokeInvitation(orgId: string, invitationId: string, options?: CallOptions): Promise<void> {
    await this.transport.request('delete', '/api/v1/organizations/{orgId}/invitations/{invitationId}', {
      params: { orgId, invitationId },
      ...options,
    });
  }

  /** Accepts an invitation as the signed-in user (whose email must be the invited one). */
  acceptInvitation(
    body: RequestBody<'/api/v1/invitations/accept', 'post'>,
    options?: CallOptions,
  ): Promise<ResponseBody<'/api/v1/invitations/accept', 'post'>> {
    return this.transport.request('post', '/api/v1/invitations/accept', { body, ...options });
  }
}
