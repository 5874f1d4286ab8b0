"""Generate N synthetic CVs from a seed: profile -> layout tree -> file + gold labels.

Each document has its own RNG seeded from (seed, index), so documents are independent of each
other and of the worker count: the same seed always gives the same texts and labels. Files that
need a real producer (Chromium, LibreOffice) are written as HTML/DOCX/ODT first and converted in
batches afterwards; the intermediate file is then removed. A run may instead, or as well, render
documents through the third-party templates (``real.build``): ``templates="all"`` spreads a share
of the indices over them, so one seed makes the whole mixed dataset.
"""
import datetime as dt
import hashlib
import json
import math
import os
import random
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from . import producers
from .labels import linearize, sensitive_stated, visible_profile
from .layouts import LAYOUTS
from .layouts.common import Ctx
from .digest import canonical, sha
from .locales import LOCALE_WEIGHTS, LOCALES
from .profile import make_profile
from .writers import docx as docx_w, html as html_w, odt as odt_w, pdf_reportlab, rtf as rtf_w, text as text_w

SCHEMA_VERSION = 1
EXT = {"pdf": "pdf", "docx": "docx", "odt": "odt", "rtf": "rtf", "html": "html", "txt": "txt", "md": "md"}


def doc_rng(seed, index):
    h = hashlib.sha256(f"cvgen:{seed}:{index}".encode()).digest()
    return random.Random(int.from_bytes(h[:8], "big"))


def plan(seed, index, layouts=None):
    """Locale, layout (one of ``layouts``, default all), format and producer for one document
    (cheap, deterministic)."""
    rng = doc_rng(seed, index)
    locs = list(LOCALE_WEIGHTS)
    locale = rng.choices(locs, [LOCALE_WEIGHTS[l] for l in locs])[0]
    layout = rng.choice(sorted(layouts or LAYOUTS))
    fmt, producer = rng.choice(LAYOUTS[layout][1]).split(":")
    return rng, locale, layout, fmt, producer


def build_one(seed, index, out_dir, layouts=None, promotion=None):
    """One document through a built-in layout; ``layouts`` and ``promotion`` (the share of
    careers with a promotion) narrow a run to some layouts and careers, as for a probe set."""
    if os.environ.get("PYTHONHASHSEED") != "0":
        raise RuntimeError("run through `python -m cvgen` (needs PYTHONHASHSEED=0 for reproducible Faker output)")
    rng, locale, layout, fmt, producer = plan(seed, index, layouts)
    start = dt.date(2018, 1, 1).toordinal()
    doc_date = dt.date.fromordinal(start + rng.randint(0, 8 * 365 + 150))
    profile = make_profile(rng, locale, doc_date, promotion)
    ctx = Ctx(rng, locale, profile)
    doc = LAYOUTS[layout][0](ctx)
    deco = text_w.deco_for(fmt, doc)
    text, entities, fields, sections = linearize(doc, deco)
    for e in entities:
        e["text"] = text[e["start"]:e["end"]]
    doc_id = f"cv-{seed}-{index:06d}"
    out_dir = Path(out_dir)
    lang = LOCALES[locale]["lang"]
    pending = None
    if fmt in ("txt", "md"):
        text_w.write(doc, out_dir / f"{doc_id}.{fmt}", fmt)
    elif fmt == "html":
        html_w.write(doc, out_dir / f"{doc_id}.html", lang)
    elif fmt == "docx":
        docx_w.write(doc, out_dir / f"{doc_id}.docx")
    elif fmt == "odt":
        odt_w.write(doc, out_dir / f"{doc_id}.odt")
    elif fmt == "rtf":
        rtf_w.write(doc, out_dir / f"{doc_id}.rtf")
    elif producer == "reportlab":
        pdf_reportlab.write(doc, out_dir / f"{doc_id}.pdf")
    elif producer == "chromium":
        html_w.write(doc, out_dir / f"{doc_id}.html", lang)
        pending = ("chromium", str(out_dir / f"{doc_id}.html"))
    elif producer == "libreoffice":
        docx_w.write(doc, out_dir / f"{doc_id}.docx")
        pending = ("libreoffice", str(out_dir / f"{doc_id}.docx"))
    elif producer == "libreoffice-odt":
        odt_w.write(doc, out_dir / f"{doc_id}.odt")
        pending = ("libreoffice", str(out_dir / f"{doc_id}.odt"))
    meta = profile.pop("meta")
    source_format = {"chromium": "html", "libreoffice": "docx", "libreoffice-odt": "odt"}.get(producer) if fmt == "pdf" else None
    gold = dict(
        schema_version=SCHEMA_VERSION, id=doc_id, seed=seed, index=index, locale=locale, language=lang,
        layout=layout, format=fmt, producer=producer, source_format=source_format,
        file=f"{doc_id}.{EXT[fmt]}", document_date=doc_date.isoformat(), name_style=ctx.name_style,
        name_origin=meta["name_origin"], domain=meta["domain"], text=text, entities=entities, fields=fields,
        sections=sections, profile=visible_profile(profile, fields),
    )
    gold["sensitive"] = sorted(sensitive_stated(gold))
    (out_dir / f"{doc_id}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
    labels = {k: gold[k] for k in ("entities", "fields", "sections", "profile")}
    entry = dict(id=doc_id, locale=locale, layout=layout, format=fmt, producer=producer, file=gold["file"],
                 gold=f"{doc_id}.gold.json", chars=len(text), entities=len(entities), text_sha256=sha(text),
                 labels_sha256=sha(canonical(labels)))
    return entry, pending


def kind_of(index, templates="builtin", real_share=0.5):
    """'builtin' or 'real' for document ``index``. In a mixed run (``templates="all"``) the real
    documents are spread evenly: index i is real when floor((i+1)·share) > floor(i·share)."""
    if templates != "all":
        return templates
    return "real" if math.floor((index + 1) * real_share) > math.floor(index * real_share) else "builtin"


def real_ordinal(index, templates="real", real_share=0.5):
    """How many real documents precede ``index``: the round robin over the templates uses it."""
    return index if templates == "real" else math.floor(index * real_share)


def build_any(seed, index, out_dir, templates="builtin", real_share=0.5, layouts=None, promotion=None):
    """(entry or None, pending conversion or None, drop reason or None) for one document."""
    if kind_of(index, templates, real_share) == "real":
        from .real.build import build_real
        entry, why = build_real(seed, index, out_dir, ordinal=real_ordinal(index, templates, real_share))
        return entry, None, why
    entry, pending = build_one(seed, index, out_dir, layouts, promotion)
    return entry, pending, None


def _build_star(args):
    return build_any(*args)


def run_all(fn, seed, count, out, workers=None, extra=()):
    """fn((seed, index, out, *extra)) for every index, on up to ``workers`` processes (fn must be top-level)."""
    workers = workers or min(2, os.cpu_count() or 1)
    jobs = [(seed, i, str(out), *extra) for i in range(count)]
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as ex:
            return list(ex.map(fn, jobs, chunksize=4))
    return [fn(j) for j in jobs]


def generate(seed, count, out, workers=None, log=print, templates="builtin", real_share=0.5, layouts=None, promotion=None):
    """``count`` documents from ``seed`` into ``out``: through the built-in layouts
    (``templates="builtin"``), the third-party templates of cvgen/templates.json (``"real"``; a
    document whose labels cannot be placed is dropped) or both in one run (``"all"``, a
    ``real_share`` of them real); ``layouts`` and ``promotion`` narrow the built-in ones."""
    from collections import Counter
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    entries, pend, dropped = [], [], Counter()
    results = run_all(_build_star, seed, count, out, workers, (templates, real_share, layouts, promotion))
    for entry, pending, why in results:
        if entry:
            entries.append(entry)
        if pending:
            pend.append(pending)
        if why:
            dropped[why] += 1
    t_build = time.time() - t0
    log(f"built {count} documents in {t_build:.1f}s ({len(pend)} need a producer, {sum(dropped.values())} dropped)")

    t1 = time.time()
    lo = [p for k, p in pend if k == "libreoffice"]
    cr = [p for k, p in pend if k == "chromium"]
    if lo:
        producers.libreoffice_to_pdf(lo, out)
        log(f"libreoffice: {len(lo)} files in {time.time() - t1:.1f}s")
    t2 = time.time()
    if cr:
        producers.chromium_to_pdf([(h, str(Path(h).with_suffix('.pdf'))) for h in cr])
        log(f"chromium: {len(cr)} files in {time.time() - t2:.1f}s")
    for _k, src in pend:
        Path(src).unlink(missing_ok=True)
    versions = producers.producer_versions() if templates != "real" else {}
    for e in entries:
        if "status" in e:               # a real template's document: rendered and checked already
            continue
        e["status"] = "ok" if (out / e["file"]).exists() else "render_failed"
        # the built-in layouts are templates too, so splits can treat both kinds alike
        e["template"] = e["layout"]
        e["producer_version"] = versions.get({"libreoffice-odt": "libreoffice"}.get(e["producer"], e["producer"]),
                                             f"cvgen {SCHEMA_VERSION}")
    failed = [e["id"] for e in entries if e["status"] != "ok"]
    entries.sort(key=lambda e: e["id"])
    with open(out / "manifest.jsonl", "w", encoding="utf-8") as f:
        for e in entries:
            f.write(canonical(e) + "\n")
    fp = fingerprint(entries)
    if templates != "builtin":
        from .real import templates as registry
        reg = registry()
        versions = {**versions, **{t: reg[t]["version"] for t in sorted({e["template"] for e in entries if e["template"] in reg})}}
    info = dict(seed=seed, count=len(entries), fingerprint=fp, failed=len(failed), seconds=round(time.time() - t0, 1),
                producers=versions, generator_schema_version=SCHEMA_VERSION)
    if templates != "builtin":
        info.update(family=templates, requested=count, dropped=dict(dropped.most_common()))
    if templates == "all":
        info["real_share"] = real_share
    if layouts:                 # a narrowed run: validate regenerates its documents the same way
        info["layouts"] = sorted(layouts)
    if promotion is not None:
        info["promotion"] = promotion
    (out / "fingerprint.json").write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    log(f"done: {len(entries)}/{count} documents, {len(failed)} render failures, dropped {dict(dropped)}, "
        f"fingerprint {fp[:16]}, {info['seconds']}s")
    return info


def fingerprint(entries):
    """sha256 over the texts and labels (not the binary files, which carry timestamps)."""
    h = hashlib.sha256()
    for e in sorted(entries, key=lambda e: e["id"]):
        h.update(canonical({k: e[k] for k in ("id", "locale", "layout", "format", "producer", "text_sha256",
                                                 "labels_sha256")}).encode())
        h.update(b"\n")
    return h.hexdigest()
