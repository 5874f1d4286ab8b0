// cvshield as an HTTP service on an edge worker.
//
//   POST /extract   raw file bytes as the body → 200 Document JSON
//   GET  /health    → 200 { ok, version }
//
// Failures are JSON { code, message } with a status per code: 413 too_large,
// 415 unsupported_format, 422 for documents we recognise but cannot read.
// The body is read with a size cap before extraction, nothing is stored and
// nothing about a document is logged.
import { defaultLimits, extract, version } from "../../../pkg/worker.js";

const MAX_BODY_BYTES = defaultLimits().maxInputBytes;

const STATUS_BY_CODE = {
  unsupported_format: 415,
  too_large: 413,
  malformed: 422,
  encrypted: 422,
  no_text_layer: 422,
  limit_exceeded: 422,
  invalid_model: 500,
};

const SECURITY_HEADERS = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

function json(body, status = 200, headers = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...SECURITY_HEADERS, ...headers },
  });
}

function failure(code, message, status = STATUS_BY_CODE[code] ?? 500, headers = {}) {
  return json({ code, message }, status, headers);
}

function tooLarge() {
  return failure("too_large", `the request body is over the limit of ${MAX_BODY_BYTES} bytes`);
}

/** Read the body, refusing it as soon as it passes `limit` bytes. */
async function readCapped(request, limit) {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) return null;
  if (!request.body) return new Uint8Array(0);
  const chunks = [];
  let size = 0;
  for await (const chunk of request.body) {
    size += chunk.byteLength;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** A Content-Type only helps tell Markdown from text; generic ones say nothing. */
function hintFrom(request) {
  const type = request.headers.get("content-type") ?? "";
  return type && !type.startsWith("application/octet-stream") ? type : undefined;
}

async function handleExtract(request) {
  const bytes = await readCapped(request, MAX_BODY_BYTES);
  if (bytes === null) return tooLarge();
  try {
    return json(extract(bytes, { hint: hintFrom(request) }));
  } catch (error) {
    if (typeof error?.code === "string") return failure(error.code, error.message);
    return failure("internal", "extraction failed unexpectedly", 500);
  }
}

export default {
  async fetch(request) {
    const { pathname } = new URL(request.url);
    if (pathname === "/extract") {
      if (request.method !== "POST") {
        return failure("method_not_allowed", "use POST with the file as the body", 405, { allow: "POST" });
      }
      return handleExtract(request);
    }
    if (pathname === "/health") {
      return json({ ok: true, version: version() });
    }
    return failure("not_found", "no such endpoint; use POST /extract or GET /health", 404);
  },
};
