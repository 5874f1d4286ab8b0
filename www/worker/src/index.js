// cvshield as an HTTP service on an edge worker.
//
//   POST /extract, /parse, /anonymize?level=   the document as the raw body or
//                                              the "file" field of multipart/form-data
//   POST /redact?level=                        the same; answers with the redacted
//                                              document in its own format
//   GET  /health, /version, /metrics, /openapi.json, /docs
//   ?parserModel= / ?anonymizerModel= pick a model version per request: an
//   embedded one, or one loaded (verified) from the MODELS KV namespace.
//
// Failures are JSON {code, message}; the status follows the code (400 bad
// request, 413 too large, 415 unsupported format, 422 unreadable document).
// Results are cached by content hash inside the isolate (see cache.js).
// Nothing about a document is logged or counted: metrics hold routes,
// statuses, latencies and error codes only.
import { defaultLimits, memoryBytes, version, models } from "../../../pkg/worker.js";
import { ResultCache, cacheAllowed, cacheBounds, cacheKey } from "./cache.js";
import { DOCS_CSS, DOCS_CSP, docsPage } from "./docs.js";
import { HttpError, failure, json, jsonBody, page, readDocument } from "./http.js";
import { Metrics } from "./metrics.js";
import { openApiDocument } from "./openapi.js";
import { ensureModels } from "./models.js";
import { OPERATIONS, prepare } from "./operations.js";

const MAX_INPUT_BYTES = defaultLimits().maxInputBytes;

const INFO_ROUTES = {
  "/health": () => json({ ok: true, version: version() }),
  "/version": () => json({ version: version(), models: models() }),
  "/metrics": (request) => metricsResponse(request),
  "/openapi.json": () => json(openApiDocument()),
  "/docs": () => page(docsPage(), "text/html; charset=utf-8", { "content-security-policy": DOCS_CSP }),
  "/docs.css": () => page(DOCS_CSS, "text/css; charset=utf-8"),
};

const metrics = new Metrics([
  ...Object.keys(OPERATIONS).map((path) => `POST ${path}`),
  ...Object.keys(INFO_ROUTES).map((path) => `GET ${path}`),
]);
let cache = null; // created on the first request, when env is known

function metricsResponse(request) {
  const wantsText = new URL(request.url).searchParams.get("format") === "prometheus";
  const cacheStats = cache?.stats();
  if (wantsText) {
    return page(metrics.toPrometheus(cacheStats, memoryBytes()), "text/plain; version=0.0.4; charset=utf-8");
  }
  return json(metrics.toJSON({ cache: cacheStats ?? null, wasmMemoryBytes: memoryBytes() }));
}

const methodNotAllowed = (allowed) =>
  new HttpError("method_not_allowed", `use ${allowed} on this endpoint`, { allow: allowed });

async function runOperation(request, env, url) {
  if (request.method !== "POST") throw methodNotAllowed("POST");
  await ensureModels(url.searchParams, env);
  const { run, options, document } = prepare(url.pathname, url.searchParams);
  const { bytes, hint } = await readDocument(request, MAX_INPUT_BYTES);
  if (options.hint === undefined && hint !== undefined) options.hint = hint;
  if (document) return documentResponse(call(run, bytes, options));

  const useCache = cacheAllowed(env, request);
  const key = useCache ? await cacheKey(url.pathname, options, bytes) : null;
  const cached = key && cache.get(key);
  if (cached) return jsonBody(cached, 200, { "x-cvshield-cache": "hit" });

  const result = call(run, bytes, options);
  const body = new TextEncoder().encode(JSON.stringify(result));
  if (key) cache.set(key, body);
  return jsonBody(body, 200, { "x-cvshield-cache": useCache ? "miss" : "off" });
}

/**
 * Why a scan gets no answer here: OCR does not fit the Workers limits (CPU time, memory, and the
 * engine with its language data is ten times the module's size), so the worker never OCRs.
 */
const NO_TEXT_LAYER_MESSAGE =
  "the document has no text layer (a scan or a photo): this API does not run OCR; cvshield's web page reads scans on your own device, and the CLI with --ocr";

function call(run, bytes, options) {
  try {
    return run(bytes, options);
  } catch (error) {
    // CvshieldErrors carry a stable code and a content-free message; the library's message for a
    // scan points at OCR options this API does not have.
    if (error?.code === "no_text_layer") throw new HttpError(error.code, NO_TEXT_LAYER_MESSAGE);
    if (typeof error?.code === "string") throw new HttpError(error.code, error.message);
    throw error;
  }
}

/**
 * A redacted document as the answer: its bytes and content type, what was done in headers
 * (counts only, never content). Not cached: the answer is the document itself.
 */
function documentResponse(result) {
  return page(result.bytes, result.mimeType, {
    "x-cvshield-cache": "off",
    "x-cvshield-redactions": String(result.redactions.length),
    "x-cvshield-photos-removed": String(result.meta.photosRemoved),
    "content-disposition": `attachment; filename="redacted.${extension(result.format)}"`,
  });
}

const extension = (format) => (format === "markdown" ? "md" : format);

async function route(request, env, url) {
  if (url.pathname in OPERATIONS) return runOperation(request, env, url);
  const info = INFO_ROUTES[url.pathname];
  if (!info) throw new HttpError("not_found", "no such endpoint; GET /docs lists them");
  if (request.method !== "GET" && request.method !== "HEAD") throw methodNotAllowed("GET, HEAD");
  return info(request);
}

export default {
  async fetch(request, env) {
    const started = Date.now();
    cache ??= new ResultCache(cacheBounds(env));
    const url = new URL(request.url);
    let response;
    let errorCode;
    try {
      response = await route(request, env, url);
    } catch (error) {
      if (!(error instanceof HttpError)) {
        // A bug, not a document problem. Log the error's class only: its
        // message could quote input.
        console.error(`cvshield worker: internal error (${error?.name ?? "unknown"})`);
        error = new HttpError("internal", "the worker failed unexpectedly");
      }
      errorCode = error.code;
      response = failure(error);
    }
    metrics.record(metrics.label(request.method, url.pathname), response.status, Date.now() - started, errorCode);
    return response;
  },
};
