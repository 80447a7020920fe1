// Editor section "Model": which model server and model answer, the fallbacks, and the context window.
// Without any model server the assistant quotes documents (extractive mode); the section says so and
// points to where a server is connected.
import { Alert, Anchor, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconInfoCircle, IconQuote } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState, LoadingState } from '../../../components/states';
import { useInstanceInfo, useProviders } from '../providers-api';
import { EditorSection, type SectionProps } from './EditorSection';
import { FallbackModels } from './FallbackModels';
import { ModelPicker } from './ModelPicker';
import { NumberField } from './NumberField';
import { fromSelectValue, providerOptions, toSelectValue } from './provider-options';

export function ModelSection({ draft, setGeneration, errors, readOnly }: SectionProps) {
  const { t } = useTranslation('assistant');
  const providers = useProviders();
  const instance = useInstanceInfo();
  const g = draft.generation;
  const list = providers.data ?? [];
  const selected = list.find((p) => p.id === toSelectValue(g.providerId));

  const providersLink = (
    <Anchor component={Link} to="/settings/providers" size="sm" c="inherit" fw={600} underline="always" data-testid="editor-providers-link">
      {t('model.goToProviders')}
    </Anchor>
  );

  let body;
  if (providers.isPending) body = <LoadingState />;
  else if (providers.error) body = <ErrorState error={providers.error} onRetry={() => void providers.refetch()} />;
  else if (list.length === 0)
    body = (
      <Alert
        variant="light"
        color="orange"
        icon={<IconQuote aria-hidden />}
        title={t('model.noProviderTitle')}
        data-testid="editor-no-provider"
      >
        <Stack gap={6} align="flex-start">
          <Text size="sm">{t('model.noProvider')}</Text>
          {providersLink}
        </Stack>
      </Alert>
    );
  else
    body = (
      <>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Select
            label={t('model.provider')}
            description={t('model.providerHint')}
            allowDeselect={false}
            data={providerOptions(list, g.providerId, t)}
            value={toSelectValue(g.providerId)}
            onChange={(v) => {
              if (!v || v === toSelectValue(g.providerId)) return;
              setGeneration('providerId', fromSelectValue(v));
              // A model name belongs to its server; another server would not know it.
              setGeneration('model', null);
            }}
            error={errors['generation.providerId']}
            readOnly={readOnly}
            data-testid="editor-provider"
          />
          <ModelPicker
            label={t('model.model')}
            providerId={g.providerId}
            provider={selected}
            value={g.model}
            onChange={(model) => setGeneration('model', model)}
            error={errors['generation.model']}
            readOnly={readOnly}
            testId="editor-model"
          />
        </SimpleGrid>
        {selected && !selected.managed && !g.model && (
          <Alert variant="light" color="orange" icon={<IconInfoCircle aria-hidden />} data-testid="editor-model-required">
            {t('model.modelRequired')}
          </Alert>
        )}
        {!selected && (
          <Alert variant="light" color="orange" icon={<IconInfoCircle aria-hidden />}>
            <Stack gap={6} align="flex-start">
              <Text size="sm">{g.providerId === null ? t('model.instanceMissingHint') : t('model.unknownProviderHint')}</Text>
              {providersLink}
            </Stack>
          </Alert>
        )}
        <FallbackModels
          value={g.fallbacks}
          onChange={(fallbacks) => setGeneration('fallbacks', fallbacks)}
          providers={list}
          defaultProviderId={g.providerId}
          errors={errors}
          readOnly={readOnly}
        />
      </>
    );

  return (
    <EditorSection id="model" title={t('editor.model.title')} description={t('editor.model.description')}>
      {instance.data?.llm.extractiveOnly && (
        <Alert variant="light" color="orange" icon={<IconQuote aria-hidden />} title={t('model.extractiveOnlyTitle')}>
          {t('model.extractiveOnly')}
        </Alert>
      )}
      {body}
      <NumberField
        label={t('model.contextWindow')}
        description={t('model.contextWindowHint')}
        min={1024}
        max={2_000_000}
        step={1024}
        value={g.contextWindow}
        onChange={(v) => setGeneration('contextWindow', v)}
        error={errors['generation.contextWindow']}
        readOnly={readOnly}
        maw={260}
        data-testid="editor-context-window"
      />
    </EditorSection>
  );
}
