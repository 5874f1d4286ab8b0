// Figures the reliability suites leave for the performance report (not a
// test file itself): target/reports/reliability-*.json, one file per suite.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./fixtures.mjs";

export function writeReport(name, value) {
  const dir = path.join(ROOT, "target/reports");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, name), `${JSON.stringify(value, null, 2)}\n`);
}
