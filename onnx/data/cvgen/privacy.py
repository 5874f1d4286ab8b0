"""Privacy: generated records must not copy identifying strings from the real-world corpus.

Two parts. ``Guard`` runs inside the generator: it rejects a generated name, e-mail, phone,
employer, school or location whose normalised form hashes to one in the committed blocklist
(``data/blocklist.json``, built from the corpus truth files by ``python -m cvgen build-blocklist``;
it holds only truncated SHA-256 digests, so the corpus strings are not copied into this repo and
generation does not depend on the corpus being present). ``check_dataset`` runs in ``validate``
against the corpus itself and fails if any generated record contains a corpus PII string
(multi-word names, e-mails, phones, addresses, URLs with a path) anywhere in its text, or if any
generated PII/ORG/SCHOOL value equals a corpus name, employer, school or location.
Matching follows the corpus README: NFC, ligatures expanded, whitespace folded, dashes unified,
case-insensitive.
"""

import hashlib
import json
import os
import re
import unicodedata
from pathlib import Path

HERE = Path(__file__).parent
BLOCKLIST = HERE / "data" / "blocklist.json"
LIGATURES = {"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl"}


def norm(s: str) -> str:
    s = unicodedata.normalize("NFC", s)
    for k, v in LIGATURES.items():
        s = s.replace(k, v)
    s = s.replace("\u00ad", "")
    s = re.sub(r"[\u2010\u2011\u2012\u2013\u2014]", "-", s)
    s = re.sub(r"-+", "-", s)
    s = re.sub(r"[\s\u00a0]+", " ", s)
    return s.strip().casefold()


def digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def digest(s: str) -> str:
    return hashlib.sha256(s.encode("utf-8")).hexdigest()[:16]


def corpus_dir():
    env = os.environ.get("CVSHIELD_CORPUS")
    repo = HERE.parent.parent.parent  # onnx/data/cvgen -> repo root
    for cand in [env, repo.parent / "shared" / "corpus" / "realworld"]:
        if cand and Path(cand).is_dir():
            return Path(cand)
    return None


def corpus_strings(cdir):
    """(free-text identifiers searched anywhere, values compared for equality, phone digit strings)."""
    anywhere, values, phones = set(), set(), set()
    for f in sorted(Path(cdir).glob("*.truth.json")):
        t = json.loads(f.read_text(encoding="utf-8"))
        names = [t.get("name")] + list(t.get("name_parts") or [])
        for s in names + list(t.get("pii_strings") or []) + list(t.get("emails") or []) + list(t.get("phones") or []):
            if not s:
                continue
            n = norm(s)
            values.add(n)
            # single tokens like a lone surname are common words, not identifying on their own
            if len(n.split()) >= 2 or "@" in n or sum(c.isdigit() for c in n) >= 6 or "/" in n:
                anywhere.add(n)
        for s in (t.get("employers") or []) + (t.get("schools") or []) + [t.get("location")]:
            if s:
                values.add(norm(s))
        for p in t.get("phones") or []:
            if len(digits(p)) >= 7:
                phones.add(digits(p))
    return anywhere, values, phones


def build_blocklist(cdir, out=BLOCKLIST):
    anywhere, values, phones = corpus_strings(cdir)
    data = {"values": sorted({digest(v) for v in values | anywhere}), "phones": sorted({digest(p) for p in phones})}
    out.write_text(json.dumps(data, indent=0) + "\n", encoding="utf-8")
    return data


class Guard:
    """Rejects generated values that equal a corpus string (by digest)."""

    def __init__(self):
        data = json.loads(BLOCKLIST.read_text(encoding="utf-8")) if BLOCKLIST.exists() else {}
        self.values = set(data.get("values", []))
        self.phones = set(data.get("phones", []))

    def ok(self, value: str, kind: str = "value") -> bool:
        if kind == "phone":
            return digest(digits(value)) not in self.phones and digest(norm(value)) not in self.values
        return digest(norm(value)) not in self.values

    def name_ok(self, given: str, family: str) -> bool:
        """A person's name passes when no run of its words does: a corpus "Ana Ruiz" must not come
        back inside "Ana Ruiz Soto", nor "Ruiz Soto" alone."""
        words = f"{given} {family}".split()
        runs = (" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1))
        return all(self.ok(r) for r in runs if " " in r) and self.ok(given) and self.ok(family)


PII_VALUE_TYPES = {"PERSON", "EMAIL", "PHONE", "URL", "HANDLE", "ADDRESS", "ORG", "SCHOOL", "LOCATION", "ID_NUMBER"}


def check_record(gold, anywhere, values, phones):
    """Return a list of problems (type and offset only, never the string) for one gold record."""
    problems = []
    text = norm(gold["text"])
    for s in anywhere:
        for m in re.finditer(re.escape(s), text):
            a, b = m.start(), m.end()
            if (a == 0 or not text[a - 1].isalnum()) and (b == len(text) or not text[b].isalnum()):
                problems.append(f"corpus identifier found in text at {a}")
                break
    for e in gold["entities"]:
        if e["type"] not in PII_VALUE_TYPES:
            continue
        v = gold["text"][e["start"]:e["end"]]
        if norm(v) in values:
            problems.append(f"{e['type']} value equals a corpus value at {e['start']}")
        if e["type"] == "PHONE" and digits(v) in phones:
            problems.append(f"PHONE equals a corpus phone at {e['start']}")
    return problems
