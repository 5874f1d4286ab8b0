"""LaTeX-like (moderncv/article style): serif, centred name, ruled small-caps headings, dates flush right."""
from ..doc import Document, Para, Rule, Seg, Table


def build(c):
    body = c.name_blocks(align="center", force=c.name_style if c.name_style != "split" else "plain")
    body.append(Para(c.contact_line(labelled=False), "contact", align="center"))
    for kind in ["summary", "experience", "education", "skills", "languages", "publications", "awards", "references"]:
        if kind == "experience" and c.p["work"]:
            body += [c.h(kind), Rule()]
            for i, w in enumerate(c.p["work"]):
                body.append(Table([[[Para(c.job_head(w, i, "org_first"), "sub")],
                                    [Para(c.drange(w, f"work[{i}]"), "meta", align="right")]]], [0.72, 0.28]))
                body.append(c.highlights(w, i))
        elif kind == "education" and c.p["education"]:
            body += [c.h(kind), Rule()]
            for i, e in enumerate(c.p["education"]):
                body.append(Table([[[Para([Seg(e["institution"], "SCHOOL", f"education[{i}].institution", role="school", bold=True)], "sub")],
                                    [Para(c.drange(e, f"education[{i}]"), "meta", align="right")]]], [0.72, 0.28]))
                body.append(Para(c.edu_runs(e, i)))
        else:
            sec = c.section(kind)
            if sec:
                body += sec[:1] + [Rule()] + sec[1:]
    body += c.personal_section()
    return Document(body, title="Curriculum Vitae", font="serif", accent="#000000")
