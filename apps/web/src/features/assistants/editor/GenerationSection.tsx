// Editor section "Generation": how the model writes (temperature, top-p, length, repetition), where it
// stops, what people chatting may adjust per question, and whether answers are remembered.
import { Checkbox, Group, SimpleGrid, Switch, TagsInput } from '@mantine/core';
import type { OverridableSetting } from '@parley/contracts';
import { generationBounds, overridableSettings } from '@parley/contracts/limits';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import { EditorSection, type SectionProps } from './EditorSection';
import { SliderField } from './SliderField';

const MAX_STOP_SEQUENCES = 4;
const MAX_STOP_LENGTH = 64;

export function GenerationSection({ draft, setGeneration, errors, readOnly }: SectionProps) {
  const { t } = useTranslation('assistant');
  const format = useFormat();
  const g = draft.generation;
  const stopError = errors['generation.stop'] ?? Object.entries(errors).find(([k]) => k.startsWith('generation.stop.'))?.[1];

  return (
    <EditorSection id="generation" title={t('editor.generation.title')} description={t('editor.generation.description')}>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl" verticalSpacing="lg">
        <SliderField
          label={t('generation.temperature')}
          description={t('generation.temperatureHint')}
          value={g.temperature}
          onChange={(v) => setGeneration('temperature', v)}
          {...generationBounds.temperature}
          step={0.05}
          error={errors['generation.temperature']}
          disabled={readOnly}
          testId="editor-temperature"
        />
        <SliderField
          label={t('generation.topP')}
          description={t('generation.topPHint')}
          value={g.topP}
          onChange={(v) => setGeneration('topP', v)}
          {...generationBounds.topP}
          step={0.05}
          error={errors['generation.topP']}
          disabled={readOnly}
          testId="editor-top-p"
        />
        <SliderField
          label={t('generation.maxTokens')}
          description={t('generation.maxTokensHint')}
          value={g.maxTokens}
          onChange={(v) => setGeneration('maxTokens', v)}
          {...generationBounds.maxTokens}
          step={1}
          integer
          error={errors['generation.maxTokens']}
          disabled={readOnly}
          testId="editor-max-tokens"
        />
        <SliderField
          label={t('generation.frequencyPenalty')}
          description={t('generation.frequencyPenaltyHint')}
          value={g.frequencyPenalty}
          onChange={(v) => setGeneration('frequencyPenalty', v)}
          {...generationBounds.frequencyPenalty}
          step={0.1}
          error={errors['generation.frequencyPenalty']}
          disabled={readOnly}
          testId="editor-frequency-penalty"
        />
        <SliderField
          label={t('generation.presencePenalty')}
          description={t('generation.presencePenaltyHint')}
          value={g.presencePenalty}
          onChange={(v) => setGeneration('presencePenalty', v)}
          {...generationBounds.presencePenalty}
          step={0.1}
          error={errors['generation.presencePenalty']}
          disabled={readOnly}
          testId="editor-presence-penalty"
        />
        <TagsInput
          label={t('generation.stop')}
          description={t('generation.stopHint', { max: format.number(MAX_STOP_SEQUENCES) })}
          value={g.stop}
          onChange={(stop) =>
            setGeneration(
              'stop',
              stop.filter((s) => s.length > 0 && s.length <= MAX_STOP_LENGTH),
            )
          }
          maxTags={MAX_STOP_SEQUENCES}
          splitChars={[]}
          clearable
          dir="auto"
          error={stopError}
          readOnly={readOnly}
          data-testid="editor-stop"
        />
      </SimpleGrid>

      <Checkbox.Group
        label={t('generation.allowedOverrides')}
        description={t('generation.allowedOverridesHint')}
        value={g.allowedOverrides}
        onChange={(v) => setGeneration('allowedOverrides', overridableSettings.filter((s) => v.includes(s)) as OverridableSetting[])}
        error={errors['generation.allowedOverrides']}
        readOnly={readOnly}
        data-testid="editor-allowed-overrides"
      >
        <Group mt="xs" gap="md">
          {overridableSettings.map((setting) => (
            <Checkbox key={setting} value={setting} label={t(`generation.${setting}`)} disabled={readOnly} />
          ))}
        </Group>
      </Checkbox.Group>

      <Switch
        label={t('generation.cache')}
        description={t('generation.cacheHint')}
        checked={g.cache}
        onChange={(e) => setGeneration('cache', e.currentTarget.checked)}
        disabled={readOnly}
        data-testid="editor-cache"
      />
    </EditorSection>
  );
}
