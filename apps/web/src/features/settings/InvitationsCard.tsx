// Inviting people (owners and admins): an email and a role give an invitation link to pass on (Parley
// also mails it when the server can send mail), and the pending invitations, each revocable.
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  CopyButton,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { IconCheck, IconCopy, IconMailForward, IconX } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingState } from '../../components/states';
import { fieldErrorsOf, useErrorMessage } from '../../lib/errors';
import { useFormat } from '../../lib/format';
import { type CreatedInvitation, type Invitation, useInvitations, useInvite, useRevokeInvitation } from './api';
import { ConfirmModal } from '../../components/ConfirmModal';

type InviteRole = 'admin' | 'member';

export function InvitationsCard({ orgId }: { orgId: string }) {
  const { t } = useTranslation('settings');
  return (
    <Card withBorder padding="lg">
      <Stack gap="md">
        <Title order={2} size="h4">
          {t('invitations.title')}
        </Title>
        <InviteForm orgId={orgId} />
        <Title order={3} size="h5">
          {t('invitations.pending')}
        </Title>
        <PendingInvitations orgId={orgId} />
      </Stack>
    </Card>
  );
}

function InviteForm({ orgId }: { orgId: string }) {
  const { t } = useTranslation('settings');
  const errorMessage = useErrorMessage();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<InviteRole>('member');
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const invite = useInvite(orgId);
  const fields = fieldErrorsOf(invite.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setCreated(null);
    invite.mutate(
      { email: email.trim(), role },
      {
        onSuccess: (invitation) => {
          setCreated(invitation);
          setEmail('');
        },
      },
    );
  };
  return (
    <Stack gap="sm">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {invite.error && !fields.email && !fields.role ? (
            <Alert color="red" role="alert">
              {errorMessage(invite.error)}
            </Alert>
          ) : null}
          <Group align="flex-start" wrap="wrap">
            <TextInput
              label={t('invitations.email')}
              type="email"
              dir="ltr"
              autoComplete="off"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={fields.email}
              data-testid="invite-email"
              style={{ flex: 1, minWidth: 220 }}
            />
            <Select
              label={t('invitations.role')}
              allowDeselect={false}
              value={role}
              onChange={(v) => v && setRole(v as InviteRole)}
              data={[
                { value: 'member', label: t('roles.member') },
                { value: 'admin', label: t('roles.admin') },
              ]}
              error={fields.role}
              data-testid="invite-role"
              w={{ base: '100%', xs: 160 }}
            />
          </Group>
          <Text size="sm">{t('invitations.rolesHint')}</Text>
          <Group>
            <Button
              type="submit"
              leftSection={<IconMailForward size={16} className="mirror-rtl" aria-hidden />}
              loading={invite.isPending}
              disabled={!email.trim()}
              data-testid="invite-submit"
            >
              {t('invitations.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
      {created && (
        <Alert color="teal" variant="light" role="status" data-testid="invite-result">
          <Stack gap="xs">
            <Text size="sm">
              {created.emailSent ? t('invitations.emailSent') : t('invitations.emailNotSent')} <span dir="ltr">{created.email}</span>
            </Text>
            <Group gap="xs" wrap="nowrap" align="flex-end">
              <TextInput
                label={t('invitations.link')}
                readOnly
                dir="ltr"
                value={created.inviteUrl}
                onFocus={(e) => e.currentTarget.select()}
                data-testid="invite-link"
                style={{ flex: 1, minWidth: 0 }}
              />
              <CopyButton value={created.inviteUrl}>
                {({ copied, copy }) => (
                  <Tooltip label={copied ? t('common:actions.copied') : t('common:actions.copy')}>
                    <ActionIcon
                      size="lg"
                      variant="light"
                      color={copied ? 'teal' : undefined}
                      onClick={copy}
                      aria-label={copied ? t('common:actions.copied') : t('invitations.copyLink')}
                      data-testid="copy-invite-link"
                    >
                      {copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
                    </ActionIcon>
                  </Tooltip>
                )}
              </CopyButton>
            </Group>
            <Text size="xs">{t('invitations.linkOnce')}</Text>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}

function PendingInvitations({ orgId }: { orgId: string }) {
  const { t } = useTranslation('settings');
  const format = useFormat();
  const invitations = useInvitations(orgId, true);
  const revoke = useRevokeInvitation(orgId);
  const [revoking, setRevoking] = useState<Invitation | null>(null);

  if (invitations.isPending) return <LoadingState />;
  if (invitations.error) return <ErrorState error={invitations.error} onRetry={() => void invitations.refetch()} />;
  const pending = invitations.data.items.filter((i) => i.status === 'pending');
  if (pending.length === 0) return <Text size="sm">{t('invitations.none')}</Text>;
  return (
    <>
      <Table.ScrollContainer minWidth={520}>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('invitations.email')}</Table.Th>
              <Table.Th>{t('invitations.role')}</Table.Th>
              <Table.Th>{t('invitations.expires')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('members.columns.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {pending.map((inv) => (
              <Table.Tr key={inv.id} data-testid="invitation-row">
                <Table.Td>
                  <Text size="sm">
                    <span dir="ltr">{inv.email}</span>
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color="gray">
                    {t(`roles.${inv.role}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" title={format.dateTime(inv.expiresAt)}>
                    {format.relative(inv.expiresAt)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Tooltip label={t('invitations.revoke')}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('invitations.revokeLabel', { email: inv.email })}
                      onClick={() => setRevoking(inv)}
                      data-testid="invitation-revoke"
                    >
                      <IconX size={16} aria-hidden />
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmModal
        opened={revoking !== null}
        title={t('invitations.revokeTitle')}
        confirmLabel={t('invitations.revoke')}
        loading={revoke.isPending}
        error={revoke.error}
        onClose={() => {
          setRevoking(null);
          revoke.reset();
        }}
        onConfirm={() => revoking && revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })}
      >
        {t('invitations.revokeMessage', { email: revoking?.email ?? '' })}
      </ConfirmModal>
    </>
  );
}
