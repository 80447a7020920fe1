// Read-only figures: model usage, the home dashboard, the audit trail, and what the instance runs with.
import type { CallOptions, InstanceInfo, QueryParams, ResponseBody, UsageQuery, UsageReport } from '../api-types.js';
import type { Transport } from '../transport.js';

export class UsageResource {
  constructor(private readonly transport: Transport) {}

  /** Requests, tokens, answers and latency of the organization's model calls in `[from, to)`, by day, assistant or model. */
  get(query?: UsageQuery, options?: CallOptions): Promise<UsageReport> {
    return this.transport.request('get', '/api/v1/usage', { query, ...options });
  }
}

export class DashboardResource {
  constructor(private readonly transport: Transport) {}

  /** Per assistant of the active organization: documents, and activity over the last 7 days. */
  get(options?: CallOptions): Promise<ResponseBody<'/api/v1/dashboard', 'get'>> {
    return this.transport.request('get', '/api/v1/dashboard', { ...options });
  }
}

export class AuditResource {
  constructor(private readonly transport: Transport) {}

  /** The active organization's audit events, newest first (owners and admins). */
  list(query?: QueryParams<'/api/v1/audit-events', 'get'>, options?: CallOptions): Promise<ResponseBody<'/api/v1/audit-events', 'get'>> {
    return this.transport.request('get', '/api/v1/audit-events', { query, ...options });
  }
}

export class InstanceResource {
  constructor(private readonly transport: Transport) {}

  /** Version, model and embedding setup, and limits (upload size, message length). */
  get(options?: CallOptions): Promise<InstanceInfo> {
    return this.transport.request('get', '/api/v1/instance', { ...options });
  }
}
