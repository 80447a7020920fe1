// The dashboard of an organization without assistants: what Parley does, in three steps, and the one
// button that starts the first one (or, for members, who can).
import { Badge, Card, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconMessageQuestion, IconRobot, IconSparkles, IconUpload } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import classes from './dashboard.module.css';

const steps = [
  { key: 'create', icon: IconRobot },
  { key: 'documents', icon: IconUpload },
  { key: 'ask', icon: IconMessageQuestion },
] as const;

export function GettingStarted({ action, organizationName }: { action: ReactNode | null; organizationName: string | null }) {
  const { t } = useTranslation('dashboard');
  const format = useFormat();
  return (
    <Paper withBorder radius="lg" p={{ base: 'md', sm: 'xl' }} data-testid="empty-state">
      <Stack align="center" ta="center" gap="xs" maw={560} mx="auto">
        <ThemeIcon size={56} radius="xl" variant="light" aria-hidden>
          <IconSparkles size={30} />
        </ThemeIcon>
        <Title order={2} size="h3">
          {t('welcome.title')}
        </Title>
        <Text>{t('welcome.description')}</Text>
      </Stack>
      <SimpleGrid component="ol" cols={{ base: 1, sm: 3 }} spacing="md" mt="xl" p={0} style={{ listStyle: 'none' }}>
        {steps.map(({ key, icon: Icon }, index) => (
          <li key={key}>
            <Card withBorder radius="md" padding="md" className={classes.step}>
              <Group gap="sm" wrap="nowrap" mb="xs">
                <Badge size="lg" circle variant="filled" aria-hidden>
                  {format.number(index + 1)}
                </Badge>
                <ThemeIcon variant="light" size="md" aria-hidden>
                  <Icon size={18} />
                </ThemeIcon>
              </Group>
              <Title order={3} size="h5">
                {t(`welcome.steps.${key}.title`)}
              </Title>
              <Text size="sm" mt={4}>
                {t(`welcome.steps.${key}.description`)}
              </Text>
            </Card>
          </li>
        ))}
      </SimpleGrid>
      <Stack align="center" mt="xl" gap="xs">
        {action ?? (
          <Text size="sm" ta="center" data-testid="ask-admin">
            {organizationName ? t('welcome.askAdmin', { organization: organizationName }) : t('welcome.askAdminGeneric')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
