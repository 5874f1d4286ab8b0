// Benchmark (not a test): the time to redact a PDF in its own format in the wasm module, beside
// the anonymize call that plans the same redactions, on the 2-page benchmark CV and the
// real-world PDFs when present. Prints one line per document with the medians per level.
//
//   node --expose-gc bench/redact.mjs          BENCH_REPS=15 BENCH_WARMUP=3

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { corpusDir, filesIn, loadWasm, time } from './lib/engines.mjs';
import { makeDocs } from './make-docs.mjs';

const LEVELS = ['basic', 'moderate', 'thorough'];
const { api } = await loadWasm();
const docs = [
  { name: 'bench cv-2p.pdf', path: makeDocs()[2] },
  ...filesIn(corpusDir(), ['.pdf']).map((path) => ({ name: basename(path), path })),
];

const fmt = (ms) => ms.toFixed(1).padStart(7);
console.log(`${'document'.padEnd(44)} ${LEVELS.map((l) => `anonymize ${l}`.padStart(19) + `redact ${l}`.padStart(17)).join('')}`);
for (const doc of docs) {
  const bytes = new Uint8Array(readFileSync(doc.path));
  const cells = [];
  for (const level of LEVELS) {
    const anonymized = await time((b) => ({ n: api.anonymize(b, { hint: 'cv.pdf', level }).redactions.length }), bytes);
    let redacted;
    try {
      redacted = await time((b) => ({ n: api.redact(b, { hint: 'cv.pdf', level }).bytes.length }), bytes);
    } catch (error) {
      redacted = { ms: NaN, code: error.code };
    }
    cells.push(`${fmt(anonymized.ms)} ms`.padStart(19) + (Number.isNaN(redacted.ms) ? String(redacted.code).padStart(17) : `${fmt(redacted.ms)} ms`.padStart(17)));
  }
  console.log(`${doc.name.slice(0, 44).padEnd(44)} ${cells.join('')}`);
}
