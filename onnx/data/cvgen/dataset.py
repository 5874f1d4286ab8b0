"""Training datasets for the two taggers: featurizer tokens + ids with BIO tags from the gold spans.

``build_dataset`` runs ``cvshield features`` (the Rust featurizer, so training sees exactly the
tokens and ids the library computes at run time) over every document of a generated directory,
re-aligns each gold entity onto the featurizer's ``text`` with :func:`cvgen.align.align_doc`
(extraction reorders and re-breaks text, so gold offsets on the renderer's source do not apply),
and turns the aligned spans into one BIO tag per token for each label set:

- parser: NAME (the candidate's PERSON), TITLE, ORG, SCHOOL, DEGREE, DATE, LOCATION, SKILL;
- anonymizer: PERSON, ADDRESS, POSTCODE, LOCATION, PLACE_OF_BIRTH, ORG, SCHOOL, DATE_OF_BIRTH,
  AGE, GENDER, NATIONALITY, MARITAL_STATUS, RELIGION, HEALTH, AWARD, PUBLICATION, PHOTO.

A token is inside a span when their character ranges overlap. When spans of one label set
overlap, the one removed at the lower anonymisation level wins (anonymizer; the parser prefers
NAME), then the longer; the loser is dropped and counted. Documents go to train / validation /
test by the directory's ``splits.json`` (made by ``cvgen split`` when missing). Output:
``parser.<split>.jsonl``, ``anonymizer.<split>.jsonl`` (one record per document, see
``schemas/dataset-record.schema.json``) and ``dataset.json`` (counts, label balance, alignment,
featurizer version, source fingerprint; ``schemas/dataset.schema.json``). ``validate_dataset``
checks all of it and fails loudly.
"""
import bisect
import hashlib
import json
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

from .align import align_doc
from .splits import summary as split_summary, template_of, unseen_problems

PARSER_LABELS = ["NAME", "TITLE", "ORG", "SCHOOL", "DEGREE", "DATE", "LOCATION", "SKILL"]
ANONYMIZER_LABELS = ["PERSON", "ADDRESS", "POSTCODE", "LOCATION", "PLACE_OF_BIRTH", "ORG", "SCHOOL",
                     "DATE_OF_BIRTH", "AGE", "GENDER", "NATIONALITY", "MARITAL_STATUS", "RELIGION", "HEALTH",
                     "AWARD", "PUBLICATION", "PHOTO"]
TASKS = {"parser": PARSER_LABELS, "anonymizer": ANONYMIZER_LABELS}
SPLITS = ["train", "validation", "test"]
LEVEL_RANK = {"basic": 0, "moderate": 1, "thorough": 2, None: 3}
REPO = Path(__file__).resolve().parents[3]
CHUNK = 200  # documents per `cvshield features` run (keeps argv short, shows progress)


def tag_names(labels):
    """The BIO tag set in model order: O, then B-X, I-X for each label X."""
    return ["O"] + [f"{p}-{x}" for x in labels for p in ("B", "I")]


def parser_label(entity):
    if entity["type"] == "PERSON":
        return "NAME" if entity.get("role") == "candidate" else None
    return entity["type"] if entity["type"] in PARSER_LABELS else None


def anonymizer_label(entity):
    return entity["type"] if entity["type"] in ANONYMIZER_LABELS else None


LABELLERS = {"parser": parser_label, "anonymizer": anonymizer_label}


def _priority(task, entity, label):
    if task == "parser":
        rank = 0 if label == "NAME" else 1
    else:
        rank = LEVEL_RANK.get(entity.get("level"), 3)
    return (rank, -(entity["ext_end"] - entity["ext_start"]), entity["ext_start"])


def bio_tags(task, tokens, aligned):
    """(tags, spans, dropped_overlaps) for one document and label set. ``tokens`` are
    [charStart, charEnd, line]; ``aligned`` are align_doc results (ext_start/ext_end or dropped)."""
    labelled = []
    for e in aligned:
        label = LABELLERS[task](e)
        if label and e.get("dropped") is None and e["ext_end"] > e["ext_start"]:
            labelled.append((e, label))
    labelled.sort(key=lambda el: _priority(task, *el))
    owner = [None] * len(tokens)
    starts = [t[0] for t in tokens]
    kept, overlaps = [], 0
    for e, label in labelled:
        s, t = e["ext_start"], e["ext_end"]
        lo = max(0, bisect.bisect_right(starts, s) - 1)
        covered = []
        for i in range(lo, len(tokens)):
            ts, te = tokens[i][0], tokens[i][1]
            if ts >= t:
                break
            if te > s:
                covered.append(i)
        if not covered:
            continue
        if any(owner[i] is not None for i in covered):
            overlaps += 1
            continue
        for i in covered:
            owner[i] = len(kept)
        kept.append((s, t, label, covered[0]))
    tags = ["O"] * len(tokens)
    for i, o in enumerate(owner):
        if o is not None:
            s, t, label, first = kept[o]
            tags[i] = ("B-" if i == first else "I-") + label
    spans = sorted([s, t, label] for s, t, label, _ in kept)
    return tags, spans, overlaps


def _features_command(cvshield):
    if cvshield:
        return [str(cvshield), "features", "--no-progress"]
    subprocess.run(["cargo", "build", "--release", "--bin", "cvshield"], cwd=REPO, check=True)
    return [str(REPO / "target" / "release" / "cvshield"), "features", "--no-progress"]


def run_features(files, cvshield=None, jobs=None, log=print):
    """Yield `cvshield features` JSON records for `files`, in order."""
    cmd = _features_command(cvshield)
    if jobs:
        cmd += ["-j", str(jobs)]
    for k in range(0, len(files), CHUNK):
        chunk = [str(f) for f in files[k:k + CHUNK]]
        # Two or more inputs give batch JSON lines (path, status, …); a lone input prints a bare
        # record, or nothing and exit status 1 when it fails.
        proc = subprocess.Popen(cmd + chunk, stdout=subprocess.PIPE, text=True, encoding="utf-8")
        single = len(chunk) == 1
        printed = False
        for line in proc.stdout:
            if line.strip():
                rec = json.loads(line)
                printed = True
                yield {"path": chunk[0], "status": "ok", **rec} if single else rec
        code = proc.wait()
        if single and code == 1 and not printed:
            yield {"path": chunk[0], "status": "error", "code": "unknown"}
        elif code not in (0, 1):
            raise RuntimeError(f"cvshield features exited with status {code}")
        log(f"features: {min(k + CHUNK, len(files))}/{len(files)} documents")


def _doc_id(path):
    return Path(path).name.split(".")[0]


def _sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def load_splits(gold_dir, log=print):
    path = Path(gold_dir) / "splits.json"
    if not path.exists():
        from .splits import write_splits
        counts, problems, _ = write_splits(Path(gold_dir))
        log(f"split: {counts}")
        if problems:
            raise RuntimeError("split leakage: " + "; ".join(problems))
    from .splits import load_assignment
    return load_assignment(gold_dir)


def build_dataset(gold_dir, out_dir, cvshield=None, jobs=None, records=None, log=print):
    """Build the datasets. ``records`` (an iterable of `cvshield features` records) replaces
    running the CLI, for tests and for re-using a saved features file."""
    gold_dir, out_dir = Path(gold_dir), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    splits = load_splits(gold_dir, log)
    gold_paths = {p.name[: -len(".gold.json")]: p for p in sorted(gold_dir.glob("*.gold.json"))}
    ids = [i for i in gold_paths if i in splits]
    if records is None:
        files = [gold_dir / json.loads(gold_paths[i].read_text(encoding="utf-8"))["file"] for i in ids]
        records = run_features(files, cvshield, jobs, log)
    outs = {(task, s): open(out_dir / f"{task}.{s}.jsonl", "w", encoding="utf-8") for task in TASKS for s in SPLITS}
    docs, tokens_n = Counter(), Counter()
    spans_n = {task: defaultdict(Counter) for task in TASKS}
    tags_n = {task: defaultdict(Counter) for task in TASKS}
    overlaps = Counter()
    align_total, align_ok, align_drop = Counter(), Counter(), Counter()
    failed = Counter()
    versions = set()
    geometry = set()
    seen = set()
    try:
        for rec in records:
            doc_id = _doc_id(rec.get("path", ""))
            if doc_id not in gold_paths or doc_id not in splits or doc_id in seen:
                continue
            seen.add(doc_id)
            if rec.get("status") != "ok":
                failed[rec.get("code", "unknown")] += 1
                continue
            gold = json.loads(gold_paths[doc_id].read_text(encoding="utf-8"))
            split = splits[doc_id]
            versions.add(rec["featurizerVersion"])
            geometry.add((rec["slots"], rec["buckets"]))
            aligned = align_doc(gold, rec["text"])
            for e in aligned:
                align_total[e["type"]] += 1
                if e["dropped"] is None:
                    align_ok[e["type"]] += 1
                else:
                    align_drop[f"{e['type']}:{e['dropped']}"] += 1
            docs[split] += 1
            tokens_n[split] += len(rec["tokens"])
            base = dict(id=doc_id, locale=gold["locale"], layout=gold["layout"], template=template_of(gold), format=gold["format"],
                        producer=gold["producer"], featurizerVersion=rec["featurizerVersion"],
                        textSha256=hashlib.sha256(rec["text"].encode("utf-8")).hexdigest(),
                        tokens=rec["tokens"], ids=rec["ids"])
            for task in TASKS:
                tags, spans, n_over = bio_tags(task, rec["tokens"], aligned)
                overlaps[task] += n_over
                for _, _, label in spans:
                    spans_n[task][split][label] += 1
                for t in tags:
                    tags_n[task][split][t] += 1
                out = dict(base, tags=tags, spans=spans)
                outs[(task, split)].write(json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n")
    finally:
        for f in outs.values():
            f.close()
    if len(versions) > 1 or len(geometry) > 1:
        raise RuntimeError(f"featurizer output is inconsistent: versions {sorted(versions)}, slots/buckets {sorted(geometry)}")
    fp_path = gold_dir / "fingerprint.json"
    source_fp = json.loads(fp_path.read_text(encoding="utf-8")).get("fingerprint") if fp_path.exists() else None
    slots, buckets = next(iter(geometry)) if geometry else (None, None)
    n_all, n_ok = sum(align_total.values()), sum(align_ok.values())
    summary = dict(
        schemaVersion=1,
        featurizerVersion=next(iter(versions)) if versions else None,
        slots=slots, buckets=buckets,
        source=dict(dir=gold_dir.name, fingerprint=source_fp, documents=len(ids)),
        documents={s: docs[s] for s in SPLITS},
        tokens={s: tokens_n[s] for s in SPLITS},
        failed=dict(failed),
        alignment=dict(entities=n_all, aligned=n_ok, rate=round(n_ok / n_all, 5) if n_all else None,
                       dropped=dict(align_drop.most_common())),
        tasks={task: dict(
            labels=labels, tags=tag_names(labels), overlapsDropped=overlaps[task],
            spans={s: {l: spans_n[task][s][l] for l in labels} for s in SPLITS},
            tagCounts={s: {t: tags_n[task][s][t] for t in tag_names(labels)} for s in SPLITS},
        ) for task, labels in TASKS.items()},
        files={f"{task}.{s}.jsonl": _sha256_file(out_dir / f"{task}.{s}.jsonl") for task in TASKS for s in SPLITS},
    )
    (out_dir / "dataset.json").write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    log(json.dumps(dict(documents=summary["documents"], failed=summary["failed"],
                        alignment_rate=summary["alignment"]["rate"]), indent=None))
    return summary


# ---------------------------------------------------------------------------------------------
# Validation

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
SCHEMA_SAMPLE = 200  # records per file checked against the JSON Schema (all records get the fast checks)


def validate_dataset(out_dir, log=print):
    """Check a dataset directory; returns a list of problems (empty = valid) and logs a report."""
    import jsonschema
    out_dir = Path(out_dir)
    problems = []
    try:
        summary = json.loads((out_dir / "dataset.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        return [f"dataset.json unreadable: {e}"]
    schema_summary = json.loads((SCHEMA_DIR / "dataset.schema.json").read_text(encoding="utf-8"))
    schema_record = json.loads((SCHEMA_DIR / "dataset-record.schema.json").read_text(encoding="utf-8"))
    for err in jsonschema.Draft202012Validator(schema_summary).iter_errors(summary):
        problems.append(f"dataset.json schema: {err.message[:200]}")
    record_validator = jsonschema.Draft202012Validator(schema_record)
    version, slots, buckets = summary.get("featurizerVersion"), summary.get("slots"), summary.get("buckets")
    ids_by_split = {task: defaultdict(set) for task in TASKS}
    text_by_split, layouts, kinds = defaultdict(set), defaultdict(set), []
    for task, labels in TASKS.items():
        tagset = set(tag_names(labels))
        present = Counter()
        for split in SPLITS:
            path = out_dir / f"{task}.{split}.jsonl"
            if not path.exists():
                problems.append(f"{path.name} missing")
                continue
            expected_sha = summary.get("files", {}).get(path.name)
            if expected_sha and expected_sha != _sha256_file(path):
                problems.append(f"{path.name} differs from the checksum in dataset.json")
            texts_here = set()
            with open(path, encoding="utf-8") as f:
                lines = list(f)
            for n, line in enumerate(lines):
                where = f"{path.name}:{n + 1}"
                try:
                    rec = json.loads(line)
                except ValueError:
                    problems.append(f"{where}: not JSON")
                    continue
                if n < SCHEMA_SAMPLE:
                    for err in record_validator.iter_errors(rec):
                        problems.append(f"{where} schema: {err.message[:200]}")
                        break
                problems.extend(f"{where}: {p}" for p in _record_problems(rec, version, slots, buckets, tagset))
                doc_id = rec.get("id")
                if doc_id in ids_by_split[task][split]:
                    problems.append(f"{where}: duplicate record for a document id")
                ids_by_split[task][split].add(doc_id)
                sha = rec.get("textSha256")
                if sha in texts_here:
                    problems.append(f"{where}: identical text in two records")
                texts_here.add(sha)
                text_by_split[split].add(sha)
                layouts[split].add(rec.get("template") or rec.get("layout"))
                if task == "parser":
                    kinds.append((dict(id=doc_id, layout=rec.get("layout"), template=rec.get("template"),
                                       producer=rec.get("producer")), split))
                if split == "train":
                    for t in rec.get("tags", []):
                        if t.startswith("B-"):
                            present[t[2:]] += 1
        missing = [l for l in labels if present[l] == 0]
        if missing:
            problems.append(f"{task}: labels absent from train: {missing}")
        log(f"{task}: train spans per label " + ", ".join(f"{l}={present[l]}" for l in labels))
    # Leakage between splits.
    for task in TASKS:
        for a in SPLITS:
            for b in SPLITS:
                if a < b and ids_by_split[task][a] & ids_by_split[task][b]:
                    problems.append(f"{task}: document ids in both {a} and {b}")
    if {s: ids_by_split["parser"][s] for s in SPLITS} != {s: ids_by_split["anonymizer"][s] for s in SPLITS}:
        problems.append("parser and anonymizer files hold different documents")
    for a in SPLITS:
        for b in SPLITS:
            if a < b and text_by_split[a] & text_by_split[b]:
                problems.append(f"identical text in both {a} and {b}")
    unseen = layouts["test"] - layouts["train"] - layouts["validation"]
    if layouts["test"] and not unseen:
        problems.append("every test template also occurs in train or validation (no unseen templates)")
    problems += unseen_problems(split_summary([e for e, _ in kinds], {e["id"]: s for e, s in kinds}), require=False)
    log(f"documents {summary.get('documents')}, test-only templates {sorted(unseen)}, featurizer {version}")
    for p in problems[:50]:
        log("PROBLEM: " + p)
    if len(problems) > 50:
        log(f"... and {len(problems) - 50} more problems")
    return problems


def _record_problems(rec, version, slots, buckets, tagset):
    out = []
    if rec.get("featurizerVersion") != version:
        out.append("featurizer version differs from dataset.json")
    tokens, ids, tags = rec.get("tokens", []), rec.get("ids", []), rec.get("tags", [])
    if not (len(tokens) == len(ids) == len(tags)):
        out.append("tokens, ids and tags differ in length")
    if any(len(row) != slots for row in ids):
        out.append("an ids row has the wrong number of slots")
    if any(not (0 <= i < buckets) for row in ids for i in row):
        out.append("an id is outside 0..buckets")
    if any(t not in tagset for t in tags):
        out.append("unknown tag")
    prev = None
    for t in tags:
        if t.startswith("I-") and prev not in (f"B-{t[2:]}", t):
            out.append("I- tag without a preceding B-/I- of the same label")
            break
        prev = t
    return out


def main_build(a):
    try:
        build_dataset(a.dir, a.out, cvshield=a.cvshield, jobs=a.jobs,
                      records=_read_records(a.features) if a.features else None,
                      log=lambda m: print(m, file=sys.stderr))
    except (RuntimeError, subprocess.CalledProcessError) as e:
        sys.exit(f"dataset: {e}")


def _read_records(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)
