// Reads a ZIP file's central directory (no dependency) and refuses archives that would hurt us when
// unpacked: zip bombs (total size or per-entry ratio), too many entries, or a damaged directory.
import { DocumentParseError } from '../document-model.js';

export interface ZipLimits {
  readonly maxTotalBytes: number;
  readonly maxRatio: number;
  readonly maxEntries: number;
}

export const defaultZipLimits: ZipLimits = { maxTotalBytes: 200 * 1024 * 1024, maxRatio: 100, maxEntries: 10_000 };

export interface ZipEntryInfo {
  readonly name: string;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
}

function damaged(): DocumentParseError {
  return new DocumentParseError('The Word document is damaged or is not a .docx file');
}

/** Lists the archive's entries; throws DocumentParseError for a damaged archive. */
export function listZipEntries(bytes: Uint8Array): ZipEntryInfo[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: 22 bytes plus a comment of up to 64 KiB, at the end.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged();
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  if (offset + size > bytes.length) throw damaged();
  const entries: ZipEntryInfo[] = [];
  let p = offset;
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) throw damaged();
    const compressedSize = view.getUint32(p + 20, true);
    const uncompressedSize = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    entries.push({ name, compressedSize, uncompressedSize });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Throws DocumentParseError when unpacking the archive would be unsafe. */
export function assertSafeZip(bytes: Uint8Array, limits: ZipLimits = defaultZipLimits): ZipEntryInfo[] {
  const entries = listZipEntries(bytes);
  if (entries.length > limits.maxEntries) {
    throw new DocumentParseError(`The archive has too many entries (${entries.length}); it may be a zip bomb`);
  }
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    // ZIP64 marks sizes as 0xFFFFFFFF: such huge entries are never a real office document.
    if (e.uncompressedSize === 0xffffffff || e.compressedSize === 0xffffffff) {
      throw new DocumentParseError('The archive is too large when expanded; it may be a zip bomb');
    }
    if (e.uncompressedSize > 1_000_000 && e.uncompressedSize / Math.max(1, e.compressedSize) > limits.maxRatio) {
      throw new DocumentParseError(`The archive expands too much (${e.name} is compressed over ${limits.maxRatio}×); it may be a zip bomb`);
    }
  }
  if (total > limits.maxTotalBytes) {
    throw new DocumentParseError(`The archive is too large when expanded (${Math.round(total / 1_048_576)} MB); it may be a zip bomb`);
  }
  return entries;
}
