// Which answers need the code highlighter.
import { describe, expect, it } from 'vitest';
import { hasCodeBlock } from './use-highlighter';

describe('hasCodeBlock', () => {
  it('sees fenced and indented code', () => {
    expect(hasCodeBlock('Run this:\n\n```sh\nnpm start\n```')).toBe(true);
    expect(hasCodeBlock('~~~\nx\n~~~')).toBe(true);
    expect(hasCodeBlock('Example:\n\n    const x = 1;')).toBe(true);
  });

  it('ignores prose, inline code and list indentation', () => {
    expect(hasCodeBlock('The warranty lasts two years [1].')).toBe(false);
    expect(hasCodeBlock('Use `npm start` to begin.')).toBe(false);
    expect(hasCodeBlock('- one\n  - nested')).toBe(false);
  });
});
