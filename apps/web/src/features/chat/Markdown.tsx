// An answer's markdown: GFM tables and lists, highlighted code blocks (left to right, with a copy button)
// and `[n]` markers drawn as small buttons that open the source. The highlight theme is imported here so
// its CSS ships with the chat chunk only.
import 'highlight.js/styles/a11y-light.css';
import { ActionIcon, CopyButton, Tooltip, Typography } from '@mantine/core';
import type { Citation } from '@parley/contracts';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { memo, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import ReactMarkdown, { type Components, type Options } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import remarkGfm from 'remark-gfm';
import classes from './chat.module.css';
import { remarkCitations } from './citation-markers';

type PluggableList = NonNullable<Options['remarkPlugins']>;

interface MarkdownProps {
  text: string;
  citations: Citation[];
  onCitation: (n: number) => void;
}

interface HastLike {
  type: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastLike[];
}

function textOf(node: HastLike | undefined): string {
  if (!node) return '';
  if (node.type === 'text') return node.value ?? '';
  return (node.children ?? []).map(textOf).join('');
}

export const Markdown = memo(function Markdown({ text, citations, onCitation }: MarkdownProps) {
  const { t } = useTranslation('chat');
  const byNumber = useMemo(() => new Map(citations.map((c) => [c.n, c])), [citations]);

  const remarkPlugins = useMemo<PluggableList>(() => [remarkGfm, [remarkCitations, { known: (n: number) => byNumber.has(n) }]], [byNumber]);

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
      table({ children }) {
        return (
          <div className={classes.tableWrap}>
            <table>{children}</table>
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
      // The page has its h1 and the conversation its h2: headings in answers start below them.
      h1: ({ children }) => <h3>{children}</h3>,
      h2: ({ children }) => <h4>{children}</h4>,
      h3: ({ children }) => <h5>{children}</h5>,
      h4: ({ children }) => <h6>{children}</h6>,
    }),
    [byNumber, onCitation, t],
  );

  return (
    <Typography className={classes.answer}>
      <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={[[rehypeHighlight, { detect: false }]]} components={components}>
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
          <Tooltip label={copied ? t('common:actions.copied') : t('code.copy')} withArrow>
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
