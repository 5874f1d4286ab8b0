"""Fictional people: names drawn broadly, and their contacts.

Names mix Faker's locale providers with the most common given names and surnames of ~57
countries (``data/names.json``, extracted from the ``names-dataset`` package), drawn by each
locale's table of origins, so a German CV may belong to a Turkish, Polish or Syrian name and an
en-GB one to an Indian or Nigerian name. Spanish and Brazilian names often carry two surnames.
Every name, e-mail and phone passes the privacy guard (never a corpus string).
"""

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from faker import Faker

from . import regional
from .locales import LOCALES
from .privacy import Guard

HERE = Path(__file__).parent


@lru_cache(maxsize=1)
def names_table():
    return json.loads((HERE / "data" / "names.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def faker_for(fk: str) -> Faker:
    return Faker(fk)


@lru_cache(maxsize=1)
def guard():
    return Guard()


def weighted(rng, table: dict):
    items = [(k, w) for k, w in table.items() if w > 0]
    total = sum(w for _, w in items)
    x = rng.random() * total
    for k, w in items:
        x -= w
        if x <= 0:
            return k
    return items[-1][0]


def ascii_fold(s: str) -> str:
    s = s.replace("ß", "ss").replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("ı", "i")
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")


def slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", ascii_fold(s).lower())


FEMININE = {"PL": [("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")], "CZ": [("ý", "á")],
             "RU": [("ov", "ova"), ("ev", "eva"), ("in", "ina"), ("sky", "skaya")]}


def feminine(family, origin):
    """Slavic surnames agree with gender (Kowalski -> Kowalska)."""
    for suf, fem in FEMININE.get(origin, []):
        if family.endswith(suf):
            return family[: -len(suf)] + fem
    return family


def masculine(family, origin):
    """The table's surnames come in both forms; a man carries the masculine one (Pavlova -> Pavlov)."""
    for suf, fem in FEMININE.get(origin, []):
        if family.endswith(fem) and fem != "á":
            return family[: -len(fem)] + suf
    return family


def with_particle(family):
    """Portuguese double surnames often join with a particle: "Silva dos Santos", "Costa da Rocha"."""
    a, b = family.split(" ")
    word = "dos" if b.endswith("s") else "da" if b.endswith("a") else "de"
    return f"{a} {word} {b}"


def patronymic(father, gender):
    """Russian patronymic from a (transliterated) father's name: Ivan -> Ivanovich / Ivanovna,
    Sergey -> Sergeyevich / Sergeyevna, Nikita -> Nikitich / Nikitichna."""
    if father.endswith(("y", "i")):
        return father[:-1] + ("yevich" if gender == "M" else "yevna")
    if father.endswith("a"):
        return father[:-1] + ("ich" if gender == "M" else "ichna")
    return father + ("ovich" if gender == "M" else "ovna")


def person_name(rng, locale: str, gender: str, origin: str = None):
    """Return (given, family, origin). Retries until the privacy guard accepts every run of the name's words."""
    loc = LOCALES[locale]
    fk = faker_for(loc["faker"])
    table = names_table()
    for _ in range(50):
        org = origin or weighted(rng, loc["origins"])
        use_faker = org not in table or (org == loc["country"] and rng.random() < 0.5)
        if use_faker:
            fk.seed_instance(rng.getrandbits(48))
            given = fk.first_name_male() if gender == "M" else fk.first_name_female()
            family = fk.last_name()
            if loc["lang"] in ("es", "pt") and rng.random() < loc.get("two_surnames", 0.6):
                family = f"{family} {fk.last_name()}"
        else:
            t = table[org]
            given = rng.choice(t[gender])
            lasts = [x for x in t["last"] if len(x) >= 3 and x not in t["M"] and x not in t["F"]] or t["last"]
            family = rng.choice(lasts)
            family = feminine(family, org) if gender == "F" else masculine(family, org)
            if org in ("ES", "MX", "CO", "AR", "PE", "EC", "BR", "PT") and rng.random() < 0.6:
                family = f"{family} {rng.choice(lasts)}"
        if loc["lang"] == "pt" and family.count(" ") == 1 and rng.random() < 0.35:
            family = with_particle(family)
        t = table.get(org) or table.get(loc["country"])
        if rng.random() < 0.08 and loc["lang"] in ("en", "de", "fr", "nl", "pl") and t:
            # a middle name or initial now and then
            mid = rng.choice(t[gender])
            given = f"{given} {mid[0]}." if rng.random() < 0.5 else f"{given}-{mid}" if loc["lang"] == "fr" else f"{given} {mid}"
        if org in ("RU", "UA") and rng.random() < 0.5:
            # East Slavic names carry the father's name: Ivan Petrovich, Anna Petrovna
            given = f"{given} {patronymic(rng.choice(table[org]['M'] if org in table else [given]), gender)}"
        if given.lower() == family.lower():
            continue
        if guard().name_ok(given, family):
            return given, family, org
    raise RuntimeError("could not draw a name the privacy guard accepts")


def email_for(rng, locale, given, family):
    fk = faker_for(LOCALES[locale]["faker"])
    fk.seed_instance(rng.getrandbits(48))
    g, f = slug(given.split()[0]), slug(family.split()[0])
    user = rng.choice([f"{g}.{f}", f"{g[0]}{f}", f"{g}{f}", f"{g}_{f}{rng.randint(1, 99)}", f"{f}.{g}",
                       f"{g}.{f}{rng.randint(70, 99)}"])
    for _ in range(20):
        email = f"{user}@{fk.free_email_domain()}"
        if guard().ok(email):
            return email
        user += str(rng.randint(0, 9))
    return f"{user}@example.org"


def phone_for(rng, locale):
    loc = LOCALES[locale]
    fk = faker_for(loc["faker"])
    for _ in range(20):
        fk.seed_instance(rng.getrandbits(48))
        p = regional.phone(rng, locale)
        if p:
            if guard().ok(p, "phone"):
                return p
            continue
        p = fk.phone_number()
        if rng.random() < 0.3 and not p.startswith("+"):
            p = f"{loc['phone_cc']} {p.lstrip('0')}" if loc["country"] != "US" else f"+1 {p}"
        p = p.split(" x")[0].split("x")[0].strip()
        if guard().ok(p, "phone"):
            return p
    return "+00 000 000 000"
