// Test retrieval: ask what a visitor would and see which passages the assistant would answer from, with
// their rank, score, document, page and section, in the search mode of one's choice.
import { Alert, Badge, Button, Group, Highlight, NumberInput, Paper, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import type { Assistant, SearchMode, SearchResult } from '@parley/contracts';
import { retrievalBounds } from '@parley/contracts/limits';
import { IconSearch } from '@tabler/icons-react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/states';
import { fieldErrorsOf, useErrorMessage } from '../../lib/errors';
import { useFormat } from '../../lib/format';
import { useSearchKnowledge } from './api';
import { usePageLabel } from './ChunksDrawer';

const MODES: SearchMode[] = ['hybrid', 'vector', 'text'];

/** The words of the query worth marking in a passage (two letters or more). */
export function queryTerms(query: string): string[] {
  return [...new Set(query.split(/[\s\p{P}\p{S}]+/u).filter((w) => [...w].length >= 2))];
}

export function RetrievalTester({ assistant }: { assistant: Assistant }) {
  const { t } = useTranslation('knowledge');
  const format = useFormat();
  const errorMessage = useErrorMessage();
  const search = useSearchKnowledge(assistant.id);
  const modeLabelId = useId();
  const [query, setQuery] = useState('');
  const [mode, setMode] = useState<SearchMode>(assistant.retrieval.mode);
  const [topK, setTopK] = useState<number | string>(assistant.retrieval.topK);
  const [asked, setAsked] = useState('');
  const fields = fieldErrorsOf(search.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const q = query.trim();
    if (!q) return;
    const k = typeof topK === 'number' ? topK : assistant.retrieval.topK;
    setAsked(q);
    search.mutate({ query: q, mode, topK: Math.min(retrievalBounds.topK.max, Math.max(retrievalBounds.topK.min, k)) });
  };

  const results = search.data?.results;
  return (
    <Stack gap="md">
      <Text size="sm" c="gray.7">
        {t('retrieval.description')}
      </Text>
      <form onSubmit={submit} noValidate data-testid="retrieval-form">
        <Stack gap="sm">
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              label={t('retrieval.query')}
              value={query}
              onChange={(e) => setQuery(e.currentTarget.value)}
              dir="auto"
              error={fields.query}
              style={{ flex: '1 1 260px' }}
              data-testid="retrieval-query"
            />
            <NumberInput
              label={t('retrieval.topK')}
              min={retrievalBounds.topK.min}
              max={retrievalBounds.topK.max}
              clampBehavior="strict"
              allowDecimal={false}
              value={topK}
              onChange={setTopK}
              w={110}
            />
            <Button
              type="submit"
              leftSection={<IconSearch size={16} aria-hidden />}
              loading={search.isPending}
              data-testid="retrieval-submit"
            >
              {t('retrieval.submit')}
            </Button>
          </Group>
          <Stack gap={4}>
            <Text size="sm" fw={500} id={modeLabelId}>
              {t('retrieval.mode')}
            </Text>
            <SegmentedControl
              value={mode}
              onChange={(v) => setMode(v as SearchMode)}
              data={MODES.map((m) => ({ value: m, label: t(`retrieval.modes.${m}`) }))}
              aria-labelledby={modeLabelId}
              style={{ alignSelf: 'flex-start' }}
              data-testid="retrieval-mode"
            />
            <Text size="xs" c="gray.7">
              {t(`retrieval.modeHelp.${mode}`)}
            </Text>
          </Stack>
        </Stack>
      </form>
      {search.error && !fields.query && (
        <Alert color="red" role="alert">
          {errorMessage(search.error)}
        </Alert>
      )}
      {results && results.length === 0 && (
        <EmptyState
          icon={<IconSearch size={26} />}
          title={t('retrieval.noResults.title')}
          description={t('retrieval.noResults.description')}
        />
      )}
      {results && results.length > 0 && (
        <Stack gap="sm" aria-live="polite">
          <Group gap="xs">
            <Text size="sm" fw={500}>
              {t('retrieval.found', { count: results.length, n: format.number(results.length) })}
            </Text>
            <Badge variant="light" color="gray">
              {t(`retrieval.modes.${search.data!.mode}`)}
            </Badge>
            {search.data!.reranked && (
              <Badge variant="light" color="grape">
                {t('retrieval.reranked')}
              </Badge>
            )}
          </Group>
          <Stack gap="sm" component="ol" m={0} p={0} style={{ listStyle: 'none' }}>
            {results.map((result, i) => (
              <ResultItem key={result.chunkId} result={result} rank={i + 1} terms={queryTerms(asked)} />
            ))}
          </Stack>
        </Stack>
      )}
    </Stack>
  );
}

function ResultItem({ result, rank, terms }: { result: SearchResult; rank: number; terms: string[] }) {
  const { t } = useTranslation('knowledge');
  const format = useFormat();
  const pageLabel = usePageLabel()(result.page);
  const section = result.headingPath.join(' › ');
  return (
    <Paper component="li" withBorder p="sm" radius="md" data-testid="retrieval-result" data-rank={rank}>
      <Group gap="xs" mb={6} wrap="wrap">
        <Badge variant="filled" color="indigo.8" data-testid="retrieval-rank">
          {t('retrieval.rank', { n: format.number(rank) })}
        </Badge>
        <Text size="xs" c="gray.7" data-testid="retrieval-score">
          {t('retrieval.score', { score: format.number(result.score, { minimumFractionDigits: 2, maximumFractionDigits: 3 }) })}
        </Text>
      </Group>
      <Text size="sm" fw={600} dir="auto" data-testid="retrieval-document">
        {result.documentTitle}
      </Text>
      {(pageLabel || section) && (
        <Group gap="xs" mb={4} wrap="wrap">
          {pageLabel && (
            <Text size="xs" c="gray.7">
              {pageLabel}
            </Text>
          )}
          {section && (
            <Text size="xs" c="gray.7" dir="auto">
              {section}
            </Text>
          )}
        </Group>
      )}
      <Highlight
        highlight={terms}
        size="sm"
        dir="auto"
        style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
        data-testid="retrieval-text"
      >
        {result.text}
      </Highlight>
    </Paper>
  );
}
