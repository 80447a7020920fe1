// Model providers: the instance's own (from the server configuration, read-only) and the organization's
// OpenAI-compatible servers, which owners and admins add, change, delete and test.
import { ActionIcon, Badge, Button, Card, Code, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import type { Provider } from '@parley/contracts';
import { IconCpu, IconPencil, IconPlugConnected, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useActiveOrganization } from '../auth/session';
import { useDeleteProvider, useProviders, useTestProvider } from './api';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ProviderModal } from './ProviderModal';
import { ProviderTestResult } from './ProviderTestResult';

export function ProvidersSection() {
  const { t } = useTranslation('settings');
  const { canManage } = useActiveOrganization();
  const providers = useProviders();
  const [editing, setEditing] = useState<{ provider: Provider | null } | null>(null);
  const [deleting, setDeleting] = useState<Provider | null>(null);
  const remove = useDeleteProvider();

  return (
    <Stack>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={2} style={{ flex: 1, minWidth: 240 }}>
          <Title order={2} size="h4">
            {t('providers.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('providers.description')}
          </Text>
        </Stack>
        {canManage && (
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setEditing({ provider: null })}
            data-testid="add-provider"
          >
            {t('providers.add')}
          </Button>
        )}
      </Group>
      {!canManage && <Text size="sm">{t('providers.readOnly')}</Text>}

      {providers.isPending ? (
        <LoadingState />
      ) : providers.error ? (
        <ErrorState error={providers.error} onRetry={() => void providers.refetch()} />
      ) : providers.data.items.length === 0 ? (
        <EmptyState icon={<IconCpu size={26} />} title={t('providers.emptyTitle')} description={t('providers.emptyDescription')} />
      ) : (
        providers.data.items.map((p) => (
          <ProviderRow
            key={p.id}
            provider={p}
            canManage={canManage}
            onEdit={() => setEditing({ provider: p })}
            onDelete={() => setDeleting(p)}
          />
        ))
      )}

      <ProviderModal opened={editing !== null} provider={editing?.provider ?? null} onClose={() => setEditing(null)} />
      <ConfirmModal
        opened={deleting !== null}
        title={t('providers.deleteTitle')}
        confirmLabel={t('common:actions.delete')}
        loading={remove.isPending}
        error={remove.error}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
        onConfirm={() => deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
      >
        {t('providers.deleteMessage', { name: deleting?.name ?? '' })}
      </ConfirmModal>
    </Stack>
  );
}

function ProviderRow({
  provider,
  canManage,
  onEdit,
  onDelete,
}: {
  provider: Provider;
  canManage: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation('settings');
  const test = useTestProvider();
  const editable = canManage && !provider.managed;
  return (
    <Card withBorder padding="md" data-testid="provider-row">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
            <Group gap="xs" wrap="wrap">
              <Title order={3} size="h5" dir="auto">
                {provider.managed ? t('providers.instanceName') : provider.name}
              </Title>
              {provider.managed && (
                <Badge variant="light" color="gray" data-testid="provider-instance-badge">
                  {t('providers.instanceBadge')}
                </Badge>
              )}
              {provider.hasApiKey && (
                <Badge variant="outline" color="gray">
                  {t('providers.keyStored')}
                </Badge>
              )}
            </Group>
            <Code dir="ltr" style={{ alignSelf: 'flex-start', wordBreak: 'break-all' }}>
              {provider.baseUrl}
            </Code>
            {provider.defaultModel && (
              <Text size="sm">
                {t('providers.defaultModel')} <Code dir="ltr">{provider.defaultModel}</Code>
              </Text>
            )}
            {provider.managed && <Text size="sm">{t('providers.instanceHint')}</Text>}
          </Stack>
          <Group gap="xs" wrap="nowrap">
            <Button
              variant="default"
              size="xs"
              leftSection={<IconPlugConnected size={14} aria-hidden />}
              loading={test.isPending}
              onClick={() => test.mutate(provider.id)}
              data-testid="provider-test"
            >
              {t('providers.test.button')}
            </Button>
            {editable && (
              <>
                <Tooltip label={t('common:actions.edit')}>
                  <ActionIcon
                    variant="subtle"
                    aria-label={t('providers.editLabel', { name: provider.name })}
                    onClick={onEdit}
                    data-testid="provider-edit"
                  >
                    <IconPencil size={16} aria-hidden />
                  </ActionIcon>
                </Tooltip>
                <Tooltip label={t('common:actions.delete')}>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('providers.deleteLabel', { name: provider.name })}
                    onClick={onDelete}
                    data-testid="provider-delete"
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Tooltip>
              </>
            )}
          </Group>
        </Group>
        {(test.data || test.error) && !test.isPending ? <ProviderTestResult data={test.data} error={test.error} /> : null}
      </Stack>
    </Card>
  );
}
