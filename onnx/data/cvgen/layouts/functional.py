"""Functional / skills-first CV: profile and grouped skills first, then a one-line-per-job history."""
from ..doc import Bullets, Document, Para, Seg


def build(c):
    body = c.name_blocks() + [Para([Seg(c.p["basics"]["label"], "TITLE", "basics.label")], "title")]
    body.append(Para(c.contact_line(), "contact"))
    body += c.section("summary") + c.section("skills", mode="grouped")
    if c.p["work"]:
        body.append(c.h("experience"))
        body.append(Bullets([c.job_head(w, i, "title_first") + [Seg(", ")] + c.drange(w, f"work[{i}]")
                             for i, w in enumerate(c.p["work"])]))
    body += c.section("education", dates="inline") + c.section("languages") + c.section("certifications")
    body += c.section("interests") + c.personal_section() + c.section("references")
    return Document(body, title="CV", font="sans", accent="#00695c")
