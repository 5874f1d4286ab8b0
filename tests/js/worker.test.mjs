// The edge worker as HTTP clients see it: the bundle `wrangler deploy
// --dry-run` makes (offline), run in workerd through Miniflare. Every
// endpoint, every error status, the cache, the metrics, and the answers
// checked against the worker's own OpenAPI description.
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";

import { LEGACY_DOC_BYTES, PNG_BYTES, ROOT, activeVersion, crateVersion, fixture, lineTexts, modelFiles } from "./fixtures.mjs";
import { validate } from "./json-schema.mjs";
import { bundleWorker, removeBundle, startWorker } from "./worker-harness.mjs";

const pdfFixture = (name) => new Uint8Array(readFileSync(path.join(ROOT, "tests/fixtures/pdf", name)));
const ROUTES = ["/extract", "/parse", "/anonymize", "/redact"];
const CV = new TextEncoder().encode(
  "Jane Example\njane.example@example.org · +44 20 7946 0321\n\nExperience\nSoftware Engineer, Acme Corp\n2019 – 2023\n",
);
// A phrase from hello.txt that must never reach the worker's logs.
const SECRET = "Jane Example";

let bundleDir, mf, spec;
const workers = []; // every Miniflare started, with its captured output
const instances = {};

before(async () => {
  bundleDir = bundleWorker();
  mf = await start();
  instances.noCache = await start({ CVSHIELD_CACHE: "off" });
  instances.tinyCache = await start({ CVSHIELD_CACHE_MAX_ENTRIES: "1" });
  spec = await (await mf.dispatchFetch("http://worker/openapi.json")).json();
});

after(async () => {
  for (const { worker } of workers) await worker.dispose();
  removeBundle(bundleDir);
});

/** A Miniflare running the wrangler bundle with `bindings` as its vars (and `extra` Miniflare options); logs captured. */
async function start(bindings = {}, extra = {}) {
  const started = await startWorker(bundleDir, bindings, { extra });
  workers.push(started);
  return started.worker;
}

const post = (route, body, headers = {}, worker = mf) =>
  worker.dispatchFetch(`http://worker${route}`, { method: "POST", body, headers });

/** A multipart/form-data body with `parts` ({name, filename?, type?, data}) and its Content-Type. */
function multipart(parts) {
  const boundary = "----cvshield-test-boundary";
  const chunks = [];
  const text = (s) => chunks.push(new TextEncoder().encode(s));
  for (const part of parts) {
    text(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"`);
    if (part.filename) text(`; filename="${part.filename}"`);
    text(`\r\nContent-Type: ${part.type ?? "application/octet-stream"}\r\n\r\n`);
    chunks.push(typeof part.data === "string" ? new TextEncoder().encode(part.data) : part.data);
    text("\r\n");
  }
  text(`--${boundary}--\r\n`);
  return { body: Buffer.concat(chunks), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

/** Assert a JSON error with `status` and `code`, valid against the Error schema. */
async function assertError(response, status, code) {
  assert.equal(response.status, status, `status for ${code}`);
  assert.match(response.headers.get("content-type"), /^application\/json/);
  const error = await response.json();
  assert.equal(error.code, code);
  assert.ok(error.message.length > 0);
  assert.deepEqual(validate(error, spec.components.schemas.Error, spec), []);
  // Each status a route answers must be documented for it.
  return error;
}

/** Assert `value` conforms to the 200 schema of `method path` in the spec. */
function assertConforms(value, route, method = "get") {
  const schema = spec.paths[route][method].responses[200].content["application/json"].schema;
  assert.deepEqual(validate(value, schema, spec), [], `${method.toUpperCase()} ${route}`);
}

test("GET /health reports the version", async () => {
  const res = await mf.dispatchFetch("http://worker/health");
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.deepEqual(body, { ok: true, version: crateVersion() });
  assertConforms(body, "/health");
});

test("GET /version lists the library and the embedded models", async () => {
  const body = await (await mf.dispatchFetch("http://worker/version")).json();
  assert.equal(body.version, crateVersion());
  assert.ok(Array.isArray(body.models));
  assertConforms(body, "/version");
});

test("GET /openapi.json is OpenAPI 3.1 with every route, schema and error status", async () => {
  assert.equal(spec.openapi, "3.1.0");
  assert.equal(spec.info.version, crateVersion());
  for (const route of [...ROUTES, "/health", "/version", "/metrics", "/openapi.json", "/docs"]) {
    assert.ok(spec.paths[route], route);
  }
  for (const [route, item] of Object.entries(spec.paths)) {
    if (!item.post) continue;
    for (const status of ["200", "400", "413", "415", "422"]) assert.ok(item.post.responses[status], `${route} ${status}`);
    assert.ok(item.post.requestBody.content["multipart/form-data"], `${route} takes multipart`);
  }
  // Every $ref resolves.
  const refs = JSON.stringify(spec).match(/"\$ref":"[^"]+"/g) ?? [];
  for (const ref of new Set(refs)) {
    const name = ref.slice(ref.lastIndexOf("/") + 1, -1);
    assert.ok(spec.components.schemas[name], ref);
  }
});

test("GET /docs is a self-contained page with its own CSS", async () => {
  const res = await mf.dispatchFetch("http://worker/docs");
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type"), /^text\/html/);
  assert.match(res.headers.get("content-security-policy"), /default-src 'none'/);
  const html = await res.text();
  for (const route of Object.keys(spec.paths)) assert.ok(html.includes(`${route}</code>`), route);
  assert.doesNotMatch(html, /<script/i);
  for (const [, url] of html.matchAll(/(?:src|href)="([^"]+)"/g)) assert.match(url, /^\/[^/]/, url);
  const css = await mf.dispatchFetch("http://worker/docs.css");
  assert.equal(css.status, 200);
  assert.match(css.headers.get("content-type"), /^text\/css/);
});

test("POST /extract takes the raw body and answers a Document", async () => {
  const res = await post("/extract", fixture("hello.txt"));
  assert.equal(res.status, 200);
  const doc = await res.json();
  assert.equal(doc.format, "txt");
  assert.equal(lineTexts(doc)[0], "Hello from cvshield");
  assertConforms(doc, "/extract", "post");
  const pdf = await (await post("/extract", fixture("hello.pdf"))).json();
  assert.deepEqual(lineTexts(pdf), ["Hello PDF from cvshield"]);
  assertConforms(pdf, "/extract", "post");
});

test("POST /extract takes multipart/form-data, with the file name as the hint", async () => {
  const pdf = multipart([{ name: "file", filename: "cv.pdf", data: fixture("hello.pdf") }]);
  const res = await post("/extract", pdf.body, pdf.headers);
  assert.equal(res.status, 200);
  assert.deepEqual(lineTexts(await res.json()), ["Hello PDF from cvshield"]);
  const md = multipart([{ name: "note", data: "x" }, { name: "file", filename: "cv.md", data: "# Jane\n" }]);
  assert.equal((await (await post("/extract", md.body, md.headers)).json()).format, "markdown");
});

test("hints: a Markdown content type or ?hint=", async () => {
  const md = new TextEncoder().encode("# Jane Example\n");
  assert.equal((await (await post("/extract", md, { "content-type": "text/markdown" })).json()).format, "markdown");
  assert.equal((await (await post("/extract?hint=cv.md", md)).json()).format, "markdown");
  assert.equal((await (await post("/extract", md)).json()).format, "txt");
});

test("400: unknown parameter, multipart without a file, broken multipart", async () => {
  await assertError(await post("/extract?level=basic", fixture("hello.txt")), 400, "unknown_parameter");
  await assertError(await post("/extract?parserModel=1.0.0", fixture("hello.txt")), 400, "unknown_parameter");
  const noFile = multipart([{ name: "document", filename: "cv.txt", data: "Hello" }]);
  await assertError(await post("/extract", noFile.body, noFile.headers), 400, "missing_file");
  const broken = { "content-type": "multipart/form-data; boundary=nothing-like-this" };
  await assertError(await post("/extract", "not multipart at all", broken), 400, "invalid_multipart");
});

test("413: a raw body or a multipart file over the size limit, on every document route", async () => {
  const big = new Uint8Array(20 * 1024 * 1024 + 1);
  const form = multipart([{ name: "file", filename: "cv.pdf", data: big }]);
  for (const route of ROUTES) {
    await assertError(await post(route, big), 413, "too_large");
    await assertError(await post(route, form.body, form.headers), 413, "too_large");
  }
});

test("415: empty and legacy Word inputs, on every document route", async () => {
  for (const route of ROUTES) {
    for (const body of [new Uint8Array(0), LEGACY_DOC_BYTES]) await assertError(await post(route, body), 415, "unsupported_format");
  }
});

test("422: malformed, encrypted, scanned and over-limit documents", async () => {
  const cases = {
    malformed: "core_cycles.pdf",
    encrypted: "core_encrypted_password.pdf",
    no_text_layer: "core_no_text.pdf",
    limit_exceeded: "core_hostile_forms.pdf",
  };
  for (const route of ROUTES) {
    for (const [code, file] of Object.entries(cases)) await assertError(await post(route, pdfFixture(file)), 422, code);
  }
});

test("a scan's 422 says the page reads scans on the device, and the OpenAPI says the API does not OCR", async () => {
  for (const route of ROUTES) {
    for (const scan of [pdfFixture("core_no_text.pdf"), PNG_BYTES]) {
      const error = await assertError(await post(route, scan), 422, "no_text_layer");
      assert.match(error.message, /does not run OCR; cvshield's web page reads scans on your own device/);
    }
  }
  assert.match(spec.info.description, /no OCR: 422 no_text_layer.*web page reads them by OCR on the user's own device/);
});

test("POST /parse answers a JSON Resume profile, raw or multipart", async () => {
  const res = await post("/parse", CV);
  assert.equal(res.status, 200);
  const profile = await res.json();
  assert.equal(profile.basics.email, "jane.example@example.org");
  assert.equal(profile.meta.sourceFormat, "txt");
  assertConforms(profile, "/parse", "post");
  const form = multipart([{ name: "file", filename: "cv.txt", data: CV }]);
  const viaForm = await (await post("/parse", form.body, form.headers)).json();
  assert.deepEqual(viaForm.basics, profile.basics);
});

test("POST /anonymize?level= answers the anonymised text, profile, redactions and counts", async () => {
  const byLevel = {};
  for (const level of ["basic", "moderate", "thorough"]) {
    const res = await post(`/anonymize?level=${level}`, CV);
    assert.equal(res.status, 200, level);
    const out = await res.json();
    assertConforms(out, "/anonymize", "post");
    assert.equal(out.meta.level, level);
    assert.ok(!out.text.includes("jane.example@example.org"), out.text);
    assert.ok(out.text.includes("Software Engineer"));
    byLevel[level] = out.redactions.length;
  }
  assert.ok(byLevel.thorough >= byLevel.basic);
  const plain = await (await post("/anonymize", CV)).json();
  assert.equal(plain.meta.level, "basic", "basic is the default");
});

test("POST /redact?level= answers the document in its own format, never cached", async () => {
  for (const level of ["basic", "moderate", "thorough"]) {
    const res = await post(`/redact?level=${level}`, CV);
    assert.equal(res.status, 200, level);
    assert.match(res.headers.get("content-type"), /^text\/plain/);
    assert.equal(res.headers.get("x-cvshield-cache"), "off");
    assert.ok(Number(res.headers.get("x-cvshield-redactions")) > 0);
    const text = await res.text();
    assert.ok(!text.includes("jane.example@example.org") && text.includes("Software Engineer"), text);
  }
  const docx = readFileSync(path.join(ROOT, "tests/fixtures/docx/libreoffice_cv.docx"));
  const form = multipart([{ name: "file", filename: "cv.docx", data: docx }]);
  const res = await post("/redact?level=moderate", form.body, form.headers);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  assert.match(res.headers.get("content-disposition"), /redacted\.docx/);
  assert.deepEqual([...new Uint8Array(await res.arrayBuffer()).slice(0, 2)], [0x50, 0x4b]);
  const pdfRes = await post("/redact", pdfFixture("core_truetype.pdf"));
  assert.equal(pdfRes.status, 200);
  assert.equal(pdfRes.headers.get("content-type"), "application/pdf");
  assert.equal(new TextDecoder().decode(new Uint8Array(await pdfRes.arrayBuffer()).slice(0, 5)), "%PDF-");
  await assertError(await post("/redact?level=extreme", CV), 400, "invalid_level");
});

test("400: a bad level and model versions this build does not embed", async () => {
  await assertError(await post("/anonymize?level=extreme", CV), 400, "invalid_level");
  const parser = await assertError(await post("/parse?parserModel=99.0.0", CV), 400, "unknown_model_version");
  assert.match(parser.message, /parserModel/);
  await assertError(await post("/anonymize?anonymizerModel=99.0.0", CV), 400, "unknown_model_version");
  await assertError(await post("/anonymize?parserModel=nope", CV), 400, "unknown_model_version");
  await assertError(await post("/parse?level=basic", CV), 400, "unknown_parameter");
  // Every embedded version can be asked for by name.
  const { models } = await (await mf.dispatchFetch("http://worker/version")).json();
  for (const { kind, version } of models) {
    const route = kind === "parser" ? "/parse" : "/anonymize";
    const res = await post(`${route}?${kind}Model=${encodeURIComponent(version)}`, CV);
    assert.equal(res.status, 200, `${kind} ${version}`);
  }
});

test("404 for unknown paths, 405 with Allow for wrong methods", async () => {
  await assertError(await mf.dispatchFetch("http://worker/nope"), 404, "not_found");
  const get = await mf.dispatchFetch("http://worker/extract");
  assert.equal(get.headers.get("allow"), "POST");
  await assertError(get, 405, "method_not_allowed");
  const postHealth = await post("/health", "x");
  assert.equal(postHealth.headers.get("allow"), "GET, HEAD");
  await assertError(postHealth, 405, "method_not_allowed");
});

test("results are cached by content and options; a header or the env var switches it off", async () => {
  const body = new TextEncoder().encode("Cache me\nplease\n");
  const first = await post("/extract", body);
  assert.equal(first.headers.get("x-cvshield-cache"), "miss");
  const second = await post("/extract", body);
  assert.equal(second.headers.get("x-cvshield-cache"), "hit");
  assert.deepEqual(await second.json(), await first.json());
  // Other options or another route, other key.
  assert.equal((await post("/extract?hint=cv.md", body)).headers.get("x-cvshield-cache"), "miss");
  assert.equal((await post("/anonymize?level=basic", body)).headers.get("x-cvshield-cache"), "miss");
  assert.equal((await post("/anonymize?level=basic", body)).headers.get("x-cvshield-cache"), "hit");
  assert.equal((await post("/anonymize?level=thorough", body)).headers.get("x-cvshield-cache"), "miss");
  // Other bytes, other key.
  assert.equal((await post("/extract", new TextEncoder().encode("Cache me\n"))).headers.get("x-cvshield-cache"), "miss");
  for (const header of [{ "x-cvshield-cache": "off" }, { "cache-control": "no-store" }]) {
    assert.equal((await post("/extract", body, header)).headers.get("x-cvshield-cache"), "off");
  }
  const off = instances.noCache;
  await post("/extract", body, {}, off);
  assert.equal((await post("/extract", body, {}, off)).headers.get("x-cvshield-cache"), "off");
});

test("the cache is bounded: the least recently used entry goes first", async () => {
  const tiny = instances.tinyCache;
  const a = new TextEncoder().encode("first\n");
  const b = new TextEncoder().encode("second\n");
  await post("/extract", a, {}, tiny);
  assert.equal((await post("/extract", a, {}, tiny)).headers.get("x-cvshield-cache"), "hit");
  await post("/extract", b, {}, tiny); // evicts a
  assert.equal((await post("/extract", a, {}, tiny)).headers.get("x-cvshield-cache"), "miss");
  const metrics = await (await tiny.dispatchFetch("http://worker/metrics")).json();
  assert.equal(metrics.cache.maxEntries, 1);
  assert.equal(metrics.cache.entries, 1);
  assert.ok(metrics.cache.evictions >= 2);
});

test("GET /metrics counts requests by route and status, latencies and error codes", async () => {
  const worker = await start();
  await post("/extract", fixture("hello.txt"), {}, worker);
  await post("/extract", LEGACY_DOC_BYTES, {}, worker);
  await worker.dispatchFetch("http://worker/health");
  await worker.dispatchFetch("http://worker/some/secret/path");
  const metrics = await (await worker.dispatchFetch("http://worker/metrics")).json();
  assertConforms(metrics, "/metrics");
  const count = (route, status) => metrics.requests.find((r) => r.route === route && r.status === status)?.count;
  assert.equal(count("POST /extract", 200), 1);
  assert.equal(count("POST /extract", 415), 1);
  assert.equal(count("GET /health", 200), 1);
  assert.equal(count("other", 404), 1);
  assert.deepEqual(metrics.errors, { unsupported_format: 1, not_found: 1 });
  const histogram = metrics.latencyMs["POST /extract"];
  assert.equal(histogram.count, 2);
  assert.equal(histogram.buckets.at(-1).le, "+Inf");
  assert.equal(histogram.buckets.at(-1).count, 2);
  assert.doesNotMatch(JSON.stringify(metrics), /secret|Hello|Jane/);
  const text = await (await worker.dispatchFetch("http://worker/metrics?format=prometheus")).text();
  assert.match(text, /^cvshield_requests_total\{route="POST \/extract",status="200"\} 1$/m);
  assert.match(text, /^cvshield_request_duration_ms_bucket\{route="POST \/extract",le="\+Inf"\} 2$/m);
  assert.match(text, /^cvshield_errors_total\{code="unsupported_format"\} 1$/m);
  // The wasm memory gauge: whole 64 KiB pages, and at least what the module needed for the extract above.
  assert.ok(metrics.wasmMemoryBytes >= 2 ** 20 && metrics.wasmMemoryBytes % 65536 === 0, `wasmMemoryBytes ${metrics.wasmMemoryBytes}`);
  assert.match(text, /^cvshield_wasm_memory_bytes \d+$/m);
});

test("no document content reaches the worker's logs", async () => {
  await post("/extract", fixture("hello.txt"));
  await post("/extract", fixture("hello.pdf"), { "x-cvshield-cache": "off" });
  await post("/parse", fixture("hello.txt"));
  await post("/anonymize?level=thorough", fixture("hello.txt"));
  await new Promise((resolve) => setTimeout(resolve, 300)); // let workerd's output arrive
  const logs = workers.map((w) => w.output.join("")).join("");
  assert.ok(!logs.includes(SECRET), "a CV's text appeared in the logs");
  assert.ok(!logs.includes("Hello PDF"), "a CV's text appeared in the logs");
});

test("the bundle holds the worker and the wasm module", () => {
  const files = readdirSync(bundleDir);
  assert.ok(files.includes("index.js"));
  assert.ok(files.some((f) => f.endsWith(".wasm")));
});

test("model versions from the MODELS namespace: verified on first use, then selectable per request", async () => {
  const worker = await start({}, { kvNamespaces: ["MODELS"] });
  const kv = await worker.getKVNamespace("MODELS");
  const { onnx, spec } = modelFiles("parser", activeVersion("parser"));
  const put = async (version, bytes) => {
    await kv.put(`parser/${version}/model.int8.nnef.tar`, bytes.slice().buffer);
    await kv.put(`parser/${version}/spec.json`, JSON.stringify({ ...spec, version }));
  };
  await put("1.0.1", onnx);
  const corrupt = onnx.slice();
  corrupt[corrupt.length >> 1] ^= 0x5a;
  await put("1.0.2", corrupt);

  await assertError(await post("/parse?parserModel=1.0.3", CV, {}, worker), 400, "unknown_model_version");
  const refused = await assertError(await post("/parse?parserModel=1.0.2", CV, {}, worker), 500, "invalid_model");
  assert.match(refused.message, /sha256/);
  assert.equal((await post("/parse?parserModel=1.0.1", CV, {}, worker)).status, 200);
  const anonymized = await post(`/anonymize?parserModel=1.0.1&anonymizerModel=${activeVersion("anonymizer")}`, CV, {}, worker);
  assert.equal(anonymized.status, 200);
  const used = ((await anonymized.json()).meta.models ?? []).map(({ name, version }) => `${name}@${version}`).sort();
  assert.deepEqual(used, [`anonymizer@${activeVersion("anonymizer")}`, "parser@1.0.1"]);

  const body = await (await worker.dispatchFetch("http://worker/version")).json();
  assertConforms(body, "/version");
  const listed = body.models.map((m) => `${m.name}@${m.version}:${m.embedded ? "embedded" : "loaded"}${m.active ? ":active" : ""}`);
  assert.ok(listed.includes("parser@1.0.1:loaded"), listed.join(" "));
  assert.ok(listed.includes(`parser@${activeVersion("parser")}:embedded:active`), listed.join(" "));
  assert.ok(!listed.some((m) => m.startsWith("parser@1.0.2")), "a refused version is not kept");
  // The default worker has no namespace: only the embedded versions exist there.
  await assertError(await post("/parse?parserModel=1.0.1", CV), 400, "unknown_model_version");
});
