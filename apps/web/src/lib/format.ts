// Dates, numbers and sizes formatted with Intl for the UI language (Persian digits in Persian, etc.).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export interface Formatters {
  date(value: string | Date): string;
  dateTime(value: string | Date): string;
  relative(value: string | Date): string;
  number(value: number, options?: Intl.NumberFormatOptions): string;
  bytes(value: number): string;
  duration(ms: number): string;
}

export function makeFormatters(locale: string): Formatters {
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const integer = new Intl.NumberFormat(locale);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 31_536_000],
    ['month', 2_592_000],
    ['week', 604_800],
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
    ['second', 1],
  ];
  return {
    date: (v) => date.format(new Date(v)),
    dateTime: (v) => dateTime.format(new Date(v)),
    relative(v) {
      const seconds = (new Date(v).getTime() - Date.now()) / 1000;
      for (const [unit, size] of units) {
        if (Math.abs(seconds) >= size || unit === 'second') return relative.format(Math.round(seconds / size), unit);
      }
      return relative.format(0, 'second');
    },
    number: (v, options) => (options ? new Intl.NumberFormat(locale, options).format(v) : integer.format(v)),
    bytes(v) {
      const [unit, size] =
        v >= 1_048_576 ? (['megabyte', 1_048_576] as const) : v >= 1024 ? (['kilobyte', 1024] as const) : (['byte', 1] as const);
      return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(v / size);
    },
    duration(ms) {
      return ms >= 1000
        ? new Intl.NumberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'short', maximumFractionDigits: 1 }).format(ms / 1000)
        : new Intl.NumberFormat(locale, { style: 'unit', unit: 'millisecond', unitDisplay: 'short', maximumFractionDigits: 0 }).format(ms);
    },
  };
}

export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  return useMemo(() => makeFormatters(i18n.language), [i18n.language]);
}
