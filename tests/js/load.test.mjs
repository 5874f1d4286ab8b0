// The CI-sized load test (the full one is scripts/load.sh): 300 requests at
// 20 concurrent against the worker on 127.0.0.1 must all succeed, and the
// workerd process must not grow by more than MAX_GROWTH_MB after warm-up.
// Figures: target/reports/reliability-load-ci.json (fields in load.mjs).
import assert from "node:assert/strict";
import { test } from "node:test";

import { runLoad } from "./load.mjs";
import { writeReport } from "./reports.mjs";

const MAX_GROWTH_MB = 64;

test("300 mixed requests at 20 concurrent: no errors, bounded memory", { timeout: 600_000 }, async () => {
  const figures = await runLoad({ requests: 300, concurrency: 20 });
  writeReport("reliability-load-ci.json", figures);
  console.log(`# load: ${JSON.stringify({ latencyMs: figures.latencyMs, rssBytes: figures.rssBytes, errors: figures.errors })}`);
  assert.equal(figures.errors, 0, `non-200 responses: ${JSON.stringify(figures.statuses)}`);
  assert.ok(figures.rssBytes.start > 0, "workerd's memory could not be read");
  assert.ok(
    figures.rssGrowthBytes <= MAX_GROWTH_MB * 2 ** 20,
    `workerd grew by ${(figures.rssGrowthBytes / 2 ** 20).toFixed(1)} MB after warm-up`,
  );
});
