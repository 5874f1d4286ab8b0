// The page: take a file from the picker or a drop, hand it to the engine
// worker, show progress, then the results: the profile as cards, the
// anonymised text for each level beside the marked original, the extracted
// text, and downloads. The file never leaves the page: the worker reads it.
// A scan (no text layer) is read by OCR on this device first (www/ocr/).
import { chosenLanguages, wireLanguages } from "./ocr/languages.js";
import { countsText, displayText, documentText, renderProfile, renderRedactions } from "./render.js";

const $ = (id) => document.getElementById(id);
const TIMEOUT_MS = 60_000;
const STEP_LABELS = {
  read: "Reading the file",
  extract: "Extracting the text",
  parse: "Parsing the profile",
  "anonymize:basic": "Anonymising (basic)",
  "anonymize:moderate": "Anonymising (moderate)",
  "anonymize:thorough": "Anonymising (thorough)",
  "redact:basic": "Redacting the document (basic)",
  "redact:moderate": "Redacting the document (moderate)",
  "redact:thorough": "Redacting the document (thorough)",
};

let worker = null;
let nextId = 0;
const pending = new Map();
let current = null; // { result, baseName } of the file shown

function startWorker() {
  worker = new Worker(new URL("./engine-worker.js", import.meta.url), { type: "module" });
  worker.onmessage = (event) => {
    const reply = event.data;
    const request = pending.get(reply.id);
    if (!request) return;
    if (reply.progress) {
      request.onProgress?.(reply.progress);
      return;
    }
    pending.delete(reply.id);
    clearTimeout(request.timer);
    request.resolve(reply);
    // An internal failure may have left the wasm instance unusable.
    if (!reply.ok && reply.code === "internal") restartWorker();
  };
  worker.onerror = () => failAll("the engine worker stopped");
}

function restartWorker() {
  worker?.terminate();
  startWorker();
}

function failAll(message) {
  for (const [id, request] of pending) {
    clearTimeout(request.timer);
    request.resolve({ id, ok: false, code: "internal", message });
  }
  pending.clear();
  restartWorker();
}

function ask(message, onProgress) {
  const id = nextId++;
  return new Promise((resolve) => {
    const timer = setTimeout(() => failAll("the work took too long and was stopped"), TIMEOUT_MS);
    pending.set(id, { resolve, timer, onProgress });
    worker.postMessage({ ...message, id });
  });
}

function showStatus(text, isError = false) {
  $("status").textContent = text;
  $("status").classList.toggle("error", isError);
}

function showProgress({ step, done, total }) {
  const progress = $("progress");
  progress.hidden = false;
  progress.max = total;
  progress.value = done;
  showStatus(`${STEP_LABELS[step] ?? step}… (${done + 1} of ${total})`);
}

const selectedLevel = () => document.querySelector('input[name="level"]:checked')?.value ?? "basic";

function showLevel() {
  const anonymized = current?.result.anonymized;
  if (!anonymized) return;
  const output = anonymized[selectedLevel()];
  renderRedactions($("original"), $("anonymized"), documentText(current.result.document), output);
  $("redaction-counts").textContent = countsText(output.counts);
  $("download-text").textContent = `Download anonymised text (${selectedLevel()})`;
  const redacted = current.result.redacted?.[selectedLevel()];
  const button = $("download-document");
  button.hidden = !redacted?.bytes;
  if (redacted?.bytes) button.textContent = `Download anonymised ${FORMAT_NAMES[redacted.format] ?? redacted.format} (${selectedLevel()})`;
  showPreview(redacted);
}

/** Page 1 of a PDF before and after, drawn by preview.js (and pdf.js), loaded only for a redacted PDF. */
function showPreview(redacted) {
  const isPdf = redacted?.bytes && redacted.format === "pdf" && current.bytes;
  $("preview-section").hidden = !isPdf;
  if (isPdf) {
    import("./preview.js")
      .then(({ showPdfPreview }) => showPdfPreview($("preview-before"), $("preview-after"), current.bytes, redacted.bytes))
      .catch(() => ($("preview-section").hidden = true));
  }
}

const FORMAT_NAMES = { docx: "DOCX", odt: "ODT", rtf: "RTF", html: "HTML", txt: "text file", markdown: "Markdown", pdf: "PDF", image: "PNG image" };
// A redacted scan image is a PNG whatever the input image was.
const EXTENSIONS = { markdown: "md", image: "png" };

function showResult(result) {
  const doc = result.document;
  $("format").textContent = doc.metadata.ocr ? `${doc.format}, read by OCR (${doc.metadata.ocr.languages.join("+")})` : doc.format;
  $("pages").textContent = String(doc.pages.length);
  $("lines").textContent = String(doc.pages.reduce((n, page) => n + page.lines.length, 0));
  $("millis").textContent = `${Math.round(result.millis)} ms`;
  $("output").textContent = displayText(documentText(doc)).trimEnd();

  $("profile-section").hidden = !result.profile;
  if (result.profile) renderProfile($("profile"), result.profile);
  $("anonymized-section").hidden = !result.anonymized;
  $("download-text").hidden = !result.anonymized;
  $("download-json").textContent = result.profile ? "Download profile (JSON)" : "Download document (JSON)";
  showLevel();
  $("results").hidden = false;
}

async function handleFile(file) {
  $("results").hidden = true;
  current = null;
  showStatus("Reading…");
  // The name only tells Markdown from plain text; it stays on this device.
  let reply = await ask({ kind: "process", file, hint: file.name }, showProgress);
  if (!reply.ok && reply.code === "no_text_layer") reply = await readScanned(file);
  $("progress").hidden = true;
  if (reply.cancelled) {
    showStatus("Cancelled.");
    return;
  }
  if (!reply.ok) {
    showStatus(`Could not read this file (${reply.code}): ${reply.message}`, true);
    return;
  }
  const bytes = reply.result.document.format === "pdf" ? new Uint8Array(await file.arrayBuffer()) : null;
  current = { result: reply.result, baseName: file.name.replace(/\.[^.]*$/, "") || "cv", bytes };
  showResult(reply.result);
  showStatus("Done.");
}

/** A scan or a photo: OCR on this device (its code loaded on first use), then the usual steps on its words. */
async function readScanned(file) {
  showStatus("No text layer: reading the scan on this device…");
  let readScan;
  try {
    ({ readScan } = await import("./ocr/panel.js"));
  } catch {
    return { ok: false, code: "no_text_layer", message: "the OCR engine could not be loaded (offline before its first use?)" };
  }
  const scan = await readScan({ file, hint: file.name, languages: chosenLanguages($("ocr-languages")), ask });
  if (!scan.ok) return scan;
  return ask({ kind: "process", file, hint: file.name, ocr: scan.ocr }, showProgress);
}

/** Offer `text` (or bytes) as a file download; the data stays in this browser. */
function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function wireDownloads() {
  $("download-json").addEventListener("click", () => {
    if (!current) return;
    const { result, baseName } = current;
    const value = result.profile
      ? { profile: result.profile, anonymized: result.anonymized ?? null }
      : { document: result.document };
    download(`${baseName}.cvshield.json`, "application/json", `${JSON.stringify(value, null, 2)}\n`);
  });
  $("download-text").addEventListener("click", () => {
    const output = current?.result.anonymized?.[selectedLevel()];
    if (output) download(`${current.baseName}.${selectedLevel()}.txt`, "text/plain", displayText(output.text));
  });
  $("download-document").addEventListener("click", () => {
    const redacted = current?.result.redacted?.[selectedLevel()];
    if (!redacted?.bytes) return;
    const extension = EXTENSIONS[redacted.format] ?? redacted.format;
    download(`${current.baseName}.${selectedLevel()}.${extension}`, redacted.mimeType, redacted.bytes);
  });
}

function wireInputs() {
  $("file").addEventListener("change", (event) => {
    const file = event.target.files?.[0];
    if (file) handleFile(file);
  });
  const drop = $("drop");
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    const file = event.dataTransfer?.files?.[0];
    if (file) handleFile(file);
  });
  for (const radio of document.querySelectorAll('input[name="level"]')) radio.addEventListener("change", showLevel);
}

/** Cache the page and the wasm module so it keeps working offline. */
async function registerServiceWorker() {
  if (!("serviceWorker" in navigator)) return;
  try {
    await navigator.serviceWorker.register("./sw.js", { scope: "./" });
    await navigator.serviceWorker.ready;
    $("offline-state").textContent = "works offline";
  } catch {
    $("offline-state").textContent = "offline use unavailable";
  }
}

startWorker();
wireInputs();
wireLanguages($("ocr-languages"));
wireDownloads();
ask({ kind: "version" }).then((reply) => {
  if (!reply.ok) return;
  const models = reply.models.map((m) => ` · ${m.kind} model ${m.version}`).join("");
  $("version").textContent = `cvshield ${reply.version}${models}`;
});
registerServiceWorker();
