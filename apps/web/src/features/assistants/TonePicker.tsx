// The tone presets as selectable cards, each with a one-line description of how answers will sound.
import { Group, Radio, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { toneOptions, type Tone } from './tone-presets';

export function TonePicker({
  value,
  onChange,
  label,
  description,
  disabled,
}: {
  value: Tone;
  onChange: (tone: Tone) => void;
  label: string;
  description?: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation('assistant');
  return (
    <Radio.Group value={value} onChange={(v) => onChange(v as Tone)} label={label} description={description} disabled={disabled}>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" mt="xs" data-testid="tone-picker">
        {toneOptions.map(({ tone, icon: Icon }) => (
          <Radio.Card key={tone} value={tone} p="sm" radius="md" disabled={disabled} data-testid={`tone-${tone}`}>
            <Group wrap="nowrap" align="flex-start" gap="sm">
              <Radio.Indicator mt={2} />
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Group gap={6} wrap="nowrap">
                  <ThemeIcon size="sm" variant="light" aria-hidden>
                    <Icon size={14} />
                  </ThemeIcon>
                  <Text fw={600} size="sm">
                    {t(`tones.${tone}.label`)}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed">
                  {t(`tones.${tone}.description`)}
                </Text>
              </Stack>
            </Group>
          </Radio.Card>
        ))}
      </SimpleGrid>
    </Radio.Group>
  );
}
