"""retrain.py end to end on committed fixtures: featurize (Rust CLI) → train → export → before/after.

The corpus is tests/fixtures/synthetic-test (70 generated CVs) split here by template, the test
split holding templates and a producer training never sees; one epoch of a narrow network keeps it to about
a minute. Needs the cvshield binary ($CVSHIELD_BIN, else target/debug/cvshield: `cargo build`)
and onnx/data/.venv (bash onnx/data/setup.sh). Run:

    onnx/train/.venv/bin/python -m unittest discover -s onnx/train/tests
"""

import contextlib
import io
import json
import os
import re
import shutil
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TRAIN = os.path.dirname(HERE)
REPO = os.path.normpath(os.path.join(TRAIN, "..", ".."))
sys.path.insert(0, TRAIN)

import retrain  # noqa: E402

FIXTURE = os.path.join(REPO, "tests", "fixtures", "synthetic-test")
# Held out as cvgen's splitter holds them out: whole templates and producers.
TEST_TEMPLATES = {"academic", "spaced_caps"}
TEST_PRODUCERS = {"rtf-writer"}
VALIDATION_TEMPLATES = {"linkedin"}
# The fixture's only HEALTH span is in a held-out document, and the dataset validation wants
# every label in train: one plain-text training CV written here carries one.
EXTRA = [("Jana Nováková", "PERSON", "candidate", "basic"), ("\nHealth: ", None, None, None),
         ("asthma", "HEALTH", "candidate", "thorough"), ("\nExperience\n", None, None, None),
         ("Nurse", "TITLE", None, "kept"), (", ", None, None, None), ("Klinikum Graz", "ORG", "employer", "thorough"),
         ("\n", None, None, None)]


def extra_document(root):
    text, entities = "", []
    for piece, label, role, level in EXTRA:
        if label:
            entities.append(dict(start=len(text), end=len(text) + len(piece), type=label, role=role, level=level,
                                 text=piece))
        text += piece
    with open(os.path.join(root, "extra-health.txt"), "w", encoding="utf-8") as f:
        f.write(text)
    gold = dict(id="extra-health", locale="de-AT", layout="plain_text", format="txt", producer="text",
                file="extra-health.txt", text=text, entities=entities)
    with open(os.path.join(root, "extra-health.gold.json"), "w", encoding="utf-8") as f:
        json.dump(gold, f)
    return "extra-health"


def small_corpus(root):
    """The fixture's documents linked into `root`, with a splits.json that leaves templates out."""
    os.makedirs(root)
    splits = {}
    for name in sorted(os.listdir(FIXTURE)):
        if not name.endswith(".gold.json"):
            continue
        with open(os.path.join(FIXTURE, name), encoding="utf-8") as f:
            gold = json.load(f)
        template = gold.get("template") or gold["layout"]
        doc_id = name[: -len(".gold.json")]
        splits[doc_id] = ("test" if template in TEST_TEMPLATES or gold["producer"] in TEST_PRODUCERS else
                          "validation" if template in VALIDATION_TEMPLATES else "train")
        for file in (name, gold["file"]):
            os.symlink(os.path.join(FIXTURE, file), os.path.join(root, file))
    splits[extra_document(root)] = "train"
    with open(os.path.join(root, "splits.json"), "w", encoding="utf-8") as f:
        json.dump({"documents": splits}, f)
    with open(os.path.join(root, "fingerprint.json"), "w", encoding="utf-8") as f:
        json.dump({"fingerprint": "fixture-synthetic-test"}, f)


def model_folder(root):
    """A copy of the repository's registry and active versions (the run must not touch the real one)."""
    source = os.path.join(REPO, "onnx")
    with open(os.path.join(source, "registry.json"), encoding="utf-8") as f:
        registry = json.load(f)
    for name, version in registry["active"].items():
        shutil.copytree(os.path.join(source, "models", name, version), os.path.join(root, "models", name, version))
    shutil.copy(os.path.join(source, "registry.json"), root)
    return registry


class RetrainSmoke(unittest.TestCase):
    def test_retrain_writes_a_version_and_the_before_after_table(self):
        with tempfile.TemporaryDirectory() as tmp:
            gold, models = os.path.join(tmp, "corpus"), os.path.join(tmp, "onnx")
            small_corpus(gold)
            registry = model_folder(models)
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                retrain.main([gold, "--version", "9.9.9", "--models-dir", models, "--work", os.path.join(tmp, "work"),
                              "--no-corpus", "--synthetic-limit", "8", "--epochs", "1", "--rows", "1024",
                              "--dim", "8", "--hidden", "16", "--sample", "6"])
            printed = out.getvalue()
            with open(os.path.join(models, "registry.json"), encoding="utf-8") as f:
                self.assertEqual(json.load(f), registry, "registry.json changes only with --deploy")
            for name in retrain.MODELS:
                before = registry["active"][name]
                for split in ("validation (training templates)", "test (unseen templates/producers)"):
                    self.assertRegex(printed, rf"\| {name} \| {re.escape(split)} \| \d+\.\d\d \| \d+\.\d\d \| [+-]\d+\.\d\d \|")
                self.assertIn(f"| {name} | test · template spaced_caps |", printed)
                folder = os.path.join(models, "models", name, "9.9.9")
                with open(os.path.join(folder, "card.md"), encoding="utf-8") as f:
                    card = f.read()
                self.assertIn(retrain.CARD_HEADING, card)
                self.assertNotIn(tmp, card, "the card names no machine path")
                self.assertIn(printed.strip().splitlines()[-1], card)
                with open(os.path.join(folder, "metrics.json"), encoding="utf-8") as f:
                    record = json.load(f)["retrain"]
                self.assertIn(f"{name}@{before}", record["before"])
                after = record["spans"][name]["after"]
                self.assertEqual(set(after["test by template"]), TEST_TEMPLATES | {"classic"})  # classic: rtf-writer's
                self.assertIn("rtf-writer", after["test by producer"])
                # the pipeline ran both versions on the synthetic test documents
                for side in ("before", "after"):
                    (column, figures), = record["pipeline"][side].items()
                    self.assertEqual(figures["documents"], 8)
                    self.assertIn("parse: name exact", figures)
                    self.assertIn("anonymize: thorough leak %", figures)
                self.assertTrue(os.path.exists(os.path.join(folder, "validation-sample.jsonl.gz")))
            # an existing version is never overwritten
            with self.assertRaises(SystemExit):
                retrain.main([gold, "--version", "9.9.9", "--models-dir", models, "--no-corpus"])


if __name__ == "__main__":
    unittest.main()
