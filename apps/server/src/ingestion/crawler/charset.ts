// Turns page bytes into text the way a browser would pick the encoding: a byte-order mark first,
// then the Content-Type charset, then (for HTML) a <meta charset> in the first 1024 bytes, then
// UTF-8 if the bytes are valid UTF-8, else windows-1252 (what the HTML standard falls back to).
import { TextDecoder } from 'node:util';

export interface ContentType {
  /** Lower-case MIME type without parameters ('' when the header is missing or empty). */
  readonly mimeType: string;
  readonly charset?: string;
}

export function parseContentType(header: string | null | undefined): ContentType {
  if (!header) return { mimeType: '' };
  const [type = '', ...params] = header.split(';');
  let charset: string | undefined;
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq === -1) continue;
    if (param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    const value = param
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim();
    if (value !== '') charset = value.toLowerCase();
  }
  return charset === undefined ? { mimeType: type.trim().toLowerCase() } : { mimeType: type.trim().toLowerCase(), charset };
}

function decoderFor(label: string | undefined): TextDecoder | undefined {
  if (!label) return undefined;
  try {
    return new TextDecoder(label);
  } catch {
    return undefined;
  }
}

function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return undefined;
}

/** The encoding named by <meta charset> or <meta http-equiv=content-type> in the first 1024 bytes. */
export function sniffMetaCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const match = head.match(/<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([a-z0-9_:.+-]+)/i);
  if (!match) return undefined;
  const label = match[1]!.toLowerCase();
  // A <meta> cannot truthfully declare UTF-16 (it would not be readable as ASCII); browsers use UTF-8.
  return label.startsWith('utf-16') ? 'utf-8' : label;
}

export interface DecodedText {
  readonly text: string;
  /** The encoding actually used (a WHATWG encoding name, e.g. "utf-8", "windows-1252"). */
  readonly charset: string;
}

export function decodeText(bytes: Uint8Array, options: { charset?: string; html?: boolean } = {}): DecodedText {
  const bom = bomEncoding(bytes);
  const declared = decoderFor(bom) ?? decoderFor(options.charset) ?? (options.html ? decoderFor(sniffMetaCharset(bytes)) : undefined);
  if (declared) return { text: declared.decode(bytes), charset: declared.encoding };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), charset: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), charset: 'windows-1252' };
  }
}
