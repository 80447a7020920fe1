// The website widget's script tag, built from choices: which publishable key, the widget's language, its
// corner and whether it opens on load; the tag updates as they change. A key's full text exists on this
// page only right after it was created, so any other key appears as its first characters to replace. The
// sites allowed to use the key are shown beside it: the widget loads only on those.
import { Alert, Anchor, Card, Code, Input, Select, SegmentedControl, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconBook, IconInfoCircle, IconKey } from '@tabler/icons-react';
import { useId, useMemo, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../i18n/languages';
import { type ApiKey, useApiKeys, useWidgetAvailable } from './api';
import { CodeBlock } from './CodeBlock';
import classes from './integration.module.css';
import { buildWidgetSnippet, keyStandIn, WIDGET_POSITIONS, type WidgetPosition } from './snippets';

/** Where the widget's guide lives in Parley's source (no copy of it is served by the instance). */
const WIDGET_GUIDE_PATH = 'docs/widget.md';
const AUTO = 'auto';

export interface FreshKey {
  id: string;
  key: string;
}

export function WidgetSnippetCard({
  assistantId,
  slug,
  canManage,
  freshKey,
}: {
  assistantId: string;
  slug: string;
  canManage: boolean;
  /** The publishable key created on this page, the only one whose full text is known. */
  freshKey: FreshKey | null;
}) {
  const { t } = useTranslation('integration');
  const positionLabelId = useId();
  const available = useWidgetAvailable();
  // Members may not list keys (the server refuses them): they get the placeholder.
  const keys = useApiKeys(assistantId, canManage);
  const publishable = useMemo(() => keys.data?.items.filter((k) => k.kind === 'publishable') ?? [], [keys.data]);
  // A choice counts until another key is created: the new one is then the one to use.
  const [choice, setChoice] = useState<{ id: string; after: string | null } | null>(null);
  const [language, setLanguage] = useState<string>(AUTO);
  const [position, setPosition] = useState<WidgetPosition>('bottom-right');
  const [openOnLoad, setOpenOnLoad] = useState(false);

  const chosenId = choice && choice.after === (freshKey?.id ?? null) ? choice.id : (freshKey?.id ?? null);
  // Unless chosen, the newest key that some site may use (a key allowing none cannot load the widget).
  const selected =
    publishable.find((k) => k.id === chosenId) ?? publishable.find((k) => k.allowedOrigins.length > 0) ?? publishable[0] ?? null;
  const usesFresh = freshKey !== null && (selected === null || selected.id === freshKey.id);
  const keyText = usesFresh ? freshKey.key : selected ? keyStandIn(selected.prefix) : null;

  const snippet = buildWidgetSnippet({
    origin: window.location.origin,
    slug,
    publishableKey: keyText,
    language: language === AUTO ? null : language,
    position,
    openOnLoad,
  });

  let keyNote;
  if (!canManage) keyNote = <Text size="sm">{t('embed.keyMembers')}</Text>;
  else if (usesFresh) keyNote = <Text size="sm">{t('embed.keyFresh')}</Text>;
  else if (selected)
    keyNote = (
      <Text size="sm">
        {/* The stand-in isolated left to right: its "…" would jump to its start in a right-to-left sentence. */}
        {t('embed.keyReplace', { standIn: `\u2066${keyStandIn(selected.prefix)}\u2069` })}{' '}
        <Text span dir="auto" fw={600}>
          {selected.name}
        </Text>
      </Text>
    );
  else if (!keys.isPending)
    keyNote = (
      <Alert color="blue" variant="light" icon={<IconKey aria-hidden />} data-testid="widget-needs-key">
        <Text size="sm">
          {t('embed.keyNone')}{' '}
          <Anchor href="#api-keys" onClick={toKeysCard} size="sm" fw={600} c="indigo.9">
            {t('embed.keyNoneLink')}
          </Anchor>
        </Text>
      </Alert>
    );

  return (
    <Card withBorder padding="lg">
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={2} size="h4">
            {t('embed.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('embed.description')}
          </Text>
        </Stack>
        {available.data === false && (
          <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
            {t('embed.widgetLater')}
          </Alert>
        )}

        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          {canManage && publishable.length > 0 && (
            <Select
              label={t('embed.key')}
              data={publishable.map((k) => ({ value: k.id, label: `${k.name} · \u2066${keyStandIn(k.prefix)}\u2069` }))}
              // The key's name is the owner's words: its own direction, in the field and in the list.
              dir="auto"
              renderOption={({ option }) => <span dir="auto">{option.label}</span>}
              value={selected?.id ?? null}
              onChange={(id) => id && setChoice({ id, after: freshKey?.id ?? null })}
              allowDeselect={false}
              data-testid="widget-key-select"
            />
          )}
          <Select
            label={t('embed.language')}
            description={t('embed.languageHint')}
            data={[{ value: AUTO, label: t('embed.languageAuto') }, ...LANGUAGES.map((l) => ({ value: l.code, label: l.name }))]}
            value={language}
            onChange={(v) => v && setLanguage(v)}
            allowDeselect={false}
            data-testid="widget-language"
          />
          <Stack gap={4}>
            <Input.Label id={positionLabelId}>{t('embed.position')}</Input.Label>
            <SegmentedControl
              aria-labelledby={positionLabelId}
              value={position}
              onChange={(v) => setPosition(v as WidgetPosition)}
              data={WIDGET_POSITIONS.map((p) => ({ value: p, label: t(`embed.positions.${p}`) }))}
              data-testid="widget-position"
            />
          </Stack>
          <Switch
            label={t('embed.openOnLoad')}
            description={t('embed.openOnLoadHint')}
            checked={openOnLoad}
            onChange={(e) => setOpenOnLoad(e.currentTarget.checked)}
            style={{ alignSelf: 'center' }}
            data-testid="widget-open"
          />
        </SimpleGrid>

        {keyNote}
        <CodeBlock code={snippet} label="HTML" copyLabel={t('embed.copy')} testId="widget-snippet" copyTestId="copy-widget-snippet" wrap />
        <OriginsNote apiKey={selected} />
        <Text size="sm">
          <IconBook size={16} aria-hidden style={{ verticalAlign: 'text-bottom', marginInlineEnd: 4 }} />
          <Text span fw={600}>
            {t('embed.guide')}
          </Text>{' '}
          <Code dir="ltr">{WIDGET_GUIDE_PATH}</Code>: {t('embed.guideAbout')}
        </Text>
      </Stack>
    </Card>
  );
}

/** To the keys card, with the focus on its "create key" button (no change of address: the router keeps it). */
function toKeysCard(event: MouseEvent<HTMLAnchorElement>) {
  const card = document.getElementById('api-keys');
  if (!card) return;
  event.preventDefault();
  card.scrollIntoView({ behavior: 'smooth', block: 'start' });
  card.querySelector<HTMLElement>('[data-testid="create-key"]')?.focus({ preventScroll: true });
}

/** The sites the widget will load on with this key: its allowed origins, or a warning when it has none. */
function OriginsNote({ apiKey }: { apiKey: ApiKey | null }) {
  const { t } = useTranslation('integration');
  if (!apiKey) return <Text size="sm">{t('embed.originsGeneral')}</Text>;
  if (apiKey.allowedOrigins.length === 0)
    return (
      <Alert color="yellow" variant="light" icon={<IconAlertTriangle aria-hidden />} data-testid="widget-no-origins">
        <Text size="sm">{t('embed.originsNone')}</Text>
      </Alert>
    );
  return (
    <Stack gap={4} data-testid="widget-origins">
      <Text size="sm">{t('embed.originsList', { count: apiKey.allowedOrigins.length })}</Text>
      <ul className={classes.origins}>
        {apiKey.allowedOrigins.map((origin) => (
          <li key={origin}>
            <Code dir="ltr">{origin}</Code>
          </li>
        ))}
      </ul>
      <Text size="sm" c="gray.7">
        {t('embed.originsOther')}
      </Text>
    </Stack>
  );
}
