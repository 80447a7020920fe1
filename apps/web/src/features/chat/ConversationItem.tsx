// One conversation in the sidebar: its title (and, in search results, the matching text) as a link,
// with its menu beside it.
import { Highlight } from '@mantine/core';
import type { Folder } from '@parley/contracts';
import { IconArchive, IconPinFilled } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ConversationListItem } from './api';
import classes from './chat.module.css';
import { ConversationMenu } from './ConversationMenu';
import { useTitleText } from './conversation-title';

interface ConversationItemProps {
  conversation: ConversationListItem;
  folders: Folder[];
  active: boolean;
  /** The search words, marked in the snippet. */
  highlight?: string[];
  onOpen?: () => void;
}

export function ConversationItem({ conversation, folders, active, highlight = [], onOpen }: ConversationItemProps) {
  const { t } = useTranslation('chat');
  const titleText = useTitleText();
  return (
    <li
      className={classes.item}
      data-active={active}
      data-testid="conversation-item"
      data-conversation-id={conversation.id}
      data-pinned={conversation.pinned}
      data-archived={conversation.archived}
    >
      <Link
        to={`/assistants/${conversation.assistantId}/chat/${conversation.id}`}
        className={classes.itemLink}
        aria-current={active ? 'page' : undefined}
        onClick={onOpen}
      >
        <span className={classes.itemTitle}>
          {conversation.pinned && (
            <IconPinFilled
              size={12}
              aria-label={t('sidebar.pinnedIcon')}
              role="img"
              style={{ marginInlineEnd: 4, verticalAlign: 'middle' }}
            />
          )}
          {conversation.archived && (
            <IconArchive
              size={12}
              aria-label={t('sidebar.archivedIcon')}
              role="img"
              style={{ marginInlineEnd: 4, verticalAlign: 'middle' }}
            />
          )}
          <span dir="auto" data-testid="conversation-title">
            {titleText(conversation)}
          </span>
        </span>
        {conversation.snippet && (
          <Highlight component="span" highlight={highlight} className={classes.snippet} dir="auto" data-testid="conversation-snippet">
            {conversation.snippet}
          </Highlight>
        )}
      </Link>
      <ConversationMenu conversation={conversation} folders={folders} active={active} />
    </li>
  );
}
