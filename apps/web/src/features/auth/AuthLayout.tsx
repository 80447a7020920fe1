// The frame of the signed-out pages: the product name, a language picker, and one card.
import { Anchor, Box, Container, Group, Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguagePicker } from '../../components/LanguagePicker';
import { useDocumentTitle } from '../../components/PageHeader';
import { Logo } from '../../components/Logo';

export function AuthLayout({
  title,
  subtitle,
  children,
  footer,
}: {
  title: string;
  subtitle?: string;
  children: ReactNode;
  footer?: ReactNode;
}) {
  const { t } = useTranslation();
  useDocumentTitle(title);
  return (
    <Box mih="100vh" bg="var(--mantine-color-gray-0)" py="xl" component="main">
      <Container size={440}>
        <Group justify="space-between" mb="xl">
          <Anchor href="/" underline="never" aria-label="Parley">
            <Logo />
          </Anchor>
          <LanguagePicker />
        </Group>
        <Title order={1} size="h2" ta="center">
          {title}
        </Title>
        {subtitle && (
          <Text c="dimmed" size="sm" ta="center" mt={5}>
            {subtitle}
          </Text>
        )}
        <Paper withBorder shadow="sm" p="xl" mt="lg" radius="md">
          {children}
        </Paper>
        {footer && (
          <Text ta="center" size="sm" mt="md">
            {footer}
          </Text>
        )}
        <Text ta="center" size="xs" c="dimmed" mt="xl">
          {t('tagline')}
        </Text>
      </Container>
    </Box>
  );
}
