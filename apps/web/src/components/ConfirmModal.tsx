// The one "are you sure?" dialog for destructive actions (revoke a key, delete a provider, a folder or a
// conversation, remove a member). Cancel has the focus, so Enter never destroys by accident; a failure
// of the action shows inside the dialog so the person can retry or cancel.
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../lib/errors';

/** Mantine renders the dialog's title row as <header>, which would be a second banner landmark. */
export const MODAL_HEADER_NOT_A_BANNER = { header: { role: 'none' } };

export interface ConfirmModalProps {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  loading?: boolean;
  error?: unknown;
  confirmTestId?: string;
}

export function ConfirmModal({
  opened,
  title,
  children,
  confirmLabel,
  onConfirm,
  onClose,
  loading,
  error,
  confirmTestId,
}: ConfirmModalProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      centered
      closeButtonProps={{ 'aria-label': t('actions.close') }}
      attributes={MODAL_HEADER_NOT_A_BANNER}
    >
      <Stack>
        {typeof children === 'string' ? <Text size="sm">{children}</Text> : children}
        {error ? (
          <Alert color="red" role="alert">
            {errorMessage(error)}
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('actions.cancel')}
          </Button>
          <Button color="red" onClick={onConfirm} loading={loading} data-testid={confirmTestId ?? 'confirm-submit'}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
