// The accent colour and the colours derived from it. An owner may pick any #rrggbb, so text on the accent
// is white or black, whichever contrasts more (always at least 4.5:1), and links and focus rings fall
// back to a dark blue when the accent is too light to read on white.

export const DEFAULT_ACCENT = '#3b5bdb';
const READABLE_ON_WHITE = '#1c4fd1';
// Pure black: with white, one of the two contrasts at least 4.58:1 with any colour.
const DARK_TEXT = '#000000';

export interface Theme {
  readonly accent: string;
  /** Text and icons drawn on the accent. */
  readonly onAccent: string;
  /** Links and focus rings on white. */
  readonly link: string;
}

/** The colour when it is #rrggbb, else null. */
export function validColor(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return /^#[0-9a-fA-F]{6}$/.test(trimmed) ? trimmed.toLowerCase() : null;
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio of two #rrggbb colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export function themeFor(color: string | null): Theme {
  const accent = validColor(color) ?? DEFAULT_ACCENT;
  return {
    accent,
    onAccent: contrast(accent, '#ffffff') >= contrast(accent, DARK_TEXT) ? '#ffffff' : DARK_TEXT,
    // Measured on the light grey of the conversation's background, the darkest surface links sit on.
    link: contrast(accent, '#f6f8fa') >= 4.5 ? accent : READABLE_ON_WHITE,
  };
}

/** The theme as custom properties on the shadow root's host, read by styles.ts. */
export function themeCss(theme: Theme): string {
  return `:host{--p-accent:${theme.accent};--p-on-accent:${theme.onAccent};--p-link:${theme.link}}`;
}
