"""Tests for the third-party producers (``cvgen generate --real``): the input each family writes,
locating labels in a text layer, and, where the producer is installed, a real render whose gold
spans align onto ``cvshield extract`` text.

Run from onnx/data: ``.venv/bin/python -m unittest tests.test_producers -v``. The source files
each family writes for a fixed seed are compared with ``tests/fixtures/producers/``; after an
intended change to a writer, regenerate them with ``CVGEN_UPDATE_FIXTURES=1`` and review the diff.
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
REPO = HERE.parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "producers"
sys.path.insert(0, str(HERE))
ENV = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(HERE)}

# one template per family, and what makes its producer available
FAMILIES = {
    "moderncv-banking-xe": lambda: shutil.which("xelatex") and _kpse("moderncv.cls"),
    "europasscv": lambda: shutil.which("pdflatex") and _kpse("europasscv.cls"),
    "typst-sidebar": lambda: _importable("typst"),
    "pandoc-docx": lambda: shutil.which("pandoc"),
    "rendercv-classic": lambda: _importable("rendercv"),
    "jsonresume-even": lambda: shutil.which("node") and shutil.which("chromium")
    and (HERE / "jsonresume" / "node_modules" / "jsonresume-theme-even").is_dir(),
}


def _kpse(name):
    return shutil.which("kpsewhich") and subprocess.run(["kpsewhich", name], capture_output=True).returncode == 0


def _importable(mod):
    import importlib.util
    return importlib.util.find_spec(mod) is not None


def run_py(code):
    """Run code in a fresh interpreter with PYTHONHASHSEED=0 (Faker needs it); return its stdout as JSON."""
    r = subprocess.run([sys.executable, "-c", code], env=ENV, capture_output=True, text=True, cwd=HERE, check=True)
    return json.loads(r.stdout)


class SourceTests(unittest.TestCase):
    """The input each family writes for seed 5, document 0, equals the committed fixture."""

    def test_sources_match_fixtures(self):
        code = ("import json,sys,tempfile; from pathlib import Path; from cvgen.real.build import prepare\n"
                "out={}\n"
                f"for t in {list(FAMILIES)!r}:\n"
                "    with tempfile.TemporaryDirectory() as w:\n"
                "        n,tpl,loc,d,p,v,src=prepare(5,0,w,template=t)\n"
                "        f=Path(w)/'data.json' if (Path(w)/'data.json').exists() else src\n"
                "        out[t]=[f.suffix, f.read_text(encoding='utf-8')]\n"
                "print(json.dumps(out))")
        got = run_py(code)
        update = os.environ.get("CVGEN_UPDATE_FIXTURES") == "1"
        for name, (suffix, text) in got.items():
            path = FIXTURES / f"{name}{suffix}"
            if update:
                FIXTURES.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
            with self.subTest(template=name):
                self.assertTrue(path.exists(), f"missing fixture {path.name} (CVGEN_UPDATE_FIXTURES=1)")
                self.assertEqual(path.read_text(encoding="utf-8"), text)

    def test_registry_has_thirty_templates_with_producer_and_version(self):
        from cvgen.real import templates
        reg = templates()
        self.assertGreaterEqual(len(reg), 30)
        for name, t in reg.items():
            self.assertTrue(t["producer"] and t["version"] and t["format"], name)
        self.assertGreaterEqual(len({t["producer"] for t in reg.values()}), 5)


class LocateTests(unittest.TestCase):
    """Labels found again in a text layer, or the document refused."""

    def view(self, labels, sections=(("experience", "Experience"),)):
        from cvgen.real.view import Label, View
        return View("en-US", "en", "Ann", "Lee", "Ann Lee", "Nurse", [], [(k, h, None) for k, h in sections],
                    [Label(*x) for x in labels])

    def test_values_found_across_hyphenation_and_spacing(self):
        from cvgen.real.locate import locate
        text = "A N N  L E E\nExperience\nNurse at Saint Mary Hos-\npital, Boston\n"
        v = self.view([("Ann Lee", "PERSON", "basics.name", "candidate", "header"),
                       ("Saint Mary Hospital", "ORG", "work[0].name", "employer", "experience"),
                       ("Boston", "LOCATION", "work[0].location", "employer", "experience")])
        ents, fields, secs = locate(text, v, [("experience", "Experience")])
        self.assertEqual([e["type"] for e in ents], ["PERSON", "ORG", "LOCATION"])
        for e in ents:
            self.assertEqual(text[e["start"]:e["end"]], e["text"])
        self.assertEqual(ents[1]["text"], "Saint Mary Hos-\npital")
        self.assertEqual(secs[0]["kind"], "experience")

    def test_unlabelled_repeat_drops_the_document(self):
        from cvgen.real.locate import Unlocatable, locate
        text = "Ann Lee\nExperience\nNurse, Boston\nMoved to Boston in 2019\n"
        v = self.view([("Ann Lee", "PERSON", "basics.name", "candidate", "header"),
                       ("Boston", "LOCATION", "work[0].location", "employer", "experience")])
        with self.assertRaisesRegex(Unlocatable, "ambiguous:LOCATION"):
            locate(text, v, [("experience", "Experience")])

    def test_contact_repeated_in_every_footer_is_labelled_each_time(self):
        from cvgen.real.locate import locate
        text = "Ann Lee\nExperience\nNurse\nann@example.org\n\fann@example.org\n"
        v = self.view([("Ann Lee", "PERSON", "basics.name", "candidate", "header"),
                       ("ann@example.org", "EMAIL", "basics.email", "candidate", "header")])
        ents, _f, _s = locate(text, v, [("experience", "Experience")])
        self.assertEqual(sum(e["type"] == "EMAIL" for e in ents), 2)

    def test_accents_kept_apart_by_the_text_layer(self):
        """pdfTeX's OT1 puts the accent of an i on the dotless one ("Garcı\u0301a"); the label
        "García" is found there, whole, but "Garci" inside "Garcíaz" never is."""
        from cvgen.real.locate import Unlocatable, locate
        text = "Ann Lee\nExperience\nNurse, San Pedro Garcı\u0301a\nGarci\u0301az\n"
        v = self.view([("Ann Lee", "PERSON", "basics.name", "candidate", "header"),
                       ("San Pedro García", "LOCATION", "work[0].location", "employer", "experience")])
        ents, _f, _s = locate(text, v, [("experience", "Experience")])
        self.assertEqual(ents[1]["text"], "San Pedro Garcı\u0301a")
        v = self.view([("Garci", "LOCATION", "work[0].location", "employer", "experience")])
        with self.assertRaisesRegex(Unlocatable, "not_found:LOCATION"):
            locate(text, v, [("experience", "Experience")])

    def test_missing_heading_drops_the_document(self):
        from cvgen.real.locate import Unlocatable, locate
        with self.assertRaisesRegex(Unlocatable, "heading_not_found"):
            locate("Ann Lee\nWork\n", self.view([]), [("experience", "Experience")])


class AlignTests(unittest.TestCase):
    def test_line_end_hyphen_on_one_side_only(self):
        from cvgen.align import align_doc
        gold = {"text": "Degree in Supply Chain Manage-\nment, 2019", "entities": [
            {"start": 10, "end": 35, "type": "DEGREE", "text": "Supply Chain Manage-\nment"}]}
        for ext in ("Degree in Supply Chain Management, 2019", "Degree in Supply Chain Man-\nagement, 2019"):
            r = align_doc(gold, ext)[0]
            self.assertIsNone(r["dropped"], ext)
            self.assertEqual(ext[r["ext_start"]:r["ext_end"]].replace("-\n", ""), "Supply Chain Management")


def cvshield_bin():
    for p in (os.environ.get("CVSHIELD_BIN"), REPO / "target" / "release" / "cvshield", REPO / "target" / "debug" / "cvshield"):
        if p and Path(p).is_file():
            return str(p)
    return None


class RenderTests(unittest.TestCase):
    """One document per installed family: rendered, validated spans, aligned onto cvshield's text."""

    def test_render_and_align(self):
        avail = [t for t, ok in FAMILIES.items() if ok()]
        if not avail:
            self.skipTest("no third-party producer installed (run setup-producers.sh)")
        with tempfile.TemporaryDirectory() as t:
            code = ("import json; from cvgen.real import templates; from cvgen.real.build import build_real, plan_real\n"
                    "names=list(templates()); out=[]\n"
                    f"for want in {avail!r}:\n"
                    "    got=None\n"
                    "    for i in range(names.index(want), names.index(want)+6*len(names), len(names)):\n"
                    "        e,r=build_real(9,i,%r)\n"
                    "        if e: got=e; break\n"
                    "    out.append([want, got])\n"
                    "print(json.dumps(out))") % t
            built = run_py(code)
            for want, entry in built:
                with self.subTest(template=want):
                    self.assertIsNotNone(entry, f"{want}: six documents in a row dropped")
                    g = json.loads((Path(t) / entry["gold"]).read_text(encoding="utf-8"))
                    self.assertGreater(len(g["entities"]), 10)
                    for e in g["entities"]:
                        self.assertEqual(g["text"][e["start"]:e["end"]], e["text"])
            exe = cvshield_bin()
            if not exe:
                self.skipTest("cvshield binary not built (cargo build --bin cvshield, or set CVSHIELD_BIN)")
            files = [str(Path(t) / e["file"]) for _w, e in built]
            r = subprocess.run([exe, "extract", "--json", "--no-progress", "-j", "1", *files], capture_output=True,
                               text=True, check=False)
            ext = Path(t) / "extracted.jsonl"
            ext.write_text(r.stdout, encoding="utf-8")
            from cvgen.align import align_dir
            report, _ = align_dir(t, str(ext), log=lambda *_a: None)
            self.assertEqual(report["documents"], len(built))
            self.assertGreaterEqual(report["alignment_rate"], 0.995, report)


if __name__ == "__main__":
    unittest.main()
