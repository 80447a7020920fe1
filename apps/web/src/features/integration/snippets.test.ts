// The integration snippets: filled with the instance, the assistant and the right key, and escaped so
// that any question survives the shell, JavaScript, Python and HTML; the widget tag carries the options
// chosen in its builder and nothing else.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  buildSnippets,
  buildWidgetSnippet,
  htmlAttribute,
  keyStandIn,
  PUBLISHABLE_KEY_PLACEHOLDER,
  SECRET_KEY_PLACEHOLDER,
  shellQuote,
  stringLiteral,
} from './snippets';

const base = {
  origin: 'https://parley.example/',
  assistantId: '7f1c2a4e-0000-4000-8000-000000000001',
  slug: 'support-desk',
  question: 'How long do refunds take?',
};

describe('buildSnippets', () => {
  it('points the OpenAI clients at /v1 with the slug as the model', () => {
    const s = buildSnippets(base);
    expect(s.python).toContain('base_url="https://parley.example/v1"');
    expect(s.python).toContain('model="support-desk"');
    expect(s.node).toContain('baseURL: "https://parley.example/v1"');
    expect(s.node).toContain('model: "support-desk"');
    expect(s.fetch).toContain('"https://parley.example/v1/chat/completions"');
  });

  it("uses the assistant's id in Parley's own API", () => {
    expect(buildSnippets(base).curl).toContain(`'https://parley.example/api/v1/assistants/${base.assistantId}/conversations'`);
  });

  it('fills the placeholder without a key, and the secret key when there is one', () => {
    const empty = buildSnippets(base);
    for (const id of ['curl', 'fetch', 'python', 'node'] as const) expect(empty[id]).toContain(SECRET_KEY_PLACEHOLDER);

    const withKey = buildSnippets({ ...base, secretKey: 'sk_live123' });
    for (const id of ['curl', 'fetch', 'python', 'node'] as const) {
      expect(withKey[id]).toContain('sk_live123');
      expect(withKey[id]).not.toContain(SECRET_KEY_PLACEHOLDER);
    }
  });

  it('keeps a question with quotes, apostrophes and right-to-left text intact', () => {
    const question = `What's the "refund" policy? מה המדיניות\\`;
    const s = buildSnippets({ ...base, question });
    expect(s.python).toContain(`"content": ${JSON.stringify(question)}`);
    expect(s.node).toContain(`content: ${JSON.stringify(question)}`);
    expect(s.curl).toContain(shellQuote(JSON.stringify({ content: question })));
  });
});

describe('buildWidgetSnippet', () => {
  const widget = { origin: 'https://parley.example/', slug: 'support-desk' };

  it('writes the plain tag: the script from this Parley, the assistant, the key and the default position', () => {
    expect(buildWidgetSnippet({ ...widget, publishableKey: 'pk_live456' })).toBe(
      '<script src="https://parley.example/widget.js" data-assistant="support-desk" data-key="pk_live456" ' +
        'data-position="bottom-right" async></script>',
    );
  });

  it("stands in for a missing key with the placeholder, or with a known key's first characters", () => {
    expect(buildWidgetSnippet(widget)).toContain(`data-key="${PUBLISHABLE_KEY_PLACEHOLDER}"`);
    expect(buildWidgetSnippet({ ...widget, publishableKey: keyStandIn('pk_ab12cd') })).toContain('data-key="pk_ab12cd…"');
  });

  it('adds the language, the position and opening on load only when chosen', () => {
    const tag = buildWidgetSnippet({ ...widget, publishableKey: 'pk_x', language: 'he', position: 'bottom-left', openOnLoad: true });
    expect(tag).toBe(
      '<script src="https://parley.example/widget.js" data-assistant="support-desk" data-key="pk_x" ' +
        'data-lang="he" data-position="bottom-left" data-open="true" async></script>',
    );
    const automatic = buildWidgetSnippet({ ...widget, publishableKey: 'pk_x', language: null, openOnLoad: false });
    expect(automatic).not.toContain('data-lang');
    expect(automatic).not.toContain('data-open');
  });

  it('escapes every attribute value', () => {
    const tag = buildWidgetSnippet({ origin: 'https://a.example/"x', slug: 'a<b', publishableKey: 'pk_"&' });
    expect(tag).toContain('src="https://a.example/&quot;x/widget.js"');
    expect(tag).toContain('data-assistant="a&lt;b"');
    expect(tag).toContain('data-key="pk_&quot;&amp;"');
  });
});

describe('escaping', () => {
  it('shell-quotes so that the shell gives back the exact text', () => {
    const text = `it's $HOME "quoted" \`tick\` \\ end`;
    expect(execFileSync('sh', ['-c', `printf %s ${shellQuote(text)}`], { encoding: 'utf8' })).toBe(text);
  });

  it('writes string literals JavaScript reads back unchanged', () => {
    const text = 'line\nbreak "quote" \\ \u2028 שלום';
    expect(stringLiteral(text)).not.toContain('\u2028');
    expect(JSON.parse(stringLiteral(text))).toBe(text);
  });

  it('escapes HTML attribute values', () => {
    expect(htmlAttribute('a"b<c>&d')).toBe('a&quot;b&lt;c&gt;&amp;d');
  });
});
