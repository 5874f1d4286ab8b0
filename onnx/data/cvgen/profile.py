"""The fictional person behind one CV, shaped like JSON Resume.

``make_profile`` returns the parser's target: ``basics`` (name, label, email, phone, url,
summary, location, profiles), ``work``, ``education``, ``skills``, ``languages``,
``certificates``, ``awards``, ``publications``, ``interests`` and ``references`` as in JSON
Resume, plus ``personal`` (an extension for the sensitive attributes European and Indian CVs
state: date of birth, age, place of birth, nationality, marital status, gender, religion,
children, ID number, photo). Dates are ISO (``YYYY-MM`` / ``YYYY-MM-DD``); renderers choose the
surface form. Everything is drawn from the document's own RNG so it is reproducible.
"""

import datetime as dt

from . import regional
from .locales import (DOMAINS, INTERN_TITLES, LANG, LOCALES, NATIONALITY, SOFT_SKILLS, VENUE_TOPICS, VENUES, VOLUNTEER,
                      lang_table)
from .people import email_for, faker_for, guard, person_name, phone_for, slug, weighted


def _fake(rng, locale):
    fk = faker_for(LOCALES[locale]["faker"])
    fk.seed_instance(rng.getrandbits(48))
    return fk


def _guarded(draw, fallback):
    """First of up to 20 draws that the privacy guard accepts."""
    for _ in range(20):
        value = draw()
        if guard().ok(value):
            return value
    return fallback


def _company(rng, locale):
    return _guarded(lambda: regional.company(rng, locale, _fake(rng, locale)), "Nordwind Logistik GmbH")


def _city(rng, locale):
    return _guarded(lambda: regional.city(rng, locale, _fake(rng, locale)), "Springfield")


def _school(rng, locale, L):
    def draw():
        fk = _fake(rng, locale)
        return rng.choice(L["school_fmt"]).format(city=regional.city(rng, locale, fk), last=fk.last_name())
    return _guarded(draw, "Technical College")


def _secondary(rng, locale, L):
    fk = _fake(rng, locale)
    return rng.choice(L["secondary"]).format(city=regional.city(rng, locale, fk), last=fk.last_name())


def _ym(y, m):
    return f"{y:04d}-{m:02d}"


def _fill(rng, tmpl, L, dom, lang):
    task = rng.choice(dom["task"].get(lang) or dom["task"]["en"])
    vals = dict(task=task, Task=task[0].upper() + task[1:], tool=rng.choice(dom["tools"]), n=rng.randint(3, 120),
                team=rng.randint(2, 15), pct=rng.choice([10, 12, 15, 20, 25, 30, 40]),
                clients=rng.choice(L["clients"]), metric=rng.choice(L["metric"]), dept=rng.choice(L["dept"]))
    return tmpl.format(**vals)


def _promote(rng, work, titles):
    """Promoted: the latest 2-3 roles at one employer, each ending the month before the next
    begins (CVs list such roles under the employer written once, or repeat it per role)."""
    k = min(len(work), rng.choice([2, 2, 3]))
    for j in range(1, k):
        w, newer = work[j], work[j - 1]
        w.update(name=work[0]["name"], location=work[0]["location"])
        y, m = int(newer["startDate"][:4]), int(newer["startDate"][5:7])
        w["endDate"] = _ym(y - (m == 1), 12 if m == 1 else m - 1)
        taken = {x["position"] for x in work[:j]}
        if w["position"] in taken and len(titles) > len(taken):
            w["position"] = rng.choice([t for t in titles if t not in taken])
    for w in work[:k]:
        w["_group"] = work[0]


def _groups(work):
    """Index lists of the promotion groups in the final order (their marker key removed)."""
    groups = {}
    for i, w in enumerate(work):
        head = w.pop("_group", None)
        if head is not None:
            groups.setdefault(id(head), []).append(i)
    return list(groups.values())


PROMOTION = 0.18   # share of careers with two or more jobs that hold a promotion


def make_profile(rng, locale, doc_date: dt.date, promotion=None):
    loc = LOCALES[locale]
    lang = loc["lang"]
    L = lang_table(locale)
    gender = "F" if rng.random() < 0.5 else "M"
    given, family, origin = person_name(rng, locale, gender)
    name = f"{given} {family}"
    domain_key = rng.choice(sorted(DOMAINS))
    dom = DOMAINS[domain_key]
    titles = dom["title"].get(lang) or dom["title"]["en"]

    age = rng.randint(21, 61)
    birth = dt.date(doc_date.year - age, rng.randint(1, 12), rng.randint(1, 28))
    if (doc_date.month, doc_date.day) < (birth.month, birth.day):
        age -= 1
    fk = _fake(rng, locale)
    street, postcode, town, region = regional.address(rng, locale, fk)
    city = town or _city(rng, locale)
    region = region or ""
    if locale == "en-US":
        region = fk.state_abbr()
    elif locale == "en-IN":
        region = fk.state()

    email = email_for(rng, locale, given, family)
    phone = phone_for(rng, locale)
    user = slug(given.split()[0])[:1] + slug(family)[:12] + (str(rng.randint(1, 99)) if rng.random() < 0.4 else "")
    profiles = []
    if rng.random() < 0.55:
        profiles.append(dict(network="LinkedIn", username=user, url=f"linkedin.com/in/{user}"))
    if domain_key in ("software", "engineering") and rng.random() < 0.5:
        profiles.append(dict(network="GitHub", username=user, url=f"github.com/{user}"))
    url = f"www.{slug(given)}{slug(family)}.{rng.choice(['com', 'net', 'dev', 'eu'])}" if rng.random() < 0.12 else None

    # education: graduation around age 21-26
    education = []
    grad_year = min(birth.year + rng.randint(21, 26), doc_date.year)
    ladder = L["degree_ladder"]
    top = rng.choices([1, 2, 3], [50, 38, 12])[0]
    levels = list(range(top, max(-1, top - rng.choice([1, 2, 2, 3])), -1))
    y_end = min(grad_year, doc_date.year)
    for lvl in levels:
        length = {0: 3, 1: rng.choice([3, 4]), 2: rng.choice([1, 2]), 3: rng.choice([3, 4, 5])}[lvl]
        y_start = y_end - length
        study = rng.choice(ladder[lvl])
        area = dom["area"].get(lang) or dom["area"]["en"]
        school = _school(rng, locale, L) if lvl else _secondary(rng, locale, L)
        education.append(dict(institution=school, area=area, studyType=study,
                              startDate=_ym(y_start, rng.choice([9, 10])), endDate=_ym(y_end, rng.choice([6, 7])),
                              location=_city(rng, locale)))
        y_end = y_start - (rng.randint(0, 2) if lvl >= 2 else 0)
    education.sort(key=lambda e: e["startDate"], reverse=True)

    # work: backwards from the document date to graduation, the latest job usually ongoing
    work = []
    career_years = doc_date.year - grad_year
    n_jobs = max(0, min(rng.choice([1, 2, 3, 3, 4, 5]), career_years))
    floor = grad_year * 12 + rng.randint(0, 11)
    end_total = doc_date.year * 12 + doc_date.month - 1
    ongoing = rng.random() < 0.8
    for j in range(n_jobs):
        dur = rng.randint(8, 60)
        start_total = max(floor, end_total - dur)
        if start_total >= end_total:
            break
        end = None if (j == 0 and ongoing) else _ym(end_total // 12, end_total % 12 + 1)
        n_hl = rng.randint(1, 4)
        highlights = [_fill(rng, rng.choice(L["bullets"]), L, dom, lang) for _ in range(n_hl)]
        work.append(dict(name=_company(rng, locale), position=rng.choice(titles), location=_city(rng, locale),
                         startDate=_ym(start_total // 12, start_total % 12 + 1), endDate=end, highlights=highlights))
        end_total = start_total - rng.randint(0, 5)
    work.sort(key=lambda w: w["startDate"], reverse=True)
    if len(work) >= 2 and rng.random() < (PROMOTION if promotion is None else promotion):
        _promote(rng, work, titles)
    years = max(1, career_years)
    label = work[0]["position"] if work else rng.choice(titles)
    if work and locale in ("en-US", "en-IN") and rng.random() < 0.15:
        # US federal and Indian CVs name the supervisor, often with a number to call
        sg = "F" if rng.random() < 0.5 else "M"
        g2, f2, _o = person_name(rng, locale, sg)
        work[0]["supervisor"] = dict(name=f"{g2} {f2}", phone=phone_for(rng, locale))
    if rng.random() < 0.3:
        # an internship or student job in the last year of studies
        start = (grad_year - 1) * 12 + rng.randint(0, 8)
        end = start + rng.randint(1, 5)
        work.append(dict(name=_company(rng, locale), position=rng.choice(INTERN_TITLES[lang]), location=_city(rng, locale),
                         startDate=_ym(start // 12, start % 12 + 1), endDate=_ym(end // 12, end % 12 + 1),
                         highlights=[_fill(rng, rng.choice(L["bullets"]), L, dom, lang)]))
    if rng.random() < 0.12:
        roles, orgs = VOLUNTEER[lang]
        start = rng.randint(grad_year - 3, doc_date.year - 1) * 12 + rng.randint(0, 11)
        end = None if rng.random() < 0.4 else start + rng.randint(3, 30)
        end = None if end is None or end >= doc_date.year * 12 + doc_date.month - 1 else _ym(end // 12, end % 12 + 1)
        work.append(dict(name=rng.choice(orgs).format(city=_city(rng, locale)), position=rng.choice(roles),
                         location=_city(rng, locale), startDate=_ym(start // 12, start % 12 + 1), endDate=end,
                         highlights=[_fill(rng, rng.choice(L["bullets"]), L, dom, lang)] if rng.random() < 0.3 else []))
    # a promotion's roles stay together, ordered by the group's latest start
    work.sort(key=lambda w: (w.get("_group", w)["startDate"], w["startDate"]), reverse=True)
    groups = _groups(work)

    L_sum = rng.choice(L["summary"])
    summary = L_sum.format(title=label, years=years, field=dom["field"].get(lang, dom["field"]["en"]),
                           quality=rng.choice(L["quality"]), outcome=rng.choice(L["outcome"]))

    tools = rng.sample(dom["tools"], k=min(len(dom["tools"]), rng.randint(4, 8)))
    skills = [dict(name=rng.choice(["Tools", "Technical", "Software"]) if lang == "en" else "Tools", keywords=tools)]
    if rng.random() < 0.6:
        skills.append(dict(name="Soft skills", keywords=rng.sample(SOFT_SKILLS[lang], k=min(3, len(SOFT_SKILLS[lang])))))

    langs = [dict(language=L["lang_names"][lang], fluency=L["fluency"][0])]
    others = [k for k in L["lang_names"] if k != lang]
    for k in rng.sample(others, k=rng.randint(1, 3)):
        langs.append(dict(language=L["lang_names"][k], fluency=rng.choice(L["fluency"][1:])))

    certificates = []
    if rng.random() < 0.4:
        certificates.append(dict(name=f"{rng.choice(dom['tools'])} {rng.choice(['Certified Professional', 'Associate', 'Practitioner'])}",
                                 date=_ym(rng.randint(grad_year, doc_date.year), rng.randint(1, 12))))
    awards = []
    if rng.random() < 0.2:
        awards.append(dict(title=rng.choice(L["award_fmt"]).format(Adj=rng.choice(L["adj"]), Noun=rng.choice(L["noun"])),
                           date=_ym(rng.randint(grad_year, doc_date.year), rng.randint(1, 12)), awarder=work[0]["name"] if work else ""))
    publications = []
    if rng.random() < 0.1:
        for _ in range(rng.choice([1, 1, 2, 3, 4])):
            t = rng.choice(L["topic"])
            # the candidate among one to three co-authors (given, family); the layout cites them
            authors = [(given, family)]
            for _ in range(rng.randint(0, 3)):
                cg, cf, _o = person_name(rng, locale, "F" if rng.random() < 0.5 else "M")
                authors.insert(rng.randint(0, len(authors)), (cg, cf))
            publications.append(dict(name=rng.choice(L["pub_fmt"]).format(topic=t, Topic=t[0].upper() + t[1:]),
                                     publisher=rng.choice(VENUES).format(Topic=rng.choice(VENUE_TOPICS)),
                                     releaseDate=_ym(rng.randint(grad_year, doc_date.year), rng.randint(1, 12)),
                                     authors=authors, candidate=(given, family)))
        publications.sort(key=lambda x: x["releaseDate"], reverse=True)
    interests = [dict(name=i) for i in rng.sample(L["interests"], k=rng.randint(0, 3))]

    references = []
    ref_mode = "none"
    r = rng.random()
    if r < 0.25:
        ref_mode = "on_request"
    elif r < 0.25 + (0.35 if locale in ("en-IN", "en-GB", "en-US") else 0.2):
        ref_mode = "named"
        for _ in range(rng.randint(1, 2)):
            g2 = "F" if rng.random() < 0.5 else "M"
            rg, rf, _o = person_name(rng, locale, g2)
            references.append(dict(name=f"{rg} {rf}", reference="", position=rng.choice(titles),
                                   organization=rng.choice([w["name"] for w in work]) if work and rng.random() < 0.7 else _company(rng, locale),
                                   email=email_for(rng, locale, rg, rf), phone=phone_for(rng, locale)))

    rates = loc["rates"]
    personal = {}
    if rng.random() < rates["dob"]:
        personal["dateOfBirth"] = birth.isoformat()
    if rng.random() < rates["age"]:
        personal["age"] = age
    if rng.random() < rates["pob"]:
        personal["placeOfBirth"] = _city(rng, locale)
    if rng.random() < rates["nationality"]:
        nat = NATIONALITY[lang]
        personal["nationality"] = nat.get(origin) or nat.get(loc["country"]) or loc["country_name"]
    if rng.random() < rates["marital"]:
        personal["maritalStatus"] = L["marital"][weighted(rng, dict(single=40, married=45, divorced=5, partner=8, widowed=2))]
    if rng.random() < rates["children"]:
        personal["children"] = rng.randint(1, 3)
    if rng.random() < rates["gender"]:
        personal["gender"] = L["gender"][gender][0]
    if rng.random() < rates.get("pronouns", 0):
        personal["pronouns"] = LANG["en"]["gender"][gender][1]
    if rng.random() < rates["religion"]:
        personal["religion"] = rng.choice(L["religion"])
    if rng.random() < rates["health"]:
        personal["health"] = rng.choice(L["health"])
    if rng.random() < rates["id"]:
        kind = loc["id_kind"]
        if kind == "aadhaar":
            personal["idNumber"] = f"{rng.randint(2000, 9999)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}"
        elif kind == "id":
            personal["idNumber"] = "L" + "".join(rng.choice("CFGHJKLMNPRTVWXYZ0123456789") for _ in range(8))
        elif kind == "svnr":
            personal["idNumber"] = regional.svnr(rng, birth)
        elif kind == "ahv":
            personal["idNumber"] = regional.ahv(rng)
        elif kind == "be_nn":
            personal["idNumber"] = regional.be_national_number(rng, birth, gender)
        elif kind == "nas":
            personal["idNumber"] = regional.nas(rng)
        elif kind == "curp":        # the CURP, often with the RFC (tax number) beside it
            curp, rfc = regional.curp_rfc(rng, given, family, birth, gender)
            personal["idNumber"] = curp
            if rng.random() < 0.5:
                personal["socialSecurityNumber"] = rfc
        elif kind == "dni":         # the DNI, often with the CUIL beside it
            dni, cuil = regional.dni_cuil(rng, birth, gender)
            personal["idNumber"] = dni
            if rng.random() < 0.5:
                personal["socialSecurityNumber"] = cuil
        else:
            personal["idNumber"] = _fake(rng, locale).ssn()
    if rng.random() < rates.get("origin", 0):      # Swiss Heimatort: the place of citizenship
        personal["placeOfOrigin"] = _city(rng, locale)
    if rng.random() < rates["photo"]:
        personal["photo"] = True
    if rng.random() < rates.get("father", 0):
        fg, ff, _o = person_name(rng, locale, "M", origin=origin)
        personal["fatherName"] = f"{fg} {family.split()[0] if rng.random() < 0.6 else ff}"
    if rng.random() < rates["driving"]:
        personal["drivingLicence"] = rng.choice(["B", "B, C1", "A, B"])

    return dict(
        basics=dict(name=name, label=label, email=email, phone=phone, url=url, summary=summary,
                    location=dict(address=street, postalCode=postcode, city=city, region=region,
                                  countryCode=loc["country"]),
                    profiles=profiles),
        work=work, education=education, skills=skills, languages=langs, certificates=certificates,
        awards=awards, publications=publications, interests=interests, references=references,
        personal=personal,
        meta=dict(given=given, family=family, gender=gender, name_origin=origin, domain=domain_key,
                  references_mode=ref_mode, document_date=doc_date.isoformat(), work_groups=groups),
    )
