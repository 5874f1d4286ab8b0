// The edge worker in workerd (through Miniflare), as HTTP clients see it.
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, test } from "node:test";

import { Miniflare } from "miniflare";
import { PNG_BYTES, ROOT, crateVersion, fixture, lineTexts } from "./fixtures.mjs";

let mf;

before(async () => {
  mf = new Miniflare({
    modules: true,
    scriptPath: path.join(ROOT, "www/worker/src/index.js"),
    modulesRoot: ROOT,
    // As wrangler bundles it: .js files are ES modules, .wasm compiled modules.
    modulesRules: [
      { type: "ESModule", include: ["**/*.js"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: "2026-04-20",
    cf: false, // no fetch of Cloudflare's Request.cf sample: tests stay on this machine
  });
  await mf.ready;
});

after(async () => {
  await mf?.dispose();
});

const post = (body, headers = {}) => mf.dispatchFetch("http://worker/extract", { method: "POST", body, headers });

test("GET /health reports the version", async () => {
  const res = await mf.dispatchFetch("http://worker/health");
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { ok: true, version: crateVersion() });
});

test("unsupported input is 415 with a JSON error", async () => {
  for (const body of [new Uint8Array(0), PNG_BYTES]) {
    const res = await post(body);
    assert.equal(res.status, 415);
    assert.match(res.headers.get("content-type"), /^application\/json/);
    const error = await res.json();
    assert.equal(error.code, "unsupported_format");
    assert.ok(error.message.length > 0);
  }
});

test("a body over the input limit is 413 too_large", async () => {
  const res = await post(new Uint8Array(20 * 1024 * 1024 + 1));
  assert.equal(res.status, 413);
  assert.equal((await res.json()).code, "too_large");
});

test("only POST reaches /extract and unknown paths are 404", async () => {
  const get = await mf.dispatchFetch("http://worker/extract");
  assert.equal(get.status, 405);
  assert.equal(get.headers.get("allow"), "POST");
  assert.equal((await mf.dispatchFetch("http://worker/nope")).status, 404);
});

test("POST /extract returns the Document of a text file", async () => {
  const res = await post(fixture("hello.txt"));
  assert.equal(res.status, 200);
  const doc = await res.json();
  assert.equal(doc.format, "txt");
  assert.equal(lineTexts(doc)[0], "Hello from cvshield");
});

test("a Markdown content type is used as the hint", async () => {
  const res = await post(new TextEncoder().encode("# Jane Example\n"), { "content-type": "text/markdown" });
  assert.equal(res.status, 200);
  assert.equal((await res.json()).format, "markdown");
});

test("POST /extract reads a PDF", async () => {
  const res = await post(fixture("hello.pdf"));
  assert.equal(res.status, 200);
  assert.deepEqual(lineTexts(await res.json()), ["Hello PDF from cvshield"]);
});
