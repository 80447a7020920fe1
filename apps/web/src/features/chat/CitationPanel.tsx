// The source behind an answer's `[n]`: the document's title, the page when known, the web page it came
// from (a link), and the quoted passage; the answer's other sources below, one click away. A drawer on the
// end side of the page.
import { Anchor, Badge, Button, Drawer, Group, Stack, Text, Title } from '@mantine/core';
import type { Citation } from '@parley/contracts';
import { IconExternalLink, IconFileText } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import classes from './chat.module.css';
import { webPageOf } from './SourcesList';

export interface OpenCitation {
  citations: Citation[];
  n: number;
}

export function CitationPanel({
  open,
  onChange,
  onClose,
}: {
  open: OpenCitation | null;
  onChange: (n: number) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('chat');
  const format = useFormat();
  const citation = open?.citations.find((c) => c.n === open.n) ?? null;
  const others = open?.citations.filter((c) => c.n !== open.n) ?? [];
  const webPage = citation ? webPageOf(citation) : null;

  return (
    <Drawer
      opened={citation !== null}
      onClose={onClose}
      // Mantine's drawer sides are logical: "right" is the end side, on the left in right-to-left pages.
      position="right"
      size="md"
      title={citation ? t('citations.panelTitle', { n: format.number(citation.n) }) : ''}
      closeButtonProps={{ 'aria-label': t('common:actions.close') }}
      // Mantine draws the title row as a <header>, a second banner landmark beside the page's own.
      attributes={{ header: { role: 'none' }, content: { 'data-testid': 'citation-panel' } }}
    >
      {citation && (
        <Stack gap="md">
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <IconFileText size={20} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
            <Title order={3} size="h5" dir="auto" data-testid="citation-document">
              {citation.documentTitle}
            </Title>
          </Group>
          {citation.page !== null && (
            <Badge variant="light" color="gray" data-testid="citation-page" style={{ alignSelf: 'flex-start' }}>
              {t('citations.page', { page: format.number(citation.page) })}
            </Badge>
          )}
          {webPage && (
            <Stack gap={2}>
              <Anchor href={webPage} target="_blank" rel="noopener noreferrer" size="sm" c="indigo.9" data-testid="citation-link">
                <Group gap={4} wrap="nowrap" component="span">
                  <IconExternalLink size={14} aria-hidden style={{ flexShrink: 0 }} />
                  {t('citations.openPage')}
                </Group>
              </Anchor>
              {/* The address itself, so the reader sees where the link goes before following it. */}
              <Text size="xs" c="gray.7" style={{ overflowWrap: 'anywhere' }}>
                <span dir="ltr" data-testid="citation-url">
                  {webPage}
                </span>
              </Text>
            </Stack>
          )}
          <Stack gap={4}>
            <Text size="sm" fw={600} c="gray.7">
              {t('citations.quoteLabel')}
            </Text>
            <blockquote className={classes.quote} dir="auto" data-testid="citation-quote">
              {citation.quote}
            </blockquote>
          </Stack>
          {others.length > 0 && (
            <Stack gap={6}>
              <Title order={3} size="h6">
                {t('citations.others')}
              </Title>
              {others.map((c) => (
                <Button
                  key={c.n}
                  variant="subtle"
                  size="compact-sm"
                  justify="flex-start"
                  onClick={() => onChange(c.n)}
                  leftSection={<span aria-hidden>[{format.number(c.n)}]</span>}
                >
                  <span dir="auto">{c.documentTitle}</span>
                </Button>
              ))}
            </Stack>
          )}
        </Stack>
      )}
    </Drawer>
  );
}
