"""The regional forms: ID numbers carry valid check digits (the published algorithms, checked on
the official example numbers) and encode the person's birth date and sex where the real ones do;
postcodes and phones have each country's shape."""
import datetime as dt
import random
import re
import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cvgen import regional as R  # noqa: E402

BIRTHS = [dt.date(1958, 3, 9), dt.date(1987, 11, 30), dt.date(2001, 7, 4)]


class CheckDigitsOnOfficialExamples(unittest.TestCase):
    def test_examples(self):
        self.assertEqual(R.ean13_check("756123456789"), "7")            # AHV 756.1234.5678.97
        self.assertEqual(R.be_nn_check("850730033", False), 28)          # NN 85.07.30-033.28
        self.assertEqual(R.luhn_check("04645428"), "6")                  # SIN 046 454 286
        self.assertEqual(R.curp_check("HEGG560427MVZRRL0"), "4")         # CURP HEGG560427MVZRRL04
        self.assertEqual(R.svnr_check("123", "010180"), 7)               # SV-Nr. 1237 010180
        self.assertEqual(R.cuil_check("2012345678"), 6)                  # CUIT 20-12345678-6


class GeneratedNumbers(unittest.TestCase):
    def setUp(self):
        self.rng = random.Random(5)

    def test_ahv(self):
        for _ in range(50):
            n = R.ahv(self.rng)
            self.assertRegex(n, r"^756\.\d{4}\.\d{4}\.\d{2}$")
            d = n.replace(".", "")
            self.assertEqual(R.ean13_check(d[:12]), d[12])

    def test_svnr_encodes_birth_date(self):
        for b in BIRTHS:
            n = R.svnr(self.rng, b)
            self.assertRegex(n, r"^[1-9]\d{3} \d{6}$")
            self.assertEqual(n[5:], b.strftime("%d%m%y"))
            self.assertEqual(R.svnr_check(n[:3], n[5:]), int(n[3]))

    def test_belgian_number_encodes_birth_and_sex(self):
        for b in BIRTHS:
            for g in "MF":
                n = R.be_national_number(self.rng, b, g)
                m = re.fullmatch(r"(\d\d)\.(\d\d)\.(\d\d)-(\d{3})\.(\d\d)", n)
                self.assertTrue(m, n)
                self.assertEqual("".join(m.groups()[:3]), b.strftime("%y%m%d"))
                self.assertEqual(int(m.group(4)) % 2 == 1, g == "M")
                self.assertEqual(R.be_nn_check("".join(m.groups()[:4]), b.year >= 2000), int(m.group(5)))

    def test_nas(self):
        for _ in range(50):
            n = R.nas(self.rng)
            self.assertRegex(n, r"^[1-7]\d\d \d{3} \d{3}$")
            d = n.replace(" ", "")
            self.assertEqual(R.luhn_check(d[:8]), d[8])

    def test_curp_and_rfc_follow_the_name_and_birth(self):
        curp, rfc = R.curp_rfc(self.rng, "Hilda", "Vega Quiñones", dt.date(1999, 10, 20), "F")
        self.assertEqual(len(curp), 18)
        self.assertTrue(curp.startswith("VEQH991020M"), curp)
        self.assertEqual(curp[13:16], "GXL")        # inner consonants of Vega, Quiñones (Ñ as X), Hilda
        self.assertEqual(R.curp_check(curp[:17]), curp[17])
        self.assertEqual(rfc[:10], curp[:10])
        self.assertEqual(len(rfc), 13)

    def test_dni_with_dots_and_cuil(self):
        for b in BIRTHS:
            for g in "MF":
                dni, cuil = R.dni_cuil(self.rng, b, g)
                self.assertRegex(dni, r"^\d{1,2}\.\d{3}\.\d{3}$")
                prefix, digits, check = cuil.split("-")
                self.assertEqual(digits, f"{int(dni.replace('.', '')):08d}")
                self.assertIn(prefix, ("20", "23") if g == "M" else ("27", "23"))
                r = R.cuil_check(prefix + digits)
                self.assertEqual({11: 0}.get(r, r), int(check))


class Shapes(unittest.TestCase):
    def test_postcodes_and_phones(self):
        rng = random.Random(9)
        shapes = {"fr-BE": r"^\d{4}$", "fr-CA": r"^[A-Z]\d[A-Z] \d[A-Z]\d$", "es-MX": r"^\d{5}$",
                  "es-AR": r"^[A-Z]\d{4}([A-Z]{3})?$"}
        for loc, pat in shapes.items():
            for _ in range(30):
                street, pc, city, _region = R.address(rng, loc, None)
                self.assertRegex(pc, pat, loc)
                self.assertTrue(street and city)
        for loc, cc in (("de-AT", "43"), ("fr-BE", "32"), ("fr-CA", "1"), ("es-MX", "52"), ("es-AR", "54")):
            for _ in range(30):
                p = R.phone(rng, loc)
                digits = re.sub(r"\D", "", p)
                self.assertTrue(9 <= len(digits) <= 14, (loc, p))
                self.assertTrue(p.startswith(("0", "(", f"+{cc}", "1", "2", "3", "4", "5", "6", "7", "8", "9")), p)


if __name__ == "__main__":
    unittest.main()


class EveryLocaleRenders(unittest.TestCase):
    def test_every_locale_with_every_personal_detail(self):
        """Each locale, with every personal attribute stated, renders with its own words and
        labels every value (a label word missing from a country's table would raise here)."""
        from cvgen.locales import LOCALE_WEIGHTS
        from cvgen.labels import linearize
        from cvgen.layouts import LAYOUTS
        from cvgen.layouts.common import Ctx
        from cvgen.locales import LOCALES, lang_table
        from cvgen.profile import make_profile
        for loc in LOCALE_WEIGHTS:
            saved = LOCALES[loc]["rates"]
            LOCALES[loc]["rates"] = {k: 1.0 for k in list(saved) + ["origin"]} if loc == "de-CH" else {k: 1.0 for k in saved}
            try:
                rng = random.Random(loc)
                p = make_profile(rng, loc, dt.date(2024, 3, 1))
                text, ents, _f, _s = linearize(LAYOUTS["europass"][0](Ctx(rng, loc, p)))
            finally:
                LOCALES[loc]["rates"] = saved
            for e in ents:
                self.assertTrue(text[e["start"]:e["end"]].strip(), loc)
            types = {e["type"] for e in ents}
            self.assertTrue({"PERSON", "DATE_OF_BIRTH", "ID_NUMBER", "POSTCODE", "PHONE"} <= types, (loc, types))
            self.assertIn(lang_table(loc)["labels"]["id"], text, loc)
            self.assertIn(p["personal"]["idNumber"], text, loc)
