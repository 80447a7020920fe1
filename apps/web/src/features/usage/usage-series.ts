// Date math for the usage page: the window of the last N whole UTC days (the server groups by UTC day),
// the per-day series with every day present (zeros where nothing happened, so the axis is continuous),
// and the figures derived from the totals. Pure, so it is tested without a browser.
import type { UsageReport } from '@parley/contracts';

export const RANGE_DAYS = [7, 30, 90] as const;
export type RangeDays = (typeof RANGE_DAYS)[number];

type UsageItem = UsageReport['items'][number];
type Counted = Pick<UsageItem, 'requests' | 'cachedRequests'>;

const DAY_MS = 86_400_000;

/** The UTC calendar day of an instant, as the server writes it: `YYYY-MM-DD`. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The day `n` days after `day` (before, for negative `n`). */
export function addDays(day: string, n: number): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS));
}

/**
 * The last `days` UTC days up to and including today: `from` inclusive, `to` exclusive (tomorrow), as
 * the API takes them, and every day in between, oldest first.
 */
export function usageWindow(days: number, now: Date = new Date()): { from: string; to: string; days: string[] } {
  const to = addDays(utcDay(now), 1);
  const from = addDays(to, -days);
  return { from, to, days: Array.from({ length: days }, (_, i) => addDays(from, i)) };
}

export interface DayPoint {
  day: string;
  messages: number;
  requests: number;
  promptTokens: number;
  completionTokens: number;
  cachedRequests: number;
  errors: number;
  /** null on a day with no model answer: a latency of zero would be a lie. */
  p50LatencyMs: number | null;
  p95LatencyMs: number | null;
}

/** One point per day of `days`, taken from the report's items (grouped by day) or zero. */
export function fillDays(items: readonly UsageItem[], days: readonly string[]): DayPoint[] {
  const byDay = new Map(items.map((item) => [item.key, item]));
  return days.map((day) => {
    const item = byDay.get(day);
    return {
      day,
      messages: item?.messages ?? 0,
      requests: item?.requests ?? 0,
      promptTokens: item?.promptTokens ?? 0,
      completionTokens: item?.completionTokens ?? 0,
      cachedRequests: item?.cachedRequests ?? 0,
      errors: item?.errors ?? 0,
      p50LatencyMs: item?.p50LatencyMs ?? null,
      p95LatencyMs: item?.p95LatencyMs ?? null,
    };
  });
}

/** Share of model requests answered from the cache, 0–1; null when there were no requests. */
export function cacheHitRate({ requests, cachedRequests }: Counted): number | null {
  return requests > 0 ? cachedRequests / requests : null;
}

/** Whether anything at all happened in the window (model calls or chat answers, extractive ones too). */
export function hasUsage(totals: Pick<UsageReport['totals'], 'requests' | 'messages'>): boolean {
  return totals.requests > 0 || totals.messages > 0;
}

/**
 * Day labels in the UI language: short ("Mar 5") for axes, full ("Mar 5, 2026") for tables. The day is a
 * UTC date, so it is formatted in UTC: in the browser's own time zone a day west of Greenwich would show
 * as the one before.
 */
export function dayLabelFormatter(locale: string, style: 'short' | 'full' = 'short'): (day: string) => string {
  const format = new Intl.DateTimeFormat(
    locale,
    style === 'short' ? { day: 'numeric', month: 'short', timeZone: 'UTC' } : { dateStyle: 'medium', timeZone: 'UTC' },
  );
  return (day) => format.format(new Date(`${day}T00:00:00Z`));
}

/**
 * Wraps a formatted value in Unicode isolates (FSI … PDI) so that it keeps its own direction inside
 * text of the other one: "780 ms" stays "780 ms" in a Hebrew sentence instead of turning into "ms 780".
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
