// One Mantine theme for the app. System fonts first (no font download), with the Noto families that
// cover Hebrew and Arabic script where the system has them.
import { createTheme, type CSSVariablesResolver } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 7 keeps white text on filled buttons above 4.5:1 (shade 6 is 4.3:1).
  primaryShade: { light: 7, dark: 8 },
  defaultRadius: 'md',
  cursorType: 'pointer',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Hebrew", "Noto Sans Arabic", Vazirmatn, Tahoma, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  headings: { fontWeight: '650' },
});

/**
 * Contrast: Mantine's "dimmed" grey (#868e96) is 3.3:1 on white, and text in coloured variants (outline
 * buttons, light badges and alerts) uses shades 6–7 of red, green, teal, orange and yellow, under 4.5:1.
 * In the light scheme they use darker shades (WCAG AA needs 4.5:1 for body text).
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => {
  const light: Record<string, string> = { '--mantine-color-dimmed': t.colors.gray[7]! };
  for (const color of ['red', 'green', 'teal', 'orange', 'yellow']) {
    const dark = t.colors[color]![9]!;
    light[`--mantine-color-${color}-text`] = dark;
    light[`--mantine-color-${color}-outline`] = dark;
    light[`--mantine-color-${color}-light-color`] = dark;
  }
  return { variables: {}, light, dark: {} };
};
