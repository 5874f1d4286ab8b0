// A bounded load test of the edge worker on loopback: the wrangler bundle in
// workerd (Miniflare) listening on 127.0.0.1, driven over real HTTP by
// `concurrency` clients sending `requests` requests of mixed documents
// (every readable fixture under tests/fixtures) to /extract, /parse and
// /anonymize in turn, `rounds` times against the same worker. The result
// cache is off unless asked for, so every request does its real work.
//
//   node tests/js/load.mjs [--requests 2000] [--concurrency 50] [--rounds 1] [--cache on]
//                          [--keep-alive off] [--report reliability-load.json]
//   (scripts/load.sh runs this with the full figures; tests/js/load.test.mjs a small one in CI)
//
// One connection per request (keep-alive off, the default). Why: the worker
// runs in one isolate whose thread also serves workerd's sockets, and the
// synchronous wasm work of 50 queued requests blocks that thread for seconds.
// A reused connection then races workerd's idle timeout for keep-alive
// connections: the timer fires when the thread wakes, before the waiting
// request is read, and workerd closes a socket with unread data, which the
// kernel turns into a reset (ECONNRESET / UND_ERR_SOCKET "other side closed"
// on the client; TCPAbortOnClose rises in /proc/net/netstat). A fresh
// connection has no idle timer, only the much longer header timeout.
// `--keep-alive on` reuses connections to show the race (e.g. at 150 concurrent).
//
// Figures (printed, and written to target/reports/<report>):
//   { requests (per round), concurrency, rounds, keepAlive, cache, documents,
//     errors: non-200 or failed requests (all rounds), statuses: {status: count}, routes: {route: count},
//     failures: [{round, route, afterMs, why}] (the first 50),
//     seconds, requestsPerSecond, latencyMs: {p50, p90, p99, max} (client-side, all rounds),
//     perRound: [{round, errors, seconds, latencyMs, rssEndBytes, jsHeapBytes, wasmMemoryBytes}],
//     rssBytes: {start: after warm-up, end, peak, samples: [RSS every 10 % of a round]},
//     (the *EndBytes/*Bytes of a round: after it and 2 s of idle)
//     rssGrowthBytes: end - start, rssGrowthLastRoundBytes: growth during the last round,
//     rss: "plateau" | "grows" | "one round" (workerd's resident memory),
//     growth: {jsHeapBytes, wasmMemoryBytes}: over the second half of the rounds,
//     memory: "no growth" | "grows" | "one round" (the isolate's live memory: JS heap and wasm) }
// Three views of memory, from the isolate outwards:
// - wasmMemoryBytes per round: the worker's own wasm linear memory (GET /metrics). It only grows,
//   so a leak in Rust shows as a rise round after round.
// - jsHeapBytes per round: the isolate's JS heap in use after a full collection (through
//   workerd's inspector, tests/js/inspector.mjs): a JS leak shows as a rise round after round.
// - RSS of the workerd processes: also what V8 and the allocator keep after freeing. It rises for
//   a while even when nothing leaks (it does so on a route that never touches wasm), so it is
//   reported, and the verdict on leaks ("memory") rests on the two live figures above.
import { readFileSync, readdirSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { ROOT } from "./fixtures.mjs";
import { writeReport } from "./reports.mjs";
import { Inspector, freePort } from "./inspector.mjs";
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
const round1 = (x) => Math.round(x * 10) / 10;
const percentiles = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: round1(percentile(sorted, 50)),
    p90: round1(percentile(sorted, 90)),
    p99: round1(percentile(sorted, 99)),
    max: round1(sorted[sorted.length - 1]),
  };
};

/** Idle time after each round before its RSS is read. */
const SETTLE_MS = 2000;

/** RSS growth over the last half of the rounds at most this: a plateau. */
const PLATEAU_BYTES = 4 * 2 ** 20;

/**
 * Live JS heap growth over the last half of the rounds at most this counts as none: the heap
 * after a collection moves by some kilobytes with what the last requests left (e.g. the metrics'
 * maps and compiled code), a leak per request adds at least a few bytes × thousands of requests.
 */
export const JS_HEAP_SLACK_BYTES = 2 ** 20;

/** POST `body` to `url` through `agent`; resolves to the status once the whole response is read. */
function post(url, body, agent) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: "POST", agent, headers: { "content-length": body.length } }, (response) => {
      response.on("data", () => {});
      response.on("end", () => resolve(response.statusCode));
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(body);
  });
}

export async function runLoad({ requests = 2000, concurrency = 50, rounds = 1, cache = "off", keepAlive = false, log = () => {} } = {}) {
  const docs = loadDocuments();
  const bundleDir = bundleWorker();
  const inspectorPort = await freePort();
  const { worker, url } = await startWorker(bundleDir, { CVSHIELD_CACHE: cache }, {
    port: 0,
    extra: { inspectorPort, unsafeInspectorProxy: true },
  });
  const base = url.href.replace(/\/$/, "");
  const inspector = await Inspector.connect(inspectorPort);
  const wasmMemory = async () => (await (await fetch(`${base}/metrics`)).json()).wasmMemoryBytes;
  const agent = new http.Agent({ keepAlive, maxSockets: Infinity });
  const latencies = [];
  const statuses = {};
  const routes = {};
  const samples = [];
  const perRound = [];
  const failures = []; // the first 50: when and how a request failed
  let errors = 0;
  let start = 0;
  let peak = 0;
  const warmup = Math.max(concurrency, Math.floor(requests / 10));

  async function one(i, round) {
    const doc = docs[i % docs.length];
    const route = ROUTES[Math.floor(i / docs.length) % ROUTES.length];
    const began = performance.now();
    let failed = false;
    let lastWhy = "";
    try {
      const status = await post(`${base}${route}${route.includes("?") ? "&" : "?"}hint=${encodeURIComponent(doc.name)}`, doc.bytes, agent);
      statuses[status] = (statuses[status] ?? 0) + 1;
      failed = status !== 200;
      lastWhy = String(status);
    } catch (error) {
      const why = `failed: ${error?.code ?? error?.name}`;
      lastWhy = why;
      statuses[why] = (statuses[why] ?? 0) + 1;
      failed = true;
    }
    const ms = performance.now() - began;
    const label = route.split("?")[0];
    latencies.push(ms);
    round.latencies.push(ms);
    if (failed) {
      errors += 1;
      round.errors += 1;
      if (failures.length < 50) failures.push({ round: perRound.length + 1, route: label, afterMs: round1(ms), why: lastWhy });
    }
    routes[label] = (routes[label] ?? 0) + 1;
    round.done += 1;
    if (perRound.length === 0 && round.done === warmup) start = workerdRss();
    if (round.done % Math.max(1, Math.floor(requests / 10)) === 0) {
      const rss = workerdRss();
      peak = Math.max(peak, rss);
      samples.push(rss);
      log(`load: round ${perRound.length + 1}/${rounds}: ${round.done}/${requests} done, workerd RSS ${(rss / 2 ** 20).toFixed(1)} MB`);
    }
  }

  const began = performance.now();
  let end = 0;
  try {
    for (let r = 1; r <= rounds; r += 1) {
      const round = { latencies: [], errors: 0, done: 0 };
      const roundBegan = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < requests) await one(next++, round);
        }),
      );
      // Let the isolate idle (V8 collects garbage when idle) before reading its memory.
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      const seconds = round1((performance.now() - roundBegan) / 1000);
      const jsHeapBytes = await inspector.heapUsedAfterGc();
      const wasmMemoryBytes = await wasmMemory();
      const rss = workerdRss();
      peak = Math.max(peak, rss);
      perRound.push({
        round: r,
        errors: round.errors,
        seconds,
        latencyMs: percentiles(round.latencies),
        rssEndBytes: rss,
        jsHeapBytes,
        wasmMemoryBytes,
      });
    }
  } finally {
    end = workerdRss();
    inspector.close();
    agent.destroy();
    await worker.dispose();
    removeBundle(bundleDir);
  }
  const seconds = (performance.now() - began) / 1000;
  const ends = perRound.map((r) => r.rssEndBytes);
  // Growth over the second half of the rounds (from the end of the middle one).
  const lateGrowthOf = (values) => (values.length > 1 ? values[values.length - 1] - values[Math.floor((values.length - 1) / 2)] : 0);
  const lateGrowth = lateGrowthOf(ends);
  const growth = {
    jsHeapBytes: lateGrowthOf(perRound.map((r) => r.jsHeapBytes)),
    wasmMemoryBytes: lateGrowthOf(perRound.map((r) => r.wasmMemoryBytes)),
  };
  return {
    requests,
    concurrency,
    rounds,
    keepAlive,
    cache,
    documents: docs.length,
    errors,
    statuses,
    failures,
    routes,
    seconds: round1(seconds),
    requestsPerSecond: round1((requests * rounds) / seconds),
    latencyMs: percentiles(latencies),
    perRound,
    rssBytes: { start, end, peak: Math.max(peak, end), samples },
    rssGrowthBytes: end - start,
    rssGrowthLastRoundBytes: ends.length > 1 ? ends[ends.length - 1] - ends[ends.length - 2] : end - start,
    rss: rounds < 2 ? "one round" : lateGrowth <= PLATEAU_BYTES ? "plateau" : "grows",
    growth,
    memory:
      rounds < 2 ? "one round" : growth.wasmMemoryBytes === 0 && growth.jsHeapBytes <= JS_HEAP_SLACK_BYTES ? "no growth" : "grows",
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
    rounds: Number(a.rounds ?? 1),
    cache: a.cache ?? "off",
    keepAlive: a["keep-alive"] === "on",
    log: (line) => console.error(line),
  });
  writeReport(a.report ?? "reliability-load.json", figures);
  const mb = (b) => `${(b / 2 ** 20).toFixed(1)} MB`;
  for (const r of figures.perRound) {
    console.log(
      `load: round ${r.round}: ${r.errors} errors, ${r.seconds} s, latency p50 ${r.latencyMs.p50} ms, p90 ${r.latencyMs.p90} ms, ` +
        `p99 ${r.latencyMs.p99} ms; at its end: JS heap ${mb(r.jsHeapBytes)} after GC, wasm memory ${mb(r.wasmMemoryBytes)}, ` +
        `workerd RSS ${mb(r.rssEndBytes)}`,
    );
  }
  console.log(
    `load: ${figures.rounds} × ${figures.requests} requests @ ${figures.concurrency} concurrent ` +
      `(keep-alive ${figures.keepAlive ? "on" : "off"}, cache ${figures.cache}, ${figures.documents} documents): ` +
      `${figures.errors} errors, ${figures.requestsPerSecond} req/s, latency p50 ${figures.latencyMs.p50} ms, ` +
      `p90 ${figures.latencyMs.p90} ms, p99 ${figures.latencyMs.p99} ms, max ${figures.latencyMs.max} ms; ` +
      `workerd RSS ${mb(figures.rssBytes.start)} after warm-up → ${mb(figures.rssBytes.end)} at the end ` +
      `(growth ${mb(figures.rssGrowthBytes)}, ${mb(figures.rssGrowthLastRoundBytes)} in the last round: ${figures.rss}; ` +
      `peak ${mb(figures.rssBytes.peak)})`,
  );
  console.log(
    `load: the isolate's live memory over the second half of the rounds: JS heap after GC ` +
      `${(figures.growth.jsHeapBytes / 1024).toFixed(0)} KB, wasm memory ${(figures.growth.wasmMemoryBytes / 1024).toFixed(0)} KB: ${figures.memory}`,
  );
  process.exit(figures.errors === 0 && figures.memory !== "grows" ? 0 : 1);
}
