// The CI-sized load test (the full one is scripts/load.sh): two rounds of 300
// requests at 20 concurrent against the worker on 127.0.0.1 must all succeed;
// the isolate's live memory must not grow from the first round's end to the
// second's (wasm memory not by a page, the JS heap after GC by at most 1 MiB:
// the same mix again needs nothing new, so any growth would be kept per request),
// and workerd's RSS must stay within MAX_GROWTH_MB of its size after warm-up.
// Figures: target/reports/reliability-load-ci.json (fields in load.mjs).
import assert from "node:assert/strict";
import { test } from "node:test";

import { JS_HEAP_SLACK_BYTES, runLoad } from "./load.mjs";
import { writeReport } from "./reports.mjs";

const MAX_GROWTH_MB = 64;

test("2 × 300 mixed requests at 20 concurrent: no errors, no growth of the live memory", { timeout: 600_000 }, async () => {
  const figures = await runLoad({ requests: 300, concurrency: 20, rounds: 2 });
  writeReport("reliability-load-ci.json", figures);
  console.log(`# load: ${JSON.stringify({ latencyMs: figures.latencyMs, perRound: figures.perRound, growth: figures.growth, errors: figures.errors })}`);
  assert.equal(figures.errors, 0, `non-200 responses: ${JSON.stringify(figures.statuses)}`);
  assert.ok(figures.rssBytes.start > 0, "workerd's memory could not be read");
  for (const round of figures.perRound) {
    assert.ok(round.wasmMemoryBytes > 0 && round.jsHeapBytes > 0, `memory not read: ${JSON.stringify(round)}`);
  }
  assert.equal(figures.growth.wasmMemoryBytes, 0, "the wasm memory grew in the second round");
  assert.ok(figures.growth.jsHeapBytes <= JS_HEAP_SLACK_BYTES, `the JS heap after GC grew by ${figures.growth.jsHeapBytes} bytes in the second round`);
  assert.equal(figures.memory, "no growth");
  assert.ok(
    figures.rssGrowthBytes <= MAX_GROWTH_MB * 2 ** 20,
    `workerd grew by ${(figures.rssGrowthBytes / 2 ** 20).toFixed(1)} MB after warm-up`,
  );
});
