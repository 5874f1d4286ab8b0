"""Tabular "Lebenslauf" as German, Swiss and Austrian Word templates write it, and its French and
Spanish kin: the title, a personal-data block of label/value rows (the name whole, or given and
family name in rows of their own as forms ask for them: "Vorname / Nachname", "Prénom / Nom",
"Nombre / Apellidos"; the street above postcode and town; birth date and place, nationality,
marital status), then every section as a two-column table with the dates or a label on the left
("04/2019 – heute", "seit 2020"), Weiterbildung, Sprachen and EDV-Kenntnisse included.

Real CVs use this often, and neither the other layouts nor the dev sets have labelled name
parts or "since" dates; ``tabular`` is the looser relative (whole name, sections in prose).
"""
from ..doc import Document, Para, Seg, Table
from .common import NAME_LABEL

NAME_PARTS = {"de": [("Vorname", "Nachname"), ("Vorname", "Name")], "fr": [("Prénom", "Nom")],
              "es": [("Nombre", "Apellidos")], "it": [("Nome", "Cognome")], "nl": [("Voornaam", "Achternaam")],
              "pt": [("Nome", "Sobrenome")], "pl": [("Imię", "Nazwisko")],
              "en": [("First name", "Last name"), ("First Name", "Surname")]}
SINCE = {"de": "seit", "fr": "depuis", "es": "desde", "it": "dal", "nl": "sinds", "pt": "desde", "pl": "od", "en": "since"}
# the headings German templates give these tables (other languages take their locale's)
DE_HEADINGS = dict(personal=["Persönliche Daten", "Angaben zur Person"],
                   experience=["Berufserfahrung", "Beruflicher Werdegang", "Berufstätigkeit"],
                   education=["Ausbildung", "Schulbildung und Studium", "Bildungsweg"],
                   certifications=["Weiterbildung", "Fort- und Weiterbildung", "Weiterbildungen"],
                   languages=["Sprachen", "Sprachkenntnisse"], skills=["EDV-Kenntnisse", "IT-Kenntnisse"])
DE_BIRTH = "Geburtsdatum/-ort"


class _Form:
    """The document's choices: label punctuation, date form, how ongoing entries read."""

    def __init__(self, c):
        self.c = c
        self.colon = c.rng.random() < 0.5
        c.date_style = c.rng.choice(["MM/YYYY", "MM/YYYY", "MM.YYYY", "YYYY"])
        c.dash = c.rng.choice([" – ", " - ", " bis "]) if c.lang == "de" else c.rng.choice([" – ", " - "])
        self.since = c.rng.random() < 0.4

    def heading(self, kind):
        t = self.c.rng.choice(DE_HEADINGS[kind]) if self.c.lang == "de" else self.c.heading_text(kind)
        return Para([Seg(t.upper() if self.c.heading_case == "upper" else t)], "heading", section=kind)

    def cell(self, text):
        return [Para([Seg(f"{text}:" if self.colon else text, bold=True)], "meta")]

    def dates(self, item, base):
        """The left cell: "04/2019 – heute", or "seit 04/2019" for an ongoing entry."""
        if self.since and not item.get("endDate"):
            return [Para([Seg(SINCE[self.c.lang] + " ", path=f"{base}.endDate"),
                          self.c.date(item["startDate"], f"{base}.startDate")], "meta")]
        return [Para(self.c.drange(item, base), "meta")]


def _name_rows(c, f):
    m = c.p["meta"]
    given = Seg(m["given"], "PERSON", "basics.name")
    family = Seg(m["family"], "PERSON", "basics.name")
    r = c.rng.random()
    if r < 0.55:
        g_lab, f_lab = c.rng.choice(NAME_PARTS[c.lang])
        rows = [[f.cell(g_lab), [Para([given])]], [f.cell(f_lab), [Para([family])]]]
        return rows if c.rng.random() < 0.7 else rows[::-1]
    if r < 0.65 and c.lang == "de":       # "Name, Vorname: Roe, Jane"
        return [[f.cell("Name, Vorname"), [Para([family, Seg(", "), given])]]]
    return [[f.cell(NAME_LABEL[c.lang]), [Para([given, Seg(" "), family])]]]


def _address_row(c, f):
    loc = c.p["basics"]["location"]
    street = Seg(loc["address"], "ADDRESS", "basics.location.address")
    town = c.address_runs(with_street=False)
    value = [Para([street]), Para(town)] if c.rng.random() < 0.6 else [Para([street, Seg(", ")] + town)]
    return [f.cell(c.label("address")), value]


def _personal_rows(c, f):
    items = c.personal_items()
    keys = [lab for lab, _ in items]
    dob, pob = c.label("dob"), c.label("pob")
    if c.lang == "de" and dob in keys and pob in keys and c.rng.random() < 0.4:
        # "Geburtsdatum/-ort: 12.03.1990 in Town"
        runs = dict(items)[dob] + [Seg(" in ")] + dict(items)[pob]
        items = [(DE_BIRTH, runs) if lab == dob else (lab, r) for lab, r in items if lab != pob]
    contacts = [(lab, r) for lab, r in c.contact_items(full_address=True)[1:]]
    return [_address_row(c, f)] + [[f.cell(lab) if lab else [], [Para(r)]] for lab, r in contacts + items]


def _work_rows(c, f):
    rows = []
    for group in c.work_units():
        if len(group) > 1:
            # the employer once, on a row of its own (with the whole span, or none), then the roles
            first, last = c.p["work"][group[0]], c.p["work"][group[-1]]
            span = []
            if c.rng.random() < 0.5:
                span = [Para([c.date(last["startDate"], None)] + [Seg(c.dash)] +
                             ([c.date(first["endDate"], None)] if first.get("endDate") else [Seg(c.present)]), "meta")]
            rows.append([span, [Para(c.employer_once(group, sep=", "))]])
            for i in group:
                w = c.p["work"][i]
                rows.append([f.dates(w, f"work[{i}]"), [Para([Seg(w["position"], "TITLE", f"work[{i}].position", bold=True)]),
                                                        c.highlights(w, i)]])
            continue
        i = group[0]
        w = c.p["work"][i]
        base = f"work[{i}]"
        title = Para([Seg(w["position"], "TITLE", f"{base}.position", bold=True)])
        org = Para([Seg(w["name"], "ORG", f"{base}.name", role="employer"), Seg(", "),
                    Seg(w["location"], "LOCATION", f"{base}.location", role="employer")])
        rows.append([f.dates(w, base), [title, org, c.highlights(w, i)] if c.rng.random() < 0.6 else [org, title, c.highlights(w, i)]])
    return rows


def _education_rows(c, f):
    rows = []
    for i, e in enumerate(c.p["education"]):
        base = f"education[{i}]"
        rows.append([f.dates(e, base), [Para(c.edu_runs(e, i)),
                                        Para([Seg(e["institution"], "SCHOOL", f"{base}.institution", role="school"), Seg(", "),
                                              Seg(e["location"], "LOCATION", f"{base}.location", role="school")])]])
    return rows


def _table(f, kind, rows):
    return [f.heading(kind), Table(rows, [0.28, 0.72], kind="dates")] if rows else []


def build(c):
    f = _Form(c)
    title = "Lebenslauf" if c.lang == "de" and c.rng.random() < 0.8 else c.rng.choice(c.L["cv_title"])
    body = [Para([Seg(title)], "title")] + c.photo()
    body += _table(f, "personal", _name_rows(c, f) + _personal_rows(c, f))
    body += _table(f, "experience", _work_rows(c, f))
    body += _table(f, "education", _education_rows(c, f))
    body += _table(f, "certifications", [[[Para([c.date(x["date"], f"certificates[{i}].date")], "meta")],
                                          [Para([Seg(x["name"], path=f"certificates[{i}].name")])]]
                                         for i, x in enumerate(c.p["certificates"])])
    body += _table(f, "languages", [[[Para([Seg(l["language"], path=f"languages[{i}].language")], "meta")],
                                     [Para([Seg(l["fluency"], path=f"languages[{i}].fluency")])]]
                                    for i, l in enumerate(c.p["languages"])])
    body += _table(f, "skills", [[[Para([Seg(g["name"], path=f"skills[{k}].name")], "meta")],
                                  [Para([s for j, kw in enumerate(g["keywords"])
                                         for s in ([Seg(", ")] if j else []) + [Seg(kw, "SKILL", f"skills[{k}].keywords[{j}]")]])]]
                                 for k, g in enumerate(c.p["skills"])])
    body += c.section("interests")
    if c.rng.random() < 0.6:
        body += c.signature()
    return Document(body, title=title, font=c.rng.choice(["sans", "serif"]), accent="#222222")
