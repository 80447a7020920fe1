// The usage page's window and series: whole UTC days, every day present, figures that do not divide by zero.
import type { UsageReport } from '@parley/contracts';
import { describe, expect, it } from 'vitest';
import { addDays, cacheHitRate, dayLabelFormatter, fillDays, hasUsage, isolate, usageWindow, utcDay } from './usage-series';

type Item = UsageReport['items'][number];

const item = (key: string, over: Partial<Item> = {}): Item => ({
  key,
  requests: 0,
  promptTokens: 0,
  completionTokens: 0,
  cachedRequests: 0,
  errors: 0,
  avgLatencyMs: null,
  avgTtftMs: null,
  messages: 0,
  p50LatencyMs: null,
  p95LatencyMs: null,
  p95TtftMs: null,
  ...over,
});

describe('usageWindow', () => {
  it('covers the last N UTC days including today, `to` exclusive', () => {
    const w = usageWindow(7, new Date('2026-03-10T23:30:00Z'));
    expect(w).toEqual({
      from: '2026-03-04',
      to: '2026-03-11',
      days: ['2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10'],
    });
  });

  it('uses the UTC day whatever the local time zone says', () => {
    // 01:00 in Tel Aviv on the 1st is still the 28th of February in UTC.
    const w = usageWindow(1, new Date('2026-03-01T01:00:00+02:00'));
    expect(w.days).toEqual(['2026-02-28']);
    expect(w.to).toBe('2026-03-01');
  });

  it('crosses months, leap days and years', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    const w = usageWindow(90, new Date('2026-03-31T12:00:00Z'));
    expect(w.days).toHaveLength(90);
    expect(w.days[0]).toBe(w.from);
    expect(w.days.at(-1)).toBe('2026-03-31');
    expect(new Set(w.days).size).toBe(90);
  });

  it('formats a day as the server does', () => {
    expect(utcDay(new Date('2026-07-04T23:59:59.999Z'))).toBe('2026-07-04');
  });
});

describe('fillDays', () => {
  const days = ['2026-03-08', '2026-03-09', '2026-03-10'];

  it('puts zeros on missing days and keeps the order of the window', () => {
    const points = fillDays([item('2026-03-10', { messages: 4, requests: 3, promptTokens: 100, p95LatencyMs: 900 })], days);
    expect(points.map((p) => p.day)).toEqual(days);
    expect(points[0]).toEqual({
      day: '2026-03-08',
      messages: 0,
      requests: 0,
      promptTokens: 0,
      completionTokens: 0,
      cachedRequests: 0,
      errors: 0,
      p50LatencyMs: null,
      p95LatencyMs: null,
    });
    expect(points[2]).toMatchObject({ messages: 4, requests: 3, promptTokens: 100, p95LatencyMs: 900 });
  });

  it('ignores items outside the window', () => {
    const points = fillDays([item('2026-03-01', { messages: 9 })], days);
    expect(points.reduce((sum, p) => sum + p.messages, 0)).toBe(0);
  });
});

describe('figures', () => {
  it('computes the cache hit rate, null without requests', () => {
    expect(cacheHitRate({ requests: 8, cachedRequests: 2 })).toBe(0.25);
    expect(cacheHitRate({ requests: 0, cachedRequests: 0 })).toBeNull();
  });

  it('counts extractive answers as usage even without model calls', () => {
    expect(hasUsage({ requests: 0, messages: 0 })).toBe(false);
    expect(hasUsage({ requests: 0, messages: 2 })).toBe(true);
  });

  it('labels days in UTC', () => {
    expect(dayLabelFormatter('en')('2026-03-05')).toBe('Mar 5');
    expect(dayLabelFormatter('en', 'full')('2026-03-05')).toBe('Mar 5, 2026');
  });
});

describe('isolate', () => {
  it('wraps text in first-strong isolates', () => {
    expect(isolate('780 ms')).toBe('\u2068780 ms\u2069');
  });
});
