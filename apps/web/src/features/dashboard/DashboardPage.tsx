// The home page (/): the organization's assistants as cards with their figures, or, in a new
// organization, a three-step guide to the first assistant.
import { Alert, Anchor, Button, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { IconPlus, IconQuote, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useAssistants } from '../assistants/api';
import { useInstanceInfo } from '../assistants/providers-api';
import { useActiveOrganization } from '../auth/session';
import { useDashboardFigures } from './api';
import { AssistantCard } from './AssistantCard';
import { GettingStarted } from './GettingStarted';

/** Above this many assistants a filter box helps find one. */
const FILTER_FROM = 7;

export function DashboardPage() {
  const { t } = useTranslation('dashboard');
  const { canManage, organization } = useActiveOrganization();
  const assistants = useAssistants();
  const figures = useDashboardFigures();
  const [query, setQuery] = useState('');
  const items = useMemo(() => assistants.data?.items ?? [], [assistants.data]);
  const shown = useMemo(() => {
    const q = query.trim().toLocaleLowerCase();
    return q ? items.filter((a) => `${a.name} ${a.slug} ${a.description}`.toLocaleLowerCase().includes(q)) : items;
  }, [items, query]);

  const empty = assistants.isSuccess && items.length === 0;
  const createButton = canManage ? (
    <Button
      component={Link}
      to="/assistants/new"
      size={empty ? 'md' : 'sm'}
      leftSection={<IconPlus size={16} aria-hidden />}
      data-testid="dashboard-create-assistant"
    >
      {empty ? t('createFirst') : t('create')}
    </Button>
  ) : null;

  return (
    <>
      {/* In an empty organization the button lives in the guide, so the page has exactly one. */}
      <PageHeader title={t('title')} description={t('description')} actions={empty ? undefined : createButton} />
      {assistants.isPending ? (
        <LoadingState />
      ) : assistants.error ? (
        <ErrorState error={assistants.error} onRetry={() => void assistants.refetch()} />
      ) : empty ? (
        <GettingStarted action={createButton} organizationName={organization?.name ?? null} />
      ) : (
        <Stack gap="md">
          <ModelNotice extractiveCount={items.filter((a) => a.answerMode === 'extractive').length} canManage={canManage} />
          {figures.error && <ErrorState error={figures.error} title={t('figuresFailed')} onRetry={() => void figures.refetch()} />}
          {items.length >= FILTER_FROM && (
            <TextInput
              label={t('filter')}
              leftSection={<IconSearch size={16} aria-hidden />}
              value={query}
              onChange={(e) => setQuery(e.currentTarget.value)}
              dir="auto"
              maw={360}
              type="search"
            />
          )}
          {shown.length === 0 ? (
            <EmptyState title={t('noMatch')} icon={<IconSearch size={26} />} />
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" data-testid="assistant-grid">
              {shown.map((a) => (
                <AssistantCard key={a.id} assistant={a} figures={figures.data?.get(a.id)} figuresPending={figures.isPending} />
              ))}
            </SimpleGrid>
          )}
        </Stack>
      )}
    </>
  );
}

/** Why some assistants only quote documents, and (for those who can) where to connect a model. */
function ModelNotice({ extractiveCount, canManage }: { extractiveCount: number; canManage: boolean }) {
  const { t } = useTranslation('dashboard');
  const instance = useInstanceInfo();
  if (extractiveCount === 0 || !instance.data) return null;
  if (instance.data.llm.extractiveOnly) {
    return (
      <Alert variant="light" color="orange" icon={<IconQuote aria-hidden />} title={t('notice.extractiveOnlyTitle')}>
        {t('notice.extractiveOnly')}
      </Alert>
    );
  }
  if (!canManage) return null;
  return (
    <Alert variant="light" color="orange" icon={<IconQuote aria-hidden />} title={t('notice.noModelTitle', { count: extractiveCount })}>
      {t('notice.noModel')}{' '}
      <Anchor component={Link} to="/settings/providers" size="sm" c="inherit" fw={600} underline="always">
        {t('notice.connect')}
      </Anchor>
    </Alert>
  );
}
