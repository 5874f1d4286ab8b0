// The page: take a file from the picker or a drop, hand its bytes to the
// extraction worker, show the text. Output goes through textContent only, so
// document content is never interpreted as HTML.
const $ = (id) => document.getElementById(id);
const TIMEOUT_MS = 30_000;

let worker = null;
let nextId = 0;
const pending = new Map();

function startWorker() {
  worker = new Worker(new URL("./extract-worker.js", import.meta.url), { type: "module" });
  worker.onmessage = (event) => {
    const reply = event.data;
    const request = pending.get(reply.id);
    if (!request) return;
    pending.delete(reply.id);
    clearTimeout(request.timer);
    request.resolve(reply);
    // An internal failure may have left the wasm instance unusable.
    if (!reply.ok && reply.code === "internal") restartWorker();
  };
  worker.onerror = () => failAll("the extraction worker stopped");
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

function ask(message, transfer = []) {
  const id = nextId++;
  return new Promise((resolve) => {
    const timer = setTimeout(() => failAll("the extraction took too long and was stopped"), TIMEOUT_MS);
    pending.set(id, { resolve, timer });
    worker.postMessage({ ...message, id }, transfer);
  });
}

function showStatus(text, isError = false) {
  $("status").textContent = text;
  $("status").classList.toggle("error", isError);
}

function documentText(doc) {
  return doc.pages.map((page) => page.lines.map((line) => line.text).join("\n")).join("\n\n");
}

async function handleFile(file) {
  showStatus("Reading…");
  $("summary").hidden = true;
  $("output").hidden = true;
  const bytes = await file.arrayBuffer();
  // The name only tells Markdown from plain text; it stays on this device.
  const reply = await ask({ kind: "extract", bytes, hint: file.name }, [bytes]);
  if (!reply.ok) {
    showStatus(`Could not read this file (${reply.code}): ${reply.message}`, true);
    return;
  }
  const doc = reply.document;
  $("format").textContent = doc.format;
  $("pages").textContent = String(doc.pages.length);
  $("lines").textContent = String(doc.pages.reduce((n, page) => n + page.lines.length, 0));
  $("millis").textContent = `${Math.round(reply.millis)} ms`;
  $("output").textContent = documentText(doc);
  $("summary").hidden = false;
  $("output").hidden = false;
  showStatus("Done.");
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
}

startWorker();
wireInputs();
ask({ kind: "version" }).then((reply) => {
  if (reply.ok) $("version").textContent = `cvshield ${reply.version}`;
});
