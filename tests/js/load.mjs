// A bounded load test of the edge worker on loopback: the wrangler bundle in
// workerd (Miniflare) listening on 127.0.0.1, driven over real HTTP by
// `concurrency` clients sending `requests` requests of mixed documents
// (every readable fixture under tests/fixtures) to /extract, /parse and
// /anonymize in turn. The result cache is off unless asked for, so every
// request does its real work.
//
//   node tests/js/load.mjs [--requests 2000] [--concurrency 50] [--cache on] [--report reliability-load.json]
//   (scripts/load.sh runs this with the full figures; tests/js/load.test.mjs a small one in CI)
//
// Figures (printed, and written to target/reports/<report>):
//   { requests, concurrency, cache, errors: non-200 or failed requests,
//     statuses: {status: count}, routes: {route: count}, seconds, requestsPerSecond,
//     latencyMs: {p50, p90, p99, max} (client-side, per request),
//     rssBytes: {start: after warm-up, end, peak, samples: [RSS every 10 %]},
//     rssGrowthBytes: end - start }
// RSS is that of the workerd processes (one isolate): wasm memory only grows,
// so growth past warm-up would mean a leak per request.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { ROOT } from "./fixtures.mjs";
import { writeReport } from "./reports.mjs";
import { bundleWorker, removeBundle, startWorker, workerdRss } from "./worker-harness.mjs";

const ROUTES = ["/extract", "/parse", "/anonymize?level=basic", "/extract", "/anonymize?level=thorough"];

/** Every fixture with an expected reading (`<name>.expect.json`), plus the wasm fixtures. */
export function loadDocuments() {
  const docs = [];
  const base = path.join(ROOT, "tests/fixtures");
  for (const dir of readdirSync(base)) {
    const files = readdirSync(path.join(base, dir));
    for (const file of files) {
      if (file.endsWith(".json") || file.endsWith(".md") && dir === "wasm") continue;
      const stem = file.slice(0, file.lastIndexOf("."));
      const readable = files.includes(`${stem}.expect.json`) || (dir === "wasm" && !file.endsWith(".md"));
      if (readable) docs.push({ name: file, bytes: readFileSync(path.join(base, dir, file)) });
    }
  }
  return docs;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export async function runLoad({ requests = 2000, concurrency = 50, cache = "off", log = () => {} } = {}) {
  const docs = loadDocuments();
  const bundleDir = bundleWorker();
  const { worker, url } = await startWorker(bundleDir, { CVSHIELD_CACHE: cache }, { port: 0 });
  const base = url.href.replace(/\/$/, "");
  const latencies = [];
  const statuses = {};
  const routes = {};
  const samples = [];
  let errors = 0;
  let next = 0;
  let done = 0;
  let start = 0;
  let peak = 0;
  const warmup = Math.max(concurrency, Math.floor(requests / 10));

  async function one(i) {
    const doc = docs[i % docs.length];
    const route = ROUTES[Math.floor(i / docs.length) % ROUTES.length];
    const began = performance.now();
    try {
      const response = await fetch(`${base}${route}${route.includes("?") ? "&" : "?"}hint=${encodeURIComponent(doc.name)}`, {
        method: "POST",
        body: doc.bytes,
      });
      await response.arrayBuffer();
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      if (response.status !== 200) errors += 1;
    } catch (error) {
      const why = `failed: ${error?.cause?.code ?? error?.cause?.name ?? error?.name}`;
      statuses[why] = (statuses[why] ?? 0) + 1;
      errors += 1;
    }
    latencies.push(performance.now() - began);
    const label = route.split("?")[0];
    routes[label] = (routes[label] ?? 0) + 1;
    done += 1;
    if (done === warmup) start = workerdRss();
    if (done % Math.max(1, Math.floor(requests / 10)) === 0) {
      const rss = workerdRss();
      peak = Math.max(peak, rss);
      samples.push(rss);
      log(`load: ${done}/${requests} done, workerd RSS ${(rss / 2 ** 20).toFixed(1)} MB`);
    }
  }

  const began = performance.now();
  let end = 0;
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < requests) await one(next++);
      }),
    );
  } finally {
    end = workerdRss();
    await worker.dispose();
    removeBundle(bundleDir);
  }
  const seconds = (performance.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  const round = (x) => Math.round(x * 10) / 10;
  return {
    requests,
    concurrency,
    cache,
    documents: docs.length,
    errors,
    statuses,
    routes,
    seconds: round(seconds),
    requestsPerSecond: round(requests / seconds),
    latencyMs: {
      p50: round(percentile(latencies, 50)),
      p90: round(percentile(latencies, 90)),
      p99: round(percentile(latencies, 99)),
      max: round(latencies[latencies.length - 1]),
    },
    rssBytes: { start, end, peak: Math.max(peak, end), samples },
    rssGrowthBytes: end - start,
  };
}

function args(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, "")] = argv[i + 1];
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const a = args(process.argv.slice(2));
  const figures = await runLoad({
    requests: Number(a.requests ?? 2000),
    concurrency: Number(a.concurrency ?? 50),
    cache: a.cache ?? "off",
    log: (line) => console.error(line),
  });
  writeReport(a.report ?? "reliability-load.json", figures);
  const mb = (b) => `${(b / 2 ** 20).toFixed(1)} MB`;
  console.log(
    `load: ${figures.requests} requests @ ${figures.concurrency} concurrent (cache ${figures.cache}, ${figures.documents} documents): ` +
      `${figures.errors} errors, ${figures.requestsPerSecond} req/s, latency p50 ${figures.latencyMs.p50} ms, ` +
      `p90 ${figures.latencyMs.p90} ms, p99 ${figures.latencyMs.p99} ms, max ${figures.latencyMs.max} ms; ` +
      `workerd RSS ${mb(figures.rssBytes.start)} after warm-up → ${mb(figures.rssBytes.end)} at the end ` +
      `(growth ${mb(figures.rssGrowthBytes)}, peak ${mb(figures.rssBytes.peak)})`,
  );
  process.exit(figures.errors === 0 ? 0 : 1);
}
