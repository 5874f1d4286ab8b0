"""Tests for the leave-templates-out splits (``cvgen split``): whole templates and producers held out."""
import json
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))

from cvgen import splits  # noqa: E402


def entry(n, layout, producer, locale="de-DE", template=None):
    e = dict(id=f"d{n:03d}", layout=layout, producer=producer, locale=locale, text_sha256=f"sha{n}",
             gold=f"d{n:03d}.gold.json")
    if template:
        e["template"] = template
    return e


def corpus():
    """Our layouts over several producers and locales, plus third-party templates with their own producers."""
    out, n = [], 0
    for layout in ("classic", "sidebar", "academic", "spaced_caps", "two_column"):
        for producer in ("reportlab", "chromium", "rtf-writer"):
            for locale in ("de-DE", "en-US", "fr-FR", "es-ES"):
                out.append(entry(n, layout, producer, locale))
                n += 1
    for t in range(20):
        for locale in ("de-DE", "en-US"):
            out.append(entry(n, "thirdparty", "rendercv" if t % 2 else "typst", locale, template=f"theme-{t}"))
            n += 1
    return out


class SplitTests(unittest.TestCase):
    def test_templates_without_a_template_field_use_the_layout(self):
        self.assertEqual(splits.template_of(entry(0, "classic", "reportlab")), "classic")
        self.assertEqual(splits.template_of(entry(0, "x", "typst", template="moderncv-banking")), "moderncv-banking")

    def test_held_out_templates_and_producers_are_test_only(self):
        entries = corpus()
        assigned = {e["id"]: splits.split_of(e) for e in entries}
        s = splits.summary(entries, assigned)
        self.assertEqual(set(s["held_out"]["producers"]), {"rtf-writer", "typst"})
        self.assertTrue({"academic", "spaced_caps"} <= set(s["held_out"]["templates"]))
        self.assertTrue(any(t.startswith("theme-") for t in s["held_out"]["templates"]))
        for kind in ("templates", "producers"):
            seen = set(s[kind]["train"]) | set(s[kind]["validation"])
            self.assertFalse(seen & set(s["held_out"][kind]), kind)
        self.assertIn("rendercv", s["producers"]["train"])
        self.assertEqual(splits.leakage(entries, {}, assigned), ([], 0))

    def test_leakage_fails_when_a_held_out_template_or_producer_reaches_train(self):
        entries = corpus()
        assigned = {e["id"]: splits.split_of(e) for e in entries}
        for pick in (lambda e: e["layout"] == "academic", lambda e: e["producer"] == "typst"):
            broken = dict(assigned)
            victim = next(e for e in entries if pick(e))
            broken[victim["id"]] = "train"
            problems, _ = splits.leakage(entries, {}, broken)
            self.assertTrue(any("occurs in train or validation" in p for p in problems), problems)

    def test_leakage_fails_without_an_unseen_producer(self):
        entries = [e for e in corpus() if e["producer"] not in splits.TEST_PRODUCERS]
        problems, _ = splits.leakage(entries, {})
        self.assertIn("test split has no producer unseen in training", problems)

    def test_a_mixed_run_holds_out_both_kinds(self):
        entries = corpus()
        assigned = {e["id"]: splits.split_of(e) for e in entries}
        self.assertEqual(splits.kinds_problems(entries, assigned), [])
        only_layouts = [e for e in entries if "template" not in e]
        problems = splits.kinds_problems(only_layouts, {e["id"]: assigned[e["id"]] for e in only_layouts})
        self.assertIn("test split holds out no third-party template", problems)
        self.assertIn("test split holds out no third-party producer", problems)
        no_rtf = [e for e in entries if e["producer"] != "rtf-writer"]
        self.assertEqual(splits.kinds_problems(no_rtf, assigned), ["test split holds out no built-in producer"])

    def test_splits_json_records_documents_and_lists(self):
        entries = corpus()
        with tempfile.TemporaryDirectory() as t:
            d = Path(t)
            (d / "manifest.jsonl").write_text("".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")
            for i, e in enumerate(entries):
                gold = dict(id=e["id"], profile=dict(basics=dict(name=f"Person {i}")))
                (d / e["gold"]).write_text(json.dumps(gold), encoding="utf-8")
            counts, problems, shared = splits.write_splits(d)
            self.assertEqual(problems, [])
            self.assertEqual(sum(counts.values()), len(entries))
            data = json.loads((d / "splits.json").read_text(encoding="utf-8"))
            self.assertEqual(set(data), {"documents", "templates", "producers", "held_out"})
            self.assertEqual(splits.load_assignment(d), data["documents"])
            self.assertIn("typst", data["producers"]["test"])
            # the older flat form still reads
            (d / "splits.json").write_text(json.dumps({"d000": "train"}), encoding="utf-8")
            self.assertEqual(splits.load_assignment(d), {"d000": "train"})


if __name__ == "__main__":
    unittest.main()
