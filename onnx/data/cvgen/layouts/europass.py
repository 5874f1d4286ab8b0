"""Europass-like: a two-column table, labels on the left, content on the right, dates as row labels."""
from ..doc import Document, Para, Seg, Table


def build(c):
    rows = []
    title = {"en": "PERSONAL INFORMATION", "de": "ANGABEN ZUR PERSON", "fr": "INFORMATIONS PERSONNELLES",
             "es": "INFORMACIÓN PERSONAL", "it": "INFORMAZIONI PERSONALI", "nl": "PERSOONLIJKE INFORMATIE",
             "pt": "INFORMAÇÃO PESSOAL", "pl": "DANE OSOBOWE"}[c.lang]
    rows.append([[Para([Seg(title)], "meta", section="personal")], c.name_blocks(style="sub", force="plain")])
    for lab, runs in c.contact_items(full_address=True) + c.personal_items():
        rows.append([c.label_cell(lab), [Para(runs)]])
    body = [Para([Seg("Curriculum Vitae")], "title")] + c.photo() + [Table(rows, [0.3, 0.7], kind="europass")]
    for kind, items in (("experience", c.p["work"]), ("education", c.p["education"])):
        if not items:
            continue
        rows = [[[c.h(kind, style="meta")], []]]
        for i, it in enumerate(items):
            base = ("work" if kind == "experience" else "education") + f"[{i}]"
            left = [Para(c.drange(it, base), "meta")]
            if kind == "experience":
                right = [Para([Seg(it["position"], "TITLE", f"{base}.position", bold=True)], "sub"),
                         Para([Seg(it["name"], "ORG", f"{base}.name", role="employer"), Seg(", "),
                               Seg(it["location"], "LOCATION", f"{base}.location", role="employer")]),
                         c.highlights(it, i)]
            else:
                right = [Para(c.edu_runs(it, i), "sub"),
                         Para([Seg(it["institution"], "SCHOOL", f"{base}.institution", role="school"), Seg(", "),
                               Seg(it["location"], "LOCATION", f"{base}.location", role="school")])]
            rows.append([left, right])
        body.append(Table(rows, [0.3, 0.7], kind="europass"))
    body += c.standard_sections(order=["skills", "languages", "certifications", "references"])
    return Document(body, title="Europass CV", font="sans", accent="#004494", page_numbers=True)
