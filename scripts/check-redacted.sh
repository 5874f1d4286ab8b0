#!/usr/bin/env bash
# The redaction acceptance check, read by independent readers: every document of both real dev
# sets and of the fixture formats is redacted at each level, and the redacted file's text — read
# by cvshield, by pdftotext (PDF), as the raw XML text of its parts (DOCX, ODT) and by LibreOffice
# headless converted to text (DOCX, ODT, RTF) — must
#   - hold no value `anonymize` removed at that level more often than the anonymised text does
#     (where detection left an occurrence, the text output keeps it too: redact's own rule,
#     by whole words, replacements aside), and
#   - still hold the words the anonymised text keeps (words of four letters or more outside the
#     replacements that the same reader found in the original file);
# `qpdf --check` must pass on every redacted PDF and LibreOffice must convert every redacted
# DOCX/ODT/RTF. Prints one row per file and level and exits 1 on any failure. Slow (one soffice
# start per conversion), so it is not part of scripts/test.sh; metadata, link targets, alt text
# and bookmarks are read by `cargo test --lib redact`.
#
#   [DETAIL=1] bash scripts/check-redacted.sh [FILE_OR_DIR...]
#   (default: ../shared/corpus/realworld*, tests/fixtures/{docx,odt,rtf,html,txt}, tests/fixtures/pdf/layout_*.pdf)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
for tool in soffice pdftotext qpdf; do
  command -v "$tool" >/dev/null || { echo "$tool not found (apt-get install libreoffice-writer-nogui poppler-utils qpdf)" >&2; exit 2; }
done
cargo build --quiet --bin cvshield
cli="$(cargo metadata --no-deps --format-version 1 | node -e '
  let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).target_directory));')/debug/cvshield"

if [[ $# -gt 0 ]]; then inputs=("$@"); else
  inputs=(../shared/corpus/realworld ../shared/corpus/realworld-2 tests/fixtures/docx tests/fixtures/odt tests/fixtures/rtf tests/fixtures/html tests/fixtures/txt tests/fixtures/pdf/layout_*.pdf)
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

CLI="$cli" WORK="$work" python3 - "${inputs[@]}" <<'PY'
import json, os, re, subprocess, sys, unicodedata, zipfile
from xml.etree import ElementTree

cli, work = os.environ["CLI"], os.environ["WORK"]
# DETAIL=1 prints the values and words behind each failing cell (CV content: never for logs).
detail = os.environ.get("DETAIL") == "1"
formats = ("pdf", "docx", "odt", "rtf", "html", "htm", "txt", "md")
files = []
for item in sys.argv[1:]:
    if os.path.isdir(item):
        files += sorted(os.path.join(item, f) for f in os.listdir(item) if f.lower().endswith(formats) and f != "README.md")
    elif os.path.isfile(item):
        files.append(item)

def run(*args, **kw):
    return subprocess.run(args, capture_output=True, **kw)

squash = lambda s: re.sub(r"\s+", " ", unicodedata.normalize("NFKC", s)).strip()
count = lambda text, v: len(re.findall(r"(?<!\w)" + re.escape(v) + r"(?!\w)", text))
words = lambda text: set(w.lower() for w in re.findall(r"[^\W\d_]{4,}", text))

def cvshield(path):
    r = run(cli, "extract", path)
    return r.stdout.decode("utf-8", "replace") if r.returncode == 0 else None

def pdftotext(path):
    r = run("pdftotext", "-enc", "UTF-8", path, "-")
    return r.stdout.decode("utf-8", "replace") if r.returncode == 0 else None

def walk(el, out):
    """An element's text in document order: runs of one paragraph join without a space, as a
    reader shows them; paragraphs, cells, tabs and breaks are spaces."""
    tag = el.tag.rsplit("}", 1)[-1]
    if tag in ("tab", "br", "s", "line-break"):
        out.append(" ")
    out.append(el.text or "")
    for child in el:
        walk(child, out)
        out.append(child.tail or "")
    if tag in ("p", "h", "tc"):
        out.append(" ")

def raw_xml(path):
    """The text and attribute values of the XML parts: what any program unzipping the file reads."""
    out = []
    try:
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                # Parts that hold the document's text, properties, links and alt text; themes,
                # fonts and numbering hold the producer's names ("Office Theme"), not the CV's.
                leaf = name.rsplit("/", 1)[-1]
                text_part = leaf.startswith(("document", "header", "footer", "footnotes", "endnotes", "comments")) or name.startswith("docProps/")
                if not (name.endswith(".rels") or name in ("content.xml", "styles.xml", "meta.xml") or (text_part and name.endswith(".xml"))):
                    continue
                try:
                    root = ElementTree.fromstring(z.read(name))
                except ElementTree.ParseError:
                    return None
                # Attribute values are strings of their own, read after the part's text so they
                # neither join nor split the words of runs around them.
                values = [v for el in root.iter() for k, v in el.attrib.items() if not k.startswith("{http://www.w3.org/2000/xmlns")]
                walk(root, out)
                out.append(" " + " ".join(values) + " ")
    except zipfile.BadZipFile:
        return None
    return "".join(out)

def libreoffice(path, tag):
    outdir = os.path.join(work, "lo-" + tag)
    os.makedirs(outdir, exist_ok=True)
    try:
        run("soffice", f"-env:UserInstallation=file://{work}/lo-profile", "--headless", "--convert-to", "txt:Text", "--outdir", outdir, path, timeout=120)
    except subprocess.TimeoutExpired:
        return None
    txt = os.path.join(outdir, os.path.splitext(os.path.basename(path))[0] + ".txt")
    if not os.path.exists(txt) or os.path.getsize(txt) == 0:
        return None
    with open(txt, encoding="utf-8", errors="replace") as f:
        return f.read()

def readers(ext):
    out = [("cvshield", cvshield)]
    if ext == "pdf":
        out.append(("pdftotext", pdftotext))
    if ext in ("docx", "odt"):
        out.append(("xml", raw_xml))
    if ext in ("docx", "odt", "rtf"):
        out.append(("libreoffice", None))
    return out

columns = ["cvshield", "pdftotext", "xml", "libreoffice", "qpdf"]
print(f"{'document':46} {'level':9} {'redact':7} " + " ".join(f"{c:11}" for c in columns))
rows = failed = 0
for path in files:
    name = os.path.basename(path)
    ext = name.rsplit(".", 1)[-1].lower()
    originals = {}
    for level in ("basic", "moderate", "thorough"):
        rows += 1
        out = os.path.join(work, level + "-" + name)
        r = run(cli, "redact", "--level", level, "-o", out, path)
        if r.returncode != 0:
            failed += 1
            print(f"{name[:46]:46} {level:9} FAILED  {r.stderr.decode(errors='replace').strip()[:80]}")
            continue
        an = json.loads(run(cli, "anonymize", "--format", "json", "--level", level, path).stdout)
        source = (cvshield(path) or "").encode()
        removed = {squash(source[x["start"]:x["end"]].decode("utf-8", "replace")) for x in an["redactions"]}
        # Values of fewer than two letters or digits say nothing about anyone (redact's own rule).
        removed = [v for v in removed if sum(c.isalnum() for c in v) >= 2]
        # Replacements are not the removed values, even where they write one ("[PHOTO]" for
        # "PHOTO", a date kept as its year), and a copy of a text box holds them twice.
        replacements = sorted({squash(x["replacement"]) for x in an["redactions"]} - {""}, key=len, reverse=True)
        def unreplaced(text):
            for r in replacements:
                text = text.replace(r, " ")
            return text
        anonymised = unreplaced(squash(an["text"]))
        kept_text = bytearray(an["text"].encode())
        for x in an["redactions"]:
            kept_text[x["outputStart"]:x["outputEnd"]] = b" " * (x["outputEnd"] - x["outputStart"])
        kept = words(kept_text.decode("utf-8", "replace"))
        cells, notes = {}, []
        row_failed = False
        for label, read in readers(ext):
            if label not in originals:
                originals[label] = (read(path) if read else libreoffice(path, "original")) or ""
            text = read(out) if read else libreoffice(out, level)
            if text is None:
                cells[label] = "UNREADABLE"
                row_failed = True
                continue
            text = squash(text)
            leaked = [v for v in removed if count(unreplaced(text), v) > count(anonymised, v)]
            # A word may come out joined to its neighbour (a reader's dehyphenation at a line end).
            joined = re.sub(r"\W+", "", text).lower()
            lost_words = {w for w in (kept & words(squash(originals[label]))) - words(text) if w not in joined}
            leaks, lost = len(leaked), len(lost_words)
            if detail and (leaks or lost):
                notes.append(f"  {label}: removed values read more often: {leaked}; kept words lost: {sorted(lost_words)}")
            cells[label] = "ok" if leaks == 0 and lost == 0 else f"L{leaks}/K{lost}"
            row_failed |= leaks > 0 or lost > 0
        if ext == "pdf":
            check = run("qpdf", "--check", out)
            cells["qpdf"] = "ok" if check.returncode == 0 else "FAILED"
            row_failed |= check.returncode != 0
        failed += row_failed
        print(f"{name[:46]:46} {level:9} {'ok':7} " + " ".join(f"{cells.get(c, '-'):11}" for c in columns))
        for note in notes:
            print(note)
print(f"{rows} redactions, {failed} failed (L: removed values read more often than the anonymised text shows them; K: kept words lost)")
sys.exit(1 if failed else 0)
PY
