// The upload queue of an assistant's knowledge page: files checked at once (type, size, empty), sent
// three at a time, each followed from its first byte to the indexed (or failed) document. The queue
// lives outside React, one per assistant, so uploads carry on while the person visits another tab.
// The pure part (checkFile, uploadReducer, nextUploads, rowView) is unit-tested.
import type { DocumentDto } from '@parley/contracts';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import { ApiError } from '../../api/client';
import { documentKeys, rememberDocument } from './api';
import { uploadDocument } from './upload-request';

export const UPLOAD_CONCURRENCY = 3;

/** What the server reads (it types files by their content; the extension is our early check). */
export const ACCEPTED_EXTENSIONS = ['pdf', 'docx', 'html', 'htm', 'md', 'markdown', 'txt', 'csv'] as const;
const ACCEPTED_TYPES = new Set([
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'text/html',
  'application/xhtml+xml',
  'text/markdown',
  'text/x-markdown',
  'text/plain',
  'text/csv',
]);
/** For the file picker's `accept` attribute. */
export const ACCEPT_ATTRIBUTE = ACCEPTED_EXTENSIONS.map((e) => `.${e}`).join(',');

export type Rejection = { reason: 'too_large'; limitBytes: number } | { reason: 'type' } | { reason: 'empty' };

export interface FileFacts {
  name: string;
  size: number;
  type: string;
}

/** Why a file cannot be sent, or null. The extension decides the type; without one, the browser's type. */
export function checkFile(file: FileFacts, limits: { maxBytes: number | null }): Rejection | null {
  const extension = /\.([^./\\]+)$/.exec(file.name)?.[1]?.toLowerCase();
  const known = extension ? (ACCEPTED_EXTENSIONS as readonly string[]).includes(extension) : ACCEPTED_TYPES.has(file.type.split(';')[0]!);
  if (!known) return { reason: 'type' };
  if (file.size === 0) return { reason: 'empty' };
  if (limits.maxBytes !== null && file.size > limits.maxBytes) return { reason: 'too_large', limitBytes: limits.maxBytes };
  return null;
}

export type UploadState = 'waiting' | 'uploading' | 'sent' | 'error' | 'rejected';

export interface UploadItem {
  key: string;
  name: string;
  size: number;
  state: UploadState;
  /** Whole percent of the bytes sent. */
  sentPercent: number;
  /** The server's answer: the new document, or the existing one with `deduplicated`. */
  document: DocumentDto | null;
  error: unknown;
  rejection: Rejection | null;
}

export type UploadAction =
  | { type: 'add'; items: UploadItem[] }
  | { type: 'start'; key: string }
  | { type: 'progress'; key: string; fraction: number }
  | { type: 'sent'; key: string; document: DocumentDto }
  | { type: 'fail'; key: string; error: unknown }
  | { type: 'remove'; keys: string[] };

export function uploadReducer(items: UploadItem[], action: UploadAction): UploadItem[] {
  const update = (key: string, change: (item: UploadItem) => UploadItem) => {
    let changed = false;
    const next = items.map((item) => {
      if (item.key !== key) return item;
      const updated = change(item);
      changed ||= updated !== item;
      return updated;
    });
    return changed ? next : items;
  };
  switch (action.type) {
    case 'add':
      return [...items, ...action.items];
    case 'start':
      return update(action.key, (i) => (i.state === 'waiting' ? { ...i, state: 'uploading', sentPercent: 0 } : i));
    case 'progress': {
      const percent = Math.max(0, Math.min(100, Math.floor(action.fraction * 100)));
      // Progress events come many times a second; only a new whole percent is a change.
      return update(action.key, (i) => (i.state === 'uploading' && i.sentPercent !== percent ? { ...i, sentPercent: percent } : i));
    }
    case 'sent':
      return update(action.key, (i) => ({ ...i, state: 'sent', sentPercent: 100, document: action.document }));
    case 'fail':
      return update(action.key, (i) => ({ ...i, state: 'error', error: action.error }));
    case 'remove':
      return items.filter((i) => !action.keys.includes(i.key));
  }
}

/** The waiting uploads to start now so that at most `concurrency` are in flight, oldest first. */
export function nextUploads(items: readonly UploadItem[], concurrency = UPLOAD_CONCURRENCY): string[] {
  const free = concurrency - items.filter((i) => i.state === 'uploading').length;
  if (free <= 0) return [];
  return items
    .filter((i) => i.state === 'waiting')
    .slice(0, free)
    .map((i) => i.key);
}

export type RowPhase = 'waiting' | 'uploading' | 'queued' | 'processing' | 'indexed' | 'failed' | 'rejected';

export interface RowView {
  phase: RowPhase;
  /** 0–100: the upload's percent while uploading, then the document's processing progress. */
  percent: number;
  /** The server's reason (sentence and code) when the document failed. */
  documentError: string | null;
  documentErrorCode: string | null;
}

/**
 * One continuous bar per file: the upload first, then the live document (from the list the event
 * stream keeps current) until it is indexed or failed.
 */
export function rowView(item: UploadItem, live: Pick<DocumentDto, 'status' | 'progress' | 'error' | 'errorCode'> | undefined): RowView {
  if (item.state === 'rejected') return { phase: 'rejected', percent: 0, documentError: null, documentErrorCode: null };
  if (item.state === 'error') return { phase: 'failed', percent: 100, documentError: null, documentErrorCode: null };
  if (item.state === 'waiting') return { phase: 'waiting', percent: 0, documentError: null, documentErrorCode: null };
  if (item.state === 'uploading') return { phase: 'uploading', percent: item.sentPercent, documentError: null, documentErrorCode: null };
  const document = live ?? item.document;
  if (!document) return { phase: 'queued', percent: 0, documentError: null, documentErrorCode: null };
  switch (document.status) {
    case 'queued':
      return { phase: 'queued', percent: 0, documentError: null, documentErrorCode: null };
    case 'processing':
      return { phase: 'processing', percent: Math.round(document.progress * 100), documentError: null, documentErrorCode: null };
    case 'indexed':
      return { phase: 'indexed', percent: 100, documentError: null, documentErrorCode: null };
    case 'failed':
      return { phase: 'failed', percent: 100, documentError: document.error, documentErrorCode: document.errorCode };
  }
}

/** Rows that need nothing more from the person or the server. */
export function isFinished(view: RowView): boolean {
  return view.phase === 'indexed' || view.phase === 'failed' || view.phase === 'rejected';
}

let keySequence = 0;

export function makeItems(files: readonly FileFacts[], limits: { maxBytes: number | null }): UploadItem[] {
  return files.map((file) => {
    const rejection = checkFile(file, limits);
    return {
      key: `upload-${++keySequence}`,
      name: file.name,
      size: file.size,
      state: rejection ? 'rejected' : 'waiting',
      sentPercent: 0,
      document: null,
      error: null,
      rejection,
    };
  });
}

class UploadQueue {
  private items: UploadItem[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly files = new Map<string, File>();
  private readonly controllers = new Map<string, AbortController>();

  constructor(
    private readonly assistantId: string,
    private readonly queryClient: QueryClient,
  ) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.items;

  add(files: readonly File[], limits: { maxBytes: number | null }): void {
    const items = makeItems(files, limits);
    items.forEach((item, i) => item.state === 'waiting' && this.files.set(item.key, files[i]!));
    this.dispatch({ type: 'add', items });
    this.pump();
  }

  /** Stops an upload that has not finished and drops its row. */
  cancel(key: string): void {
    this.controllers.get(key)?.abort();
    this.files.delete(key);
    this.dispatch({ type: 'remove', keys: [key] });
    this.pump();
  }

  dismiss(keys: string[]): void {
    this.dispatch({ type: 'remove', keys });
  }

  private dispatch(action: UploadAction): void {
    const next = uploadReducer(this.items, action);
    if (next === this.items) return;
    this.items = next;
    for (const listener of this.listeners) listener();
  }

  private pump(): void {
    for (const key of nextUploads(this.items)) void this.send(key);
  }

  private async send(key: string): Promise<void> {
    const file = this.files.get(key);
    if (!file) return;
    const controller = new AbortController();
    this.controllers.set(key, controller);
    this.dispatch({ type: 'start', key });
    try {
      const document = await uploadDocument({
        path: `assistants/${this.assistantId}/documents`,
        file,
        signal: controller.signal,
        onProgress: (fraction) => this.dispatch({ type: 'progress', key, fraction }),
      });
      this.dispatch({ type: 'sent', key, document });
      rememberDocument(this.queryClient, this.assistantId, document);
    } catch (error) {
      if (!controller.signal.aborted) {
        this.dispatch({ type: 'fail', key, error });
        // A file over the limit is still listed, as failed: show it.
        if (error instanceof ApiError && error.status === 413)
          void this.queryClient.invalidateQueries({ queryKey: documentKeys.lists(this.assistantId) });
      }
    } finally {
      this.files.delete(key);
      this.controllers.delete(key);
      this.pump();
    }
  }
}

const queues = new Map<string, UploadQueue>();

function queueFor(assistantId: string, queryClient: QueryClient): UploadQueue {
  let queue = queues.get(assistantId);
  if (!queue) {
    queue = new UploadQueue(assistantId, queryClient);
    queues.set(assistantId, queue);
  }
  return queue;
}

export function useUploadQueue(assistantId: string) {
  const queryClient = useQueryClient();
  const queue = useMemo(() => queueFor(assistantId, queryClient), [assistantId, queryClient]);
  const items = useSyncExternalStore(queue.subscribe, queue.getSnapshot);
  const busy = items.some((i) => i.state === 'waiting' || i.state === 'uploading');

  // Leaving the site mid-upload loses the files: let the browser ask first.
  useEffect(() => {
    if (!busy) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [busy]);

  return {
    items,
    add: useCallback((files: readonly File[], limits: { maxBytes: number | null }) => queue.add(files, limits), [queue]),
    cancel: useCallback((key: string) => queue.cancel(key), [queue]),
    dismiss: useCallback((keys: string[]) => queue.dismiss(keys), [queue]),
  };
}
