// The widget settings form as a draft beside the saved settings: what the form shows, which fields the
// owner changed (only those are sent, as the PATCH merges), and whether the colour is one the server takes.
import type { UpdateAssistantBody, WidgetSettings } from '@parley/contracts';

/** The form's values: empty greeting and colour stand for "none" (the widget's own greeting and colour). */
export interface WidgetDraft {
  showBranding: boolean;
  greeting: string;
  color: string;
  sourceLinks: boolean;
}

export type WidgetChanges = NonNullable<UpdateAssistantBody['widget']>;

/** As the server's widget colour: #rrggbb. */
const COLOR = /^#[0-9a-f]{6}$/i;

/** The longest greeting the server keeps. */
export const GREETING_MAX_CHARS = 500;

export function draftOf(saved: WidgetSettings): WidgetDraft {
  return { showBranding: saved.showBranding, greeting: saved.greeting ?? '', color: saved.color ?? '', sourceLinks: saved.sourceLinks };
}

/** Empty is valid (Parley's colour); anything else must be #rrggbb. */
export function isValidColor(color: string): boolean {
  return color.trim() === '' || COLOR.test(color.trim());
}

/** The fields that differ from the saved settings, in the server's terms (null for an emptied text). */
export function widgetChanges(saved: WidgetSettings, draft: WidgetDraft): WidgetChanges {
  const changes: WidgetChanges = {};
  if (draft.showBranding !== saved.showBranding) changes.showBranding = draft.showBranding;
  if (draft.sourceLinks !== saved.sourceLinks) changes.sourceLinks = draft.sourceLinks;
  const greeting = draft.greeting.trim() || null;
  if (greeting !== saved.greeting) changes.greeting = greeting;
  const color = draft.color.trim().toLowerCase() || null;
  if (color !== (saved.color?.toLowerCase() ?? null)) changes.color = color;
  return changes;
}
