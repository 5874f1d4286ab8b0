// The hostile-input corpus (tests/fixtures/hostile/manifest.json, made by
// make.py) through the wasm package and through the edge worker (workerd via
// Miniflare): every file via extract, parse and anonymize must reach the
// manifest's outcome — the same stable code the native runner
// (tests/integration/hostile.rs) gets, or a bounded document — within the time limit,
// without a panic (in wasm a panic is `RuntimeError: unreachable`; the module
// is re-instantiated after one so the rest still counts).
//
// Figures: target/reports/reliability-hostile-{wasm,worker}.json, the same
// fields as the native report:
//   { runner, files, calls, maxMillis, outcomes: {"<code>|ok": calls},
//     results: [{ file, expect, extract, parse, anonymize, millis }] }
// The worker rows also hold `status` per operation.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";

import { STATUS_BY_CODE } from "../../www/worker/src/http.js";
import { ROOT } from "./fixtures.mjs";
import { writeReport } from "./reports.mjs";
import { bundleWorker, removeBundle, startWorker } from "./worker-harness.mjs";

const DIR = path.join(ROOT, "tests/fixtures/hostile");
const MANIFEST = JSON.parse(readFileSync(path.join(DIR, "manifest.json"), "utf8")).files;
const OPERATIONS = ["extract", "parse", "anonymize"];
/** Generous against limits.maxMillis (10 s): a slow shared machine must not fail the suite. */
const CEILING_MS = 15_000;

const read = (file) => new Uint8Array(readFileSync(path.join(DIR, file)));

/** Check one outcome against its manifest entry; returns the problems found. */
function problems(entry, operation, code, text, millis) {
  const found = [];
  if (code !== entry.expect) found.push(`${entry.file} ${operation}: expected ${entry.expect}, got ${code}`);
  if (millis > CEILING_MS) found.push(`${entry.file} ${operation}: took ${millis} ms`);
  if (operation === "extract" && text !== undefined) {
    const chars = [...text].length;
    if (entry.maxChars !== undefined && chars > entry.maxChars) {
      found.push(`${entry.file}: ${chars} characters, bound ${entry.maxChars}`);
    }
    for (const needle of entry.absent ?? []) {
      if (text.includes(needle)) found.push(`${entry.file}: the output contains ${JSON.stringify(needle)}`);
    }
  }
  return found;
}

/** Run every file through `call(operation, entry, bytes) → {code, text, status?}`; report and assert. */
async function runCorpus(runner, call) {
  const failures = [];
  const outcomes = {};
  const results = [];
  let slowest = 0;
  for (const entry of MANIFEST) {
    const bytes = read(entry.file);
    const row = { file: entry.file, expect: entry.expect };
    let caseMs = 0;
    for (const operation of OPERATIONS) {
      const started = performance.now();
      const { code, text, status } = await call(operation, entry, bytes);
      const millis = Math.round((performance.now() - started) * 10) / 10;
      caseMs = Math.max(caseMs, millis);
      outcomes[code] = (outcomes[code] ?? 0) + 1;
      row[operation] = code;
      if (status !== undefined) row[`${operation}Status`] = status;
      failures.push(...problems(entry, operation, code, text, millis));
    }
    row.millis = caseMs;
    slowest = Math.max(slowest, caseMs);
    results.push(row);
  }
  writeReport(`reliability-hostile-${runner}.json`, {
    runner,
    files: MANIFEST.length,
    calls: MANIFEST.length * OPERATIONS.length,
    maxMillis: slowest,
    outcomes,
    failures: failures.length,
    results,
  });
  assert.deepEqual(failures, [], `${failures.length} hostile-input failures in ${runner}`);
}

// --- wasm -------------------------------------------------------------------

let instances = 0;
async function instantiate() {
  const api = await import(`${pathToFileURL(path.join(ROOT, "pkg/cvshield.js")).href}?hostile=${instances++}`);
  api.initSync({ module: readFileSync(path.join(ROOT, "pkg/cvshield_bg.wasm")) });
  return api;
}

test("hostile inputs end in their expected outcome in wasm", async () => {
  let api = await instantiate();
  await runCorpus("wasm", async (operation, entry, bytes) => {
    try {
      const result = api[operation](bytes, { hint: entry.file });
      const text = operation === "extract" ? result.pages.flatMap((p) => p.lines.map((l) => l.text)).join("\n") : undefined;
      return { code: "ok", text };
    } catch (error) {
      if (typeof error?.code === "string" && error.message) return { code: error.code };
      api = await instantiate(); // a panic poisons the instance
      return { code: `untyped: ${error?.name}` };
    }
  });
});

// --- worker -----------------------------------------------------------------

let bundleDir;
let worker;
before(async () => {
  bundleDir = bundleWorker();
  ({ worker } = await startWorker(bundleDir, { CVSHIELD_CACHE: "off" }));
});
after(async () => {
  await worker?.dispose();
  removeBundle(bundleDir);
});

test("hostile inputs end in their expected outcome through the worker", async () => {
  await runCorpus("worker", async (operation, entry, bytes) => {
    const url = `http://worker/${operation}?hint=${encodeURIComponent(entry.file)}`;
    const response = await worker.dispatchFetch(url, { method: "POST", body: bytes });
    const body = await response.json();
    if (response.status === 200) {
      const text = operation === "extract" ? body.pages.flatMap((p) => p.lines.map((l) => l.text)).join("\n") : undefined;
      return { code: "ok", text, status: 200 };
    }
    const expected = STATUS_BY_CODE[body.code];
    const code = expected === response.status && body.message ? body.code : `untyped: ${response.status} ${body.code}`;
    return { code, status: response.status };
  });
});
