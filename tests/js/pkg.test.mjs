// The npm package as Node users get it: the "node" entry point, the async
// any-input API over the synchronous byte API, the error contract, and
// TypeScript types precise enough to need no `any`.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";

import init, {
  checkInputSize,
  defaultLimits,
  extract,
  extractSync,
  models,
  version,
} from "../../pkg/node.js";
import { PNG_BYTES, ROOT, crateVersion, fixture, lineTexts } from "./fixtures.mjs";

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
  assert.equal(await codeOf(extract(PNG_BYTES)), "unsupported_format");
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

test("the .d.ts files type every public signature without any", () => {
  const generated = readFileSync(path.join(ROOT, "pkg/cvshield.d.ts"), "utf8");
  assert.match(generated, /export function extract\(input: Uint8Array \| ArrayBuffer, options\?: ExtractOptions\): Document;/);
  for (const name of ["Document", "Line", "Limits", "ExtractOptions", "CvshieldError", "ErrorCode", "ModelInfo"]) {
    assert.match(generated, new RegExp(`export (interface|type) ${name}\\b`), name);
  }
  const api = readFileSync(path.join(ROOT, "pkg/index.d.ts"), "utf8");
  assert.match(api, /export function extract\(input: Input, options\?: ExtractOptions\): Promise<Document>;/);
  assert.match(api, /export type Input = Uint8Array \| ArrayBuffer \| Blob;/);
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
