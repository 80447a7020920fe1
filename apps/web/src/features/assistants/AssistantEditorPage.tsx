// /assistants/:assistantId/settings: every setting of an assistant in sections, saved together with one
// button as a PATCH of what changed. Members see the settings read-only; leaving with unsaved changes asks first.
import { Alert, Code, List, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconLock } from '@tabler/icons-react';
import { useRef, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useDocumentTitle } from '../../components/PageHeader';
import { fieldErrorsOf, useErrorMessage } from '../../lib/errors';
import { useActiveOrganization } from '../auth/session';
import { useUpdateAssistant } from './api';
import { useCurrentAssistant } from './AssistantLayout';
import { BasicsSection } from './editor/BasicsSection';
import { DangerZone } from './editor/DangerZone';
import { unshownErrors } from './editor/field-paths';
import { GenerationSection } from './editor/GenerationSection';
import { InstructionsSection } from './editor/InstructionsSection';
import { ModelSection } from './editor/ModelSection';
import { RetrievalSection } from './editor/RetrievalSection';
import { SaveBar } from './editor/SaveBar';
import { UnsavedChangesGuard } from './editor/UnsavedChangesGuard';
import { useAssistantDraft } from './editor/use-assistant-draft';

export function AssistantEditorPage() {
  const { t } = useTranslation('assistant');
  const errorMessage = useErrorMessage();
  const assistant = useCurrentAssistant();
  const { canManage } = useActiveOrganization();
  const navigate = useNavigate();
  const update = useUpdateAssistant(assistant.id);
  const { draft, patch, dirty, setField, setGeneration, setRetrieval, discard, markSaved } = useAssistantDraft(assistant);
  // Set once the assistant is deleted, so leaving for the dashboard is not held up by unsaved changes.
  const leaving = useRef(false);
  useDocumentTitle(`${t('editor.documentTitle')} · ${assistant.name}`);

  const readOnly = !canManage;
  const errors = fieldErrorsOf(update.error);
  const hasFieldErrors = Object.keys(errors).length > 0;
  const unshown = unshownErrors(errors, draft);
  const sectionProps = { draft, setField, setGeneration, setRetrieval, errors, readOnly };

  const save = (e: FormEvent) => {
    e.preventDefault();
    if (!dirty || readOnly) return;
    update.mutate(patch, {
      onSuccess: (saved) => {
        markSaved(saved);
        notifications.show({ color: 'green', message: t('editor.savedNotice'), autoClose: 3000 });
      },
    });
  };

  return (
    <form onSubmit={save} noValidate data-testid="assistant-editor">
      <Stack gap="lg">
        {readOnly && (
          <Alert variant="light" color="gray" icon={<IconLock aria-hidden />} data-testid="editor-read-only">
            {t('editor.readOnly')}
          </Alert>
        )}
        <BasicsSection {...sectionProps} />
        <InstructionsSection {...sectionProps} />
        <ModelSection {...sectionProps} />
        <GenerationSection {...sectionProps} />
        <RetrievalSection {...sectionProps} />
        {canManage && (
          <DangerZone
            assistant={assistant}
            onDeleted={() => {
              leaving.current = true;
              void navigate('/', { replace: true });
            }}
          />
        )}
      </Stack>
      {canManage && (
        <Stack gap="xs" mt="lg">
          {update.error && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert" data-testid="editor-save-error">
              {hasFieldErrors ? t('editor.fieldErrors') : errorMessage(update.error)}
              {unshown.length > 0 && (
                <List size="sm" mt={4}>
                  {unshown.map(([path, message]) => (
                    <List.Item key={path}>
                      <Code dir="ltr">{path}</Code> {message}
                    </List.Item>
                  ))}
                </List>
              )}
            </Alert>
          )}
        </Stack>
      )}
      {canManage && (
        <SaveBar
          dirty={dirty}
          saving={update.isPending}
          onDiscard={() => {
            discard();
            update.reset();
          }}
        />
      )}
      <UnsavedChangesGuard when={dirty && canManage} bypass={leaving} />
    </form>
  );
}
