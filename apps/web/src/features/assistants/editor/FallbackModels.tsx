// The ordered list of models tried when the main one fails before answering: add, remove, move up and
// down, at most five; each row is a provider and a model.
import { ActionIcon, Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import type { FallbackModel, Provider } from '@parley/contracts';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import { ModelPicker } from './ModelPicker';
import { fromSelectValue, providerOptions, toSelectValue } from './provider-options';

export const MAX_FALLBACKS = 5;

export function FallbackModels({
  value,
  onChange,
  providers,
  defaultProviderId,
  errors,
  readOnly,
}: {
  value: FallbackModel[];
  onChange: (fallbacks: FallbackModel[]) => void;
  providers: readonly Provider[];
  defaultProviderId: string | null;
  errors: Record<string, string>;
  readOnly: boolean;
}) {
  const { t } = useTranslation('assistant');
  const format = useFormat();
  const byId = new Map(providers.map((p) => [p.id, p]));

  const update = (index: number, next: Partial<FallbackModel>) => onChange(value.map((f, i) => (i === index ? { ...f, ...next } : f)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...value];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    onChange(next);
  };

  return (
    <Stack gap="xs" data-testid="editor-fallbacks">
      <div>
        <Text fw={500} size="sm" component="h3" m={0}>
          {t('model.fallbacks')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('model.fallbacksHint')}
        </Text>
      </div>
      {errors['generation.fallbacks'] && (
        <Text size="sm" c="red.8">
          {errors['generation.fallbacks']}
        </Text>
      )}
      {value.length === 0 && (
        <Text size="sm" c="dimmed" fs="italic">
          {t('model.noFallbacks')}
        </Text>
      )}
      {value.map((fallback, index) => {
        const position = format.number(index + 1);
        return (
          <Paper key={index} withBorder p="sm" radius="md" data-testid="editor-fallback">
            <Group align="flex-start" gap="sm" wrap="wrap">
              <Text fw={600} size="sm" mt={30} w={20} aria-hidden>
                {position}
              </Text>
              <Select
                label={t('model.provider')}
                size="sm"
                w={{ base: '100%', xs: 200 }}
                allowDeselect={false}
                data={providerOptions(providers, fallback.providerId, t)}
                value={toSelectValue(fallback.providerId)}
                onChange={(v) => v && update(index, { providerId: fromSelectValue(v), model: '' })}
                error={errors[`generation.fallbacks.${index}.providerId`]}
                readOnly={readOnly}
                aria-description={t('model.fallbackPosition', { position })}
              />
              <div style={{ flex: 1, minWidth: 200 }}>
                <ModelPicker
                  label={t('model.model')}
                  size="sm"
                  providerId={fallback.providerId}
                  provider={byId.get(toSelectValue(fallback.providerId))}
                  value={fallback.model}
                  onChange={(model) => update(index, { model: model ?? '' })}
                  error={errors[`generation.fallbacks.${index}.model`]}
                  readOnly={readOnly}
                />
              </div>
              {!readOnly && (
                <Group gap={4} mt={26} wrap="nowrap">
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={t('model.moveUp', { position })}
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                  >
                    <IconArrowUp size={16} aria-hidden />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={t('model.moveDown', { position })}
                    disabled={index === value.length - 1}
                    onClick={() => move(index, 1)}
                  >
                    <IconArrowDown size={16} aria-hidden />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('model.removeFallback', { position })}
                    onClick={() => onChange(value.filter((_, i) => i !== index))}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
              )}
            </Group>
          </Paper>
        );
      })}
      {!readOnly && (
        <Group gap="sm">
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            disabled={value.length >= MAX_FALLBACKS}
            onClick={() => onChange([...value, { providerId: defaultProviderId, model: '' }])}
            data-testid="editor-add-fallback"
          >
            {t('model.addFallback')}
          </Button>
          {value.length >= MAX_FALLBACKS && (
            <Text size="xs" c="dimmed">
              {t('model.maxFallbacks', { max: format.number(MAX_FALLBACKS) })}
            </Text>
          )}
        </Group>
      )}
    </Stack>
  );
}
