// Benchmark documents: deterministic PDFs of 1, 2, 5, 10, 50 and 100 pages.
//
// Why a writer of our own: the scaling benchmark needs documents that differ
// only in length, and the same files must reach the native benches, the wasm
// module and pdf.js. The text is six synthetic CVs (bench/data/source-cvs.json,
// cvgen test split, no real person) laid out one after the other, cycling, in
// Helvetica 10 pt on A4, LINES_PER_PAGE lines a page, each CV starting on a
// new line; an N-page document is the first N pages of that stream, so the
// 2-page document is the first CV plus the start of the second. Every page is
// full, so work per page is the same at every length. Output is byte-identical
// on every run (no dates, no ids).
//
//   node bench/make-docs.mjs [OUT_DIR]      (default target/bench-docs)

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const PAGE_COUNTS = [1, 2, 5, 10, 50, 100];
const LINES_PER_PAGE = 52;
const MAX_CHARS = 100; // wrap longer lines at a space so they stay on an A4 page
const FONT_SIZE = 10;
const LEADING = 14;

/** The source text as one stream of lines (tabs become spaces, long lines wrapped). */
function sourceLines() {
  const { cvs } = JSON.parse(readFileSync(join(here, 'data/source-cvs.json'), 'utf8'));
  const lines = [];
  for (const { text } of cvs) {
    for (const raw of text.split('\n')) {
      let line = raw.replaceAll('\t', '    ').trimEnd();
      while (line.length > MAX_CHARS) {
        const cut = line.lastIndexOf(' ', MAX_CHARS);
        const at = cut > 0 ? cut : MAX_CHARS;
        lines.push(line.slice(0, at));
        line = line.slice(at).trimStart();
      }
      lines.push(line);
    }
  }
  return lines;
}

// Windows-1252 code points 0x80–0x9F (the rest of Latin-1 maps to itself).
const CP1252 = new Map(
  [0x20ac, null, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, null, 0x017d, null,
    null, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, null, 0x017e, 0x0178]
    .map((cp, i) => [cp, 0x80 + i])
    .filter(([cp]) => cp !== null),
);

/** A PDF string literal body: WinAnsi bytes, with \ ( ) and non-ASCII escaped. */
function pdfString(line) {
  let out = '';
  for (const ch of line) {
    const cp = ch.codePointAt(0);
    const byte = cp < 0x80 || (cp >= 0xa0 && cp <= 0xff) ? cp : (CP1252.get(cp) ?? 0x3f);
    if (byte === 0x5c || byte === 0x28 || byte === 0x29) out += `\\${String.fromCharCode(byte)}`;
    else if (byte < 0x20 || byte >= 0x7f) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return out;
}

/** A PDF of `pages` pages (each an array of lines), as bytes. */
export function writePdf(pages) {
  const objects = []; // bodies, object i+1 at index i
  const add = (body) => objects.push(body) && objects.length;
  const catalog = add(null);
  const pageTree = add(null);
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const kids = [];
  for (const lines of pages) {
    const ops = [`BT /F1 ${FONT_SIZE} Tf ${LEADING} TL 50 800 Td`];
    for (const line of lines) ops.push(`(${pdfString(line)}) Tj T*`);
    ops.push('ET');
    const content = ops.join('\n');
    const stream = add(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
    kids.push(add(`<< /Type /Page /Parent ${pageTree} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${stream} 0 R >>`));
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pageTree} 0 R >>`;
  objects[pageTree - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let pdf = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) pdf += `${String(off).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** The first `n` pages of the cycling source stream. */
export function pagesOf(n) {
  const source = sourceLines();
  const pages = [];
  let at = 0;
  for (let p = 0; p < n; p++) {
    const page = [];
    for (let l = 0; l < LINES_PER_PAGE; l++) page.push(source[at++ % source.length]);
    pages.push(page);
  }
  return pages;
}

/** Writes cv-<N>p.pdf for every page count into `outDir`; returns the paths by page count. */
export function makeDocs(outDir = resolve(here, '../target/bench-docs')) {
  mkdirSync(outDir, { recursive: true });
  const paths = {};
  for (const n of PAGE_COUNTS) {
    paths[n] = join(outDir, `cv-${n}p.pdf`);
    writeFileSync(paths[n], writePdf(pagesOf(n)));
  }
  return paths;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const paths = makeDocs(process.argv[2] ? resolve(process.argv[2]) : undefined);
  for (const [n, p] of Object.entries(paths)) console.log(`${n} pages: ${p}`);
}
