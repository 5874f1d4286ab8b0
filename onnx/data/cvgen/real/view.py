"""The profile as a third-party template shows it: surface strings plus the labels they carry.

Real templates (LaTeX classes, Typst, pandoc, rendercv, JSON Resume themes) take structured
input, not our layout tree, so a document is described here once as plain strings per CV part
(name, contacts, personal details, jobs, schools, ...) in the locale's own words and date forms
(``layouts.common.Ctx`` decides those, as for the built-in layouts). Every labelled string is
also recorded as a ``Label`` with the section it belongs to; ``locate`` later finds each one in
the rendered file's own text layer. Writers must show every labelled string verbatim.
"""
from dataclasses import dataclass, field
from typing import List, Optional

from ..labels import level_of
from ..layouts.common import Ctx, citation_parts

ORDER = ["summary", "experience", "education", "skills", "languages", "certifications", "awards", "publications",
         "personal", "references", "interests"]


@dataclass
class Label:
    text: str
    type: Optional[str]        # entity type, or None for a profile value that is not an entity
    path: Optional[str]
    role: str
    region: str                # section kind it appears under, or "header" (name, contacts: anywhere)

    @property
    def level(self):
        return level_of(self.type, self.role) if self.type else None


@dataclass
class View:
    locale: str
    lang: str
    given: str
    family: str
    name: str                  # as written on the CV ("Given Family" or "FAMILY, Given")
    label: str                 # headline job title
    contacts: list             # (kind, label word, value) kind: address|phone|email|url|handle
    sections: list             # (kind, heading, content) in page order; content depends on kind
    labels: List[Label] = field(default_factory=list)
    name_order: str = "given_family"


def build_view(ctx: Ctx, name_order=None, region_of_contacts="header"):
    p, rng, L = ctx.p, ctx.rng, ctx.L
    labels = []

    def lab(text, typ, path, role="candidate", region="header"):
        text = str(text)
        labels.append(Label(text, typ, path, role, region))
        return text

    m = p["meta"]
    given, family = m["given"], m["family"]
    order = name_order or rng.choices(["given_family", "family_comma"], [85, 15])[0]
    if order == "family_comma":
        name = lab(f"{family}, {given}", "PERSON", "basics.name")
    else:
        name = lab(f"{given} {family}", "PERSON", "basics.name")
    b = p["basics"]
    label = lab(b["label"], "TITLE", "basics.label")

    contacts = []
    loc = b["location"]
    if rng.random() < (0.6 if ctx.lang != "en" or ctx.locale == "en-IN" else 0.3):
        street = lab(loc["address"], "ADDRESS", "basics.location.address")
        pc = lab(loc["postalCode"], "POSTCODE", "basics.location.postalCode")
        city = lab(loc["city"], "LOCATION", "basics.location.city")
        contacts.append(("address", ctx.label("address"),
                         f"{street}, {city} {pc}" if ctx.loc["country"] in ("US", "GB", "IN", "CA") else f"{street}, {pc} {city}"))
    else:
        contacts.append(("address", ctx.label("address"), lab(loc["city"], "LOCATION", "basics.location.city")))
    contacts.append(("phone", ctx.label("phone"), lab(b["phone"], "PHONE", "basics.phone")))
    contacts.append(("email", ctx.label("email"), lab(b["email"], "EMAIL", "basics.email")))
    for i, pr in enumerate(b["profiles"]):
        key = "linkedin" if pr["network"] == "LinkedIn" else "github"
        contacts.append((key, ctx.label(key), lab(pr["url"], "URL", f"basics.profiles[{i}].url")))
    if b.get("url"):
        contacts.append(("url", ctx.label("website"), lab(b["url"], "URL", "basics.url")))

    sections = []

    def head(kind):
        return ctx.heading_text(kind)

    def d(iso, path, region, style=None):
        return lab(ctx.fmt_date(iso, style), "DATE", path, region=region)

    def drange(item, base, region):
        s = d(item["startDate"], f"{base}.startDate", region)
        e = d(item["endDate"], f"{base}.endDate", region) if item.get("endDate") else ctx.present
        return s, e

    R = "summary"
    sections.append(("summary", head(R), lab(b["summary"], None, "basics.summary", region=R)))
    R = "experience"
    jobs = []
    for i, w in enumerate(p["work"]):
        base = f"work[{i}]"
        s, e = drange(w, base, R)
        jobs.append(dict(position=lab(w["position"], "TITLE", f"{base}.position", region=R),
                         company=lab(w["name"], "ORG", f"{base}.name", "employer", R),
                         location=lab(w["location"], "LOCATION", f"{base}.location", "employer", R),
                         start=s, end=e, dates=f"{s}{ctx.dash}{e}",
                         highlights=[lab(h, None, f"{base}.highlights[{k}]", region=R) for k, h in enumerate(w["highlights"])]
                         + ([f"Supervisor: {lab(w['supervisor']['name'], 'PERSON', None, 'colleague', R)}, "
                             f"{lab(w['supervisor']['phone'], 'PHONE', None, 'colleague', R)}"] if w.get("supervisor") else [])))
    if jobs:
        sections.append(("experience", head(R), jobs))
    R = "education"
    schools = []
    for i, e in enumerate(p["education"]):
        base = f"education[{i}]"
        s, en = drange(e, base, R)
        study = lab(e["studyType"], "DEGREE", f"{base}.studyType", region=R)
        if e["studyType"] in ctx.school_leaving:
            degree = study
        else:
            join = f" {L['in_word']} " if L["in_word"] and not e["studyType"].endswith(" in") else " "
            degree = study + join + lab(e["area"], "DEGREE", f"{base}.area", region=R)
        schools.append(dict(degree=degree, institution=lab(e["institution"], "SCHOOL", f"{base}.institution", "school", R),
                            location=lab(e["location"], "LOCATION", f"{base}.location", "school", R),
                            start=s, end=en, dates=f"{s}{ctx.dash}{en}"))
    sections.append(("education", head(R), schools))
    R = "skills"
    groups = [(g["name"], [lab(k, "SKILL", f"skills[{gi}].keywords[{j}]", region=R) for j, k in enumerate(g["keywords"])])
              for gi, g in enumerate(p["skills"])]
    sections.append(("skills", head(R), groups))
    R = "languages"
    sections.append(("languages", head(R), [(lab(x["language"], None, f"languages[{i}].language", region=R),
                                             lab(x["fluency"], None, f"languages[{i}].fluency", region=R))
                                            for i, x in enumerate(p["languages"])]))
    R = "certifications"
    if p["certificates"]:
        sections.append((R, head(R), [(lab(c["name"], None, f"certificates[{i}].name", region=R),
                                       d(c["date"], f"certificates[{i}].date", R)) for i, c in enumerate(p["certificates"])]))
    R = "awards"
    if p["awards"]:
        sections.append((R, head(R), [(lab(a["title"], "AWARD", f"awards[{i}].title", region=R),
                                       d(a["date"], f"awards[{i}].date", R)) for i, a in enumerate(p["awards"])]))
    R = "publications"
    if p["publications"]:
        sections.append((R, head(R), [("".join(lab(t, ent, path, role or "candidate", R) if (ent or path) else t
                                               for t, ent, path, role in citation_parts(a, ctx.citation, i)),
                                       d(a["releaseDate"], f"publications[{i}].releaseDate", R, "YYYY"))
                                      for i, a in enumerate(p["publications"])]))
    R = "personal"
    items = []
    for word, runs in ctx.personal_items(place_first=False):     # the templates label every row
        items.append((word, "".join(lab(s.text, s.ent, s.path, s.role or "candidate", R) if (s.ent or s.path) else s.text
                                    for s in runs)))
    if items:
        sections.append((R, head(R), items))
    R = "references"
    mode = m["references_mode"]
    if mode == "on_request":
        sections.append((R, head(R), rng.choice(L["refs_on_request"])))
    elif mode == "named":
        refs = []
        for i, r in enumerate(p["references"]):
            base = f"references[{i}]"
            refs.append(dict(name=lab(r["name"], "PERSON", f"{base}.name", "reference", R),
                             position=lab(r["position"], "TITLE", f"{base}.position", "reference", R),
                             organization=lab(r["organization"], "ORG", f"{base}.organization", "reference", R),
                             email=lab(r["email"], "EMAIL", f"{base}.email", "reference", R),
                             phone=lab(r["phone"], "PHONE", f"{base}.phone", "reference", R)))
        sections.append((R, head(R), refs))
    R = "interests"
    if p["interests"]:
        sections.append((R, head(R), [lab(x["name"], None, f"interests[{i}].name", region=R) for i, x in enumerate(p["interests"])]))
    # European and Indian CVs put personal details first, right after the header
    if ctx.lang != "en" or ctx.locale == "en-IN":
        sections.sort(key=lambda s: 0 if s[0] == "personal" else 1)
    return View(ctx.locale, ctx.lang, given, family, name, label, contacts, sections, labels, order)
