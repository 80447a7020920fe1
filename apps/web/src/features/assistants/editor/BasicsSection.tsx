// Editor section "Basics": the assistant's name, short name (slug), description and language.
import { SimpleGrid, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LanguageSelect } from '../LanguageSelect';
import { EditorSection, type SectionProps } from './EditorSection';

export function BasicsSection({ draft, setField, errors, readOnly }: SectionProps) {
  const { t } = useTranslation('assistant');
  return (
    <EditorSection id="basics" title={t('editor.basics.title')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          label={t('fields.name')}
          required
          dir="auto"
          maxLength={120}
          value={draft.name}
          onChange={(e) => setField('name', e.currentTarget.value)}
          error={errors.name}
          readOnly={readOnly}
          data-testid="editor-name"
        />
        <TextInput
          label={t('fields.slug')}
          description={t('fields.slugHint')}
          dir="ltr"
          maxLength={64}
          autoComplete="off"
          spellCheck={false}
          value={draft.slug}
          onChange={(e) => setField('slug', e.currentTarget.value.toLowerCase())}
          error={errors.slug}
          readOnly={readOnly}
          data-testid="editor-slug"
        />
      </SimpleGrid>
      <Textarea
        label={t('fields.description')}
        description={t('fields.descriptionHint')}
        dir="auto"
        autosize
        minRows={2}
        maxRows={6}
        maxLength={2000}
        value={draft.description}
        onChange={(e) => setField('description', e.currentTarget.value)}
        error={errors.description}
        readOnly={readOnly}
        data-testid="editor-description"
      />
      <LanguageSelect
        label={t('fields.language')}
        description={t('fields.languageHint')}
        value={draft.language}
        onChange={(code) => setField('language', code)}
        error={errors.language}
        readOnly={readOnly}
        maw={420}
        data-testid="editor-language"
      />
    </EditorSection>
  );
}
