// The new key, shown this once: Parley keeps only a fingerprint of it, so it must be copied now.
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CreatedApiKey } from './api';
import { CodeBlock } from './CodeBlock';

export function CreatedKeyModal({ created, onClose }: { created: CreatedApiKey | null; onClose: () => void }) {
  const { t } = useTranslation('integration');
  return (
    <Modal
      opened={created !== null}
      onClose={onClose}
      title={t('created.title')}
      closeButtonProps={{ 'aria-label': t('common:actions.close') }}
      centered
      size="lg"
      // A stray click outside must not lose a key that cannot be shown again.
      closeOnClickOutside={false}
    >
      {created && (
        <Stack>
          <Text size="sm">
            {t('created.intro')}{' '}
            <Text span fw={600} dir="auto">
              {created.name}
            </Text>
          </Text>
          <CodeBlock
            code={created.key}
            label={created.kind === 'secret' ? t('kinds.secret') : t('kinds.publishable')}
            copyLabel={t('created.copy')}
            testId="created-key"
            copyTestId="copy-created-key"
          />
          {/* No coloured Alert title: its text on the tinted background is too faint to read (WCAG AA). */}
          <Alert color="yellow" icon={<IconAlertTriangle aria-hidden />}>
            <Text size="sm" fw={700}>
              {t('created.onceTitle')}
            </Text>
            <Text size="sm">{t('created.once')}</Text>
          </Alert>
          {created.kind === 'secret' && <Text size="sm">{t('created.secretAdvice')}</Text>}
          <Group justify="flex-end">
            <Button onClick={onClose} data-testid="created-key-done">
              {t('created.done')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
