"""Contact details in the page header and footer (Word templates do this); body has only sections."""
from ..doc import Document, Para, Seg


def build(c):
    items = c.contact_items()
    header = c.name_blocks(style="name", force=c.name_style if c.name_style != "split" else "caps")
    header.append(Para(c.contact_line(items[1:3], labelled=False), "small"))
    footer = [Para(c.contact_line([items[0]] + items[3:], labelled=True), "small", align="center")]
    body = [Para([Seg(c.p["basics"]["label"], "TITLE", "basics.label")], "title")]
    body += c.standard_sections() + c.personal_section()
    return Document(body, header=header, footer=footer, title="CV", font="sans", accent="#6a1b9a")
