// The npm package as Node users get it: the "node" entry point, the async
// any-input API over the synchronous byte API, the error contract, and
// TypeScript types precise enough to need no `any`.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";

import init, {
  anonymize,
  anonymizeSync,
  checkInputSize,
  defaultLimits,
  extract,
  extractSync,
  loadModel,
  loadModelSync,
  models,
  parse,
  parseSync,
  redact,
  redactSync,
  tag,
  tagSync,
  version,
} from "../../pkg/node.js";
import { LEGACY_DOC_BYTES, MODEL_CV, PNG_BYTES, ROOT, activeVersion, crateVersion, fixture, lineTexts, modelFiles } from "./fixtures.mjs";

/** The code of the CvshieldError that `promiseOrFn` throws or rejects with. */
async function codeOf(promiseOrFn) {
  try {
    await (typeof promiseOrFn === "function" ? promiseOrFn() : promiseOrFn);
  } catch (error) {
    assert.ok(error instanceof Error, "throws an Error");
    assert.equal(error.name, "CvshieldError");
    assert.ok(error.message.length > 0);
    return error.code;
  }
  assert.fail("expected a CvshieldError");
}

test("version() is the crate version and init() is a no-op in Node", async () => {
  await init();
  assert.equal(version(), crateVersion());
});

test("errors carry stable codes, sync and async", async () => {
  assert.equal(await codeOf(() => extractSync(new Uint8Array(0))), "unsupported_format");
  assert.equal(await codeOf(extract(LEGACY_DOC_BYTES)), "unsupported_format");
  assert.equal(await codeOf(extract(PNG_BYTES)), "no_text_layer");
  assert.equal(await codeOf(extract(fixture("hello.pdf"), { limits: { maxInputBytes: 10 } })), "too_large");
});

test("wrong argument types throw TypeError", async () => {
  assert.throws(() => extractSync("Hello"), TypeError);
  await assert.rejects(extract("Hello"), TypeError);
  await assert.rejects(extract(fixture("hello.txt"), { limits: { maxPages: "many" } }), TypeError);
  assert.throws(() => checkInputSize(-1), TypeError);
});

test("defaultLimits() is a plain object and models() a list", () => {
  const limits = defaultLimits();
  assert.equal(Object.getPrototypeOf(limits), Object.prototype);
  assert.equal(limits.maxInputBytes, 20 * 1024 * 1024);
  assert.ok(Array.isArray(models()));
  for (const model of models()) {
    assert.match(model.kind, /^(parser|anonymizer)$/);
    assert.match(model.version, /^\d+\.\d+\.\d+/);
  }
});

test("extract accepts a Uint8Array, an ArrayBuffer and a Blob alike", async () => {
  const expected = ["Hello from cvshield", "Jane Example — Software Engineer", "Skills: Rust, WebAssembly"];
  const bytes = fixture("hello.txt");
  for (const input of [bytes, bytes.slice().buffer, new Blob([bytes]), new File([bytes], "cv.txt")]) {
    const doc = await extract(input);
    assert.equal(doc.format, "txt");
    assert.equal(Object.getPrototypeOf(doc), Object.prototype);
    assert.deepEqual(lineTexts(doc), expected, input.constructor.name);
  }
  assert.deepEqual(lineTexts(extractSync(bytes.slice().buffer)), expected);
});

test("a Blob over the size limit is refused before it is read", async () => {
  const blob = new Blob([fixture("hello.pdf")]);
  let read = false;
  blob.arrayBuffer = () => {
    read = true;
    return Blob.prototype.arrayBuffer.call(blob);
  };
  assert.equal(await codeOf(extract(blob, { limits: { maxInputBytes: 10 } })), "too_large");
  assert.equal(await codeOf(anonymize(blob, { level: "thorough", limits: { maxInputBytes: 10 } })), "too_large");
  assert.equal(read, false);
  assert.equal(await codeOf(() => checkInputSize(20 * 1024 * 1024 + 1)), "too_large");
  checkInputSize(20 * 1024 * 1024);
});

test("a File's name serves as the Markdown hint", async () => {
  const doc = await extract(new File(["# Jane Example\n"], "cv.md"), { hint: "cv.md" });
  assert.equal(doc.format, "markdown");
});

test("extracts a PDF", async () => {
  const doc = await extract(fixture("hello.pdf"));
  assert.equal(doc.format, "pdf");
  assert.deepEqual(lineTexts(doc), ["Hello PDF from cvshield"]);
  assert.equal(doc.pages[0].lines[0].fontSize, 14);
});

// A small CV: the candidate's contact details, a job, a school and skills.
const CV = [
  "Jane Example",
  "jane.example@example.org · +44 20 7946 0321",
  "",
  "Experience",
  "Software Engineer, Acme Corp",
  "2019 – 2023",
  "",
  "Education",
  "BSc Computer Science, University of Leeds",
  "",
  "Skills",
  "Rust, WebAssembly",
  "",
].join("\n");
const CV_BYTES = new TextEncoder().encode(CV);
const utf8 = (s) => new TextEncoder().encode(s);
const sliceUtf8 = (text, start, end) => new TextDecoder().decode(utf8(text).slice(start, end));

test("parse() gives a JSON Resume profile with contacts, work, education and meta", async () => {
  const profile = await parse(new Blob([CV_BYTES]));
  assert.equal(Object.getPrototypeOf(profile), Object.prototype);
  assert.equal(profile.basics.email, "jane.example@example.org");
  assert.equal(profile.basics.phone, "+44 20 7946 0321");
  assert.ok(Array.isArray(profile.work) && profile.work.length >= 1);
  assert.ok(Array.isArray(profile.education) && profile.education.length >= 1);
  assert.equal(profile.meta.sourceFormat, "txt");
  assert.equal(profile.meta.parserVersion, crateVersion());
  assert.deepEqual(parseSync(CV_BYTES), profile, "sync and async agree");
});

test("parse() errors carry codes; bad options are TypeErrors", async () => {
  assert.equal(await codeOf(parse(LEGACY_DOC_BYTES)), "unsupported_format");
  assert.equal(await codeOf(parse(CV_BYTES, { limits: { maxInputBytes: 10 } })), "too_large");
  await assert.rejects(parse(CV_BYTES, { useModel: "yes" }), TypeError);
  await assert.rejects(parse(CV_BYTES, { nonsense: 1 }), TypeError);
});

test("anonymize() at basic removes the e-mail and phone, with spans into both texts", async () => {
  const original = CV.replace(/\n\n/g, "\n"); // blank lines are not document lines
  const out = await anonymize(CV_BYTES, { level: "basic" });
  assert.equal(out.meta.level, "basic");
  assert.ok(!out.text.includes("jane.example@example.org"), out.text);
  assert.ok(!out.text.includes("7946 0321"), out.text);
  assert.ok(out.text.includes("Rust, WebAssembly"), "skills stay");
  const types = new Set(out.redactions.map((r) => r.type));
  assert.ok(types.has("EMAIL") && types.has("PHONE"), [...types].join());
  for (const r of out.redactions) {
    assert.equal(sliceUtf8(out.text, r.outputStart, r.outputEnd), r.replacement, "output span holds the replacement");
    assert.ok(r.end > r.start && r.confidence > 0 && r.confidence <= 1 && r.detector.length > 0);
  }
  const email = out.redactions.find((r) => r.type === "EMAIL");
  const extracted = await extract(CV_BYTES);
  assert.equal(extracted.pages[0].lines.map((l) => l.text).join("\n") + "\n", original);
  assert.equal(sliceUtf8(original, email.start, email.end), "jane.example@example.org");
  const total = Object.values(out.counts).reduce((a, b) => a + b, 0);
  assert.equal(total, out.redactions.length);
  assert.ok(out.profile, "the anonymised profile comes along");
  assert.notEqual(out.profile.basics?.email, "jane.example@example.org");
});

test("anonymize() levels only add: thorough removes at least what basic does", async () => {
  const counts = {};
  for (const level of ["basic", "moderate", "thorough"]) {
    const out = anonymizeSync(CV_BYTES, { level });
    assert.equal(out.meta.level, level);
    counts[level] = out.redactions.length;
  }
  assert.ok(counts.moderate >= counts.basic && counts.thorough >= counts.moderate, JSON.stringify(counts));
  const thorough = anonymizeSync(CV_BYTES, { level: "thorough" });
  assert.ok(!thorough.text.includes("Acme Corp"), thorough.text);
  assert.ok(thorough.text.includes("Software Engineer"), "job titles stay at every level");
});

test("anonymize() takes a text, a Blob or a parsed profile too", async () => {
  const fromText = await anonymize(CV);
  assert.ok(!fromText.text.includes("jane.example@example.org"));
  const fromBlob = await anonymize(new File([CV_BYTES], "cv.txt"));
  assert.equal(fromBlob.text, (await anonymize(CV_BYTES)).text);
  const fromProfile = await anonymize(await parse(CV_BYTES));
  assert.equal(fromProfile.text, undefined, "no text for profile input");
  assert.notEqual(fromProfile.profile.basics.email, "jane.example@example.org");
});

test("anonymize() in reversible mode seals originals; a bad key is invalid_key", async () => {
  const key = new Uint8Array(32).fill(7);
  const out = await anonymize(CV_BYTES, { key });
  assert.equal(out.meta.reversible, true);
  assert.ok(out.redactions.length > 0);
  for (const r of out.redactions) {
    assert.equal(typeof r.original, "string");
    assert.ok(!r.original.includes("jane.example"), "sealed, not plain");
  }
  assert.equal((await anonymize(CV_BYTES)).redactions.some((r) => "original" in r), false);
  assert.equal(await codeOf(anonymize(CV_BYTES, { key: new Uint8Array(3) })), "invalid_key");
  await assert.rejects(anonymize(CV_BYTES, { key: 42 }), TypeError);
  await assert.rejects(anonymize(CV_BYTES, { level: "extreme" }), TypeError);
  await assert.rejects(anonymize(42), TypeError);
});

test("redact() gives the document in its own format without what anonymize() removes", async () => {
  const out = await redact(CV_BYTES, { level: "basic" });
  assert.ok(out.bytes instanceof Uint8Array, "the document is a typed array");
  assert.equal(out.format, "txt");
  assert.match(out.mimeType, /^text\/plain/);
  const text = new TextDecoder().decode(out.bytes);
  assert.ok(!text.includes("jane.example@example.org") && !text.includes("7946 0321"), text);
  assert.ok(text.includes("Rust, WebAssembly"), "skills stay");
  const anonymized = anonymizeSync(CV_BYTES, { level: "basic" });
  assert.deepEqual(out.counts, anonymized.counts, "the same plan as anonymize()");
  assert.equal(out.meta.photosRemoved, 0);

  const docx = new Uint8Array(readFileSync(path.join(ROOT, "tests/fixtures/docx/libreoffice_cv.docx")));
  const redacted = redactSync(docx, { level: "moderate" });
  assert.equal(redacted.format, "docx");
  assert.equal(redacted.mimeType, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  assert.deepEqual([...redacted.bytes.slice(0, 2)], [0x50, 0x4b], "a zip package");
  const again = await extract(redacted.bytes);
  const removed = anonymizeSync(docx, { level: "moderate" }).redactions.filter((r) => r.type === "EMAIL");
  assert.ok(removed.length > 0);
  const lines = again.pages.flatMap((p) => p.lines.map((l) => l.text)).join("\n");
  assert.ok(!/@example\.org/.test(lines), lines);

  const pdf = new Uint8Array(readFileSync(path.join(ROOT, "tests/fixtures/synthetic-test/cv-5000-000172.pdf")));
  const redactedPdf = await redact(pdf, { level: "basic" });
  assert.equal(redactedPdf.mimeType, "application/pdf");
  assert.equal(new TextDecoder().decode(redactedPdf.bytes.slice(0, 5)), "%PDF-");
  const textOfDoc = (doc) => doc.pages.flatMap((p) => p.lines.map((l) => l.text)).join("\n");
  const emails = textOfDoc(await extract(pdf)).match(/[\w.+-]+@[\w-]+\.[\w.-]+/g) ?? [];
  assert.ok(emails.length > 0, "the fixture shows an e-mail address");
  const pdfText = textOfDoc(await extract(redactedPdf.bytes));
  for (const email of emails) assert.ok(!pdfText.includes(email), "the redacted PDF still shows an e-mail address");
  assert.ok(redactedPdf.redactions.some((r) => r.type === "EMAIL"));
  assert.equal(await codeOf(() => redactSync(LEGACY_DOC_BYTES)), "unsupported_format");
});

test("the .d.ts files type every public signature without any", () => {
  const generated = readFileSync(path.join(ROOT, "pkg/cvshield.d.ts"), "utf8");
  assert.match(generated, /export function extract\(input: Uint8Array \| ArrayBuffer, options\?: ExtractOptions\): Document;/);
  for (const name of ["Document", "Line", "Limits", "ExtractOptions", "CvshieldError", "ErrorCode", "ModelInfo",
    "ParseOptions", "Profile", "AnonymizeOptions", "Anonymized", "Redaction", "Redacted", "Level", "EntityKind"]) {
    assert.match(generated, new RegExp(`export (interface|type) ${name}\\b|export type \\{ ${name} \\}`), name);
  }
  const api = readFileSync(path.join(ROOT, "pkg/index.d.ts"), "utf8");
  assert.match(api, /export function extract\(input: Input, options\?: ExtractOptions\): Promise<Document>;/);
  assert.match(api, /export type Input = Uint8Array \| ArrayBuffer \| Blob;/);
  assert.match(api, /export function parse\(input: Input, options\?: ParseOptions\): Promise<Profile>;/);
  assert.match(api, /export function anonymize\(input: Input \| string \| Profile, options\?: AnonymizeOptions\): Promise<Anonymized>;/);
  assert.match(api, /export function redact\(input: Input, options\?: AnonymizeOptions\): Promise<Redacted>;/);
  for (const dts of [generated, api]) {
    const signatures = dts.split("\n").filter((line) => /^export (default )?function/.test(line));
    assert.ok(signatures.length >= 4);
    for (const line of signatures) assert.doesNotMatch(line, /\bany\b/, line);
  }
});

test("package.json exports point at files that exist and are all packed", () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "pkg/package.json"), "utf8"));
  assert.equal(pkg.name, "cvshield");
  assert.equal(pkg.version, crateVersion());
  const targets = [...Object.values(pkg.exports["."]), pkg.exports["./cvshield_bg.wasm"], pkg.main, pkg.types];
  for (const target of [...targets, ...pkg.files.map((f) => `./${f}`)]) {
    assert.ok(existsSync(path.join(ROOT, "pkg", target)), target);
    assert.ok(pkg.files.includes(target.replace(/^\.\//, "")), `${target} is in "files"`);
  }
});

test("loadModel() verifies a version from bytes before use; calls select it and their meta names it", async () => {
  const active = activeVersion("parser");
  const { onnx, spec } = modelFiles("parser", active);
  const before = models();
  assert.deepEqual(
    before.filter((m) => m.active).map((m) => `${m.name}@${m.version}`).sort(),
    [`anonymizer@${activeVersion("anonymizer")}`, `parser@${active}`],
    "the embedded versions are the registry's active ones",
  );
  // Refused with a clear error, and nothing changes: a flipped byte, another featurizer major, a bad spec.
  const corrupt = onnx.slice();
  corrupt[corrupt.length >> 1] ^= 0x5a;
  const err = (() => {
    try {
      loadModelSync(corrupt, { ...spec, version: "1.0.7" });
    } catch (error) {
      return error;
    }
  })();
  assert.equal(err?.code, "invalid_model");
  assert.match(err.message, /sha256/);
  const incompatible = { ...spec, version: "1.0.8", input: { ...spec.input, featurizerVersion: "99.0.0" } };
  assert.equal(await codeOf(loadModel(onnx, incompatible)), "invalid_model");
  assert.equal(await codeOf(loadModel(onnx, "{not json")), "invalid_model");
  await assert.rejects(loadModel(onnx, 42), TypeError);
  assert.deepEqual(models(), before);

  // A patch version (same graph, new metadata) from a Blob: loaded, not active.
  const info = await loadModel(new Blob([onnx]), JSON.stringify({ ...spec, version: "1.0.1" }));
  assert.deepEqual(info, { kind: "parser", name: "parser", version: "1.0.1", embedded: false, active: false });
  assert.deepEqual(loadModelSync(onnx, { ...spec, version: "1.0.1" }), info, "loading again is free");
  assert.ok(models().some((m) => m.version === "1.0.1" && !m.embedded));

  // Per call: the selected version runs and is named; without a selection the active one is.
  const byActive = await tag(MODEL_CV, { model: "parser" });
  const byPatch = await tag(MODEL_CV, { model: "parser", version: "1.0.1" });
  assert.deepEqual(byActive.meta.models, [{ name: "parser", version: active }]);
  assert.deepEqual(byPatch.meta.models, [{ name: "parser", version: "1.0.1" }]);
  assert.ok(byActive.spans.length > 0, "the parser model finds spans in a CV");
  assert.deepEqual(byPatch.spans, byActive.spans, "same graph, same spans");
  assert.deepEqual(tagSync(MODEL_CV, { model: "parser" }).meta.models, [{ name: "parser", version: active }], "selection is per call");
  assert.equal(await codeOf(tag(MODEL_CV, { model: "parser", version: "9.9.9" })), "invalid_model");
  await assert.rejects(tag(MODEL_CV, { model: "parser", versoin: "1.0.1" }), TypeError);

  // parse and anonymize take the selection too; whatever models their meta names are the selected versions.
  const anonymizer = activeVersion("anonymizer");
  const profile = await parse(MODEL_CV, { parserModel: "1.0.1" });
  const anonymized = await anonymize(MODEL_CV, { parserModel: "1.0.1", anonymizerModel: anonymizer });
  // Both models run on every parse/anonymize: each output names exactly the versions it used.
  const used = (meta) => (meta.models ?? []).map(({ name, version: v }) => `${name}@${v}`).sort();
  assert.deepEqual(used(profile.meta), ["parser@1.0.1"]);
  assert.deepEqual(used(anonymized.meta), [`anonymizer@${anonymizer}`, "parser@1.0.1"]);
  assert.equal(await codeOf(parse(MODEL_CV, { parserModel: "9.9.9" })), "invalid_model");
  assert.equal(await codeOf(anonymize(MODEL_CV, { anonymizerModel: "9.9.9" })), "invalid_model");
});

test("the browser entry point reads a scan with tesseract.js, imported only then; the Node entry point has no OCR", async () => {
  const node = await import("../../pkg/node.js");
  assert.equal(node.recognize, undefined, "Node users do not get (or load) the OCR engine");
  // The browser entry point shares the module Node has loaded; tesseract.js runs in Node too.
  const browser = await import("../../pkg/index.js");
  const scan = readFileSync(path.join(ROOT, "tests/fixtures/ocr/en_300.png"));
  const [image, ...rest] = await browser.pageImages(new Blob([scan]));
  assert.deepEqual(rest, []);
  assert.ok(image.bytes instanceof Uint8Array);
  assert.equal(image.mimeType, "image/png");
  const langPath = path.join(ROOT, "node_modules/@tesseract.js-data/eng/4.0.0_best_int");
  const progress = [];
  const ocr = await browser.recognize(scan, { languages: ["eng"], langPath, cacheMethod: "none", onProgress: (_, f) => progress.push(f) });
  assert.equal(ocr.engine, "tesseract.js");
  assert.deepEqual(ocr.languages, ["eng"]);
  assert.equal(progress.at(-1), 1);
  assert.ok(lineTexts(extractSync(scan, { ocr })).some((line) => line.includes("Oliver Bennett")));
  assert.equal((await parse(scan, { ocr })).basics.email, "oliver.bennett@example.com");
  const cancelled = new AbortController();
  cancelled.abort();
  await assert.rejects(browser.recognize(scan, { languages: ["eng"], langPath, signal: cancelled.signal }), { name: "AbortError" });
});
