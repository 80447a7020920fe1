// Prometheus metrics: process defaults plus HTTP request counts and durations by route and status.
// One registry per app instance, so tests can build several apps in one process.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  readonly registry: Registry;
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly llm: LlmMetrics;
}

/** Language-model calls: one count per attempt, by provider, model and outcome. */
export interface LlmMetrics {
  readonly requests: Counter<'provider' | 'model' | 'status'>;
  readonly tokens: Counter<'direction'>;
  readonly latency: Histogram<'provider' | 'model'>;
  readonly ttft: Histogram<'provider' | 'model'>;
  readonly cacheOperations: Counter<'result'>;
  readonly active: Gauge;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration in seconds, by route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const llm: LlmMetrics = {
    requests: new Counter({
      name: 'llm_requests_total',
      help: 'Language-model requests (attempts), by provider, model and outcome (ok, error, timeout, cancelled)',
      labelNames: ['provider', 'model', 'status'] as const,
      registers: [registry],
    }),
    tokens: new Counter({
      name: 'llm_tokens_total',
      help: 'Tokens sent to (prompt) and received from (completion) language models',
      labelNames: ['direction'] as const,
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'llm_latency_seconds',
      help: 'Duration of a language-model request, first byte sent to last token',
      labelNames: ['provider', 'model'] as const,
      buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40, 80, 160],
      registers: [registry],
    }),
    ttft: new Histogram({
      name: 'llm_ttft_seconds',
      help: 'Time to the first token of a language-model answer',
      labelNames: ['provider', 'model'] as const,
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    cacheOperations: new Counter({
      name: 'llm_cache_operations',
      help: 'Response cache lookups and stores: hit, miss, store, coalesced (joined an identical request in flight)',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
    active: new Gauge({ name: 'llm_active_requests', help: 'Language-model requests in flight', registers: [registry] }),
  };
  return { registry, httpRequests, httpDuration, llm };
}
