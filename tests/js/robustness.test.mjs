// Robustness of the wasm build: the same kind of damaged inputs as the
// native test (tests/integration/robustness.rs), run through pkg/cvshield.js. A Rust
// panic in wasm surfaces as `RuntimeError: unreachable` and poisons the
// instance, so the module is re-instantiated after one to keep counting.
//
// Knobs: CVSHIELD_MUTATIONS (total inputs, default 3600), CVSHIELD_MAX_CALL_MS
// (default 1000). Failing inputs go to target/robustness-failures-wasm/.

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { mutateBytes, tokensFor } from './robustness/mutate.mjs';
import { fnv1a, Rng } from './robustness/prng.mjs';
import { collectSeeds, filesUnder, repoRoot } from './robustness/seeds.mjs';
import { mutateMemberBytes, mutateRepacked, readEntries, readMember, writeZip } from './robustness/zip.mjs';

const PKG_JS = join(repoRoot, 'pkg/cvshield.js');
const PKG_WASM = join(repoRoot, 'pkg/cvshield_bg.wasm');
const STABLE_CODES = new Set(['unsupported_format', 'malformed', 'encrypted', 'no_text_layer', 'too_large', 'limit_exceeded']);
const TOTAL = Number(process.env.CVSHIELD_MUTATIONS) || 3600;
const MAX_CALL_MS = Number(process.env.CVSHIELD_MAX_CALL_MS) || 1000;
const TAIL_CUTS = [1, 7, 64, 512, 4096];

/** Variant v of a seed: 0 the original, then spread truncations, then random (sometimes stacked) damage. */
function variant(seed, other, v, perSeed) {
  const data = seed.bytes;
  const truncations = Math.max(Math.floor(perSeed / 6), TAIL_CUTS.length);
  if (v === 0) return [data, 'original'];
  if (v <= truncations) {
    const k = v - 1;
    const at = k < TAIL_CUTS.length
      ? Math.max(0, data.length - TAIL_CUTS[k])
      : Math.floor((data.length * (k + 1 - TAIL_CUTS.length)) / (truncations - TAIL_CUTS.length + 1));
    return [data.subarray(0, at), `truncated at ${at}`];
  }
  const rng = new Rng(fnv1a(seed.name) ^ Math.imul(v, 0x9e3779b9));
  const stacked = rng.below(3) === 0 ? rng.range(2, 3) : 1;
  let bytes = data;
  const steps = [];
  for (let i = 0; i < stacked; i++) {
    const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
    const choice = isZip ? rng.below(3) : 2;
    const mutated = choice === 0 ? mutateMemberBytes(bytes, rng) : choice === 1 ? mutateRepacked(bytes, other.bytes, rng) : null;
    const [next, what] = mutated ?? mutateBytes(bytes, other.bytes, tokensFor(seed.family), rng);
    bytes = next;
    steps.push(what);
  }
  return [bytes, steps.join(' + ')];
}

/** A fresh module instance: a query string makes Node load a new copy of the glue. */
let instances = 0;
async function instantiate(module) {
  const api = await import(`${pathToFileURL(PKG_JS).href}?instance=${instances++}`);
  api.initSync({ module });
  return api;
}

/** Wall time of one more call on an input whose outcome is already known. */
function retime(api, bytes, options) {
  const t0 = performance.now();
  try {
    api.extract(bytes, options);
  } catch {
    // Counted on the first run.
  }
  return performance.now() - t0;
}

function saveFailure(ext, bytes) {
  const dir = join(repoRoot, 'target/robustness-failures-wasm', ext || 'unknown');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${fnv1a(Buffer.from(bytes).toString('latin1')).toString(16).padStart(8, '0')}.bin`);
  writeFileSync(path, bytes);
  return path;
}

test('wasm extract returns a document or a typed error on mutated inputs, fast', async (t) => {
  if (!existsSync(PKG_JS) || !existsSync(PKG_WASM)) {
    t.skip('pkg/ is not built (run scripts/build-wasm.sh); wasm robustness NOT checked');
    return;
  }
  const seeds = collectSeeds();
  assert.ok(seeds.length > 0, 'no seed documents found');
  const perSeed = Math.ceil(Math.max(TOTAL, seeds.length) / seeds.length);
  const module = new WebAssembly.Module(readFileSync(PKG_WASM));
  let api = await instantiate(module);

  const errors = {};
  const panics = [];
  const untyped = [];
  const slow = [];
  let runs = 0;
  let ok = 0;
  let max = { ms: 0, label: '' };
  const started = performance.now();
  for (const [s, seed] of seeds.entries()) {
    for (let v = 0; v < perSeed; v++) {
      const other = seeds[(s + 1 + (v % Math.max(1, seeds.length - 1))) % seeds.length];
      const [bytes, what] = variant(seed, other, v, perSeed);
      const label = `${seed.name} #${v} [${what}]`;
      const options = seed.ext ? { hint: `input.${seed.ext}` } : {};
      const t0 = performance.now();
      try {
        api.extract(bytes, options);
        ok++;
      } catch (e) {
        if (e instanceof WebAssembly.RuntimeError) {
          panics.push(`${label} :: ${e.message} :: saved ${saveFailure(seed.ext, bytes)}`);
          api = await instantiate(module);
        } else if (e && STABLE_CODES.has(e.code)) {
          errors[e.code] = (errors[e.code] ?? 0) + 1;
        } else {
          // Not a typed error (e.g. a stack overflow RangeError): the instance may be unusable too.
          untyped.push(`${label} :: ${e?.name}: ${e?.message} (code ${e?.code}) :: saved ${saveFailure(seed.ext, bytes)}`);
          api = await instantiate(module);
        }
      }
      const ms = performance.now() - t0;
      runs++;
      if (ms > max.ms) max = { ms, label };
      if (ms > MAX_CALL_MS) {
        // A shared machine can stall one call; a real slow path is slow every time.
        const fastest = Math.min(ms, retime(api, bytes, options), retime(api, bytes, options));
        if (fastest > MAX_CALL_MS) {
          slow.push(`${label} :: ${ms.toFixed(0)} ms, fastest of 3 ${fastest.toFixed(0)} ms :: saved ${saveFailure(seed.ext, bytes)}`);
        }
      }
    }
  }
  const errorCount = Object.values(errors).reduce((a, b) => a + b, 0);
  t.diagnostic(`wasm robustness: ${seeds.length} seeds x ${perSeed} = ${runs} inputs in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  t.diagnostic(`ok ${ok}, typed errors ${errorCount}, panics ${panics.length}, untyped ${untyped.length}, over ${MAX_CALL_MS} ms ${slow.length}`);
  t.diagnostic(`errors by code: ${Object.entries(errors).map(([c, n]) => `${c}=${n}`).join(' ') || 'none'}`);
  t.diagnostic(`max time ${max.ms.toFixed(1)} ms (${max.label})`);
  for (const line of [...panics, ...untyped, ...slow].slice(0, 30)) t.diagnostic(line);

  assert.equal(runs, seeds.length * perSeed);
  assert.deepEqual(panics, [], 'inputs made the wasm module panic (RuntimeError)');
  assert.deepEqual(untyped, [], 'every thrown error must carry a stable .code');
  assert.deepEqual(slow, [], `inputs took longer than ${MAX_CALL_MS} ms`);
});

test('saved regression inputs do not panic the wasm module', async (t) => {
  if (!existsSync(PKG_JS) || !existsSync(PKG_WASM)) {
    t.skip('pkg/ is not built (run scripts/build-wasm.sh); wasm regressions NOT checked');
    return;
  }
  const dir = join(repoRoot, 'tests/regressions');
  const module = new WebAssembly.Module(readFileSync(PKG_WASM));
  let api = await instantiate(module);
  const failures = [];
  for (const path of filesUnder(dir)) {
    const format = path.slice(dir.length + 1).split('/')[0];
    try {
      api.extract(new Uint8Array(readFileSync(path)), { hint: `input.${format}` });
    } catch (e) {
      if (!STABLE_CODES.has(e?.code)) {
        failures.push(`${path} :: ${e?.name}: ${e?.message}`);
        api = await instantiate(module);
      }
    }
  }
  assert.deepEqual(failures, []);
});

test('the mutation harness really damages inputs and keeps repacked zips valid', () => {
  const seeds = collectSeeds();
  const docx = seeds.find((s) => s.name === 'seeds/minimal.docx');
  const pdf = seeds.find((s) => s.name === 'seeds/minimal.pdf');
  assert.ok(docx && pdf, 'the per-format seeds are present');
  const perSeed = 200;
  let changed = 0;
  for (let v = 1; v < perSeed; v++) {
    if (!Buffer.from(variant(pdf, docx, v, perSeed)[0]).equals(Buffer.from(pdf.bytes))) changed++;
  }
  assert.ok(changed >= (perSeed - 1) * 0.95, `only ${changed} pdf variants differ`);

  // Round trip: reading the seed's members and writing them back keeps every member's content.
  const entries = readEntries(docx.bytes);
  const contents = entries.map((e) => readMember(docx.bytes, e));
  const rewritten = new Uint8Array(writeZip(entries.map((e, i) => ({ name: e.name, bytes: contents[i], stored: false }))));
  const again = readEntries(rewritten);
  assert.deepEqual(again.map((e) => e.name), entries.map((e) => e.name));
  again.forEach((e, i) => assert.deepEqual(readMember(rewritten, e), contents[i]));

  for (let v = 0; v < 100; v++) {
    const result = mutateRepacked(docx.bytes, pdf.bytes, new Rng(v));
    assert.ok(result, 'repacking a valid docx succeeds');
    assert.ok(readEntries(result[0]), 'a repacked zip opens');
  }
});
