// The document operations the worker serves (POST /extract, /parse,
// /anonymize?level=, /redact?level=): which query parameters each takes, how
// they become the options of the package function, and the call itself.
// /redact answers with the document itself (`document: true`), not JSON.
//
// Query parameters are checked strictly: an unknown one, a bad level or a
// model version this build does not embed is a 400 with its own code, so a
// typo never silently falls back to a default.
import { anonymizeSync, extractSync, models, parseSync, redactSync } from "../../../pkg/worker.js";
import { HttpError } from "./http.js";

/** The versions of a model kind ("parser", "anonymizer") the module holds: embedded or loaded (models.js). */
function embeddedVersions(kind) {
  return models()
    .filter((model) => model.kind === kind)
    .map((model) => model.version);
}

/**
 * The model version a request selects with `?<param>=`, checked against the
 * versions the module holds (embedded, or loaded from the MODELS namespace by
 * ensureModels before this runs); absent means the active one.
 */
export function selectedModel(query, param, kind) {
  const wanted = query.get(param);
  if (wanted === null) return undefined;
  const available = embeddedVersions(kind);
  if (!available.includes(wanted)) {
    const offer = available.length > 0 ? `available: ${available.join(", ")}` : `this build embeds no ${kind} model`;
    throw new HttpError("unknown_model_version", `${param} names a ${kind} model version this worker does not have (${offer})`);
  }
  return wanted;
}

function checkParams(query, allowed) {
  for (const name of query.keys()) {
    if (!allowed.includes(name)) {
      const accepted = allowed.length > 0 ? allowed.join(", ") : "none";
      throw new HttpError("unknown_parameter", `unknown query parameter "${name}" (accepted: ${accepted})`);
    }
  }
}

export const LEVELS = ["basic", "moderate", "thorough"];

function level(query) {
  const wanted = query.get("level") ?? "basic";
  if (!LEVELS.includes(wanted)) {
    throw new HttpError("invalid_level", `level must be one of ${LEVELS.join(", ")}`);
  }
  return wanted;
}

/** The query parameters of an anonymisation plan (/anonymize, /redact) and the options they give. */
const PLAN_PARAMS = ["hint", "level", "parserModel", "anonymizerModel"];
const planOptions = (query) => ({
  hint: query.get("hint") ?? undefined,
  level: level(query),
  parserModel: selectedModel(query, "parserModel", "parser"),
  anonymizerModel: selectedModel(query, "anonymizerModel", "anonymizer"),
});

/**
 * Each operation: the query parameters it accepts, the options it derives
 * from them (these also key the cache) and the call.
 */
export const OPERATIONS = {
  "/extract": {
    params: ["hint"],
    options: (query) => ({ hint: query.get("hint") ?? undefined }),
    run: (bytes, options) => extractSync(bytes, options),
  },
  "/parse": {
    params: ["hint", "parserModel"],
    options: (query) => ({
      hint: query.get("hint") ?? undefined,
      parserModel: selectedModel(query, "parserModel", "parser"),
    }),
    run: (bytes, { hint, parserModel }) => parseSync(bytes, { hint, parserModel }),
  },
  "/anonymize": {
    params: PLAN_PARAMS,
    options: planOptions,
    run: (bytes, options) => anonymizeSync(bytes, options),
  },
  // The same plan as /anonymize, answered as the document in its own format.
  "/redact": {
    params: PLAN_PARAMS,
    options: planOptions,
    run: (bytes, options) => redactSync(bytes, options),
    document: true,
  },
};

/**
 * The operation for a path with its options read from the query (checked
 * before the body is read); null if there is no such operation.
 */
export function prepare(pathname, query) {
  const operation = OPERATIONS[pathname];
  if (!operation) return null;
  checkParams(query, operation.params);
  return { run: operation.run, options: operation.options(query), document: operation.document === true };
}
