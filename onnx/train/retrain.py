"""Retrain both taggers on a generated corpus and show what changed: one command, one table.

    bash onnx/train/retrain.sh GOLD_DIR --version X.Y.Z [--epochs N] [--deploy]

From a folder written by `python -m cvgen generate` (documents, gold files, `splits.json`):

1. featurize it with `python -m cvgen dataset` (the Rust featurizer through the `cvshield` CLI;
   nothing here featurizes) and validate the result, and extract the validation and test
   documents once (`cvshield extract --json`) for the version's committed samples;
2. train the parser and the anonymizer with `train.py`, keeping the active version's architecture
   (rows, dim, hidden, kernels from its spec), which exports, quantizes and writes the version;
3. score the active version (before) and the new one (after): int8 span F1 with onnxruntime on the
   validation split (documents of training templates) and on the test split (templates and
   producers never seen in training), the latter also per template and per producer; and the
   `cvshield eval parse` / `eval anonymize` headline figures on the real corpora and the
   synthetic test split, the new version run from a temporary model folder whose registry makes
   it active (the model folder's registry changes only with `--deploy`);
4. print one before/after table and write it into each new version's `card.md` and
   `metrics.json` (`retrain`).

Model selection (early stopping) sees the validation split only; the real corpora are measured,
never trained or selected on.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)

import data as dataset  # noqa: E402

MODELS = ("parser", "anonymizer")
ARCHITECTURE = ("rows", "dim", "hidden", "kernels")
DEFAULT_CORPORA = [os.path.join(REPO, "..", "shared", "corpus", c) for c in ("realworld", "realworld-2")]
CARD_HEADING = "## Retrain: before and after"
# Parse fields the taggers feed (the name's score, the entry pieces' votes); pooled into one F1.
PARSE_FIELDS = ("employers", "titles", "dates", "schools", "degrees", "skills")
LEVELS = ("basic", "moderate", "thorough")
PATH_FLAGS = ("--models-dir", "--work", "--cvshield", "--corpus")


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="Other flags go to train.py (--epochs, --patience, --seed, --hidden, …) "
                                        "and override the active versions' architecture.")
    ap.add_argument("gold", help="a generated corpus folder (cvgen generate) with splits.json")
    ap.add_argument("--version", required=True, help="the new version of both taggers, MAJOR.MINOR.PATCH")
    ap.add_argument("--models-dir", default=os.path.join(REPO, "onnx"),
                    help="model folder: registry.json (its active versions are 'before') and models/, "
                         "where the new version is written [default: the repository's onnx/]")
    ap.add_argument("--work", help="featurized dataset and extraction go here [default: GOLD.retrain beside GOLD]; "
                                   "reused when an earlier run built it from the same corpus with the same binary")
    ap.add_argument("--cvshield", default=os.environ.get("CVSHIELD_BIN"),
                    help="cvshield binary [default: $CVSHIELD_BIN, else target/release/cvshield, else target/debug/cvshield]")
    ap.add_argument("--corpus", action="append", help="a real corpus to measure (repeatable) [default: "
                                                      "../shared/corpus/realworld and realworld-2 beside the repository]")
    ap.add_argument("--no-corpus", action="store_true", help="measure no real corpus (CI, which has none)")
    ap.add_argument("--synthetic-limit", type=int, default=200,
                    help="synthetic test documents the pipeline evaluation runs on (id order; 0: none)")
    ap.add_argument("--jobs", type=int, help="cvshield threads (features, extract)")
    ap.add_argument("--deploy", action="store_true", help="then `cvshield models deploy` both (updates registry.json)")
    ap.add_argument("--only", choices=MODELS, help="retrain one tagger only")
    args, train_flags = ap.parse_known_args(argv)
    if not re.fullmatch(r"(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})", args.version):
        ap.error(f"--version {args.version!r} is not MAJOR.MINOR.PATCH")
    if any(f in ("--data", "--out", "--extracted", "--smoke") for f in train_flags):
        ap.error("--data, --out, --extracted and --smoke are not train.py flags here: retrain sets them")
    return args, train_flags


def log(msg):
    print(f"[retrain] {msg}", file=sys.stderr, flush=True)


def run(cmd, **kw):
    """A step: its output goes to stderr, so stdout holds the table only."""
    log("$ " + " ".join(str(c) for c in cmd))
    return subprocess.run([str(c) for c in cmd], check=True, stdout=2, **kw)


def cvshield_binary(given):
    if given:
        return os.path.abspath(given)
    for profile in ("release", "debug"):
        path = os.path.join(REPO, "target", profile, "cvshield")
        if os.access(path, os.X_OK):
            return path
    raise SystemExit("retrain: no cvshield binary: build one (cargo build --release --bin cvshield) or give --cvshield")


def data_python():
    path = os.path.join(REPO, "onnx", "data", ".venv", "bin", "python")
    if not os.access(path, os.X_OK):
        raise SystemExit("retrain: onnx/data/.venv is missing: run bash onnx/data/setup.sh")
    return path


# ---------------------------------------------------------------------------------------------
# 1. featurize


def featurize(gold, work, cvshield, jobs):
    """The dataset of `gold` under work/dataset, validated; reused when an earlier run built it
    from the same corpus (fingerprint) with the same binary (sha256)."""
    from scoring import sha256_file

    out = os.path.join(work, "dataset")
    stamp_path = os.path.join(out, "retrain-stamp.json")
    stamp = {"source": _source_fingerprint(gold), "cvshield": sha256_file(cvshield)}
    if stamp["source"] and os.path.exists(stamp_path):
        with open(stamp_path, encoding="utf-8") as f:
            if json.load(f) == stamp:
                log(f"reusing the dataset in {out} (same corpus, same cvshield binary)")
                return out
    cwd = os.path.join(REPO, "onnx", "data")
    cmd = [data_python(), "-m", "cvgen", "dataset", os.path.abspath(gold), "--out", out, "--cvshield", cvshield]
    if jobs:
        cmd += ["--jobs", jobs]
    run(cmd, cwd=cwd)
    run([data_python(), "-m", "cvgen", "validate-dataset", out], cwd=cwd)
    extract_samples(gold, out, cvshield, jobs)
    with open(stamp_path, "w", encoding="utf-8") as f:
        json.dump(stamp, f)
    return out


def _source_fingerprint(gold):
    path = os.path.join(gold, "fingerprint.json")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return json.load(f).get("fingerprint")


def extract_samples(gold, data_dir, cvshield, jobs=None):
    """`cvshield extract --json` of the validation and test documents: the committed samples
    (eval_sample.py) hold the extracted Document, which the dataset does not."""
    wanted = set()
    for split in ("validation", "test"):
        with dataset.open_text(dataset.split_path(data_dir, "parser", split)) as f:
            wanted.update(json.loads(line)["id"] for line in f if line.strip())
    files = []
    for doc_id in sorted(wanted):
        with open(os.path.join(gold, f"{doc_id}.gold.json"), encoding="utf-8") as f:
            files.append(os.path.join(os.path.abspath(gold), json.load(f)["file"]))
    path = os.path.join(data_dir, "extracted.jsonl")
    with open(path, "w", encoding="utf-8") as out:
        for k in range(0, len(files), 200):  # keeps argv short
            chunk = files[k:k + 200]
            if len(chunk) == 1:  # a lone input prints a bare record; batch lines carry the path
                chunk = chunk + chunk
            threads = ["-j", str(jobs)] if jobs else []
            subprocess.run([cvshield, "extract", "--json", "--no-progress", *threads, *chunk], stdout=out, check=False)
    return path


# ---------------------------------------------------------------------------------------------
# 2. train


def architecture(models_dir, name):
    """train.py flags that keep the active version's architecture."""
    active = read_registry(models_dir)["active"].get(name)
    if not active:
        return [], None
    with open(os.path.join(models_dir, "models", name, active, "spec.json"), encoding="utf-8") as f:
        training = json.load(f)["training"]
    flags = []
    for key in ARCHITECTURE:
        if key in training:
            value = training[key]
            flags += [f"--{key}", ",".join(map(str, value)) if isinstance(value, list) else str(value)]
    return flags, active


def train(name, data_dir, models_dir, version, arch_flags, train_flags):
    env = dict(os.environ, PYTHONHASHSEED="0")
    run([sys.executable, os.path.join(HERE, "train.py"), name, "--data", data_dir,
         "--extracted", os.path.join(data_dir, "extracted.jsonl"), "--out", os.path.join(models_dir, "models"),
         "--version", version, *arch_flags, *train_flags], env=env)


def read_registry(models_dir):
    with open(os.path.join(models_dir, "registry.json"), encoding="utf-8") as f:
        return json.load(f)


# ---------------------------------------------------------------------------------------------
# 3. measure


def span_figures(name, version_dir, splits):
    """int8 micro span F1 (onnxruntime) of one version: validation, test, test per template and
    per producer."""
    from scoring import evaluate, ort_session

    session = ort_session(os.path.join(version_dir, "model.int8.onnx"))
    labels = dataset.LABELS[name]
    out = {split: evaluate(session, docs, labels)["micro"]["f1"] for split, docs in splits.items()}
    for key in ("template", "producer"):
        groups = {}
        for d in splits["test"]:
            groups.setdefault(getattr(d, key), []).append(d)
        out[f"test by {key}"] = {g: evaluate(session, docs, labels)["micro"]["f1"] for g, docs in sorted(groups.items())}
    return out


def same_major(a, b):
    """Whether two featurizer versions share their major: the ids mean the same."""
    return bool(a) and bool(b) and str(a).split(".")[0] == str(b).split(".")[0]


def featurizer_of(version_dir):
    with open(os.path.join(version_dir, "spec.json"), encoding="utf-8") as f:
        return json.load(f)["input"]["featurizerVersion"]


def registry_with(models_dir, versions, tmp):
    """A model folder in `tmp` whose registry makes `versions` ({name: version}) active, sharing
    models_dir's version folders."""
    os.makedirs(tmp, exist_ok=True)
    os.symlink(os.path.abspath(os.path.join(models_dir, "models")), os.path.join(tmp, "models"))
    registry = read_registry(models_dir)
    at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    registry["active"] = dict(versions)
    registry["history"] = [{"at": at, "model": n, "action": "deploy", "to": v} for n, v in sorted(versions.items())]
    with open(os.path.join(tmp, "registry.json"), "w", encoding="utf-8") as f:
        json.dump(registry, f, indent=2)
    return tmp


def pipeline_figures(cvshield, folder, corpora, gold, synthetic_limit):
    """Headline `cvshield eval parse` / `eval anonymize` figures per set, running the active
    versions of the model folder `folder`."""
    sets = [a for c in corpora for a in ("--corpus", c)]
    if synthetic_limit:
        sets += ["--synthetic", os.path.abspath(gold), "--split", "test", "--limit", str(synthetic_limit)]
    if not sets:
        return {}
    out = {}
    for what in ("parse", "anonymize"):
        proc = subprocess.run([cvshield, "--models-dir", folder, "eval", what, *sets, "--json"],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            raise SystemExit(f"retrain: cvshield eval {what} failed (exit {proc.returncode}): {proc.stderr[-2000:]}")
        for column in json.loads(proc.stdout)["columns"]:
            out.setdefault(column["name"], {}).update(headline(what, column))
    return out


def headline(what, column):
    """The few figures a table row shows, from one `--json` column."""
    if what == "parse":
        fields = column.get("fields", {})
        pooled = [fields[f] for f in PARSE_FIELDS if f in fields]
        correct = sum(f["correct"] for f in pooled)
        predicted = sum(f["predicted"] for f in pooled)
        found, truth = sum(f["found"] for f in pooled), sum(f["truth"] for f in pooled)
        p, r = _ratio(correct, predicted), _ratio(found, truth)
        out = {"documents": column["documents"],
               "parse: name exact": 100 * _ratio(column["names_exact"], column["documents"]),
               "parse: entry fields F1": 100 * (2 * p * r / (p + r) if p + r else 0.0)}
        for f in PARSE_FIELDS:
            if f in fields:
                out[f"parse: {f} F1"] = 100 * fields[f]["f1"]
        return out
    out = {}
    for kind in ("leak", "kept"):
        for level in LEVELS:
            groups = column.get(kind, {}).get(level, {})
            hits, total = sum(g["hits"] for g in groups.values()), sum(g["total"] for g in groups.values())
            if total:
                out[f"anonymize: {level} {kind} %"] = 100 * hits / total
    return out


def _ratio(a, b):
    return a / b if b else 0.0


# ---------------------------------------------------------------------------------------------
# 4. the table


def table(info, spans, pipeline):
    """Markdown: one row per figure, before and after side by side."""
    lines = [f"Dataset `{info['dataset']}` (source fingerprint `{(info['fingerprint'] or '?')[:16]}…`, featurizer "
             f"{info['featurizer']}; documents train/validation/test = {info['documents']}). Before: the active "
             f"versions ({info['before']}); after: {info['after']}. Validation holds training templates; test "
             "holds templates and producers never seen in training (leave-templates-out).", ""]
    lines += ["Tagger span F1 (int8, onnxruntime, exact span match):", "",
              "| tagger | set | before | after | Δ |", "|---|---|---|---|---|"]
    for name, (before, after) in spans.items():
        for key in ("validation", "test"):
            label = {"validation": "validation (training templates)", "test": "test (unseen templates/producers)"}[key]
            lines.append(_row([name, label], before.get(key) if before else None, after[key]))
        for key in ("test by template", "test by producer"):
            for group, value in after[key].items():
                lines.append(_row([name, f"test · {key.split()[-1]} {group}"],
                                  (before or {}).get(key, {}).get(group), value))
    if pipeline:
        before, after = pipeline
        lines += ["", "Pipeline (`cvshield eval parse` / `eval anonymize`; leak: lower is better):", "",
                  "| set | figure | before | after | Δ |", "|---|---|---|---|---|"]
        for column, figures in after.items():
            for key, value in figures.items():
                if key != "documents":
                    lines.append(_row([f"{column} ({figures['documents']} docs)", key],
                                      before.get(column, {}).get(key), value))
    return "\n".join(lines) + "\n"


def _row(cells, before, after):
    fmt = lambda v: "–" if v is None else f"{v:.2f}"  # noqa: E731
    delta = "–" if before is None or after is None else f"{after - before:+.2f}"
    return "| " + " | ".join([*cells, fmt(before), fmt(after), delta]) + " |"


def portable_flags(flags):
    """The command's flags without the machine's paths (the card names the dataset by its folder)."""
    out, skip = [], False
    for flag in flags:
        if skip:
            skip = False
        elif flag in PATH_FLAGS:
            skip = True
        elif flag.split("=", 1)[0] not in PATH_FLAGS:
            out.append(flag)
    return out


def write_card(version_dir, text, record):
    card = os.path.join(version_dir, "card.md")
    with open(card, encoding="utf-8") as f:
        body = f.read()
    at = body.find(CARD_HEADING)
    if at >= 0:  # replace an earlier run's section (it runs to the next "## " heading)
        end = body.find("\n## ", at + len(CARD_HEADING))
        body = body[:at] + (body[end + 1:] if end >= 0 else "")
    body = body.rstrip("\n") + f"\n\n{CARD_HEADING}\n\nWritten by `{record['command']}`.\n\n{text}"
    with open(card, "w", encoding="utf-8") as f:
        f.write(body)
    metrics_path = os.path.join(version_dir, "metrics.json")
    with open(metrics_path, encoding="utf-8") as f:
        metrics = json.load(f)
    metrics["retrain"] = record
    with open(metrics_path, "w", encoding="utf-8") as f:
        json.dump(metrics, f, indent=1)


# ---------------------------------------------------------------------------------------------


def main(argv=None):
    args, train_flags = parse_args(argv)
    gold = os.path.abspath(args.gold)
    if not os.path.exists(os.path.join(gold, "splits.json")):
        raise SystemExit(f"retrain: {args.gold} has no splits.json (run python -m cvgen split on it)")
    models_dir = os.path.abspath(args.models_dir)
    cvshield = cvshield_binary(args.cvshield)
    corpora = [] if args.no_corpus else [os.path.abspath(c) for c in (args.corpus or DEFAULT_CORPORA)]
    missing = [c for c in corpora if not os.path.isdir(c)]
    if missing:
        raise SystemExit(f"retrain: no corpus folder {missing[0]} (give --corpus DIR or --no-corpus)")
    names = [args.only] if args.only else list(MODELS)
    for name in names:
        if os.path.exists(os.path.join(models_dir, "models", name, args.version)):
            raise SystemExit(f"retrain: {name}@{args.version} exists in {models_dir}: pick a new version")
    work = os.path.abspath(args.work or gold.rstrip("/") + ".retrain")

    data_dir = featurize(gold, work, cvshield, args.jobs)
    meta = dataset.read_meta(data_dir)
    before_versions, after_versions, spans = {}, {}, {}
    for name in names:
        arch, active = architecture(models_dir, name)
        log(f"{name}: architecture of the active {active}: {' '.join(arch) or 'train.py defaults'}")
        train(name, data_dir, models_dir, args.version, arch, train_flags)
        splits = {s: dataset.load_split(data_dir, name, s) for s in ("validation", "test")}
        after = span_figures(name, os.path.join(models_dir, "models", name, args.version), splits)
        before = None
        if active:
            before_versions[name] = active
            active_dir = os.path.join(models_dir, "models", name, active)
            # Same major: the active version runs on these features in this build (a later minor
            # featurizer only tokenizes a few lines differently), so it is scored on them.
            if same_major(featurizer_of(active_dir), meta.get("featurizerVersion")):
                before = span_figures(name, active_dir, splits)
            else:
                log(f"{name}@{active} reads featurizer {featurizer_of(active_dir)}, the dataset has "
                    f"{meta.get('featurizerVersion')}: no span F1 before")
        after_versions[name] = args.version
        spans[name] = (before, after)

    pipeline = None
    if corpora or args.synthetic_limit:
        with tempfile.TemporaryDirectory(prefix="retrain-") as tmp:
            registry = read_registry(models_dir)
            after_all = {**registry["active"], **after_versions}
            before_figures = pipeline_figures(cvshield, registry_with(models_dir, registry["active"], os.path.join(tmp, "before")),
                                              corpora, gold, args.synthetic_limit)
            after_figures = pipeline_figures(cvshield, registry_with(models_dir, after_all, os.path.join(tmp, "after")),
                                             corpora, gold, args.synthetic_limit)
            pipeline = (before_figures, after_figures)

    info = {"dataset": os.path.basename(gold), "fingerprint": (meta.get("source") or {}).get("fingerprint"),
            "featurizer": meta.get("featurizerVersion"),
            "documents": "/".join(str(meta.get("documents", {}).get(s, "?")) for s in dataset.SPLITS),
            "before": ", ".join(f"{n}@{v}" for n, v in before_versions.items()) or "none",
            "after": ", ".join(f"{n}@{v}" for n, v in after_versions.items())}
    text = table(info, spans, pipeline)
    print(text)
    command = " ".join(["bash onnx/train/retrain.sh", os.path.basename(gold), *portable_flags(sys.argv[2:] if argv is None else argv[1:])])
    record = {"command": command, **info, "spans": {n: {"before": b, "after": a} for n, (b, a) in spans.items()},
              "pipeline": {"before": pipeline[0], "after": pipeline[1]} if pipeline else None}
    for name in names:
        write_card(os.path.join(models_dir, "models", name, args.version), text, record)
    if args.deploy:
        for name in names:
            run([cvshield, "--models-dir", models_dir, "models", "deploy", f"{name}@{args.version}"])
    log("done: " + ", ".join(os.path.join(models_dir, "models", n, args.version) for n in names))


if __name__ == "__main__":
    try:
        main()
    except subprocess.CalledProcessError as e:
        sys.exit(f"retrain: a step failed (exit {e.returncode}): {' '.join(map(str, e.cmd[:4]))} …")
