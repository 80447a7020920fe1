// The website widget's settings on the assistant: the "Powered by Parley" line, the greeting, the accent
// colour and whether sources link to their web pages. Owners and admins change them (only the changed
// fields are sent); members see them read-only.
import { Alert, Button, Card, ColorInput, Group, Stack, Switch, Text, Textarea, Title } from '@mantine/core';
import type { Assistant } from '@parley/contracts';
import { IconCheck } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf, useErrorMessage } from '../../lib/errors';
import { useUpdateAssistant } from '../assistants/api';
import classes from './integration.module.css';
import { draftOf, GREETING_MAX_CHARS, isValidColor, widgetChanges, type WidgetDraft } from './widget-settings-draft';

// A few accents that keep white text readable on them (the launcher's icon is drawn on the accent).
const SWATCHES = ['#1c7ed6', '#1971c2', '#5f3dc4', '#9c36b5', '#c2255c', '#e03131', '#d9480f', '#2b8a3e', '#087f5b', '#343a40'];

export function WidgetSettingsCard({ assistant, canManage }: { assistant: Assistant; canManage: boolean }) {
  const { t } = useTranslation('integration');
  const errorMessage = useErrorMessage();
  const update = useUpdateAssistant(assistant.id);
  const saved = assistant.widget;
  const [draft, setDraft] = useState<WidgetDraft>(() => draftOf(saved));
  const changes = widgetChanges(saved, draft);
  const dirty = Object.keys(changes).length > 0;
  const colorValid = isValidColor(draft.color);
  const fields = fieldErrorsOf(update.error);
  const known = Boolean(fields['widget.greeting'] || fields['widget.color']);
  const set = <K extends keyof WidgetDraft>(key: K, value: WidgetDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (update.isSuccess) update.reset();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!dirty || !colorValid) return;
    update.mutate(
      { widget: changes },
      // The saved settings now match the draft; the server's own spelling (trimmed, lower case) is shown.
      { onSuccess: (next) => setDraft(draftOf(next.widget)) },
    );
  };

  return (
    <Card withBorder padding="lg" data-testid="widget-settings">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Stack gap={2}>
            <Title order={2} size="h4">
              {t('widget.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('widget.description')}
            </Text>
          </Stack>
          {!canManage && (
            <Text size="sm" c="gray.7" data-testid="widget-settings-read-only">
              {t('widget.membersNote')}
            </Text>
          )}
          {update.error && !known ? (
            <Alert color="red" role="alert">
              {errorMessage(update.error)}
            </Alert>
          ) : null}

          <Switch
            label={t('widget.branding')}
            description={t('widget.brandingHint')}
            checked={draft.showBranding}
            onChange={(e) => set('showBranding', e.currentTarget.checked)}
            disabled={!canManage}
            error={fields['widget.showBranding']}
            data-testid="widget-branding-switch"
          />
          <Textarea
            label={t('widget.greeting')}
            description={t('widget.greetingHint')}
            placeholder={t('widget.greetingPlaceholder')}
            value={draft.greeting}
            onChange={(e) => set('greeting', e.currentTarget.value)}
            maxLength={GREETING_MAX_CHARS}
            autosize
            minRows={2}
            maxRows={6}
            dir="auto"
            classNames={{ input: classes.autoDirInput }}
            disabled={!canManage}
            error={fields['widget.greeting']}
            data-testid="widget-greeting"
          />
          <ColorInput
            label={t('widget.color')}
            description={t('widget.colorHint')}
            placeholder={t('widget.colorPlaceholder')}
            format="hex"
            // Kept as typed on leaving the field: a wrong value shows its error instead of silently reverting
            // (Mantine's revert also raced a quick Tab and dropped a value just typed).
            fixOnBlur={false}
            swatches={SWATCHES}
            swatchesPerRow={10}
            eyeDropperButtonProps={{ 'aria-label': t('widget.eyeDropper') }}
            value={draft.color}
            onChange={(value) => set('color', value)}
            dir="ltr"
            maw={420}
            disabled={!canManage}
            error={fields['widget.color'] ?? (colorValid ? undefined : t('widget.colorInvalid'))}
            data-testid="widget-color"
          />
          <Switch
            label={t('widget.sourceLinks')}
            description={t('widget.sourceLinksHint')}
            checked={draft.sourceLinks}
            onChange={(e) => set('sourceLinks', e.currentTarget.checked)}
            disabled={!canManage}
            error={fields['widget.sourceLinks']}
            data-testid="widget-links-switch"
          />

          {canManage && (
            <Group justify="flex-end" gap="sm">
              <Text size="sm" c="teal.9" aria-live="polite">
                {update.isSuccess && !dirty && (
                  <Group gap={4} component="span">
                    <IconCheck size={16} aria-hidden />
                    {t('common:actions.saved')}
                  </Group>
                )}
              </Text>
              <Button type="submit" loading={update.isPending} disabled={!dirty || !colorValid} data-testid="widget-save">
                {t('widget.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Card>
  );
}
