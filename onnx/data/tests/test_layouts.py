"""Tests for promotions (several roles at one employer), the ``lebenslauf`` and ``europass_online``
layouts and birth lines written place first, on layout trees and their gold text only: no document producer runs (seconds, in CI's data step)."""
import datetime as dt
import random
import re
import sys
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))

from cvgen.labels import linearize, visible_profile  # noqa: E402
from cvgen.layouts import LAYOUTS  # noqa: E402
from cvgen.layouts.common import Ctx  # noqa: E402
from cvgen.profile import make_profile  # noqa: E402


def promoted(locale, seed=0):
    """A profile of ``locale`` whose career holds a promotion (the first seed from ``seed`` that gives one)."""
    for s in range(seed, seed + 200):
        p = make_profile(random.Random(s), locale, dt.date(2024, 5, 1), promotion=1.0)
        if p["meta"]["work_groups"]:
            return s, p
    raise AssertionError("no promotion drawn")


def render(layout, locale, seed=0, stack=None, retries=200):
    """(gold text, fields, visible profile, ctx) of ``layout`` for a promoted career; ``stack``
    asks for the document's choice of stacking under the employer written once."""
    for s in range(seed, seed + retries):
        s, p = promoted(locale, s)
        c = Ctx(random.Random(s), locale, p)
        if stack is not None and c.stack_roles != stack:
            continue
        text, _ents, fields, _secs = linearize(LAYOUTS[layout][0](c))
        return text, fields, visible_profile({k: v for k, v in p.items() if k != "meta"}, fields), c
    raise AssertionError("no document with the asked stacking")


class PromotionTests(unittest.TestCase):
    def test_roles_of_a_promotion_are_contiguous_at_one_employer(self):
        for seed in range(0, 400, 40):
            _s, p = promoted("en-GB", seed)
            for g in p["meta"]["work_groups"]:
                self.assertEqual(g, list(range(g[0], g[-1] + 1)))
                self.assertIn(len(g), (2, 3))
                roles = [p["work"][i] for i in g]
                self.assertEqual(len({w["name"] for w in roles}), 1)
                for newer, older in zip(roles, roles[1:]):
                    y, m = map(int, newer["startDate"].split("-"))
                    self.assertEqual(older["endDate"], f"{y - (m == 1):04d}-{12 if m == 1 else m - 1:02d}")
            self.assertFalse(any("_group" in w for w in p["work"]))

    def test_employer_written_once_is_each_roles_employer_in_the_gold(self):
        text, fields, vis, c = render("classic", "en-US", stack=True)
        g = c.p["meta"]["work_groups"][0]
        employer = c.p["work"][g[0]]["name"]
        spans = {(f["start"], f["end"]) for f in fields if f["path"] in {f"work[{i}].name" for i in g}}
        self.assertEqual(len(spans), 1)                       # one span in the text ...
        self.assertEqual(text.casefold().count(employer.casefold()), 1)
        self.assertEqual([vis["work"][i]["name"] for i in g], [employer] * len(g))   # ... each role's employer
        self.assertEqual(len({vis["work"][i]["position"] for i in g} | {None}), len(g) + 1)

    def test_employer_repeated_per_role_when_not_stacked(self):
        text, _fields, _vis, c = render("classic", "en-US", stack=False)
        g = c.p["meta"]["work_groups"][0]
        self.assertEqual(text.count(c.p["work"][g[0]]["name"]), len(g))

    def test_linkedin_writes_the_employer_once_and_the_whole_span(self):
        text, _fields, vis, c = render("linkedin", "en-US")
        g = c.p["meta"]["work_groups"][0]
        employer = c.p["work"][g[0]]["name"]
        self.assertEqual(text.count(employer), 1)
        lines = text.splitlines()
        at = lines.index(employer)
        self.assertRegex(lines[at + 1], r"^\d+ years?( \d+ months?)?$|^\d+ months?$")   # "4 years 7 months"
        self.assertEqual(lines[at + 2], c.p["work"][g[0]]["position"])
        self.assertEqual([vis["work"][i]["name"] for i in g], [employer] * len(g))


class LebenslaufTests(unittest.TestCase):
    def test_labelled_name_parts_per_language(self):
        """Given and family name in rows of their own, each a span of the candidate's name."""
        pairs = {"de-DE": ("Vorname", "Nachname"), "fr-FR": ("Prénom", "Nom"), "es-ES": ("Nombre", "Apellidos")}
        for locale, (g_lab, f_lab) in pairs.items():
            seen = set()
            for seed in range(40):
                p = make_profile(random.Random(seed), locale, dt.date(2024, 5, 1))
                text, _ents, fields, _secs = linearize(LAYOUTS["lebenslauf"][0](Ctx(random.Random(seed), locale, p)))
                names = {text[f["start"]:f["end"]] for f in fields if f["path"] == "basics.name"}
                rows = dict(line.replace(":", "").split("\t", 1) for line in text.splitlines() if "\t" in line)
                if rows.get(g_lab) == p["meta"]["given"] and rows.get(f_lab) == p["meta"]["family"]:
                    self.assertTrue({p["meta"]["given"], p["meta"]["family"]} <= names)
                    seen.add(seed)
            self.assertGreater(len(seen), 5, locale)

    def test_german_tables_ongoing_entries_and_personal_rows(self):
        since, headings = 0, set()
        for seed in range(60):
            p = make_profile(random.Random(seed), "de-DE", dt.date(2024, 5, 1))
            c = Ctx(random.Random(seed), "de-DE", p)
            text, ents, fields, secs = linearize(LAYOUTS["lebenslauf"][0](c))
            headings |= {text[s["start"]:s["end"]] for s in secs}
            since += sum(text[f["start"]:f["end"]] == "seit " for f in fields if f["path"].endswith(".endDate"))
            types = {e["type"] for e in ents}
            self.assertIn("ADDRESS", types)
            self.assertIn("POSTCODE", types)
        self.assertGreater(since, 0)
        self.assertTrue({"Persönliche Daten", "Berufserfahrung", "Sprachen"} & headings)
        self.assertTrue({"EDV-Kenntnisse", "IT-Kenntnisse"} & headings)


def spans(text, ents, kind):
    return [text[e["start"]:e["end"]] for e in ents if e["type"] == kind]


class PlaceFirstBirthTests(unittest.TestCase):
    def test_place_written_before_the_date_and_both_labelled(self):
        """"Nato a … il …", "Geboren in … am …", "Place and date of birth: Town, date": the place's span
        before the date's on one line, each with its profile field."""
        for locale, words in (("it-IT", ("Nato a ", "Nata a ", "Luogo e data di nascita")),
                              ("de-DE", ("Geboren in ", "Geburtsort und -datum"))):
            seen = set()
            for seed in range(400):
                p = make_profile(random.Random(seed), locale, dt.date(2024, 5, 1))
                if not {"dateOfBirth", "placeOfBirth"} <= p["personal"].keys():
                    continue
                text, ents, fields, _secs = linearize(LAYOUTS["classic"][0](Ctx(random.Random(seed), locale, p)))
                pob = next(e for e in ents if e["type"] == "PLACE_OF_BIRTH")
                dob = next(e for e in ents if e["type"] == "DATE_OF_BIRTH")
                line = text[text.rfind("\n", 0, pob["start"]) + 1:text.find("\n", pob["start"])]
                if pob["start"] < dob["start"] and text[dob["start"]:dob["end"]] in line:
                    seen |= {w for w in words if line.startswith(w)}
                    paths = {f["path"] for f in fields if f["start"] >= pob["start"] - len(line)}
                    self.assertTrue({"personal.placeOfBirth", "personal.dateOfBirth"} <= paths)
            self.assertGreaterEqual(len(seen), 2, locale)

    def test_a_sentence_sits_in_a_form_row_without_label(self):
        found = False
        for seed in range(300):
            p = make_profile(random.Random(seed), "it-IT", dt.date(2024, 5, 1))
            if not {"dateOfBirth", "placeOfBirth"} <= p["personal"].keys():
                continue
            text, _e, _f, _s = linearize(LAYOUTS["tabular"][0](Ctx(random.Random(seed), "it-IT", p)))
            found |= any(l.startswith(("Nato a ", "Nata a ")) for l in text.splitlines())
        self.assertTrue(found)


class EuropassOnlineTests(unittest.TestCase):
    def render(self, locale, seed):
        p = make_profile(random.Random(seed), locale, dt.date(2024, 5, 1))
        c = Ctx(random.Random(seed), locale, p)
        text, ents, fields, secs = linearize(LAYOUTS["europass_online"][0](c))
        return p, text, ents, fields, secs

    def test_headings_and_labels_in_the_cvs_language(self):
        want = {"it-IT": ({"ESPERIENZA LAVORATIVA", "ISTRUZIONE E FORMAZIONE", "COMPETENZE LINGUISTICHE", "COMPETENZE DIGITALI"},
                          ("Numero di telefono: ", "Indirizzo e-mail: ", "Lingua(e) madre: ")),
                "de-DE": ({"BERUFSERFAHRUNG", "SCHUL- UND BERUFSBILDUNG", "SPRACHKENNTNISSE", "DIGITALE KOMPETENZEN"},
                          ("Telefonnummer: ", "E-Mail-Adresse: ", "Muttersprache(n): ")),
                "fr-FR": ({"EXPÉRIENCE PROFESSIONNELLE", "ÉDUCATION ET FORMATION", "COMPÉTENCES LINGUISTIQUES"},
                          ("Numéro de téléphone: ", "Adresse e-mail: ", "Langue(s) maternelle(s): ")),
                "en-GB": ({"WORK EXPERIENCE", "EDUCATION AND TRAINING", "LANGUAGE SKILLS", "DIGITAL SKILLS"},
                          ("Phone number: ", "Email address: ", "Mother tongue(s): "))}
        for locale, (heads, labels) in want.items():
            p, text, ents, fields, secs = self.render(locale, 3)
            self.assertTrue(heads <= {text[s["start"]:s["end"]] for s in secs}, locale)
            for lab in labels:
                self.assertIn(lab, text, locale)
            self.assertEqual(spans(text, ents, "EMAIL"), [p["basics"]["email"]])
            self.assertTrue({"PERSON", "PHONE"} <= {e["type"] for e in ents}, locale)
        types = {e["type"] for s in range(10) for e in self.render("en-GB", s)[2]}
        self.assertTrue({"ADDRESS", "POSTCODE"} <= types)

    def test_both_editor_generations_and_every_entry_labelled(self):
        """"[ 03/2021 – Current ] Title" with "City: … | Country: …", and "03/2021 – CURRENT  Town,
        Country" / "TITLE  EMPLOYER"; each entry's title, employer, place and dates are fields."""
        bracketed = older = 0
        for seed in range(30):
            p, text, ents, fields, _secs = self.render("en-GB", seed)
            bracketed += text.count("[ ") and "City: " in text
            older += bool(re.search(r"^\d\d/\d{4} [–-] (CURRENT|\d\d/\d{4})  ", text, re.M))
            paths = {f["path"] for f in fields}
            for i, w in enumerate(p["work"]):
                self.assertTrue({f"work[{i}].{k}" for k in ("position", "name", "location", "startDate", "endDate")} <= paths)
            for i, _e in enumerate(p["education"]):
                self.assertTrue({f"education[{i}].{k}" for k in ("studyType", "institution", "startDate")} <= paths)
        self.assertGreater(bracketed, 3)
        self.assertGreater(older, 3)

    def test_personal_line_joined_by_bars_and_place_first_birth(self):
        joined = born = 0
        for seed in range(300):
            p, text, ents, fields, _secs = self.render("it-IT", seed)
            joined += " | Indirizzo e-mail: " in text
            pe = p["personal"]
            if {"dateOfBirth", "placeOfBirth"} <= pe.keys():
                dob, pob = spans(text, ents, "DATE_OF_BIRTH"), spans(text, ents, "PLACE_OF_BIRTH")
                iso = pe["dateOfBirth"]
                self.assertEqual(dob, [f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}"])
                self.assertEqual(pob[0], pe["placeOfBirth"])
                born += text.index(pob[0]) < text.index(dob[0])
        self.assertGreater(joined, 100)
        self.assertGreater(born, 0)

    def test_held_out_of_training_by_default(self):
        from cvgen.splits import split_of
        self.assertEqual(split_of(dict(layout="europass_online", locale="it-IT", producer="python-docx")), "test")


if __name__ == "__main__":
    unittest.main()
