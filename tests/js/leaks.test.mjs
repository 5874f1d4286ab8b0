// No leaks through the JS surfaces: the labelled documents (the real-world
// corpus's truth files: pii_strings, names, e-mails, phones; the fixtures:
// the names, e-mails and phones their own profiles hold), intact and
// damaged, go through the wasm package and the worker (with the file name in
// a multipart upload), and no labelled string nor input file name may appear
// in the worker's logs (workerd's stdout/stderr), its /metrics (JSON and
// Prometheus), any error message, or the warnings of a document, profile
// or anonymisation. The native side (CLI stderr) is tests/integration/leaks.rs.
//
// Figures: target/reports/reliability-leaks-js.json
//   { piiStrings, documents, requests, wasmCalls, leaks (must be 0) }
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";

import { extractSync, parseSync, anonymizeSync } from "../../pkg/node.js";
import { ROOT } from "./fixtures.mjs";
import { loadDocuments } from "./load.mjs";
import { writeReport } from "./reports.mjs";
import { bundleWorker, removeBundle, startWorker } from "./worker-harness.mjs";

/** The same folders as cvshield::eval::corpus::locate. */
function corpusDir() {
  const candidates = [process.env.CVSHIELD_CORPUS, path.join(ROOT, "../shared/corpus/realworld")];
  return candidates.find((dir) => dir && existsSync(dir));
}

/** Long enough not to match by chance inside a message (the rule of tests/integration/leaks.rs). */
function worthChecking(s) {
  const t = String(s).trim();
  const digits = (t.match(/[0-9]/g) ?? []).length;
  const letters = (t.match(/\p{L}/gu) ?? []).length;
  return [...t].length >= 5 && (letters >= 4 || digits >= 7);
}

const normalise = (s) => s.normalize("NFC").replace(/[\s\u00a0]+/g, " ").toLowerCase();

function labelled() {
  const docs = [];
  const dir = corpusDir();
  if (dir) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".truth.json")).sort()) {
      const truth = JSON.parse(readFileSync(path.join(dir, file), "utf8"));
      const stem = file.replace(/\.truth\.json$/, "");
      const doc = readdirSync(dir).find((f) => f.startsWith(`${stem}.`) && !f.endsWith(".json"));
      if (!doc) continue;
      const strings = [...(truth.pii_strings ?? []), truth.name, ...(truth.name_parts ?? []), ...(truth.emails ?? []), ...(truth.phones ?? [])];
      docs.push({ name: doc, bytes: readFileSync(path.join(dir, doc)), strings: strings.filter((s) => s && worthChecking(s)) });
    }
  }
  for (const { name, bytes } of loadDocuments()) {
    try {
      const { basics = {} } = parseSync(bytes, { hint: name });
      docs.push({ name, bytes, strings: [basics.name, basics.email, basics.phone].filter((s) => s && worthChecking(s)) });
    } catch {
      docs.push({ name, bytes, strings: [] });
    }
  }
  return docs;
}

/** The intact document and two damaged copies (its first half; a corrupted middle). */
function variants(bytes) {
  const flipped = new Uint8Array(bytes);
  const mid = flipped.length >> 1;
  for (let i = mid; i < Math.min(flipped.length, mid + 512); i++) flipped[i] ^= 0x5a;
  return [new Uint8Array(bytes), new Uint8Array(bytes).subarray(0, bytes.length >> 1), flipped];
}

function multipart(name, bytes) {
  const boundary = "----cvshield-leaks";
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const body = Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { body, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

let bundleDir;
let started;
before(async () => {
  bundleDir = bundleWorker();
  started = await startWorker(bundleDir, { CVSHIELD_CACHE: "on" });
});
after(async () => {
  await started?.worker.dispose();
  removeBundle(bundleDir);
});

test("no labelled personal data in the worker's logs and metrics, error messages or warnings", { timeout: 900_000 }, async () => {
  const docs = labelled();
  const strings = [...new Set(docs.flatMap((d) => d.strings))].map(normalise);
  const stems = docs.map((d) => d.name.replace(/\.[^.]+$/, "")).filter((s) => s.length >= 8).map(normalise);
  assert.ok(strings.length >= 20, `only ${strings.length} labelled strings to look for`);
  const leaks = [];
  const check = (what, text) => {
    const hay = normalise(String(text ?? ""));
    for (const s of strings) if (hay.includes(s)) leaks.push(`${what} contains the labelled string ${JSON.stringify(s)}`);
    for (const s of stems) if (hay.includes(s)) leaks.push(`${what} contains the file name ${JSON.stringify(s)}`);
  };
  // The check itself must see a planted leak.
  check("self-test", `malformed: near ${strings[0]}`);
  assert.equal(leaks.length, 1, "the leak check missed a planted string");
  leaks.length = 0;

  let requests = 0;
  let wasmCalls = 0;
  for (const doc of docs) {
    for (const bytes of variants(doc.bytes)) {
      // wasm: errors and warnings.
      for (const [op, call] of [
        ["extract", () => extractSync(bytes, { hint: doc.name }).warnings],
        ["parse", () => parseSync(bytes, { hint: doc.name }).meta],
        ["anonymize", () => anonymizeSync(bytes, { hint: doc.name, level: "thorough" }).meta],
      ]) {
        wasmCalls += 1;
        try {
          check(`wasm ${op} warnings`, JSON.stringify(call()));
        } catch (error) {
          check(`wasm ${op} error`, `${error?.code} ${error?.message}`);
        }
      }
      // The worker: the file name travels in the upload.
      for (const route of ["/extract", "/parse", "/anonymize?level=thorough"]) {
        requests += 1;
        const { body, headers } = multipart(doc.name, bytes);
        const response = await started.worker.dispatchFetch(`http://worker${route}`, { method: "POST", body, headers });
        const json = await response.json();
        if (response.status !== 200) check(`worker ${route} error body`, JSON.stringify(json));
        else check(`worker ${route} warnings`, JSON.stringify(json.warnings ?? json.meta ?? ""));
      }
    }
  }
  check("worker /metrics", await (await started.worker.dispatchFetch("http://worker/metrics")).text());
  check("worker /metrics (prometheus)", await (await started.worker.dispatchFetch("http://worker/metrics?format=prometheus")).text());
  await new Promise((resolve) => setTimeout(resolve, 300)); // let workerd's output arrive
  check("the worker's logs", started.output.join(""));

  writeReport("reliability-leaks-js.json", { piiStrings: strings.length, documents: docs.length, requests, wasmCalls, leaks: leaks.length });
  assert.deepEqual([...new Set(leaks)], []);
});
