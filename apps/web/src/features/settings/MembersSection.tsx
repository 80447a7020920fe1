// The organization's members: roles (owners change them), removing members (owners and admins; only
// owners remove owners), leaving it yourself; and, for owners and admins, invitations.
import { ActionIcon, Alert, Badge, Button, Card, Group, Select, Stack, Table, Text, Title, Tooltip, VisuallyHidden } from '@mantine/core';
import type { Role } from '@parley/contracts';
import { IconDoorExit, IconUserMinus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState, LoadingState } from '../../components/states';
import { useErrorMessage } from '../../lib/errors';
import { useFormat } from '../../lib/format';
import { useActiveOrganization, useMe, useSwitchOrganization } from '../auth/session';
import { type Member, useChangeRole, useMembers, useRemoveMember } from './api';
import { ConfirmModal } from '../../components/ConfirmModal';
import { InvitationsCard } from './InvitationsCard';

const ROLES: Role[] = ['owner', 'admin', 'member'];

export function MembersSection() {
  const { organization, canManage } = useActiveOrganization();
  if (!organization) return <LoadingState />;
  return (
    <Stack>
      <MembersCard orgId={organization.id} personal={organization.personal} callerRole={organization.role} />
      {canManage && <InvitationsCard orgId={organization.id} />}
    </Stack>
  );
}

function MembersCard({ orgId, personal, callerRole }: { orgId: string; personal: boolean; callerRole: Role }) {
  const { t } = useTranslation('settings');
  const errorMessage = useErrorMessage();
  const format = useFormat();
  const me = useMe();
  const members = useMembers(orgId);
  const changeRole = useChangeRole(orgId);
  const remove = useRemoveMember(orgId);
  const switchTo = useSwitchOrganization();
  const navigate = useNavigate();
  const [removing, setRemoving] = useState<Member | null>(null);
  const myId = me.data?.user.id;
  const leaving = removing !== null && removing.userId === myId;
  const canRemove = (m: Member) => (callerRole === 'owner' || (callerRole === 'admin' && m.role !== 'owner')) && m.userId !== myId;
  const label = (m: Member) => m.name ?? m.email;

  const confirmRemove = () => {
    if (!removing) return;
    remove.mutate(removing.userId, {
      onSuccess: () => {
        setRemoving(null);
        if (leaving) {
          // Out of this organization: carry on in the personal one.
          const personalOrg = me.data?.organizations.find((o) => o.personal);
          if (personalOrg) switchTo(personalOrg.id);
          void navigate('/');
        }
      },
    });
  };

  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('members.title')}
        </Title>
        {changeRole.error ? (
          <Alert color="red" role="alert" withCloseButton onClose={() => changeRole.reset()} closeButtonLabel={t('common:actions.close')}>
            {errorMessage(changeRole.error)}
          </Alert>
        ) : null}
        {members.isPending ? (
          <LoadingState />
        ) : members.error ? (
          <ErrorState error={members.error} onRetry={() => void members.refetch()} />
        ) : (
          <Table.ScrollContainer minWidth={600}>
            <Table verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('members.columns.person')}</Table.Th>
                  <Table.Th>{t('members.columns.role')}</Table.Th>
                  <Table.Th>{t('members.columns.joined')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('members.columns.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {members.data.items.map((m) => (
                  <Table.Tr key={m.userId} data-testid="member-row">
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Text size="sm" fw={500}>
                          {m.name ? <span dir="auto">{m.name}</span> : <span dir="ltr">{m.email}</span>}
                        </Text>
                        {m.userId === myId && (
                          <Badge size="xs" variant="light">
                            {t('members.you')}
                          </Badge>
                        )}
                      </Group>
                      {m.name && (
                        <Text size="xs">
                          <span dir="ltr">{m.email}</span>
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {callerRole === 'owner' ? (
                        <Select
                          aria-label={t('members.roleOf', { name: label(m) })}
                          size="xs"
                          w={140}
                          allowDeselect={false}
                          value={m.role}
                          data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                          onChange={(role) => role && role !== m.role && changeRole.mutate({ userId: m.userId, role: role as Role })}
                          disabled={changeRole.isPending}
                          data-testid="member-role"
                        />
                      ) : (
                        <Badge variant="light" color={m.role === 'member' ? 'gray' : 'indigo'}>
                          {t(`roles.${m.role}`)}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{format.date(m.joinedAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      {m.userId === myId && !personal ? (
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          leftSection={<IconDoorExit size={14} className="mirror-rtl" aria-hidden />}
                          onClick={() => setRemoving(m)}
                          data-testid="member-leave"
                        >
                          {t('members.leave')}
                        </Button>
                      ) : canRemove(m) ? (
                        <Tooltip label={t('members.remove')}>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={t('members.removeLabel', { name: label(m) })}
                            onClick={() => setRemoving(m)}
                            data-testid="member-remove"
                          >
                            <IconUserMinus size={16} aria-hidden />
                          </ActionIcon>
                        </Tooltip>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <ConfirmModal
        opened={removing !== null}
        title={leaving ? t('members.leaveTitle') : t('members.removeTitle')}
        confirmLabel={leaving ? t('members.leave') : t('members.remove')}
        loading={remove.isPending}
        error={remove.error}
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
        onConfirm={confirmRemove}
      >
        {leaving ? t('members.leaveMessage') : t('members.removeMessage', { name: removing ? label(removing) : '' })}
      </ConfirmModal>
    </Card>
  );
}
