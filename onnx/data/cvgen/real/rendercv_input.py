"""rendercv's input (its YAML model, as a dict) for a View.

rendercv validates and re-formats some values: phone numbers are parsed and printed in
national form, so the labelled phone is replaced by that form (or left out when it does not
parse, as rendercv would refuse it); profile links and the headline are not shown (its themes print them as bare
user names); dates go in as the free-text ``date`` field so they keep the locale's own form.
"""


def _phone(raw):
    import phonenumbers
    try:
        n = phonenumbers.parse(raw, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(n):
        return None
    return phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.NATIONAL)


def rendercv_input(view, theme, doc_date):
    """rendercv's input; drops or rewrites view's labels to match what rendercv prints. The
    document date is rendercv's "today" (its footer prints it), so a seed renders the same text."""
    cv = dict(name=view.name)
    keep = []
    for lb in view.labels:
        if lb.path and (lb.path.startswith("basics.profiles") or lb.path in ("basics.url", "basics.label")):
            continue
        if lb.path == "basics.phone":
            formatted = _phone(lb.text)
            if not formatted:
                continue
            cv["phone"], lb.text = lb.text, formatted
        keep.append(lb)
    view.labels = keep
    for kind, _w, value in view.contacts:
        if kind == "address":
            cv["location"] = value
        elif kind == "email":
            cv["email"] = value
    secs = {}
    for kind, heading, c in view.sections:
        if kind == "summary":
            entries = [c]
        elif kind == "experience":
            entries = [dict(company=j["company"], position=j["position"], location=j["location"], date=j["dates"],
                            highlights=j["highlights"]) for j in c]
        elif kind == "education":
            entries = [dict(institution=s["institution"], area=s["degree"], location=s["location"], date=s["dates"])
                       for s in c]
        elif kind == "skills":
            entries = [dict(label=n, details=", ".join(k)) for n, k in c]
        elif kind in ("languages", "personal"):
            entries = [dict(label=a, details=b) for a, b in c]
        elif kind in ("certifications", "awards", "publications"):
            entries = [dict(name=a, date=d) for a, d in c]
        elif kind == "references":
            entries = [c] if isinstance(c, str) else [
                dict(name=r["name"], highlights=[f"{r['position']}, {r['organization']}", f"{r['email']} · {r['phone']}"])
                for r in c]
        else:
            entries = [", ".join(c)]
        secs[heading] = entries
    cv["sections"] = secs
    return dict(cv=cv, design=dict(theme=theme), rendercv_settings=dict(date=doc_date.isoformat()))
