"""Plain text: what people paste into web forms, headings underlined or in capitals."""
from ..doc import Document, Para, Seg


def build(c):
    body = c.name_blocks(force=c.name_style if c.name_style != "spaced" else "caps")
    body.append(Para([Seg(c.p["basics"]["label"], "TITLE", "basics.label")]))
    body += c.contact_paras()
    body += c.personal_section()
    body += c.standard_sections(skills=dict(mode="inline"))
    return Document(body, title="CV", font="mono")
