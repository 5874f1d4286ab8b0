"""Plain text: what people paste into web forms, headings underlined or in capitals."""
from ..doc import Document, Para, Seg


def build(c):
    body = c.name_blocks(force=c.name_style if c.name_style != "spaced" else "caps")
    body.append(Para([Seg(c.p["basics"]["label"], "TITLE", "basics.label")]))
    body += c.contact_paras()
    body += c.personal_section()
    body += c.standard_sections(skills=dict(mode="inline"))
    # list markers as pasted text carries them, Word's Symbol-font bullet (a private-use code point) included
    return Document(body, title="CV", font="mono", bullet=c.rng.choice(["- ", "* ", "• ", "\u27a2 ", "\uf0b7 ", "o ", "\u2013 "]))
