// Failure reasons: translated by the server's code, with numbers and addresses taken from its sentence.
import { describe, expect, it } from 'vitest';
import { describeFailure } from './failure-reason';

const t = (key: string, params?: Record<string, string>) => `${key}${params && Object.keys(params).length ? JSON.stringify(params) : ''}`;

describe('describeFailure', () => {
  it('translates by code', () => {
    expect(describeFailure('The PDF is password-protected', 'pdf_password', t)).toEqual({ text: 'failure.pdfPassword', detail: null });
  });

  it('carries numbers and addresses from the sentence, and keeps a variable tail as detail', () => {
    expect(describeFailure('The file is larger than the 50 MB upload limit', 'too_large', t).text).toBe('failure.tooLarge{"limit":"50"}');
    const crawl = describeFailure('Nothing could be read from https://example.com/a (404)', 'crawl_nothing_read', t);
    expect(crawl).toEqual({
      text: 'failure.crawlNothing{"url":"https://example.com/a"}',
      detail: 'Nothing could be read from https://example.com/a (404)',
    });
  });

  it("shows the server's sentence for a code it does not know, or none", () => {
    expect(describeFailure('Could not find the host nope.invalid', 'crawl_dns_failed', t)).toEqual({
      text: 'Could not find the host nope.invalid',
      detail: null,
    });
    expect(describeFailure('Something new', null, t).text).toBe('Something new');
  });
});
