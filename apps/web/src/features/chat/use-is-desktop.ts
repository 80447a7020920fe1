// Whether the window is at least Mantine's `sm` breakpoint wide: below it the chat is laid out for phones
// (the conversation list in a drawer, a one-line no-model notice).
import { useMediaQuery } from '@mantine/hooks';

const DESKTOP_QUERY = '(min-width: 48em)';

export function useIsDesktop(): boolean {
  // Read at once, not after the first paint, so a phone never draws the desktop layout first.
  return useMediaQuery(DESKTOP_QUERY, true, { getInitialValueInEffect: false });
}
