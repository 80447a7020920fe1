// A web page or a crawled site as one document: every fetched page (HTML, PDF or text) is parsed like
// an upload, and its blocks go under a level-1 heading with the page's title, so chunks keep which
// page they came from in their heading path. Pages are numbered in crawl order.
import type { CrawlOptions as CrawlSettings } from '@parley/contracts';
import { crawlSitePages, type CrawledPage } from './crawler/crawler.js';
import { DocumentParseError, type Block, type ParsedDocument } from './document-model.js';
import { parseDocument } from './parsers/parse-document.js';

export async function fetchWebDocument(
  url: string,
  crawl: CrawlSettings | null,
  options: { allowPrivateNetworks: boolean; concurrency: number },
  onProgress: (fraction: number) => Promise<void>,
): Promise<ParsedDocument> {
  const maxPages = crawl ? crawl.maxPages : 1;
  const pages = crawlSitePages(url, {
    maxDepth: crawl ? crawl.maxDepth : 0,
    maxPages,
    sameSite: crawl ? crawl.sameSite : true,
    useSitemaps: crawl !== null,
    concurrency: options.concurrency,
    allowPrivateNetworks: options.allowPrivateNetworks,
  });
  const blocks: Block[] = [];
  const pageUrls: string[] = [];
  const problems: string[] = [];
  let title: string | undefined;
  let count = 0;
  let next = await pages.next();
  while (!next.done) {
    const page: CrawledPage = next.value;
    count++;
    pageUrls.push(page.finalUrl);
    try {
      // The crawler decoded text pages with the charset the site declared: parse that, not a guess.
      const parsed = await parseDocument(
        page.body,
        { filename: page.finalUrl, mimeType: page.contentType },
        { ...(page.text !== undefined ? { text: page.text } : {}), url: page.finalUrl },
      );
      const pageTitle = parsed.title ?? page.title ?? page.finalUrl;
      title ??= pageTitle;
      if (crawl) blocks.push({ kind: 'heading', level: 1, text: pageTitle, page: count });
      for (const block of parsed.blocks) {
        const shifted = crawl && block.kind === 'heading' ? { ...block, level: Math.min(6, (block.level ?? 1) + 1) } : block;
        blocks.push({ ...shifted, page: count });
      }
    } catch (err) {
      problems.push(`${page.finalUrl}: ${err instanceof DocumentParseError ? err.reason : (err as Error).message}`);
    }
    await onProgress(Math.min(1, count / maxPages));
    next = await pages.next();
  }
  const result = next.value;
  if (blocks.length === 0) {
    const first = result.errors[0] ?? result.skipped[0];
    const why = problems[0] ?? (first ? `${first.url}: ${first.reason}` : 'the site returned no readable pages');
    throw new DocumentParseError('crawl_nothing_read', `Nothing could be read from ${url} (${why})`);
  }
  return { kind: 'html', ...(title ? { title } : {}), ...(crawl ? { pages: count, pageUrls } : {}), blocks };
}
