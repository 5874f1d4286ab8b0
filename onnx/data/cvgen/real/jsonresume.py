"""JSON Resume input for the npm themes, and the labels rewritten to what each theme prints.

Themes take the profile as JSON Resume and format some values themselves, so the labels follow:
dates go in as ISO and are labelled in the theme's own form (``date_format`` in the registry:
``MMM YYYY`` (with the theme's own abbreviations in ``months`` where they differ), ``MM/YYYY``,
``YYYY``; ``raw`` passes the locale's form through untouched); profile
links are printed as user names (HANDLE); only the city of the address is passed; values a theme
does not print (``hidden`` path patterns in the registry) are not labelled. Parts JSON
Resume has no place for (personal details, certificates) are left out with their labels.
"""
import re

MONTHS_FULL = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"]
MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
SHOWN = {"summary", "experience", "education", "skills", "languages", "references"}


def _get(profile, path):
    cur = profile
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        cur = cur[int(part[1:-1])] if part.startswith("[") else cur[part]
    return cur


def theme_date(iso, fmt, months=None):
    y, m = int(iso[:4]), int(iso[5:7])
    return {"MMM YYYY": f"{(months or MONTHS_EN)[m - 1]} {y}", "MMMM YYYY": f"{MONTHS_FULL[m - 1]} {y}", "MM/YYYY": f"{m:02d}/{y}",
            "YYYY": f"{y}"}[fmt]


HIDDEN = re.compile(r"basics\.location\.(address|postalCode)|basics\.url|education\[\d+\]\.location")


def resume_input(view, profile, tpl):
    fmt = tpl["date_format"]
    hidden = re.compile("|".join([HIDDEN.pattern] + tpl.get("hidden", [])))
    keep = []
    for lb in view.labels:
        if lb.region not in SHOWN | {"header"} or (lb.path and hidden.fullmatch(lb.path)):
            continue
        if lb.path and lb.path.startswith("basics.profiles"):
            lb.text, lb.type = _get(profile, lb.path.replace(".url", ".username")), "HANDLE"
        elif lb.type == "DATE" and fmt != "raw":
            f = tpl.get("date_format_education", fmt) if lb.path.startswith("education") else fmt
            lb.text = theme_date(_get(profile, lb.path), f, tpl.get("months"))
        keep.append(lb)
    view.labels = keep
    by_path = {lb.path: lb.text for lb in keep if lb.path}
    b = profile["basics"]

    def date(path):
        return by_path[path] if fmt == "raw" else _get(profile, path) + "-01"

    basics = dict(name=view.name, label=view.label, email=b["email"], phone=b["phone"], summary=b["summary"],
                  location=dict(city=b["location"]["city"]) if "basics.location.city" in by_path else {},
                  profiles=[dict(network=p["network"], username=p["username"], url="https://" + p["url"])
                            for p in b["profiles"]])
    kinds = {k for k, _h, _c in view.sections}
    jobs = next((c for k, _h, c in view.sections if k == "experience"), [])     # highlights as the view wrote them
    work = [dict(name=w["name"], position=w["position"], location=w["location"] if f"work[{i}].location" in by_path else "", startDate=date(f"work[{i}].startDate"),
                 **({"endDate": date(f"work[{i}].endDate")} if w.get("endDate") else {}), highlights=j["highlights"])
            for i, (w, j) in enumerate(zip(profile["work"], jobs))]
    education = [dict(institution=e["institution"], studyType=e["studyType"],
                      area=e["area"] if f"education[{i}].area" in by_path else "",
                      startDate=date(f"education[{i}].startDate"), endDate=date(f"education[{i}].endDate"))
                 for i, e in enumerate(profile["education"])]
    refs = []
    for kind, _h, c in view.sections:
        if kind == "references":
            refs = [dict(name="", reference=c)] if isinstance(c, str) else [
                dict(name=r["name"], reference=f"{r['position']}, {r['organization']}, {r['email']}, {r['phone']}") for r in c]
    return dict(basics=basics, work=work, education=education,
                skills=[dict(name=g["name"], keywords=g["keywords"]) for g in profile["skills"]],
                languages=[dict(language=x["language"], fluency=x["fluency"]) for x in profile["languages"]],
                references=refs)


def headings(view, tpl):
    """(kind, heading) in the theme's order, for the parts it shows with a heading."""
    present = {k for k, _h, _c in view.sections}
    return [(k, h) for k, h in tpl["headings"] if k in present]
