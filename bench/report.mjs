// The performance report: reads what the benchmarks wrote and renders one
// self-contained HTML page (inline SVG, no scripts, no external requests) plus
// the figures as JSON.
//
// Inputs (each optional; a missing one is said so in the page):
//   target/criterion/stage/*/new/estimates.json, target/criterion/model_load/*  (cargo bench --bench stages)
//   target/reports/scaling-native.json   (cargo bench --bench scaling)
//   target/reports/wasm.json             (node bench/peers.mjs)
//   target/reports/size.json             (the wasm size check: {raw, gzip, budget, topCrates: [{name, bytes}]})
//   target/reports/reliability-*.json    (the reliability suite; bench/lib/reliability.mjs summarises them)
//   fuzz/results.json, fuzz/results-release.json, tests/js/load-results.json  (the long fuzzing and full load runs, committed)
//   bench/optimisations.json             (recorded before/after figures, committed)
// Outputs: target/reports/index.html, target/reports/report.json.
//
//   node bench/report.mjs         (scripts/report.sh runs the benchmarks first)

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './lib/engines.mjs';
import { describeFit, linearFit } from './lib/stats.mjs';
import { barChart, escapeHtml as h, lineChart } from './lib/svg.mjs';
import { reliabilitySection } from './lib/reliability.mjs';

const reports = join(repoRoot, 'target/reports');
const readJson = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null);

/** Criterion mean estimates (ms) of every benchmark in `group`, in file-system order. */
function criterionGroup(group) {
  const dir = join(repoRoot, 'target/criterion', group);
  if (!existsSync(dir)) return null;
  const out = {};
  for (const name of readdirSync(dir)) {
    const est = readJson(join(dir, name, 'new/estimates.json'));
    if (!est) continue;
    const ms = (x) => x / 1e6;
    out[name] = { meanMs: ms(est.mean.point_estimate), lowMs: ms(est.mean.confidence_interval.lower_bound), highMs: ms(est.mean.confidence_interval.upper_bound), medianMs: ms(est.median.point_estimate) };
  }
  return Object.keys(out).length ? out : null;
}

function gitCommit() {
  try {
    return execFileSync('git', ['-C', repoRoot, 'describe', '--always', '--dirty'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

const stages = criterionGroup('stage');
const modelLoad = criterionGroup('model_load');
const native = readJson(join(reports, 'scaling-native.json'));
const wasm = readJson(join(reports, 'wasm.json'));
const size = readJson(join(reports, 'size.json'));
const optimisations = readJson(join(repoRoot, 'bench/optimisations.json'));
const reliability = existsSync(reports)
  ? readdirSync(reports).filter((f) => /^reliability-.*\.json$/.test(f)).sort().map((f) => ({ file: f, data: readJson(join(reports, f)) }))
  : [];

// Linear fits of the native scaling run (the wasm ones come with wasm.json).
const nativeFits = native
  ? {
      time: Object.fromEntries(Object.entries(native.stages).map(([k, v]) => [k, linearFit(native.pages, v.ms)])),
      memory: Object.fromEntries(Object.entries(native.stages).map(([k, v]) => [k, linearFit(native.pages, v.peakBytes.map((b) => b / 2 ** 20))])),
    }
  : null;

const figures = {
  generated: new Date().toISOString(),
  commit: gitCommit(),
  machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version },
  // Cargo profile the native benches were built with (scripts/report.sh exports it).
  benchProfile: process.env.BENCH_PROFILE ?? 'bench',
  targets: wasm?.targets ?? null,
  native: { stages, modelLoad, scaling: native, fits: nativeFits },
  wasm,
  size,
  optimisations,
  reliability: reliability.map((r) => r.file),
};
writeFileSync(join(reports, 'report.json'), JSON.stringify(figures, null, 1));

// ---- HTML ----
const mb = (b) => (b / 2 ** 20).toFixed(1);
const missing = (what, how) => `<p class="missing">Not in this report: ${h(what)} (${h(how)}).</p>`;
const table = (head, rows) =>
  `<table><thead><tr>${head.map((c) => `<th>${h(c)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${h(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
const fitRows = (fits, unit) => Object.entries(fits).map(([k, f]) => [k, describeFit(f, unit)]);

const sections = [];

sections.push(`<h2>Targets</h2>${
  wasm
    ? table(['target', 'result', 'figures'], wasm.targets.map((t) => [t.name, t.met === null ? 'not measured' : t.met ? 'met' : 'MISSED', t.detail]))
    : missing('the targets', 'run node bench/peers.mjs')
}`);

if (stages) {
  const names = Object.keys(stages);
  sections.push(`<h2>Native stages (2-page CV)</h2>
<p>Criterion, mean of 20 samples after warm-up, on the 2-page benchmark CV. <code>sections</code> includes building the text view;
<code>parse</code> and <code>anonymize_*</code> run their own sections and rules; <code>pipeline_thorough</code> is one
<code>anonymize</code> call on the PDF bytes (extract + parse + anonymize at thorough).</p>
${barChart({ labels: names, series: [{ name: 'mean', values: names.map((n) => stages[n].meanMs) }], unit: 'ms', log: true })}
${table(['stage', 'mean ms', '95% CI', 'median ms'], names.map((n) => [n, stages[n].meanMs.toFixed(3), `${stages[n].lowMs.toFixed(3)} – ${stages[n].highMs.toFixed(3)}`, stages[n].medianMs.toFixed(3)]))}`);
} else sections.push(`<h2>Native stages</h2>${missing('criterion estimates', 'cargo bench --bench stages')}`);

if (wasm) {
  const bench = wasm.timings.filter((t) => t.bench);
  const stagesW = Object.keys(wasm.timings[0]?.ms ?? {});
  const twoPage = wasm.timings.filter((t) => t.pages === 2);
  sections.push(`<h2>Wasm beside pdf.js</h2>
<p>One Node ${h(wasm.node)} process; medians after warm-up. <code>pdfjs</code> is pdf.js text extraction alone (getDocument +
getTextContent on every page); <code>anonymize_thorough</code> is the full pipeline (extract + parse + anonymize).</p>
${twoPage.length ? `<h3>2-page documents</h3>${barChart({ labels: twoPage.map((t) => t.name), series: [{ name: 'pdf.js extract', values: twoPage.map((t) => t.ms.pdfjs) }, { name: 'cvshield extract', values: twoPage.map((t) => t.ms.extract) }, { name: 'cvshield full pipeline', values: twoPage.map((t) => t.ms.anonymize_thorough) }], unit: 'ms' })}` : ''}
<h3>All PDFs (ms)</h3>
${table(['document', 'pages', ...stagesW, 'pdf.js / pipeline'], wasm.timings.map((t) => [t.name, t.pages, ...stagesW.map((s) => t.ms[s].toFixed(2)), `${t.pipelineVsPdfjs.toFixed(2)}×`]))}`);
  if (wasm.presidio) {
    const p = wasm.presidio;
    sections.push(`<h2>Anonymisation beside Presidio</h2>
<p>Presidio ${h(p.versions['presidio-analyzer'])} (analyze + anonymize, spaCy ${h(p.versions.spacy)} en_core_web_sm, every recognizer, default operators;
a Python subprocess, median of ${p.reps} after a warm-up pass) against cvshield's <code>anonymize(text)</code> in wasm on the same text:
the corpus documents and the benchmark documents up to ${p.maxPages ?? 10} pages (Presidio on 50 and 100 pages takes minutes; the ratio is per text).
Ratio = Presidio / cvshield at thorough: median ${p.medianRatio.toFixed(1)}×, lowest ${p.minRatio.toFixed(1)}×.</p>
${barChart({ labels: p.rows.map((r) => r.name), series: [{ name: 'Presidio', values: p.rows.map((r) => r.presidioMs) }, { name: 'cvshield thorough (wasm)', values: p.rows.map((r) => r.ms.thorough) }], unit: 'ms', log: true })}
${table(['text', 'chars', 'Presidio ms', 'basic ms', 'moderate ms', 'thorough ms', 'ratio'], p.rows.map((r) => [r.name, r.chars, r.presidioMs.toFixed(2), r.ms.basic.toFixed(3), r.ms.moderate.toFixed(3), r.ms.thorough.toFixed(3), `${r.ratio.toFixed(1)}×`]))}`);
  } else sections.push(`<h2>Anonymisation beside Presidio</h2>${missing('Presidio timings', 'bash bench/presidio/setup.sh, then node bench/peers.mjs')}`);
  sections.push(`<h2>Scaling in wasm</h2>
<p>The benchmark documents (bench/make-docs.mjs: six synthetic CVs laid out cycling, 52 lines a page, 1 to 100 pages).
Memory: the module's whole linear memory after one run of the stage on a fresh instance (initial ${mb(wasm.memory.initialBytes)} MB).</p>
${lineChart({ xs: bench.map((t) => t.pages), series: stagesW.map((s) => ({ name: s, values: bench.map((t) => t.ms[s]) })), xUnit: 'pages', unit: 'ms' })}
${lineChart({ xs: wasm.memory.pages, series: Object.entries(wasm.memory.stages).map(([s, v]) => ({ name: s, values: v.map((b) => b / 2 ** 20) })), xUnit: 'pages', unit: 'MB' })}
${table(['time', 'least-squares fit'], fitRows(Object.fromEntries(stagesW.map((s) => [s, linearFit(bench.map((t) => t.pages), bench.map((t) => t.ms[s]))])), 'ms'))}
${table(['memory', 'least-squares fit'], fitRows(Object.fromEntries(Object.entries(wasm.memory.stages).map(([s, v]) => [s, linearFit(wasm.memory.pages, v.map((b) => b / 2 ** 20))])), 'MB'))}`);
} else sections.push(`<h2>Wasm</h2>${missing('wasm and peer figures', 'node bench/peers.mjs')}`);

if (native) {
  const names = Object.keys(native.stages);
  sections.push(`<h2>Scaling natively</h2>
<p>Median ms per stage; peak heap = live-bytes high-water mark of a counting global allocator during one run, above what was
live before it. Loading the two embedded models keeps ${mb(native.modelsResidentBytes)} MB resident (once per process).</p>
${lineChart({ xs: native.pages, series: names.map((s) => ({ name: s, values: native.stages[s].ms })), xUnit: 'pages', unit: 'ms' })}
${lineChart({ xs: native.pages, series: names.map((s) => ({ name: s, values: native.stages[s].peakBytes.map((b) => b / 2 ** 20) })), xUnit: 'pages', unit: 'MB' })}
${table(['stage', ...native.pages.map((p) => `${p}p ms`), ...native.pages.map((p) => `${p}p MB`)], names.map((s) => [s, ...native.stages[s].ms.map((v) => v.toFixed(2)), ...native.stages[s].peakBytes.map(mb)]))}
${table(['time', 'least-squares fit'], fitRows(nativeFits.time, 'ms'))}
${table(['peak heap', 'least-squares fit'], fitRows(nativeFits.memory, 'MB'))}`);
} else sections.push(`<h2>Scaling natively</h2>${missing('native scaling', 'cargo bench --bench scaling')}`);

{
  const rows = [];
  if (modelLoad && stages) {
    for (const [name, load] of Object.entries(modelLoad)) {
      const tagged = stages[`${name}_model`];
      if (tagged) rows.push([`${name} model: load from bytes + tag (no reuse) → tag with the loaded model`, `${(load.meanMs + tagged.meanMs).toFixed(2)} ms`, `${tagged.meanMs.toFixed(2)} ms`, `${((load.meanMs + tagged.meanMs) / tagged.meanMs).toFixed(1)}×`]);
    }
  }
  if (native?.batch) {
    const b = native.batch;
    rows.push([`batch of ${b.docs} 2-page CVs, full pipeline: 1 thread → ${b.threads[1]} threads`, `${b.docsPerSec[0].toFixed(1)} docs/s`, `${b.docsPerSec[1].toFixed(1)} docs/s`, `${(b.docsPerSec[1] / b.docsPerSec[0]).toFixed(2)}×`]);
  }
  for (const o of optimisations?.entries ?? []) rows.push([o.what, o.before, o.after, o.gain]);
  sections.push(`<h2>Optimisations: before and after</h2>${rows.length ? table(['what', 'before', 'after', 'gain'], rows) : missing('before/after figures', 'cargo bench')}
${optimisations?.notes ? `<p>${h(optimisations.notes)}</p>` : ''}`);
}

if (size) {
  const top = size.topCrates ?? [];
  sections.push(`<h2>Wasm size</h2>
<p>pkg/cvshield_bg.wasm: ${(size.raw / 1e6).toFixed(2)} MB raw, <strong>${(size.gzip / 1e6).toFixed(2)} MB gzipped</strong> against a budget of
${(size.budget / 1e6).toFixed(2)} MB (${((100 * size.gzip) / size.budget).toFixed(0)} %).</p>
${barChart({ labels: ['gzipped', 'budget'], series: [{ name: 'bytes', values: [size.gzip / 1e6, size.budget / 1e6] }], unit: 'MB' })}
${top.length ? barChart({ labels: top.map((c) => c.name), series: [{ name: 'raw bytes', values: top.map((c) => c.bytes / 1e3) }], unit: 'KB' }) : ''}`);
} else sections.push(`<h2>Wasm size</h2>${missing('target/reports/size.json', "the size helper's check writes it")}`);

sections.push(reliabilitySection({ reliability, fuzzLongRun: readJson(join(repoRoot, 'fuzz/results.json')), fuzzReleaseRun: readJson(join(repoRoot, 'fuzz/results-release.json')), loadRun: readJson(join(repoRoot, 'tests/js/load-results.json')), table, h, missing }));

const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>cvshield performance report</title>
<style>
body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#111827}
table{border-collapse:collapse;margin:.8em 0;font-size:13px}td,th{border:1px solid #e5e7eb;padding:3px 7px;text-align:left}
th{background:#f9fafb}code{background:#f3f4f6;padding:0 3px}.missing{color:#92400e;background:#fffbeb;padding:.5em}
svg{display:block;margin:.5em 0}pre{font-size:12px;background:#f9fafb;padding:.5em;overflow:auto;max-height:400px}
</style></head><body>
<h1>cvshield performance report</h1>
<p>Generated ${h(figures.generated)} at ${h(figures.commit)} on ${h(figures.machine.cpu)} (${figures.machine.cores} cores), Node ${h(figures.machine.node)};
native benches built with the <code>${h(figures.benchProfile)}</code> Cargo profile${figures.benchProfile === 'dev' ? ' (cvshield at opt-level 3, dependencies at 2, debug assertions on: native figures lean slower than a release build)' : ' (release settings, thin-local LTO)'}.
Made by <code>bash scripts/report.sh</code>; figures in <code>report.json</code> beside this page.</p>
${sections.join('\n')}
</body></html>
`;
writeFileSync(join(reports, 'index.html'), html);
console.log(`wrote ${join(reports, 'index.html')} and report.json`);
