"""Markdown résumé (the README-on-GitHub kind)."""
from ..doc import Document, Para, Seg


def build(c):
    body = c.name_blocks(force="plain")
    body.append(Para([Seg(c.p["basics"]["label"], "TITLE", "basics.label", italic=True)], "title"))
    body.append(Para(c.contact_line(labelled=False), "contact"))
    body += c.standard_sections(experience=dict(dates="inline"), education=dict(dates="inline"))
    body += c.personal_section()
    return Document(body, title="CV", font="sans", bullet=c.rng.choice(["- ", "* "]))
