// The two parse + chunk pipelines the ingestion bench compares: Parley's parseDocument + chunkDocument, and
// a LangChain.js pipeline (PDFLoader with pdf-parse, DocxLoader with mammoth, TextLoader, RecursiveCharacterTextSplitter).
// Each is loaded on demand, and parse-chunk-runner.ts runs each in a process of its own.
import { readFile } from 'node:fs/promises';
import { mimeTypes, type CorpusFile, type CorpusKind } from './corpus.js';

export const PARLEY_CHUNKING = { chunkSize: 512, chunkOverlap: 64 } as const;
/** A rough character equivalent of 512/64 tokens (about 4 characters per token in English). */
export const LANGCHAIN_CHUNKING = { chunkSize: 2000, chunkOverlap: 256 } as const;

export const pipelineNames = ['parley', 'langchain'] as const;
export type PipelineName = (typeof pipelineNames)[number];

export interface FileRun {
  kind: CorpusKind;
  bytes: number;
  pages: number;
  chunks: number;
  ms: number;
  /** Part of `ms` spent reading and parsing the file, before chunking. */
  loadMs: number;
}

export interface RunnerOutput {
  runs: FileRun[];
  failures: string[];
}

/** `loadMs`: time to read and parse (load, for LangChain), before chunking. */
export type Pipeline = (file: CorpusFile) => Promise<{ chunks: number; pages: number; loadMs: number }>;

export async function parleyPipeline(): Promise<Pipeline> {
  const { parseDocument } = await import('../../../apps/server/src/ingestion/parsers/parse-document.js');
  const { chunkDocument } = await import('../../../apps/server/src/ingestion/chunker.js');
  return async (file) => {
    const started = performance.now();
    const bytes = new Uint8Array(await readFile(file.path));
    const doc = await parseDocument(bytes, { filename: file.name, mimeType: mimeTypes[file.kind] });
    const loadMs = performance.now() - started;
    const chunks = chunkDocument(doc, PARLEY_CHUNKING);
    return { chunks: chunks.length, pages: doc.pages ?? 0, loadMs };
  };
}

export async function langchainPipeline(): Promise<Pipeline> {
  const { PDFLoader } = await import('@langchain/community/document_loaders/fs/pdf');
  const { DocxLoader } = await import('@langchain/community/document_loaders/fs/docx');
  const { TextLoader } = await import('@langchain/classic/document_loaders/fs/text');
  const { RecursiveCharacterTextSplitter } = await import('@langchain/textsplitters');
  const textSplitter = new RecursiveCharacterTextSplitter(LANGCHAIN_CHUNKING);
  const htmlSplitter = RecursiveCharacterTextSplitter.fromLanguage('html', LANGCHAIN_CHUNKING);
  return async (file) => {
    const loader =
      file.kind === 'pdf' ? new PDFLoader(file.path) : file.kind === 'docx' ? new DocxLoader(file.path) : new TextLoader(file.path);
    const started = performance.now();
    const docs = await loader.load();
    const loadMs = performance.now() - started;
    const chunks = await (file.kind === 'html' ? htmlSplitter : textSplitter).splitDocuments(docs);
    const pages =
      file.kind === 'pdf' ? new Set(docs.map((d) => (d.metadata as { loc?: { pageNumber?: number } }).loc?.pageNumber)).size : 0;
    return { chunks: chunks.length, pages, loadMs };
  };
}
