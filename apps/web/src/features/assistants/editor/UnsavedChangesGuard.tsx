// Asks before leaving the editor with unsaved changes: in-app navigation through react-router's
// blocker, closing or reloading the tab through the browser's own prompt.
import { Button, Group, Modal, Text } from '@mantine/core';
import { useEffect, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';

export function UnsavedChangesGuard({ when, bypass }: { when: boolean; bypass: RefObject<boolean> }) {
  const { t } = useTranslation('assistant');
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => when && !bypass.current && currentLocation.pathname !== nextLocation.pathname,
  );

  useEffect(() => {
    if (!when) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [when]);

  const blocked = blocker.state === 'blocked';
  return (
    <Modal
      opened={blocked}
      onClose={() => blocker.reset?.()}
      title={t('editor.leave.title')}
      centered
      closeButtonProps={{ 'aria-label': t('common:actions.close') }}
    >
      <Text size="sm">{t('editor.leave.body')}</Text>
      <Group justify="flex-end" mt="lg" gap="sm">
        <Button variant="default" onClick={() => blocker.reset?.()} data-autofocus data-testid="editor-leave-stay">
          {t('editor.leave.stay')}
        </Button>
        <Button color="red" onClick={() => blocker.proceed?.()} data-testid="editor-leave-discard">
          {t('editor.leave.leave')}
        </Button>
      </Group>
    </Modal>
  );
}
