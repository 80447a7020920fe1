// Loads pdf.js once, without letting it slow down the rest of the process.
//
// The legacy build of pdf.js (the one that runs on Node 20) bundles core-js polyfills that install
// themselves on the global built-ins, for every caller in the process and not only for pdf.js. Besides
// adding what Node 20 lacks (Promise.withResolvers, Uint8Array.prototype.toHex, …), they replace
// working natives: Array.prototype.push (over a V8 ≤ 12.1 edge case with non-writable lengths) and
// JSON.stringify / JSON.parse. Measured on Node 20 after the import: push 2.4× slower, JSON.stringify
// 6× slower — a tax on every request the server serialises. Both modules (pdf.js and its worker, which
// brings its own copy of the polyfills) are imported here, and every built-in that existed before is
// put back; the added features stay. pdf.js runs its "fake worker" in this thread: with the worker
// module loaded, it finds `globalThis.pdfjsWorker` and never imports it again.
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';

export type PdfJs = typeof PdfJsModule;

function builtins(): object[] {
  const typedArray = Object.getPrototypeOf(Uint8Array) as object;
  const list: unknown[] = [
    Array,
    Array.prototype,
    Object,
    Object.prototype,
    Function.prototype,
    JSON,
    Math,
    Reflect,
    String,
    String.prototype,
    Number,
    Number.prototype,
    Symbol,
    RegExp.prototype,
    Promise,
    Promise.prototype,
    Map,
    Map.prototype,
    Set,
    Set.prototype,
    WeakMap.prototype,
    WeakSet.prototype,
    ArrayBuffer,
    ArrayBuffer.prototype,
    DataView.prototype,
    typedArray,
    (typedArray as { prototype: object }).prototype,
    Uint8Array,
    Uint8Array.prototype,
    Error,
    Error.prototype,
  ];
  return list.filter((o): o is object => typeof o === 'object' || typeof o === 'function');
}

function sameDescriptor(a: PropertyDescriptor, b: PropertyDescriptor | undefined): boolean {
  return !!b && Object.is(a.value, b.value) && a.get === b.get && a.set === b.set;
}

/** Runs `load`, then restores every property of the built-ins that it replaced (but not what it added). */
export async function keepingBuiltins<T>(load: () => Promise<T>): Promise<T> {
  const saved = builtins().map((target) => ({ target, descriptors: Object.getOwnPropertyDescriptors(target) }));
  try {
    return await load();
  } finally {
    for (const { target, descriptors } of saved) {
      for (const key of Reflect.ownKeys(descriptors)) {
        const before = descriptors[key as keyof typeof descriptors] as PropertyDescriptor;
        if (!sameDescriptor(before, Object.getOwnPropertyDescriptor(target, key))) Object.defineProperty(target, key, before);
      }
    }
  }
}

let loaded: Promise<PdfJs> | undefined;

/** pdf.js, loaded on first use: most processes that import the parsers never read a PDF. */
export function loadPdfJs(): Promise<PdfJs> {
  loaded ??= keepingBuiltins(async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    return pdfjs;
  });
  return loaded;
}
