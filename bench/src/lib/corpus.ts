// The ingestion corpus: PDFs (≥300 pages in all), DOCX, HTML pages and TXT files in English, Portuguese,
// Russian, Hebrew, Persian and Arabic, generated once into bench/.corpus and reused while its manifest
// matches CORPUS_VERSION. Text comes from the eval passages (real text, grouped into articles under
// their titles); Arabic, which has no eval set, is generated from a word list. PDFs and DOCX are made by
// LibreOffice from HTML (dir="rtl" for right-to-left languages); without LibreOffice, PDFs fall back to
// pdf-lib with a standard font (Latin text only) and DOCX to the `docx` package.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AlignmentType, Document as DocxDocument, HeadingLevel, Packer, Paragraph } from 'docx';
import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib';
import { loadQa } from './eval-data.js';
import { corpusDir } from './paths.js';

const execFileAsync = promisify(execFile);

const CORPUS_VERSION = 1;
const MIN_PDF_PAGES = 300;
const SOFFICE = process.env.PARLEY_SOFFICE ?? '/usr/bin/soffice';

export type CorpusKind = 'pdf' | 'docx' | 'html' | 'txt';
export const corpusKinds: readonly CorpusKind[] = ['pdf', 'docx', 'html', 'txt'];

export const mimeTypes: Record<CorpusKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html',
  txt: 'text/plain',
};

export interface CorpusFile {
  /** File name inside the corpus folder. */
  name: string;
  path: string;
  kind: CorpusKind;
  language: string;
  bytes: number;
  /** Page count, for PDFs. */
  pages?: number;
}

export interface CorpusManifest {
  version: number;
  generator: string;
  createdAt: string;
  files: Omit<CorpusFile, 'path'>[];
}

interface Section {
  heading: string;
  paragraphs: string[];
}

const languages = ['en', 'pt', 'ru', 'he', 'fa', 'ar'] as const;
type CorpusLanguage = (typeof languages)[number];
const rtl = new Set<CorpusLanguage>(['he', 'fa', 'ar']);
const latin = new Set<CorpusLanguage>(['en', 'pt']);

const titles: Record<CorpusLanguage, string> = {
  en: 'Knowledge base',
  pt: 'Base de conhecimento',
  ru: 'База знаний',
  he: 'מאגר ידע',
  fa: 'پایگاه دانش',
  ar: 'قاعدة المعرفة',
};

/** Character budgets per generated file; PDF pages come out at roughly 3,000–4,000 characters each. */
const plan: { kind: CorpusKind; suffix: string; chars: number }[] = [
  { kind: 'pdf', suffix: 'handbook', chars: 150_000 },
  { kind: 'pdf', suffix: 'brief', chars: 45_000 },
  { kind: 'docx', suffix: 'report', chars: 60_000 },
  { kind: 'html', suffix: 'page', chars: 40_000 },
  { kind: 'txt', suffix: 'notes', chars: 40_000 },
];

export async function ensureCorpus(): Promise<{ manifest: CorpusManifest; files: CorpusFile[] }> {
  const manifestPath = join(corpusDir, 'manifest.json');
  let manifest: CorpusManifest | undefined;
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as CorpusManifest;
    if (manifest.version !== CORPUS_VERSION || !manifest.files.every((f) => existsSync(join(corpusDir, f.name)))) manifest = undefined;
  } catch {
    manifest = undefined;
  }
  if (!manifest) {
    console.log(`generating the corpus into ${corpusDir} …`);
    const started = performance.now();
    manifest = await generateCorpus();
    await writeFile(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
    console.log(`corpus generated in ${((performance.now() - started) / 1000).toFixed(1)} s (${manifest.generator})`);
  }
  return { manifest, files: manifest.files.map((f) => ({ ...f, path: join(corpusDir, f.name) })) };
}

async function generateCorpus(): Promise<CorpusManifest> {
  await rm(corpusDir, { recursive: true, force: true });
  await mkdir(corpusDir, { recursive: true });
  const haveSoffice = existsSync(SOFFICE);
  if (!haveSoffice) {
    console.warn(
      `LibreOffice not found at ${SOFFICE}: PDFs fall back to pdf-lib with a standard font, so only the Latin-script ` +
        `languages (en, pt) get PDFs, and DOCX files come from the docx package.`,
    );
  }
  const sources = new Map<CorpusLanguage, SectionSource>();
  for (const lang of languages) sources.set(lang, await sectionSource(lang));

  const files: Omit<CorpusFile, 'path'>[] = [];
  const toConvert: { html: string; kind: 'pdf' | 'docx'; lang: CorpusLanguage }[] = [];
  const work = await mkdtemp(join(tmpdir(), 'parley-corpus-'));
  try {
    const addDocument = async (lang: CorpusLanguage, kind: CorpusKind, base: string, chars: number) => {
      const sections = sources.get(lang)!.take(chars);
      const title = `${titles[lang]} — ${base}`;
      if (kind === 'html') {
        await writeFile(join(corpusDir, `${base}.html`), webPage(lang, title, sections));
        files.push({ name: `${base}.html`, kind, language: lang, bytes: 0 });
      } else if (kind === 'txt') {
        await writeFile(join(corpusDir, `${base}.txt`), plainText(title, sections));
        files.push({ name: `${base}.txt`, kind, language: lang, bytes: 0 });
      } else if (haveSoffice) {
        const html = join(work, kind, `${base}.html`);
        await mkdir(join(work, kind), { recursive: true });
        await writeFile(html, printHtml(lang, title, sections));
        toConvert.push({ html, kind, lang });
        files.push({ name: `${base}.${kind}`, kind, language: lang, bytes: 0 });
      } else if (kind === 'docx') {
        await writeFile(join(corpusDir, `${base}.docx`), await docxFile(lang, title, sections));
        files.push({ name: `${base}.docx`, kind, language: lang, bytes: 0 });
      } else if (latin.has(lang)) {
        await writeFile(join(corpusDir, `${base}.pdf`), await latinPdf(title, sections));
        files.push({ name: `${base}.pdf`, kind, language: lang, bytes: 0 });
      }
    };

    for (const lang of languages) {
      for (const { kind, suffix, chars } of plan) await addDocument(lang, kind, `${lang}-${suffix}`, chars);
    }
    if (haveSoffice) await convertAll(work, toConvert);

    // Top up with Latin-script PDFs until the corpus has enough pages.
    const countPages = async () => {
      let total = 0;
      for (const f of files.filter((f) => f.kind === 'pdf')) {
        f.pages ??= (await PDFDocument.load(await readFile(join(corpusDir, f.name)), { updateMetadata: false })).getPageCount();
        total += f.pages;
      }
      return total;
    };
    for (let extra = 1; (await countPages()) < MIN_PDF_PAGES; extra++) {
      const lang = extra % 2 ? 'en' : 'pt';
      toConvert.length = 0;
      await addDocument(lang, 'pdf', `${lang}-supplement-${extra}`, 100_000);
      if (haveSoffice) await convertAll(work, toConvert);
    }
    for (const f of files) f.bytes = (await stat(join(corpusDir, f.name))).size;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return {
    version: CORPUS_VERSION,
    generator: haveSoffice
      ? 'LibreOffice (HTML → PDF/DOCX), DejaVu fonts'
      : 'pdf-lib (Latin-only PDFs, Helvetica) + docx package; no LibreOffice',
    createdAt: new Date().toISOString(),
    files,
  };
}

/** One soffice process per output format converts all its files; a private profile avoids clashing with other soffice users. */
async function convertAll(work: string, items: { html: string; kind: 'pdf' | 'docx' }[]): Promise<void> {
  const profile = `file://${join(work, 'lo-profile')}`;
  for (const kind of ['pdf', 'docx'] as const) {
    const inputs = items.filter((i) => i.kind === kind).map((i) => i.html);
    if (inputs.length === 0) continue;
    const out = join(work, `${kind}-out`);
    const filter = kind === 'pdf' ? 'pdf:writer_pdf_Export' : 'docx:MS Word 2007 XML';
    await execFileAsync(SOFFICE, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', filter, '--outdir', out, ...inputs], {
      maxBuffer: 16 * 1024 * 1024,
      timeout: 10 * 60_000,
    });
    for (const input of inputs) {
      const name = input
        .split('/')
        .pop()!
        .replace(/\.html$/, `.${kind}`);
      await rename(join(out, name), join(corpusDir, name));
    }
  }
}

interface SectionSource {
  take(chars: number): Section[];
}

/** Articles of the language's eval passages in order, cycling when a language runs out (fa is small). */
async function sectionSource(lang: CorpusLanguage): Promise<SectionSource> {
  if (lang === 'ar') return arabicSource();
  const { passages } = await loadQa(lang);
  const articles: Section[] = [];
  for (const p of passages) {
    const last = articles.at(-1);
    if (last && last.heading === p.title) last.paragraphs.push(p.text);
    else articles.push({ heading: p.title, paragraphs: [p.text] });
  }
  let next = 0;
  return {
    take(chars) {
      const out: Section[] = [];
      for (let used = 0; used < chars; next = (next + 1) % articles.length) {
        const article = articles[next]!;
        out.push(article);
        used += article.heading.length + article.paragraphs.reduce((s, p) => s + p.length, 0);
      }
      return out;
    },
  };
}

const arabicWords = (
  'في من على إلى عن مع هذا هذه ذلك التي الذي كان كانت قد لم لا كل بعد قبل بين حول عند خلال أن أو ثم حتى أيضا ' +
  'الشركة العمل المدينة الحكومة التعليم الجامعة الطلاب المعلومات النظام البيانات الخدمة العملاء المنتج السوق الاقتصاد ' +
  'التجارة الصناعة الطاقة المياه الزراعة الصحة المستشفى الطبيب المريض العلاج البحث الدراسة النتائج التقرير المشروع ' +
  'الخطة الإدارة الموظفين الفريق المدير الاجتماع القرار السياسة القانون المحكمة الدولة التاريخ الثقافة اللغة الأدب ' +
  'الفن الكتاب المكتبة الإنترنت الحاسوب البرنامج التطبيق الهاتف الشبكة الأمن الحماية الخصوصية الجودة التكلفة السعر ' +
  'الميزانية الاستثمار البنك المال الضرائب الوقت اليوم السنة الشهر الأسبوع العالم المنطقة البلاد الطريق النقل السيارة ' +
  'القطار الطائرة الميناء المطار البحر النهر الجبل الصحراء المناخ البيئة التنمية المستقبل التقنية الابتكار ' +
  'يعمل تعمل يقدم تقدم يساعد تساعد يشمل تشمل يمكن يجب أعلن أعلنت أكد أكدت قال قالت بدأ بدأت أصبح أصبحت يستخدم ' +
  'تستخدم يحتاج تحتاج يتطلب يوفر توفر يهدف تهدف حقق حققت الجديد الجديدة الكبير الكبيرة الوطني الوطنية الدولي ' +
  'الدولية العامة الخاصة المحلية الرئيسي الرئيسية الحديثة المختلفة الأولى الثانية المهمة الأساسية العربية'
).split(' ');

/** Deterministic pseudo-random numbers (mulberry32), so the corpus is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Word-list text: real Arabic words and punctuation in plausible sentence lengths (not grammatical prose). */
function arabicSource(): SectionSource {
  const random = seededRandom(0xa5a5);
  const word = () => arabicWords[Math.floor(random() * arabicWords.length)]!;
  const sentence = () => {
    const n = 8 + Math.floor(random() * 11);
    const words = Array.from({ length: n }, (_, i) => (i > 2 && i < n - 2 && random() < 0.08 ? `${word()}،` : word()));
    if (random() < 0.15) words.splice(2, 0, String(1950 + Math.floor(random() * 75)));
    return words.join(' ') + '.';
  };
  const paragraph = () => Array.from({ length: 4 + Math.floor(random() * 5) }, sentence).join(' ');
  return {
    take(chars) {
      const out: Section[] = [];
      for (let used = 0; used < chars;) {
        const section = {
          heading: Array.from({ length: 2 + Math.floor(random() * 3) }, word).join(' '),
          paragraphs: Array.from({ length: 3 + Math.floor(random() * 4) }, paragraph),
        };
        out.push(section);
        used += section.heading.length + section.paragraphs.reduce((s, p) => s + p.length, 0);
      }
      return out;
    },
  };
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Body markup shared by the print HTML (→ PDF/DOCX) and the web pages: h2 per article, an occasional list. */
function sectionsHtml(sections: Section[]): string {
  return sections
    .map((s, i) => {
      const paragraphs = s.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`);
      if (i % 5 === 4 && s.paragraphs.length > 1) {
        // A short list of the article's first sentences, so documents have more than headings and paragraphs.
        const items = s.paragraphs.slice(0, 3).map((p) => `<li>${escapeHtml(p.split(/(?<=[.!?؟])\s/)[0]!)}</li>`);
        paragraphs.splice(1, 0, `<ul>${items.join('')}</ul>`);
      }
      return `<h2>${escapeHtml(s.heading)}</h2>\n${paragraphs.join('\n')}`;
    })
    .join('\n');
}

function printHtml(lang: CorpusLanguage, title: string, sections: Section[]): string {
  const dir = rtl.has(lang) ? 'rtl' : 'ltr';
  return `<!DOCTYPE html>
<html lang="${lang}" dir="${dir}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body { font-family: 'DejaVu Sans', sans-serif; font-size: 11pt; line-height: 1.3; }</style></head>
<body dir="${dir}"><h1>${escapeHtml(title)}</h1>
${sectionsHtml(sections)}
</body></html>
`;
}

/** A web page as a site would serve it: navigation, header and footer around the article. */
function webPage(lang: CorpusLanguage, title: string, sections: Section[]): string {
  const dir = rtl.has(lang) ? 'rtl' : 'ltr';
  return `<!DOCTYPE html>
<html lang="${lang}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><link rel="stylesheet" href="/assets/site.css">
<script>window.dataLayer = window.dataLayer || [];</script></head>
<body>
<header><a class="logo" href="/">Example</a><nav><ul><li><a href="/">Home</a></li><li><a href="/docs">Docs</a></li><li><a href="/contact">Contact</a></li></ul></nav></header>
<main><article><h1>${escapeHtml(title)}</h1>
${sectionsHtml(sections)}
</article></main>
<footer><p>© 2026 Example Ltd. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>
`;
}

function plainText(title: string, sections: Section[]): string {
  return [title, '', ...sections.flatMap((s) => [s.heading, '', ...s.paragraphs.flatMap((p) => [p, ''])])].join('\n');
}

async function docxFile(lang: CorpusLanguage, title: string, sections: Section[]): Promise<Buffer> {
  const bidirectional = rtl.has(lang);
  const alignment = bidirectional ? AlignmentType.RIGHT : AlignmentType.LEFT;
  const doc = new DocxDocument({
    sections: [
      {
        children: [
          new Paragraph({ text: title, heading: HeadingLevel.HEADING_1, bidirectional, alignment }),
          ...sections.flatMap((s) => [
            new Paragraph({ text: s.heading, heading: HeadingLevel.HEADING_2, bidirectional, alignment }),
            ...s.paragraphs.map((p) => new Paragraph({ text: p, bidirectional, alignment })),
          ]),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** Fallback PDF writer: standard Helvetica (WinAnsi), so only Latin text; unencodable characters become '?'. */
async function latinPdf(title: string, sections: Section[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const [width, height, margin] = [595.28, 841.89, 56];
  let page = pdf.addPage([width, height]);
  let y = height - margin;
  const clean = (s: string) => s.replace(/[^\u0020-\u007e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2026]/g, '?');
  const write = (text: string, font: PDFFont, size: number, gapAfter: number) => {
    const lineHeight = size * 1.3;
    let line = '';
    const flush = () => {
      if (y < margin + lineHeight) {
        page = pdf.addPage([width, height]);
        y = height - margin;
      }
      page.drawText(line, { x: margin, y, size, font });
      y -= lineHeight;
      line = '';
    };
    for (const word of clean(text).split(/\s+/)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) > width - 2 * margin && line) {
        flush();
        line = word;
      } else line = candidate;
    }
    if (line) flush();
    y -= gapAfter;
  };
  write(title, bold, 18, 8);
  for (const s of sections) {
    write(s.heading, bold, 14, 4);
    for (const p of s.paragraphs) write(p, regular, 11, 6);
  }
  return pdf.save();
}
