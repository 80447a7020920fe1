// The editor's one save button, kept in view at the bottom of the page, with the unsaved-changes
// indicator and a way to throw the changes away.
import { Button, Group, Paper, Text } from '@mantine/core';
import { IconCircleCheck, IconPointFilled } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import classes from './editor.module.css';

export function SaveBar({ dirty, saving, onDiscard }: { dirty: boolean; saving: boolean; onDiscard: () => void }) {
  const { t } = useTranslation('assistant');
  return (
    <Paper className={classes.saveBar} withBorder shadow={dirty ? 'md' : undefined} p="sm" radius="md" data-testid="editor-save-bar">
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Group gap={6} wrap="nowrap" aria-live="polite">
          {dirty ? (
            <>
              <IconPointFilled size={16} color="var(--mantine-color-orange-7)" aria-hidden />
              <Text size="sm" fw={600} data-testid="editor-unsaved">
                {t('editor.unsaved')}
              </Text>
            </>
          ) : (
            <>
              <IconCircleCheck size={16} color="var(--mantine-color-green-8)" aria-hidden />
              <Text size="sm">{t('editor.allSaved')}</Text>
            </>
          )}
        </Group>
        <Group gap="xs">
          {dirty && (
            <Button variant="default" onClick={onDiscard} disabled={saving} data-testid="editor-discard">
              {t('editor.discard')}
            </Button>
          )}
          <Button type="submit" disabled={!dirty} loading={saving} data-testid="editor-save">
            {t('editor.save')}
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}
