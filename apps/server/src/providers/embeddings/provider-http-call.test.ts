import { describe, expect, it } from 'vitest';
import { ConcurrencyLimiter, isRetryableStatus, openAIStyleUrl, parseRetryAfter } from './provider-http-call.js';

describe('isRetryableStatus', () => {
  it('retries 408, 409, 429 and 5xx only', () => {
    expect([408, 409, 429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 413, 422].some(isRetryableStatus)).toBe(false);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('0.5')).toBe(500);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
  });

  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('')).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('openAIStyleUrl', () => {
  it('adds /v1 only when the base URL lacks it', () => {
    expect(openAIStyleUrl('http://h:11434', 'embeddings')).toBe('http://h:11434/v1/embeddings');
    expect(openAIStyleUrl('http://h:11434/v1/', 'embeddings')).toBe('http://h:11434/v1/embeddings');
    expect(openAIStyleUrl('https://api.example.com/openai/v1', 'rerank')).toBe('https://api.example.com/openai/v1/rerank');
  });
});

describe('ConcurrencyLimiter', () => {
  it('never runs more than its limit and runs everything in the end', async () => {
    const limiter = new ConcurrencyLimiter(2);
    let running = 0;
    let peak = 0;
    const gates: Array<() => void> = [];
    const tasks = Array.from({ length: 6 }, (_, i) =>
      limiter.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => gates.push(resolve));
        running--;
        return i;
      }),
    );
    // Open gates one by one; a newcomer arriving while a slot changes hands must still wait.
    const late = limiter.run(async () => {
      running++;
      peak = Math.max(peak, running);
      running--;
      return 'late';
    });
    while (gates.length > 0 || running > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      gates.shift()?.();
    }
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(await late).toBe('late');
    expect(peak).toBe(2);
  });

  it('frees the slot of a task that throws', async () => {
    const limiter = new ConcurrencyLimiter(1);
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limiter.run(() => Promise.resolve(7))).toBe(7);
  });

  it('refuses a limit below 1', () => {
    expect(() => new ConcurrencyLimiter(0)).toThrow(RangeError);
  });
});
