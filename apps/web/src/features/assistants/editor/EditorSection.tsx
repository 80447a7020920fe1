// One section of the assistant editor: a titled panel (h2 under the assistant's h1), and the props every
// section receives (the draft, its setters, server field errors by path, whether it is read-only).
import { Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { DraftControls } from './use-assistant-draft';

export interface SectionProps extends DraftControls {
  /** Server field errors keyed by path, e.g. `generation.temperature`. */
  errors: Record<string, string>;
  readOnly: boolean;
}

export function EditorSection({
  id,
  title,
  description,
  children,
  tone = 'default',
}: {
  id: string;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  tone?: 'default' | 'danger';
}) {
  return (
    <Paper
      component="section"
      id={id}
      aria-labelledby={`${id}-title`}
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'lg' }}
      style={tone === 'danger' ? { borderColor: 'var(--mantine-color-red-4)' } : undefined}
      data-testid={`editor-section-${id}`}
    >
      <Title order={2} size="h4" id={`${id}-title`} c={tone === 'danger' ? 'red.8' : undefined}>
        {title}
      </Title>
      {description && (
        <Text size="sm" c="dimmed" mt={4}>
          {description}
        </Text>
      )}
      <Stack mt="md" gap="lg">
        {children}
      </Stack>
    </Paper>
  );
}
