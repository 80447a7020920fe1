// Shown when no language model answers for this assistant: answers are passages quoted word for word from
// the documents. Managers get the way to connect a model; others learn whom to ask. It can be put away
// for the rest of the session (each answer still says it was quoted), which matters on small screens; on
// phones it is one line to begin with, its explanation and links one tap away.
import { Alert, Anchor, Group, Text } from '@mantine/core';
import type { Assistant } from '@parley/contracts';
import { IconQuote } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useActiveOrganization } from '../auth/session';
import { useIsDesktop } from './use-is-desktop';

// The one-line form: tighter, the title allowed to shrink (to an ellipsis) so the toggle and the close
// button stay on screen, and the icon and close button centred on the line while it is one line.
// Touch targets stay at least 24 px square (WCAG 2.2 target size) however compact the notice is.
const TARGET = { minWidth: 24, minHeight: 24 };
const COMPACT_STYLES = {
  root: { paddingBlock: 6, paddingInline: 'var(--mantine-spacing-xs)' },
  body: { minWidth: 0 },
  icon: { marginInlineEnd: 'var(--mantine-spacing-xs)' },
  closeButton: TARGET,
};
const ONE_LINE_STYLES = {
  ...COMPACT_STYLES,
  wrapper: { alignItems: 'center' },
  icon: { ...COMPACT_STYLES.icon, marginTop: 0 },
  closeButton: { ...TARGET, marginTop: 0 },
};

const dismissedKey = (assistantId: string) => `parley.chat.extractiveBannerDismissed.${assistantId}`;

function readDismissed(assistantId: string): boolean {
  try {
    return sessionStorage.getItem(dismissedKey(assistantId)) === '1';
  } catch {
    return false;
  }
}

export function ExtractiveBanner({ assistant }: { assistant: Assistant }) {
  const { t } = useTranslation('chat');
  const { canManage } = useActiveOrganization();
  const compact = !useIsDesktop();
  const [dismissed, setDismissed] = useState(() => readDismissed(assistant.id));
  const [expanded, setExpanded] = useState(false);
  const detailsId = useId();
  if (dismissed) return null;
  const dismiss = () => {
    setDismissed(true);
    try {
      sessionStorage.setItem(dismissedKey(assistant.id), '1');
    } catch {
      // Storage blocked: hidden until the page reloads.
    }
  };

  const details = (
    <>
      <Text size="sm">{t('extractive.body')}</Text>
      {canManage ? (
        <Group gap="md" mt={6}>
          <Anchor component={Link} to="/settings/providers" size="sm" fw={600} c="indigo.9" data-testid="extractive-providers-link">
            {t('extractive.connect')}
          </Anchor>
          <Anchor
            component={Link}
            to={`/assistants/${assistant.id}/settings`}
            size="sm"
            fw={600}
            c="indigo.9"
            data-testid="extractive-settings-link"
          >
            {t('extractive.assistantSettings')}
          </Anchor>
        </Group>
      ) : (
        <Text size="sm" mt={6}>
          {t('extractive.askAdmin')}
        </Text>
      )}
    </>
  );

  if (compact) {
    // On a phone: one line, the explanation and links behind a toggle, so the messages keep the screen.
    return (
      <Alert
        color="blue"
        variant="light"
        icon={<IconQuote size={18} aria-hidden />}
        withCloseButton
        closeButtonLabel={t('extractive.dismiss')}
        onClose={dismiss}
        styles={expanded ? COMPACT_STYLES : ONE_LINE_STYLES}
        data-testid="extractive-banner"
      >
        <Group gap="xs" wrap="nowrap" justify="space-between">
          <Text size="sm" fw={700} c="var(--alert-color)" truncate={expanded ? undefined : 'end'} miw={0}>
            {t('extractive.title')}
          </Text>
          <Anchor
            component="button"
            type="button"
            size="sm"
            fw={600}
            c="indigo.9"
            style={{ flexShrink: 0, minHeight: 24 }}
            aria-expanded={expanded}
            aria-controls={detailsId}
            onClick={() => setExpanded((open) => !open)}
            data-testid="extractive-banner-details"
          >
            {expanded ? t('extractive.hideDetails') : t('extractive.details')}
          </Anchor>
        </Group>
        {expanded && (
          <div id={detailsId} style={{ marginTop: 6 }}>
            {details}
          </div>
        )}
      </Alert>
    );
  }

  return (
    <Alert
      color="blue"
      variant="light"
      icon={<IconQuote aria-hidden />}
      title={t('extractive.title')}
      withCloseButton
      closeButtonLabel={t('extractive.dismiss')}
      onClose={dismiss}
      data-testid="extractive-banner"
    >
      {details}
    </Alert>
  );
}
