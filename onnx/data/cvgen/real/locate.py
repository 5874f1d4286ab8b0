"""Gold labels for a rendered third-party template, read back from the file's own text layer.

A template may reorder, decorate or re-case what it is given, so its source text is not the text
a reader sees. The gold ``text`` is therefore the rendered file's text layer (``pdftotext`` for
PDF, pandoc's plain-text reader for DOCX/ODT/HTML, LibreOffice's text export for RTF), and every labelled value is found in it
again: compared case-folded with whitespace removed (``align.squeeze``), on word boundaries, also with line-end hyphens taken out.
Section headings are found first, as lines of their own, in page order; a value labelled under a
section is searched between that heading and the next one (or, when the count does not match
there because columns were read out of order, in the whole text), header values (name, contacts)
anywhere not yet claimed (each repeat of a contact in page headers or footers is labelled).
Longer values are placed first so a city inside an employer's name is
not taken for the candidate's city. When the occurrences of a value do not match the number of
times it was labelled (missing, or also present unlabelled) the document is dropped with the
reason: a wrong label is worse than a missing document.
"""
import subprocess
import unicodedata
from collections import defaultdict

from ..align import dehyphenated, splits_letter, squeeze


class Unlocatable(Exception):
    """The rendered text does not let every labelled value be placed unambiguously."""


def text_layer(path, fmt):
    if fmt == "pdf":
        # -raw keeps the order the producer drew the text in: the template's reading order, where
        # the default mode interleaves a date column with the entries beside it
        r = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=False)
    elif fmt == "rtf":
        # pandoc's RTF reader drops the character after a \uN escape; LibreOffice reads RTF whole
        return _soffice_text(path)
    else:
        r = subprocess.run(["pandoc", "-f", {"docx": "docx", "odt": "odt", "html": "html"}[fmt],
                            "-t", "plain", "--wrap=none", str(path)], capture_output=True, text=True, check=False)
    if r.returncode != 0:
        raise Unlocatable("text_layer_failed")
    return unicodedata.normalize("NFC", r.stdout)


def _line_edge(text, i, step):
    """True when only spaces lie between position i and the line's edge in direction step."""
    while 0 <= i < len(text) and text[i] in " \t":
        i += step
    return not (0 <= i < len(text)) or text[i] in "\n\f"


def _soffice_text(path):
    import tempfile
    from pathlib import Path
    from ..producers import soffice_bin
    with tempfile.TemporaryDirectory(prefix="cvgen-lo-") as t:
        cmd = [soffice_bin() or "soffice", f"-env:UserInstallation=file://{t}/profile", "--headless", "--norestore",
               "--convert-to", "txt:Text (encoded):UTF8", "--outdir", t, str(path)]
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180, check=False)
        out = Path(t) / (Path(path).stem + ".txt")
        if not out.exists():
            raise Unlocatable("text_layer_failed")
        return unicodedata.normalize("NFC", out.read_text(encoding="utf-8-sig"))


def _find_headings(text, sections):
    """[(kind, start, end)] for each heading in the given order. A heading fills its line(s) (a
    narrow column may wrap it); failing that it starts or ends a line a column beside it shares."""
    s_text, idx = squeeze(text)
    out, cursor = [], 0
    for kind, heading in sections:
        want = squeeze(heading)[0]
        best = None
        k = s_text.find(want, cursor) if want else -1
        while k != -1:
            a, b = idx[k], idx[k + len(want) - 1] + 1
            starts, ends = _line_edge(text, a - 1, -1), _line_edge(text, b, 1)
            if splits_letter(s_text, k, len(want)):
                starts = ends = False
            if starts and ends:
                best = (k, a, b)
                break
            if (starts or ends) and best is None:
                best = (k, a, b)
            k = s_text.find(want, k + 1)
        if best is None:
            raise Unlocatable(f"heading_not_found:{kind}")
        k, a, b = best
        out.append((kind, a, b))
        cursor = k + len(want)
    return out


def _occurrences(texts, text, needle, lo, hi, claimed):
    """Spans of needle in text (as squeezed, then dehyphenated), in order, none overlapping."""
    hits = []
    for s_text, idx in texts:
        for h in _occurrences_in(s_text, idx, text, needle, lo, hi, claimed):
            if not any(h[0] < b and a < h[1] for a, b in hits):
                hits.append(h)
    return sorted(hits)


def _boundary(text, i):
    """A word boundary at i; a lower-to-upper case change counts (a label glued to its value)."""
    if i <= 0 or i >= len(text) or not (text[i - 1].isalnum() and text[i].isalnum()):
        return True
    return text[i - 1].islower() and text[i].isupper()


def _occurrences_in(s_text, idx, text, needle, lo, hi, claimed):
    hits, k = [], s_text.find(needle)
    while k != -1:
        a, b = idx[k], idx[k + len(needle) - 1] + 1
        if lo <= a and b <= hi and _boundary(text, a) and _boundary(text, b) and not splits_letter(s_text, k, len(needle)) \
                and not any(a < ce and cs < b for cs, ce in claimed):
            hits.append((a, b))
        k = s_text.find(needle, k + 1)
    return hits


def locate(text, view, headings):
    """(entities, fields, sections) on ``text``; raises ``Unlocatable`` with a reason."""
    secs = _find_headings(text, headings)
    bounds = {}
    for i, (kind, s, e) in enumerate(secs):
        bounds[kind] = (e, secs[i + 1][1] if i + 1 < len(secs) else len(text))
    texts = [squeeze(text), dehyphenated(text)]
    claimed = [(s, e) for _k, s, e in secs]
    groups = defaultdict(list)
    for n, lb in enumerate(view.labels):
        groups[(squeeze(lb.text)[0], lb.region)].append((n, lb))
    # sections before the header values, longest first within each pass
    keys = sorted(groups, key=lambda k: (k[1] == "header", -len(k[0])))
    placed = []
    for needle, region in keys:
        members = groups[(needle, region)]
        is_entity = any(lb.type for _n, lb in members)
        lo, hi = bounds.get(region, (0, len(text))) if region != "header" else (0, len(text))
        hits = _occurrences(texts, text, needle, lo, hi, claimed) if needle else []
        if len(hits) != len(members) and region != "header" and needle:
            # columns read out of order can move a value outside its section: unique anywhere is enough
            hits = _occurrences(texts, text, needle, 0, len(text), claimed)
        if region == "header" and len(members) == 1 and len(hits) > 1:
            members = members * len(hits)     # a contact repeated in every page's header or footer
        if len(hits) != len(members):
            if is_entity:
                typ = next(lb.type for _n, lb in members if lb.type)
                raise Unlocatable(f"{'not_found' if len(hits) < len(members) else 'ambiguous'}:{typ}")
            continue                      # a plain profile value (summary, bullet): leave it out of the fields
        for (n, lb), (a, b) in zip(members, hits):
            placed.append((a, b, n))
            claimed.append((a, b))
    entities, fields = [], []
    for a, b, n in sorted(placed):
        lb = view.labels[n]
        if lb.type:
            entities.append(dict(start=a, end=b, type=lb.type, level=lb.level, role=lb.role, text=text[a:b]))
        if lb.path:
            fields.append(dict(path=lb.path, start=a, end=b))
    sections = [dict(kind=k, start=s, end=e) for k, s, e in secs if e > s]
    return entities, fields, sections
