"""Train / validation / test assignment by layout and locale (groundwork for the dataset step).

Documents are grouped by (layout, locale). Two layouts never reach training or validation: the
test split holds layouts the models have not seen. The remaining groups go to validation or
test by a stable hash of the group (about 10 % each), so those splits also hold layout x locale
combinations unseen in training, and no group is ever split across two splits. ``leakage``
checks that, and that no text appears in more than one split (candidate names shared across
splits by chance are counted).
"""
import hashlib
import json
from collections import defaultdict
from pathlib import Path

TEST_LAYOUTS = {"academic", "spaced_caps"}


def split_of(layout, locale):
    if layout in TEST_LAYOUTS:
        return "test"
    h = int(hashlib.sha256(f"{layout}|{locale}".encode()).hexdigest()[:8], 16) % 100
    return "validation" if h < 10 else "test" if h < 20 else "train"


def leakage(entries, golds_by_id):
    """Problems (strings without document content) if anything crosses splits."""
    problems = []
    where = defaultdict(set)
    for e in entries:
        s = split_of(e["layout"], e["locale"])
        where[("group", e["layout"], e["locale"])].add(s)
        where[("text", e["text_sha256"])].add(s)
        g = golds_by_id.get(e["id"])
        if g:
            name = hashlib.sha256(g["profile"]["basics"]["name"].casefold().encode()).hexdigest()
            where[("name", name)].add(s)
    shared_names = 0
    for key, splits in where.items():
        if len(splits) > 1:
            if key[0] == "name":     # common names recur by chance; counted, not a failure
                shared_names += 1
            else:
                problems.append(f"{key[0]} occurs in splits {sorted(splits)}")
    train_layouts = {e["layout"] for e in entries if split_of(e["layout"], e["locale"]) == "train"}
    if not (TEST_LAYOUTS - train_layouts):
        problems.append("test split has no layout unseen in training")
    return problems, shared_names


def write_splits(d: Path):
    d = Path(d)
    entries = [json.loads(l) for l in (d / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
    golds = {e["id"]: json.loads((d / e["gold"]).read_text(encoding="utf-8")) for e in entries}
    out = {e["id"]: split_of(e["layout"], e["locale"]) for e in entries}
    (d / "splits.json").write_text(json.dumps(out, indent=0) + "\n", encoding="utf-8")
    counts = defaultdict(int)
    for s in out.values():
        counts[s] += 1
    problems, shared_names = leakage(entries, golds)
    return dict(counts), problems, shared_names
