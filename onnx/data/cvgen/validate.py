"""``python -m cvgen validate DIR``: every check that must hold before a dataset is used.

Schema (manifest, fingerprint, every gold file), span integrity (each entity's text equals the
source text slice, no overlapping entities, fields/sections inside the text), rendered files
present, fingerprint recomputed, label balance (every entity type, locale, layout, format and
producer represented, no locale or layout dominating), duplicates (identical texts, repeated
candidate names), determinism (a sample regenerated from the seed gives identical texts and
labels) and privacy against the real-world corpus. Runs of third-party templates (``generate
--templates real``) are balanced over the registry's templates and producers instead of the
built-in layouts, mixed runs (``--templates all``) over both; the statistics list every template
(built-in layouts too) with its producer and documents. Prints statistics, writes ``stats.json`` and
exits non-zero with a list of failures if anything is wrong.
"""
import json
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from . import privacy
from .generate import build_one, fingerprint
from .labels import sensitive_stated

SCHEMAS = Path(__file__).parent.parent / "schemas"
REQUIRED_TYPES = ["PERSON", "EMAIL", "PHONE", "URL", "ADDRESS", "POSTCODE", "LOCATION", "ORG", "SCHOOL", "DATE",
                  "TITLE", "DEGREE", "SKILL"]
REQUIRED_TYPES_LARGE = ["DATE_OF_BIRTH", "NATIONALITY", "MARITAL_STATUS", "GENDER", "AGE", "HANDLE", "PHOTO",
                        "PLACE_OF_BIRTH", "ID_NUMBER", "RELIGION"]


def _validator(name):
    reg = Registry()
    for p in SCHEMAS.glob("*.schema.json"):
        s = json.loads(p.read_text(encoding="utf-8"))
        reg = reg.with_resource(s["$id"].split("/")[-1], Resource.from_contents(s))
        reg = reg.with_resource(s["$id"], Resource.from_contents(s))
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, registry=reg)


def stats_of(golds, entries):
    st = dict(documents=len(entries))
    for k in ("format", "producer", "layout", "locale"):
        st[k] = dict(sorted(Counter(e[k] for e in entries).items()))
    st["entity_type"] = dict(sorted(Counter(x["type"] for g in golds for x in g["entities"]).items()))
    st["entity_level"] = dict(sorted(Counter(str(x["level"]) for g in golds for x in g["entities"]).items()))
    st["name_style"] = dict(sorted(Counter(g.get("name_style") for g in golds).items()))
    st["name_origin"] = dict(Counter(g.get("name_origin") for g in golds).most_common())
    st["docs_with_sensitive"] = dict(sorted(Counter(t for g in golds for t in sensitive_stated(g)).items()))
    by_loc = defaultdict(Counter)
    for g in golds:
        by_loc[g["locale"]]["documents"] += 1
        for t in sensitive_stated(g):
            by_loc[g["locale"]][t] += 1
    st["sensitive_rate_by_locale"] = {loc: {t: round(c[t] / c["documents"], 3) for t in sorted(c) if t != "documents"}
                                      for loc, c in sorted(by_loc.items())}
    lens = sorted(len(g["text"]) for g in golds)
    st["chars"] = dict(min=lens[0], median=lens[len(lens) // 2], max=lens[-1], mean=round(sum(lens) / len(lens), 1)) if lens else {}
    return st


def validate(d: Path, recheck=20, corpus=None, log=print):
    fails = []

    def fail(msg):
        fails.append(msg)

    man_path = d / "manifest.jsonl"
    if not man_path.exists():
        log(f"FAIL: {man_path} missing")
        return False
    entries = [json.loads(l) for l in man_path.read_text(encoding="utf-8").splitlines() if l.strip()]
    mv, gv, fv = _validator("manifest.schema.json"), _validator("gold.schema.json"), _validator("fingerprint.schema.json")
    for e in entries:
        for err in mv.iter_errors(e):
            fail(f"manifest {e.get('id')}: {err.message[:120]}")
    info = json.loads((d / "fingerprint.json").read_text(encoding="utf-8")) if (d / "fingerprint.json").exists() else {}
    for err in fv.iter_errors(info):
        fail(f"fingerprint.json: {err.message[:120]}")
    if info.get("fingerprint") != fingerprint(entries):
        fail("fingerprint.json does not match the manifest")
    if info.get("count") != len(entries):
        fail(f"manifest has {len(entries)} lines, fingerprint.json says {info.get('count')}")

    golds = []
    for e in entries:
        if e.get("status") != "ok":
            fail(f"{e['id']}: render failed")
        f = d / e["file"]
        if not f.exists() or f.stat().st_size == 0:
            fail(f"{e['id']}: rendered file missing or empty")
        gp = d / e["gold"]
        if not gp.exists():
            fail(f"{e['id']}: gold file missing")
            continue
        g = json.loads(gp.read_text(encoding="utf-8"))
        golds.append(g)
        for err in gv.iter_errors(g):
            fail(f"{e['id']}: schema: {'/'.join(map(str, err.absolute_path))}: {err.message[:120]}")
        text = g["text"]
        if privacy_sha(text) != e["text_sha256"]:
            fail(f"{e['id']}: text hash differs from manifest")
        last_end = -1
        for x in sorted(g["entities"], key=lambda x: (x["start"], x["end"])):
            if not (0 <= x["start"] < x["end"] <= len(text)):
                fail(f"{e['id']}: entity span out of range at {x['start']}")
            elif text[x["start"]:x["end"]] != x["text"]:
                fail(f"{e['id']}: entity text differs from source slice at {x['start']}")
            if x["start"] < last_end:
                fail(f"{e['id']}: overlapping entities at {x['start']}")
            last_end = max(last_end, x["end"])
        for x in g["fields"] + g["sections"]:
            if not (0 <= x["start"] < x["end"] <= len(text)):
                fail(f"{e['id']}: field/section span out of range at {x['start']}")
        if not any(x["type"] == "PERSON" and x["role"] == "candidate" for x in g["entities"]):
            fail(f"{e['id']}: no candidate PERSON span")
        if not g["sections"]:
            fail(f"{e['id']}: no section headings")

    # leave-templates-out: the recorded splits keep held-out templates and producers out of training,
    # in a mixed run of both kinds (a built-in layout and a third-party template held out at least)
    if (d / "splits.json").exists():
        from .splits import kinds_problems, leakage, load_assignment
        assigned = load_assignment(d)
        problems, _ = leakage(entries, {g["id"]: g for g in golds}, assigned)
        if info.get("family") == "all":
            problems += kinds_problems(entries, assigned)
        for p in problems:
            fail(f"splits.json: {p}")
    elif info.get("family") == "all":
        fail("splits.json missing: a mixed run is checked for its leave-templates-out split (run cvgen split first)")

    # label balance
    st = stats_of(golds, entries)
    n = len(entries)
    family = info.get("family", "builtin")
    from .layouts import LAYOUTS
    from .real import templates
    reg = templates()
    # the third-party templates have no place for a photo caption
    need = REQUIRED_TYPES + ([t for t in REQUIRED_TYPES_LARGE if not (t == "PHOTO" and family == "real")]
                             if n >= 150 else [])
    for t in need:
        if st["entity_type"].get(t, 0) == 0:
            fail(f"balance: entity type {t} never occurs")
    st["templates"] = templates_stats(entries, reg)
    for e in entries:
        if not (e.get("template") in reg if family == "real" else e.get("template", e["layout"]) in {**LAYOUTS, **reg}):
            fail(f"{e['id']}: template {e.get('template')} is neither a layout nor in cvgen/templates.json")
    if n >= 100:
        from .locales import LOCALE_WEIGHTS
        universe = {"builtin": LAYOUTS, "real": reg, "all": {**LAYOUTS, **reg}}[family]
        narrowed = info.get("layouts")          # generate --layouts: only those are expected
        if narrowed:
            universe = narrowed
        for k, names in (("locale", LOCALE_WEIGHTS), ("layout", universe)):
            for u in names:
                if st[k].get(u, 0) == 0:
                    fail(f"balance: {k} {u} never occurs")
            top = max(st[k].values())
            if top > max(0.3, 1.6 / len(names)) * n:
                fail(f"balance: one {k} has {top}/{n} documents")
        builtin = ("chromium", "libreoffice", "reportlab", "python-docx", "odfpy", "rtf-writer", "html-writer", "text")
        if narrowed:
            used = {spec.split(":")[1] for lay in narrowed for spec in LAYOUTS[lay][1]}
            builtin = tuple(p for p in builtin if p in used)
        third = sorted({t["producer"] for t in reg.values()})
        for p in {"builtin": builtin, "real": third, "all": (*builtin, *third)}[family]:
            if st["producer"].get(p, 0) == 0:
                fail(f"balance: producer {p} never occurs")
        for lvl in ("basic", "moderate", "thorough", "None"):
            if st["entity_level"].get(lvl, 0) == 0:
                fail(f"balance: level {lvl} never occurs")

    # duplicates
    dup_text = [h for h, c in Counter(e["text_sha256"] for e in entries).items() if c > 1]
    if dup_text:
        fail(f"duplicates: {len(dup_text)} texts occur more than once")
    names = Counter(g["profile"]["basics"]["name"] for g in golds)
    repeated = sum(c - 1 for c in names.values() if c > 1)
    st["repeated_candidate_names"] = repeated
    if n and repeated > max(2, 0.05 * n):
        fail(f"duplicates: {repeated} candidate names repeat (> 5%)")
    ids = Counter(e["id"] for e in entries)
    if any(c > 1 for c in ids.values()):
        fail("duplicates: repeated document ids")

    # determinism: regenerate a sample from the seed
    if recheck and golds:
        step = max(1, len(golds) // recheck)
        sample = golds[::step][:recheck]
        with tempfile.TemporaryDirectory(prefix="cvgen-recheck-") as tmp:
            for g in sample:
                if g.get("template") in reg:
                    from .real.build import build_real
                    entry, _why = build_real(g["seed"], g["index"], tmp, template=g["template"])
                else:
                    entry, _pending = build_one(g["seed"], g["index"], tmp, info.get("layouts"), info.get("promotion"))
                orig = next(e for e in entries if e["id"] == g["id"])
                if entry is None or entry["text_sha256"] != orig["text_sha256"] or entry["labels_sha256"] != orig["labels_sha256"]:
                    fail(f"{g['id']}: regenerating from the seed gives different text or labels")
        st["determinism_rechecked"] = len(sample)

    # privacy against the real-world corpus
    cdir = Path(corpus) if corpus else privacy.corpus_dir()
    if not cdir or not cdir.is_dir():
        fail("privacy: real-world corpus not found (set CVSHIELD_CORPUS); cannot check")
    else:
        anywhere, values, phones = privacy.corpus_strings(cdir)
        bad = 0
        for g in golds:
            probs = privacy.check_record(g, anywhere, values, phones)
            for p in probs:
                fail(f"{g['id']}: privacy: {p}")
            bad += bool(probs)
        st["privacy_checked_against"] = len(list(cdir.glob("*.truth.json")))
        st["privacy_violations"] = bad

    (d / "stats.json").write_text(json.dumps(st, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    log(json.dumps({k: st[k] for k in ("documents", "format", "producer", "locale", "layout", "entity_level", "chars")},
                   ensure_ascii=False))
    log("entity types: " + json.dumps(st["entity_type"]))
    if fails:
        log(f"VALIDATION FAILED: {len(fails)} problem(s)")
        for m in fails[:50]:
            log("  - " + m)
        if len(fails) > 50:
            log(f"  ... and {len(fails) - 50} more")
        return False
    log(f"validation passed: {n} documents, fingerprint {info['fingerprint'][:16]}")
    return True


def templates_stats(entries, reg):
    """Every template the run used → its producer (a third-party template's own; for a built-in
    layout "cvgen" with the renderers its documents went through), version and documents."""
    out = {}
    for t in sorted({e.get("template", e["layout"]) for e in entries}):
        mine = [e for e in entries if e.get("template", e["layout"]) == t]
        if t in reg:
            out[t] = dict(kind="third-party", producer=reg[t]["producer"], version=reg[t]["version"], documents=len(mine))
        else:
            out[t] = dict(kind="builtin", producer="cvgen", renderers=dict(sorted(Counter(e["producer"] for e in mine).items())),
                          documents=len(mine))
    return out


def privacy_sha(text):
    import hashlib
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
