// The sources under an answer: each cited passage's number, document and page, opening the source panel.
import { Anchor, Group, Stack, Text } from '@mantine/core';
import type { Citation } from '@parley/contracts';
import { IconFileText } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';

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
          <li key={c.n}>
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
          </li>
        ))}
      </ol>
    </Stack>
  );
}
