// The owner's settings of an assistant's website widget (stored on the assistant, edited in the web app).
import { z } from 'zod';

/** The owner's widget settings, stored on the assistant. The script tag's data-* attributes override greeting and color. */
export const widgetSettingsSchema = z.object({
  showBranding: z.boolean().describe('Show the "Powered by Parley" line'),
  greeting: z.string().nullable().describe('First message shown when the panel opens; null = a greeting in the visitor’s language'),
  color: z.string().nullable().describe('Accent color (#rrggbb); null = Parley’s'),
  sourceLinks: z.boolean().describe('Link citations of web pages to their URL (otherwise titles only)'),
});
export type WidgetSettings = z.infer<typeof widgetSettingsSchema>;
export const defaultWidgetSettings: WidgetSettings = { showBranding: true, greeting: null, color: null, sourceLinks: true };

export const widgetColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a color such as #1c7ed6');
export const updateWidgetSettingsSchema = z
  .strictObject({
    showBranding: z.boolean(),
    greeting: z.string().trim().max(500).nullable(),
    color: widgetColorSchema.nullable(),
    sourceLinks: z.boolean(),
  })
  .partial();
