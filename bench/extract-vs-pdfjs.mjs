// Benchmark (not a test): cvshield's wasm PDF extraction against pdf.js
// (pdfjs-dist 5.6.205, legacy build) in one Node process, on the same PDFs:
// the real-world corpus PDFs and tests/fixtures/pdf/*.pdf (not the hostile core_* ones).
//
// pdf.js runs on the main thread (its worker module is preloaded as
// globalThis.pdfjsWorker, the documented no-worker mode), so both sides use
// one thread and neither pays for message passing the other avoids. pdf.js
// does getDocument + getTextContent on every page; cvshield does extract(),
// which also returns lines with layout. Each side gets warm-up runs, then
// BENCH_REPS timed runs per file; the medians are compared.
//
//   node bench/extract-vs-pdfjs.mjs [--check]   (--check: exit 1 below the 3x target)
//   BENCH_REPS=15 BENCH_WARMUP=3 CVSHIELD_CORPUS=/path/to/corpus

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { loadPdfjs, loadWasm, pdfFiles, REPS, time, WARMUP } from './lib/engines.mjs';
import { median } from './lib/stats.mjs';

const TARGET_RATIO = 3;

async function loadCvshield() {
  const { api } = await loadWasm();
  return (bytes) => {
    const doc = api.extract(bytes, { hint: 'input.pdf' });
    let chars = 0;
    for (const page of doc.pages) for (const line of page.lines) chars += line.text.length;
    return { pages: doc.pages.length, chars };
  };
}

const files = pdfFiles();
if (files.length === 0) {
  console.error('no PDFs found (corpus or tests/fixtures/pdf)');
  process.exit(2);
}
const cvshield = await loadCvshield();
const pdfjs = await loadPdfjs();
console.log(`node ${process.version}, pdfjs-dist 5.6.205 (legacy, main thread), ${WARMUP} warm-up + ${REPS} timed runs per file\n`);
console.log(['file'.padEnd(44), 'KB'.padStart(5), 'pages', 'wasm ms'.padStart(8), 'pdfjs ms'.padStart(9), 'ratio'.padStart(6), 'chars wasm/pdfjs'].join('  '));
const ratios = [];
let wasmTotal = 0;
let pdfjsTotal = 0;
for (const path of files) {
  const bytes = new Uint8Array(readFileSync(path));
  const name = basename(path).slice(0, 44).padEnd(44);
  // Hostile fixtures (page-tree loops, broken xrefs) may fail on either side: report, do not compare.
  let p;
  let w;
  try {
    p = await time(pdfjs, bytes);
  } catch (e) {
    console.log(`${name}  pdf.js failed: ${e.name} (excluded)`);
    continue;
  }
  try {
    w = await time(cvshield, bytes);
  } catch (e) {
    console.log(`${name}  cvshield failed: ${e.code ?? e.name} (excluded)`);
    continue;
  }
  const ratio = p.ms / w.ms;
  ratios.push(ratio);
  wasmTotal += w.ms;
  pdfjsTotal += p.ms;
  console.log(
    [name, (bytes.length / 1024).toFixed(0).padStart(5), String(p.pages).padStart(5), w.ms.toFixed(2).padStart(8),
      p.ms.toFixed(2).padStart(9), ratio.toFixed(1).padStart(6),
      // A fast extractor that drops text is no win: flag files where cvshield finds much less.
      `${w.chars}/${p.chars}${w.chars < 0.8 * p.chars ? '  (cvshield finds <80% of the text)' : ''}`].join('  '),
  );
}
const medianRatio = ratios.length ? median(ratios) : 0;
console.log(`\nmedian time ratio (pdfjs / wasm) over ${ratios.length} files: ${medianRatio.toFixed(2)}x`);
console.log(`sum of medians: wasm ${wasmTotal.toFixed(1)} ms, pdfjs ${pdfjsTotal.toFixed(1)} ms (${(pdfjsTotal / wasmTotal).toFixed(2)}x)`);
console.log(medianRatio >= TARGET_RATIO ? `target met: >= ${TARGET_RATIO}x` : `BELOW TARGET: ${medianRatio.toFixed(2)}x < ${TARGET_RATIO}x`);
if (process.argv.includes('--check') && medianRatio < TARGET_RATIO) process.exit(1);
