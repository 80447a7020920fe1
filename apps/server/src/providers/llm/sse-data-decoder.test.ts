import { describe, expect, it } from 'vitest';
import { SseDataDecoder } from './sse-data-decoder.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('SseDataDecoder', () => {
  it('returns the data of each complete event', () => {
    const decoder = new SseDataDecoder();
    expect([...decoder.push(bytes('data: {"a":1}\n\ndata: {"b":2}\n\n'))]).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('joins events split across chunks, anywhere, including inside a UTF-8 character', () => {
    const decoder = new SseDataDecoder();
    const all = bytes('data: {"text":"héllo"}\r\n\r\ndata: [DONE]\n\n');
    const seen: string[] = [];
    for (let i = 0; i < all.length; i += 3) seen.push(...decoder.push(all.subarray(i, i + 3)));
    expect(seen).toEqual(['{"text":"héllo"}', '[DONE]']);
  });

  it('skips comments and other fields, and joins multi-line data with newlines', () => {
    const decoder = new SseDataDecoder();
    const events = decoder.push(bytes(': keep-alive\n\nevent: message\nid: 7\ndata: line one\ndata:line two\n\n'));
    expect([...events]).toEqual(['line one\nline two']);
  });

  it('finish() delivers a last event that lacks its blank line', () => {
    const decoder = new SseDataDecoder();
    expect([...decoder.push(bytes('data: {"a":1}\n\ndata: {"b":2}'))]).toEqual(['{"a":1}']);
    expect([...decoder.finish()]).toEqual(['{"b":2}']);
  });
});
