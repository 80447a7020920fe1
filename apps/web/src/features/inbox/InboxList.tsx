// The inbox's list: a filter (all, website widget, API), a search over titles and message text, and the
// conversations newest activity first, each with its source, visitor, message count and last activity,
// loaded page by page.
import { Button, Group, Input, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { IconInbox, IconSearch } from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useFormat } from '../../lib/format';
import type { InboxConversation, InboxSource, useInboxConversations } from './api';
import classes from './inbox.module.css';
import { isolated, SourceBadge } from './SourceBadge';

type ListQuery = ReturnType<typeof useInboxConversations>;

const FILTERS = ['all', 'widget', 'api'] as const;

export function InboxList({
  assistantId,
  activeId,
  query,
  source,
  onSource,
  search,
  onSearch,
  searching,
}: {
  assistantId: string;
  activeId: string | undefined;
  query: ListQuery;
  source: InboxSource | null;
  onSource: (source: InboxSource | null) => void;
  search: string;
  onSearch: (search: string) => void;
  /** A search is applied (the empty state then says nothing matched). */
  searching: boolean;
}) {
  const { t } = useTranslation('inbox');
  const format = useFormat();
  const filterLabelId = useId();
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const total = query.data?.pages[query.data.pages.length - 1]?.total ?? 0;

  let body;
  if (query.isPending) body = <LoadingState />;
  else if (query.error && !query.data) body = <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  else if (items.length === 0)
    body =
      searching || source ? (
        <EmptyState icon={<IconSearch size={26} />} title={t('empty.noMatchTitle')} description={t('empty.noMatchDescription')} />
      ) : (
        <EmptyState icon={<IconInbox size={26} />} title={t('empty.title')} description={t('empty.description')} />
      );
  else
    body = (
      <Stack gap="xs">
        <Text size="xs" c="gray.7" aria-live="polite" data-testid="inbox-count">
          {t('list.count', { count: total, shown: format.number(items.length), total: format.number(total) })}
        </Text>
        <ul className={classes.items} aria-label={t('list.label')}>
          {items.map((c) => (
            <li key={c.id}>
              <InboxItem assistantId={assistantId} conversation={c} active={c.id === activeId} />
            </li>
          ))}
        </ul>
        {query.hasNextPage && (
          <Button
            variant="default"
            size="xs"
            onClick={() => void query.fetchNextPage()}
            loading={query.isFetchingNextPage}
            data-testid="inbox-load-more"
          >
            {t('list.loadMore')}
          </Button>
        )}
        {query.error && <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
      </Stack>
    );

  return (
    <Stack gap="sm">
      <Stack gap={4}>
        <Input.Label id={filterLabelId}>{t('filter.label')}</Input.Label>
        <SegmentedControl
          aria-labelledby={filterLabelId}
          value={source ?? 'all'}
          onChange={(v) => onSource(v === 'all' ? null : (v as InboxSource))}
          data={FILTERS.map((f) => ({ value: f, label: t(`filter.${f}`) }))}
          fullWidth
          size="xs"
          data-testid="inbox-filter"
        />
      </Stack>
      <TextInput
        type="search"
        label={t('search.label')}
        placeholder={t('search.placeholder')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={search}
        onChange={(e) => onSearch(e.currentTarget.value)}
        dir="auto"
        maxLength={200}
        classNames={{ input: classes.searchInput }}
        data-testid="inbox-search"
      />
      {/* Always there, whatever the state (loading, empty, failed, the conversations). */}
      <div data-testid="inbox-list" aria-busy={query.isFetching}>
        {body}
      </div>
    </Stack>
  );
}

function InboxItem({ assistantId, conversation: c, active }: { assistantId: string; conversation: InboxConversation; active: boolean }) {
  const { t } = useTranslation('inbox');
  const format = useFormat();
  const lastActivity = c.lastMessageAt ?? c.updatedAt;
  const who = c.source === 'widget' && c.visitor ? t('item.visitor', { visitor: isolated(c.visitor) }) : t(`item.by.${c.source}`);
  return (
    <Link
      to={`/assistants/${assistantId}/conversations/${c.id}`}
      className={classes.item}
      aria-current={active ? 'page' : undefined}
      data-testid="inbox-item"
      data-source={c.source}
      data-conversation-id={c.id}
    >
      <Group gap={6} wrap="nowrap">
        <SourceBadge source={c.source} />
        <span className={classes.itemTitle} dir="auto">
          {c.title}
        </span>
      </Group>
      <Text size="xs" c="gray.7" mt={4}>
        <span dir="auto">{who}</span>
        {' · '}
        {t('item.messages', { count: c.messageCount, formatted: format.number(c.messageCount) })}
        {' · '}
        <time dateTime={lastActivity} title={format.dateTime(lastActivity)}>
          {format.relative(lastActivity)}
        </time>
      </Text>
      {c.snippet && (
        <span className={classes.snippet} dir="auto" data-testid="inbox-snippet">
          {c.snippet}
        </span>
      )}
    </Link>
  );
}
