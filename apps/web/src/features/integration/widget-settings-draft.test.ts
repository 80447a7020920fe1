// The widget settings form sends only what the owner changed, with emptied texts as null, and takes only
// the colours the server accepts.
import type { WidgetSettings } from '@parley/contracts';
import { describe, expect, it } from 'vitest';
import { draftOf, isValidColor, widgetChanges } from './widget-settings-draft';

const saved: WidgetSettings = { showBranding: true, greeting: 'Hi there', color: '#1C7ED6', sourceLinks: true };

describe('widgetChanges', () => {
  it('is empty while the draft matches the saved settings', () => {
    expect(widgetChanges(saved, draftOf(saved))).toEqual({});
    // Only the case of the colour or spaces around the greeting differ: nothing to save.
    expect(widgetChanges(saved, { ...draftOf(saved), color: '#1c7ed6', greeting: '  Hi there ' })).toEqual({});
  });

  it('carries each changed field and nothing else', () => {
    expect(widgetChanges(saved, { ...draftOf(saved), showBranding: false })).toEqual({ showBranding: false });
    expect(widgetChanges(saved, { ...draftOf(saved), sourceLinks: false, greeting: 'שלום! במה אפשר לעזור?' })).toEqual({
      sourceLinks: false,
      greeting: 'שלום! במה אפשר לעזור?',
    });
  });

  it('sends null for an emptied greeting or colour, so the widget uses its own', () => {
    expect(widgetChanges(saved, { ...draftOf(saved), greeting: '   ', color: '' })).toEqual({ greeting: null, color: null });
  });

  it('starts empty texts from settings that have none', () => {
    const none: WidgetSettings = { showBranding: true, greeting: null, color: null, sourceLinks: true };
    expect(draftOf(none)).toEqual({ showBranding: true, greeting: '', color: '', sourceLinks: true });
    expect(widgetChanges(none, { ...draftOf(none), color: '#AA00ff' })).toEqual({ color: '#aa00ff' });
  });
});

describe('isValidColor', () => {
  it('takes #rrggbb or nothing', () => {
    expect(isValidColor('#1c7ed6')).toBe(true);
    expect(isValidColor('#1C7ED6')).toBe(true);
    expect(isValidColor('')).toBe(true);
    expect(isValidColor('#fff')).toBe(false);
    expect(isValidColor('rgb(0, 0, 0)')).toBe(false);
    expect(isValidColor('1c7ed6')).toBe(false);
  });
});
