// /assistants/new: the few things an assistant needs to start (name, language, tone, optionally a
// description and instructions); everything else has good defaults and lives in its settings. On success
// the next step is its knowledge: documents to answer from.
import { Alert, Button, Group, Paper, Stack, Text, TextInput, Textarea } from '@mantine/core';
import type { CreateAssistantBody } from '@parley/contracts';
import { assistantLanguages } from '@parley/contracts/limits';
import { IconArrowRight } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { fieldErrorsOf, useErrorMessage } from '../../lib/errors';
import { useActiveOrganization } from '../auth/session';
import { useCreateAssistant } from './api';
import { LanguageSelect } from './LanguageSelect';
import { TonePicker } from './TonePicker';
import type { Tone } from './tone-presets';

const FORM_FIELDS = ['name', 'description', 'language', 'tone', 'systemPrompt'];

/** The UI language when an assistant can speak it, so a Hebrew-speaking owner starts with a Hebrew assistant. */
function defaultLanguage(uiLanguage: string): string {
  return (assistantLanguages as readonly string[]).includes(uiLanguage) ? uiLanguage : 'en';
}

export function CreateAssistantPage() {
  const { t, i18n } = useTranslation('assistant');
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const { canManage, organization } = useActiveOrganization();
  const create = useCreateAssistant();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [language, setLanguage] = useState(() => defaultLanguage(i18n.language));
  const [tone, setTone] = useState<Tone>('friendly');
  const [systemPrompt, setSystemPrompt] = useState('');
  const [nameMissing, setNameMissing] = useState(false);

  const fields = fieldErrorsOf(create.error);
  // A field error this form has no field for (e.g. the derived slug) is shown in the general alert.
  const otherError = create.error && !Object.keys(fields).some((path) => FORM_FIELDS.includes(path));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setNameMissing(true);
      return;
    }
    const body: CreateAssistantBody = {
      name: name.trim(),
      description,
      language: language as CreateAssistantBody['language'],
      tone,
      systemPrompt,
    };
    create.mutate(body, { onSuccess: (a) => void navigate(`/assistants/${a.id}/knowledge`) });
  };

  return (
    <Stack maw={820} gap={0}>
      <PageHeader title={t('create.title')} description={t('create.description')} />
      {organization && !canManage && (
        <Alert color="yellow" variant="light" mb="md" data-testid="create-forbidden">
          {t('create.notAllowed')}
        </Alert>
      )}
      <form onSubmit={submit} noValidate data-testid="assistant-create-form">
        <Stack gap="lg">
          {otherError && (
            <Alert color="red" role="alert" data-testid="assistant-create-error">
              {errorMessage(create.error)}
            </Alert>
          )}
          <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md">
            <Stack>
              <TextInput
                label={t('fields.name')}
                description={t('fields.nameHint')}
                required
                dir="auto"
                maxLength={120}
                value={name}
                onChange={(e) => {
                  setName(e.currentTarget.value);
                  setNameMissing(false);
                }}
                error={fields.name ?? (nameMissing ? t('fields.nameRequired') : undefined)}
                data-testid="assistant-name"
                data-autofocus
                autoFocus
              />
              <Textarea
                label={t('fields.description')}
                description={t('fields.descriptionHint')}
                dir="auto"
                autosize
                minRows={2}
                maxRows={5}
                maxLength={2000}
                value={description}
                onChange={(e) => setDescription(e.currentTarget.value)}
                error={fields.description}
                data-testid="assistant-description"
              />
              <LanguageSelect
                label={t('fields.language')}
                description={t('fields.languageHint')}
                value={language}
                onChange={setLanguage}
                error={fields.language}
                maw={420}
                data-testid="assistant-language"
              />
            </Stack>
          </Paper>

          <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md">
            <TonePicker value={tone} onChange={setTone} label={t('fields.tone')} description={t('fields.toneHint')} />
            {fields.tone && (
              <Text c="red" size="sm" mt="xs">
                {fields.tone}
              </Text>
            )}
          </Paper>

          <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md">
            <Textarea
              label={t('fields.systemPromptOptional')}
              description={t('fields.systemPromptHint')}
              dir="auto"
              autosize
              minRows={4}
              maxRows={12}
              value={systemPrompt}
              onChange={(e) => setSystemPrompt(e.currentTarget.value)}
              error={fields.systemPrompt}
              data-testid="assistant-system-prompt"
            />
          </Paper>

          <Group justify="flex-end" gap="sm">
            <Button component={Link} to="/" variant="default">
              {t('common:actions.cancel')}
            </Button>
            <Button
              type="submit"
              loading={create.isPending}
              disabled={Boolean(organization) && !canManage}
              rightSection={<IconArrowRight size={16} className="mirror-rtl" aria-hidden />}
              data-testid="assistant-create-submit"
            >
              {t('create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
