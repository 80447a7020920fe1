// What "Test connection" found: the models the server offers, or why it could not be reached, in
// plain words with the technical detail underneath for whoever runs the server.
import { Alert, Code, Group, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconPlugConnectedX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useErrorMessage } from '../../lib/errors';
import { useFormat } from '../../lib/format';
import type { ProviderModels } from './api';

const SHOWN = 40;

export function ProviderTestResult({ data, error }: { data: ProviderModels | undefined; error: unknown }) {
  const { t } = useTranslation('settings');
  const errorMessage = useErrorMessage();
  const format = useFormat();
  if (error) {
    const unreachable = error instanceof ApiError && error.code === 'provider_unreachable';
    return (
      <Alert
        color="red"
        variant="light"
        icon={<IconPlugConnectedX aria-hidden />}
        role="alert"
        data-testid="provider-test-result"
        data-result="failed"
      >
        <Stack gap={6}>
          <Text size="sm" fw={700}>
            {t('providers.test.failed')}
          </Text>
          <Text size="sm">{unreachable ? t('providers.test.unreachable') : errorMessage(error)}</Text>
          {unreachable && (
            <Code block dir="ltr" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
              {error.message}
            </Code>
          )}
        </Stack>
      </Alert>
    );
  }
  if (!data) return null;
  const models = data.items;
  return (
    <Alert
      color={models.length ? 'teal' : 'yellow'}
      variant="light"
      icon={<IconCircleCheck aria-hidden />}
      role="status"
      data-testid="provider-test-result"
      data-result="ok"
    >
      <Stack gap={6}>
        <Text size="sm" fw={700}>
          {t('providers.test.connected')}
        </Text>
        <Text size="sm">
          {models.length
            ? t('providers.test.models', { count: models.length, models: format.number(models.length) })
            : t('providers.test.noModels')}
        </Text>
        {models.length > 0 && (
          <Group gap={6} wrap="wrap">
            {models.slice(0, SHOWN).map((m) => (
              <Code key={m.id} dir="ltr">
                {m.id}
              </Code>
            ))}
            {models.length > SHOWN && (
              <Text size="xs">
                {t('providers.test.more', { count: models.length - SHOWN, more: format.number(models.length - SHOWN) })}
              </Text>
            )}
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
