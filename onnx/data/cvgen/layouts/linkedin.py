"""LinkedIn "Save to PDF"-like: grey left column (Contact, Top Skills, Languages), page footer with page numbers."""
from ..doc import Columns, Document, Para, Seg


def _months(w, doc_date):
    y0, m0 = int(w["startDate"][:4]), int(w["startDate"][5:7])
    end = w.get("endDate") or doc_date[:7]
    y1, m1 = int(end[:4]), int(end[5:7])
    n = max(1, (y1 - y0) * 12 + m1 - m0 + 1)
    y, m = divmod(n, 12)
    parts = ([f"{y} year{'s' if y > 1 else ''}"] if y else []) + ([f"{m} month{'s' if m > 1 else ''}"] if m else [])
    return " ".join(parts)


def build(c):
    c.date_style = "Month YYYY"
    c.dash = " - "
    b = c.p["basics"]
    side = [Para([Seg("Contact")], "heading", section="contact")]
    side += [Para([Seg(b["email"], "EMAIL", "basics.email")], "small"), Para([Seg(b["phone"], "PHONE", "basics.phone")], "small")]
    for i, pr in enumerate(b["profiles"]):
        side.append(Para([Seg(f"www.{pr['url']}", "URL", f"basics.profiles[{i}].url"), Seg(f" ({pr['network']})")], "small"))
    side += [Para([Seg("Top Skills")], "heading", section="skills")]
    side += [Para([Seg(k, "SKILL", f"skills[0].keywords[{j}]")], "small") for j, k in enumerate(c.p["skills"][0]["keywords"][:3])]
    side += [Para([Seg("Languages")], "heading", section="languages")]
    side += [Para([Seg(l["language"], path=f"languages[{i}].language"), Seg(" ("),
                   Seg(l["fluency"], path=f"languages[{i}].fluency"), Seg(")")], "small")
             for i, l in enumerate(c.p["languages"])]
    main = c.name_blocks(style="name", force="plain")
    main.append(Para([Seg(b["label"], "TITLE", "basics.label")], "title"))
    main.append(Para(c.location_runs(), "meta"))
    main += [Para([Seg("Summary")], "heading", section="summary")] + c.summary()
    if c.p["work"]:
        main.append(Para([Seg("Experience")], "heading", section="experience"))
        doc_date = c.p["meta"]["document_date"]
        for group in c.work_units(stack=True):
            # the export writes a promotion's employer once, then its whole span, then each role
            first, last = c.p["work"][group[0]], c.p["work"][group[-1]]
            main.append(Para(c.employer_once(group, sep=" ")[:1], "sub"))
            if len(group) > 1:
                span = dict(startDate=last["startDate"], endDate=first.get("endDate"))
                main.append(Para([Seg(_months(span, doc_date))], "meta"))
            for i in group:
                main += _role(c, i, doc_date)
    if c.p["education"]:
        main.append(Para([Seg("Education")], "heading", section="education"))
        for i, e in enumerate(c.p["education"]):
            main.append(Para([Seg(e["institution"], "SCHOOL", f"education[{i}].institution", role="school", bold=True)], "sub"))
            main.append(Para(c.edu_runs(e, i) + [Seg(" · (")] + c.drange(e, f"education[{i}]") + [Seg(")")]))
    return Document([Columns([side, main], [0.3, 0.7], shaded=0)], title="LinkedIn profile", font="sans",
                    accent="#0a66c2", page_numbers=True)


def _role(c, i, doc_date):
    """Title / "March 2021 - Present (1 year 10 months)" / "City, Country" / text, as the export writes a role."""
    w = c.p["work"][i]
    return [Para([Seg(w["position"], "TITLE", f"work[{i}].position")]),
            Para(c.drange(w, f"work[{i}]") + [Seg(f" ({_months(w, doc_date)})")], "meta"),
            Para([Seg(w["location"], "LOCATION", f"work[{i}].location", role="employer")] + _country(c), "meta"),
            c.highlights(w, i)]


def _country(c):
    """The export writes a role's place as "City, Region, Country"; the profile keeps the city."""
    if c.rng.random() < 0.3:
        return []
    return [Seg(", "), Seg(c.loc["country_name"], "LOCATION", role="employer")]
