// Shared paths and fixture bytes for the Node tests (not a test file itself).
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export const fixture = (name) => new Uint8Array(readFileSync(path.join(ROOT, "tests/fixtures/wasm", name)));

/** The crate version from Cargo.toml, the one every surface must report. */
export const crateVersion = () =>
  readFileSync(path.join(ROOT, "Cargo.toml"), "utf8").match(/^version\s*=\s*"([^"]+)"/m)[1];

/** All line texts of a Document, in reading order. */
export const lineTexts = (doc) => doc.pages.flatMap((page) => page.lines.map((line) => line.text));

/** The start of a PNG: an image, which has no text layer (OCR reads it). */
export const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
/** The start of a legacy Word file (an OLE compound document): a format cvshield does not read. */
export const LEGACY_DOC_BYTES = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);

/**
 * A committed model version's shipped int8 graph (the NNEF archive the wasm build loads) and
 * parsed spec (onnx/models/<name>/<version>).
 */
export function modelFiles(name, version) {
  const dir = path.join(ROOT, "onnx/models", name, version);
  return {
    onnx: new Uint8Array(readFileSync(path.join(dir, "model.int8.nnef.tar"))),
    spec: JSON.parse(readFileSync(path.join(dir, "spec.json"), "utf8")),
  };
}

/** The registry's active version of a model (what the build embeds). */
export const activeVersion = (name) =>
  JSON.parse(readFileSync(path.join(ROOT, "onnx/registry.json"), "utf8")).active[name];

/** A plain-text CV with content for the parser model to tag. */
export const MODEL_CV = new TextEncoder().encode(
  "Jane Example\nSoftware Engineer\njane.example@example.org\n\nExperience\nSenior Developer, Acme Corp, Berlin\n" +
    "Jan 2019 – Mar 2023\n\nEducation\nMSc Computer Science, Technical University of Munich\n2014 – 2016\n\n" +
    "Skills\nRust, Python, Kubernetes\n",
);
