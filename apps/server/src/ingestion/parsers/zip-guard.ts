// Reads a ZIP archive's central directory ourselves (no dependency) before anything unpacks it, and
// refuses archives that would hurt us when unpacked: zip bombs (too large in total once unpacked, or
// one large entry compressed far beyond what documents compress to), too many entries, and damaged
// or cut-off archives. Entry sizes in the directory are only claims: `verifyEntrySizes` and
// `readZipEntry` inflate with the claimed size as a hard ceiling, so an archive that lies about them
// is refused too.
import { inflateRawSync } from 'node:zlib';
import { DocumentParseError } from '../document-model.js';

export interface ZipLimits {
  /** Total unpacked size of all entries. */
  readonly maxTotalBytes: number;
  /** Unpacked size over compressed size, for entries of at least `ratioMinBytes` unpacked. */
  readonly maxRatio: number;
  readonly ratioMinBytes: number;
  readonly maxEntries: number;
}

export const defaultZipLimits: ZipLimits = {
  maxTotalBytes: 200 * 1024 * 1024,
  maxRatio: 100,
  // Small entries compress far beyond 100× (an empty style sheet) and can never be a bomb.
  ratioMinBytes: 1024 * 1024,
  maxEntries: 10_000,
};

export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly encrypted: boolean;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
}

/** The archive's structure is broken: not a ZIP, cut off, or inconsistent. */
export class ZipFormatError extends Error {
  override readonly name = 'ZipFormatError';
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

function bomb(reason: string): DocumentParseError {
  return new DocumentParseError('zip_bomb', `${reason}; it looks like a zip bomb`);
}

function megabytes(n: number): string {
  return `${Math.round(n / (1024 * 1024))} MB`;
}

function u64(view: DataView, at: number): number {
  return view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
}

/**
 * Lists the entries from the central directory. Throws ZipFormatError for a damaged archive and
 * DocumentParseError when it has more entries than `maxEntries`.
 */
export function readZipDirectory(bytes: Uint8Array, maxEntries = defaultZipLimits.maxEntries): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record: 22 bytes plus a comment of up to 64 KiB, at the very end.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD && i + 22 + view.getUint16(i + 20, true) <= bytes.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('no end of central directory (not a ZIP archive, or cut off)');
  let count = view.getUint16(eocd + 10, true);
  let size = view.getUint32(eocd + 12, true);
  let offset = view.getUint32(eocd + 16, true);
  let directoryEnd = eocd;
  if (count === 0xffff || size === MAX32 || offset === MAX32) {
    // ZIP64: the real figures are in the ZIP64 end record, found through its locator.
    const locator = eocd - 20;
    if (locator < 0 || view.getUint32(locator, true) !== ZIP64_LOCATOR) throw new ZipFormatError('ZIP64 locator missing');
    const record = u64(view, locator + 8);
    if (record + 56 > locator || view.getUint32(record, true) !== ZIP64_EOCD) throw new ZipFormatError('ZIP64 end record missing');
    count = u64(view, record + 32);
    size = u64(view, record + 40);
    offset = u64(view, record + 48);
    directoryEnd = record;
  }
  if (count > maxEntries) throw bomb(`The archive has ${count} entries (the limit is ${maxEntries})`);
  if (offset + size > directoryEnd) throw new ZipFormatError('central directory outside the file (cut off?)');
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > offset + size || view.getUint32(p, true) !== CENTRAL) throw new ZipFormatError('damaged central directory');
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    let compressedSize = view.getUint32(p + 20, true);
    let uncompressedSize = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    let localHeaderOffset = view.getUint32(p + 42, true);
    const next = p + 46 + nameLength + extraLength + commentLength;
    if (next > offset + size) throw new ZipFormatError('damaged central directory');
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    if (uncompressedSize === MAX32 || compressedSize === MAX32 || localHeaderOffset === MAX32) {
      // ZIP64 extended information (extra field 0x0001): 8-byte values for the fields set to 0xFFFFFFFF, in order.
      let e = p + 46 + nameLength;
      const extraEnd = e + extraLength;
      while (e + 4 <= extraEnd) {
        const id = view.getUint16(e, true);
        const length = view.getUint16(e + 2, true);
        if (id === 0x0001) {
          let q = e + 4;
          const end = q + length;
          if (uncompressedSize === MAX32 && q + 8 <= end) {
            uncompressedSize = u64(view, q);
            q += 8;
          }
          if (compressedSize === MAX32 && q + 8 <= end) {
            compressedSize = u64(view, q);
            q += 8;
          }
          if (localHeaderOffset === MAX32 && q + 8 <= end) localHeaderOffset = u64(view, q);
          break;
        }
        e += 4 + length;
      }
    }
    if (localHeaderOffset + 30 > offset || view.getUint32(localHeaderOffset, true) !== LOCAL) {
      throw new ZipFormatError(`entry ${name} has no local header`);
    }
    const dataStart = localHeaderOffset + 30 + view.getUint16(localHeaderOffset + 26, true) + view.getUint16(localHeaderOffset + 28, true);
    if (dataStart + compressedSize > offset) throw new ZipFormatError(`entry ${name} runs past the end of the data`);
    entries.push({ name, method, encrypted: (flags & 1) === 1, compressedSize, uncompressedSize, localHeaderOffset });
    p = next;
  }
  return entries;
}

/**
 * Reads the directory and refuses the archive when unpacking it would be unsafe (DocumentParseError,
 * "… it looks like a zip bomb") or when it is damaged (ZipFormatError).
 */
export function checkZip(bytes: Uint8Array, limits: ZipLimits = defaultZipLimits): ZipEntry[] {
  const entries = readZipDirectory(bytes, limits.maxEntries);
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (entry.uncompressedSize >= limits.ratioMinBytes && ratio > limits.maxRatio) {
      throw bomb(`${entry.name} unpacks to ${megabytes(entry.uncompressedSize)}, ${Math.round(ratio)} times its packed size`);
    }
  }
  if (total > limits.maxTotalBytes) {
    throw bomb(`The archive unpacks to ${megabytes(total)} (the limit is ${megabytes(limits.maxTotalBytes)})`);
  }
  return entries;
}

/** Unpacks one entry, never past its declared size. */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  if (entry.encrypted) throw new ZipFormatError(`entry ${entry.name} is encrypted`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) {
    if (data.length !== entry.uncompressedSize) throw new ZipFormatError(`entry ${entry.name} has the wrong size`);
    return data;
  }
  if (entry.method !== 8) throw new ZipFormatError(`entry ${entry.name} uses compression method ${entry.method}`);
  let out: Buffer;
  try {
    out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw bomb(`${entry.name} unpacks to more than the ${entry.uncompressedSize} bytes it declares`);
    }
    throw new ZipFormatError(`entry ${entry.name} does not unpack: ${(err as Error).message}`);
  }
  if (out.length !== entry.uncompressedSize) throw new ZipFormatError(`entry ${entry.name} has the wrong size`);
  return out;
}

/** Unpacks the entries `which` selects, to prove they are no larger than the directory says. */
export function verifyEntrySizes(bytes: Uint8Array, entries: readonly ZipEntry[], which: (entry: ZipEntry) => boolean): void {
  for (const entry of entries) if (which(entry)) readZipEntry(bytes, entry);
}
