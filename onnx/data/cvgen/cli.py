"""Command line: ``python -m cvgen generate|validate|split|align|dataset|validate-dataset|dashboard|fingerprint|build-names|build-blocklist``."""
import argparse
import os
import sys
from pathlib import Path


def _fixed_hash_seed():
    """Some Faker providers iterate sets, so their output depends on Python's string hash seed.
    Re-run the interpreter with PYTHONHASHSEED=0 so the same seed gives the same documents."""
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable, "-m", "cvgen"] + sys.argv[1:])


def main(argv=None):
    if argv is None:
        _fixed_hash_seed()
    ap = argparse.ArgumentParser(prog="cvgen", description="Synthetic CV generator with gold labels")
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("generate", help="generate --count documents from --seed into --out")
    g.add_argument("--seed", type=int, default=1)
    g.add_argument("--count", type=int, default=200)
    g.add_argument("--out", default="out")
    g.add_argument("--workers", type=int, default=None)
    g.add_argument("--templates", choices=["builtin", "real", "all"], default="builtin",
                   help="builtin: the generator's own layouts; real: the third-party templates in cvgen/templates.json; "
                        "all: both in one run (the dataset command)")
    g.add_argument("--real", action="store_const", dest="templates", const="real", help="same as --templates real")
    g.add_argument("--real-share", type=float, default=0.5, help="with --templates all: the share of documents "
                   "rendered through third-party templates")
    g.add_argument("--layouts", default=None, help="comma-separated built-in layouts to draw from (default: all), "
                   "e.g. for a probe set of new layouts")
    g.add_argument("--promotion", type=float, default=None, help="share of careers of two or more jobs that hold a "
                   "promotion (several roles at one employer; default 0.18)")
    v = sub.add_parser("validate", help="check schema, balance, duplicates, determinism and privacy; exit 1 on failure")
    v.add_argument("dir")
    v.add_argument("--recheck", type=int, default=20, help="regenerate this many documents and compare labels")
    v.add_argument("--corpus", default=None)
    f = sub.add_parser("fingerprint", help="print the fingerprint of a generated directory")
    f.add_argument("dir")
    al = sub.add_parser("align", help="align gold spans onto extracted text (cvshield extract --json output)")
    al.add_argument("dir")
    al.add_argument("--extracted", help="JSONL from `cvshield extract --json`, or a dir of <id>.txt/.json")
    al.add_argument("--pdftotext", action="store_true", help="baseline: extract PDFs with pdftotext instead")
    al.add_argument("--out", default=None, help="write the per-document alignment here (JSONL)")
    sp = sub.add_parser("split", help="assign train/validation/test leaving whole templates and producers out of training, check leakage")
    sp.add_argument("dir")
    sp.add_argument("--probe", action="store_true", help="a probe set for evaluation only: every document in test")
    ds = sub.add_parser("dataset", help="featurize (cvshield features), align and tag DIR into --out: parser/anonymizer JSONL")
    ds.add_argument("dir")
    ds.add_argument("--out", required=True)
    ds.add_argument("--cvshield", default=None, help="cvshield binary (default: cargo build --release, then target/release)")
    ds.add_argument("--features", default=None, help="reuse saved `cvshield features` JSON lines instead of running it")
    ds.add_argument("--jobs", type=int, default=None)
    vd = sub.add_parser("validate-dataset", help="check a dataset dir: schema, labels, leakage, duplicates; exit 1 on failure")
    vd.add_argument("dir")
    db = sub.add_parser("dashboard", help="write DIR/dashboard/index.html (plots + sample pages)")
    db.add_argument("dir")
    sub.add_parser("build-names", help="rebuild cvgen/data/names.json from names-dataset (slow, ~2 GB RAM)")
    b = sub.add_parser("build-blocklist", help="rebuild cvgen/data/blocklist.json from the real-world corpus")
    b.add_argument("--corpus", default=None)
    a = ap.parse_args(argv)

    if a.cmd == "generate":
        from .generate import generate
        if not 0 < a.real_share < 1:
            sys.exit("generate: --real-share must lie between 0 and 1")
        from .layouts import LAYOUTS
        layouts = a.layouts.split(",") if a.layouts else None
        if layouts and not set(layouts) <= set(LAYOUTS):
            sys.exit(f"generate: unknown layouts {sorted(set(layouts) - set(LAYOUTS))}; known: {sorted(LAYOUTS)}")
        if a.promotion is not None and not 0 <= a.promotion <= 1:
            sys.exit("generate: --promotion must lie between 0 and 1")
        info = generate(a.seed, a.count, a.out, a.workers, templates=a.templates, real_share=a.real_share,
                        layouts=layouts, promotion=a.promotion)
        sys.exit(0 if info["failed"] == 0 and info["count"] else 1)
    if a.cmd == "validate":
        from .validate import validate
        sys.exit(0 if validate(Path(a.dir), recheck=a.recheck, corpus=a.corpus) else 1)
    if a.cmd == "fingerprint":
        import json
        from .generate import fingerprint
        entries = [json.loads(l) for l in open(Path(a.dir) / "manifest.jsonl", encoding="utf-8")]
        print(fingerprint(entries))
    if a.cmd == "align":
        import json
        from .align import align_dir, pdftotext_baseline
        if not a.extracted and not a.pdftotext:
            sys.exit("align: give --extracted FILE or --pdftotext")
        report, per_doc = align_dir(a.dir, pdftotext_baseline(a.dir) if a.pdftotext else a.extracted)
        report["extractor"] = "pdftotext (baseline)" if a.pdftotext else "cvshield extract --json"
        (Path(a.dir) / "alignment.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
        if a.out:
            with open(a.out, "w", encoding="utf-8") as f:
                for doc_id, res in per_doc.items():
                    f.write(json.dumps(dict(id=doc_id, entities=res), ensure_ascii=False) + "\n")
    if a.cmd == "split":
        from .splits import write_splits
        counts, problems, shared = write_splits(Path(a.dir), probe=a.probe)
        print(f"splits: {counts}; candidate names shared across splits: {shared}")
        for p in problems:
            print("LEAKAGE: " + p)
        sys.exit(1 if problems else 0)
    if a.cmd == "dataset":
        from .dataset import main_build
        main_build(a)
    if a.cmd == "validate-dataset":
        from .dataset import validate_dataset
        problems = validate_dataset(Path(a.dir))
        print(f"validate-dataset: {'ok' if not problems else f'FAILED ({len(problems)} problems)'}")
        sys.exit(1 if problems else 0)
    if a.cmd == "dashboard":
        from .dashboard import dashboard
        dashboard(Path(a.dir))
    if a.cmd == "build-names":
        from .build_names import build
        t = build(Path(__file__).parent / "data" / "names.json")
        print(f"{len(t)} countries")
    if a.cmd == "build-blocklist":
        from . import privacy
        cdir = a.corpus or privacy.corpus_dir()
        if not cdir:
            sys.exit("corpus not found (set CVSHIELD_CORPUS)")
        d = privacy.build_blocklist(cdir)
        print(f"{len(d['values'])} values, {len(d['phones'])} phones")
