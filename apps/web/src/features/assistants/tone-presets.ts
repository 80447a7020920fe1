// The tone presets as the UI shows them: in an order that reads from most to least specific, each with
// an icon; their names, one-line descriptions and example prompts live in the `assistant` namespace.
import type { tonePresets } from '@parley/contracts';
import { IconBriefcase, IconHeadset, IconMoodSmile, IconScale, IconSchool, IconScissors, type Icon } from '@tabler/icons-react';

export type Tone = (typeof tonePresets)[number];

export const toneOptions: readonly { tone: Tone; icon: Icon }[] = [
  { tone: 'formal', icon: IconBriefcase },
  { tone: 'friendly', icon: IconMoodSmile },
  { tone: 'concise', icon: IconScissors },
  { tone: 'customer_support', icon: IconHeadset },
  { tone: 'educator', icon: IconSchool },
  { tone: 'neutral', icon: IconScale },
];

/** Languages with written example prompts; any other assistant language gets the English one. */
const examplePromptLanguages = ['en', 'he', 'fa', 'ar', 'ru', 'pt'] as const;

export function examplePromptLanguage(assistantLanguage: string): (typeof examplePromptLanguages)[number] {
  return (examplePromptLanguages as readonly string[]).includes(assistantLanguage)
    ? (assistantLanguage as (typeof examplePromptLanguages)[number])
    : 'en';
}
