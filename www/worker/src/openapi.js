// The OpenAPI 3.1 description served at GET /openapi.json (and rendered by
// GET /docs). Schemas mirror the TypeScript types in pkg/cvshield.d.ts; the
// worker tests check the answers of every endpoint against it.
import { version } from "../../../pkg/worker.js";
import profileSchema from "../../../schema/profile.schema.json";
import { STATUS_BY_CODE } from "./http.js";
import { LEVELS } from "./operations.js";

const ref = (name) => ({ $ref: `#/components/schemas/${name}` });
const object = (properties, required = Object.keys(properties), extra = {}) => ({
  type: "object",
  properties,
  required,
  additionalProperties: false,
  ...extra,
});
const string = (description, extra = {}) => ({ type: "string", description, ...extra });
const integer = (description, extra = {}) => ({ type: "integer", description, ...extra });
const number = (description) => ({ type: "number", description });
const boolean = (description) => ({ type: "boolean", description });

const BBOX = object({ x0: number("left"), y0: number("top"), x1: number("right"), y1: number("bottom") });

const LIMIT_NAMES = [
  "maxInputBytes",
  "maxPages",
  "maxDecompressedBytes",
  "maxCompressionRatio",
  "maxXmlDepth",
  "maxNesting",
  "maxWork",
  "maxMillis",
  "maxOutputChars",
];

const SCHEMAS = {
  Error: object(
    {
      code: string("Stable reason for the failure.", { enum: Object.keys(STATUS_BY_CODE) }),
      message: string("What went wrong and what to do; never document content."),
    },
    ["code", "message"],
    { description: "Every failure. The HTTP status follows the code." },
  ),
  BBox: { ...BBOX, description: "A box in points, origin top-left, y downwards." },
  Line: object(
    {
      text: string("The line's text."),
      bbox: ref("BBox"),
      fontSize: number("Dominant font size in points; 0 when the format does not say."),
      bold: boolean("Mostly bold."),
      italic: boolean("Mostly italic."),
      region: string("Absent means body.", { enum: ["body", "header", "footer", "table", "text_box", "footnote"] }),
      heading: integer("Heading level when the source marks one.", { minimum: 1, maximum: 6 }),
      listItem: boolean("A list item; absent means false."),
      column: integer("Layout column, 0 = leftmost; absent means 0.", { minimum: 0 }),
    },
    ["text", "fontSize", "bold", "italic"],
  ),
  Page: object({
    number: integer("1-based page number.", { minimum: 1 }),
    width: number("Page width in points; 0 for flow formats."),
    height: number("Page height in points; 0 for flow formats."),
    lines: { type: "array", items: ref("Line") },
  }),
  Metadata: object(
    {
      pages: integer("Number of pages read.", { minimum: 0 }),
      producer: string("PDF producer."),
      creator: string("PDF creator."),
      encoding: string("Detected encoding of plain-text inputs."),
    },
    ["pages"],
  ),
  Link: object(
    { url: string("Target."), page: integer("Page number."), bbox: ref("BBox"), text: string("Anchor text.") },
    ["url"],
  ),
  Document: object(
    {
      format: string("Detected source format.", { enum: ["pdf", "docx", "odt", "rtf", "html", "txt", "markdown"] }),
      metadata: ref("Metadata"),
      pages: { type: "array", items: ref("Page") },
      links: { type: "array", items: ref("Link") },
      warnings: { type: "array", items: { type: "string" }, description: "Non-fatal problems as stable codes." },
    },
    ["format", "metadata", "pages", "links"],
    { description: "An extracted document: pages of lines in reading order, and links." },
  ),
  Health: object({ ok: { const: true }, version: string("Library version.") }),
  ModelInfo: object({
    kind: string("Which stage the model serves.", { enum: ["parser", "anonymizer"] }),
    name: string("Model name."),
    version: string("Semantic version."),
    embedded: boolean("Compiled into this build (else loaded from the MODELS namespace)."),
    active: boolean("Runs when a request names no version."),
  }),
  Version: object({
    version: string("Library version."),
    models: { type: "array", items: ref("ModelInfo"), description: "Model versions the worker holds: embedded, and loaded ones." },
  }),
  Histogram: object({
    buckets: {
      type: "array",
      items: object({ le: { oneOf: [{ type: "number" }, { const: "+Inf" }] }, count: integer("Cumulative count.") }),
    },
    sum: number("Sum of latencies in ms."),
    count: integer("Number of requests."),
  }),
  CacheStats: object({
    entries: integer("Cached results."),
    bytes: integer("Bytes held."),
    maxEntries: integer("Entry bound."),
    maxBytes: integer("Byte bound."),
    hits: integer("Cache hits."),
    misses: integer("Cache misses."),
    evictions: integer("Entries evicted."),
  }),
  Metrics: object({
    since: string("When this isolate started counting.", { format: "date-time" }),
    requests: {
      type: "array",
      items: object({ route: string('"METHOD /path" or "other".'), status: integer("HTTP status."), count: integer("Requests.") }),
    },
    latencyMs: { type: "object", additionalProperties: ref("Histogram"), description: "Per route." },
    errors: { type: "object", additionalProperties: { type: "integer" }, description: "Error responses by code." },
    cache: { oneOf: [ref("CacheStats"), { type: "null" }] },
    wasmMemoryBytes: integer("The wasm module's linear memory in bytes; it only grows, so a steady rise means a leak."),
  }),
};

/**
 * The profile's JSON Schema (schema/profile.schema.json, generated from the
 * Rust types) as components: "Profile" and "Profile.<Part>", its $refs
 * pointed at them.
 */
function profileComponents(schema) {
  const rename = (node) =>
    JSON.parse(JSON.stringify(node).replaceAll('"#/$defs/', '"#/components/schemas/Profile.'));
  const { $schema: _dialect, $defs: defs = {}, ...root } = schema;
  const parts = Object.entries(defs).map(([name, def]) => [`Profile.${name}`, rename(def)]);
  return { Profile: rename(root), ...Object.fromEntries(parts) };
}
Object.assign(SCHEMAS, profileComponents(profileSchema));

const ENTITY_TYPES = [
  "PERSON", "EMAIL", "PHONE", "URL", "HANDLE", "ADDRESS", "POSTCODE", "DATE_OF_BIRTH", "ID_NUMBER", "IBAN",
  "PAYMENT_CARD", "PHOTO", "LOCATION", "ORG", "SCHOOL", "AGE", "GENDER", "NATIONALITY", "PLACE_OF_BIRTH",
  "MARITAL_STATUS", "RELIGION", "HEALTH", "TITLE", "DEGREE", "DATE", "SKILL", "AWARD", "PUBLICATION",
  "REFERENCES_SECTION",
];

Object.assign(SCHEMAS, {
  Redaction: object(
    {
      type: string("What was removed.", { enum: ENTITY_TYPES }),
      start: integer("UTF-8 byte offset in the document's flat text (lines joined by \\n, pages by \\f).", { minimum: 0 }),
      end: integer("End of that span.", { minimum: 0 }),
      outputStart: integer("UTF-8 byte offset of the replacement in the anonymised text.", { minimum: 0 }),
      outputEnd: integer("End of the replacement.", { minimum: 0 }),
      replacement: string("What replaced it."),
      detector: string("Which detector found it."),
      confidence: number("0 to 1."),
      original: string("The original value sealed with the caller's key (reversible mode only)."),
    },
    ["type", "start", "end", "outputStart", "outputEnd", "replacement", "detector", "confidence"],
  ),
  Anonymized: object(
    {
      profile: ref("Profile"),
      text: string("The anonymised text; lines and pages kept."),
      redactions: { type: "array", items: ref("Redaction") },
      counts: { type: "object", additionalProperties: { type: "integer" }, description: "Redactions per type." },
      meta: object({
        level: string("The level applied.", { enum: LEVELS }),
        models: { type: "array", items: object({ name: string("Model name."), version: string("Model version.") }) },
        reversible: boolean("Whether originals were sealed with a key."),
        candidateNameKnown: boolean("Whether the candidate's name was known, so its variants were looked for."),
      }),
    },
    ["redactions", "counts", "meta"],
  ),
});

const LIMITS_SCHEMA = object(
  Object.fromEntries(LIMIT_NAMES.map((name) => [name, { type: name === "maxMillis" ? ["integer", "null"] : "integer" }])),
);
SCHEMAS.Limits = LIMITS_SCHEMA;

const errorResponse = (description) => ({
  description,
  content: { "application/json": { schema: ref("Error") } },
});

const ERROR_RESPONSES = {
  400: errorResponse("Bad request: unknown_parameter, invalid_level, unknown_model_version, invalid_multipart or missing_file."),
  405: errorResponse("Method not allowed (method_not_allowed); the Allow header names the right one."),
  413: errorResponse("The document is over the size limit (too_large)."),
  415: errorResponse("Not a format cvshield reads (unsupported_format)."),
  422: errorResponse(
    "A document cvshield recognises but cannot read (malformed, encrypted, no_text_layer or limit_exceeded), or, for /redact, cannot rewrite safely (unsupported_redaction). " +
      "no_text_layer: a scan or a photo (image-only PDF, DOCX/ODT holding a page image, PNG, JPEG, WebP, TIFF). This API does not run OCR (it does not fit the Workers limits); " +
      "cvshield's web page reads scans by OCR on the user's own device (and redacts them there, the removed words painted out of the page image), and so do the CLI (--ocr) and the npm package in the browser (recognize()).",
  ),
  500: errorResponse("A bug in the worker (internal)."),
};

const DOCUMENT_BODY = {
  required: true,
  description:
    "The CV as the raw body (any Content-Type; text/markdown marks Markdown) or as the `file` field of multipart/form-data.",
  content: {
    "application/octet-stream": { schema: { type: "string", contentMediaType: "application/octet-stream" } },
    "multipart/form-data": {
      schema: object({ file: { type: "string", contentMediaType: "application/octet-stream" } }),
    },
  },
};

const CACHE_HEADER = {
  "x-cvshield-cache": {
    description: "hit, miss, or off when the cache was not used.",
    schema: { type: "string", enum: ["hit", "miss", "off"] },
  },
};

const queryParam = (name, description, schema = { type: "string" }) => ({ name, in: "query", required: false, description, schema });

const HINT = queryParam("hint", "A file name or MIME type; only tells Markdown from plain text.");
const NO_CACHE = {
  name: "x-cvshield-cache",
  in: "header",
  required: false,
  description: "`off` skips the result cache for this request (so does Cache-Control: no-store).",
  schema: { type: "string", enum: ["off"] },
};

/** A POST operation that reads a document and answers `schema`. */
function documentOperation(summary, parameters, schema) {
  return {
    post: {
      summary,
      parameters: [...parameters, NO_CACHE],
      requestBody: DOCUMENT_BODY,
      responses: {
        200: { description: "The result.", headers: CACHE_HEADER, content: { "application/json": { schema } } },
        ...ERROR_RESPONSES,
      },
    },
  };
}

const getOperation = (summary, content, extra = {}) => ({
  get: {
    summary,
    ...extra,
    responses: { 200: { description: "OK.", content }, 405: ERROR_RESPONSES[405] },
  },
});
const jsonContent = (schema) => ({ "application/json": { schema } });

const PARSER_MODEL = queryParam(
  "parserModel",
  "A parser model version from GET /version, or one stored in the worker's MODELS KV namespace (loaded and verified on first use; a corrupt or incompatible one is 500 invalid_model); absent = the active one. Unknown versions are 400 unknown_model_version.",
);
const ANONYMIZER_MODEL = queryParam(
  "anonymizerModel",
  "An anonymizer model version from GET /version, or one stored in the worker's MODELS KV namespace (loaded and verified on first use; a corrupt or incompatible one is 500 invalid_model); absent = the active one. Unknown versions are 400 unknown_model_version.",
);
const LEVEL = queryParam("level", "How much to remove (default basic); others are 400 invalid_level.", {
  type: "string",
  enum: LEVELS,
  default: "basic",
});

const DOCUMENT_PATHS = {
  "/extract": documentOperation("Read a CV into pages of lines (the layout Document).", [HINT], ref("Document")),
  "/parse": documentOperation("Parse a CV into a JSON Resume profile.", [HINT, PARSER_MODEL], ref("Profile")),
  "/anonymize": documentOperation(
    "Anonymise a CV: anonymised text and profile, the redactions and counts per type.",
    [LEVEL, HINT, PARSER_MODEL, ANONYMIZER_MODEL],
    ref("Anonymized"),
  ),
  "/redact": {
    post: {
      summary:
        "Anonymise a CV in its own format: the replacements of /anonymize at the same level, in a DOCX, ODT, RTF, HTML, text or Markdown file like the input, with properties, comments, tracked changes, link targets and alt text scrubbed and (from moderate on) a portrait photo replaced. Never cached.",
      parameters: [LEVEL, HINT, PARSER_MODEL, ANONYMIZER_MODEL],
      requestBody: DOCUMENT_BODY,
      responses: {
        200: {
          description: "The redacted document; its Content-Type is the input's format.",
          headers: {
            "x-cvshield-redactions": { description: "How many replacements were made.", schema: { type: "integer" } },
            "x-cvshield-photos-removed": { description: "Portrait photos replaced by a neutral image.", schema: { type: "integer" } },
          },
          content: Object.fromEntries(
            [
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              "application/vnd.oasis.opendocument.text",
              "application/rtf",
              "text/html; charset=utf-8",
              "text/plain; charset=utf-8",
              "text/markdown; charset=utf-8",
            ].map((type) => [type, { schema: { type: "string", contentMediaType: type.split(";")[0] } }]),
          ),
        },
        ...ERROR_RESPONSES,
      },
    },
  },
};

export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "cvshield",
      version: version(),
      summary: "Read, parse and anonymise CVs without storing them.",
      description:
        "Documents are processed in memory and never stored or logged. Results may be cached in the isolate's memory by content hash (switch off per request with `x-cvshield-cache: off`). " +
        "Scans and photos are not read here (no OCR: 422 no_text_layer); cvshield's web page reads them by OCR on the user's own device.",
      license: { name: "MIT OR Apache-2.0", identifier: "MIT OR Apache-2.0" },
    },
    paths: {
      ...DOCUMENT_PATHS,
      "/health": getOperation("Liveness and version.", jsonContent(ref("Health"))),
      "/version": getOperation("Library and embedded model versions.", jsonContent(ref("Version"))),
      "/metrics": getOperation(
        "Request counts by route and status, latency histograms, error counts by code, cache figures. No content.",
        { ...jsonContent(ref("Metrics")), "text/plain": { schema: { type: "string" } } },
        { parameters: [queryParam("format", "`prometheus` for the Prometheus text format.", { type: "string", enum: ["prometheus"] })] },
      ),
      "/openapi.json": getOperation("This description.", jsonContent({ type: "object" })),
      "/docs": getOperation("A readable page of this description.", { "text/html": { schema: { type: "string" } } }),
    },
    components: { schemas: SCHEMAS },
  };
}
