// Upload files: drop several at once or pick them with the "browse files" button (the keyboard way in),
// then follow each one in its own row. Files the server would refuse are refused here, before sending.
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import type { DocumentDto } from '@parley/contracts';
import { IconCloudUpload, IconFileUpload } from '@tabler/icons-react';
import { type MouseEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { UploadRow } from './UploadRow';
import { ACCEPT_ATTRIBUTE, isFinished, rowView, useUploadQueue } from './upload-queue';

export function UploadDropzone({
  assistantId,
  maxBytes,
  documentsById,
  openRef,
}: {
  assistantId: string;
  maxBytes: number | null;
  documentsById: Map<string, DocumentDto>;
  /** Opens the file picker; the parent holds it so the empty documents list can offer it too. */
  openRef: RefObject<(() => void) | null>;
}) {
  const { t } = useTranslation('knowledge');
  const format = useFormat();
  const queue = useUploadQueue(assistantId);
  const live = (documentId: string | undefined) => (documentId ? documentsById.get(documentId) : undefined);
  const finishedKeys = queue.items.filter((i) => isFinished(rowView(i, live(i.document?.id)))).map((i) => i.key);

  const browse = (e: MouseEvent) => {
    // The zone opens the picker on click too; one dialog is enough.
    e.stopPropagation();
    openRef.current?.();
  };

  return (
    <Stack gap="sm">
      <Title order={3} size="h5">
        {t('upload.title')}
      </Title>
      <Dropzone
        openRef={openRef}
        onDrop={(files) => queue.add(files, { maxBytes })}
        multiple
        // Our own checks give each refused file its reason; the picker still offers the right kinds.
        inputProps={{ accept: ACCEPT_ATTRIBUTE, 'aria-label': t('upload.inputLabel') }}
        activateOnKeyboard={false}
        enablePointerEvents
        data-testid="knowledge-dropzone"
        radius="md"
        p="lg"
      >
        <Stack align="center" gap={6} ta="center">
          <Dropzone.Accept>
            <IconCloudUpload size={40} aria-hidden color="var(--mantine-color-blue-6)" />
          </Dropzone.Accept>
          <Dropzone.Idle>
            <IconFileUpload size={40} aria-hidden color="var(--mantine-color-dimmed)" />
          </Dropzone.Idle>
          <Text fw={500}>{t('upload.drop')}</Text>
          <Text size="sm" c="gray.7">
            {t('upload.or')}
          </Text>
          <Button variant="light" onClick={browse} data-testid="knowledge-browse">
            {t('upload.browse')}
          </Button>
          <Text size="xs" c="gray.7" maw={360}>
            {maxBytes !== null ? t('upload.accepted', { size: format.bytes(maxBytes) }) : t('upload.acceptedNoLimit')}
          </Text>
        </Stack>
      </Dropzone>
      {queue.items.length > 0 && (
        <Stack gap="sm">
          <Group justify="space-between">
            <Text size="sm" fw={600} id="upload-list-label">
              {t('upload.listLabel')}
            </Text>
            {finishedKeys.length > 0 && (
              <Button variant="subtle" size="compact-sm" onClick={() => queue.dismiss(finishedKeys)}>
                {t('upload.clearFinished')}
              </Button>
            )}
          </Group>
          <Stack gap="md" role="list" aria-labelledby="upload-list-label">
            {queue.items.map((item) => (
              <UploadRow
                key={item.key}
                item={item}
                live={live(item.document?.id)}
                onCancel={() => queue.cancel(item.key)}
                onDismiss={() => queue.dismiss([item.key])}
              />
            ))}
          </Stack>
        </Stack>
      )}
    </Stack>
  );
}
