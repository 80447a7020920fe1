// Editor section "Retrieval": how passages are found (by meaning, by words, or both), how many are read,
// and how documents are cut into passages, which only takes effect for documents indexed afterwards.
import { Alert, Anchor, Group, Radio, SimpleGrid, Stack, Text } from '@mantine/core';
import { retrievalBounds } from '@parley/contracts/limits';
import { IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrentAssistant } from '../AssistantLayout';
import { EditorSection, type SectionProps } from './EditorSection';
import { NumberField } from './NumberField';
import { SliderField } from './SliderField';

const modes = ['hybrid', 'vector', 'text'] as const;

export function RetrievalSection({ draft, setRetrieval, errors, readOnly }: SectionProps) {
  const { t } = useTranslation('assistant');
  const assistant = useCurrentAssistant();
  const r = draft.retrieval;
  const chunkingChanged = r.chunkSize !== assistant.retrieval.chunkSize || r.chunkOverlap !== assistant.retrieval.chunkOverlap;
  const overlapError = errors['retrieval.chunkOverlap'] ?? (r.chunkOverlap >= r.chunkSize ? t('retrieval.overlapTooLarge') : undefined);

  return (
    <EditorSection id="retrieval" title={t('editor.retrieval.title')} description={t('editor.retrieval.description')}>
      <Radio.Group
        label={t('retrieval.mode')}
        value={r.mode}
        onChange={(v) => setRetrieval('mode', v as (typeof modes)[number])}
        error={errors['retrieval.mode']}
        readOnly={readOnly}
      >
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" mt="xs">
          {modes.map((mode) => (
            <Radio.Card key={mode} value={mode} p="sm" radius="md" disabled={readOnly} data-testid={`retrieval-mode-${mode}`}>
              <Group wrap="nowrap" align="flex-start" gap="sm">
                <Radio.Indicator mt={2} />
                <Stack gap={2}>
                  <Text fw={600} size="sm">
                    {t(`retrieval.modes.${mode}.label`)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t(`retrieval.modes.${mode}.description`)}
                  </Text>
                </Stack>
              </Group>
            </Radio.Card>
          ))}
        </SimpleGrid>
      </Radio.Group>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl" verticalSpacing="lg">
        <SliderField
          label={t('retrieval.topK')}
          description={t('retrieval.topKHint')}
          value={r.topK}
          onChange={(v) => setRetrieval('topK', v)}
          {...retrievalBounds.topK}
          step={1}
          integer
          error={errors['retrieval.topK']}
          disabled={readOnly}
          testId="editor-top-k"
        />
        <SliderField
          label={t('retrieval.minScore')}
          description={t('retrieval.minScoreHint')}
          value={r.minScore}
          onChange={(v) => setRetrieval('minScore', v)}
          {...retrievalBounds.minScore}
          step={0.01}
          error={errors['retrieval.minScore']}
          disabled={readOnly}
          testId="editor-min-score"
        />
        {r.mode === 'hybrid' && (
          <>
            <SliderField
              label={t('retrieval.vectorWeight')}
              description={t('retrieval.vectorWeightHint')}
              value={r.vectorWeight}
              onChange={(v) => setRetrieval('vectorWeight', v)}
              {...retrievalBounds.vectorWeight}
              step={0.05}
              error={errors['retrieval.vectorWeight']}
              disabled={readOnly}
              testId="editor-vector-weight"
            />
            <SliderField
              label={t('retrieval.textWeight')}
              description={t('retrieval.textWeightHint')}
              value={r.textWeight}
              onChange={(v) => setRetrieval('textWeight', v)}
              {...retrievalBounds.textWeight}
              step={0.05}
              error={errors['retrieval.textWeight']}
              disabled={readOnly}
              testId="editor-text-weight"
            />
          </>
        )}
      </SimpleGrid>

      <Stack gap="sm">
        <Text fw={600} size="sm" component="h3" m={0}>
          {t('retrieval.chunking')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <NumberField
            label={t('retrieval.chunkSize')}
            description={t('retrieval.chunkSizeHint')}
            value={r.chunkSize}
            onChange={(v) => setRetrieval('chunkSize', v)}
            {...retrievalBounds.chunkSize}
            step={64}
            error={errors['retrieval.chunkSize']}
            readOnly={readOnly}
            data-testid="editor-chunk-size"
          />
          <NumberField
            label={t('retrieval.chunkOverlap')}
            description={t('retrieval.chunkOverlapHint')}
            value={r.chunkOverlap}
            onChange={(v) => setRetrieval('chunkOverlap', v)}
            {...retrievalBounds.chunkOverlap}
            step={16}
            error={overlapError}
            readOnly={readOnly}
            data-testid="editor-chunk-overlap"
          />
        </SimpleGrid>
        <Alert
          variant="light"
          color={chunkingChanged ? 'orange' : 'blue'}
          icon={<IconRefresh aria-hidden />}
          data-testid="editor-reindex-note"
        >
          {t('retrieval.reindexNote')}{' '}
          <Anchor component={Link} to={`/assistants/${assistant.id}/knowledge`} size="sm" c="inherit" fw={600} underline="always">
            {t('retrieval.goToKnowledge')}
          </Anchor>
        </Alert>
      </Stack>
    </EditorSection>
  );
}
