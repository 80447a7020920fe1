// /usage: the organization's usage over the last 7, 30 or 90 days, for all assistants or one: totals,
// per-day charts and a table per assistant. The period and the assistant live in the address.
import { Button, Card, Group, Input, SegmentedControl, Select, Stack, Title } from '@mantine/core';
import { IconChartBar } from '@tabler/icons-react';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useFormat } from '../../lib/format';
import { useAssistants } from '../assistants/api';
import { useUsageReport } from './api';
import { AssistantUsageTable } from './AssistantUsageTable';
import { SummaryCards } from './SummaryCards';
import { UsageCharts } from './UsageCharts';
import { fillDays, hasUsage, RANGE_DAYS, type RangeDays, usageWindow } from './usage-series';

const ALL = 'all';

export function UsagePage() {
  const { t } = useTranslation('usage');
  const format = useFormat();
  const rangeLabelId = useId();
  const [params, setParams] = useSearchParams();
  const assistants = useAssistants();

  const requested = Number(params.get('days'));
  const days: RangeDays = (RANGE_DAYS as readonly number[]).includes(requested) ? (requested as RangeDays) : 30;
  const assistantId = params.get('assistant') ?? ALL;
  // The window is computed once per choice, so a re-render does not make a new query key.
  const period = useMemo(() => usageWindow(days), [days]);
  const scope = { from: period.from, to: period.to, ...(assistantId !== ALL ? { assistantId } : {}) };
  const daily = useUsageReport({ ...scope, groupBy: 'day' });
  const perAssistant = useUsageReport({ ...scope, groupBy: 'assistant' });
  const points = useMemo(() => fillDays(daily.data?.items ?? [], period.days), [daily.data, period.days]);

  const choose = (key: 'days' | 'assistant', value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if ((key === 'assistant' && value === ALL) || (key === 'days' && value === '30')) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Group align="flex-end" gap="md" mb="lg" wrap="wrap">
        {/* Input.Wrapper gives the same label styling and spacing as the Select beside it. */}
        <Input.Wrapper label={t('range.label')} labelElement="div" labelProps={{ id: rangeLabelId }}>
          <SegmentedControl
            aria-labelledby={rangeLabelId}
            value={String(days)}
            onChange={(v) => choose('days', v)}
            data={RANGE_DAYS.map((d) => ({ value: String(d), label: t('range.days', { count: d, days: format.number(d) }) }))}
            data-testid="usage-range"
            display="flex"
          />
        </Input.Wrapper>
        <Select
          label={t('filter.label')}
          w={{ base: '100%', xs: 260 }}
          allowDeselect={false}
          value={assistantId}
          onChange={(v) => choose('assistant', v ?? ALL)}
          data={[{ value: ALL, label: t('filter.all') }, ...(assistants.data?.items.map((a) => ({ value: a.id, label: a.name })) ?? [])]}
          renderOption={({ option }) => <span dir="auto">{option.label}</span>}
          searchable={(assistants.data?.items.length ?? 0) > 8}
          data-testid="usage-assistant"
        />
      </Group>

      {daily.isPending ? (
        <LoadingState />
      ) : daily.error ? (
        <ErrorState error={daily.error} onRetry={() => void daily.refetch()} />
      ) : !hasUsage(daily.data.totals) ? (
        <EmptyState
          icon={<IconChartBar size={26} />}
          title={t('empty.title')}
          description={t('empty.description')}
          action={
            <Button component={Link} to="/" variant="light">
              {t('empty.action')}
            </Button>
          }
        />
      ) : (
        <Stack gap="lg" style={{ opacity: daily.isPlaceholderData ? 0.6 : 1 }} aria-busy={daily.isPlaceholderData}>
          <SummaryCards totals={daily.data.totals} />
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('charts.title')}
            </Title>
            <UsageCharts points={points} />
          </Stack>
          <Card withBorder padding="md">
            <Title order={2} size="h4" mb="sm">
              {t('byAssistant.title')}
            </Title>
            {perAssistant.isPending ? (
              <LoadingState />
            ) : perAssistant.error ? (
              <ErrorState error={perAssistant.error} onRetry={() => void perAssistant.refetch()} />
            ) : (
              <AssistantUsageTable items={perAssistant.data.items} />
            )}
          </Card>
        </Stack>
      )}
    </>
  );
}
