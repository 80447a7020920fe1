// The active organization: its name (owners and admins rename it), its short name, whether it is the
// personal one; and creating another organization, which then appears in the header's switcher.
import { Alert, Badge, Button, Card, Code, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import type { Organization } from '@parley/contracts';
import { IconBuildingPlus, IconCheck } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState, LoadingState } from '../../components/states';
import { fieldErrorsOf, useErrorMessage } from '../../lib/errors';
import { useActiveOrganization, useSwitchOrganization } from '../auth/session';
import { useCreateOrganization, useOrganization, useRenameOrganization } from './api';

export function OrganizationSection() {
  const { organization: active } = useActiveOrganization();
  const organization = useOrganization(active?.id);
  if (!active || organization.isPending) return <LoadingState />;
  if (organization.error) return <ErrorState error={organization.error} onRetry={() => void organization.refetch()} />;
  return (
    <Stack>
      {/* Keyed by id so switching organization starts the form from the other one's name. */}
      <OrganizationForm key={organization.data.id} organization={organization.data} />
      <CreateOrganization />
    </Stack>
  );
}

function OrganizationForm({ organization }: { organization: Organization }) {
  const { t } = useTranslation('settings');
  const errorMessage = useErrorMessage();
  const { canManage } = useActiveOrganization();
  const [name, setName] = useState(organization.name);
  const rename = useRenameOrganization(organization.id);
  const fields = fieldErrorsOf(rename.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    rename.mutate(name.trim());
  };
  return (
    <Card withBorder padding="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Group gap="xs">
            <Title order={2} size="h4">
              {t('organization.title')}
            </Title>
            {organization.personal && (
              <Badge variant="light" color="grape" data-testid="organization-personal">
                {t('organization.personalBadge')}
              </Badge>
            )}
            <Badge variant="light" color="gray">
              {t(`roles.${organization.role}`)}
            </Badge>
          </Group>
          {organization.personal && <Text size="sm">{t('organization.personalHint')}</Text>}
          {rename.error && !fields.name ? (
            <Alert color="red" role="alert">
              {errorMessage(rename.error)}
            </Alert>
          ) : null}
          <TextInput
            label={t('organization.name')}
            required
            dir="auto"
            maxLength={100}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            readOnly={!canManage}
            error={fields.name}
            data-testid="organization-name-input"
            maw={480}
          />
          <Text size="sm">
            {t('organization.slug')} <Code dir="ltr">{organization.slug}</Code>
          </Text>
          {canManage ? (
            <Group>
              <Button
                type="submit"
                loading={rename.isPending}
                disabled={!name.trim() || name.trim() === organization.name}
                data-testid="organization-save"
              >
                {t('common:actions.save')}
              </Button>
              {rename.isSuccess && (
                <Text size="sm" c="teal.8" role="status">
                  <IconCheck size={14} aria-hidden /> {t('common:actions.saved')}
                </Text>
              )}
            </Group>
          ) : (
            <Text size="sm">{t('organization.readOnly')}</Text>
          )}
        </Stack>
      </form>
    </Card>
  );
}

function CreateOrganization() {
  const { t } = useTranslation('settings');
  const errorMessage = useErrorMessage();
  const [name, setName] = useState('');
  const create = useCreateOrganization();
  const switchTo = useSwitchOrganization();
  const navigate = useNavigate();
  const fields = fieldErrorsOf(create.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(name.trim(), { onSuccess: () => setName('') });
  };
  return (
    <Card withBorder padding="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('organization.createTitle')}
          </Title>
          <Text size="sm">{t('organization.createHint')}</Text>
          {create.error && !fields.name ? (
            <Alert color="red" role="alert">
              {errorMessage(create.error)}
            </Alert>
          ) : null}
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label={t('organization.newName')}
              required
              dir="auto"
              maxLength={100}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={fields.name}
              data-testid="organization-create-name"
              style={{ flex: 1, minWidth: 220, maxWidth: 480 }}
            />
            <Button
              type="submit"
              leftSection={<IconBuildingPlus size={16} aria-hidden />}
              loading={create.isPending}
              disabled={!name.trim()}
              data-testid="organization-create"
            >
              {t('organization.create')}
            </Button>
          </Group>
          {create.data && (
            <Alert color="teal" variant="light" role="status" data-testid="organization-created">
              <Group justify="space-between" wrap="wrap" gap="sm">
                <Text size="sm">
                  {t('organization.created')}{' '}
                  <Text span fw={600} dir="auto">
                    {create.data.name}
                  </Text>
                </Text>
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => {
                    switchTo(create.data.id);
                    void navigate('/');
                  }}
                  data-testid="organization-switch"
                >
                  {t('organization.switch')}
                </Button>
              </Group>
            </Alert>
          )}
        </Stack>
      </form>
    </Card>
  );
}
