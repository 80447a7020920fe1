// A conversation with nothing in it yet: the assistant's name and description, and a few questions to
// start with, in the UI language.
import { Button, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { Assistant } from '@parley/contracts';
import { IconMessageCircleQuestion, IconRobot } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

const SAMPLES = ['helpWith', 'topics', 'summary'] as const;

export function EmptyChat({ assistant, onPick, disabled }: { assistant: Assistant; onPick: (prompt: string) => void; disabled: boolean }) {
  const { t } = useTranslation('chat');
  return (
    <Stack align="center" gap="sm" py="xl" ta="center" data-testid="chat-empty" style={{ margin: 'auto' }}>
      <ThemeIcon size={52} radius="xl" variant="light" aria-hidden>
        <IconRobot size={28} />
      </ThemeIcon>
      <Title order={3} size="h3" dir="auto">
        {assistant.name}
      </Title>
      <Text size="sm" c="gray.7" maw={480} dir="auto">
        {assistant.description || t('empty.description')}
      </Text>
      <Text size="sm" fw={600} mt="sm">
        {t('empty.try')}
      </Text>
      <Stack gap="xs" w="100%" maw={420}>
        {SAMPLES.map((key) => (
          <Button
            key={key}
            variant="default"
            justify="flex-start"
            leftSection={<IconMessageCircleQuestion size={16} aria-hidden />}
            onClick={() => onPick(t(`empty.samples.${key}`))}
            disabled={disabled}
            data-testid="sample-prompt"
            styles={{ label: { whiteSpace: 'normal', textAlign: 'start' } }}
            h="auto"
            py={8}
          >
            {t(`empty.samples.${key}`)}
          </Button>
        ))}
      </Stack>
    </Stack>
  );
}
