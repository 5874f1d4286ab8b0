"""Two columns: experience and education on the left, contact/skills/languages on a narrow right column."""
from ..doc import Columns, Document, Para, Seg


def build(c):
    head = c.name_blocks(style="name")
    head.append(Para([Seg(c.p["basics"]["label"], "TITLE", "basics.label")], "title"))
    main = c.standard_sections(order=["summary", "experience", "education", "awards", "references"])
    side = [c.h("contact")] + c.contact_paras(labelled=False)
    side += c.section("skills", mode="bullets") + c.section("languages") + c.section("certifications")
    side += c.personal_section() + c.section("interests")
    return Document(head + [Columns([main, side], [0.66, 0.34])], title="CV", font="sans", accent="#2e7d32")
