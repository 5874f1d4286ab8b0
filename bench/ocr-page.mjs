// Benchmark (not a test): the page's time per scanned page in headless
// Chromium, as a user meets it: a scan chosen in the page, read by OCR on the
// device (tesseract.js from the page's origin, every supported language ticked
// unless --languages says otherwise), then extract, parse, the three levels.
//
// Each fixture (tests/fixtures/ocr, one page each) is read BENCH_REPS times in
// one page after a first, cold read (engine, core and language data fetched
// and compiled); the median of the warm reads is printed, with the cold one.
// The engine is started per document, as the page does, so a warm read still
// includes its start (the files come from the service worker's cache).
//
//   node bench/ocr-page.mjs [--languages eng,deu]   BENCH_REPS=3 CHROMIUM_PATH=/usr/bin/chromium
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";
import { createServer } from "../scripts/serve.mjs";
import { median } from "./lib/stats.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const FIXTURES = path.join(ROOT, "tests/fixtures/ocr");
const REPS = Number(process.env.BENCH_REPS ?? 3);
const at = process.argv.indexOf("--languages");
const languages = at >= 0 ? process.argv[at + 1].split(",") : null;

const server = createServer();
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});

/** Choose `file` in the page and wait for the result: { ms, pages, status }. */
async function read(page, file) {
  const buffer = readFileSync(path.join(FIXTURES, file));
  const started = performance.now();
  await page.setInputFiles("#file", { name: file, mimeType: "application/octet-stream", buffer });
  await page.waitForFunction(() => /^(Done\.|Could not)/.test(document.getElementById("status").textContent), null, {
    timeout: 300_000,
  });
  const ms = performance.now() - started;
  return { ms, pages: Number(await page.textContent("#pages")), status: await page.textContent("#status") };
}

try {
  const page = await browser.newPage();
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => document.getElementById("version").textContent.startsWith("cvshield "));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  if (languages) {
    await page.evaluate((wanted) => {
      for (const box of document.querySelectorAll("#ocr-languages input")) box.checked = wanted.includes(box.value);
    }, languages);
  }
  const ticked = await page.evaluate(() => [...document.querySelectorAll("#ocr-languages input:checked")].map((b) => b.value));
  const { fixtures } = JSON.parse(readFileSync(path.join(FIXTURES, "labels.json"), "utf8"));
  console.log(`ocr-page: headless Chromium, languages ${ticked.join("+")}, ${REPS} warm reads per file`);
  console.log("file                 kind        dpi   cold ms   warm ms/page (median)");
  let first = true;
  const warmAll = [];
  for (const { file, kind, dpi } of fixtures) {
    const cold = await read(page, file);
    if (cold.status !== "Done.") {
      console.log(`${file.padEnd(20)} ${kind.padEnd(11)} ${String(dpi).padStart(3)}   ${cold.status}`);
      continue;
    }
    const warm = [];
    for (let i = 0; i < REPS; i++) warm.push((await read(page, file)).ms / cold.pages);
    warmAll.push(...warm);
    const coldLabel = first ? `${Math.round(cold.ms)}*` : String(Math.round(cold.ms));
    first = false;
    console.log(`${file.padEnd(20)} ${kind.padEnd(11)} ${String(dpi).padStart(3)}   ${coldLabel.padStart(7)}   ${String(Math.round(median(warm))).padStart(7)}`);
  }
  console.log("* the first read fetches and compiles the engine, its core and the language data");
  console.log(`ocr-page: median ${Math.round(median(warmAll))} ms per scanned page (warm), over ${warmAll.length} reads`);
} finally {
  await browser.close();
  server.closeAllConnections();
  server.close();
}
