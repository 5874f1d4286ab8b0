// The page in headless Chromium: files of every format chosen in the picker
// (by mouse and by keyboard) are read in the Web Worker and shown, with
// progress, downloads and offline use, under the strict CSP, and no request
// ever leaves the page's own origin. Screenshots go to target/screenshots/.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";

import { chromium } from "playwright-core";
import { createServer } from "../../scripts/serve.mjs";
import { ROOT } from "./fixtures.mjs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SHOTS = path.join(ROOT, "target/screenshots");
let browser, site;

/** Start the page's server on a free port: { server, origin }. */
async function serve() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}
function stop({ server }) {
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeAllConnections(); // Chromium keeps connections alive
  return closed;
}

before(async () => {
  assert.ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}; run scripts/setup.sh`);
  mkdirSync(SHOTS, { recursive: true });
  site = await serve();
  // --no-sandbox: CI and the dev machines run as root, where Chromium's sandbox cannot start.
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });
});

after(async () => {
  await browser?.close();
  if (site) await stop(site);
});

/**
 * Whether the page (a frame, its workers or its service worker) made the
 * request. Chromium's own background requests have no such initiator; only
 * those are left out of the origin check.
 */
function fromPage(request) {
  try {
    return Boolean(request.frame());
  } catch {
    return Boolean(request.serviceWorker());
  }
}

/** Open the page in a fresh context, recording CSP violations, errors and every request's origin. */
async function openPage(origin = site.origin) {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  const origins = new Set();
  context.on("request", (request) => {
    if (fromPage(request)) origins.add(new URL(request.url()).origin);
  });
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  const response = await page.goto(`${origin}/`);
  assert.match(response.headers()["content-security-policy"], /script-src 'self' 'wasm-unsafe-eval'/);
  await page.waitForFunction(() => document.getElementById("version").textContent.startsWith("cvshield "));
  const done = async () => {
    assert.deepEqual(problems, []);
    assert.deepEqual([...origins], [origin], "every request stays on the page's origin");
    await context.close();
  };
  return { page, context, done };
}

const finished = (page) =>
  page.waitForFunction(() => /^(Done\.|Could not)/.test(document.getElementById("status").textContent));

async function chooseFile(page, name, buffer) {
  await page.setInputFiles("#file", { name, mimeType: "application/octet-stream", buffer });
  await finished(page);
}

/** Visible text of an element, with page breaks as the page shows them. */
const textOf = (page, selector) => page.locator(selector).innerText();

test("serves .wasm with its MIME type and refuses paths outside www/ and pkg/", async () => {
  const wasm = await fetch(`${site.origin}/pkg/cvshield_bg.wasm`);
  assert.equal(wasm.status, 200);
  assert.equal(wasm.headers.get("content-type"), "application/wasm");
  assert.equal((await fetch(`${site.origin}/%2e%2e/Cargo.toml`)).status, 404);
  assert.equal((await fetch(`${site.origin}/pkg/%2e%2e/Cargo.toml`)).status, 404);
});

test("the page carries its CSP in a meta tag too and runs no inline script", () => {
  const html = readFileSync(path.join(ROOT, "www/index.html"), "utf8");
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'/);
  for (const [, attrs] of html.matchAll(/<script([^>]*)>/g)) assert.match(attrs, /\bsrc=/, "every script is a file");
  assert.doesNotMatch(html, /\son[a-z]+=/i, "no inline event handlers");
});

test("the service worker caches every file the page loads", () => {
  const sw = readFileSync(path.join(ROOT, "www/sw.js"), "utf8");
  const listed = new Set([...sw.matchAll(/^\s+"([^"]+)",$/gm)].map((m) => m[1]));
  const pageFiles = readdirSync(path.join(ROOT, "www")).filter((f) => /\.(html|js|css|svg)$/.test(f) && f !== "sw.js");
  const pdfjs = ["vendor/pdfjs/build/pdf.min.mjs", "vendor/pdfjs/build/pdf.worker.min.mjs"];
  for (const file of [...pageFiles, "pkg/index.js", "pkg/api.js", "pkg/cvshield.js", "pkg/cvshield_bg.wasm", ...pdfjs]) {
    assert.ok(listed.has(file), `sw.js caches ${file}`);
  }
});

// One fixture per format, with phrases its .expect.json says it contains.
const FORMATS = [
  ["pdf", "pdf/layout_two_column_chromium.pdf"],
  ["docx", "docx/libreoffice_cv.docx"],
  ["odt", "odt/libreoffice_cv.odt"],
  ["rtf", "rtf/handwritten_unicode.rtf"],
  ["html", "html/utf8_semantic.html"],
  ["txt", "txt/utf8_lf.txt"],
  ["markdown", "txt/cv.md"],
];

for (const [format, file] of FORMATS) {
  test(`a ${format} file is read in the worker and shown`, async () => {
    const { page, done } = await openPage();
    const fixturePath = path.join(ROOT, "tests/fixtures", file);
    await chooseFile(page, path.basename(file), readFileSync(fixturePath));
    assert.equal(await page.textContent("#status"), "Done.");
    assert.equal(await page.textContent("#format"), format);
    assert.ok(Number(await page.textContent("#lines")) > 0);
    const shown = await textOf(page, "#output");
    const expect = JSON.parse(readFileSync(fixturePath.replace(/\.[^.]+$/, ".expect.json"), "utf8"));
    const phrases = expect.contains ?? [...expect.header, ...expect.columns.flat()];
    for (const phrase of phrases.slice(0, 4)) assert.ok(shown.includes(phrase), `${file} shows "${phrase}"`);
    assert.equal(await page.isVisible("#results"), true);
    assert.equal(await page.isVisible("#profile-section"), true, "the profile is shown");
    assert.ok((await page.locator("#profile .card").count()) >= 1, "as cards");
    assert.equal(await page.isVisible("#anonymized-section"), true, "the anonymised versions are shown");
    await page.screenshot({ path: path.join(SHOTS, `${format}.png`), fullPage: true });
    await done();
  });
}

test("a CV's profile cards, its redactions per level and the anonymised text download", async () => {
  const { page, done } = await openPage();
  const email = "ingrid.vh@example.org";
  await chooseFile(page, "libreoffice_cv.docx", readFileSync(path.join(ROOT, "tests/fixtures/docx/libreoffice_cv.docx")));
  assert.ok((await textOf(page, "#profile")).includes(email), "the profile card shows the e-mail");
  // Basic: the e-mail is marked in the original and replaced in the anonymised text.
  const marked = await page.locator("#original mark").allInnerTexts();
  assert.ok(marked.includes(email), `marked: ${marked.join(" | ")}`);
  assert.ok(!(await textOf(page, "#anonymized")).includes(email));
  assert.ok((await page.locator("#anonymized mark").count()) === marked.length, "one replacement per redaction");
  assert.match(await page.textContent("#redaction-counts"), /\d+ redactions?: .*EMAIL/);
  // Thorough, chosen from the keyboard: at least as many redactions.
  const basicCount = marked.length;
  await page.focus('input[name="level"][value="basic"]');
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.evaluate(() => document.querySelector('input[name="level"]:checked').value), "thorough");
  assert.ok((await page.locator("#original mark").count()) >= basicCount);
  assert.equal(await page.textContent("#download-text"), "Download anonymised text (thorough)");
  await page.screenshot({ path: path.join(SHOTS, "anonymized-thorough.png"), fullPage: true });
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-text")]);
  assert.equal(download.suggestedFilename(), "libreoffice_cv.thorough.txt");
  const text = readFileSync(await download.path(), "utf8");
  assert.ok(text.length > 0 && !text.includes(email), "the downloaded text is anonymised");
  // The document in its own format, beside the text.
  assert.equal(await page.textContent("#download-document"), "Download anonymised DOCX (thorough)");
  const [docx] = await Promise.all([page.waitForEvent("download"), page.click("#download-document")]);
  assert.equal(docx.suggestedFilename(), "libreoffice_cv.thorough.docx");
  const bytes = readFileSync(await docx.path());
  assert.deepEqual([...bytes.subarray(0, 2)], [0x50, 0x4b], "a DOCX package");
  await done();
});

test("a dropped PDF shows page 1 before and after redaction, pdf.js loaded from the page's origin only then", async () => {
  const { page, context, done } = await openPage();
  const pdfjsRequests = [];
  context.on("request", (request) => {
    if (new URL(request.url()).pathname.startsWith("/vendor/pdfjs/")) pdfjsRequests.push(request.url());
  });
  await chooseFile(page, "cv.txt", Buffer.from("Jane Example\njane@example.org\n"));
  assert.equal(await page.isHidden("#preview-section"), true, "no preview for a text file");
  assert.deepEqual(pdfjsRequests, [], "pdf.js is not loaded for other formats");
  const file = "pdf/layout_two_column_chromium.pdf";
  const bytes = [...readFileSync(path.join(ROOT, "tests/fixtures", file))];
  const dataTransfer = await page.evaluateHandle(({ name, data }) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(data)], name, { type: "application/pdf" }));
    return transfer;
  }, { name: path.basename(file), data: bytes });
  await page.dispatchEvent("#drop", "drop", { dataTransfer });
  await finished(page);
  assert.equal(await page.textContent("#status"), "Done.");
  await page.waitForFunction(
    () => ["preview-before", "preview-after"].every((id) => document.getElementById(id).dataset.drawn === "true"),
  );
  assert.equal(await page.isVisible("#preview-section"), true);
  const pixels = await page.evaluate(() =>
    ["preview-before", "preview-after"].map((id) => {
      const canvas = document.getElementById(id);
      const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
      let ink = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] < 128) ink++;
      return { width: canvas.width, height: canvas.height, ink, data: Array.from(data) };
    }),
  );
  const [before, after] = pixels;
  assert.ok(before.width > 100 && before.height > 100, "page 1 is drawn");
  assert.deepEqual([after.width, after.height], [before.width, before.height], "the same page size");
  assert.ok(before.ink > 1000 && after.ink > 1000, "both pages show text");
  let differing = 0;
  for (let i = 0; i < before.data.length; i += 4) if (before.data[i] !== after.data[i]) differing++;
  assert.ok(differing > 100, `the redacted page differs from the original (${differing} pixels)`);
  assert.ok(pdfjsRequests.length > 0 && pdfjsRequests.every((url) => url.startsWith(`${site.origin}/vendor/pdfjs/`)));
  await page.screenshot({ path: path.join(SHOTS, "pdf-preview.png"), fullPage: true });
  await done();
});

test("an unreadable file shows its error code and no results", async () => {
  const { page, done } = await openPage();
  await chooseFile(page, "photo.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
  assert.match(await page.textContent("#status"), /unsupported_format/);
  assert.equal(await page.isHidden("#results"), true);
  await page.screenshot({ path: path.join(SHOTS, "error.png") });
  await done();
});

test("progress is announced step by step in a live region", async () => {
  const { page, done } = await openPage();
  assert.equal(await page.getAttribute("#status", "aria-live"), "polite");
  await page.evaluate(() => {
    window.statuses = [];
    new MutationObserver(() => window.statuses.push(document.getElementById("status").textContent)).observe(
      document.getElementById("status"),
      { childList: true, characterData: true, subtree: true },
    );
  });
  await chooseFile(page, "cv.txt", Buffer.from("Hello from cvshield\nJane Example\n"));
  const statuses = await page.evaluate(() => window.statuses);
  assert.ok(statuses.some((s) => s.startsWith("Reading the file")), statuses.join(" | "));
  for (const step of ["Extracting the text", "Parsing the profile", "Anonymising (basic)", "Anonymising (thorough)"]) {
    assert.ok(statuses.some((s) => s.startsWith(step)), `${step}: ${statuses.join(" | ")}`);
  }
  assert.equal(statuses.at(-1), "Done.");
  assert.equal(await page.isHidden("#progress"), true);
  await done();
});

test("the file picker works from the keyboard", async () => {
  const { page, done } = await openPage();
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "file", "Tab reaches the file picker first");
  const label = await page.evaluate(() => document.getElementById("file").labels[0].textContent);
  assert.match(label, /Choose a CV/, "the picker has a label");
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.keyboard.press("Space")]);
  await chooser.setFiles({ name: "cv.txt", mimeType: "text/plain", buffer: Buffer.from("Keyboard user\n") });
  await finished(page);
  assert.equal(await textOf(page, "#output"), "Keyboard user");
  await done();
});

test("a file dropped on the box is read like a chosen one", async () => {
  const { page, done } = await openPage();
  const dataTransfer = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(["Dropped CV\nSecond line\n"], "dropped.txt", { type: "text/plain" }));
    return transfer;
  });
  await page.dispatchEvent("#drop", "dragover", { dataTransfer });
  assert.equal(await page.evaluate(() => document.getElementById("drop").classList.contains("over")), true);
  await page.dispatchEvent("#drop", "drop", { dataTransfer });
  await finished(page);
  assert.equal(await textOf(page, "#output"), "Dropped CV\nSecond line");
  await done();
});

test("the JSON download holds the result and never leaves the browser", async () => {
  const { page, done } = await openPage();
  await chooseFile(page, "cv.txt", Buffer.from("Hello from cvshield\nJane Example\n"));
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-json")]);
  assert.equal(download.suggestedFilename(), "cv.cvshield.json");
  const saved = JSON.parse(readFileSync(await download.path(), "utf8"));
  assert.equal(saved.profile.meta.sourceFormat, "txt");
  assert.deepEqual(Object.keys(saved.anonymized), ["basic", "moderate", "thorough"]);
  assert.ok(saved.anonymized.basic.text.length > 0);
  await done();
});

test("once loaded, the page works offline (service worker)", async () => {
  const own = await serve();
  const { page, done } = await openPage(own.origin);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.waitForFunction(() => document.getElementById("offline-state").textContent === "works offline");
  await stop(own); // the origin is gone: everything must come from the cache
  await page.reload();
  await page.waitForFunction(() => document.getElementById("version").textContent.startsWith("cvshield "));
  await chooseFile(page, "cv.txt", Buffer.from("Offline CV\n"));
  assert.equal(await page.textContent("#status"), "Done.");
  assert.equal(await textOf(page, "#output"), "Offline CV");
  await page.screenshot({ path: path.join(SHOTS, "offline.png") });
  // Requests to the stopped server failed over to the cache; none went elsewhere.
  await done();
});
