// Code highlighting (highlight.js through rehype-highlight, about half the chat page's script) loads
// only when an answer holds a code block; answers without code render without waiting for it.
import type rehypeHighlight from 'rehype-highlight';
import { useEffect, useState } from 'react';

type RehypeHighlight = typeof rehypeHighlight;

let loaded: RehypeHighlight | null = null;
let loading: Promise<RehypeHighlight> | null = null;

/** Fenced (``` or ~~~) or indented code, as Markdown reads it. */
export function hasCodeBlock(markdown: string): boolean {
  return /(^|\n) {0,3}(```|~~~)|(^|\n\n)( {4}|\t)\S/.test(markdown);
}

/** The highlighting plugin once it is needed and loaded; null until then. */
export function useHighlighter(needed: boolean): RehypeHighlight | null {
  const [plugin, setPlugin] = useState<RehypeHighlight | null>(loaded);
  useEffect(() => {
    if (!needed || plugin) return;
    let live = true;
    loading ??= Promise.all([import('rehype-highlight'), import('highlight.js/styles/a11y-light.css')]).then(([module]) => {
      loaded = module.default;
      return loaded;
    });
    void loading.then((p) => {
      if (live) setPlugin(() => p);
    });
    return () => {
      live = false;
    };
  }, [needed, plugin]);
  return plugin;
}
