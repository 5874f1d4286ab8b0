// The npm package as Node users get it: the "node" entry point, the error
// contract, and TypeScript types precise enough to need no `any`.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";

import init, { defaultLimits, extract, version } from "../../pkg/node.js";
import { PNG_BYTES, ROOT, crateVersion, fixture, lineTexts } from "./fixtures.mjs";

const codeOf = (fn) => {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof Error, "throws an Error");
    assert.equal(error.name, "CvshieldError");
    assert.ok(error.message.length > 0);
    return error.code;
  }
  assert.fail("expected a CvshieldError");
};

test("version() is the crate version and init() is a no-op in Node", async () => {
  await init();
  assert.equal(version(), crateVersion());
});

test("errors carry stable codes", () => {
  assert.equal(codeOf(() => extract(new Uint8Array(0))), "unsupported_format");
  assert.equal(codeOf(() => extract(PNG_BYTES)), "unsupported_format");
  assert.equal(codeOf(() => extract(fixture("hello.pdf"), { limits: { maxInputBytes: 10 } })), "too_large");
});

test("wrong argument types throw TypeError", () => {
  assert.throws(() => extract("Hello"), TypeError);
  assert.throws(() => extract(fixture("hello.txt"), { limits: { maxPages: "many" } }), TypeError);
});

test("defaultLimits() is a plain object", () => {
  const limits = defaultLimits();
  assert.equal(Object.getPrototypeOf(limits), Object.prototype);
  assert.equal(limits.maxInputBytes, 20 * 1024 * 1024);
});

test("extracts a text file into a plain Document object", () => {
  const doc = extract(fixture("hello.txt").buffer);
  assert.equal(doc.format, "txt");
  assert.equal(Object.getPrototypeOf(doc), Object.prototype);
  assert.deepEqual(lineTexts(doc), [
    "Hello from cvshield",
    "Jane Example — Software Engineer",
    "Skills: Rust, WebAssembly",
  ]);
});

test("extracts a PDF", () => {
  const doc = extract(fixture("hello.pdf"));
  assert.equal(doc.format, "pdf");
  assert.deepEqual(lineTexts(doc), ["Hello PDF from cvshield"]);
  assert.equal(doc.pages[0].lines[0].fontSize, 14);
});

test("the .d.ts types every public signature without any", () => {
  const dts = readFileSync(path.join(ROOT, "pkg/cvshield.d.ts"), "utf8");
  assert.match(dts, /export function extract\(input: Uint8Array \| ArrayBuffer, options\?: ExtractOptions\): Document;/);
  assert.match(dts, /export function version\(\): string;/);
  assert.match(dts, /export function defaultLimits\(\): Limits;/);
  for (const name of ["Document", "Line", "Limits", "ExtractOptions", "CvshieldError", "ErrorCode"]) {
    assert.match(dts, new RegExp(`export (interface|type) ${name}\\b`), name);
  }
  const signatures = dts.split("\n").filter((line) => line.startsWith("export function"));
  assert.ok(signatures.length >= 3);
  for (const line of signatures) assert.doesNotMatch(line, /\bany\b/, line);
});

test("package.json exports point at files that exist", () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "pkg/package.json"), "utf8"));
  assert.equal(pkg.name, "cvshield");
  assert.equal(pkg.version, crateVersion());
  const targets = [...Object.values(pkg.exports["."]), pkg.exports["./cvshield_bg.wasm"], pkg.main, pkg.types];
  for (const target of [...targets, ...pkg.files.map((f) => `./${f}`)]) {
    assert.ok(existsSync(path.join(ROOT, "pkg", target)), target);
  }
});
