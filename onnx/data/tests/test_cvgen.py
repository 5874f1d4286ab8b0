"""Tests for the synthetic CV generator: spans, levels, determinism, privacy and loud validation.

Run from onnx/data: ``.venv/bin/python -m unittest discover -s tests -v`` (generation runs in
subprocesses with PYTHONHASHSEED=0, as ``python -m cvgen`` does).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))

from cvgen import privacy  # noqa: E402
from cvgen.labels import level_of  # noqa: E402

ENV = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(HERE)}


def build_many(seed, indices, out):
    """Run build_one in a fresh interpreter; return {id: (text_sha, labels_sha)}."""
    code = ("import json,sys; from cvgen.generate import build_one; "
            f"print(json.dumps([build_one({seed}, i, {str(out)!r})[0] for i in {list(indices)!r}]))")
    r = subprocess.run([sys.executable, "-c", code], env=ENV, capture_output=True, text=True, check=True, cwd=HERE)
    return {e["id"]: (e["text_sha256"], e["labels_sha256"]) for e in json.loads(r.stdout)}


class GeneratorTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="cvgen-test-"))
        cls.hashes = build_many(11, range(40), cls.tmp)
        cls.golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(cls.tmp.glob("*.gold.json"))]

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_every_span_is_the_source_slice(self):
        n = 0
        for g in self.golds:
            for e in g["entities"]:
                self.assertEqual(g["text"][e["start"]:e["end"]], e["text"])
                n += 1
            for f in g["fields"] + g["sections"]:
                self.assertTrue(0 <= f["start"] < f["end"] <= len(g["text"]))
        self.assertGreater(n, 40 * 10)

    def test_candidate_name_is_labelled_in_every_document(self):
        for g in self.golds:
            names = [e for e in g["entities"] if e["type"] == "PERSON" and e["role"] == "candidate"]
            self.assertTrue(names, g["id"])
            family = g["profile"]["basics"]["name"].split()[-1].replace(" ", "").lower()
            squeezed = "".join("".join(e["text"].split()).lower() for e in names)
            self.assertIn(family, squeezed, g["id"])

    def test_plain_text_files_equal_the_gold_text(self):
        seen = 0
        for g in self.golds:
            if g["format"] in ("txt", "md"):
                self.assertEqual((self.tmp / g["file"]).read_text(encoding="utf-8"), g["text"])
                seen += 1
        self.assertGreater(seen, 0)

    def test_same_seed_same_documents_other_seed_different(self):
        with tempfile.TemporaryDirectory() as t:
            again = build_many(11, range(0, 40, 7), t)
        for k, v in again.items():
            self.assertEqual(self.hashes[k], v, k)
        with tempfile.TemporaryDirectory() as t:
            other = build_many(12, range(5), t)
        self.assertFalse({v for v in other.values()} & set(self.hashes.values()))

    def test_locales_and_layouts_vary(self):
        self.assertGreaterEqual(len({g["locale"] for g in self.golds}), 6)
        self.assertGreaterEqual(len({g["layout"] for g in self.golds}), 8)
        self.assertGreaterEqual(len({g["name_origin"] for g in self.golds}), 6)


class LevelTests(unittest.TestCase):
    def test_levels(self):
        self.assertEqual(level_of("PERSON", "reference"), "basic")
        self.assertEqual(level_of("NATIONALITY", "candidate"), "moderate")
        self.assertEqual(level_of("LOCATION", "candidate"), "moderate")
        self.assertEqual(level_of("ORG", "reference"), "moderate")
        self.assertEqual(level_of("ORG", "employer"), "thorough")
        self.assertEqual(level_of("DATE", "candidate"), "thorough")
        self.assertIsNone(level_of("TITLE", "candidate"))
        self.assertIsNone(level_of("SKILL", "candidate"))


class NameGuardTests(unittest.TestCase):
    def test_a_blocked_name_is_refused_inside_a_longer_one(self):
        g = privacy.Guard()
        g.values, g.phones = {privacy.digest(privacy.norm("Ana Ruiz"))}, set()
        self.assertFalse(g.name_ok("Ana", "Ruiz Soto"))
        self.assertFalse(g.name_ok("María Ana", "Ruiz"))
        self.assertTrue(g.name_ok("Eva", "Ruiz Soto"))
        self.assertTrue(g.name_ok("Ruiz", "Ana"))


class PrivacyTests(unittest.TestCase):
    def setUp(self):
        self.cdir = privacy.corpus_dir()
        if not self.cdir:
            self.skipTest("real-world corpus not available")

    def test_guard_rejects_every_corpus_value(self):
        anywhere, values, phones = privacy.corpus_strings(self.cdir)
        g = privacy.Guard()
        self.assertTrue(values)
        for v in values:
            self.assertFalse(g.ok(v), "blocklist is stale: run python -m cvgen build-blocklist")
        self.assertTrue(g.ok("Zyxwv Qutsrpo"))

    def test_check_record_finds_a_copied_identifier(self):
        anywhere, values, phones = privacy.corpus_strings(self.cdir)
        email = next(s for s in sorted(anywhere) if "@" in s)
        gold = {"text": f"Contact: {email.upper()}\n", "entities": []}
        self.assertTrue(privacy.check_record(gold, anywhere, values, phones))
        self.assertFalse(privacy.check_record({"text": "Contact: nobody@invalid.test\n", "entities": []},
                                              anywhere, values, phones))


class MixTests(unittest.TestCase):
    def test_real_documents_spread_evenly_and_cover_every_template(self):
        from cvgen.generate import kind_of, real_ordinal
        from cvgen.real import templates
        for share in (0.5, 0.25, 0.4):
            kinds = [kind_of(i, "all", share) for i in range(1000)]
            self.assertEqual(kinds.count("real"), round(1000 * share))
            for start in range(0, 1000, 100):       # no long runs of one kind
                self.assertAlmostEqual(kinds[start:start + 100].count("real"), 100 * share, delta=1)
            reals = [i for i, k in enumerate(kinds) if k == "real"]
            self.assertEqual([real_ordinal(i, "all", share) for i in reals], list(range(len(reals))))
        self.assertEqual({kind_of(i, "builtin") for i in range(50)}, {"builtin"})
        self.assertEqual([real_ordinal(i, "real") for i in range(5)], list(range(5)))
        n = len(templates())
        names = list(templates())
        self.assertEqual(sorted(names[real_ordinal(i, "all", 0.5) % n] for i in range(2 * n) if kind_of(i, "all", 0.5) == "real"),
                         sorted(names))

    def test_templates_stats_names_producers_of_both_kinds(self):
        from cvgen.real import templates
        from cvgen.validate import templates_stats
        reg = templates()
        entries = [dict(id="a", layout="classic", template="classic", producer="chromium"),
                   dict(id="b", layout="classic", template="classic", producer="reportlab"),
                   dict(id="c", layout="europasscv", template="europasscv", producer="pdflatex")]
        st = templates_stats(entries, reg)
        self.assertEqual(st["classic"], dict(kind="builtin", producer="cvgen", renderers={"chromium": 1, "reportlab": 1},
                                             documents=2))
        self.assertEqual(st["europasscv"]["producer"], "pdflatex")
        self.assertEqual(st["europasscv"]["documents"], 1)


class DocxTextBoxTests(unittest.TestCase):
    def test_word_2010_text_box_holds_its_text_twice(self):
        """The DrawingML box and its VML fallback both carry the paragraphs, as Word writes them."""
        import zipfile
        from cvgen.doc import Document, Para, Seg, TextBox
        from cvgen.writers import docx as docx_w
        with tempfile.TemporaryDirectory() as t:
            for alternate, want in ((False, 1), (True, 2)):
                path = Path(t) / f"box-{alternate}.docx"
                docx_w.write(Document([TextBox([Para([Seg("Ada Quill", "PERSON")])], alternate=alternate)]), path)
                xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
                self.assertEqual(xml.count("Ada Quill"), want)
                self.assertEqual("mc:Fallback" in xml and "wps:txbx" in xml, alternate)


class ValidateTests(unittest.TestCase):
    """Generate a tiny dataset end to end, then break it and expect validate to fail."""

    def test_validate_passes_then_fails_loudly(self):
        if not (shutil.which("soffice") or shutil.which("libreoffice")) or not shutil.which("chromium"):
            self.skipTest("producers not installed (run setup.sh)")
        with tempfile.TemporaryDirectory() as t:
            out = Path(t) / "ds"
            run = lambda *a: subprocess.run([sys.executable, "-m", "cvgen", *a], env=ENV, cwd=HERE,
                                            capture_output=True, text=True)
            r = run("generate", "--seed", "21", "--count", "10", "--out", str(out), "--workers", "1")
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            r = run("validate", str(out), "--recheck", "10")
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            gp = sorted(out.glob("*.gold.json"))[0]
            g = json.loads(gp.read_text(encoding="utf-8"))
            g["entities"][0]["end"] += 1
            gp.write_text(json.dumps(g), encoding="utf-8")
            r = run("validate", str(out), "--recheck", "0")
            self.assertEqual(r.returncode, 1)
            self.assertIn("VALIDATION FAILED", r.stdout)
            self.assertIn("entity text differs", r.stdout)


if __name__ == "__main__":
    unittest.main()
