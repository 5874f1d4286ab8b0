"""Single column: centred name, one contact line, sections top to bottom (the commonest CV)."""
from ..doc import Document, Para, Rule, Seg


def build(c):
    body = c.name_blocks(align="center")
    body.append(Para([Seg(c.p["basics"]["label"], "TITLE", "basics.label")], "title", align="center"))
    body.append(Para(c.contact_line(), "contact", align="center"))
    body.append(Rule())
    body += c.standard_sections(order=["summary", "experience", "education", "skills", "languages",
                                       "certifications", "awards", "interests", "references"])
    body += c.personal_section()
    return Document(body, title=c.L["cv_title"][0], font="sans")
