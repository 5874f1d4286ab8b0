// The edge worker as the tests run it (not a test file itself): the bundle
// `wrangler deploy --dry-run` makes (offline), run in workerd through
// Miniflare with its stdout/stderr captured. Used by worker.test.mjs,
// hostile.test.mjs, leaks.test.mjs and the load runner (load.mjs).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { Miniflare } from "miniflare";
import { ROOT } from "./fixtures.mjs";

/** Bundle the worker into a fresh temporary folder; returns its path. */
export function bundleWorker() {
  const dir = mkdtempSync(path.join(tmpdir(), "cvshield-worker-"));
  execFileSync(
    path.join(ROOT, "node_modules/.bin/wrangler"),
    ["deploy", "--dry-run", "--outdir", dir, "--config", path.join(ROOT, "www/worker/wrangler.toml")],
    // Offline: any request wrangler tried would go to a proxy that does not exist.
    {
      env: {
        ...process.env,
        WRANGLER_SEND_METRICS: "false",
        HTTPS_PROXY: "http://127.0.0.1:9",
        HTTP_PROXY: "http://127.0.0.1:9",
        NO_PROXY: "",
      },
      stdio: "pipe",
    },
  );
  return dir;
}

export const removeBundle = (dir) => dir && rmSync(dir, { recursive: true, force: true });

/**
 * A Miniflare running the bundle in `bundleDir` with `bindings` as its vars;
 * `output` collects everything workerd writes. `port` (e.g. 0 for any free
 * one) also serves it over HTTP on 127.0.0.1; `extra` adds Miniflare options (e.g. KV namespaces).
 */
export async function startWorker(bundleDir, bindings = {}, { port, extra = {} } = {}) {
  const output = [];
  const capture = (stream) => stream.on("data", (chunk) => output.push(String(chunk)));
  const worker = new Miniflare({
    modules: true,
    scriptPath: path.join(bundleDir, "index.js"),
    modulesRoot: bundleDir,
    modulesRules: [
      { type: "ESModule", include: ["**/*.js"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: "2026-04-20",
    bindings: { CVSHIELD_CACHE: "on", ...bindings },
    cf: false, // no fetch of Cloudflare's Request.cf sample: tests stay on this machine
    ...(port === undefined ? {} : { host: "127.0.0.1", port }),
    handleRuntimeStdio(stdout, stderr) {
      capture(stdout);
      capture(stderr);
    },
    ...extra,
  });
  const url = await worker.ready;
  return { worker, output, url };
}

/** Resident memory (bytes) of the workerd processes this Node process started. */
export function workerdRss() {
  let total = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      if (Number(fields[1]) === process.pid && comm.startsWith("workerd")) {
        const rss = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
        if (rss) total += Number(rss[1]) * 1024;
      }
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}
