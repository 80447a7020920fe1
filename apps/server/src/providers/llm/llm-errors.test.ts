import { describe, expect, it } from 'vitest';
import {
  classifyStatus,
  describeNetworkError,
  formatDuration,
  LlmError,
  llmErrorForNetwork,
  llmErrorForStatus,
  upstreamErrorText,
} from './llm-errors.js';

describe('classifyStatus', () => {
  it.each([
    [429, 'upstream_rate_limited', true],
    [503, 'upstream_unavailable', true],
    [500, 'upstream_error', true],
    [408, 'upstream_error', true],
    [409, 'upstream_error', true],
    [400, 'upstream_refused', false],
    [401, 'upstream_refused', false],
    [404, 'upstream_refused', false],
    [422, 'upstream_refused', false],
  ])('%i → %s (retryable: %s)', (status, code, retryable) => {
    expect(classifyStatus(status)).toEqual({ code, retryable });
  });
});

describe('LlmError', () => {
  it('says what the server answered', () => {
    const error = llmErrorForStatus(429, 'slow down', { baseUrl: 'http://gpu:8000/v1', model: 'llama3' }, { retryAfterMs: 2000 });
    expect(error).toMatchObject({ code: 'upstream_rate_limited', retryable: true, status: 429, model: 'llama3', retryAfterMs: 2000 });
    expect(error.message).toBe('model server http://gpu:8000/v1 answered 429: slow down');
    expect(error.phase).toBe('before_first_token');
  });

  it('withContext fills what is missing and keeps the rest', () => {
    const error = new LlmError({ code: 'upstream_cut', message: 'cut', model: 'a' });
    const placed = error.withContext({ provider: 'gpu box', model: 'b', phase: 'streaming' });
    expect(placed).toMatchObject({ code: 'upstream_cut', provider: 'gpu box', model: 'a', phase: 'streaming', retryable: true });
  });

  it('names a connect timeout and a refused connection', () => {
    const timeout = Object.assign(new Error('Connect Timeout Error'), { code: 'UND_ERR_CONNECT_TIMEOUT' });
    const wrapped = new TypeError('fetch failed', { cause: timeout });
    expect(llmErrorForNetwork(wrapped, { baseUrl: 'http://gpu:8000/v1' }, 3000).message).toBe(
      'could not connect to model server http://gpu:8000/v1 within 3 s',
    );
    const refused = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 10.0.0.2:8000') });
    expect(describeNetworkError(refused)).toBe('fetch failed (connect ECONNREFUSED 10.0.0.2:8000)');
  });
});

describe('upstreamErrorText', () => {
  it('reads the common error body shapes', () => {
    expect(upstreamErrorText('{"error":{"message":"bad key"}}')).toBe('bad key');
    expect(upstreamErrorText('{"object":"error","message":"too long"}')).toBe('too long');
    expect(upstreamErrorText('{"error":"model not found"}')).toBe('model not found');
    expect(upstreamErrorText('{"detail":"Not Found"}')).toBe('Not Found');
    expect(upstreamErrorText('<html> Bad   gateway </html>')).toBe('<html> Bad gateway </html>');
    expect(upstreamErrorText('')).toBe('');
  });
});

describe('formatDuration', () => {
  it('reads naturally', () => {
    expect(formatDuration(400)).toBe('400 ms');
    expect(formatDuration(1500)).toBe('1.5 s');
    expect(formatDuration(10_000)).toBe('10 s');
  });
});
