"""Tests for ``cvgen dashboard``: counts by template and producer, samples grouped by template."""
import json
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))


class DashboardTests(unittest.TestCase):
    def test_templates_table_and_samples_by_template(self):
        try:
            from cvgen.dashboard import dashboard
        except ImportError:
            self.skipTest("matplotlib not installed (run setup.sh)")
        docs = [("d1", "classic", None, "reportlab"), ("d2", "classic", None, "chromium"),
                ("d3", "x", "moderncv-banking", "pdflatex")]
        with tempfile.TemporaryDirectory() as t:
            d = Path(t)
            lines = []
            for doc_id, layout, template, producer in docs:
                text = "Ana Berg\nExperience\nAcme"
                gold = dict(id=doc_id, layout=layout, locale="de-DE", format="txt", producer=producer, file=f"{doc_id}.txt",
                            text=text, profile={}, entities=[dict(start=0, end=8, type="PERSON", level="basic", role="candidate")])
                e = dict(id=doc_id, layout=layout, locale="de-DE", format="txt", producer=producer, gold=f"{doc_id}.gold.json")
                if template:
                    gold["template"] = e["template"] = template
                (d / f"{doc_id}.txt").write_text(text, encoding="utf-8")
                (d / e["gold"]).write_text(json.dumps(gold), encoding="utf-8")
                lines.append(json.dumps(e))
            (d / "manifest.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
            page = dashboard(d, log=lambda *_: None).read_text(encoding="utf-8")
            self.assertIn("<td>classic</td><td>reportlab (1), chromium (1)</td>", page)
            self.assertIn("<td>moderncv-banking</td><td>pdflatex (1)</td>", page)
            self.assertIn("<h3>moderncv-banking</h3>", page)
            self.assertTrue((d / "dashboard" / "by_template.png").exists())
            self.assertTrue((d / "dashboard" / "d3.html").exists())


if __name__ == "__main__":
    unittest.main()
