// The engines the Node benchmarks drive, loaded once per process: cvshield's wasm
// module (pkg/, built by scripts/build-wasm.sh) and pdf.js (pdfjs-dist 5.6.205,
// legacy build, main thread), plus the PDFs they are compared on and the timer.
// Shared by extract-vs-pdfjs.mjs (extraction only) and peers.mjs (the whole
// pipeline, Presidio, scaling and wasm memory).

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median } from './stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const benchDir = resolve(here, '..');
export const repoRoot = resolve(benchDir, '..');
export const REPS = Number(process.env.BENCH_REPS) || 15;
export const WARMUP = Number(process.env.BENCH_WARMUP) || 3;

export function corpusDir() {
  const candidates = [process.env.CVSHIELD_CORPUS, join(repoRoot, '../shared/corpus/realworld')];
  return candidates.find((d) => d && existsSync(d)) ?? null;
}

/** Files ending in one of `exts` in `dir`, sorted, as full paths. */
export const filesIn = (dir, exts) =>
  dir && existsSync(dir)
    ? readdirSync(dir).filter((f) => exts.some((e) => f.toLowerCase().endsWith(e))).sort().map((f) => join(dir, f))
    : [];

// The core_* fixtures are hostile or edge cases (page-tree cycles, bombs,
// encryption), not CVs to time; pdf.js did not finish one of them in 14 min.
export function pdfFiles() {
  return [corpusDir(), join(repoRoot, 'tests/fixtures/pdf')]
    .flatMap((d) => filesIn(d, ['.pdf']))
    .filter((f) => !f.split('/').pop().startsWith('core_'));
}

const wasmPath = join(repoRoot, 'pkg/cvshield_bg.wasm');
let compiled;

/**
 * A fresh instance of the cvshield wasm module: its API and its linear memory.
 * Every call gets its own JS glue (a new module URL) and its own memory, so a
 * memory high-water mark (memory.buffer.byteLength only grows) belongs to what
 * ran on that instance alone; the compiled module is shared.
 */
export async function loadWasm() {
  if (!existsSync(wasmPath)) throw new Error('pkg/ is not built: run scripts/build-wasm.sh first');
  compiled ??= new WebAssembly.Module(readFileSync(wasmPath));
  loadWasm.instances = (loadWasm.instances ?? 0) + 1;
  const url = `${pathToFileURL(join(repoRoot, 'pkg/cvshield.js')).href}?instance=${loadWasm.instances}`;
  const api = await import(url);
  const exports = api.initSync({ module: compiled });
  return { api, memory: exports.memory };
}

/** The TextView text of an extracted document: lines joined by \n, pages by \f. */
export const documentText = (doc) => doc.pages.map((p) => p.lines.map((l) => l.text).join('\n')).join('\f');

/** pdf.js text extraction (getDocument + getTextContent on every page) → { pages, chars }. */
export async function loadPdfjs() {
  const require = createRequire(join(benchDir, 'package.json'));
  const pdfjsDir = dirname(require.resolve('pdfjs-dist/package.json'));
  globalThis.pdfjsWorker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  return async (bytes) => {
    const task = pdfjs.getDocument({
      data: bytes,
      useSystemFonts: false,
      disableFontFace: true,
      standardFontDataUrl: join(pdfjsDir, 'standard_fonts/'),
      cMapUrl: join(pdfjsDir, 'cmaps/'),
      cMapPacked: true,
      verbosity: 0,
    });
    let doc;
    try {
      doc = await task.promise;
    } catch (e) {
      await task.destroy();
      throw e;
    }
    let chars = 0;
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      for (const item of content.items) chars += item.str?.length ?? 0;
    }
    const pages = doc.numPages;
    await doc.destroy();
    return { pages, chars };
  };
}

/**
 * Median wall time of `run` over `reps` runs after `warmup`; each run gets its own
 * copy of `bytes` (pdf.js detaches it). Returns { ms, ...last result }.
 */
export async function time(run, bytes, { reps = REPS, warmup = WARMUP } = {}) {
  // Start each measurement from a collected heap (node --expose-gc, as scripts/report.sh runs it):
  // otherwise a stage pays for the garbage the stages before it left, which grows with the
  // document and made, e.g., wasm extract look super-linear at 50 and 100 pages.
  globalThis.gc?.();
  let result;
  for (let i = 0; i < warmup; i++) result = await run(bytes.slice());
  const times = [];
  for (let i = 0; i < reps; i++) {
    const copy = bytes.slice();
    const t0 = performance.now();
    result = await run(copy);
    times.push(performance.now() - t0);
  }
  return { ms: median(times), ...result };
}
