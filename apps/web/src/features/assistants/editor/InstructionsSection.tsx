// Editor section "Instructions": the tone preset and the system prompt, with a character count and a
// ready-made example prompt per tone, written in the assistant's language when Parley has one for it.
import { Button, Group, Modal, Text, Textarea } from '@mantine/core';
import { updateAssistantBodySchema } from '../../../lib/contracts';
import { IconWand } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import { examplePromptLanguage } from '../tone-presets';
import { TonePicker } from '../TonePicker';
import { EditorSection, type SectionProps } from './EditorSection';

const MAX_PROMPT_CHARS = updateAssistantBodySchema.shape.systemPrompt.unwrap().maxLength ?? 20_000;

export function InstructionsSection({ draft, setField, errors, readOnly }: SectionProps) {
  const { t } = useTranslation('assistant');
  const format = useFormat();
  const promptLanguage = examplePromptLanguage(draft.language);
  // The example prompts of the assistant's language, loaded on their own (not the UI language's).
  const { t: tExample, ready } = useTranslation('assistant', { lng: promptLanguage, useSuspense: false });
  const [confirming, setConfirming] = useState(false);
  const length = draft.systemPrompt.length;
  const tooLong = length > MAX_PROMPT_CHARS;
  const toneName = t(`tones.${draft.tone}.label`);

  const insertExample = () => {
    setField('systemPrompt', tExample(`examplePrompts.${draft.tone}`));
    setConfirming(false);
  };

  return (
    <EditorSection id="instructions" title={t('editor.instructions.title')} description={t('editor.instructions.description')}>
      <TonePicker
        value={draft.tone}
        onChange={(tone) => setField('tone', tone)}
        label={t('fields.tone')}
        description={t('fields.toneHint')}
        disabled={readOnly}
      />
      {errors.tone && (
        <Text c="red" size="sm">
          {errors.tone}
        </Text>
      )}
      <div>
        <Textarea
          label={t('fields.systemPrompt')}
          description={t('fields.systemPromptHint')}
          dir="auto"
          autosize
          minRows={8}
          maxRows={24}
          value={draft.systemPrompt}
          onChange={(e) => setField('systemPrompt', e.currentTarget.value)}
          error={errors.systemPrompt ?? (tooLong ? t('editor.instructions.tooLong', { max: format.number(MAX_PROMPT_CHARS) }) : undefined)}
          readOnly={readOnly}
          styles={{ input: { fontSize: 'var(--mantine-font-size-sm)', lineHeight: 1.6 } }}
          data-testid="editor-system-prompt"
        />
        <Group justify="space-between" mt={6} gap="xs" wrap="wrap">
          {!readOnly ? (
            <Button
              variant="light"
              size="xs"
              leftSection={<IconWand size={14} aria-hidden />}
              onClick={() => (draft.systemPrompt.trim() ? setConfirming(true) : insertExample())}
              disabled={!ready}
              data-testid="editor-insert-example"
            >
              {t('editor.instructions.insertExample', { tone: toneName })}
            </Button>
          ) : (
            <span />
          )}
          <Text size="xs" c={tooLong ? 'red.8' : 'dimmed'} aria-live="polite" data-testid="editor-prompt-count">
            {t('editor.instructions.count', { length: format.number(length), max: format.number(MAX_PROMPT_CHARS) })}
          </Text>
        </Group>
      </div>
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('editor.instructions.replaceTitle')}
        centered
        closeButtonProps={{ 'aria-label': t('common:actions.close') }}
      >
        <Text size="sm">{t('editor.instructions.replaceBody')}</Text>
        <Group justify="flex-end" mt="lg" gap="sm">
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t('common:actions.cancel')}
          </Button>
          <Button onClick={insertExample} data-testid="editor-insert-example-confirm">
            {t('editor.instructions.replace')}
          </Button>
        </Group>
      </Modal>
    </EditorSection>
  );
}
