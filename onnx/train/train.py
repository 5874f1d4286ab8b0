"""Train one cvshield tagger, export it to ONNX (float + int8), evaluate, write spec/metrics/card.

    python train.py parser --data ../../../data-full/datasets/v2 --out ../models
    python train.py anonymizer --data … --out …
    python train.py parser --smoke          # random tiny data: checks train → export → quantize only

The one documented entry point is `bash onnx/train/run.sh [parser|anonymizer|all]`.
Features come only from the dataset files (the Rust featurizer's ids); nothing here featurizes.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import data as dataset  # noqa: E402
import eval_sample  # noqa: E402
from scoring import evaluate, ort_session, sha256_file  # noqa: E402
from spans import SpanScore, decode, tag_names  # noqa: E402

DEFAULTS = {
    "parser": dict(rows=16384, dim=32, hidden=128, kernels=[5, 5, 3], epochs=20, patience=4),
    "anonymizer": dict(rows=16384, dim=32, hidden=128, kernels=[5, 5, 3], epochs=20, patience=4),
}
INTENT = {
    "parser": "Tags the career content of a CV (the candidate's NAME, job TITLE, ORG, SCHOOL, DEGREE, DATE, "
              "LOCATION, SKILL) so the parser can fill a JSON Resume profile.",
    "anonymizer": "Tags personal and quasi-identifying spans of a CV (PERSON, ADDRESS, POSTCODE, LOCATION, "
                  "PLACE_OF_BIRTH, ORG, SCHOOL, DATE_OF_BIRTH, AGE, GENDER, NATIONALITY, MARITAL_STATUS, "
                  "RELIGION, HEALTH, AWARD, PUBLICATION, PHOTO) that the rule detectors cannot find, "
                  "so the anonymiser can remove or generalise them.",
}
MAX_TRAIN_LEN = 4096
BATCH_TOKENS = 16384


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", choices=sorted(DEFAULTS))
    ap.add_argument("--data", default=dataset.DEFAULT_DATASET)
    ap.add_argument("--out", default=os.path.join(HERE, "..", "models"))
    ap.add_argument("--version", default="1.0.0")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--epochs", type=int)
    ap.add_argument("--patience", type=int)
    ap.add_argument("--rows", type=int, help="embedding table rows (ids are taken modulo this)")
    ap.add_argument("--dim", type=int)
    ap.add_argument("--hidden", type=int)
    ap.add_argument("--kernels", type=lambda v: [int(k) for k in v.split(",")], help="conv widths, e.g. 7,7,5")
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--slot-dropout", type=float, default=0.1)
    ap.add_argument("--dropout", type=float, default=0.1)
    ap.add_argument("--limit", type=int, help="read at most this many documents per split (quick runs)")
    ap.add_argument("--sample", type=int, default=120, help="test documents in the committed eval sample")
    ap.add_argument("--extracted", default=dataset.DEFAULT_EXTRACTED,
                    help="cvshield extract --json output holding the sample documents")
    ap.add_argument("--smoke", action="store_true", help="random data; checks the export path only")
    ap.add_argument("--from-float", action="store_true",
                    help="skip training: re-export, re-quantize and re-evaluate the version's model.float.onnx")
    return ap.parse_args(argv)


# ---------------------------------------------------------------------------------------------
# batching


def batches(docs, rng, shuffle=True):
    """Length-sorted buckets of padded documents: (ids [B,T,K], tags [B,T], mask [B,T])."""
    pieces = []
    for d in docs:
        for s in range(0, max(len(d.tags), 1), MAX_TRAIN_LEN):
            pieces.append((d.ids[s:s + MAX_TRAIN_LEN], d.tags[s:s + MAX_TRAIN_LEN]))
    pieces = [p for p in pieces if len(p[1])]
    order = sorted(range(len(pieces)), key=lambda i: len(pieces[i][1]))
    groups, cur = [], []
    for i in order:
        length = bucket_len(len(pieces[i][1]))
        if cur and length * (len(cur) + 1) > BATCH_TOKENS:
            groups.append(cur)
            cur = []
        cur.append(i)
    if cur:
        groups.append(cur)
    if shuffle:
        rng.shuffle(groups)
    for g in groups:
        t = bucket_len(max(len(pieces[i][1]) for i in g))
        k = pieces[g[0]][0].shape[1]
        rows = max(1, BATCH_TOKENS // t)  # fixed batch shape per length: jit compiles once per bucket
        ids = np.zeros((rows, t, k), dtype=np.int32)
        tags = np.zeros((rows, t), dtype=np.int32)
        mask = np.zeros((rows, t), dtype=np.float32)
        for row, i in enumerate(g):
            n = len(pieces[i][1])
            ids[row, :n] = pieces[i][0]
            tags[row, :n] = pieces[i][1]
            mask[row, :n] = 1
        yield ids, tags, mask


def bucket_len(n: int) -> int:
    """Pad lengths to a few sizes so jit compiles a handful of shapes."""
    b = 128
    while b < n:
        b = b * 2 if b < 1024 else b + 1024
    return b


# ---------------------------------------------------------------------------------------------
# training


def class_weights(docs, classes: int) -> np.ndarray:
    counts = np.ones(classes)
    for d in docs:
        counts += np.bincount(d.tags, minlength=classes)[:classes]
    w = (counts / counts.sum()) ** -0.5
    w = w / (w * counts).sum() * counts.sum()  # mean weight per token = 1
    return np.clip(w, 0.05, 20.0).astype(np.float32)


def train(cfg, train_docs, val_docs, labels, log):
    import jax
    import jax.numpy as jnp
    import optax

    import model as net

    classes = len(tag_names(labels))
    key = jax.random.PRNGKey(cfg["seed"])
    params = net.init_params(key, cfg["rows"], cfg["dim"], cfg["hidden"], cfg["kernels"], classes)
    weights = jnp.asarray(class_weights(train_docs, classes))
    steps_per_epoch = sum(1 for _ in batches(train_docs, random.Random(0)))
    total = steps_per_epoch * cfg["epochs"]
    # warm up for an epoch (at most 200 steps), never past half the run: a one-epoch run still decays
    warmup = min(200, steps_per_epoch, max(1, total // 2))
    schedule = optax.warmup_cosine_decay_schedule(0.0, cfg["lr"], warmup, max(total, warmup + 1), cfg["lr"] * 0.05)
    opt = optax.chain(optax.clip_by_global_norm(1.0), optax.adamw(schedule, weight_decay=1e-5))
    state = opt.init(params)
    rows = cfg["rows"]

    def loss_fn(p, ids, tags, mask, k):
        logits = net.forward(p, ids, mask, rows, k, cfg["slot_dropout"], cfg["dropout"])
        logp = jax.nn.log_softmax(logits)
        nll = -jnp.take_along_axis(logp, tags[..., None], axis=-1)[..., 0]
        w = weights[tags] * mask
        return (nll * w).sum() / jnp.maximum(w.sum(), 1.0)

    @jax.jit
    def step(p, s, ids, tags, mask, k):
        loss, grads = jax.value_and_grad(loss_fn)(p, ids, tags, mask, k)
        updates, s = opt.update(grads, s, p)
        return optax.apply_updates(p, updates), s, loss

    @jax.jit
    def predict(p, ids, mask):
        return jax.nn.softmax(net.forward(p, ids, mask, rows))

    def val_f1(p):
        score = SpanScore(labels)
        for d in val_docs:
            n, t = len(d.tags), bucket_len(len(d.tags))
            ids = np.zeros((1, t, d.ids.shape[1]), np.int32)
            ids[0, :n] = d.ids
            mask = np.zeros((1, t), np.float32)
            mask[0, :n] = 1
            probs = np.asarray(predict(p, ids, mask))[0, :n]
            score.add(decode(probs, d.offsets, labels), d.gold)
        return score.micro()["f1"]

    rng = random.Random(cfg["seed"])
    best, best_params, bad, history = -1.0, params, 0, []
    for epoch in range(cfg["epochs"]):
        t0, total, n = time.time(), 0.0, 0
        for ids, tags, mask in batches(train_docs, rng):
            key, sub = jax.random.split(key)
            params, state, loss = step(params, state, ids, tags, mask, sub)
            total += float(loss)
            n += 1
        f1 = val_f1(params)
        history.append({"epoch": epoch + 1, "loss": round(total / max(n, 1), 4), "validation_f1": f1,
                        "seconds": round(time.time() - t0, 1)})
        log(f"epoch {epoch + 1}: loss {total / max(n, 1):.4f}  validation span F1 {f1:.2f}  ({time.time() - t0:.0f} s)")
        if f1 > best:
            best, best_params, bad = f1, params, 0
        else:
            bad += 1
            if bad >= cfg["patience"]:
                log(f"early stop: no validation gain for {bad} epochs")
                break
    return net.to_numpy(best_params), history, best


# ---------------------------------------------------------------------------------------------
# artefacts


def macs_per_token(cfg, classes: int, slots: int) -> int:
    macs, fan_in = slots * cfg["dim"], cfg["dim"]
    for k in cfg["kernels"]:
        macs += fan_in * cfg["hidden"] * k
        fan_in = cfg["hidden"]
    return macs + fan_in * classes


def write_card(path, spec, metrics, cfg):
    labels = spec["output"]["labels"]
    test8, testf = metrics["int8"]["test"], metrics["float"]["test"]
    lines = [
        f"# {spec['name']} tagger {spec['version']}",
        "",
        f"**Intent.** {spec['intent']}",
        "",
        "**Data.** Synthetic CVs only (onnx/data `cvgen`, no real person), rendered to PDF/DOCX/ODT/RTF/HTML/TXT/MD,",
        "read back by cvshield's own extractor and featurized by its Rust featurizer "
        f"(version {spec['input']['featurizerVersion']}). Dataset fingerprint `{spec['dataset']['fingerprint'][:16]}…`; "
        f"documents train/validation/test = {spec['dataset']['documents']['train']}/"
        f"{spec['dataset']['documents']['validation']}/{spec['dataset']['documents']['test']}. "
        "The test split holds templates (and producers) never seen in training.",
        "",
        f"**Architecture.** Embedding bag over {spec['input']['slots']} hashed feature slots "
        f"({spec['input']['buckets']} buckets → {cfg['rows']} rows × {cfg['dim']}), "
        f"{len(cfg['kernels'])} Conv1d layers (kernels {cfg['kernels']}, {cfg['hidden']} channels, ReLU), "
        f"1×1 conv to {len(spec['output']['tags'])} BIO tags, softmax. Receptive field ±{spec['runtime']['receptiveRadius']} tokens. "
        f"{spec['training']['parameters']:,} parameters. int8 weights: uint8 embedding table (Gather → DequantizeLinear), int8 per-channel conv weights dequantized at load; float compute.",
        "",
        f"**Size.** int8 {spec['files']['int8']['bytes']:,} bytes, float {spec['files']['float']['bytes']:,} bytes.",
        "",
        "**Metrics** (exact span match on character offsets, BIO decoding as in `src/model/decode.rs`):",
        "",
        f"| split | float micro F1 | int8 micro P | int8 micro R | int8 micro F1 |",
        "|---|---|---|---|---|",
    ]
    for split in ("validation", "test"):
        m8, mf = metrics["int8"][split]["micro"], metrics["float"][split]["micro"]
        lines.append(f"| {split} | {mf['f1']} | {m8['precision']} | {m8['recall']} | {m8['f1']} |")
    lines += ["", "Per label, test split (unseen layouts), int8:", "",
              "| label | P | R | F1 | support |", "|---|---|---|---|---|"]
    for label in labels:
        m = test8["per_label"][label]
        lines.append(f"| {label} | {m['precision']} | {m['recall']} | {m['f1']} | {m['support']} |")
    if "micro_f1_by_layout" in test8:
        lines += ["", "Test micro F1 by (unseen) layout, int8: " +
                  ", ".join(f"{k} {v}" for k, v in test8["micro_f1_by_layout"].items())]
    if "validationSample" in metrics:
        lines += ["", eval_sample.card_line(metrics["validationSample"])]
    lines += [
        "",
        f"**Limitations.** Trained on synthetic CVs in {spec['dataset']['trainLocales']} locales and "
        f"{spec['dataset']['trainTemplates']} templates; real CVs differ (wording, "
        "layouts, extraction noise), so expect lower figures on them. It sees ±"
        f"{spec['runtime']['receptiveRadius']} tokens of context only, so long-range cues (which name is the "
        "candidate's) come from the featurizer's section and position features. Labels with little support "
        "above are unreliable. Spans are exact-match scored: a span off by one token counts as wrong.",
        "",
        f"Reproduce: `{spec['training']['command']}` (seed {cfg['seed']}, dataset as above).",
        "",
    ]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def load_float(version_dir: str, cfg: dict):
    """Weights, history and config of an already trained version (for re-quantizing it)."""
    import onnx
    from onnx import numpy_helper

    model = onnx.load(os.path.join(version_dir, "model.float.onnx"))
    w = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    convs, i = [], 0
    while f"conv{i}_w" in w:
        convs.append((w[f"conv{i}_w"], w[f"conv{i}_b"]))
        i += 1
    with open(os.path.join(version_dir, "spec.json"), encoding="utf-8") as f:
        old = json.load(f)["training"]
    with open(os.path.join(version_dir, "metrics.json"), encoding="utf-8") as f:
        history = json.load(f)["history"]
    cfg = {**cfg, **{k: old[k] for k in cfg if k in old}}
    params = {"emb": w["embedding"], "convs": convs, "out": (w["out_w"], w["out_b"])}
    return params, history, old.get("bestValidationF1", max(h["validation_f1"] for h in history)), cfg


def reproduce_flags(argv: list[str]) -> list[str]:
    """train.py's flags minus the paths run.sh supplies itself."""
    out, skip = [], False
    for a in argv:
        if skip:
            skip = False
        elif a == "--from-float":
            continue
        elif a in ("--data", "--out", "--extracted"):
            skip = True
        else:
            out.append(a)
    return out


def main(argv=None):
    args = parse_args(argv)
    cfg = dict(DEFAULTS[args.model])
    for k in ("epochs", "patience", "rows", "dim", "hidden", "kernels"):
        if getattr(args, k) is not None:
            cfg[k] = getattr(args, k)
    cfg.update(seed=args.seed, lr=args.lr, slot_dropout=args.slot_dropout, dropout=args.dropout)
    random.seed(args.seed)
    np.random.seed(args.seed)
    labels = dataset.LABELS[args.model]
    log = lambda msg: print(f"[{args.model}] {msg}", flush=True)  # noqa: E731

    if args.smoke:
        import smoke

        splits, meta = smoke.make(labels, args.seed), smoke.META
        cfg.update(epochs=min(cfg["epochs"], 12), rows=min(cfg["rows"], 4096), patience=12)
        global BATCH_TOKENS
        BATCH_TOKENS = 2048
        fp = "smoke"
    else:
        splits = {s: dataset.load_split(args.data, args.model, s, args.limit) for s in dataset.SPLITS}
        meta = dataset.read_meta(args.data)
        fp = dataset.fingerprint(args.data, args.model)
    first = splits["train"][0]
    slots = int(first.ids.shape[1])
    versions = {d.featurizer_version for s in splits.values() for d in s}
    if len(versions) != 1:
        raise SystemExit(f"dataset mixes featurizer versions {sorted(versions)}")
    featurizer_version = versions.pop()
    buckets = int(meta.get("buckets") or 0)
    if not buckets:
        raise SystemExit("the dataset does not say how many buckets its ids use (meta.json 'buckets')")
    cfg["rows"] = min(cfg["rows"], buckets)
    log(f"documents: " + ", ".join(f"{k} {len(v)}" for k, v in splits.items()) +
        f"; slots {slots}, buckets {buckets}, featurizer {featurizer_version}")

    if args.from_float:
        params, history, best, cfg = load_float(os.path.join(args.out, args.model, args.version), cfg)
    else:
        params, history, best = train(cfg, splits["train"], splits["validation"], labels, log)

    import onnx

    import onnx_export

    out_dir = os.path.join(args.out, args.model, args.version) if not args.smoke else os.path.join(args.out, "smoke", args.model)
    os.makedirs(out_dir, exist_ok=True)
    float_path, int8_path = os.path.join(out_dir, "model.float.onnx"), os.path.join(out_dir, "model.int8.onnx")
    graph = onnx_export.build_float_model(params, slots, buckets, f"cvshield_{args.model}",
                                          f"cvshield {args.model} tagger {args.version}")
    onnx.save(graph, float_path)
    onnx_export.quantize(float_path, int8_path)
    size = os.path.getsize(int8_path)
    log(f"int8 model: {size:,} bytes")
    if size > 1_000_000 and not args.smoke:
        raise SystemExit(f"the int8 model is {size} bytes, over the 1 MB budget: lower --rows or --dim")

    sessions = {"float": ort_session(float_path), "int8": ort_session(int8_path)}
    metrics = {kind: {split: evaluate(sessions[kind], splits[split], labels, by_layout=split == "test")
                      for split in ("validation", "test")} for kind in sessions}
    for kind in sessions:
        log(f"{kind}: validation F1 {metrics[kind]['validation']['micro']['f1']}, test F1 {metrics[kind]['test']['micro']['f1']}")

    sample = None
    if not args.smoke:
        sample = eval_sample.write(os.path.join(out_dir, eval_sample.FILES["test"]), splits["test"], args.sample,
                                   args.extracted, args.seed, "test")
        metrics["evalSample"] = {kind: evaluate(sessions[kind], sample, labels)["micro"] for kind in sessions}
        metrics["evalSample"]["documents"] = len(sample)
        log(f"eval sample ({len(sample)} docs): float F1 {metrics['evalSample']['float']['f1']}, "
            f"int8 F1 {metrics['evalSample']['int8']['f1']}")
        # what `cvshield models deploy` re-evaluates on (validation split, same format)
        path = os.path.join(out_dir, eval_sample.FILES["validation"])
        validation = eval_sample.write(path, splits["validation"], args.sample, args.extracted, args.seed, "validation")
        metrics["validationSample"] = eval_sample.figures(sessions, validation, labels, path, "validation",
                                                          eval_sample.dataset_name(args.data), args.seed)
        log(f"validation sample ({len(validation)} docs): float F1 {metrics['validationSample']['float']['f1']}, "
            f"int8 F1 {metrics['validationSample']['int8']['f1']}")
    metrics["history"] = history
    with open(os.path.join(out_dir, "metrics.json"), "w", encoding="utf-8") as f:
        json.dump(metrics, f, indent=1)

    classes = len(tag_names(labels))
    n_params = int(sum(np.asarray(a).size for a in [params["emb"], *[x for c in params["convs"] for x in c], *params["out"]]))
    spec = {
        "name": args.model,
        "version": args.version,
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "intent": INTENT[args.model],
        "input": {"name": "ids", "dtype": "int64", "shape": ["T", slots], "featurizerVersion": featurizer_version,
                  "slots": slots, "buckets": buckets},
        "output": {"name": "probs", "dtype": "float32", "shape": ["T", classes], "labels": labels,
                   "tags": tag_names(labels)},
        "runtime": {"workPerToken": max(1, math.ceil(macs_per_token(cfg, classes, slots) / 1000)),
                    "receptiveRadius": sum(k // 2 for k in cfg["kernels"])},
        "training": {**cfg, "parameters": n_params, "optimizer": "adamw + warmup-cosine, grad clip 1.0",
                     "loss": "class-weighted cross-entropy (inverse sqrt frequency)",
                     "earlyStopping": "validation span micro F1", "bestValidationF1": best,
                     "epochsRun": len(history),
                     "command": " ".join(["bash onnx/train/run.sh", args.model, *reproduce_flags(sys.argv[2:])])},
        "dataset": {"path": eval_sample.dataset_name(args.data) if not args.smoke else "smoke", "fingerprint": fp,
                    "source": (meta.get("source") or {}).get("fingerprint"),
                    "documents": {k: len(v) for k, v in splits.items()},
                    "trainLocales": len({d.locale for d in splits["train"]}),
                    "trainTemplates": len({d.template for d in splits["train"]})},
        "metrics": {kind: {split: metrics[kind][split]["micro"] for split in ("validation", "test")} for kind in sessions},
        "files": {"int8": {"sha256": sha256_file(int8_path), "bytes": size},
                  "float": {"sha256": sha256_file(float_path), "bytes": os.path.getsize(float_path)}},
    }
    if sample is not None:
        spec["metrics"]["evalSample"] = metrics["evalSample"]
    with open(os.path.join(out_dir, "spec.json"), "w", encoding="utf-8") as f:
        json.dump(spec, f, indent=1)
    write_card(os.path.join(out_dir, "card.md"), spec, metrics, cfg)
    log(f"wrote {out_dir}")


if __name__ == "__main__":
    main()
