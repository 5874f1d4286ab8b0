// HTTP plumbing shared by the routes: JSON responses, the error contract
// ({code, message} with one status per code) and reading a request's file
// (raw body or multipart/form-data) under a size cap.

/** Status for each error code; anything not listed is a bug (500). */
export const STATUS_BY_CODE = {
  bad_request: 400,
  unknown_parameter: 400,
  invalid_level: 400,
  unknown_model_version: 400,
  invalid_multipart: 400,
  missing_file: 400,
  invalid_key: 400,
  not_found: 404,
  method_not_allowed: 405,
  too_large: 413,
  unsupported_format: 415,
  malformed: 422,
  encrypted: 422,
  no_text_layer: 422,
  limit_exceeded: 422,
  unsupported_redaction: 422,
  invalid_model: 500,
  internal: 500,
};

const SECURITY_HEADERS = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

/** A failure the router turns into a JSON error response. */
export class HttpError extends Error {
  constructor(code, message, headers = {}) {
    super(message);
    this.code = code;
    this.status = STATUS_BY_CODE[code] ?? 500;
    this.headers = headers;
  }
}

export function jsonBody(body, status = 200, headers = {}) {
  return new Response(body, {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...SECURITY_HEADERS, ...headers },
  });
}

export const json = (value, status = 200, headers = {}) => jsonBody(JSON.stringify(value), status, headers);

export function failure(error) {
  return json({ code: error.code, message: error.message }, error.status, error.headers);
}

export function page(body, type, headers = {}) {
  return new Response(body, {
    headers: { "content-type": type, ...SECURITY_HEADERS, ...headers },
  });
}

const tooLarge = (limit) => new HttpError("too_large", `the document is over the limit of ${limit} bytes`);

/** The body as bytes, refused as soon as it passes `limit` bytes. */
async function readCapped(request, limit) {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge(limit);
  if (!request.body) return new Uint8Array(0);
  const chunks = [];
  let size = 0;
  for await (const chunk of request.body) {
    size += chunk.byteLength;
    if (size > limit) throw tooLarge(limit);
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

/** Room for the multipart boundaries and part headers around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * The document a request carries: the raw body, or the `file` field of a
 * multipart/form-data body. The hint (it only tells Markdown from plain text)
 * is the part's file name or the Content-Type; it is never logged.
 */
export async function readDocument(request, limit) {
  const type = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\b/i.test(type)) {
    const bytes = await readCapped(request, limit);
    const hint = type && !type.startsWith("application/octet-stream") ? type : undefined;
    return { bytes, hint };
  }
  const raw = await readCapped(request, limit + MULTIPART_OVERHEAD);
  let form;
  try {
    form = await new Response(raw, { headers: { "content-type": type } }).formData();
  } catch {
    throw new HttpError("invalid_multipart", "the multipart/form-data body could not be read");
  }
  const file = form.get("file");
  if (file === null) throw new HttpError("missing_file", 'the multipart/form-data body has no "file" field');
  if (typeof file === "string") return { bytes: new TextEncoder().encode(file), hint: undefined };
  if (file.size > limit) throw tooLarge(limit);
  const hint = file.name || (file.type && !file.type.startsWith("application/octet-stream") ? file.type : undefined);
  return { bytes: new Uint8Array(await file.arrayBuffer()), hint };
}
