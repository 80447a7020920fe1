// Add or change a model provider: a name, the OpenAI-compatible base URL (with the usual addresses of
// Ollama, LM Studio, vLLM and OpenAI one click away) and an optional API key, which is write-only.
import { Alert, Button, Checkbox, Group, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import type { Provider } from '@parley/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf, useErrorMessage } from '../../lib/errors';
import { type UpdateProviderBody, useSaveProvider } from './api';

const EXAMPLES = [
  { name: 'Ollama', baseUrl: 'http://localhost:11434/v1' },
  { name: 'LM Studio', baseUrl: 'http://localhost:1234/v1' },
  { name: 'vLLM', baseUrl: 'http://localhost:8000/v1' },
  { name: 'OpenAI', baseUrl: 'https://api.openai.com/v1' },
] as const;

/** `provider` null adds a new one; otherwise it is changed. */
export function ProviderModal({ opened, provider, onClose }: { opened: boolean; provider: Provider | null; onClose: () => void }) {
  const { t } = useTranslation('settings');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={provider ? t('providers.editTitle') : t('providers.addTitle')}
      size="lg"
      centered
      closeButtonProps={{ 'aria-label': t('common:actions.close') }}
    >
      {/* Mounted only while open, so each opening starts from the provider's current values. */}
      {opened && <ProviderForm provider={provider} onDone={onClose} />}
    </Modal>
  );
}

function ProviderForm({ provider, onDone }: { provider: Provider | null; onDone: () => void }) {
  const { t } = useTranslation('settings');
  const errorMessage = useErrorMessage();
  const [name, setName] = useState(provider?.name ?? '');
  const [baseUrl, setBaseUrl] = useState(provider?.baseUrl ?? '');
  const [apiKey, setApiKey] = useState('');
  const [removeKey, setRemoveKey] = useState(false);
  const save = useSaveProvider(provider?.id ?? null);
  const fields = fieldErrorsOf(save.error);
  const known = Boolean(fields.name || fields.baseUrl || fields.apiKey);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (provider) {
      // Only what changed is sent; an empty key field keeps the stored key.
      const body: UpdateProviderBody = {
        ...(name.trim() !== provider.name ? { name: name.trim() } : {}),
        ...(baseUrl.trim() !== provider.baseUrl ? { baseUrl: baseUrl.trim() } : {}),
        ...(apiKey ? { apiKey } : removeKey ? { apiKey: null } : {}),
      };
      save.mutate(body, { onSuccess: onDone });
    } else {
      save.mutate({ name: name.trim(), baseUrl: baseUrl.trim(), ...(apiKey ? { apiKey } : {}) }, { onSuccess: onDone });
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {save.error && !known ? (
          <Alert color="red" role="alert">
            {errorMessage(save.error)}
          </Alert>
        ) : null}
        <TextInput
          label={t('providers.fields.name')}
          description={t('providers.fields.nameHint')}
          required
          dir="auto"
          maxLength={80}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fields.name}
          data-testid="provider-name"
          data-autofocus
        />
        <Stack gap={6}>
          <TextInput
            label={t('providers.fields.baseUrl')}
            description={t('providers.fields.baseUrlHint')}
            required
            dir="ltr"
            type="url"
            inputMode="url"
            placeholder="http://localhost:11434/v1"
            value={baseUrl}
            onChange={(e) => setBaseUrl(e.currentTarget.value)}
            error={fields.baseUrl}
            data-testid="provider-base-url"
          />
          <Group gap={6} wrap="wrap" aria-label={t('providers.fields.examples')} role="group">
            <Text size="xs" c="dimmed">
              {t('providers.fields.examples')}
            </Text>
            {EXAMPLES.map((ex) => (
              <Button
                key={ex.name}
                size="compact-xs"
                variant="light"
                onClick={() => {
                  setBaseUrl(ex.baseUrl);
                  if (!name.trim()) setName(ex.name);
                }}
                title={ex.baseUrl}
              >
                {ex.name}
              </Button>
            ))}
          </Group>
        </Stack>
        <PasswordInput
          label={t('providers.fields.apiKey')}
          description={provider?.hasApiKey ? t('providers.fields.apiKeyKeep') : t('providers.fields.apiKeyHint')}
          dir="ltr"
          autoComplete="off"
          value={apiKey}
          onChange={(e) => setApiKey(e.currentTarget.value)}
          disabled={removeKey}
          error={fields.apiKey}
          data-testid="provider-api-key"
        />
        {provider?.hasApiKey && (
          <Checkbox
            label={t('providers.fields.removeKey')}
            checked={removeKey}
            onChange={(e) => {
              setRemoveKey(e.currentTarget.checked);
              if (e.currentTarget.checked) setApiKey('');
            }}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common:actions.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} disabled={!name.trim() || !baseUrl.trim()} data-testid="provider-save">
            {t('common:actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
