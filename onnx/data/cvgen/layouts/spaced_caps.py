"""Letter-spaced capitals for name and headings, contacts in a three-cell table row."""
from ..doc import Document, Para, Seg, Table


def build(c):
    body = c.name_blocks(align="center", force="spaced")
    body.append(Para([Seg(" ".join(c.p["basics"]["label"].upper()), "TITLE", "basics.label")], "title", align="center"))
    items = c.contact_items()
    cells = [[Para(r, "small", align="center")] for _lab, r in items[:3]]
    body.append(Table([cells], [1 / 3] * 3, kind="contact"))
    if len(items) > 3:
        body.append(Para(c.contact_line(items[3:], labelled=False), "small", align="center"))
    for kind in ["summary", "experience", "education", "skills", "languages", "certifications", "references"]:
        sec = c.section(kind)
        if sec:
            sec[0] = c.h(kind, spaced=True)
            body += sec
    body += c.personal_section()
    return Document(body, title="Resume", font="sans", accent="#8d6e63")
