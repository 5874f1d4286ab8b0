// Model versions beyond the embedded ones: loaded on demand from the
// optional MODELS KV namespace, then selectable per request with
// ?parserModel= / ?anonymizerModel=.
//
// Layout in the namespace: "<kind>/<version>/model.int8.nnef.tar" (the NNEF
// archive, the format the wasm build runs) and
// "<kind>/<version>/spec.json" (text), as in the repository's onnx/models/.
// loadModelSync verifies a version (sha256 against its spec, featurizer
// compatibility, labels, a trial run) before anything can use it; a version
// that fails is a 500 invalid_model (the operator's store is broken) and is
// not kept. Without the binding only the embedded versions exist.
import { loadModelSync, models } from "../../../pkg/worker.js";
import { HttpError } from "./http.js";

/** The query parameter that selects each model kind's version. */
export const MODEL_PARAMS = { parserModel: "parser", anonymizerModel: "anonymizer" };

const SEMVER = /^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})$/;

/** Whether the module already holds `kind@version`. */
export function hasModel(kind, version) {
  return models().some((model) => model.kind === kind && model.version === version);
}

/**
 * Load every version the request selects that the module does not hold yet,
 * if the MODELS namespace has it. Unknown versions are left for the
 * operation's own check (400 unknown_model_version).
 */
export async function ensureModels(query, env) {
  const store = env?.MODELS;
  if (!store) return;
  for (const [param, kind] of Object.entries(MODEL_PARAMS)) {
    const version = query.get(param);
    if (version === null || !SEMVER.test(version) || hasModel(kind, version)) continue;
    const [onnx, spec] = await Promise.all([
      store.get(`${kind}/${version}/model.int8.nnef.tar`, "arrayBuffer"),
      store.get(`${kind}/${version}/spec.json`, "text"),
    ]);
    if (onnx === null || spec === null) continue;
    try {
      loadModelSync(new Uint8Array(onnx), spec);
    } catch (error) {
      if (typeof error?.code === "string") throw new HttpError(error.code, `${kind} model ${version}: ${error.message}`);
      throw error;
    }
  }
}
