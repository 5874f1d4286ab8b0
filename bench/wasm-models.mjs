// Time to load the embedded taggers in the wasm module under Node (parse the NNEF archives,
// optimise, one probe run each): the cold-start cost a worker pays on its first model use.
//
//   node bench/wasm-models.mjs        # after scripts/build-wasm.sh
import { performance } from "node:perf_hooks";

const t0 = performance.now();
const cvshield = await import("../pkg/node.js");
const t1 = performance.now();
const models = cvshield.models();
const t2 = performance.now();
cvshield.models();
const t3 = performance.now();
console.log(`instantiate module: ${(t1 - t0).toFixed(0)} ms`);
console.log(`load both taggers (first models()): ${(t2 - t1).toFixed(0)} ms`);
console.log(`cached models(): ${(t3 - t2).toFixed(2)} ms`);
console.log(models.map((m) => `${m.name} ${m.version}`).join(", "));
