// Where a conversation came from, as a small badge: the website widget or a program with an API key
// (the same colours as the publishable and secret keys on the integration page); and the visitor's label
// kept in one piece inside translated sentences.
import { Badge } from '@mantine/core';
import type { ConversationSource } from '@parley/contracts';
import { IconApi, IconMessageChatbot } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export function SourceBadge({ source }: { source: ConversationSource }) {
  const { t } = useTranslation('inbox');
  const Icon = source === 'widget' ? IconMessageChatbot : IconApi;
  const color = source === 'widget' ? 'teal' : source === 'api' ? 'grape' : 'gray';
  return (
    <Badge
      variant="light"
      color={color}
      // The light variant's tint behind its text is too strong for WCAG AA (teal: 4.4:1); shade 9 on shade 0 reads.
      styles={{ root: { color: `var(--mantine-color-${color}-9)`, backgroundColor: `var(--mantine-color-${color}-0)`, flexShrink: 0 } }}
      leftSection={<Icon size={12} aria-hidden />}
      data-testid="inbox-source"
    >
      {t(`source.${source}`)}
    </Badge>
  );
}

/**
 * A left-to-right token (a visitor's label such as "-ncogAHg") isolated for a sentence in any direction:
 * without it, a leading "-" or "_" jumps to the other end of the token in a right-to-left sentence.
 */
export function isolated(token: string): string {
  return `\u2066${token}\u2069`;
}
