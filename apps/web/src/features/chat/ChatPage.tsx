// /assistants/:assistantId/chat/:conversationId?: the playground and the conversations in one page. The
// conversation list sits on the start side (in a drawer on phones), the open conversation beside it. The
// answer streams live here, above the conversation's address, so a first message's answer survives the
// move to the conversation it created.
import { Drawer } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useLayoutEffect, useRef, useState, type CSSProperties, type RefObject } from 'react';
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
import { useIsDesktop } from './use-is-desktop';

/**
 * Where the chat starts on the page. The chat fills the window below it (chat.module.css, .layout), so only
 * the messages scroll. Measured again when anything above it (the assistant's header) or the window
 * changes size.
 */
function useTopOffset(ref: RefObject<HTMLElement | null>): number {
  const [top, setTop] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setTop(Math.round(element.getBoundingClientRect().top + window.scrollY));
    measure();
    const observer = new ResizeObserver(measure);
    for (let above = element.previousElementSibling; above; above = above.previousElementSibling) observer.observe(above);
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [ref]);
  return top;
}

export function ChatPage() {
  const { t } = useTranslation('chat');
  const assistant = useCurrentAssistant();
  const { conversationId } = useParams();
  const isDesktop = useIsDesktop();
  const [drawerOpened, drawer] = useDisclosure(false);
  const streams = useChatStreams();
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const layoutRef = useRef<HTMLDivElement>(null);
  const top = useTopOffset(layoutRef);
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
    <div ref={layoutRef} className={classes.layout} style={{ '--chat-top': `${top}px` } as CSSProperties} data-testid="chat-page">
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
          // Mantine draws the title row as a <header>, a second banner landmark beside the page's own.
          attributes={{ header: { role: 'none' }, content: { 'data-testid': 'conversations-drawer' } }}
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
