// One file sent as multipart with XMLHttpRequest, because fetch cannot report upload progress. Same
// credentials as the API client: session cookies, the active organization header, one refresh on 401.
import type { DocumentDto, ErrorResponse } from '@parley/contracts';
import { ApiError, apiUrl, getActiveOrganization, NetworkError, ORGANIZATION_HEADER, refreshSession } from '../../api/client';

export interface UploadRequest {
  path: string;
  file: File;
  /** Fraction of the bytes sent, 0–1. */
  onProgress: (fraction: number) => void;
  signal: AbortSignal;
}

export async function uploadDocument(request: UploadRequest): Promise<DocumentDto> {
  try {
    return await sendOnce(request);
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 401 || request.signal.aborted) throw err;
    if (!(await refreshSession())) throw err;
    request.onProgress(0);
    return sendOnce(request);
  }
}

function sendOnce({ path, file, onProgress, signal }: UploadRequest): Promise<DocumentDto> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new DOMException('Upload cancelled', 'AbortError'));
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(path));
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    const organization = getActiveOrganization();
    if (organization) xhr.setRequestHeader(ORGANIZATION_HEADER, organization);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(Math.min(1, e.loaded / e.total));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as DocumentDto);
        } catch (err) {
          reject(new NetworkError(err));
        }
      } else reject(errorOf(xhr));
    };
    xhr.onerror = () => reject(new NetworkError(new Error('upload failed')));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

function errorOf(xhr: XMLHttpRequest): ApiError {
  let body: Partial<ErrorResponse> | null = null;
  try {
    body = JSON.parse(xhr.responseText) as ErrorResponse;
  } catch {
    // A proxy in front of Parley may answer 413 in HTML: the status alone says enough.
  }
  return new ApiError(
    xhr.status,
    body?.error?.code ?? `http_${xhr.status}`,
    body?.error?.message ?? xhr.statusText,
    body?.error?.details,
    body?.requestId ?? xhr.getResponseHeader('x-request-id'),
  );
}
