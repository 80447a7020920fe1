// An answer's markdown: GFM tables and lists, highlighted code blocks (left to right, with a copy button)
// and `[n]` markers drawn as small buttons that open the source. Each block (paragraph, quote, list, item,
// heading, table, cell) takes the direction of its own words (see text-direction.ts), so an English line
// in a Hebrew answer reads left to right and a Hebrew source line with a Latin file name still reads right
// to left. Highlighting loads with the first answer that has a code block (use-highlighter.ts).
import { ActionIcon, CopyButton, Tooltip, Typography } from '@mantine/core';
import type { Citation } from '@parley/contracts';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { createElement, memo, useMemo, type HTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import ReactMarkdown, { type Components, type ExtraProps, type Options } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import classes from './chat.module.css';
import { remarkCitations } from './citation-markers';
import { textDirection } from './text-direction';
import { hasCodeBlock, useHighlighter } from './use-highlighter';

type PluggableList = NonNullable<Options['remarkPlugins']>;

interface MarkdownProps {
  text: string;
  citations: Citation[];
  onCitation: (n: number) => void;
}

interface HastLike {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastLike[];
}

function textOf(node: HastLike | undefined): string {
  if (!node) return '';
  if (node.type === 'text') return node.value ?? '';
  return (node.children ?? []).map(textOf).join('');
}

// Inside a block, source buttons and code say nothing about the direction of the words around them.
const NO_DIRECTION = new Set(['cite', 'code']);

function wordsOf(node: HastLike | undefined): string {
  if (!node) return '';
  if (node.type === 'text') return node.value ?? '';
  if (node.tagName && NO_DIRECTION.has(node.tagName)) return ' ';
  return (node.children ?? []).map(wordsOf).join('');
}

/** A block in the direction of its own words; with none (only numbers or file names), the answer's. */
function directed(tag: string) {
  return function Directed({ node, ...props }: HTMLAttributes<HTMLElement> & ExtraProps) {
    return createElement(tag, { ...props, dir: textDirection(wordsOf(node as HastLike | undefined)) ?? undefined });
  };
}

// Every block in its own words' direction. The page has its h1 and the conversation its h2: headings in
// answers start below them.
const BLOCKS = {
  p: directed('p'),
  blockquote: directed('blockquote'),
  ul: directed('ul'),
  ol: directed('ol'),
  li: directed('li'),
  td: directed('td'),
  th: directed('th'),
  h1: directed('h3'),
  h2: directed('h4'),
  h3: directed('h5'),
  h4: directed('h6'),
  h5: directed('h6'),
  h6: directed('h6'),
} satisfies Components;

export const Markdown = memo(function Markdown({ text, citations, onCitation }: MarkdownProps) {
  const { t } = useTranslation('chat');
  const byNumber = useMemo(() => new Map(citations.map((c) => [c.n, c])), [citations]);

  const remarkPlugins = useMemo<PluggableList>(() => [remarkGfm, [remarkCitations, { known: (n: number) => byNumber.has(n) }]], [byNumber]);
  const highlighter = useHighlighter(hasCodeBlock(text));
  const rehypePlugins = useMemo<PluggableList>(() => (highlighter ? [[highlighter, { detect: false }]] : []), [highlighter]);

  const components = useMemo<Components>(
    () => ({
      cite({ node }) {
        const n = Number((node as HastLike | undefined)?.properties?.dataN);
        const citation = byNumber.get(n);
        return (
          <button
            type="button"
            className={classes.citeRef}
            data-testid="citation-ref"
            data-n={n}
            aria-label={t('citations.ref', { n, title: citation?.documentTitle ?? '' })}
            onClick={() => onCitation(n)}
          >
            {n}
          </button>
        );
      },
      pre({ node, children }) {
        return <CodeBlock code={textOf(node as HastLike | undefined).replace(/\n$/, '')}>{children}</CodeBlock>;
      },
      table({ node, children }) {
        // Columns run from the start side of the table's own words.
        return (
          <div className={classes.tableWrap}>
            <table dir={textDirection(wordsOf(node as HastLike | undefined)) ?? undefined}>{children}</table>
          </div>
        );
      },
      a({ href, children }) {
        return (
          <a href={href} target="_blank" rel="noopener noreferrer nofollow">
            {children}
          </a>
        );
      },
      // Code reads left to right, also inline in a right-to-left sentence.
      code({ className, children }) {
        return (
          <code className={className} dir="ltr">
            {children}
          </code>
        );
      },
      ...BLOCKS,
    }),
    [byNumber, onCitation, t],
  );

  return (
    <Typography className={classes.answer}>
      <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={rehypePlugins} components={components}>
        {text}
      </ReactMarkdown>
    </Typography>
  );
});

function CodeBlock({ code, children }: { code: string; children: ReactNode }) {
  const { t } = useTranslation('chat');
  return (
    <div className={classes.codeBlock} dir="ltr">
      <pre dir="ltr">{children}</pre>
      <CopyButton value={code} timeout={1500}>
        {({ copied, copy }) => (
          <Tooltip withinPortal={false} label={copied ? t('common:actions.copied') : t('code.copy')} withArrow>
            <ActionIcon
              className={classes.codeCopy}
              variant="default"
              size="sm"
              onClick={copy}
              aria-label={copied ? t('common:actions.copied') : t('code.copy')}
              data-testid="code-copy"
            >
              {copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </div>
  );
}
