// Set-up through the HTTP API for journeys that are not about the set-up itself: calls go through the
// browser context's request client, so the session cookies they receive are the page's too.
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { APIRequestContext } from 'playwright-core';
import { documentFixturesDir } from './paths.js';

export interface TestAccount {
  readonly name: string;
  readonly email: string;
  readonly password: string;
}

let accounts = 0;

/** A new, unique account (nothing is registered yet). */
export function newAccount(name: string): TestAccount {
  accounts += 1;
  const tag = `${Date.now().toString(36)}${process.pid}${accounts}`;
  return { name, email: `e2e-${tag}@example.test`, password: `e2e password ${tag}` };
}

async function json<T>(response: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<T> {
  if (!response.ok()) throw new Error(`${what} → ${response.status()}: ${await response.text()}`);
  return (await response.json()) as T;
}

export async function registerAccount(request: APIRequestContext, account: TestAccount): Promise<{ accessToken: string }> {
  return json(await request.post('/api/v1/auth/register', { data: account }), 'register');
}

export interface AssistantInfo {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
}

export async function createAssistant(request: APIRequestContext, body: { name: string; language?: string }): Promise<AssistantInfo> {
  return json(await request.post('/api/v1/assistants', { data: body }), 'create assistant');
}

export async function getAssistant(request: APIRequestContext, id: string): Promise<AssistantInfo> {
  return json(await request.get(`/api/v1/assistants/${id}`), 'get assistant');
}

export interface DocumentInfo {
  readonly id: string;
  readonly title: string;
  readonly status: string;
}

/** Uploads fixtures from apps/server/test/fixtures/documents and waits until all are indexed. */
export async function addIndexedDocuments(
  request: APIRequestContext,
  assistantId: string,
  files: readonly string[],
): Promise<DocumentInfo[]> {
  const added: DocumentInfo[] = [];
  for (const file of files) {
    const buffer = await readFile(join(documentFixturesDir, file));
    const response = await request.post(`/api/v1/assistants/${assistantId}/documents`, {
      multipart: { file: { name: basename(file), mimeType: 'application/octet-stream', buffer } },
    });
    added.push(await json<DocumentInfo>(response, `upload ${file}`));
  }
  return waitForIndexed(request, assistantId, added.length);
}

export async function listDocuments(request: APIRequestContext, assistantId: string): Promise<DocumentInfo[]> {
  return (await json<{ items: DocumentInfo[] }>(await request.get(`/api/v1/assistants/${assistantId}/documents`), 'list documents')).items;
}

async function waitForIndexed(request: APIRequestContext, assistantId: string, count: number): Promise<DocumentInfo[]> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const items = await listDocuments(request, assistantId);
    const failed = items.find((d) => d.status === 'failed');
    if (failed) throw new Error(`document ${failed.title} failed to index: ${JSON.stringify(failed)}`);
    if (items.length >= count && items.every((d) => d.status === 'indexed')) return items;
    if (Date.now() > deadline) throw new Error(`documents not indexed within 90 s: ${JSON.stringify(items)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function createConversation(request: APIRequestContext, assistantId: string, title?: string): Promise<{ id: string }> {
  return json(
    await request.post(`/api/v1/assistants/${assistantId}/conversations`, { data: title ? { title } : {} }),
    'create conversation',
  );
}

export async function sendMessage(
  request: APIRequestContext,
  conversationId: string,
  content: string,
): Promise<{ assistantMessage: { content: string; citations: { documentTitle: string; quote: string }[] } }> {
  return json(await request.post(`/api/v1/conversations/${conversationId}/messages`, { data: { content } }), 'send message');
}
