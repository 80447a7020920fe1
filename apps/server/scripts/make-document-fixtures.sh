#!/usr/bin/env bash
# Regenerates the document parser fixtures in apps/server/test/fixtures/documents/ from the sources in
# its sources/ folder. Needs LibreOffice (`soffice`, Debian: libreoffice-writer-nogui) and the DejaVu
# fonts; CI does not run this: the tests read the committed output files.
#
# The HTML sources are imported as Writer documents ("HTML (StarWriter)"), not as Writer/Web ones (the
# default for .html), whose PDF lost the first heading behind a blank first page when tried. With
# dir="rtl" a block becomes a right-to-left paragraph (style:writing-mode="rl-tb", w:bidi in DOCX);
# align="right" also sets it flush right, as the rtl-*.html sources do (rtl.html leaves its paragraphs
# flush left, as LibreOffice lays out HTML without it).
set -euo pipefail

cd "$(dirname "$0")/../test/fixtures/documents"
out=$PWD
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

soffice_convert() {
  # $1: target filter, $2: source file. A private profile keeps a running LibreOffice from interfering.
  soffice -env:UserInstallation="file://$profile" --headless --infilter="HTML (StarWriter)" \
    --convert-to "$1" --outdir "$out" "$2" >/dev/null
}

# The "scanned" page: an image with no text layer. A small grey PNG with dark bars, written here so
# that no image tool is needed.
node --input-type=module -e "
import { deflateSync, crc32 } from 'node:zlib';
import { writeFileSync } from 'node:fs';
const w = 200, h = 80, raw = Buffer.alloc((w + 1) * h);
for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw[y * (w + 1) + 1 + x] = y % 16 < 6 && x > 10 && x < 190 - (y % 48) ? 40 : 235;
const chunk = (type, data) => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 0;
writeFileSync('sources/scanned-page.png', Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
"

# rtl and pages are also used by the `parley ingest` integration test.
for name in rtl rtl-hebrew rtl-persian rtl-arabic russian portuguese pages scanned; do
  soffice_convert pdf:writer_pdf_Export "sources/$name.html"
done
for name in rtl rtl-hebrew rtl-persian rtl-arabic russian; do
  soffice_convert 'docx:MS Word 2007 XML' "sources/$name.html"
done
# The password is "secret".
soffice_convert 'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}' \
  sources/password.html

ls -l "$out"
