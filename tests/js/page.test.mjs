// The page in headless Chromium: a file chosen in the picker is read in the
// Web Worker and its text shown, under the strict CSP, with no request
// leaving the page's own origin.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";

import { chromium } from "playwright-core";
import { createServer } from "../../scripts/serve.mjs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
let server, browser, origin;

before(async () => {
  assert.ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}; run scripts/setup.sh`);
  server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  // --no-sandbox: CI and the dev machines run as root, where Chromium's sandbox cannot start.
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
});

/** Open the page, recording CSP violations, errors and every request's origin. */
async function openPage() {
  const page = await browser.newPage();
  const problems = [];
  const origins = new Set();
  page.on("request", (request) => origins.add(new URL(request.url()).origin));
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  const response = await page.goto(`${origin}/`);
  assert.match(response.headers()["content-security-policy"], /script-src 'self' 'wasm-unsafe-eval'/);
  await page.waitForFunction(() => document.getElementById("version").textContent.startsWith("cvshield "));
  return { page, problems, origins };
}

async function chooseFile(page, name, buffer) {
  await page.setInputFiles("#file", { name, mimeType: "application/octet-stream", buffer });
  await page.waitForFunction(() => /^(Done\.|Could not)/.test(document.getElementById("status").textContent));
}

test("serves .wasm with its MIME type and refuses paths outside www/ and pkg/", async () => {
  const wasm = await fetch(`${origin}/pkg/cvshield_bg.wasm`);
  assert.equal(wasm.status, 200);
  assert.equal(wasm.headers.get("content-type"), "application/wasm");
  assert.equal((await fetch(`${origin}/%2e%2e/Cargo.toml`)).status, 404);
  assert.equal((await fetch(`${origin}/pkg/%2e%2e/Cargo.toml`)).status, 404);
});

test("an unreadable file shows its error code", async () => {
  const { page, problems, origins } = await openPage();
  await chooseFile(page, "photo.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
  assert.match(await page.textContent("#status"), /unsupported_format/);
  assert.equal(await page.isHidden("#output"), true);
  assert.deepEqual(problems, []);
  assert.deepEqual([...origins], [origin]);
  await page.close();
});

test("a chosen text file is read in the worker and shown", async () => {
  const { page, problems, origins } = await openPage();
  await chooseFile(page, "cv.txt", Buffer.from("Hello from cvshield\nJane Example\n"));
  assert.equal(await page.textContent("#status"), "Done.");
  assert.equal(await page.textContent("#output"), "Hello from cvshield\nJane Example");
  assert.equal(await page.textContent("#format"), "txt");
  assert.deepEqual(problems, []);
  assert.deepEqual([...origins], [origin]);
  await page.close();
});
