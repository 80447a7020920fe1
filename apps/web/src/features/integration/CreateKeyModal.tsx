// The "create key" dialog: a name and a kind (secret for servers, publishable for the website widget,
// which may be limited to the sites allowed to use it), explained in plain words.
import { Alert, Button, Group, Input, Modal, SegmentedControl, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf, useErrorMessage } from '../../lib/errors';
import { type ApiKeyKind, type CreatedApiKey, useCreateApiKey } from './api';

export function CreateKeyModal({
  assistantId,
  opened,
  onClose,
  onCreated,
}: {
  assistantId: string;
  opened: boolean;
  onClose: () => void;
  onCreated: (key: CreatedApiKey) => void;
}) {
  const { t } = useTranslation('integration');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('create.title')}
      centered
      size="lg"
      closeButtonProps={{ 'aria-label': t('common:actions.close') }}
    >
      {/* Mounted only while open, so every opening starts from an empty form. */}
      {opened && <CreateKeyForm assistantId={assistantId} onCancel={onClose} onCreated={onCreated} />}
    </Modal>
  );
}

function CreateKeyForm({
  assistantId,
  onCancel,
  onCreated,
}: {
  assistantId: string;
  onCancel: () => void;
  onCreated: (key: CreatedApiKey) => void;
}) {
  const { t } = useTranslation('integration');
  const errorMessage = useErrorMessage();
  const kindLabelId = useId();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ApiKeyKind>('secret');
  const [origins, setOrigins] = useState<string[]>([]);
  const create = useCreateApiKey(assistantId);
  const fields = fieldErrorsOf(create.error);
  const originsError = Object.entries(fields).find(([path]) => path.startsWith('allowedOrigins'))?.[1];
  const known = Boolean(fields.name || originsError);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { name: name.trim(), kind, ...(kind === 'publishable' && origins.length ? { allowedOrigins: origins } : {}) },
      { onSuccess: onCreated },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {create.error && !known ? (
          <Alert color="red" role="alert">
            {errorMessage(create.error)}
          </Alert>
        ) : null}
        <TextInput
          label={t('create.name')}
          description={t('create.nameHint')}
          dir="auto"
          required
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fields.name}
          data-testid="key-name"
          data-autofocus
        />
        <Stack gap={6}>
          <Input.Label id={kindLabelId} required>
            {t('create.kind')}
          </Input.Label>
          <SegmentedControl
            aria-labelledby={kindLabelId}
            value={kind}
            onChange={(v) => setKind(v as ApiKeyKind)}
            data={[
              { value: 'secret', label: t('kinds.secret') },
              { value: 'publishable', label: t('kinds.publishable') },
            ]}
            fullWidth
            data-testid="key-kind"
          />
          <Text size="sm" c="dimmed" aria-live="polite">
            {kind === 'secret' ? t('create.secretExplained') : t('create.publishableExplained')}
          </Text>
        </Stack>
        {kind === 'publishable' && (
          <TagsInput
            label={t('create.origins')}
            description={t('create.originsHint')}
            placeholder="https://shop.example"
            dir="ltr"
            value={origins}
            onChange={setOrigins}
            maxTags={50}
            splitChars={[',', ' ']}
            clearable
            error={originsError}
            data-testid="key-origins"
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common:actions.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending} disabled={!name.trim()} data-testid="key-create-submit">
            {t('create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
