// /assistants/:assistantId/*: the assistant's name and its sections (chat, knowledge, settings,
// integration, visitors' conversations) as tabs; the section renders below with the assistant in the outlet
// context. On phones the header stays short (no description, the tabs in one row that scrolls sideways) so
// the chat below keeps most of the screen.
import { Anchor, Badge, Group, Tabs, Text, Title } from '@mantine/core';
import type { Assistant } from '@parley/contracts';
import { IconBooks, IconChevronLeft, IconInbox, IconMessages, IconPlugConnected, IconSettings } from '@tabler/icons-react';
import { Suspense, useEffect, useRef, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate, useOutletContext, useParams } from 'react-router';
import { ErrorState, LoadingState } from '../../components/states';
import { useAssistant } from './api';

const sections = [
  { value: 'chat', icon: IconMessages },
  { value: 'knowledge', icon: IconBooks },
  { value: 'settings', icon: IconSettings },
  { value: 'integration', icon: IconPlugConnected },
  { value: 'conversations', icon: IconInbox },
] as const;

// One row of tabs that scrolls sideways when it does not fit, never wrapping onto a second line. The list's
// bottom line is drawn as an inset shadow: Mantine's own line (a ::before of the list) would scroll away
// with the tabs.
const TAB_STYLES = {
  list: {
    flexWrap: 'nowrap',
    overflowX: 'auto',
    overflowY: 'hidden',
    scrollbarWidth: 'thin',
    '--tab-border-color': 'transparent',
    boxShadow: 'inset 0 -2px 0 var(--mantine-color-gray-3)',
  } as CSSProperties,
  tab: { flexShrink: 0 },
};

export function AssistantLayout() {
  const { t } = useTranslation();
  const { assistantId } = useParams();
  const assistant = useAssistant(assistantId);
  const location = useLocation();
  const navigate = useNavigate();
  const section = location.pathname.split('/')[3] ?? 'chat';
  const tabsRef = useRef<HTMLDivElement>(null);
  const loaded = assistant.isSuccess;

  // The open section's tab in view, also when it sits past the end of the row on a phone. Only the row
  // scrolls (scrollIntoView could scroll the page too); deltas work the same right to left.
  useEffect(() => {
    const list = tabsRef.current;
    const tab = list?.querySelector('[data-active]');
    if (!list || !tab || list.scrollWidth <= list.clientWidth) return;
    const row = list.getBoundingClientRect();
    const box = tab.getBoundingClientRect();
    if (box.left < row.left) list.scrollBy({ left: box.left - row.left });
    else if (box.right > row.right) list.scrollBy({ left: box.right - row.right });
  }, [section, loaded]);

  if (assistant.isPending) return <LoadingState />;
  if (assistant.error) return <ErrorState error={assistant.error} onRetry={() => void assistant.refetch()} />;
  const a = assistant.data;
  return (
    <>
      <Anchor component={Link} to="/" size="sm" c="dimmed">
        <Group gap={4} wrap="nowrap">
          <IconChevronLeft size={16} className="mirror-rtl" aria-hidden />
          {t('nav.allAssistants')}
        </Group>
      </Anchor>
      <Group gap="sm" mt={4} mb="sm" wrap="nowrap">
        <Title order={1} size="h3" dir="auto" lineClamp={1} data-testid="assistant-title">
          {a.name}
        </Title>
        <Badge variant="light" color="gray" dir="ltr">
          {a.slug}
        </Badge>
      </Group>
      {a.description && (
        <Text size="sm" c="dimmed" dir="auto" mb="sm" lineClamp={2} visibleFrom="sm">
          {a.description}
        </Text>
      )}
      <Tabs
        value={section}
        onChange={(v) => v && void navigate(`/assistants/${a.id}/${v}`)}
        mb="md"
        keepMounted={false}
        styles={TAB_STYLES}
      >
        <Tabs.List ref={tabsRef}>
          {sections.map(({ value, icon: Icon }) => (
            <Tabs.Tab key={value} value={value} leftSection={<Icon size={16} aria-hidden />} data-testid={`tab-${value}`}>
              {t(`assistantTabs.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Suspense fallback={<LoadingState />}>
        <Outlet context={{ assistant: a } satisfies AssistantOutletContext} />
      </Suspense>
    </>
  );
}

export interface AssistantOutletContext {
  assistant: Assistant;
}

/** The assistant of the surrounding /assistants/:assistantId route. */
export function useCurrentAssistant(): Assistant {
  return useOutletContext<AssistantOutletContext>().assistant;
}
