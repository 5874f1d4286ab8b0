"""Tabular CV (German "tabellarischer Lebenslauf" style): personal data table with photo, dates in a
left column, and a place/date/name signature line at the end."""
from ..doc import Document, Para, Seg, Table
from .common import NAME_LABEL


def build(c):
    body = [Para([Seg(c.rng.choice(c.L["cv_title"]))], "title")]
    items = c.contact_items(full_address=True)
    rows = [[[Para([Seg(NAME_LABEL[c.lang])], "meta")], c.name_blocks(style="body", force="plain")]]
    rows += [[c.label_cell(lab), [Para(r)]] for lab, r in items + c.personal_items()]
    body += [c.h("personal")] + c.photo() + [Table(rows, [0.3, 0.7], kind="dates")]
    for kind, key in (("experience", "work"), ("education", "education")):
        its = c.p[key]
        if not its:
            continue
        rows = []
        for i, it in enumerate(its):
            base = f"{key}[{i}]"
            if key == "work":
                right = [Para([Seg(it["position"], "TITLE", f"{base}.position", bold=True)]),
                         Para([Seg(it["name"], "ORG", f"{base}.name", role="employer"), Seg(", "),
                               Seg(it["location"], "LOCATION", f"{base}.location", role="employer")]),
                         c.highlights(it, i)]
            else:
                right = [Para(c.edu_runs(it, i)), Para([Seg(it["institution"], "SCHOOL", f"{base}.institution", role="school")])]
            rows.append([[Para(c.drange(it, base), "meta")], right])
        body += [c.h(kind), Table(rows, [0.25, 0.75], kind="dates")]
    body += c.standard_sections(order=["skills", "languages", "certifications", "interests", "references"])
    if c.rng.random() < 0.6:
        body += c.signature()
    return Document(body, title="Lebenslauf", font="sans", accent="#333333")
