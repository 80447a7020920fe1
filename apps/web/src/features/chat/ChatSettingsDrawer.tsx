// This conversation's generation overrides: only those the assistant's owner allows, each within its
// bounds, with what it does in plain words. An empty field means "the assistant's own setting".
import { Alert, Button, Drawer, NumberInput, Stack, Text } from '@mantine/core';
import type { Assistant } from '@parley/contracts';
import { IconInfoCircle, IconRestore } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { allowedSettings, boundsOf, defaultOf, type ChatOverrides, type SettingKey } from './chat-settings';

// Mantine's dimmed description grey is too faint on white for small text (WCAG AA).
const DESCRIPTION_STYLES = { description: { color: 'var(--mantine-color-gray-7)' } };

interface ChatSettingsDrawerProps {
  assistant: Assistant;
  opened: boolean;
  onClose: () => void;
  value: ChatOverrides;
  onChange: (value: ChatOverrides) => void;
}

export function ChatSettingsDrawer({ assistant, opened, onClose, value, onChange }: ChatSettingsDrawerProps) {
  const { t } = useTranslation('chat');
  const format = useFormat();
  const keys = allowedSettings(assistant);
  const extractive = assistant.answerMode === 'extractive';

  const set = (key: SettingKey, next: number | string) => {
    const copy = { ...value };
    if (typeof next === 'number' && Number.isFinite(next)) copy[key] = next;
    else delete copy[key];
    onChange(copy);
  };

  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      // Logical side: the end of the page, whatever the direction.
      position="right"
      title={t('settings.title')}
      closeButtonProps={{ 'aria-label': t('common:actions.close') }}
      // Mantine draws the title row as a <header>, a second banner landmark beside the page's own.
      attributes={{ header: { role: 'none' }, content: { 'data-testid': 'chat-settings' } }}
    >
      <Stack gap="md">
        <Text size="sm">{t('settings.intro')}</Text>
        {extractive && (
          <Alert variant="light" color="blue" icon={<IconInfoCircle aria-hidden />}>
            {t('settings.extractive')}
          </Alert>
        )}
        {keys.length === 0 ? (
          <Alert variant="light" color="gray" icon={<IconInfoCircle aria-hidden />} data-testid="chat-settings-none">
            {t('settings.noneAllowed')}
          </Alert>
        ) : (
          keys.map((key) => {
            const bounds = boundsOf(key, assistant);
            return (
              <NumberInput
                key={key}
                label={t(`settings.fields.${key}.label`)}
                description={t(`settings.fields.${key}.help`, {
                  min: format.number(bounds.min),
                  max: format.number(bounds.max),
                })}
                placeholder={t('settings.defaultValue', { value: format.number(defaultOf(key, assistant)) })}
                min={bounds.min}
                max={bounds.max}
                step={bounds.step}
                decimalScale={bounds.decimals}
                allowDecimal={bounds.decimals > 0}
                clampBehavior="strict"
                value={value[key] ?? ''}
                onChange={(next) => set(key, next)}
                styles={DESCRIPTION_STYLES}
                data-testid={`chat-setting-${key}`}
              />
            );
          })
        )}
        {keys.length > 0 && (
          <Button
            variant="default"
            leftSection={<IconRestore size={16} aria-hidden />}
            onClick={() => onChange({})}
            disabled={Object.keys(value).length === 0}
            data-testid="chat-settings-reset"
            style={{ alignSelf: 'flex-start' }}
          >
            {t('settings.reset')}
          </Button>
        )}
      </Stack>
    </Drawer>
  );
}
