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

export const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
