// The sources under an answer: each cited passage's number, document and page, opening the source panel;
// a source that came from a web page also links to that page.
import { ActionIcon, Anchor, Group, Stack, Text, Tooltip } from '@mantine/core';
import type { Citation } from '@parley/contracts';
import { IconExternalLink, IconFileText } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';

/** The citation's web page when it is one a browser may open (http or https only: never a javascript: link). */
export function webPageOf(citation: Citation): string | null {
  const url = citation.url;
  return url && /^https?:\/\//i.test(url) ? url : null;
}

export function SourcesList({ citations, onOpen }: { citations: Citation[]; onOpen: (n: number) => void }) {
  const { t } = useTranslation('chat');
  const format = useFormat();
  const sorted = [...citations].sort((a, b) => a.n - b.n);
  return (
    <Stack gap={2} data-testid="message-sources">
      <Text size="xs" fw={700} c="gray.7">
        {t('citations.sources', { count: citations.length })}
      </Text>
      <ol style={{ margin: 0, paddingInlineStart: 0, listStyle: 'none' }}>
        {sorted.map((c) => (
          <li key={c.n} style={{ display: 'flex', alignItems: 'center', gap: 2 }}>
            <Anchor
              component="button"
              type="button"
              size="sm"
              c="indigo.9"
              onClick={() => onOpen(c.n)}
              data-testid="citation-source"
              data-n={c.n}
            >
              <Group gap={6} wrap="nowrap" component="span">
                <IconFileText size={14} aria-hidden style={{ flexShrink: 0 }} />
                <span aria-hidden>[{format.number(c.n)}]</span>
                <span dir="auto">{c.documentTitle}</span>
                {c.page !== null && <span>· {t('citations.page', { page: format.number(c.page) })}</span>}
              </Group>
            </Anchor>
            <WebPageLink citation={c} />
          </li>
        ))}
      </ol>
    </Stack>
  );
}

function WebPageLink({ citation }: { citation: Citation }) {
  const { t } = useTranslation('chat');
  const url = webPageOf(citation);
  if (!url) return null;
  return (
    <Tooltip withinPortal={false} label={t('citations.openPage')} withArrow>
      <ActionIcon
        component="a"
        href={url}
        target="_blank"
        rel="noopener noreferrer"
        variant="subtle"
        color="indigo.9"
        size="sm"
        aria-label={t('citations.openPageOf', { title: citation.documentTitle })}
        data-testid="citation-source-link"
      >
        <IconExternalLink size={14} aria-hidden />
      </ActionIcon>
    </Tooltip>
  );
}
