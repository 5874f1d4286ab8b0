// The report's Reliability section (issue 9): a summary table per suite from
// target/reports/reliability-*.json (hostile inputs, leaks, fuzzing, load),
// plus the committed long fuzzing run (fuzz/results.json) and full load run
// (tests/js/load-results.json), then the raw figures.
// Fields are documented where each file is written: tests/integration/hostile.rs,
// tests/integration/leaks.rs, tests/js/leaks.test.mjs, scripts/fuzz.sh, tests/js/load.mjs.

const mb = (b) => `${(b / 2 ** 20).toFixed(1)} MB`;
const ms = (l) => `${l.p50} / ${l.p90} / ${l.p99} ms`;

function hostile(d, table) {
  return `<p>${d.files} hostile files, ${d.calls} calls (${d.runner}): ${d.failures ?? '?'} outcome mismatches, slowest call ${d.maxMillis} ms.</p>${table(['outcome', 'calls'], Object.entries(d.outcomes ?? {}))}`;
}

function leaks(d) {
  return `<p>${d.piiStrings} labelled PII strings searched in the logs, errors and metrics of ${d.documents} documents: <strong>${d.leaks} leaks</strong>.</p>`;
}

function fuzz(d, table) {
  const rows = (d.targets ?? []).map((t) => [t.target, t.seconds, t.execs, t.execsPerSecond, t.seeds, t.corpus, t.cov, t.ft, `${t.crashes} / ${t.timeouts} / ${t.ooms}`]);
  return `<p>${d.build ?? ''} build, sanitizer ${d.sanitizer}, ${d.toolchain ?? ''}${d.date ? `, ${d.date}` : ''}: ${d.totalExecs ?? '?'} executions, ${d.crashes} crashes/timeouts/OOMs.</p>${table(
    ['target', 's', 'executions', 'exec/s', 'seeds', 'corpus', 'cov', 'ft', 'crash / timeout / oom'],
    rows,
  )}`;
}

function load(d, table) {
  const live = (d.perRound ?? []).some((r) => r.jsHeapBytes !== undefined);
  const rounds = (d.perRound ?? []).map((r) => [
    r.round,
    r.errors,
    `${r.seconds} s`,
    ms(r.latencyMs),
    ...(live ? [mb(r.jsHeapBytes), mb(r.wasmMemoryBytes)] : []),
    mb(r.rssEndBytes),
  ]);
  const kb = (b) => `${Math.round(b / 1024)} KB`;
  return `<p>${d.rounds ?? 1} × ${d.requests} requests at ${d.concurrency} concurrent (keep-alive ${d.keepAlive ? 'on' : 'off'}, cache ${d.cache}):
<strong>${d.errors} errors</strong>, ${d.requestsPerSecond} req/s, latency p50/p90/p99 ${ms(d.latencyMs)} (max ${d.latencyMs.max} ms);
${
    d.growth
      ? `the isolate's live memory over the second half of the rounds: JS heap after GC ${kb(d.growth.jsHeapBytes)}, wasm memory ${kb(d.growth.wasmMemoryBytes)}: <strong>${d.memory}</strong>; `
      : ''
  }workerd RSS ${mb(d.rssBytes.start)} after warm-up → ${mb(d.rssBytes.end)} (${d.rss ?? d.memory ?? 'one round'}: RSS also holds what V8 and the allocator keep after freeing).</p>${
    rounds.length
      ? table(['round', 'errors', 'time', 'p50 / p90 / p99', ...(live ? ['JS heap after GC', 'wasm memory'] : []), 'RSS after'], rounds)
      : ''
  }`;
}

/**
 * The section's HTML; `reliability` = [{file, data}], `fuzzLongRun` = fuzz/results.json,
 * `fuzzReleaseRun` = fuzz/results-release.json (the slow targets, no sanitizer),
 * `loadRun` = tests/js/load-results.json (the committed full load run), each or null.
 */
export function reliabilitySection({ reliability, fuzzLongRun, fuzzReleaseRun, loadRun, table, h, missing }) {
  const summary = (file, d) => {
    if (!d) return '';
    if (file.startsWith('reliability-hostile')) return hostile(d, table);
    if (file.startsWith('reliability-leaks')) return leaks(d);
    if (file.startsWith('reliability-fuzz')) return fuzz(d, table);
    if (file.startsWith('reliability-load')) return load(d, table);
    return '';
  };
  const parts = reliability.map(
    (r) => `<h3>${h(r.file)}</h3>${summary(r.file, r.data)}<details><summary>figures</summary><pre>${h(JSON.stringify(r.data, null, 1))}</pre></details>`,
  );
  if (loadRun) parts.push(`<h3>Full load run (committed: tests/js/load-results.json, by scripts/load.sh)</h3>${load(loadRun, table)}`);
  if (fuzzLongRun) parts.push(`<h3>Long fuzzing run (committed: fuzz/results.json, fuzz/RESULTS.md)</h3>${fuzz(fuzzLongRun, table)}`);
  if (fuzzReleaseRun) {
    parts.push(`<h3>Longer run of the slow targets without a sanitizer (committed: fuzz/results-release.json, fuzz/RESULTS.md)</h3>${fuzz(fuzzReleaseRun, table)}`);
  }
  return `<h2>Reliability</h2>${
    parts.length ? parts.join('') : missing('reliability figures', 'target/reports/reliability-*.json, written by the reliability suite')
  }`;
}
