// pdf.js ships no types for its worker module; pdfjs-loader.ts only imports it for its side effect
// (it sets globalThis.pdfjsWorker, which pdf.js's in-thread "fake worker" uses).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
