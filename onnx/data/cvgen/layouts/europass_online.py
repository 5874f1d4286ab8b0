"""The CV the EU's Europass online editor writes (PDF or DOCX), in the CV's language: the name, the
personal data as "Label: value" items joined by " | " ("Nationality: … | Date of birth: 04/11/1991 |
Gender: …", "Phone number: (+39) 347 … (Mobile) | Email address: … | Address: street, postcode,
town, country (Home)"), upper-case headings ("WORK EXPERIENCE", "EDUCATION AND TRAINING", "LANGUAGE
SKILLS", "DIGITAL SKILLS"…), entries as "[ 03/2021 – Current ] Title" / employer / "City: … |
Country: …" (newer editor) or "03/2021 – CURRENT  Town, Country" / "TITLE  EMPLOYER" (older),
education with "Field(s) of study: … | Final grade: … | Level in EQF: EQF level 7", the languages as
"Mother tongue(s): …" and a CEFR grid per other language, digital skills as "A | B | C".

Used across Europe in every EU language and unlike the old table-form ``europass`` layout, which
stays; nothing labelled held it before.
"""
from ..doc import Bullets, Document, Para, Seg
from .common import BORN

_EN = dict(nationality="Nationality", dob="Date of birth", pob="Place of birth", gender="Gender",
           phone="Phone number", email="Email address", address="Address", home="Home", mobile="Mobile",
           website="Website", city="City", country="Country", field="Field(s) of study", grade="Final grade",
           eqf="Level in EQF", eqf_level="EQF level {n}", mother="Mother tongue(s)", other="Other language(s)",
           current="Current", grid=["LISTENING", "READING", "WRITING", "SPOKEN PRODUCTION", "SPOKEN INTERACTION"],
           grades=["First Class Honours", "Upper Second Class Honours (2:1)", "Distinction", "3.7/4.0"],
           headings=dict(summary="ABOUT MYSELF", experience="WORK EXPERIENCE", education="EDUCATION AND TRAINING",
                         languages="LANGUAGE SKILLS", skills="DIGITAL SKILLS", personal="DRIVING LICENCE",
                         interests="HOBBIES AND INTERESTS"))
WORDS = {
    "en": _EN,
    "it": dict(nationality="Nazionalità", dob="Data di nascita", pob="Luogo di nascita", gender="Genere",
               phone="Numero di telefono", email="Indirizzo e-mail", address="Indirizzo", home="Abitazione",
               mobile="Cellulare", website="Sito web", city="Città", country="Paese", field="Campo(i) di studio",
               grade="Voto finale", eqf="Livello EQF", eqf_level="Livello {n} EQF", mother="Lingua(e) madre",
               other="Altra(e) lingua(e)", current="Attuale",
               grid=["ASCOLTO", "LETTURA", "SCRITTURA", "PRODUZIONE ORALE", "INTERAZIONE ORALE"],
               grades=["110/110 e lode", "108/110", "102/110", "95/100"],
               headings=dict(summary="PRESENTAZIONE", experience="ESPERIENZA LAVORATIVA", education="ISTRUZIONE E FORMAZIONE",
                             languages="COMPETENZE LINGUISTICHE", skills="COMPETENZE DIGITALI", personal="PATENTE DI GUIDA",
                             interests="HOBBY E INTERESSI")),
    "de": dict(nationality="Staatsangehörigkeit", dob="Geburtsdatum", pob="Geburtsort", gender="Geschlecht",
               phone="Telefonnummer", email="E-Mail-Adresse", address="Adresse", home="Privat", mobile="Mobil",
               website="Website", city="Stadt", country="Land", field="Fachrichtung(en)", grade="Abschlussnote",
               eqf="EQR-Niveau", eqf_level="EQR-Niveau {n}", mother="Muttersprache(n)", other="Weitere Sprache(n)",
               current="Aktuell", grid=["HÖRVERSTEHEN", "LESEVERSTEHEN", "SCHREIBEN", "ZUSAMMENHÄNGENDES SPRECHEN",
                                        "AN GESPRÄCHEN TEILNEHMEN"],
               grades=["1,3", "1,7", "2,0", "sehr gut"],
               headings=dict(summary="ÜBER MICH", experience="BERUFSERFAHRUNG", education="SCHUL- UND BERUFSBILDUNG",
                             languages="SPRACHKENNTNISSE", skills="DIGITALE KOMPETENZEN", personal="FÜHRERSCHEIN",
                             interests="HOBBYS UND INTERESSEN")),
    "fr": dict(nationality="Nationalité", dob="Date de naissance", pob="Lieu de naissance", gender="Sexe",
               phone="Numéro de téléphone", email="Adresse e-mail", address="Adresse", home="Domicile",
               mobile="Portable", website="Site web", city="Ville", country="Pays", field="Domaine(s) d'études",
               grade="Note finale", eqf="Niveau CEC", eqf_level="Niveau {n} du CEC", mother="Langue(s) maternelle(s)",
               other="Autre(s) langue(s)", current="Actuel",
               grid=["COMPRÉHENSION ORALE", "LECTURE", "ÉCRITURE", "PRODUCTION ORALE", "INTERACTION ORALE"],
               grades=["Mention Bien", "Mention Très bien", "Mention Assez bien", "14/20"],
               headings=dict(summary="À PROPOS DE MOI", experience="EXPÉRIENCE PROFESSIONNELLE", education="ÉDUCATION ET FORMATION",
                             languages="COMPÉTENCES LINGUISTIQUES", skills="COMPÉTENCES NUMÉRIQUES",
                             personal="PERMIS DE CONDUIRE", interests="LOISIRS ET CENTRES D'INTÉRÊT")),
    "es": dict(nationality="Nacionalidad", dob="Fecha de nacimiento", pob="Lugar de nacimiento", gender="Sexo",
               phone="Número de teléfono", email="Dirección de correo electrónico", address="Dirección",
               home="Domicilio", mobile="Móvil", website="Sitio web", city="Ciudad", country="País",
               field="Campo(s) de estudio", grade="Nota final", eqf="Nivel del MEC", eqf_level="Nivel {n} del MEC",
               mother="Lengua(s) materna(s)", other="Otro(s) idioma(s)", current="Actual",
               grid=["COMPRENSIÓN AUDITIVA", "COMPRENSIÓN LECTORA", "EXPRESIÓN ESCRITA", "PRODUCCIÓN ORAL",
                     "INTERACCIÓN ORAL"],
               grades=["Sobresaliente", "Notable", "8,5/10", "Matrícula de Honor"],
               headings=dict(summary="SOBRE MÍ", experience="EXPERIENCIA LABORAL", education="EDUCACIÓN Y FORMACIÓN",
                             languages="COMPETENCIAS LINGÜÍSTICAS", skills="COMPETENCIAS DIGITALES",
                             personal="PERMISO DE CONDUCIR", interests="AFICIONES E INTERESES")),
    "pt": dict(nationality="Nacionalidade", dob="Data de nascimento", pob="Local de nascimento", gender="Género",
               phone="Número de telefone", email="Endereço de email", address="Endereço", home="Casa",
               mobile="Telemóvel", website="Sítio Web", city="Cidade", country="País", field="Domínio(s) de estudo",
               grade="Classificação final", eqf="Nível do QEQ", eqf_level="Nível {n} do QEQ",
               mother="Língua(s) materna(s)", other="Outra(s) língua(s)", current="Atual",
               grid=["COMPREENSÃO ORAL", "LEITURA", "ESCRITA", "PRODUÇÃO ORAL", "INTERAÇÃO ORAL"],
               grades=["17 valores", "Muito Bom", "9,0", "15 valores"],
               headings=dict(summary="SOBRE MIM", experience="EXPERIÊNCIA PROFISSIONAL", education="EDUCAÇÃO E FORMAÇÃO",
                             languages="COMPETÊNCIAS LINGUÍSTICAS", skills="COMPETÊNCIAS DIGITAIS",
                             personal="CARTA DE CONDUÇÃO", interests="PASSATEMPOS E INTERESSES")),
    "nl": dict(nationality="Nationaliteit", dob="Geboortedatum", pob="Geboorteplaats", gender="Geslacht",
               phone="Telefoonnummer", email="E-mailadres", address="Adres", home="Thuis", mobile="Mobiel",
               website="Website", city="Stad", country="Land", field="Studierichting(en)", grade="Eindcijfer",
               eqf="EKK-niveau", eqf_level="EKK-niveau {n}", mother="Moedertaal/-talen", other="Andere taal/talen",
               current="Heden", grid=["LUISTEREN", "LEZEN", "SCHRIJVEN", "PRODUCTIE GESPROKEN TEKST", "GESPREKKEN VOEREN"],
               grades=["8,0", "7,5", "cum laude", "met genoegen"],
               headings=dict(summary="OVER MIJZELF", experience="WERKERVARING", education="ONDERWIJS EN OPLEIDING",
                             languages="TAALVAARDIGHEDEN", skills="DIGITALE VAARDIGHEDEN", personal="RIJBEWIJS",
                             interests="HOBBY'S EN INTERESSES")),
    "pl": dict(nationality="Obywatelstwo", dob="Data urodzenia", pob="Miejsce urodzenia", gender="Płeć",
               phone="Numer telefonu", email="Adres e-mail", address="Adres", home="Dom", mobile="Komórkowy",
               website="Strona internetowa", city="Miasto", country="Kraj", field="Dziedzina(-y) nauki",
               grade="Ocena końcowa", eqf="Poziom EQF", eqf_level="Poziom {n} EQF", mother="Język(-i) ojczysty(-e)",
               other="Inny(-e) język(-i)", current="Obecnie",
               grid=["ROZUMIENIE ZE SŁUCHU", "CZYTANIE", "PISANIE", "WYPOWIADANIE SIĘ", "POROZUMIEWANIE SIĘ"],
               grades=["bardzo dobry", "dobry plus", "5,0", "4,5"],
               headings=dict(summary="O MNIE", experience="DOŚWIADCZENIE ZAWODOWE", education="WYKSZTAŁCENIE I SZKOLENIA",
                             languages="UMIEJĘTNOŚCI JĘZYKOWE", skills="UMIEJĘTNOŚCI CYFROWE", personal="PRAWO JAZDY",
                             interests="HOBBY I ZAINTERESOWANIA")),
}
assert set(WORDS) == set(BORN)
CEFR = ["C2", "C1", "B2", "B1", "A2", "A1"]
EQF = [4, 6, 7, 8]           # by rung of the degree ladder: school leaving, bachelor, master, doctorate


class _Form:
    """The document's choices: editor generation (bracketed dates or the older date line), the
    personal data joined by " | " or one item a line."""

    def __init__(self, c):
        self.c = c
        self.W = WORDS[c.lang]
        self.bracketed = c.rng.random() < 0.6
        self.joined = c.rng.random() < 0.7
        c.date_style = "MM/YYYY"
        c.dash = " – " if c.rng.random() < 0.8 else " - "
        c.present = self.W["current"] if self.bracketed else self.W["current"].upper()

    def heading(self, kind):
        return Para([Seg(self.W["headings"][kind])], "heading", section=kind)

    def lines(self, items, style="contact"):
        """"Label: value" items: joined by " | " on one line, or one a line."""
        if not items:
            return []
        if not self.joined:
            return [Para(_item(lab, runs), style) for lab, runs in items]
        runs = []
        for k, (lab, r) in enumerate(items):
            runs += ([Seg(" | ")] if k else []) + _item(lab, r)
        return [Para(runs, style)]


def _item(lab, runs):
    return ([Seg(f"{lab}: ")] if lab else []) + runs


def _dob(c):
    """DD/MM/YYYY as the editor's date picker writes it."""
    iso = c.p["personal"]["dateOfBirth"]
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}"


def _phone(c):
    """"(+39) 347 5512983" when the number carries its country code, as the editor's field writes it."""
    ph = c.p["basics"]["phone"]
    cc = c.loc["phone_cc"]
    return f"({cc}) {ph[len(cc):].strip()}" if ph.startswith(cc + " ") and c.rng.random() < 0.8 else ph


def _personal(c, f):
    W, pe, b = f.W, c.p["personal"], c.p["basics"]
    about = []
    born = c.place_first_birth(_dob(c) if "dateOfBirth" in pe else None)
    if "nationality" in pe:
        about.append((W["nationality"], [Seg(pe["nationality"], "NATIONALITY", "personal.nationality")]))
    if born:
        about.append(born)
    else:
        if "dateOfBirth" in pe:
            about.append((W["dob"], [Seg(_dob(c), "DATE_OF_BIRTH", "personal.dateOfBirth")]))
        if "placeOfBirth" in pe:
            about.append((W["pob"], [Seg(pe["placeOfBirth"], "PLACE_OF_BIRTH", "personal.placeOfBirth")]))
    if "gender" in pe:
        about.append((W["gender"], [Seg(pe["gender"], "GENDER", "personal.gender")]))
    loc = b["location"]
    address = [Seg(loc["address"], "ADDRESS", "basics.location.address"), Seg(", "),
               Seg(loc["postalCode"], "POSTCODE", "basics.location.postalCode"), Seg(", "),
               Seg(loc["city"], "LOCATION", "basics.location.city"), Seg(", "),
               Seg(c.loc["country_name"], "LOCATION", "basics.location.countryCode"), Seg(f" ({W['home']})")]
    contacts = [(W["phone"], [Seg(_phone(c), "PHONE", "basics.phone"), Seg(f" ({W['mobile']})")]),
                (W["email"], [Seg(b["email"], "EMAIL", "basics.email")]),
                (W["address"], address if c.rng.random() < 0.85 else address[4:])]
    for i, pr in enumerate(b["profiles"]):
        contacts.append((pr["network"], [Seg(pr["url"], "URL", f"basics.profiles[{i}].url")]))
    if b.get("url"):
        contacts.append((W["website"], [Seg(b["url"], "URL", "basics.url")]))
    return f.lines(about) + f.lines(contacts)


def _place(c, f, item, base, role):
    """"City: Town | Country: Land" (newer editor); the profile keeps the town."""
    town = Seg(item["location"], "LOCATION", f"{base}.location", role=role)
    return Para([Seg(f"{f.W['city']}: "), town, Seg(f" | {f.W['country']}: "),
                 Seg(c.loc["country_name"], "LOCATION", role=role)], "meta")


def _entry(c, f, item, base, role, head, org):
    """One entry: "[ dates ] head" / org / place, or "dates  Town, Country" / "HEAD  ORG"."""
    if f.bracketed:
        return [Para([Seg("[ ")] + c.drange(item, base) + [Seg(" ] ")] + head, "sub"), Para([org]), _place(c, f, item, base, role)]
    for s in head + [org]:
        s.text = s.text.upper()
    town = Seg(item["location"], "LOCATION", f"{base}.location", role=role)
    return [Para(c.drange(item, base) + [Seg("  "), town, Seg(", "), Seg(c.loc["country_name"], "LOCATION", role=role)], "meta"),
            Para(head + [Seg("  "), org], "sub")]


def _work(c, f):
    out = []
    for i, w in enumerate(c.p["work"]):
        base = f"work[{i}]"
        head = [Seg(w["position"], "TITLE", f"{base}.position", bold=True)]
        org = Seg(w["name"], "ORG", f"{base}.name", role="employer")
        out += _entry(c, f, w, base, "employer", head, org) + [c.highlights(w, i)]
    return [f.heading("experience")] + out if out else []


def _eqf(c, e):
    rung = next((k for k, r in enumerate(c.L["degree_ladder"]) if e["studyType"] in r), 1)
    return EQF[min(rung, len(EQF) - 1)]


def _education(c, f):
    out = []
    W = f.W
    for i, e in enumerate(c.p["education"]):
        base = f"education[{i}]"
        school = Seg(e["institution"], "SCHOOL", f"{base}.institution", role="school")
        out += _entry(c, f, e, base, "school", c.edu_runs(e, i), school)
        extra = []
        if e["studyType"] not in c.school_leaving and c.rng.random() < 0.6:
            extra.append(Seg(f"{W['field']}: {e['area']}"))
        if c.rng.random() < 0.4:
            extra.append(Seg(f"{W['grade']}: {c.rng.choice(W['grades'])}"))
        if c.rng.random() < 0.6:
            extra.append(Seg(f"{W['eqf']}: {W['eqf_level'].format(n=_eqf(c, e))}"))
        if extra:
            out.append(Para([s for k, x in enumerate(extra) for s in ([Seg(" | ")] if k else []) + [x]], "body"))
    return [f.heading("education")] + out if out else []


def _languages(c, f):
    langs = c.p["languages"]
    if not langs:
        return []
    W = f.W
    out = [f.heading("languages"),
           Para([Seg(f"{W['mother']}: "), Seg(langs[0]["language"], path="languages[0].language")])]
    if len(langs) > 1:
        out.append(Para([Seg(f"{W['other']}:")]))
    for i, l in enumerate(langs[1:], 1):
        fl = c.L["fluency"]
        k = fl.index(l["fluency"]) if l["fluency"] in fl else 2
        lv = [CEFR[min(len(CEFR) - 1, max(0, k - 1 + d))] for d in (c.rng.choice([0, 0, 1]) for _ in range(5))]
        g = W["grid"]
        out += [Para([Seg(l["language"], path=f"languages[{i}].language", bold=True)], "sub"),
                Para([Seg(f"{g[0]} {lv[0]} {g[1]} {lv[1]} {g[2]} {lv[2]}")], "small"),
                Para([Seg(f"{g[3]} {lv[3]} {g[4]} {lv[4]}")], "small")]
    return out


def _digital(c, f):
    if not c.p["skills"]:
        return []
    kws = c.p["skills"][0]["keywords"]
    runs = [s for j, kw in enumerate(kws) for s in ([Seg(" | ")] if j else []) + [Seg(kw, "SKILL", f"skills[0].keywords[{j}]")]]
    return [f.heading("skills"), Para(runs)]


def build(c):
    f = _Form(c)
    body = c.name_blocks(style="name", force="plain") + c.photo() + _personal(c, f)
    if c.rng.random() < 0.7:
        body += [f.heading("summary")] + c.summary()
    body += _work(c, f) + _education(c, f) + _languages(c, f) + _digital(c, f)
    pe = c.p["personal"]
    if "drivingLicence" in pe:
        body += [f.heading("personal"), Para([Seg(f"{c.label('driving')}: "),
                                              Seg(pe["drivingLicence"], path="personal.drivingLicence")])]
    if c.p["interests"]:
        body += [f.heading("interests")] + [Bullets([[Seg(it["name"], path=f"interests[{i}].name")]
                                                     for i, it in enumerate(c.p["interests"])])]
    return Document(body, title="Europass CV", font="sans", accent="#0b3a8c", page_numbers=True)
