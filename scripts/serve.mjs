#!/usr/bin/env node
// A tiny static server for the page: www/ at /, the wasm package at /pkg/,
// pdf.js (the pdfjs-dist package the page depends on) at /vendor/pdfjs/ — a
// static host gets a copy of node_modules/pdfjs-dist at www/vendor/pdfjs/ —, and
// the OCR engine and its trained data at /ocr/vendor/ (scripts/ocr-assets.mjs).
//
// Only for local use (binds 127.0.0.1). It serves the right MIME type for
// .wasm (streaming compilation needs application/wasm) and applies the
// headers in www/_headers, the same file static hosts read, so the CSP tried
// here is the one deployed.
//
//   node scripts/serve.mjs [--port 8080]
import { createReadStream, readFileSync } from "node:fs";
import { stat } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { OCR_VENDOR_PREFIX, ocrAssets } from "./ocr-assets.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const MIME_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
};

/** Parse a `_headers` file: a path pattern line, then indented `Name: value` lines. */
export function parseHeadersFile(text) {
  const rules = [];
  for (const raw of text.split("\n")) {
    const line = raw.trimEnd();
    if (!line.trim() || line.trim().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), headers: {} });
    } else if (rules.length > 0) {
      const colon = line.indexOf(":");
      if (colon > 0) rules.at(-1).headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
    }
  }
  return rules;
}

function headersFor(rules, urlPath) {
  const headers = {};
  for (const { pattern, headers: ruleHeaders } of rules) {
    const matches = pattern.endsWith("*") ? urlPath.startsWith(pattern.slice(0, -1)) : urlPath === pattern;
    if (matches) Object.assign(headers, ruleHeaders);
  }
  return headers;
}

/** Map a URL path to a file under www/, pkg/ or pdf.js, or an OCR asset, or null if it escapes them. */
function resolveFile(urlPath, { wwwDir, pkgDir, pdfjsDir, ocrFiles }) {
  // Only the listed files: node_modules holds far more than the page may serve.
  if (urlPath.startsWith(OCR_VENDOR_PREFIX)) return ocrFiles.get(urlPath) ?? null;
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  const [base, rest] = decoded.startsWith("/pkg/")
    ? [pkgDir, decoded.slice(5)]
    : decoded.startsWith("/vendor/pdfjs/")
      ? [pdfjsDir, decoded.slice(14)]
      : [wwwDir, decoded.slice(1)];
  const file = path.resolve(base, rest || "index.html");
  return file === base || file.startsWith(base + path.sep) ? file : null;
}

export function createServer({
  wwwDir = path.join(ROOT, "www"),
  pkgDir = path.join(ROOT, "pkg"),
  pdfjsDir = path.join(ROOT, "node_modules/pdfjs-dist"),
} = {}) {
  const rules = parseHeadersFile(readFileSync(path.join(wwwDir, "_headers"), "utf8"));
  const ocrFiles = ocrAssets();
  return http.createServer(async (req, res) => {
    const urlPath = new URL(req.url ?? "/", "http://localhost").pathname;
    const common = { ...headersFor(rules, urlPath), "cache-control": "no-cache" };
    const send = (status, text) => {
      res.writeHead(status, { ...common, "content-type": "text/plain; charset=utf-8" });
      res.end(req.method === "HEAD" ? undefined : text);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, "method not allowed\n");
    let file = resolveFile(urlPath, { wwwDir, pkgDir, pdfjsDir, ocrFiles });
    if (!file) return send(404, "not found\n");
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        file = path.join(file, "index.html");
        info = await stat(file);
      }
      const type = MIME_TYPES[path.extname(file)] ?? "application/octet-stream";
      res.writeHead(200, { ...common, "content-type": type, "content-length": info.size });
      if (req.method === "HEAD") return res.end();
      createReadStream(file).on("error", () => res.destroy()).pipe(res);
    } catch {
      send(404, "not found\n");
    }
  });
}

function portFromArgs(argv) {
  const at = argv.indexOf("--port");
  const port = Number(at >= 0 ? argv[at + 1] : (process.env.PORT ?? 8080));
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`bad port: ${argv[at + 1]}`);
  return port;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const server = createServer();
  server.listen(portFromArgs(process.argv.slice(2)), "127.0.0.1", () => {
    const { port } = server.address();
    console.log(`serve: page at http://127.0.0.1:${port}/`);
  });
}
