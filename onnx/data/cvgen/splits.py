"""Train / validation / test assignment that leaves whole templates and producers out of training.

The unit is the *template*: one of our layouts, or a third-party template (a rendercv theme, a
JSON Resume theme, a LaTeX class…) named by the manifest's ``template`` field; a document without
that field uses its layout as the template. The test split holds, whole, templates and producers
the models never saw, so the test figures measure generalisation to unseen CV makers:

- our layouts in ``TEST_TEMPLATES`` (a fixed set, so model cards stay comparable across releases):
  a pair chosen at the start, and ``europass_online``, made for a probe of the parser (issue 20)
  and held out so that no default run trains on the layout the probe measures;
- third-party templates picked by a stable hash of their name (about 15 %);
- every document made by a producer in ``TEST_PRODUCERS`` (all of them that the data holds).

The remaining documents go to validation by a stable hash of (template, locale) (about 10 %), so
validation holds template x locale combinations unseen in training, and to train otherwise.

``splits.json`` records ``documents`` (id → split), and per split the ``templates`` and
``producers`` it holds, plus the ``held_out`` lists. ``leakage`` fails when a held-out template
or producer reaches train or validation, when the data holds no held-out producer, when a group
or a text crosses splits (candidate names shared by chance are counted, not failed).
"""
import hashlib
import json
from collections import defaultdict
from pathlib import Path

from .layouts import LAYOUTS

TEST_TEMPLATES = {"academic", "spaced_caps", "europass_online"}
TEST_PRODUCERS = {"rtf-writer", "typst"}
THIRD_PARTY_TEST_PERCENT = 15
VALIDATION_PERCENT = 10
SPLITS = ("train", "validation", "test")


def _bucket(key):
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % 100


def template_of(entry):
    """The template of a manifest entry or gold file (the layout when it names none)."""
    return entry.get("template") or entry["layout"]


def held_out_template(template):
    if template in LAYOUTS:
        return template in TEST_TEMPLATES
    return _bucket(f"template|{template}") < THIRD_PARTY_TEST_PERCENT


def split_of(entry):
    template = template_of(entry)
    if held_out_template(template) or entry.get("producer") in TEST_PRODUCERS:
        return "test"
    return "validation" if _bucket(f"{template}|{entry['locale']}") < VALIDATION_PERCENT else "train"


def summary(entries, assigned):
    """Per split, the sorted templates and producers it holds; and the held-out lists present."""
    templates, producers = defaultdict(set), defaultdict(set)
    for e in entries:
        s = assigned[e["id"]]
        templates[s].add(template_of(e))
        producers[s].add(e.get("producer"))
    present_t = {t for s in SPLITS for t in templates[s]}
    present_p = {p for s in SPLITS for p in producers[s]}
    return dict(
        templates={s: sorted(templates[s]) for s in SPLITS},
        producers={s: sorted(p for p in producers[s] if p) for s in SPLITS},
        held_out=dict(templates=sorted(t for t in present_t if held_out_template(t)),
                      producers=sorted(p for p in present_p if p in TEST_PRODUCERS)),
    )


def leakage(entries, golds_by_id, assigned=None):
    """Problems (strings without document content) if anything crosses splits in ``assigned``
    (id → split; by default the assignment ``split_of`` makes)."""
    assigned = assigned or {e["id"]: split_of(e) for e in entries}
    problems = []
    where = defaultdict(set)
    for e in entries:
        s = assigned.get(e["id"])
        if s is None:
            problems.append("a document has no split")
            continue
        where[("text", e["text_sha256"])].add(s)
        if s != "test":
            where[("group", template_of(e), e["locale"])].add(s)
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
    s = summary(entries, assigned)
    # a probe set (all test, nothing trains on it) need not hold anything out of training
    problems += unseen_problems(s, require=set(assigned.values()) != {"test"})
    return problems, shared_names


def unseen_problems(s, require=True):
    """Problems with a splits summary: a held-out template or producer seen in training, or (with
    ``require``) none held out at all."""
    problems = []
    seen = {kind: set(s[kind]["train"]) | set(s[kind]["validation"]) for kind in ("templates", "producers")}
    for kind in ("templates", "producers"):
        for name in s[kind]["test"]:
            if name in s["held_out"][kind] and name in seen[kind]:
                problems.append(f"held-out {kind[:-1]} {name} occurs in train or validation")
        if require and not s["held_out"][kind]:
            problems.append(f"test split has no {kind[:-1]} unseen in training")
    return problems


def kinds_problems(entries, assigned):
    """For a run of both kinds: the test split must hold out, whole, at least one of our layouts
    and one third-party template, and a producer of each kind, so both generalisations show."""
    s = summary(entries, assigned)
    third = {e.get("producer") for e in entries if template_of(e) not in LAYOUTS}
    problems = []
    if not any(t in LAYOUTS for t in s["held_out"]["templates"]):
        problems.append("test split holds out none of the built-in layouts")
    if not any(t not in LAYOUTS for t in s["held_out"]["templates"]):
        problems.append("test split holds out no third-party template")
    if not any(p in third for p in s["held_out"]["producers"]):
        problems.append("test split holds out no third-party producer")
    if not any(p not in third for p in s["held_out"]["producers"]):
        problems.append("test split holds out no built-in producer")
    return problems


def load_assignment(d):
    """id → split from ``d/splits.json`` (also the older flat form without the lists)."""
    data = json.loads((Path(d) / "splits.json").read_text(encoding="utf-8"))
    return data["documents"] if isinstance(data.get("documents"), dict) else data


def write_splits(d: Path, probe=False):
    """Write ``d/splits.json``; a ``probe`` set (layouts new to the parser, never trained on) puts
    every document in test."""
    d = Path(d)
    entries = [json.loads(l) for l in (d / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
    golds = {e["id"]: json.loads((d / e["gold"]).read_text(encoding="utf-8")) for e in entries}
    assigned = {e["id"]: "test" if probe else split_of(e) for e in entries}
    out = dict(documents=assigned, **summary(entries, assigned))
    (d / "splits.json").write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    counts = defaultdict(int)
    for s in assigned.values():
        counts[s] += 1
    problems, shared_names = leakage(entries, golds, assigned)
    fp = d / "fingerprint.json"
    if fp.exists() and json.loads(fp.read_text(encoding="utf-8")).get("family") == "all":
        problems += kinds_problems(entries, assigned)
    return dict(counts), problems, shared_names
