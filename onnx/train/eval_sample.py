"""The committed evaluation samples of a model version (CI and `cvshield models` have no dataset).

Two seeded, layout-stratified subsets of one split each (synthetic documents only), same format:
- `eval-sample.jsonl.gz` (test split, unseen layouts): `tests/integration/model_int8.rs` checks that tract
  reproduces the onnxruntime F1 recorded on it;
- `validation-sample.jsonl.gz` (validation split): what `cvshield models deploy` re-evaluates the
  candidate and the active version on before it changes the active one.

Each line:
{id, layout, locale, tokens, textSha256, document, spans}: `document` is the extracted `Document`
JSON (`cvshield extract --json`), from which the Rust test re-featurizes with the real featurizer;
`tokens` and `textSha256` are what the dataset recorded for it (drift checks: the test fails
clearly if extraction or tokenization changed since training); `spans` are the gold spans
[label, charStart, charEnd] in the TextView text. train.py records the onnxruntime F1 of the float
and int8 models on exactly these documents in metrics.json (the test sample's also in spec.json).

train.py writes both for a new version. For a version trained before the validation sample
existed, write it (and record its F1 in metrics.json and card.md; model files untouched) with:

    onnx/train/.venv/bin/python onnx/train/eval_sample.py parser --version 1.0.0 \
        --data ../data-full/datasets/v2        # [--split validation] [--count 120] [--seed 13]
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

# The committed file of each split's sample, in a version's folder.
FILES = {"test": "eval-sample.jsonl.gz", "validation": "validation-sample.jsonl.gz"}
# The metrics.json key of each split's sample figures.
METRIC_KEYS = {"test": "evalSample", "validation": "validationSample"}


def load_documents(extracted_path: str, wanted: dict[str, str]) -> dict[str, dict]:
    """id → Document JSON for the wanted ids ({id: textSha256}), from an `extract --json` file.

    Several files share an id's stem (the CV, its gold JSON, dashboard pages): keep the one whose
    TextView text is the one the dataset featurized.
    """
    found = {}
    with open(extracted_path, encoding="utf-8") as f:
        for line in f:
            head = line[:300]  # cheap pre-filter before parsing a large line
            stem = None
            for key in ('"path":"', '"path": "'):
                i = head.find(key)
                if i >= 0:
                    path = head[i + len(key):head.find('"', i + len(key))]
                    stem = os.path.basename(path).split(".")[0]
                    break
            if stem not in wanted or stem in found:
                continue
            rec = json.loads(line)
            if rec.get("status") == "ok" and rec.get("document") and view_sha256(rec["document"]) == wanted[stem]:
                found[stem] = rec["document"]
    return found


def view_sha256(document: dict) -> str:
    """sha256 of the TextView text (lines joined by \\n, a form feed between pages), to match the
    dataset's textSha256; mirrors `TextView::new`."""
    text = ""
    for index, page in enumerate(document.get("pages", [])):
        if index > 0 and text:
            text = text[:-1] + "\f"
        for line in page.get("lines", []):
            text += line.get("text", "") + "\n"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write(path: str, docs, count: int, extracted_path: str, seed: int, split: str = "test"):
    """Pick `count` documents of `split` (`docs`, round-robin over layouts), write the sample,
    return its Docs."""
    rng = random.Random(seed)
    by_layout = {}
    for d in docs:
        by_layout.setdefault(d.layout, []).append(d)
    for docs in by_layout.values():
        rng.shuffle(docs)
    candidates = []
    while any(by_layout.values()) and len(candidates) < 3 * count:
        for layout in sorted(by_layout):
            if by_layout[layout]:
                candidates.append(by_layout[layout].pop())
    # only documents whose extraction still gives the text the dataset was featurized from
    documents = load_documents(extracted_path, {d.id: d.text_sha256 for d in candidates})
    chosen = [d for d in candidates if d.id in documents][:count]
    if len(chosen) < min(count, len(docs)) // 2:
        raise SystemExit(f"only {len(chosen)} {split} sample documents found in {extracted_path}")
    lines = []
    for d in chosen:
        lines.append(json.dumps({"id": d.id, "layout": d.layout, "locale": d.locale, "tokens": len(d.tags),
                                 "textSha256": d.text_sha256,
                                "document": documents[d.id], "spans": [list(g) for g in d.gold]},
                                ensure_ascii=False, separators=(",", ":")) + "\n")
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as f:
        f.write("".join(lines).encode("utf-8"))  # mtime 0: the same sample gives the same bytes
    return chosen


def figures(sessions: dict, sample, labels, path: str, split: str, dataset_path: str, seed: int) -> dict:
    """metrics.json entry of a written sample: onnxruntime micro P/R/F1 of each graph on it, and
    what `cvshield models verify` checks the file against (sha256) and where it came from."""
    from scoring import evaluate, sha256_file

    out = {kind: evaluate(session, sample, labels)["micro"] for kind, session in sessions.items()}
    out.update(documents=len(sample), split=split, file=os.path.basename(path), sha256=sha256_file(path),
               dataset=dataset_path, seed=seed)
    return out


def dataset_name(data_path: str) -> str:
    """How specs and metrics name a dataset folder: `datasets/<its name>`."""
    return "datasets/" + os.path.basename(os.path.normpath(data_path))


def card_line(entry: dict) -> str:
    """The card's paragraph on the validation sample (train.py and `main` write the same one)."""
    return (f"**Validation sample.** `{entry['file']}`: {entry['documents']} validation documents "
            f"(seeded, layout-stratified) that `cvshield models deploy` re-evaluates this version and the active "
            f"one on; onnxruntime micro F1 int8 {entry['int8']['f1']} (float {entry['float']['f1']}).")


def _patch_card(card_path: str, line: str):
    """Put `line` before the card's Limitations paragraph, replacing an earlier one."""
    with open(card_path, encoding="utf-8") as f:
        lines = [l for l in f.read().split("\n") if not l.startswith("**Validation sample.**")]
    at = next((i for i, l in enumerate(lines) if l.startswith("**Limitations.**")), len(lines))
    lines[at:at] = [line, ""]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    with open(card_path, "w", encoding="utf-8") as f:
        f.write(text)


def main(argv=None):
    """Write the validation sample of an existing version and record its figures (metadata only)."""
    import argparse

    import data as dataset
    from scoring import ort_session

    ap = argparse.ArgumentParser(description="Write validation-sample.jsonl.gz for an existing model version "
                                             "and record its onnxruntime F1 in metrics.json and card.md.")
    ap.add_argument("model", choices=sorted(dataset.LABELS))
    ap.add_argument("--version", required=True)
    ap.add_argument("--data", default=dataset.DEFAULT_DATASET,
                    help="dataset featurized by the version's featurizer (python -m cvgen dataset)")
    ap.add_argument("--extracted", default=dataset.DEFAULT_EXTRACTED)
    ap.add_argument("--models", default=os.path.join(HERE, "..", "models"))
    ap.add_argument("--count", type=int, default=120)
    ap.add_argument("--seed", type=int, help="default: the version's training seed")
    args = ap.parse_args(argv)

    split = "validation"
    version_dir = os.path.join(args.models, args.model, args.version)
    with open(os.path.join(version_dir, "spec.json"), encoding="utf-8") as f:
        spec = json.load(f)
    seed = args.seed if args.seed is not None else int(spec["training"]["seed"])
    meta = dataset.read_meta(args.data)
    wanted = spec["input"]["featurizerVersion"]
    if meta.get("featurizerVersion") != wanted:
        raise SystemExit(f"{args.data} was featurized by {meta.get('featurizerVersion')}, "
                         f"{args.model}@{args.version} expects {wanted}: use the dataset of that featurizer")
    docs = dataset.load_split(args.data, args.model, split)
    path = os.path.join(version_dir, FILES[split])
    sample = write(path, docs, args.count, args.extracted, seed, split)
    sessions = {kind: ort_session(os.path.join(version_dir, f"model.{kind}.onnx")) for kind in ("float", "int8")}
    entry = figures(sessions, sample, dataset.LABELS[args.model], path, split, dataset_name(args.data), seed)
    metrics_path = os.path.join(version_dir, "metrics.json")
    with open(metrics_path, encoding="utf-8") as f:
        metrics = json.load(f)
    metrics[METRIC_KEYS[split]] = entry
    with open(metrics_path, "w", encoding="utf-8") as f:
        json.dump(metrics, f, indent=1)
    _patch_card(os.path.join(version_dir, "card.md"), card_line(entry))
    print(f"{args.model}@{args.version}: {path} ({len(sample)} {split} documents, {os.path.getsize(path):,} bytes); "
          f"onnxruntime F1 int8 {entry['int8']['f1']}, float {entry['float']['f1']}")


if __name__ == "__main__":
    main()
