"""Align gold spans (on the renderer's source text) onto text extracted from the rendered file.

Extractors reorder columns, break lines, drop letter-spacing and hyphenate, so spans are found
again by content, not offset: both texts are normalised like the corpus README (NFD here, ligatures,
dashes, apostrophes, case) and compared with all whitespace removed, which survives line breaks and
letter-spaced names; a value hyphenated at a line end in one text and not the other is compared
without such hyphens. Among several occurrences the one after the previous aligned entity and
nearest the expected relative position wins, so repeated strings (an employer named twice) map
in order. Input is what ``cvshield extract --json DIR`` prints (JSON lines with ``path`` and
``document.pages[].lines[].text``), a directory of ``<id>.txt``/``<id>.json`` files, or any
``{id: text}`` mapping. The result lists, per document, each entity's span in the extracted text
or its drop reason, and the overall alignment rate.
"""
import json
import unicodedata
from bisect import bisect_left
from collections import Counter
from pathlib import Path

from .privacy import LIGATURES

DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212"
APOSTROPHES = "\u2018\u2019\u201b\u2032"


def _fold_char(c):
    c = LIGATURES.get(c, c)
    if c in DASHES:
        return "-"
    if c in APOSTROPHES:          # typesetters curl the apostrophe
        return "'"
    if c == "\u00ad":
        return ""
    # decomposed, so an accent the text layer keeps apart compares equal to a composed letter
    return unicodedata.normalize("NFD", c).casefold()


def squeeze(text):
    """Whitespace-free normalised text plus, for each kept char, its index in the original."""
    out, idx = [], []
    for i, c in enumerate(text):
        if c.isspace():
            continue
        if c == "\u0131" and i + 1 < len(text) and unicodedata.combining(text[i + 1]):
            c = "i"         # TeX's OT1 accents an i on the dotless one: "ı" + U+0301 reads as "í"
        for f in _fold_char(c):
            if not f.isspace():
                out.append(f)
                idx.append(i)
    return "".join(out), idx


def dehyphenated(text):
    """``squeeze`` of the text with line-end hyphens dropped ("manage-\nment" -> "management")."""
    s_text, idx = squeeze(text)
    keep = [i for i in range(len(s_text)) if not (s_text[i] == "-" and i + 1 < len(s_text)
                                                 and "\n" in text[idx[i]:idx[i + 1]])]
    return "".join(s_text[i] for i in keep), [idx[i] for i in keep]


def doc_text(document):
    """Text of a cvshield Document JSON: lines joined by newlines, pages by form feeds."""
    return "\f".join("\n".join(l.get("text", "") for l in p.get("lines", [])) for p in document.get("pages", []))


def splits_letter(s_text, k, n):
    """True when the match s_text[k:k+n] ends inside a letter: a combining accent follows ("cafe"
    in "café", whose squeezed form is decomposed)."""
    return k + n < len(s_text) and unicodedata.combining(s_text[k + n]) > 0


def _find_all(hay, needle, limit=50):
    hits, k = [], hay.find(needle)
    while k != -1 and len(hits) < limit:
        if not splits_letter(hay, k, len(needle)):
            hits.append(k)
        k = hay.find(needle, k + 1)
    return hits


def align_doc(gold, extracted):
    s_ext, idx = squeeze(extracted)
    dehy = None
    n_src = max(1, len(gold["text"]))
    results, cursor = [], 0
    for e in sorted(gold["entities"], key=lambda x: x["start"]):
        needle, _ = squeeze(e["text"])
        if not needle:
            results.append(dict(e, ext_start=None, ext_end=None, dropped="empty"))
            continue
        hits = _find_all(s_ext, needle)
        if not hits:
            # a word hyphenated at a line end on one side only: compare both without such hyphens
            dehy = dehy or dehyphenated(extracted)
            d_needle = dehyphenated(e["text"])[0]
            d_hits = _find_all(dehy[0], d_needle) if d_needle else []
            if d_hits:
                floor = idx[cursor] if cursor < len(idx) else len(extracted)
                expect = e["start"] / n_src * len(extracted)
                after = [h for h in d_hits if dehy[1][h] >= floor] or d_hits
                best = min(after, key=lambda h: abs(dehy[1][h] - expect))
                start, end = dehy[1][best], dehy[1][best + len(d_needle) - 1] + 1
                cursor = bisect_left(idx, end)
                results.append(dict(e, ext_start=start, ext_end=end, dropped=None))
                continue
            results.append(dict(e, ext_start=None, ext_end=None, dropped="not_found"))
            continue
        expect = e["start"] / n_src * len(s_ext)
        after = [h for h in hits if h >= cursor] or hits
        best = min(after, key=lambda h: abs(h - expect))
        end = best + len(needle)
        cursor = end
        results.append(dict(e, ext_start=idx[best], ext_end=idx[end - 1] + 1, dropped=None))
    return results


def load_extracted(path):
    """{doc id: extracted text} from a cvshield JSONL, a directory of .txt/.json, or a JSON mapping."""
    p = Path(path)
    out = {}
    if p.is_dir():
        for f in sorted(p.iterdir()):
            if f.suffix == ".txt":
                out[f.stem.split(".")[0]] = f.read_text(encoding="utf-8")
            elif f.suffix == ".json" and not f.name.endswith(".gold.json"):
                out[f.stem.split(".")[0]] = doc_text(json.loads(f.read_text(encoding="utf-8")))
        return out
    for line in p.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        if rec.get("status", "ok") != "ok":
            continue
        key = Path(rec.get("path", "")).name.split(".")[0]
        out[key] = doc_text(rec["document"]) if "document" in rec else rec.get("text", "")
    return out


def pdftotext_baseline(gold_dir):
    """{id: text} from poppler's pdftotext for PDFs and the raw file for TXT/MD: a reference
    extractor to compare cvshield's extraction with (other formats are left out)."""
    import subprocess
    out = {}
    for gp in sorted(Path(gold_dir).glob("*.gold.json")):
        g = json.loads(gp.read_text(encoding="utf-8"))
        f = Path(gold_dir) / g["file"]
        if g["format"] == "pdf":
            r = subprocess.run(["pdftotext", "-enc", "UTF-8", str(f), "-"], capture_output=True, text=True, check=False)
            out[g["id"]] = r.stdout
        elif g["format"] in ("txt", "md"):
            out[g["id"]] = f.read_text(encoding="utf-8")
    return out


def align_dir(gold_dir, extracted, log=print):
    gold_dir = Path(gold_dir)
    ext = extracted if isinstance(extracted, dict) else load_extracted(extracted)
    total, aligned = Counter(), Counter()
    t_total, t_aligned = Counter(), Counter()
    drops, missing_docs, per_doc = Counter(), 0, {}
    for gp in sorted(gold_dir.glob("*.gold.json")):
        g = json.loads(gp.read_text(encoding="utf-8"))
        if g["id"] not in ext:
            missing_docs += 1
            continue
        res = align_doc(g, ext[g["id"]])
        per_doc[g["id"]] = res
        for r in res:
            key = (g["producer"], r["type"])
            tpl = g.get("template", g["layout"])
            total[key] += 1
            t_total[tpl] += 1
            if r["dropped"] is None:
                aligned[key] += 1
                t_aligned[tpl] += 1
            else:
                drops[(r["type"], r["dropped"])] += 1
    n_all, n_ok = sum(total.values()), sum(aligned.values())
    by_producer = Counter()
    by_producer_ok = Counter()
    for (prod, _t), c in total.items():
        by_producer[prod] += c
        by_producer_ok[prod] += aligned[(prod, _t)]
    report = dict(
        documents=len(per_doc), documents_without_extraction=missing_docs, entities=n_all, aligned=n_ok,
        alignment_rate=round(n_ok / n_all, 4) if n_all else None,
        by_producer={p: round(by_producer_ok[p] / c, 4) for p, c in sorted(by_producer.items())},
        by_template={t: round(t_aligned[t] / c, 4) for t, c in sorted(t_total.items())},
        dropped={f"{t}:{why}": c for (t, why), c in drops.most_common()},
    )
    log(json.dumps(report, indent=1))
    return report, per_doc
