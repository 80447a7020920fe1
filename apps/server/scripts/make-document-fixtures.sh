#!/usr/bin/env bash
# Regenerates the document fixtures in test/fixtures/documents with LibreOffice (Debian:
# libreoffice-writer-nogui + fonts-dejavu-core). The generated files are committed: tests and CI do
# not need LibreOffice. LibreOffice shapes Arabic script with ligatures and writes right-to-left
# runs the way real-world PDFs have them, which is what the extraction tests are about.
set -euo pipefail
cd "$(dirname "$0")/../test/fixtures/documents"
export HOME="${TMPDIR:-/tmp}/parley-soffice-home"
soffice --headless --convert-to pdf rtl.html >/dev/null
soffice --headless --convert-to 'docx:MS Word 2007 XML' rtl.html >/dev/null
soffice --headless --convert-to pdf pages.html >/dev/null
soffice --headless --convert-to 'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}' pages.html --outdir locked >/dev/null
mv locked/pages.pdf password.pdf && rmdir locked
ls -l
