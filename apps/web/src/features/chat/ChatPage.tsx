// /assistants/:assistantId/chat/:conversationId?: the playground and the conversations in one page. The
// conversation list sits on the start side (in a drawer on phones), the open conversation beside it. The
// answer streams live here, above the conversation's address, so a first message's answer survives the
// move to the conversation it created.
import { Drawer } from '@mantine/core';
import { useDisclosure, useMediaQuery, useViewportSize } from '@mantine/hooks';
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useDocumentTitle } from '../../components/PageHeader';
import { useCurrentAssistant } from '../assistants/AssistantLayout';
import { useConversation } from './api';
import classes from './chat.module.css';
import { useTitleText } from './conversation-title';
import { ConversationPane } from './ConversationPane';
import { ConversationSidebar } from './ConversationSidebar';
import { useChatStreams } from './use-chat-stream';

// Mantine's `sm` breakpoint: below it the list moves into a drawer.
const DESKTOP_QUERY = '(min-width: 48em)';
// Space kept under the chat for the page's own padding.
const BOTTOM_GAP = 16;
const MIN_HEIGHT = 420;

/** The chat fills the window below the assistant's header, so only the messages scroll. */
function useFillHeight(ref: RefObject<HTMLElement | null>): number {
  const { width, height } = useViewportSize();
  const [top, setTop] = useState(0);
  useLayoutEffect(() => {
    if (ref.current) setTop(ref.current.getBoundingClientRect().top + window.scrollY);
  }, [ref, width, height]);
  return Math.max(MIN_HEIGHT, (height || window.innerHeight) - top - BOTTOM_GAP);
}

export function ChatPage() {
  const { t } = useTranslation('chat');
  const assistant = useCurrentAssistant();
  const { conversationId } = useParams();
  const isDesktop = useMediaQuery(DESKTOP_QUERY, true, { getInitialValueInEffect: false });
  const [drawerOpened, drawer] = useDisclosure(false);
  const streams = useChatStreams();
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const layoutRef = useRef<HTMLDivElement>(null);
  const height = useFillHeight(layoutRef);
  const conversation = useConversation(conversationId);
  const titleText = useTitleText();
  useDocumentTitle(`${titleText(conversation.data)} · ${assistant.name}`);

  const onNavigate = () => {
    drawer.close();
    inputRef.current?.focus();
  };
  const sidebar = (
    <ConversationSidebar assistantId={assistant.id} activeId={conversationId} withHeading={isDesktop} onNavigate={onNavigate} />
  );

  return (
    <div ref={layoutRef} className={classes.layout} style={{ height }} data-testid="chat-page">
      {isDesktop ? (
        <aside className={classes.sidebar} aria-label={t('sidebar.title')}>
          {sidebar}
        </aside>
      ) : (
        <Drawer
          opened={drawerOpened}
          onClose={drawer.close}
          // Logical side: the start of the page, where the list sits on wide screens.
          position="left"
          size="85%"
          title={t('sidebar.title')}
          closeButtonProps={{ 'aria-label': t('common:actions.close') }}
          attributes={{ content: { 'data-testid': 'conversations-drawer' } }}
        >
          {sidebar}
        </Drawer>
      )}
      <ConversationPane
        assistant={assistant}
        conversationId={conversationId}
        streams={streams}
        inputRef={inputRef}
        onOpenSidebar={isDesktop ? undefined : drawer.open}
      />
    </div>
  );
}
