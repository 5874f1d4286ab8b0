#!/usr/bin/env python3
"""Per PDF of the real dev sets: labelled strings found in cvshield's text vs `pdftotext -layout`.

    python3 scripts/compare-pdftotext.py [CORPUS_DIR ...]

Each CORPUS_DIR holds `*.pdf` beside `*.truth.json` (default: ../shared/corpus/realworld and
../shared/corpus/realworld-2 relative to the repo root). The cvshield binary is
$CVSHIELD_BIN, else target/debug/cvshield (build it with `cargo build --bin cvshield`).

Matching follows the corpus README strictly: Unicode NFC, ligatures expanded, NBSP/tab/CR/LF
to a space, U+2010/U+2011 to '-', soft hyphen tried as '-' and as nothing, runs of '-' or ' '
collapsed, case-insensitive. Spaces are never removed, so a word split by a stray space or
two words glued together do not match. Labels: every string of the truth file (name or its
parts, e-mails, phones, URLs, location, PII strings, sensitive attributes, employers, job
titles, schools, degrees, skills, sections, certifications), each distinct string once.

Prints both counts per document (no label text) and exits 1 when cvshield finds fewer than
pdftotext for any document.
"""
import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
LIST_FIELDS = ["emails", "phones", "urls", "pii_strings", "sensitive_attributes", "employers", "job_titles",
               "schools", "degrees", "skills_sample", "sections", "certifications"]


def normalise(text, soft_hyphen):
    out = []
    for c in text:
        c = LIGATURES.get(c, c)
        if c in "\u00a0\t\r\n":
            c = " "
        elif c in "\u2010\u2011":
            c = "-"
        elif c == "\u00ad":
            c = soft_hyphen
        out.append(c)
    s = unicodedata.normalize("NFC", "".join(out)).lower()
    squeezed = []
    for c in s:
        if c in " -" and squeezed and squeezed[-1] == c:
            continue
        squeezed.append(c)
    return "".join(squeezed).strip()


class MatchText:
    def __init__(self, text):
        self.variants = [normalise(text, "-"), normalise(text, "")]

    def contains(self, label):
        labels = [normalise(label, "-"), normalise(label, "")]
        return any(l and any(l in t for t in self.variants) for l in labels)


def labels(truth):
    found = []
    name_parts = truth.get("name_parts") or []
    found.extend(name_parts if name_parts else [truth.get("name")])
    found.append(truth.get("location"))
    for field in LIST_FIELDS:
        found.extend(truth.get(field) or [])
    seen, unique = set(), []
    for label in found:
        if isinstance(label, str) and label.strip() and label not in seen:
            seen.add(label)
            unique.append(label)
    return unique


def run(cmd):
    out = subprocess.run(cmd, capture_output=True)
    return out.stdout.decode("utf-8", "replace") if out.returncode == 0 else None


def main(argv):
    dirs = [Path(a) for a in argv] or [REPO.parent / "shared/corpus/realworld", REPO.parent / "shared/corpus/realworld-2"]
    binary = os.environ.get("CVSHIELD_BIN", str(REPO / "target/debug/cvshield"))
    worse, totals = [], [0, 0, 0]
    print(f"{'document':<12} {'labels':>6} {'cvshield':>8} {'pdftotext':>9}")
    for d in dirs:
        for pdf in sorted(d.glob("*.pdf")):
            truth_path = pdf.with_suffix(".truth.json")
            if not truth_path.exists():
                continue
            wanted = labels(json.loads(truth_path.read_text(encoding="utf-8")))
            ours = run([binary, "extract", str(pdf)])
            base = run(["pdftotext", "-layout", str(pdf), "-"])
            if base is None:
                sys.exit("pdftotext failed or is missing (apt-get install poppler-utils)")
            ours_n = sum(MatchText(ours or "").contains(l) for l in wanted)
            base_n = sum(MatchText(base).contains(l) for l in wanted)
            doc = pdf.name.split("_")[0]
            flag = "" if ours_n >= base_n else "  < pdftotext" + ("" if ours is not None else " (extract failed)")
            print(f"{doc:<12} {len(wanted):>6} {ours_n:>8} {base_n:>9}{flag}")
            totals[0] += len(wanted)
            totals[1] += ours_n
            totals[2] += base_n
            if ours_n < base_n:
                worse.append(doc)
    print(f"{'total':<12} {totals[0]:>6} {totals[1]:>8} {totals[2]:>9}")
    if worse:
        print("cvshield finds fewer labelled strings than pdftotext in: " + ", ".join(worse))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
