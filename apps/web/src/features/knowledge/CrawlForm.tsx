// Add a web page, or a whole site crawled from it, within the server's bounds for depth and page count.
import { Alert, Button, Collapse, Group, NumberInput, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { crawlOptionsSchema } from '../../lib/contracts';
import { IconWorldWww } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf, useErrorMessage } from '../../lib/errors';
import { useFormat } from '../../lib/format';
import { useAddUrl } from './api';

const shape = crawlOptionsSchema.shape;
const bounds = {
  maxDepth: { min: shape.maxDepth.unwrap().minValue ?? 0, max: shape.maxDepth.unwrap().maxValue ?? 5 },
  maxPages: { min: shape.maxPages.unwrap().minValue ?? 1, max: shape.maxPages.unwrap().maxValue ?? 1000 },
};
const defaults = crawlOptionsSchema.parse({});
// Mantine's descriptions are a lighter gray than text needs for contrast (WCAG AA).
const readable = { description: { color: 'var(--mantine-color-gray-7)' } };

const clamp = (value: number | string, { min, max }: { min: number; max: number }, fallback: number) => {
  const n = typeof value === 'number' ? value : Number.parseInt(value, 10);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, Math.round(n))) : fallback;
};

export function CrawlForm({ assistantId }: { assistantId: string }) {
  const { t } = useTranslation('knowledge');
  const format = useFormat();
  const errorMessage = useErrorMessage();
  const addUrl = useAddUrl(assistantId);
  const [url, setUrl] = useState('');
  const [crawl, setCrawl] = useState(false);
  const [maxDepth, setMaxDepth] = useState<number | string>(defaults.maxDepth);
  const [maxPages, setMaxPages] = useState<number | string>(defaults.maxPages);
  const [sameSite, setSameSite] = useState(defaults.sameSite);
  const fields = fieldErrorsOf(addUrl.error);
  const generalError = addUrl.error && !Object.keys(fields).length;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      url: url.trim(),
      ...(crawl
        ? {
            crawl: {
              maxDepth: clamp(maxDepth, bounds.maxDepth, defaults.maxDepth),
              maxPages: clamp(maxPages, bounds.maxPages, defaults.maxPages),
              sameSite,
            },
          }
        : {}),
    };
    addUrl.mutate(body, {
      onSuccess: (document) => {
        setUrl('');
        notifications.show({
          color: document.deduplicated ? 'blue' : 'teal',
          message: document.deduplicated ? t('crawl.duplicate') : t(crawl ? 'crawl.addedSite' : 'crawl.added', { title: document.title }),
        });
      },
    });
  };

  const range = (b: { min: number; max: number }) => ({ min: format.number(b.min), max: format.number(b.max) });
  return (
    <form onSubmit={submit} noValidate data-testid="crawl-form">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('crawl.title')}
        </Title>
        <Text size="sm" c="gray.7">
          {t('crawl.description')}
        </Text>
        {generalError && (
          <Alert color="red" role="alert">
            {errorMessage(addUrl.error)}
          </Alert>
        )}
        <TextInput
          label={t('crawl.url')}
          type="url"
          dir="ltr"
          inputMode="url"
          autoComplete="url"
          placeholder="https://example.com/help"
          leftSection={<IconWorldWww size={16} aria-hidden />}
          required
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
          error={fields.url}
          name="url"
          data-testid="crawl-url-input"
        />
        <Switch
          label={t('crawl.includeLinks')}
          description={t('crawl.includeLinksDescription')}
          styles={readable}
          checked={crawl}
          onChange={(e) => setCrawl(e.currentTarget.checked)}
          data-testid="crawl-include-links"
        />
        <Collapse expanded={crawl}>
          <Stack gap="sm">
            <Group grow align="flex-start" wrap="wrap">
              <NumberInput
                label={t('crawl.maxDepth')}
                description={t('crawl.maxDepthDescription', range(bounds.maxDepth))}
                styles={readable}
                min={bounds.maxDepth.min}
                max={bounds.maxDepth.max}
                clampBehavior="strict"
                allowDecimal={false}
                value={maxDepth}
                onChange={setMaxDepth}
                error={fields['crawl.maxDepth']}
                miw={140}
                data-testid="crawl-max-depth"
              />
              <NumberInput
                label={t('crawl.maxPages')}
                description={t('crawl.maxPagesDescription', range(bounds.maxPages))}
                styles={readable}
                min={bounds.maxPages.min}
                max={bounds.maxPages.max}
                clampBehavior="strict"
                allowDecimal={false}
                value={maxPages}
                onChange={setMaxPages}
                error={fields['crawl.maxPages']}
                miw={140}
                data-testid="crawl-max-pages"
              />
            </Group>
            <Switch label={t('crawl.sameSite')} checked={sameSite} onChange={(e) => setSameSite(e.currentTarget.checked)} />
          </Stack>
        </Collapse>
        <Group>
          <Button type="submit" loading={addUrl.isPending} disabled={!url.trim()} data-testid="crawl-submit">
            {t(crawl ? 'crawl.submitSite' : 'crawl.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
