// The per-day charts: messages, tokens (prompt and completion, stacked), latency (p50 and p95) and cache
// hits. Time runs with the reading direction: in right-to-left languages the latest day is on the left
// and the value axis on the right.
import '@mantine/charts/styles.css';
import { BarChart, LineChart } from '@mantine/charts';
import { SimpleGrid, useDirection } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { ChartCard, type ChartColumn } from './ChartCard';
import { dayLabelFormatter, type DayPoint, isolate } from './usage-series';

type Row = DayPoint & { label: string; freshRequests: number };

const HEIGHT = 220;

export function UsageCharts({ points }: { points: DayPoint[] }) {
  const { t, i18n } = useTranslation('usage');
  const format = useFormat();
  const { dir } = useDirection();
  const rtl = dir === 'rtl';

  const rows = useMemo<Row[]>(() => {
    const dayLabel = dayLabelFormatter(i18n.language);
    return points.map((p) => ({ ...p, label: dayLabel(p.day), freshRequests: p.requests - p.cachedRequests }));
  }, [points, i18n.language]);
  const fullDay = useMemo(() => dayLabelFormatter(i18n.language, 'full'), [i18n.language]);

  const count = (v: number) => format.number(v);
  const compact = (v: number) => format.number(v, { notation: 'compact', maximumFractionDigits: 1 });
  const ms = (v: number | null) => (v === null ? '—' : isolate(format.duration(v)));

  // recharts draws left to right; in RTL the x-axis is reversed and the y-axis moves to the right edge.
  const axes = {
    dataKey: 'label',
    // Dates of different widths ("1 בנוב׳", "28 באוק׳") need room between ticks, or recharts crowds them.
    xAxisProps: { reversed: rtl, minTickGap: 16 },
    yAxisProps: rtl ? { orientation: 'right' as const, tick: { transform: 'translate(10, 0)', fontSize: 12, fill: 'currentColor' } } : {},
    h: HEIGHT,
    accessibilityLayer: false,
    tickLine: 'y' as const,
  };
  const dayColumn = { label: t('charts.day'), value: (r: Row) => fullDay(r.day) };
  const columns = (...cols: ChartColumn<Row>[]) => cols;

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <ChartCard
        title={t('charts.messagesTitle')}
        rows={rows}
        rowKey={(r) => r.day}
        rowLabel={dayColumn}
        columns={columns({ label: t('charts.messages'), value: (r) => count(r.messages) })}
        testId="chart-messages"
      >
        <BarChart
          {...axes}
          data={rows}
          valueFormatter={count}
          series={[{ name: 'messages', label: t('charts.messages'), color: 'indigo.6' }]}
        />
      </ChartCard>

      <ChartCard
        title={t('charts.tokensTitle')}
        rows={rows}
        rowKey={(r) => r.day}
        rowLabel={dayColumn}
        columns={columns(
          { label: t('charts.promptTokens'), value: (r) => count(r.promptTokens) },
          { label: t('charts.completionTokens'), value: (r) => count(r.completionTokens) },
        )}
        testId="chart-tokens"
      >
        <BarChart
          {...axes}
          data={rows}
          type="stacked"
          withLegend
          valueFormatter={compact}
          series={[
            { name: 'promptTokens', label: t('charts.promptTokens'), color: 'blue.6' },
            { name: 'completionTokens', label: t('charts.completionTokens'), color: 'teal.6' },
          ]}
        />
      </ChartCard>

      <ChartCard
        title={t('charts.latencyTitle')}
        rows={rows}
        rowKey={(r) => r.day}
        rowLabel={dayColumn}
        columns={columns(
          { label: t('charts.p50'), value: (r) => ms(r.p50LatencyMs) },
          { label: t('charts.p95'), value: (r) => ms(r.p95LatencyMs) },
        )}
        testId="chart-latency"
      >
        <LineChart
          {...axes}
          data={rows}
          withLegend
          connectNulls={false}
          valueFormatter={(v) => format.duration(v)}
          series={[
            { name: 'p50LatencyMs', label: t('charts.p50'), color: 'indigo.6' },
            { name: 'p95LatencyMs', label: t('charts.p95'), color: 'orange.6' },
          ]}
        />
      </ChartCard>

      <ChartCard
        title={t('charts.cacheTitle')}
        rows={rows}
        rowKey={(r) => r.day}
        rowLabel={dayColumn}
        columns={columns(
          { label: t('charts.cached'), value: (r) => count(r.cachedRequests) },
          { label: t('charts.fresh'), value: (r) => count(r.freshRequests) },
        )}
        testId="chart-cache"
      >
        <BarChart
          {...axes}
          data={rows}
          type="stacked"
          withLegend
          valueFormatter={count}
          series={[
            { name: 'cachedRequests', label: t('charts.cached'), color: 'teal.6' },
            { name: 'freshRequests', label: t('charts.fresh'), color: 'gray.5' },
          ]}
        />
      </ChartCard>
    </SimpleGrid>
  );
}
