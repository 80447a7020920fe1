// A block of code (always left to right) with its copy button above it, so the button never covers the
// start of the code in either writing direction.
import { ActionIcon, Box, Code, CopyButton, Group, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export function CodeBlock({
  code,
  label,
  copyLabel,
  testId,
  copyTestId,
  wrap = false,
}: {
  code: string;
  /** What the code is (shown above it), e.g. the language. */
  label?: string;
  /** The copy button's accessible name. */
  copyLabel: string;
  testId?: string;
  copyTestId?: string;
  /** Break long lines (one long line, like an HTML tag, reads better wrapped than scrolled sideways). */
  wrap?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Box>
      <Group justify="space-between" mb={4} wrap="nowrap">
        <Text size="xs" c="dimmed" fw={500}>
          {label}
        </Text>
        <CopyButton value={code} timeout={2000}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? t('actions.copied') : t('actions.copy')} withArrow>
              <ActionIcon
                variant="subtle"
                color={copied ? 'teal' : 'gray'}
                onClick={copy}
                aria-label={copied ? t('actions.copied') : copyLabel}
                data-testid={copyTestId}
              >
                {copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
      <Code
        block
        dir="ltr"
        data-testid={testId}
        style={{
          whiteSpace: wrap ? 'pre-wrap' : 'pre',
          overflowWrap: wrap ? 'anywhere' : undefined,
          overflowX: 'auto',
          fontSize: 'var(--mantine-font-size-xs)',
        }}
        tabIndex={0}
      >
        {code}
      </Code>
    </Box>
  );
}
