"""Addresses, phone numbers and national ID numbers in each country's own written form.

Faker covers most locales well, but for some countries it has no provider (Belgian French falls
back to English), or writes another country's format (Mexican and Argentine postcodes, Canadian
postcodes without their space, invented city names). For those, and for phone numbers and the ID
numbers CVs there state, this module draws from short tables of real municipalities with their
real postcode ranges and street patterns, and builds ID numbers with their official check digits
(from the person's own birth date and sex where the number encodes them), so a model sees the
shapes it will meet. Street names are generic (church, station, main street), never an address
of a person. Locales not listed here keep Faker's values.
"""
import unicodedata

# (municipality, postcode or postcode prefix, region) per locale
CITIES = {
    "fr-BE": [("Bruxelles", "1000", ""), ("Ixelles", "1050", ""), ("Schaerbeek", "1030", ""),
              ("Anderlecht", "1070", ""), ("Uccle", "1180", ""), ("Wavre", "1300", ""),
              ("Louvain-la-Neuve", "1348", ""), ("Nivelles", "1400", ""), ("Waterloo", "1410", ""),
              ("Mons", "7000", ""), ("Tournai", "7500", ""), ("Charleroi", "6000", ""), ("Namur", "5000", ""),
              ("Liège", "4000", ""), ("Verviers", "4800", ""), ("Arlon", "6700", ""), ("Huy", "4500", ""),
              ("Seraing", "4100", ""), ("La Louvière", "7100", ""), ("Dinant", "5500", "")],
    # Canadian postcodes: the forward sortation area's first letters belong to the province/city
    "fr-CA": [("Montréal", "H", "QC"), ("Laval", "H7", "QC"), ("Québec", "G1", "QC"), ("Lévis", "G6", "QC"),
              ("Gatineau", "J8", "QC"), ("Sherbrooke", "J1", "QC"), ("Trois-Rivières", "G8", "QC"),
              ("Longueuil", "J4", "QC"), ("Saguenay", "G7", "QC"), ("Rimouski", "G5", "QC"),
              ("Drummondville", "J2", "QC"), ("Saint-Jérôme", "J7", "QC"), ("Moncton", "E1", "NB"),
              ("Ottawa", "K1", "ON")],
    "es-MX": [("Ciudad de México", "0", "CDMX"), ("Ciudad de México", "1", "CDMX"), ("Guadalajara", "44", "Jal."),
              ("Zapopan", "45", "Jal."), ("Monterrey", "64", "N.L."), ("San Pedro Garza García", "66", "N.L."),
              ("Puebla", "72", "Pue."), ("Querétaro", "76", "Qro."), ("Mérida", "97", "Yuc."), ("León", "37", "Gto."),
              ("Toluca", "50", "Méx."), ("Tijuana", "22", "B.C."), ("Cancún", "77", "Q. Roo"),
              ("Oaxaca de Juárez", "68", "Oax."), ("Morelia", "58", "Mich."), ("Chihuahua", "31", "Chih."),
              ("Aguascalientes", "20", "Ags."), ("Veracruz", "91", "Ver.")],
    # Argentine CPA: the province's letter + the old four-digit code (+ three letters for the block)
    "es-AR": [("CABA", "C1", ""), ("Córdoba", "X50", "Córdoba"),
              ("Rosario", "S20", "Santa Fe"), ("La Plata", "B19", "Buenos Aires"), ("Mendoza", "M55", "Mendoza"),
              ("San Miguel de Tucumán", "T40", "Tucumán"), ("Mar del Plata", "B76", "Buenos Aires"),
              ("Salta", "A44", "Salta"), ("Santa Fe", "S30", "Santa Fe"), ("Neuquén", "Q83", "Neuquén"),
              ("Bahía Blanca", "B80", "Buenos Aires"), ("Quilmes", "B187", "Buenos Aires"),
              ("San Isidro", "B164", "Buenos Aires"), ("Paraná", "E31", "Entre Ríos")],
}

STREETS = {
    "fr-BE": ["Rue de la Station", "Rue de l'Église", "Avenue des Tilleuls", "Chaussée de Namur", "Rue du Moulin",
              "Place communale", "Rue des Écoles", "Avenue de la Gare", "Rue Haute", "Boulevard du Centenaire"],
    "fr-CA": ["rue Principale", "boulevard Saint-Laurent", "rue des Érables", "avenue du Parc", "rue Notre-Dame Ouest",
              "chemin du Lac", "rue de l'Église", "boulevard des Forges", "rue King Est", "avenue des Pins"],
    "es-MX": ["Av. Juárez", "Calle Hidalgo", "Av. Revolución", "Calle Morelos", "Calle 5 de Mayo", "Av. Reforma",
              "Calle Allende", "Calle Zaragoza", "Av. Universidad", "Calle Guerrero"],
    "es-AR": ["Av. Corrientes", "San Martín", "Belgrano", "Av. Rivadavia", "Sarmiento", "Av. Santa Fe", "Mitre",
              "Calle 7", "Bv. Oroño", "Av. Colón"],
}
COLONIAS = ["Centro", "Del Valle", "Roma Norte", "Providencia", "Jardines del Bosque", "Las Águilas", "San Ángel",
            "Chapultepec", "Lomas Verdes", "Obrera", "Americana", "Narvarte"]
_CA_LETTERS = "ABCEGHJKLMNPRSTVWXYZ"      # letters Canada Post uses


def has_table(locale):
    return locale in CITIES


def city(rng, locale, fk):
    """A municipality of the locale (Faker's where it has good ones)."""
    if locale in CITIES:
        return rng.choice(CITIES[locale])[0]
    return fk.city()


# company name patterns where Faker's provider writes English ones ("Torres and Sons")
COMPANY = {
    "fr-BE": ["{a} SA", "{a} SRL", "{a} & Fils SPRL", "Groupe {a}", "{a}-{b} SC", "Ateliers {a} SA"],
    "fr-CA": ["{a} inc.", "Groupe {a}", "{a} et {b} ltée", "Services {a} inc.", "{a}-{b} s.e.n.c.", "Construction {a} inc."],
    "es-AR": ["{a} S.A.", "{a} y {b} S.R.L.", "{a} Hnos. S.A.", "Grupo {a}", "Estudio {a} & Asociados",
              "Distribuidora {a} S.A."],
}


def company(rng, locale, fk):
    if locale in COMPANY:
        return rng.choice(COMPANY[locale]).format(a=fk.last_name(), b=fk.last_name())
    return fk.company()


def _digits(rng, n):
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


def _postcode(rng, locale, prefix):
    if locale == "fr-BE":
        return prefix
    if locale == "fr-CA":
        fsa = prefix + (str(rng.randint(1, 9)) if len(prefix) == 1 else "") + rng.choice(_CA_LETTERS)
        ldu = f"{rng.randint(0, 9)}{rng.choice(_CA_LETTERS)}{rng.randint(0, 9)}"
        return f"{fsa[:3]} {ldu}"
    if locale == "es-MX":
        return prefix + _digits(rng, 5 - len(prefix))
    # es-AR: the full CPA (C1425DKF) or, as many still write, the province letter and four digits
    code = prefix + _digits(rng, 5 - len(prefix))
    return code + "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(3)) if rng.random() < 0.6 else code


def address(rng, locale, fk):
    """(street line, postcode, city, region) in the locale's form; Faker's for locales without a table."""
    if locale not in CITIES:
        import re
        return re.sub(r"\s*\n\s*", ", ", fk.street_address()), fk.postcode(), None, None
    town, prefix, region = rng.choice(CITIES[locale])
    street, no = rng.choice(STREETS[locale]), rng.randint(1, 240)
    if locale == "fr-BE":
        line = f"{street} {no}" + (f" bte {rng.randint(1, 12)}" if rng.random() < 0.25 else "")
    elif locale == "fr-CA":
        line = f"{rng.randint(100, 9999)}, {street}" + (f", app. {rng.randint(1, 30)}" if rng.random() < 0.3 else "")
    elif locale == "es-MX":
        line = f"{street} {no}" + (f" Int. {rng.randint(1, 12)}" if rng.random() < 0.3 else "") + \
               f", Col. {rng.choice(COLONIAS)}"
    else:
        line = f"{street} {rng.randint(100, 4999)}" + (f", {rng.randint(1, 12)}° {rng.choice('ABCDEF')}"
                                                       if rng.random() < 0.4 else "")
    return line, _postcode(rng, locale, prefix), town, region


def phone(rng, locale):
    """A phone number as people there write it, or None to let Faker draw one."""
    if locale == "de-AT":
        pre = rng.choice(["650", "660", "664", "676", "680", "681", "688", "699"])
        sub = _digits(rng, 7)
        return rng.choice([f"0{pre} {sub}", f"+43 {pre} {sub}", f"+43 (0){pre} {sub[:3]} {sub[3:5]} {sub[5:]}",
                           f"0{pre}/{sub}"])
    if locale == "fr-BE":
        pre = str(rng.randint(470, 499))
        a, b, c = _digits(rng, 2), _digits(rng, 2), _digits(rng, 2)
        return rng.choice([f"0{pre} {a} {b} {c}", f"+32 {pre} {a} {b} {c}", f"0{pre}/{a}.{b}.{c}",
                           f"+32 (0){pre} {a} {b} {c}"])
    if locale == "fr-CA":
        area = rng.choice(["514", "438", "418", "581", "450", "579", "819", "873", "367"])
        ex, sub = f"{rng.randint(2, 9)}{_digits(rng, 2)}", _digits(rng, 4)
        return rng.choice([f"{area} {ex}-{sub}", f"({area}) {ex}-{sub}", f"{area}-{ex}-{sub}", f"+1 {area} {ex} {sub}",
                           f"1 {area} {ex}-{sub}"])
    if locale == "es-MX":
        area = rng.choice(["55", "33", "81", "222", "442", "999", "477", "722", "664", "998"])
        rest = _digits(rng, 10 - len(area))
        grp = f"{rest[:4]} {rest[4:]}" if len(area) == 2 else f"{rest[:3]} {rest[3:]}"
        return rng.choice([f"{area} {grp}", f"+52 {area} {grp}", f"({area}) {grp.replace(' ', '-')}",
                           f"+52 1 {area} {grp}"])
    if locale == "es-AR":
        area = rng.choice(["11", "351", "341", "221", "261", "381", "223", "387"])
        rest = _digits(rng, 10 - len(area))
        a, b = rest[:-4], rest[-4:]
        return rng.choice([f"+54 9 {area} {a}-{b}", f"{area} {a}-{b}", f"(0{area}) 15-{a}-{b}",
                           f"0{area} 15 {a}-{b}", f"+54 9 {area} {a} {b}"])
    return None


# ---- national ID numbers ---------------------------------------------------------------------


def ean13_check(digits):
    s = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits))
    return str((10 - s % 10) % 10)


def ahv(rng):
    """Swiss AHV/AVS number: 756.XXXX.XXXX.XC, an EAN-13 check digit."""
    body = "756" + _digits(rng, 9)
    n = body + ean13_check(body)
    return f"{n[:3]}.{n[3:7]}.{n[7:11]}.{n[11:]}"


def svnr_check(serial, dob):
    """Weighted sum mod 11 (10 means the serial is not issued)."""
    return sum(int(d) * k for d, k in zip(serial + dob, [3, 7, 9, 5, 8, 4, 2, 1, 6])) % 11


def svnr(rng, birth):
    """Austrian social insurance number: serial (3), check digit, birth date DDMMYY."""
    dob = birth.strftime("%d%m%y")
    while True:
        serial = f"{rng.randint(1, 9)}{_digits(rng, 2)}"
        check = svnr_check(serial, dob)
        if check < 10:
            return f"{serial}{check} {dob}"


def be_nn_check(base, born_2000):
    return 97 - int(("2" if born_2000 else "") + base) % 97


def be_national_number(rng, birth, gender):
    """Belgian national register number YY.MM.DD-SSS.CC (serial odd for men, even for women;
    97-check over the number, prefixed with 2 for births from 2000)."""
    serial = rng.randint(1, 997)
    if (serial % 2 == 1) != (gender == "M"):
        serial += 1
    base = f"{birth:%y%m%d}{serial:03d}"
    cc = be_nn_check(base, birth.year >= 2000)
    return f"{base[:2]}.{base[2:4]}.{base[4:6]}-{base[6:]}.{cc:02d}"


def luhn_check(digits):
    s = 0
    for i, d in enumerate(reversed(digits)):
        x = int(d) * (2 if i % 2 == 0 else 1)
        s += x - 9 if x > 9 else x
    return str((10 - s % 10) % 10)


def nas(rng):
    """Canadian social insurance number (NAS), Luhn-valid, written in groups of three."""
    body = str(rng.randint(1, 7)) + _digits(rng, 7)
    n = body + luhn_check(body)
    return f"{n[:3]} {n[3:6]} {n[6:]}"


def _plain_upper(s):
    s = s.replace("ñ", "x").replace("Ñ", "X")
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii").upper()


_MX_STATES = ["AS", "BC", "CH", "DF", "GT", "JC", "MC", "MN", "NL", "OC", "PL", "QT", "QR", "VZ", "YN"]
_CURP_CHARS = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"


def curp_check(body):
    s = sum(_CURP_CHARS.index(c) * (18 - i) for i, c in enumerate(body))
    return str((10 - s % 10) % 10)


def curp_rfc(rng, given, family, birth, gender):
    """Mexican CURP (18) and RFC (13) built from the person's names, birth date and sex, as the
    registry derives them (first letters and inner consonants, state of birth, check digit)."""
    parts = [_plain_upper(p) for p in family.split()]
    pat, mat = parts[0], (parts[1] if len(parts) > 1 else "X")
    first = _plain_upper(given.split()[0])
    vowel = next((c for c in pat[1:] if c in "AEIOU"), "X")
    inner = lambda w: next((c for c in w[1:] if c.isalpha() and c not in "AEIOU"), "X")
    head = pat[0] + vowel + mat[0] + first[0] + f"{birth:%y%m%d}"
    body = head + ("H" if gender == "M" else "M") + rng.choice(_MX_STATES) + inner(pat) + inner(mat) + inner(first)
    body += str(rng.randint(0, 9)) if birth.year < 2000 else rng.choice("ABCDEFGHIJ")
    curp = body + curp_check(body)
    rfc = head + "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(3))
    return curp, rfc


def cuil_check(digits10):
    """11 - weighted sum mod 11 (11 is written 0; 10 has no check digit with this prefix)."""
    return 11 - sum(int(d) * k for d, k in zip(digits10, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2])) % 11


def dni_cuil(rng, birth, gender):
    """Argentine DNI as written (42.659.132; numbers grow with the birth year) and CUIL
    (20/27-DNI-check, mod 11; 23 with a fixed check when the usual prefix gives 10)."""
    n = max(4_000_000, min(49_999_999, int(21_000_000 + (birth.year - 1970) * 700_000 + rng.randint(-900_000, 900_000))))
    dni = f"{n:08d}"
    prefix = "20" if gender == "M" else "27"
    r = cuil_check(prefix + dni)
    check = {11: "0"}.get(r, str(r))
    if r == 10:
        prefix, check = "23", ("9" if gender == "M" else "4")
    return f"{n:,}".replace(",", "."), f"{prefix}-{dni}-{check}"
