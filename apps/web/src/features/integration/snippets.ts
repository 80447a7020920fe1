// Ready-to-paste code for calling an assistant: curl (Parley's own API), fetch and the official OpenAI
// clients (the OpenAI-compatible API at /v1, the assistant's slug as the model), and the website widget's
// script tag with its options. Pure string builders so the escaping of every language is tested without a
// browser.

export const SNIPPET_IDS = ['curl', 'fetch', 'python', 'node'] as const;
export type SnippetId = (typeof SNIPPET_IDS)[number];

export const SECRET_KEY_PLACEHOLDER = 'YOUR_API_KEY';
export const PUBLISHABLE_KEY_PLACEHOLDER = 'YOUR_PUBLISHABLE_KEY';

export interface SnippetInput {
  /** Where this Parley answers, e.g. `https://parley.example` (no trailing slash needed). */
  origin: string;
  assistantId: string;
  slug: string;
  /** A secret key (`sk_…`) for the server-side snippets; a placeholder when absent. */
  secretKey?: string | null;
  /** The example question (in the reader's language). */
  question: string;
}

/** A POSIX shell single-quoted word: the one character that needs care is the quote itself. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * A double-quoted string literal valid in JavaScript and Python alike. JSON.stringify escapes quotes,
 * backslashes and control characters; U+2028/U+2029 are escaped too for older JavaScript parsers.
 */
export function stringLiteral(value: string): string {
  return JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Text safe inside a double-quoted HTML attribute. */
export function htmlAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function trimOrigin(origin: string): string {
  return origin.replace(/\/+$/, '');
}

export function buildSnippets(input: SnippetInput): Record<SnippetId, string> {
  const origin = trimOrigin(input.origin);
  const secret = input.secretKey || SECRET_KEY_PLACEHOLDER;
  const body = JSON.stringify({ content: input.question });

  const curl = [
    `PARLEY_KEY=${shellQuote(secret)}`,
    '',
    `CONVERSATION=$(curl -s -X POST ${shellQuote(`${origin}/api/v1/assistants/${input.assistantId}/conversations`)} \\`,
    `  -H "authorization: Bearer $PARLEY_KEY" -H 'content-type: application/json' -d '{}' | jq -r .id)`,
    '',
    `curl -s -X POST "${origin}/api/v1/conversations/$CONVERSATION/messages" \\`,
    `  -H "authorization: Bearer $PARLEY_KEY" -H 'content-type: application/json' \\`,
    `  -d ${shellQuote(body)} | jq -r .assistantMessage.content`,
  ].join('\n');

  const fetchJs = [
    `const response = await fetch(${stringLiteral(`${origin}/v1/chat/completions`)}, {`,
    `  method: "POST",`,
    `  headers: {`,
    `    authorization: ${stringLiteral(`Bearer ${secret}`)},`,
    `    "content-type": "application/json",`,
    `  },`,
    `  body: JSON.stringify({`,
    `    model: ${stringLiteral(input.slug)},`,
    `    messages: [{ role: "user", content: ${stringLiteral(input.question)} }],`,
    `  }),`,
    `});`,
    `const completion = await response.json();`,
    `console.log(completion.choices[0].message.content);`,
  ].join('\n');

  const python = [
    `from openai import OpenAI`,
    '',
    `client = OpenAI(base_url=${stringLiteral(`${origin}/v1`)}, api_key=${stringLiteral(secret)})`,
    '',
    `completion = client.chat.completions.create(`,
    `    model=${stringLiteral(input.slug)},`,
    `    messages=[{"role": "user", "content": ${stringLiteral(input.question)}}],`,
    `)`,
    `print(completion.choices[0].message.content)`,
  ].join('\n');

  const node = [
    `import OpenAI from "openai";`,
    '',
    `const client = new OpenAI({ baseURL: ${stringLiteral(`${origin}/v1`)}, apiKey: ${stringLiteral(secret)} });`,
    '',
    `const stream = await client.chat.completions.create({`,
    `  model: ${stringLiteral(input.slug)},`,
    `  stream: true,`,
    `  messages: [{ role: "user", content: ${stringLiteral(input.question)} }],`,
    `});`,
    `for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta?.content ?? "");`,
  ].join('\n');

  return { curl, fetch: fetchJs, python, node };
}

export const WIDGET_POSITIONS = ['bottom-right', 'bottom-left'] as const;
export type WidgetPosition = (typeof WIDGET_POSITIONS)[number];

export interface WidgetSnippetInput {
  /** Where this Parley answers: the widget is served from here and calls back here. */
  origin: string;
  slug: string;
  /** The publishable key, or what stands in for it (see keyStandIn); the generic placeholder when absent. */
  publishableKey?: string | null;
  /** The widget's language; absent, the widget follows the visitor's browser. */
  language?: string | null;
  position?: WidgetPosition;
  /** Open the chat panel as soon as the page has loaded. */
  openOnLoad?: boolean;
}

/**
 * The widget's script tag. Only the options that differ from the widget's own behaviour are written,
 * except the position, written always so that it is easy to change by hand.
 */
export function buildWidgetSnippet(input: WidgetSnippetInput): string {
  const attributes: [string, string][] = [
    ['src', `${trimOrigin(input.origin)}/widget.js`],
    ['data-assistant', input.slug],
    ['data-key', input.publishableKey || PUBLISHABLE_KEY_PLACEHOLDER],
  ];
  if (input.language) attributes.push(['data-lang', input.language]);
  attributes.push(['data-position', input.position ?? 'bottom-right']);
  if (input.openOnLoad) attributes.push(['data-open', 'true']);
  return `<script ${attributes.map(([name, value]) => `${name}="${htmlAttribute(value)}"`).join(' ')} async></script>`;
}

/**
 * What stands in the tag for a key whose full text this page no longer has (it is shown only when
 * created): its known first characters and an ellipsis, so the owner sees which key to paste there.
 */
export function keyStandIn(prefix: string): string {
  return `${prefix}…`;
}
