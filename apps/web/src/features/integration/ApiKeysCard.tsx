// The assistant's API keys for owners and admins: the list (name, kind, prefix, created, last used),
// creating one (the full key shown once) and revoking one after a confirmation.
import { ActionIcon, Badge, Button, Card, Code, Group, Stack, Table, Text, Title, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconKey, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useFormat } from '../../lib/format';
import { ConfirmModal } from '../../components/ConfirmModal';
import { type ApiKey, type CreatedApiKey, useApiKeys, useRevokeApiKey } from './api';
import { CreatedKeyModal } from './CreatedKeyModal';
import { CreateKeyModal } from './CreateKeyModal';

export function ApiKeysCard({ assistantId, onCreated }: { assistantId: string; onCreated: (key: CreatedApiKey) => void }) {
  const { t } = useTranslation('integration');
  const keys = useApiKeys(assistantId, true);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const revoke = useRevokeApiKey(assistantId);

  const createButton = (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)} data-testid="create-key">
      {t('keys.create')}
    </Button>
  );

  return (
    // The widget's tag builder links here ("create a publishable key first").
    <Card withBorder padding="lg" id="api-keys" style={{ scrollMarginBlockStart: 'calc(var(--app-shell-header-offset, 0px) + 16px)' }}>
      <Group justify="space-between" align="flex-start" mb="sm" wrap="wrap" gap="sm">
        <Stack gap={2} style={{ flex: 1, minWidth: 220 }}>
          <Title order={2} size="h4">
            {t('keys.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('keys.description')}
          </Text>
        </Stack>
        {createButton}
      </Group>

      {keys.isPending ? (
        <LoadingState />
      ) : keys.error ? (
        <ErrorState error={keys.error} onRetry={() => void keys.refetch()} />
      ) : keys.data.items.length === 0 ? (
        <EmptyState icon={<IconKey size={26} />} title={t('keys.emptyTitle')} description={t('keys.emptyDescription')} />
      ) : (
        <KeysTable items={keys.data.items} onRevoke={setRevoking} />
      )}

      <CreateKeyModal
        assistantId={assistantId}
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(key) => {
          setCreating(false);
          setCreated(key);
          onCreated(key);
        }}
      />
      <CreatedKeyModal created={created} onClose={() => setCreated(null)} />
      <ConfirmModal
        opened={revoking !== null}
        title={t('revoke.title')}
        confirmLabel={t('revoke.confirm')}
        loading={revoke.isPending}
        error={revoke.error}
        onClose={() => {
          setRevoking(null);
          revoke.reset();
        }}
        onConfirm={() => revoking && revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })}
      >
        {t('revoke.message', { name: revoking?.name ?? '' })}
      </ConfirmModal>
    </Card>
  );
}

function KeysTable({ items, onRevoke }: { items: ApiKey[]; onRevoke: (key: ApiKey) => void }) {
  const { t } = useTranslation('integration');
  const format = useFormat();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('keys.columns.name')}</Table.Th>
            <Table.Th>{t('keys.columns.kind')}</Table.Th>
            <Table.Th>{t('keys.columns.key')}</Table.Th>
            <Table.Th>{t('keys.columns.created')}</Table.Th>
            <Table.Th>{t('keys.columns.lastUsed')}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t('keys.columns.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((key) => (
            <Table.Tr key={key.id} data-testid="api-key-row">
              <Table.Td>
                <Text size="sm" fw={500}>
                  <span dir="auto">{key.name}</span>
                </Text>
              </Table.Td>
              <Table.Td>
                <KindBadge kind={key.kind} />
              </Table.Td>
              <Table.Td>
                <Code dir="ltr">{key.prefix}…</Code>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{format.date(key.createdAt)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" title={key.lastUsedAt ? format.dateTime(key.lastUsedAt) : undefined}>
                  {key.lastUsedAt ? format.relative(key.lastUsedAt) : t('keys.neverUsed')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Tooltip label={t('revoke.button')}>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('revoke.label', { name: key.name })}
                    onClick={() => onRevoke(key)}
                    data-testid="revoke-key"
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Tooltip>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function KindBadge({ kind }: { kind: ApiKey['kind'] }) {
  const { t } = useTranslation('integration');
  const color = kind === 'secret' ? 'grape' : 'teal';
  return (
    <Badge
      variant="light"
      color={color}
      // The light variant's tint behind its text is too strong for WCAG AA (teal: 4.4:1); shade 9 on shade 0 reads.
      styles={{ root: { color: `var(--mantine-color-${color}-9)`, backgroundColor: `var(--mantine-color-${color}-0)` } }}
    >
      {t(`kinds.${kind}`)}
    </Badge>
  );
}
