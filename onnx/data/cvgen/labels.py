"""Gold labels: entity types, the anonymisation level that removes each, and the source text.

``linearize`` walks a layout tree in reading order (page header, body, columns left to right,
table rows, page footer) and writes the exact text the renderer laid out, recording a character
span for every labelled segment, every profile field value and every section heading. Alignment
onto extracted text later only has to find these strings again.

Levels (cumulative): basic removes direct identifiers; moderate adds quasi-identifiers and the
references section; thorough adds employers, schools, exact dates and every remaining location.
Titles, degrees and skills are kept at every level (level None).
"""

from .doc import Bullets, Columns, Para, Photo, Rule, Table, TextBox

LEVELS = ["basic", "moderate", "thorough"]

BASIC = {"PERSON", "EMAIL", "PHONE", "URL", "HANDLE", "ADDRESS", "POSTCODE", "ID_NUMBER", "DATE_OF_BIRTH", "PHOTO"}
MODERATE = {"AGE", "GENDER", "NATIONALITY", "PLACE_OF_BIRTH", "MARITAL_STATUS", "RELIGION", "HEALTH", "ETHNICITY"}
THOROUGH = {"ORG", "SCHOOL", "DATE", "LOCATION", "AWARD", "PUBLICATION"}
KEPT = {"TITLE", "DEGREE", "SKILL"}
ENTITY_TYPES = sorted(BASIC | MODERATE | THOROUGH | KEPT)
# attributes the issue calls sensitive (some are direct identifiers, hence basic)
SENSITIVE = {"DATE_OF_BIRTH", "AGE", "NATIONALITY", "PLACE_OF_BIRTH", "MARITAL_STATUS", "GENDER", "RELIGION",
             "HEALTH", "ETHNICITY", "PHOTO", "ID_NUMBER"}


def sensitive_stated(gold):
    """Sensitive attribute types the candidate's CV states."""
    return {e["type"] for e in gold["entities"] if e["type"] in SENSITIVE and e["role"] == "candidate"}


def level_of(ent: str, role: str):
    """The lowest level that removes this entity (None = kept at every level)."""
    if ent in BASIC:
        return "basic"
    if ent in MODERATE:
        return "moderate"
    if role == "reference":          # the whole references section goes at moderate
        return "moderate"
    if ent == "LOCATION" and role == "candidate":   # candidate location generalised to country
        return "moderate"
    if ent in THOROUGH:
        return "thorough"
    return None


class Deco:
    """How structure shows up in the text; plain text and Markdown writers override it."""

    bullet = "• "
    cell_sep = "\t"

    def heading(self, text, style):
        return "", ""


class _Writer:
    def __init__(self, deco):
        self.deco = deco
        self.parts = []
        self.pos = 0
        self.entities = []
        self.fields = []
        self.sections = []

    def put(self, text):
        self.parts.append(text)
        self.pos += len(text)

    def runs(self, runs):
        for s in runs:
            start = self.pos
            self.put(s.text)
            if not s.text.strip():
                continue
            if s.ent:
                self.entities.append(dict(start=start, end=self.pos, type=s.ent, role=s.role or "candidate",
                                          level=level_of(s.ent, s.role or "candidate")))
            for path in ([s.path] if s.path else []) + list(s.also):
                self.fields.append(dict(path=path, start=start, end=self.pos))

    def line_end(self):
        if self.parts and not self.parts[-1].endswith("\n"):
            self.put("\n")

    def blocks(self, blocks):
        for b in blocks:
            self.block(b)

    def block(self, b):
        if isinstance(b, Para):
            text = "".join(s.text for s in b.runs)
            if not text.strip():
                return
            pre, post = self.deco.heading(text, b.style)
            self.put(pre)
            start = self.pos
            self.runs(b.runs)
            if b.section:
                self.sections.append(dict(kind=b.section, start=start, end=self.pos))
            self.put(post)
            self.line_end()
        elif isinstance(b, Bullets):
            for item in b.items:
                self.put(self.deco.bullet)
                self.runs(item)
                self.line_end()
        elif isinstance(b, Table):
            for row in b.rows:
                simple = all(len(cell) <= 1 and all(isinstance(x, Para) for x in cell) for cell in row)
                if simple:      # one line per row: cells joined by the separator
                    first = True
                    for cell in row:
                        if not cell or not "".join(s.text for s in cell[0].runs).strip():
                            continue
                        if not first:
                            self.put(self.deco.cell_sep)
                        first = False
                        p = cell[0]
                        start = self.pos
                        self.runs(p.runs)
                        if p.section:
                            self.sections.append(dict(kind=p.section, start=start, end=self.pos))
                    self.line_end()
                else:
                    for cell in row:
                        self.blocks(cell)
        elif isinstance(b, Columns):
            for col in b.cols:
                self.blocks(col)
        elif isinstance(b, TextBox):
            self.blocks(b.blocks)
        elif isinstance(b, Photo):
            if b.caption:
                self.runs(b.caption)
                self.line_end()
        elif isinstance(b, Rule):
            pass


def linearize(doc, deco=None):
    """Return (text, entities, fields, sections) for a layout tree."""
    w = _Writer(deco or Deco())
    w.blocks(doc.header)
    w.blocks(doc.body)
    w.blocks(doc.footer)
    return "".join(w.parts), w.entities, w.fields, w.sections


ALWAYS_KEPT = {"basics.location.countryCode"}
DESCRIPTORS = {"network"}     # kept beside any shown sibling (a profile's network name)
_MISSING = object()


def visible_profile(profile, fields):
    """The profile restricted to what the document shows (the parser's target).

    A layout may leave out parts of the person (no street address, no interests, a photo only
    some layouts draw). A value is kept when some span in ``fields`` shows it (an ongoing job's
    ``endDate: null`` is shown by the "present" word); list items are kept when any of their
    values is shown, and a skill group keeps its name when any keyword is.
    """
    shown = {f["path"] for f in fields} | ALWAYS_KEPT

    def walk(value, path):
        if isinstance(value, dict):
            out = {}
            for k, v in value.items():
                sub = walk(v, f"{path}.{k}" if path else k)
                if sub is not _MISSING:
                    out[k] = sub
            if out:
                for k in DESCRIPTORS & value.keys():
                    out.setdefault(k, value[k])
            return out or _MISSING
        if isinstance(value, list):
            out = [w for w in (walk(v, f"{path}[{i}]") for i, v in enumerate(value)) if w is not _MISSING]
            return out or _MISSING
        return value if path in shown else _MISSING

    vis = {}
    for key, value in profile.items():
        if key == "skills":
            groups = []
            for g, grp in enumerate(value):
                kws = [k for j, k in enumerate(grp["keywords"]) if f"skills[{g}].keywords[{j}]" in shown]
                if kws:
                    groups.append(dict(name=grp["name"], keywords=kws))
            vis[key] = groups
        else:
            w = walk(value, key)
            vis[key] = w if w is not _MISSING else ({} if isinstance(value, dict) else [])
    return vis
