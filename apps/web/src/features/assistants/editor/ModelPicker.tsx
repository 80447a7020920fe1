// A model name for a provider: suggestions from the models its server lists, and any name typed by hand
// (a server may serve models it does not list). Says in plain words when the server cannot be reached.
import { ActionIcon, Autocomplete, Loader, Text, Tooltip } from '@mantine/core';
import type { Provider } from '@parley/contracts';
import { IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { useErrorMessage } from '../../../lib/errors';
import { useProviderModels } from '../providers-api';

export function ModelPicker({
  providerId,
  provider,
  value,
  onChange,
  label,
  error,
  readOnly,
  testId,
  size,
}: {
  providerId: string | null;
  /** The provider as listed; undefined when it is not (deleted, or no instance provider). */
  provider: Provider | undefined;
  value: string | null;
  onChange: (model: string | null) => void;
  label: string;
  error?: string;
  readOnly?: boolean;
  testId?: string;
  size?: 'xs' | 'sm';
}) {
  const { t } = useTranslation('assistant');
  const errorMessage = useErrorMessage();
  const models = useProviderModels(providerId, Boolean(provider) && !readOnly);

  const unreachable = models.error instanceof ApiError && models.error.code === 'provider_unreachable';
  const status = !provider
    ? null
    : models.isFetching
      ? t('model.loadingModels')
      : models.error
        ? unreachable
          ? t('model.unreachable', { name: provider.managed ? t('model.instanceProvider') : provider.name })
          : errorMessage(models.error)
        : models.data && models.data.length === 0
          ? t('model.noModelsListed')
          : null;

  const placeholder = provider?.defaultModel ? t('model.defaultPlaceholder', { model: provider.defaultModel }) : t('model.placeholder');

  return (
    <div>
      <Autocomplete
        label={label}
        size={size}
        dir="ltr"
        spellCheck={false}
        autoComplete="off"
        data={models.data ?? []}
        limit={100}
        maxDropdownHeight={280}
        value={value ?? ''}
        onChange={(v) => onChange(v === '' ? null : v)}
        placeholder={placeholder}
        error={error}
        readOnly={readOnly}
        rightSectionPointerEvents="all"
        rightSection={
          provider && !readOnly ? (
            models.isFetching ? (
              <Loader size={14} />
            ) : (
              <Tooltip label={t('model.refreshModels')} withArrow>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="sm"
                  aria-label={t('model.refreshModels')}
                  onClick={() => void models.refetch()}
                >
                  <IconRefresh size={14} aria-hidden />
                </ActionIcon>
              </Tooltip>
            )
          ) : undefined
        }
        data-testid={testId}
      />
      {status && (
        <Text
          size="xs"
          mt={4}
          c={models.error ? 'orange.9' : 'dimmed'}
          role={models.error ? 'status' : undefined}
          data-testid={testId ? `${testId}-status` : undefined}
        >
          {status}
        </Text>
      )}
    </div>
  );
}
