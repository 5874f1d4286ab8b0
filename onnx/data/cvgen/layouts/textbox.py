"""Name and contact block inside a text box (a floating frame in DOCX/ODT), the body below it."""
from ..doc import Document, Para, Seg, TextBox


def build(c):
    box = c.name_blocks(style="name") + [Para([Seg(c.p["basics"]["label"], "TITLE", "basics.label")], "title")]
    box += c.contact_paras(style="small")
    body = [TextBox(box, alternate=c.rng.random() < 0.6)] + c.photo()
    body += c.standard_sections(order=["summary", "experience", "education", "skills", "languages", "references"])
    body += c.personal_section(table=True)
    return Document(body, title="CV", font="sans", accent="#bf360c")
