"""One document through a real producer: source, render, gold from the rendered text layer."""
import datetime as dt
import hashlib
import json
import os
import random
import shutil
import subprocess
import tempfile
from pathlib import Path

from . import templates
from . import latex as latex_src
from .markdown import cv_markdown
from .rendercv_input import rendercv_input
from . import jsonresume
from .locate import Unlocatable, locate, text_layer
from .view import build_view
from ..labels import sensitive_stated, visible_profile
from ..layouts.common import Ctx
from ..locales import LOCALES
from ..profile import make_profile

SCHEMA_VERSION = 1


def real_rng(seed, index):
    h = hashlib.sha256(f"cvgen-real:{seed}:{index}".encode()).digest()
    return random.Random(int.from_bytes(h[:8], "big"))


def plan_real(seed, index, ordinal=None):
    """Template and locale for one document. The template goes round robin by ``ordinal`` (the
    document's place among the run's real documents; its index in a run of real ones only), so
    a small run covers all."""
    from ..locales import LOCALE_WEIGHTS
    names = list(templates())
    rng = real_rng(seed, index)
    locs = list(LOCALE_WEIGHTS)
    locale = rng.choices(locs, [LOCALE_WEIGHTS[l] for l in locs])[0]
    return rng, locale, names[(index if ordinal is None else ordinal) % len(names)]


def _run(cmd, cwd, timeout=180):
    try:
        r = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout, check=False)
    except (subprocess.TimeoutExpired, FileNotFoundError):
        return False
    return r.returncode == 0


TYPST_DIR = Path(__file__).parent / "typst"
JSONRESUME_DIR = Path(__file__).parent.parent.parent / "jsonresume"     # package.json + node_modules


def view_data(view):
    """The View as plain JSON for templates that read data (Typst, Node)."""
    return dict(lang=view.lang, name=view.name, given=view.given, family=view.family, label=view.label,
                contacts=[dict(kind=k, word=w, value=v) for k, w, v in view.contacts],
                sections=[dict(kind=k, heading=h, content=c) for k, h, c in view.sections])


def page_order(tpl, view):
    """Section (kind, heading) pairs in the order the template draws them."""
    if "headings" in tpl:                 # themes with their own (English) headings
        return jsonresume.headings(view, tpl)
    side = tpl.get("side", [])
    secs = [s for s in view.sections if s[0] in side] + [s for s in view.sections if s[0] not in side]
    return [(k, h) for k, h, _c in secs]


def write_source(tpl, view, work, rng, doc_date, profile):
    """Write the template's input into ``work``; returns the file the producer reads."""
    fam = tpl["family"]
    if fam == "moderncv":
        src = work / "cv.tex"
        src.write_text(latex_src.moderncv(view, tpl["style"], tpl["variant"]), encoding="utf-8")
        return src
    if fam == "europasscv":
        src = work / "cv.tex"
        src.write_text(latex_src.europasscv(view), encoding="utf-8")
        return src
    if fam == "typst":
        (work / "data.json").write_text(json.dumps(view_data(view), ensure_ascii=False, indent=1), encoding="utf-8")
        shutil.copy(TYPST_DIR / "common.typ", work / "common.typ")
        src = work / "cv.typ"
        shutil.copy(TYPST_DIR / f"{tpl['style']}.typ", src)
        return src
    if fam == "pandoc":
        src = work / "cv.md"
        src.write_text(cv_markdown(view, rng), encoding="utf-8")
        return src
    if fam == "rendercv":
        src = work / "cv.json"
        src.write_text(json.dumps(rendercv_input(view, tpl["style"], doc_date), ensure_ascii=False, indent=1), encoding="utf-8")
        return src
    if fam == "jsonresume":
        src = work / "resume.json"
        src.write_text(json.dumps(jsonresume.resume_input(view, profile, tpl), ensure_ascii=False, indent=1),
                       encoding="utf-8")
        return src
    raise ValueError(f"unknown template family {fam}")


def render(tpl, src, work, target):
    """Run the producer on ``src``; the result is moved to ``target``. False when it failed."""
    prod = tpl["producer"]
    if prod in ("pdflatex", "xelatex"):
        ok = _run([prod, "-interaction=batchmode", "-halt-on-error", src.name], work)
        out = work / (src.stem + ".pdf")
    elif prod == "pandoc":
        out = work / f"cv.{tpl['format']}"
        ok = _run(["pandoc", "-f", "markdown", "-s", "--metadata", "title=CV", "-o", out.name, src.name], work)
    elif prod == "rendercv":
        out = work / "cv.pdf"
        # rendercv's themes import @preview/fontawesome; the offline stand-in is found as a cached package
        os.environ["XDG_CACHE_HOME"] = str(work / "cache")
        shutil.copytree(Path(__file__).parent / "typst-packages", work / "cache" / "typst" / "packages")
        try:
            from rendercv.api.functions import create_a_pdf_from_a_python_dictionary
            errors = create_a_pdf_from_a_python_dictionary(json.loads(src.read_text(encoding="utf-8")), out)
            ok = not errors
        except Exception:              # rendercv's own validation or Typst errors: a render failure
            ok = False
    elif prod == "jsonresume":
        html = work / "cv.html"
        ok = _run(["node", str(JSONRESUME_DIR / "render.mjs"), tpl["style"], src.name, html.name], work)
        out = html
        if ok and tpl["format"] == "pdf":
            from ..producers import _chromium_one, chromium_bin
            out = work / "cv.pdf"
            ok = _chromium_one((chromium_bin(), html, out)) is not None
    elif prod == "typst":
        import typst
        out = work / "cv.pdf"
        try:
            typst.compile(str(src), output=str(out), root=str(work), timestamp=0)
            ok = True
        except Exception:              # a compile error is a render failure, counted like the others
            ok = False
    else:
        raise ValueError(f"unknown producer {prod}")
    if not ok or not out.exists() or out.stat().st_size == 0:
        return False
    shutil.move(str(out), target)
    return True


def prepare(seed, index, work, template=None, ordinal=None):
    """Everything before the producer runs: (template name, template, locale, document date,
    profile, view, source file written into ``work``). ``template`` overrides the round robin."""
    rng, locale, name = plan_real(seed, index, ordinal)
    name = template or name
    tpl = templates()[name]
    start = dt.date(2018, 1, 1).toordinal()
    doc_date = dt.date.fromordinal(start + rng.randint(0, 8 * 365 + 150))
    profile = make_profile(rng, locale, doc_date)
    ctx = Ctx(rng, locale, profile)
    view = build_view(ctx, name_order=tpl.get("name_order"))
    src = write_source(tpl, view, Path(work), rng, doc_date, profile)
    return name, tpl, locale, doc_date, profile, view, src


def build_real(seed, index, out_dir, keep_source=False, ordinal=None, template=None):
    """(manifest entry, None) for a rendered document, or (None, drop reason). ``ordinal`` places
    it in the round robin over templates; ``template`` names one outright (a recheck)."""
    doc_id = f"cv-{seed}-{index:06d}"
    out_dir = Path(out_dir)
    with tempfile.TemporaryDirectory(prefix="cvgen-real-") as w:
        work = Path(w)
        name, tpl, locale, doc_date, profile, view, src = prepare(seed, index, work, template, ordinal)
        fmt = tpl["format"]
        target = out_dir / f"{doc_id}.{fmt}"
        if keep_source:
            shutil.copy(src, out_dir / f"{doc_id}.source{src.suffix}")
            if (work / "data.json").exists():
                shutil.copy(work / "data.json", out_dir / f"{doc_id}.data.json")
        if not render(tpl, src, work, target):
            return None, "render_failed"
    try:
        text = text_layer(target, fmt)
        entities, fields, sections = locate(text, view, page_order(tpl, view))
    except Unlocatable as e:
        if os.environ.get("CVGEN_KEEP_DROPPED"):          # for looking into a drop reason
            target.rename(target.with_suffix(".dropped." + fmt))
        target.unlink(missing_ok=True)
        return None, str(e)
    meta = profile.pop("meta")
    lang = LOCALES[locale]["lang"]
    gold = dict(schema_version=SCHEMA_VERSION, id=doc_id, seed=seed, index=index, locale=locale, language=lang,
                layout=name, template=name, format=fmt, producer=tpl["producer"], producer_version=tpl["version"],
                source_format=tpl.get("source_format"), file=target.name, document_date=doc_date.isoformat(),
                name_style="plain", name_origin=meta["name_origin"], domain=meta["domain"], text=text,
                entities=entities, fields=fields, sections=sections, profile=visible_profile(profile, fields))
    gold["sensitive"] = sorted(sensitive_stated(gold))
    (out_dir / f"{doc_id}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
    from ..digest import canonical, sha
    labels = {k: gold[k] for k in ("entities", "fields", "sections", "profile")}
    entry = dict(id=doc_id, locale=locale, layout=name, template=name, format=fmt, producer=tpl["producer"],
                 producer_version=tpl["version"], file=gold["file"], gold=f"{doc_id}.gold.json", chars=len(text),
                 entities=len(entities), text_sha256=sha(text), labels_sha256=sha(canonical(labels)), status="ok")
    return entry, None
