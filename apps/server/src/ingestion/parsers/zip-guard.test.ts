import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { writeZip } from '../../../test/fixtures/zip-writer.js';
import { DocumentParseError } from '../document-model.js';
import { checkZip, readZipDirectory, readZipEntry, verifyEntrySizes, ZipFormatError } from './zip-guard.js';

const text = (s: string) => Buffer.from(s, 'utf8');

/** The byte offset of the central directory entry for `name` (writeZip writes them in order). */
function centralEntryOffset(zip: Buffer, name: string): number {
  const at = zip.indexOf(Buffer.concat([Buffer.from([0x50, 0x4b, 0x01, 0x02])]));
  let p = at;
  while (p >= 0) {
    const nameLength = zip.readUInt16LE(p + 28);
    if (zip.subarray(p + 46, p + 46 + nameLength).toString() === name) return p;
    p = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p + 46);
  }
  throw new Error(`no entry ${name}`);
}

/** A one-entry archive in ZIP64 form: sizes and offset in the 0x0001 extra field, ZIP64 end records. */
function writeZip64(name: string, data: Buffer): Buffer {
  const packed = deflateRawSync(data);
  const nameBytes = text(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(45, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(0xffffffff, 18);
  local.writeUInt32LE(0xffffffff, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const extra = Buffer.alloc(28);
  extra.writeUInt16LE(0x0001, 0);
  extra.writeUInt16LE(24, 2);
  extra.writeBigUInt64LE(BigInt(data.length), 4);
  extra.writeBigUInt64LE(BigInt(packed.length), 12);
  extra.writeBigUInt64LE(0n, 20);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(45, 4);
  central.writeUInt16LE(45, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(0xffffffff, 20);
  central.writeUInt32LE(0xffffffff, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt16LE(extra.length, 30);
  central.writeUInt32LE(0xffffffff, 42);
  const body = Buffer.concat([local, nameBytes, packed]);
  const directory = Buffer.concat([central, nameBytes, extra]);
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeBigUInt64LE(1n, 24);
  record.writeBigUInt64LE(1n, 32);
  record.writeBigUInt64LE(BigInt(directory.length), 40);
  record.writeBigUInt64LE(BigInt(body.length), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(body.length + directory.length), 8);
  locator.writeUInt32LE(1, 16);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  end.writeUInt32LE(0xffffffff, 12);
  end.writeUInt32LE(0xffffffff, 16);
  return Buffer.concat([body, directory, record, locator, end]);
}

describe('readZipDirectory', () => {
  it('lists the entries with their sizes and unpacks them', () => {
    const zip = writeZip([
      { name: 'word/document.xml', data: text('<w:document>Olá שלום</w:document>') },
      { name: 'docProps/core.xml', data: text('<cp:coreProperties/>'), compress: false },
    ]);
    const entries = readZipDirectory(zip);
    expect(entries.map((e) => [e.name, e.method, e.uncompressedSize])).toEqual([
      ['word/document.xml', 8, Buffer.byteLength('<w:document>Olá שלום</w:document>')],
      ['docProps/core.xml', 0, 20],
    ]);
    expect(Buffer.from(readZipEntry(zip, entries[0]!)).toString()).toBe('<w:document>Olá שלום</w:document>');
    expect(Buffer.from(readZipEntry(zip, entries[1]!)).toString()).toBe('<cp:coreProperties/>');
  });

  it('reads ZIP64 archives', () => {
    const zip = writeZip64('word/document.xml', text('<w:document/>'));
    const [entry] = readZipDirectory(zip);
    expect(entry).toMatchObject({ name: 'word/document.xml', uncompressedSize: 13, localHeaderOffset: 0 });
    expect(Buffer.from(readZipEntry(zip, entry!)).toString()).toBe('<w:document/>');
  });

  it.each([
    ['cut in half', (zip: Buffer) => zip.subarray(0, zip.length >> 1)],
    ['missing its last bytes', (zip: Buffer) => zip.subarray(0, zip.length - 5)],
    ['with a zip signature and random bytes', () => Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(300, 7)])],
    [
      'with a directory pointing past its end',
      (zip: Buffer) => {
        const copy = Buffer.from(zip);
        copy.writeUInt32LE(copy.length, copy.length - 6);
        return copy;
      },
    ],
    [
      'with a bad local header offset',
      (zip: Buffer) => {
        const copy = Buffer.from(zip);
        copy.writeUInt32LE(7, centralEntryOffset(copy, 'b.xml') + 42);
        return copy;
      },
    ],
  ])('refuses an archive %s as damaged', (_name, damage) => {
    const zip = writeZip([
      { name: 'a.xml', data: text('<a/>'.repeat(100)) },
      { name: 'b.xml', data: text('<b/>'.repeat(100)) },
    ]);
    expect(() => readZipDirectory(damage(zip))).toThrow(ZipFormatError);
  });
});

describe('checkZip', () => {
  it('refuses a zip bomb: one highly compressible entry', () => {
    // 64 MB of one byte deflates to about 64 KB: a ratio near 1000.
    const zip = writeZip([
      { name: '[Content_Types].xml', data: text('<Types/>') },
      { name: 'word/document.xml', data: Buffer.alloc(64 * 1024 * 1024, 0x41) },
    ]);
    expect(zip.length).toBeLessThan(1024 * 1024);
    expect(() => checkZip(zip)).toThrow(DocumentParseError);
    expect(() => checkZip(zip)).toThrow(/word\/document\.xml unpacks to 64 MB, \d+ times its packed size; it looks like a zip bomb/);
  });

  it('refuses archives too large in total once unpacked', () => {
    // Incompressible enough to pass the ratio rule; the limit is lowered so the test stays small.
    const data = Buffer.from(Array.from({ length: 400_000 }, (_, i) => (i * 7919) % 251));
    const zip = writeZip([1, 2, 3].map((n) => ({ name: `part${n}.bin`, data })));
    const limits = { maxTotalBytes: 1_000_000, maxRatio: 100, ratioMinBytes: 1024 * 1024, maxEntries: 10_000 };
    expect(() => checkZip(zip, limits)).toThrow(/unpacks to 1 MB \(the limit is 1 MB\); it looks like a zip bomb/);
    expect(() => checkZip(zip, { ...limits, maxTotalBytes: 2_000_000 })).not.toThrow();
  });

  it('refuses archives with more than 10 000 entries', () => {
    const zip = writeZip(Array.from({ length: 10_001 }, (_, i) => ({ name: `f${i}`, data: Buffer.alloc(0), compress: false })));
    expect(() => checkZip(zip)).toThrow(/The archive has 10001 entries \(the limit is 10000\); it looks like a zip bomb/);
  });

  it('accepts an ordinary document-sized archive', () => {
    const zip = writeZip([{ name: 'word/document.xml', data: text('<w:p>Hello</w:p>'.repeat(5000)) }]);
    expect(checkZip(zip).map((e) => e.name)).toEqual(['word/document.xml']);
  });

  it('catches an entry that lies about its size when it is unpacked', () => {
    const zip = writeZip([{ name: 'word/document.xml', data: Buffer.alloc(5 * 1024 * 1024, 0x20) }]);
    // Claim 1000 bytes: the directory then passes every rule, but unpacking stops at the claim.
    zip.writeUInt32LE(1000, centralEntryOffset(zip, 'word/document.xml') + 24);
    const entries = checkZip(zip);
    expect(() => verifyEntrySizes(zip, entries, (e) => e.name.endsWith('.xml'))).toThrow(
      /word\/document\.xml unpacks to more than the 1000 bytes it declares; it looks like a zip bomb/,
    );
  });
});
