// Accent colours: only #rrggbb is taken, and whatever the owner picks, text on it and links stay readable.
import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCENT, contrast, themeFor, validColor } from './theme.js';

describe('theme', () => {
  it('accepts #rrggbb only', () => {
    expect(validColor(' #1C7ED6 ')).toBe('#1c7ed6');
    for (const bad of ['red', '#fff', '1c7ed6', '#1c7ed6;background:url(x)', 'url(x)', '', null, undefined])
      expect(validColor(bad)).toBeNull();
    expect(themeFor('javascript:alert(1)').accent).toBe(DEFAULT_ACCENT);
  });

  it('keeps text on the accent and links on white at WCAG AA contrast for any accent', () => {
    for (const accent of ['#ffff00', '#777777', '#767676', '#3b5bdb', '#000000', '#ffffff', '#ff8800', '#00aa55', DEFAULT_ACCENT]) {
      const theme = themeFor(accent);
      expect(contrast(theme.accent, theme.onAccent), accent).toBeGreaterThanOrEqual(4.5);
      expect(contrast(theme.link, '#ffffff'), accent).toBeGreaterThanOrEqual(4.5);
      expect(contrast(theme.link, '#f6f8fa'), accent).toBeGreaterThanOrEqual(4.5);
    }
  });
});
