"""Building blocks shared by the layouts: one place that turns profile fields into labelled runs.

A ``Ctx`` holds the document's RNG, language tables and the surface choices made once per
document (date style, dash, heading variants and casing, name style), and offers helpers that
return runs and blocks for each CV part. Layouts only arrange these parts.
"""

import datetime as dt

from ..doc import Bullets, Para, Photo, Seg, Table, segs
from ..locales import LOCALES, lang_table

DASHES = [" – ", " - ", "–", " — ", " to "]
# the label of a form's row holding the whole name
NAME_LABEL = {"en": "Name", "de": "Name", "fr": "Nom", "es": "Nombre", "it": "Nome", "nl": "Naam", "pt": "Nome",
              "pl": "Imię i nazwisko"}
# the birth date with the place written first, as a sentence ("Born in Town on 12 May 1988",
# "Née à Ville le 3 juin 1992", "Nato a Città (XX) il 12/05/1988"; by gender where the language
# agrees) or as a row whose label names both ("Luogo e data di nascita: Città, 12/05/1988")
BORN = {"en": dict(M="Born in {place} on {date}", F="Born in {place} on {date}"),
        "de": dict(M="Geboren in {place} am {date}", F="Geboren in {place} am {date}"),
        "fr": dict(M="Né à {place} le {date}", F="Née à {place} le {date}"),
        "es": dict(M="Nacido en {place} el {date}", F="Nacida en {place} el {date}"),
        "it": dict(M="Nato a {place} il {date}", F="Nata a {place} il {date}"),
        "nl": dict(M="Geboren te {place} op {date}", F="Geboren te {place} op {date}"),
        "pt": dict(M="Nascido em {place}, em {date}", F="Nascida em {place}, em {date}"),
        "pl": dict(M="Urodzony: {place}, {date}", F="Urodzona: {place}, {date}")}
PLACE_DATE_LABEL = {"en": "Place and date of birth", "de": "Geburtsort und -datum", "fr": "Lieu et date de naissance",
                    "es": "Lugar y fecha de nacimiento", "it": "Luogo e data di nascita",
                    "nl": "Geboorteplaats en -datum", "pt": "Local e data de nascimento",
                    "pl": "Miejsce i data urodzenia"}
PLACE_FIRST = 0.3      # share of documents stating both that write the place first
ICONS_PUA = dict(address="\uf041", phone="\uf095", mobile="\uf10b", email="\uf0e0", linkedin="\uf08c", github="\uf09b",
                 website="\uf0ac")
ICONS_SYMBOL = dict(address="\u2302", phone="\u260e", mobile="\u260e", email="\u2709", linkedin="in", github="\u2325",
                    website="\u2316")


def _initials(given):
    """"Jan-Erik Maria" -> "J.-E. M." as citation styles abbreviate given names."""
    return " ".join("-".join(p[0] + "." for p in w.split("-") if p) for w in given.split())


def _author_sep(style, k, n):
    """What goes before the k-th of n authors: a comma, and the style's word before the last."""
    if k < n - 1:
        return ", "
    return {"apa": ", & ", "ieee": " and " if n == 2 else ", and "}.get(style, ", ")


def citation_parts(pub, style, i):
    """A publication as a citation in ``style`` (apa, ieee, vancouver; plain: title only), as
    (text, entity type, profile path, role) pieces: every author a PERSON (the candidate's own
    role, co-authors "colleague"), the title a PUBLICATION. The year is not included: layouts
    place it themselves."""
    base = f"publications[{i}]"
    out = []
    authors = pub.get("authors") or []
    if style == "plain" or not authors:
        return [(pub["name"], "PUBLICATION", f"{base}.name", "candidate")]
    me = pub.get("candidate")
    forms = {"apa": lambda g, f: f"{f}, {_initials(g)}", "ieee": lambda g, f: f"{_initials(g)} {f}",
             "vancouver": lambda g, f: f"{f} {_initials(g).replace('.', '').replace(' ', '').replace('-', '')}"}
    names = [(forms[style](g, f), "candidate" if (g, f) == me else "colleague") for g, f in authors]
    for k, (n, role) in enumerate(names):
        if k:
            out.append((_author_sep(style, k, len(names)), None, None, None))
        out.append((n, "PERSON", None, role))
    title, venue = pub["name"], pub.get("publisher", "")
    if style == "ieee":
        out += [(", \u201c", None, None, None), (title, "PUBLICATION", f"{base}.name", "candidate"),
                (",\u201d ", None, None, None), (venue, None, f"{base}.publisher", None)]
    else:
        out += [(" " if names[-1][0].endswith(".") else ". ", None, None, None),
                (title, "PUBLICATION", f"{base}.name", "candidate"), (". ", None, None, None),
                (venue, None, f"{base}.publisher", None), (".", None, None, None)]
    return out


class Ctx:
    def __init__(self, rng, locale, profile):
        self.rng = rng
        self.locale = locale
        self.loc = LOCALES[locale]
        self.lang = self.loc["lang"]
        self.L = lang_table(locale)
        self.school_leaving = set(self.L["degree_ladder"][0])
        self.p = profile
        r = rng
        self.date_style = r.choice(self.loc["date_styles"])
        self.dash = r.choice(DASHES[:4] if self.lang != "en" else DASHES)
        self.present = r.choice(self.L["present"])
        self.heading_case = r.choice(["as", "as", "upper"])
        self.heading_pick = {k: r.choice(v) for k, v in self.L["headings"].items()}
        self.name_style = r.choices(["plain", "caps", "spaced", "split"], [60, 20, 10, 10])[0]
        self.sep = r.choice([" | ", " · ", " • ", "  ", " / "])
        self.labelled_contacts = r.random() < 0.5
        self.citation = r.choice(["plain", "apa", "ieee", "vancouver"])
        # icon glyphs before unlabelled contacts: Font Awesome's private-use code points (as
        # icon-font CVs carry in their text) or Unicode symbols
        self.icons = r.choice([None, None, None, ICONS_PUA, ICONS_SYMBOL])
        # a promotion's roles under their employer written once, or the employer repeated per
        # role; drawn only when there is one, so documents without keep their draws
        self.stack_roles = bool(profile["meta"].get("work_groups")) and r.random() < 0.6

    # ---- small pieces -------------------------------------------------------------------
    def heading_text(self, kind):
        t = self.heading_pick[kind]
        return t.upper() if self.heading_case == "upper" else t

    def h(self, kind, style="heading", spaced=False):
        t = self.heading_text(kind)
        if spaced:
            t = " ".join(t.upper())
        return Para([Seg(t)], style=style, section=kind)

    def label(self, key):
        return self.L["labels"][key]

    def fmt_date(self, iso, style=None):
        style = style or self.date_style
        y, m = int(iso[:4]), int(iso[5:7]) if len(iso) >= 7 else 1
        if style == "YYYY":
            return f"{y}"
        if style == "Mon YYYY":
            return f"{self.L['months_abbr'][m - 1]} {y}"
        if style == "Month YYYY":
            return f"{self.L['months'][m - 1]} {y}"
        if style == "Mon'YY":
            return f"{self.L['months_abbr'][m - 1]}'{y % 100:02d}"
        sep = {"MM/YYYY": "/", "MM.YYYY": ".", "MM-YYYY": "-"}[style]
        return f"{m:02d}{sep}{y}"

    def date(self, iso, path, role="candidate", style=None):
        return Seg(self.fmt_date(iso, style), ent="DATE", path=path, role=role)

    def drange(self, item, base):
        out = [self.date(item["startDate"], f"{base}.startDate")]
        out.append(Seg(self.dash))
        if item.get("endDate"):
            out.append(self.date(item["endDate"], f"{base}.endDate"))
        else:
            out.append(Seg(self.present, path=f"{base}.endDate"))
        return out

    def dob_text(self, iso):
        d = dt.date.fromisoformat(iso)
        st = self.loc["dob_style"]
        if st.startswith("DD"):          # DD.MM.YYYY, DD/MM/YYYY, DD-MM-YYYY
            sep = st[2]
            return f"{d.day:02d}{sep}{d.month:02d}{sep}{d.year}"
        if st == "Month D, YYYY":
            return f"{self.L['months'][d.month - 1]} {d.day}, {d.year}"
        if self.lang == "fr" and d.day == 1:
            return f"1er {self.L['months'][d.month - 1]} {d.year}"
        return f"{d.day} {self.L['months'][d.month - 1]} {d.year}"

    # ---- the candidate's name --------------------------------------------------------------
    def name_blocks(self, style="name", align="left", force=None):
        m = self.p["meta"]
        given, family = m["given"], m["family"]
        ns = force or self.name_style
        if ns == "caps":
            return [Para([Seg(f"{given} {family}".upper(), "PERSON", "basics.name")], style, align=align)]
        if ns == "spaced":
            sp = lambda s: " ".join(s.upper())
            return [Para([Seg(f"{sp(given)}   {sp(family)}", "PERSON", "basics.name")], style, align=align)]
        if ns == "split":
            return [Para([Seg(given, "PERSON", "basics.name")], style, align=align),
                    Para([Seg(family.upper() if self.rng.random() < 0.5 else family, "PERSON", "basics.name")],
                         style, align=align)]
        if self.lang in ("fr", "it") and self.rng.random() < 0.3:   # "DUPONT Marie"
            return [Para([Seg(f"{family.upper()} {given}", "PERSON", "basics.name")], style, align=align)]
        if self.rng.random() < 0.08:                                  # "Dupont, Marie" as forms and exports write it
            return [Para([Seg(f"{family}, {given}", "PERSON", "basics.name")], style, align=align)]
        return [Para([Seg(f"{given} {family}", "PERSON", "basics.name")], style, align=align)]

    # ---- contacts ----------------------------------------------------------------------------
    def address_runs(self, with_street=True):
        loc = self.p["basics"]["location"]
        street = Seg(loc["address"], "ADDRESS", "basics.location.address")
        pc = Seg(loc["postalCode"], "POSTCODE", "basics.location.postalCode")
        city = Seg(loc["city"], "LOCATION", "basics.location.city")
        region = Seg(loc["region"], "LOCATION", "basics.location.region") if loc.get("region") else None
        c = self.loc["country"]
        if c in ("US", "CA"):
            parts = [city, ", ", region, " ", pc] if region else [city, " ", pc]
        elif c in ("MX", "AR") and region:
            parts = [pc, " ", city, ", ", region]
        elif c == "GB":
            parts = [city, " ", pc]
        elif c == "IN":
            parts = [city, ", ", region, " - ", pc]
        else:
            parts = [pc, " ", city]
        if with_street:
            parts = [street, ", "] + parts
        return segs(*parts)

    def location_runs(self):
        loc = self.p["basics"]["location"]
        out = [Seg(loc["city"], "LOCATION", "basics.location.city")]
        if loc.get("region") and self.rng.random() < 0.7:
            out += [Seg(", "), Seg(loc["region"], "LOCATION", "basics.location.region")]
        elif self.rng.random() < 0.3:
            out += [Seg(", "), Seg(self.loc["country_name"], "LOCATION", "basics.location.countryCode")]
        return out

    def contact_items(self, full_address=None):
        """(label, runs) pairs for the candidate's contact details."""
        b = self.p["basics"]
        items = []
        if full_address is None:
            full_address = self.rng.random() < (0.6 if self.lang != "en" or self.locale == "en-IN" else 0.25)
        items.append((self.label("address"), self.address_runs() if full_address else self.location_runs()))
        items.append((self.label("phone") if self.rng.random() < 0.6 else self.label("mobile"),
                      [Seg(b["phone"], "PHONE", "basics.phone")]))
        items.append((self.label("email"), [Seg(b["email"], "EMAIL", "basics.email")]))
        for i, pr in enumerate(b["profiles"]):
            key = "linkedin" if pr["network"] == "LinkedIn" else "github"
            if self.rng.random() < 0.7:
                items.append((self.label(key), [Seg(pr["url"], "URL", f"basics.profiles[{i}].url")]))
            else:
                items.append((self.label(key), [Seg(pr["username"], "HANDLE", f"basics.profiles[{i}].username")]))
        if b.get("url"):
            items.append((self.label("website"), [Seg(b["url"], "URL", "basics.url")]))
        self.rng.shuffle(items[1:3]) if False else None
        return items

    def icon(self, word):
        """The icon glyph (and a space) for a contact's label word, or "" without icons."""
        if not self.icons:
            return ""
        kind = next((k for k in self.icons if self.L["labels"].get(k) == word), None)
        return self.icons[kind] + " " if kind else ""

    def contact_line(self, items=None, labelled=None):
        items = items or self.contact_items()
        labelled = self.labelled_contacts if labelled is None else labelled
        runs = []
        for i, (lab, r) in enumerate(items):
            if i:
                runs.append(Seg(self.sep))
            runs.append(Seg(f"{lab}: " if labelled else self.icon(lab)))
            runs += r
        return runs

    def contact_paras(self, items=None, labelled=None, style="contact"):
        items = items or self.contact_items()
        labelled = self.labelled_contacts if labelled is None else labelled
        return [Para([Seg(f"{lab}: " if labelled else self.icon(lab))] + r, style) for lab, r in items]

    # ---- sensitive attributes ----------------------------------------------------------------
    def place_first_birth(self, date_text=None):
        """The birth place and date as one item, place first: ``(None, runs)`` for a sentence
        ("Born in Town on 12 May 1988"; an Italian town sometimes with its province in brackets)
        or ``(label, runs)`` for "Place and date of birth: Town, 12 May 1988"; None when the
        profile lacks either, or (``PLACE_FIRST``) the document writes them apart. Drawn only
        when both are stated, so other documents keep their draws."""
        pe = self.p["personal"]
        if "dateOfBirth" not in pe or "placeOfBirth" not in pe or self.rng.random() >= PLACE_FIRST:
            return None
        dob = Seg(date_text or self.dob_text(pe["dateOfBirth"]), "DATE_OF_BIRTH", "personal.dateOfBirth")
        place = [Seg(pe["placeOfBirth"], "PLACE_OF_BIRTH", "personal.placeOfBirth")]
        if self.lang == "it" and self.rng.random() < 0.5:      # "Prato (PO)": the province's code
            code = "".join(ch for ch in pe["placeOfBirth"].upper() if ch.isalpha())[:2]
            if len(code) == 2:
                place += [Seg(" "), Seg(f"({code})", "PLACE_OF_BIRTH")]
        if self.rng.random() < 0.5:
            return PLACE_DATE_LABEL[self.lang], place + [Seg(", "), dob]
        form = BORN[self.lang][self.p["meta"].get("gender", "M")]
        head, rest = form.split("{place}")
        mid, tail = rest.split("{date}")
        return None, [Seg(head)] + place + [Seg(mid), dob, Seg(tail)]

    def label_cell(self, lab):
        """A form row's label cell: empty for an item written without a label (a birth sentence)."""
        return [Para([Seg(lab)], "meta")] if lab else []

    def personal_items(self, place_first=True):
        """(label, runs) pairs for the stated sensitive attributes; the label is None for an item
        that is a sentence of its own (``place_first_birth``), which ``place_first`` allows."""
        pe = self.p["personal"]
        L = self.L
        out = []
        born = self.place_first_birth() if place_first else None
        if born:
            out.append(born)
            pe = {k: v for k, v in pe.items() if k not in ("dateOfBirth", "placeOfBirth")}
        if "dateOfBirth" in pe:
            out.append((self.label("dob"), [Seg(self.dob_text(pe["dateOfBirth"]), "DATE_OF_BIRTH", "personal.dateOfBirth")]))
        if "placeOfBirth" in pe:
            out.append((self.label("pob"), [Seg(pe["placeOfBirth"], "PLACE_OF_BIRTH", "personal.placeOfBirth")]))
        if "age" in pe:
            out.append((self.label("age"), [Seg(L["age_fmt"].format(n=pe["age"]), "AGE", "personal.age")]))
        if "nationality" in pe:
            out.append((self.label("nationality"), [Seg(pe["nationality"], "NATIONALITY", "personal.nationality")]))
        if "gender" in pe:
            out.append((self.label("gender"), [Seg(pe["gender"], "GENDER", "personal.gender")]))
        if "pronouns" in pe:
            out.append(("Pronouns", [Seg(pe["pronouns"], "GENDER", "personal.pronouns")]))
        if "maritalStatus" in pe:
            runs = [Seg(pe["maritalStatus"], "MARITAL_STATUS", "personal.maritalStatus")]
            if "children" in pe:
                runs += [Seg(", "), Seg(f"{pe['children']} {L['labels']['children']}", "MARITAL_STATUS", "personal.children")]
            out.append((self.label("marital"), runs))
        elif "children" in pe:
            out.append((self.label("children"), [Seg(str(pe["children"]), "MARITAL_STATUS", "personal.children")]))
        if "religion" in pe:
            out.append((self.label("religion"), [Seg(pe["religion"], "RELIGION", "personal.religion")]))
        if "health" in pe:
            out.append((self.label("health"), [Seg(pe["health"], "HEALTH", "personal.health")]))
        if "fatherName" in pe:
            out.append(("Father's Name", [Seg(pe["fatherName"], "PERSON", "personal.fatherName", role="relative")]))
        if "placeOfOrigin" in pe:     # Heimatort reveals family origin as a birthplace does
            out.append((self.label("origin"), [Seg(pe["placeOfOrigin"], "PLACE_OF_BIRTH", "personal.placeOfOrigin")]))
        if "idNumber" in pe:
            out.append((self.label("id"), [Seg(pe["idNumber"], "ID_NUMBER", "personal.idNumber")]))
        if "socialSecurityNumber" in pe:
            out.append((self.label("id2"), [Seg(pe["socialSecurityNumber"], "ID_NUMBER", "personal.socialSecurityNumber")]))
        if "drivingLicence" in pe:
            out.append((self.label("driving"), [Seg(pe["drivingLicence"], path="personal.drivingLicence")]))
        return out

    def photo(self):
        if not self.p["personal"].get("photo"):
            return []
        m = self.p["meta"]
        cap = self.rng.choice([f"{self.label('photo')}: {m['given']} {m['family']}", f"{self.label('photo')}",
                               f"[{self.label('photo')}]"])
        if ":" in cap:
            lab, nm = cap.split(": ", 1)
            runs = [Seg(lab + ": ", "PHOTO", "personal.photo"), Seg(nm, "PERSON", "basics.name")]
        else:
            runs = [Seg(cap, "PHOTO", "personal.photo")]
        return [Photo(runs)]

    def kv_paras(self, items, style="body"):
        return [Para(([Seg(f"{lab}: ", bold=True)] if lab else []) + runs, style) for lab, runs in items]

    def kv_table(self, items, widths=(0.3, 0.7), kind="grid"):
        return Table([[self.label_cell(lab), [Para(runs)]] for lab, runs in items], list(widths), kind=kind)

    # ---- sections ------------------------------------------------------------------------------
    def summary(self):
        return [Para([Seg(self.p["basics"]["summary"])])]

    def job_head(self, w, i, order="title_first"):
        base = f"work[{i}]"
        title = Seg(w["position"], "TITLE", f"{base}.position", bold=True)
        org = Seg(w["name"], "ORG", f"{base}.name", role="employer")
        place = Seg(w["location"], "LOCATION", f"{base}.location", role="employer")
        at = {"en": " at ", "de": " bei ", "fr": " chez ", "es": " en ", "it": " presso ", "nl": " bij ",
              "pt": " na ", "pl": " w "}[self.lang]
        if order == "title_first":
            return [title, Seg(at if self.rng.random() < 0.5 else ", "), org, Seg(", "), place]
        if order == "org_first":
            return [org, Seg(", "), place, Seg(self.sep), title]
        return [title, Seg(self.sep), org]

    def work_units(self, stack=None):
        """Work entries as index lists in order: a promotion's roles together when the document
        stacks them under their employer written once (``stack``, default the document's choice),
        otherwise one entry each."""
        stack = self.stack_roles if stack is None else stack
        stacked = {i: g for g in self.p["meta"].get("work_groups", []) for i in g} if stack else {}
        return [stacked.get(i, [i]) for i in range(len(self.p["work"])) if stacked.get(i, [i])[0] == i]

    def employer_once(self, group, sep=None):
        """A promotion's employer and place written once: one span that is every role's field."""
        w, rest = self.p["work"][group[0]], group[1:]
        org = Seg(w["name"], "ORG", f"work[{group[0]}].name", role="employer", bold=True,
                  also=tuple(f"work[{j}].name" for j in rest))
        place = Seg(w["location"], "LOCATION", f"work[{group[0]}].location", role="employer",
                    also=tuple(f"work[{j}].location" for j in rest))
        return [org, Seg(sep or self.rng.choice([" — ", ", ", " | ", " – "])), place]

    def stacked_roles(self, group):
        """"EMPLOYER — City" once, then each role's title with its dates (same line or next) and bullets."""
        head = self.employer_once(group)
        if self.rng.random() < 0.3:
            head[0].text = head[0].text.upper()
        blocks = [Para(head, "sub")]
        same_line = self.rng.random() < 0.6
        gap = self.rng.choice(["   ", self.sep, ", "])
        for i in group:
            w = self.p["work"][i]
            title = Seg(w["position"], "TITLE", f"work[{i}].position", bold=True)
            if same_line:
                blocks.append(Para([title, Seg(gap)] + self.drange(w, f"work[{i}]"), "body"))
            else:
                blocks += [Para([title], "body"), Para(self.drange(w, f"work[{i}]"), "meta")]
            blocks += [self.highlights(w, i)] + self.supervisor(w)
        return blocks

    def supervisor(self, w):
        if not w.get("supervisor"):
            return []
        sv = w["supervisor"]
        return [Para([Seg("Supervisor: "), Seg(sv["name"], "PERSON", role="colleague"), Seg(", "),
                      Seg(sv["phone"], "PHONE", role="colleague"),
                      Seg("; may contact" if self.rng.random() < 0.5 else "")], "body")]

    def experience(self, order=None, dates="line"):
        blocks = []
        order = order or self.rng.choice(["title_first", "org_first"])
        for group in self.work_units():
            if len(group) > 1:
                blocks += self.stacked_roles(group)
                continue
            i = group[0]
            w = self.p["work"][i]
            head = self.job_head(w, i, order)
            if dates == "inline":
                blocks.append(Para(head + [Seg(" (")] + self.drange(w, f"work[{i}]") + [Seg(")")], "sub"))
            else:
                blocks.append(Para(head, "sub"))
                blocks.append(Para(self.drange(w, f"work[{i}]"), "meta"))
            blocks.append(self.highlights(w, i))
            blocks += self.supervisor(w)
        return blocks

    def highlights(self, w, i):
        return Bullets([[Seg(h, path=f"work[{i}].highlights[{k}]")] for k, h in enumerate(w["highlights"])])

    def edu_runs(self, e, i):
        study = Seg(e["studyType"], "DEGREE", f"education[{i}].studyType", bold=True)
        area = Seg(e["area"], "DEGREE", f"education[{i}].area")
        join = f" {self.L['in_word']} " if self.L["in_word"] and not e["studyType"].endswith(" in") else " "
        if e["studyType"] in self.school_leaving:
            return [study]
        return [study, Seg(join), area]

    def education(self, dates="line"):
        blocks = []
        for i, e in enumerate(self.p["education"]):
            school = Seg(e["institution"], "SCHOOL", f"education[{i}].institution", role="school")
            place = Seg(e["location"], "LOCATION", f"education[{i}].location", role="school")
            deg = self.edu_runs(e, i)
            if dates == "inline":
                blocks.append(Para(deg + [Seg(", "), school] + [Seg(" (")] + self.drange(e, f"education[{i}]") + [Seg(")")], "sub"))
            else:
                blocks.append(Para(deg, "sub"))
                blocks.append(Para([school, Seg(", "), place, Seg(self.sep)] + self.drange(e, f"education[{i}]"), "body"))
        return blocks

    def skills(self, mode=None):
        mode = mode or self.rng.choice(["inline", "bullets", "grouped"])
        groups = self.p["skills"]
        if mode == "bullets":
            return [Bullets([[Seg(k, "SKILL", f"skills[{g}].keywords[{j}]")] for g, grp in enumerate(groups)
                             for j, k in enumerate(grp["keywords"])])]
        out = []
        for g, grp in enumerate(groups):
            runs = [Seg(grp["name"], path=f"skills[{g}].name", bold=True), Seg(": ")] if mode == "grouped" else []
            for j, k in enumerate(grp["keywords"]):
                if j:
                    runs.append(Seg(", "))
                runs.append(Seg(k, "SKILL", f"skills[{g}].keywords[{j}]"))
            out.append(Para(runs))
        return out

    def languages(self):
        items = []
        for i, l in enumerate(self.p["languages"]):
            items.append([Seg(l["language"], path=f"languages[{i}].language"), Seg(": " if self.rng.random() < 0.5 else " – "),
                          Seg(l["fluency"], path=f"languages[{i}].fluency")])
        return [Bullets(items)] if self.rng.random() < 0.5 else [Para(r) for r in items]

    def certificates(self):
        return [Para([Seg(c["name"], path=f"certificates[{i}].name"), Seg(" ("), self.date(c["date"], f"certificates[{i}].date"), Seg(")")])
                for i, c in enumerate(self.p["certificates"])]

    def awards(self):
        return [Para([Seg(a["title"], "AWARD", f"awards[{i}].title"), Seg(", "), self.date(a["date"], f"awards[{i}].date")])
                for i, a in enumerate(self.p["awards"])]

    def publications(self):
        out = []
        for i, a in enumerate(self.p["publications"]):
            runs = [Seg(t, ent, path, role=role) for t, ent, path, role in citation_parts(a, self.citation, i)]
            year = self.date(a["releaseDate"], f"publications[{i}].releaseDate", style="YYYY")
            out.append(Para(runs + [Seg(", " if self.citation in ("plain", "ieee") else " "), year]))
        return out

    def interests(self):
        its = self.p["interests"]
        if not its:
            return []
        runs = []
        for i, it in enumerate(its):
            if i:
                runs.append(Seg(", "))
            runs.append(Seg(it["name"], path=f"interests[{i}].name"))
        return [Para(runs)]

    def references(self):
        mode = self.p["meta"]["references_mode"]
        if mode == "on_request":
            return [Para([Seg(self.rng.choice(self.L["refs_on_request"]))])]
        out = []
        for i, r in enumerate(self.p["references"]):
            base = f"references[{i}]"
            out.append(Para([Seg(r["name"], "PERSON", f"{base}.name", role="reference", bold=True)], "sub"))
            out.append(Para([Seg(r["position"], "TITLE", f"{base}.position", role="reference"), Seg(", "),
                             Seg(r["organization"], "ORG", f"{base}.organization", role="reference")]))
            out.append(Para([Seg(r["email"], "EMAIL", f"{base}.email", role="reference"), Seg(self.sep),
                             Seg(r["phone"], "PHONE", f"{base}.phone", role="reference")]))
        return out

    def signature(self):
        """The closing "City, den 01.02.2024" line and the name under it, as German-style CVs end."""
        d = dt.date.fromisoformat(self.p["meta"]["document_date"])
        date = f"{d.day:02d}.{d.month:02d}.{d.year}"
        city = self.p["basics"]["location"]["city"]
        sig = self.L["signature"].split("{city}")
        return [Para([Seg(sig[0]), Seg(city, "LOCATION", "basics.location.city")] +
                     [Seg(sig[1].replace("{date}", "")), Seg(date, "DATE", "meta.document_date")])] + \
            self.name_blocks(style="body", force="plain")

    def section(self, kind, **kw):
        """Heading + content, or [] when the profile has nothing for it."""
        fn = {"summary": self.summary, "experience": self.experience, "education": self.education,
              "skills": self.skills, "languages": self.languages, "certifications": self.certificates,
              "awards": self.awards, "publications": self.publications, "interests": self.interests,
              "references": self.references}[kind]
        if kind == "references" and self.p["meta"]["references_mode"] == "none":
            return []
        body = fn(**kw)
        if not body:
            return []
        return [self.h(kind)] + body

    def personal_section(self, table=False):
        items = self.personal_items()
        if not items:
            return []
        return [self.h("personal")] + (self.photo() if table else []) + (
            [self.kv_table(items)] if table else self.kv_paras(items))

    def standard_sections(self, order=None, **kw):
        order = order or ["summary", "experience", "education", "skills", "languages", "certifications",
                          "awards", "publications", "interests", "references"]
        out = []
        for k in order:
            out += self.section(k, **kw.get(k, {}))
        return out
