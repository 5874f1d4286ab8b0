"""Shaded left sidebar with photo, contact, personal details and skills; career on the right."""
from ..doc import Columns, Document, Para, Seg


def build(c):
    side = c.photo() + [c.h("contact")] + c.contact_paras()
    items = c.personal_items()
    if items:
        side += [c.h("personal")] + c.kv_paras(items, "small")
    side += c.section("skills", mode="bullets") + c.section("languages") + c.section("interests")
    main = c.name_blocks(style="name") + [Para([Seg(c.p["basics"]["label"], "TITLE", "basics.label")], "title")]
    main += c.standard_sections(order=["summary", "experience", "education", "certifications", "awards", "references"])
    return Document([Columns([side, main], [0.32, 0.68], shaded=0)], title="CV", font="sans", accent="#37474f")
