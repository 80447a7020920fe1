import { describe, expect, it } from 'vitest';
import { keepingBuiltins, loadPdfJs } from './pdfjs-loader.js';

describe('keepingBuiltins', () => {
  it('puts back built-ins the loader replaced and keeps what it added', async () => {
    const push = Array.prototype.push;
    const stringify = JSON.stringify;
    const added = 'parleyTestAddition';
    try {
      await keepingBuiltins(async () => {
        Array.prototype.push = function slowPush(this: unknown[], ...items: unknown[]) {
          return push.apply(this, items);
        };
        JSON.stringify = () => 'polyfilled';
        Object.defineProperty(Map.prototype, added, { value: 1, configurable: true });
      });
      expect(Array.prototype.push).toBe(push);
      expect(JSON.stringify).toBe(stringify);
      expect(added in Map.prototype).toBe(true);
    } finally {
      delete (Map.prototype as unknown as Record<string, unknown>)[added];
    }
  });

  it('restores them when the loader fails too', async () => {
    const parse = JSON.parse;
    await expect(
      keepingBuiltins(async () => {
        JSON.parse = () => null;
        throw new Error('load failed');
      }),
    ).rejects.toThrow('load failed');
    expect(JSON.parse).toBe(parse);
  });
});

describe('loadPdfJs', () => {
  it("loads pdf.js and its worker without leaving core-js's slower push and JSON in the process", async () => {
    const push = Array.prototype.push;
    const stringify = JSON.stringify;
    const parse = JSON.parse;
    const pdfjs = await loadPdfJs();
    expect(typeof pdfjs.getDocument).toBe('function');
    expect(typeof (globalThis as { pdfjsWorker?: { WorkerMessageHandler?: unknown } }).pdfjsWorker?.WorkerMessageHandler).toBe('function');
    expect(Array.prototype.push).toBe(push);
    expect(JSON.stringify).toBe(stringify);
    expect(JSON.parse).toBe(parse);
    // Features Node 20 lacks, which pdf.js needs, stay.
    expect(typeof (Promise as { withResolvers?: unknown }).withResolvers).toBe('function');
    expect(await loadPdfJs()).toBe(pdfjs);
  });
});
