// /assistants/:assistantId/knowledge: what the assistant answers from. A summary strip, adding files and
// web pages, the live documents table, and a box to test what retrieval finds.
import '@mantine/dropzone/styles.css';
import { Alert, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { DocumentDto } from '@parley/contracts';
import { IconInfoCircle, IconPlugConnectedX } from '@tabler/icons-react';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../components/PageHeader';
import { useCurrentAssistant } from '../assistants/AssistantLayout';
import { useActiveOrganization } from '../auth/session';
import { useDocumentCounts, useDocumentPages, useInstanceLimits } from './api';
import { CrawlForm } from './CrawlForm';
import { flattenDocuments } from './document-cache';
import { DocumentsTable } from './DocumentsTable';
import { KnowledgeSummary, type KnowledgeCounts } from './KnowledgeSummary';
import { RetrievalTester } from './RetrievalTester';
import { UploadDropzone } from './UploadDropzone';
import { useDocumentEvents } from './use-document-events';

/** While live updates are down, documents in progress are followed by polling instead. */
const POLL_MS = 5000;

export function KnowledgePage() {
  const { t } = useTranslation('knowledge');
  const assistant = useCurrentAssistant();
  const { canManage } = useActiveOrganization();
  useDocumentTitle(`${t('title')} · ${assistant.name}`);
  const stream = useDocumentEvents(assistant.id);
  const limits = useInstanceLimits();
  const openFiles = useRef<(() => void) | null>(null);

  // The first page (up to 200, newest first) feeds the summary and the upload rows' live status.
  const all = useDocumentPages(assistant.id, {}, { pollMs: stream === 'live' ? false : POLL_MS });
  const documents = useMemo(() => flattenDocuments(all.data), [all.data]);
  const total = all.data?.pages[0]?.total ?? 0;
  const allLoaded = all.isSuccess && documents.length >= total;
  const serverCounts = useDocumentCounts(assistant.id, all.isSuccess && !allLoaded);

  const documentsById = useMemo(() => new Map<string, DocumentDto>(documents.map((d) => [d.id, d])), [documents]);
  const counts = useMemo<KnowledgeCounts | null>(() => {
    if (!all.isSuccess) return null;
    if (allLoaded) {
      const of = (...statuses: DocumentDto['status'][]) => documents.filter((d) => statuses.includes(d.status)).length;
      return { documents: total, indexed: of('indexed'), processing: of('queued', 'processing'), failed: of('failed') };
    }
    const { queued, processing, indexed, failed } = serverCounts;
    if ([queued, processing, indexed, failed].some((n) => n === undefined)) return null;
    return { documents: total, indexed: indexed!, processing: queued! + processing!, failed: failed! };
  }, [all.isSuccess, allLoaded, documents, total, serverCounts]);

  return (
    <Stack gap="xl">
      <KnowledgeSummary counts={counts} />
      {stream === 'reconnecting' && (
        <Alert color="yellow" variant="light" icon={<IconPlugConnectedX size={18} aria-hidden />} data-testid="events-reconnecting">
          {t('table.reconnecting')}
        </Alert>
      )}

      <section aria-labelledby="knowledge-add">
        <Title order={2} size="h4" id="knowledge-add" mb="sm">
          {t('add.title')}
        </Title>
        {canManage ? (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <Paper withBorder radius="md" p="md">
              <UploadDropzone
                assistantId={assistant.id}
                maxBytes={limits.data?.maxUploadBytes ?? null}
                documentsById={documentsById}
                openRef={openFiles}
              />
            </Paper>
            <Paper withBorder radius="md" p="md">
              <CrawlForm assistantId={assistant.id} />
            </Paper>
          </SimpleGrid>
        ) : (
          <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} aria-hidden />}>
            {t('add.readOnly')}
          </Alert>
        )}
      </section>

      <section aria-labelledby="knowledge-documents">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4" id="knowledge-documents">
            {t('table.title')}
          </Title>
          {stream === 'live' && (
            <Text size="xs" c="teal.9" data-testid="events-live">
              {t('table.live')}
            </Text>
          )}
        </Group>
        <DocumentsTable assistantId={assistant.id} allLoaded={allLoaded} canManage={canManage} onBrowse={() => openFiles.current?.()} />
      </section>

      <section aria-labelledby="knowledge-retrieval">
        <Title order={2} size="h4" id="knowledge-retrieval" mb="sm">
          {t('retrieval.title')}
        </Title>
        <RetrievalTester assistant={assistant} />
      </section>
    </Stack>
  );
}
