// Benchmark (not a test): the cvshield wasm module beside its peers, in one Node process.
//
//  1. Time per PDF (the benchmark documents of 1..100 pages from make-docs.mjs,
//     and the real-world corpus PDFs when present): pdf.js text extraction alone
//     against cvshield's extract, parse, anonymize at each level, and the full
//     pipeline — one anonymize(bytes, {level: 'thorough'}) call, which extracts,
//     parses (the profile it returns) and anonymises.
//  2. Wasm peak memory per stage and page count: each (document, stage) runs once
//     on a fresh instance and its linear memory (memory.buffer.byteLength, which
//     only grows) is read after; the figure is the whole module's memory, i.e.
//     what a browser tab or worker pays.
//  3. Presidio (bench/presidio/.venv, through a subprocess, bench/presidio-time.py)
//     against cvshield's anonymize(text) on the same texts: the text cvshield
//     extracts from each corpus document and benchmark document; both sides get
//     warm-up runs, then the median per text.
//  4. Linear fits of time and memory against pages.
// Prints the ratios and the four targets of issue 8, and writes
// target/reports/wasm.json for the report (scripts/report.sh).
//
//   node bench/peers.mjs [--quick] [--no-presidio] [--max-pages N]     BENCH_REPS=15 BENCH_WARMUP=3

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { corpusDir, documentText, filesIn, loadPdfjs, loadWasm, repoRoot, REPS, time, WARMUP } from './lib/engines.mjs';
import { describeFit, linearFit, median } from './lib/stats.mjs';
import { makeDocs, PAGE_COUNTS } from './make-docs.mjs';

const QUICK = process.argv.includes('--quick');
const PRESIDIO = !process.argv.includes('--no-presidio');
/** --max-pages N: only the benchmark documents up to N pages (the long ones take minutes when growth is not linear). */
const MAX_PAGES = Number(process.argv[process.argv.indexOf('--max-pages') + 1]) || Infinity;
const PAGES = PAGE_COUNTS.filter((n) => n <= MAX_PAGES);
const LEVELS = ['basic', 'moderate', 'thorough'];
const MEMORY_TARGET = 64 * 1024 * 1024;
const PRESIDIO_TARGET = 50;
/** Presidio's side stops at this many pages: spaCy on 50 and 100 pages, times warm-up and reps, takes minutes; the ratio is per text anyway. */
const PRESIDIO_MAX_PAGES = QUICK ? 2 : 10;
/** Longest a stage is timed per document, in ms of runs (then at least 3 runs). */
const TIME_BUDGET_MS = QUICK ? 300 : 1500;

const { api } = await loadWasm();
const pdfjs = await loadPdfjs();

/** cvshield's stages on a PDF's bytes, by name; each returns something small to check. */
const wasmStages = {
  extract: (b) => api.extract(b, { hint: 'cv.pdf' }).pages.length,
  parse: (b) => api.parse(b, { hint: 'cv.pdf' }).basics,
  ...Object.fromEntries(LEVELS.map((level) => [`anonymize_${level}`, (b) => api.anonymize(b, { hint: 'cv.pdf', level }).redactions.length])),
};
const PIPELINE = 'anonymize_thorough';

/** Median ms with as many runs as fit in TIME_BUDGET_MS (between 3 and REPS). */
async function timeAdaptive(run, bytes) {
  const t0 = performance.now();
  await run(bytes.slice());
  const once = Math.max(performance.now() - t0, 0.01);
  const reps = Math.max(3, Math.min(REPS, Math.ceil(TIME_BUDGET_MS / once)));
  return time(run, bytes, { reps, warmup: Math.min(WARMUP, reps) });
}

// 1. Time per PDF.
const benchDocs = makeDocs();
const pdfs = [
  ...PAGES.map((n) => ({ name: `bench ${n}p`, path: benchDocs[n], pages: n, bench: true })),
  ...filesIn(corpusDir(), ['.pdf']).map((path) => ({ name: basename(path), path, bench: false })),
];
console.log(`node ${process.version}, pdfjs-dist 5.6.205 (legacy, main thread); medians after warm-up\n`);
const cols = ['pdfjs', ...Object.keys(wasmStages)];
console.log(['document'.padEnd(40), 'pages', ...cols.map((c) => c.replace('anonymize_', 'anon_').padStart(12)), '  pdfjs/pipeline'].join(' '));
const timings = [];
for (const doc of pdfs) {
  const bytes = new Uint8Array(readFileSync(doc.path));
  const row = { name: doc.name, bench: doc.bench, bytes: bytes.length, ms: {} };
  try {
    const p = await timeAdaptive(pdfjs, bytes);
    row.pages = p.pages;
    row.ms.pdfjs = p.ms;
    for (const [name, run] of Object.entries(wasmStages)) row.ms[name] = (await timeAdaptive(run, bytes)).ms;
  } catch (e) {
    console.log(`${doc.name.padEnd(40)} failed: ${e.code ?? e.name} (excluded)`);
    continue;
  }
  row.pipelineVsPdfjs = row.ms.pdfjs / row.ms[PIPELINE];
  timings.push(row);
  console.log([doc.name.slice(0, 40).padEnd(40), String(row.pages).padStart(5), ...cols.map((c) => row.ms[c].toFixed(2).padStart(12)),
    `  ${row.pipelineVsPdfjs.toFixed(2)}x`].join(' '));
}

// 2. Wasm memory per stage and page count, each on a fresh instance.
console.log('\nwasm linear memory after one run on a fresh instance (MB; initial memory in brackets)');
const memory = { pages: PAGES, stages: {} };
for (const stage of Object.keys(wasmStages)) memory.stages[stage] = [];
for (const n of PAGES) {
  const bytes = new Uint8Array(readFileSync(benchDocs[n]));
  const cells = [];
  for (const stage of Object.keys(wasmStages)) {
    const fresh = await loadWasm();
    const initial = fresh.memory.buffer.byteLength;
    const run = { extract: (b) => fresh.api.extract(b, { hint: 'cv.pdf' }), parse: (b) => fresh.api.parse(b, { hint: 'cv.pdf' }) }[stage]
      ?? ((b) => fresh.api.anonymize(b, { hint: 'cv.pdf', level: stage.replace('anonymize_', '') }));
    run(bytes.slice());
    const peak = fresh.memory.buffer.byteLength;
    memory.stages[stage].push(peak);
    memory.initialBytes = initial;
    cells.push(`${stage} ${(peak / 2 ** 20).toFixed(1)}`);
  }
  console.log(`${String(n).padStart(4)}p  ${cells.join('  ')}  [${(memory.initialBytes / 2 ** 20).toFixed(1)}]`);
}

// 3. Presidio against anonymize(text), on the same texts.
let presidio = null;
const python = join(repoRoot, 'bench/presidio/.venv/bin/python');
if (PRESIDIO && existsSync(python)) {
  const sources = [
    ...filesIn(corpusDir(), ['.pdf', '.docx', '.odt', '.rtf', '.html', '.txt', '.md']).map((path) => ({ name: basename(path), path })),
    ...PAGES.filter((n) => n <= PRESIDIO_MAX_PAGES).map((n) => ({ name: `bench ${n}p`, path: benchDocs[n] })),
  ];
  const texts = sources.map((s) => documentText(api.extract(new Uint8Array(readFileSync(s.path)), { hint: basename(s.path) })));
  const reps = QUICK ? 3 : 5;
  console.log(`\nPresidio (analyze + anonymize, ${sources.length} texts, 1 warm-up pass, median of ${reps}) …`);
  const child = spawnSync(python, [join(repoRoot, 'bench/presidio-time.py')], {
    input: JSON.stringify({ texts, warmup: 1, reps }),
    env: { ...process.env, TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS: '' },
    maxBuffer: 64 << 20,
  });
  if (child.status !== 0) {
    console.log(`Presidio failed (exit ${child.status}): ${child.stderr.toString().slice(-500)}`);
  } else {
    const out = JSON.parse(child.stdout.toString());
    const rows = [];
    console.log(['text'.padEnd(40), 'chars'.padStart(7), 'presidio ms'.padStart(12), ...LEVELS.map((l) => `${l} ms`.padStart(12)), '  ratio (thorough)'].join(' '));
    for (const [i, s] of sources.entries()) {
      const ours = {};
      for (const level of LEVELS) {
        ours[level] = (await time((t) => api.anonymize(t, { level }), texts[i], { reps: Math.max(5, Math.min(REPS, 30)), warmup: WARMUP })).ms;
      }
      const row = { name: s.name, chars: texts[i].length, presidioMs: out.ms[i], presidioEntities: out.entities[i], ms: ours, ratio: out.ms[i] / ours.thorough };
      rows.push(row);
      console.log([s.name.slice(0, 40).padEnd(40), String(row.chars).padStart(7), row.presidioMs.toFixed(2).padStart(12),
        ...LEVELS.map((l) => ours[l].toFixed(3).padStart(12)), `  ${row.ratio.toFixed(1)}x`].join(' '));
    }
    presidio = { versions: out.versions, reps, maxPages: PRESIDIO_MAX_PAGES, rows, medianRatio: median(rows.map((r) => r.ratio)), minRatio: Math.min(...rows.map((r) => r.ratio)) };
  }
} else {
  console.log(`\nPresidio skipped (${PRESIDIO ? 'run bench/presidio/setup.sh to make bench/presidio/.venv' : '--no-presidio'})`);
}

// 4. Linearity on the benchmark documents.
console.log('\nlinear fits against pages (wasm)');
const bench = timings.filter((t) => t.bench);
const fits = { time: {}, memory: {} };
for (const stage of cols) {
  fits.time[stage] = linearFit(bench.map((t) => t.pages), bench.map((t) => t.ms[stage]));
  console.log(`  time   ${stage.padEnd(20)} ${describeFit(fits.time[stage], 'ms')}`);
}
for (const stage of Object.keys(memory.stages)) {
  fits.memory[stage] = linearFit(PAGES, memory.stages[stage].map((b) => b / 2 ** 20));
  console.log(`  memory ${stage.padEnd(20)} ${describeFit(fits.memory[stage], 'MB')}`);
}

// The targets. Linear growth: the per-page cost at the largest document against that at 10 pages
// (linearFit's perPageRatio; fixed costs make it fall below 1, growth faster than linear above).
const LINEAR_TOLERANCE = 1.5;
const linearity = [
  ...Object.entries(fits.time).map(([stage, f]) => ({ what: `time ${stage}`, ratio: f.perPageRatio })),
  ...Object.entries(fits.memory).map(([stage, f]) => ({ what: `memory ${stage}`, ratio: f.perPageRatio })),
].filter((l) => l.ratio != null);
const twoPage = timings.filter((t) => t.pages === 2);
const tenPagePeak = Math.max(...Object.values(memory.stages).map((s) => s[PAGES.indexOf(10)]));
const targets = [
  {
    name: 'full pipeline (extract + parse + anonymize thorough) on a 2-page CV faster than pdf.js text extraction alone',
    met: twoPage.length > 0 && twoPage.every((t) => t.pipelineVsPdfjs > 1),
    detail: twoPage.map((t) => `${t.name}: pipeline ${t.ms[PIPELINE].toFixed(2)} ms vs pdf.js ${t.ms.pdfjs.toFixed(2)} ms (${t.pipelineVsPdfjs.toFixed(2)}x)`).join('; '),
  },
  {
    name: `anonymization at least ${PRESIDIO_TARGET}x faster than Presidio on the same text`,
    met: presidio ? presidio.minRatio >= PRESIDIO_TARGET : null,
    detail: presidio ? `thorough: median ${presidio.medianRatio.toFixed(1)}x, lowest ${presidio.minRatio.toFixed(1)}x over ${presidio.rows.length} texts` : 'not measured (Presidio not set up)',
  },
  {
    name: `time and peak memory of every stage grow linearly with pages (per-page cost at ${PAGES.at(-1)} pages at most ${LINEAR_TOLERANCE}x that at 10 pages)`,
    met: linearity.length ? linearity.every((l) => l.ratio <= LINEAR_TOLERANCE) : null,
    detail: linearity.length
      ? linearity.map((l) => `${l.what} ${l.ratio.toFixed(2)}x`).join(', ')
      : 'not measured (needs documents above 10 pages: --max-pages)',
  },
  {
    name: 'peak wasm memory for a 10-page CV under 64 MB',
    met: tenPagePeak < MEMORY_TARGET,
    detail: `${(tenPagePeak / 2 ** 20).toFixed(1)} MB (largest stage: whole-module linear memory)`,
  },
];
console.log('\ntargets');
for (const t of targets) console.log(`  ${t.met === null ? 'NOT MEASURED' : t.met ? 'met   ' : 'MISSED'}  ${t.name}: ${t.detail}`);

const dir = join(repoRoot, 'target/reports');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'wasm.json'), JSON.stringify({ kind: 'wasm', node: process.version, quick: QUICK, pages: PAGES, maxPages: MAX_PAGES, timings, memory, presidio, fits, targets }, null, 1));
console.log(`\nwrote ${join(dir, 'wasm.json')}`);
