"""Tests for ``cvgen dataset`` / ``validate-dataset``: BIO tagging, splits, summary and loud validation.

They need no generated corpus: a handful of hand-written gold documents (plain text) stand in.
Records come from the real ``cvshield features`` when a binary is found (``$CVSHIELD_BIN``, or
``target/{release,debug}/cvshield`` of this repository) and otherwise (or with ``CVSHIELD_BIN=none``) from a small Python
tokenizer with the same token rule, so the dataset logic is tested in CI either way.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))

from cvgen.dataset import (ANONYMIZER_LABELS, PARSER_LABELS, REPO, bio_tags, build_dataset,  # noqa: E402
                           tag_names, validate_dataset)

ENV = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(HERE)}

# One document with an entity of every label; {n} varies the people per document.
TEMPLATE = [
    ("Jana {n}ová", "PERSON", "candidate"),
    ("\n", None, None),
    ("Hauptstraße {n}", "ADDRESS", "candidate"), (", ", None, None), ("1010{n}", "POSTCODE", "candidate"),
    (" ", None, None), ("Wien", "LOCATION", "candidate"),
    ("\nBorn in ", None, None), ("Graz", "PLACE_OF_BIRTH", "candidate"), (" on ", None, None),
    ("3 May 199{n}", "DATE_OF_BIRTH", "candidate"), (", age ", None, None), ("3{n}", "AGE", "candidate"),
    (", ", None, None), ("female", "GENDER", "candidate"), (", ", None, None), ("Austrian", "NATIONALITY", "candidate"),
    (", ", None, None), ("married", "MARITAL_STATUS", "candidate"), (", ", None, None), ("Catholic", "RELIGION", "candidate"),
    (", ", None, None), ("asthma", "HEALTH", "candidate"), ("\n", None, None), ("[photo]", "PHOTO", "candidate"),
    ("\nExperience\n", None, None),
    ("Software Engineer", "TITLE", None), (", ", None, None), ("Acme {n} GmbH", "ORG", "employer"), (", ", None, None),
    ("2019 – 2021", "DATE", None),
    ("\nEducation\n", None, None), ("B.Sc. Informatik", "DEGREE", None), (", ", None, None),
    ("TU Wien", "SCHOOL", "school"),
    ("\nSkills: ", None, None), ("Rust", "SKILL", None), (", ", None, None), ("Go", "SKILL", None),
    ("\nAwards\n", None, None), ("Best Paper Award {n}", "AWARD", "candidate"),
    ("\nPublications\n", None, None), ("On Tagging CVs, vol. {n}", "PUBLICATION", "candidate"),
    ("\nReferences\n", None, None), ("Max Muster{n}", "PERSON", "reference"), ("\n", None, None),
]
LEVEL = {"PERSON": "basic", "ADDRESS": "basic", "POSTCODE": "basic", "DATE_OF_BIRTH": "basic", "PHOTO": "basic"}


def make_gold_dir(root, docs):
    """docs: [(id, layout, split)]. Writes <id>.txt, <id>.gold.json and splits.json."""
    splits = {}
    for n, (doc_id, layout, split) in enumerate(docs):
        text, entities = "", []
        for piece, label, role in TEMPLATE:
            piece = piece.format(n=n)
            if label:
                entities.append(dict(start=len(text), end=len(text) + len(piece), type=label, role=role,
                                     level=LEVEL.get(label, "moderate"), text=piece))
            text += piece
        (root / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        gold = dict(id=doc_id, locale="de-DE", layout=layout, format="txt", producer="text", file=f"{doc_id}.txt",
                    text=text, entities=entities)
        (root / f"{doc_id}.gold.json").write_text(json.dumps(gold), encoding="utf-8")
        splits[doc_id] = split
    (root / "splits.json").write_text(json.dumps(splits), encoding="utf-8")


def cvshield_binary():
    if os.environ.get("CVSHIELD_BIN") == "none":   # force the Python stand-in
        return None
    for p in [os.environ.get("CVSHIELD_BIN"), REPO / "target" / "release" / "cvshield", REPO / "target" / "debug" / "cvshield"]:
        if p and Path(p).is_file():
            return str(p)
    return None


def python_records(gold_dir):
    """Stand-in for `cvshield features` on .txt files: same token rule, dummy ids."""
    out = []
    for gp in sorted(Path(gold_dir).glob("*.gold.json")):
        g = json.loads(gp.read_text(encoding="utf-8"))
        text = (Path(gold_dir) / g["file"]).read_text(encoding="utf-8")
        text = text if text.endswith("\n") else text + "\n"
        tokens, line = [], 0
        for m in re.finditer(r"\w+|[^\w\s]|\n", text):
            if m.group() == "\n":
                line += 1
                continue
            tokens.append([m.start(), m.end(), line])
        ids = [[(hash(text[s:e]) % 16383) + 1, 1] for s, e, _ in tokens]
        out.append(dict(path=str(Path(gold_dir) / g["file"]), status="ok", featurizerVersion="1.1.0", slots=2,
                        buckets=16384, text=text, tokens=tokens, ids=ids))
    return out


DOCS = [("d0", "classic", "train"), ("d1", "classic", "train"), ("d2", "sidebar", "train"),
        ("d3", "sidebar", "validation"), ("d4", "academic", "test"), ("d5", "academic", "test")]


class BioTests(unittest.TestCase):
    def test_tags_follow_spans_and_priorities(self):
        tokens = [[0, 4, 0], [5, 9, 0], [10, 14, 0], [15, 19, 0]]   # "Jana Nová from Wien"
        aligned = [
            dict(type="PERSON", role="candidate", level="basic", ext_start=0, ext_end=9, dropped=None),
            dict(type="LOCATION", role="candidate", level="moderate", ext_start=15, ext_end=19, dropped=None),
            dict(type="ORG", role="employer", level="thorough", ext_start=5, ext_end=19, dropped=None),  # overlaps both
            dict(type="SKILL", role=None, level=None, ext_start=None, ext_end=None, dropped="not_found"),
        ]
        tags, spans, overlaps = bio_tags("anonymizer", tokens, aligned)
        self.assertEqual(tags, ["B-PERSON", "I-PERSON", "O", "B-LOCATION"])
        self.assertEqual(spans, [[0, 9, "PERSON"], [15, 19, "LOCATION"]])
        self.assertEqual(overlaps, 1)
        tags, _, _ = bio_tags("parser", tokens, aligned)
        self.assertEqual(tags[:2], ["B-NAME", "I-NAME"])
        # A referee's PERSON is not the parser's NAME.
        aligned[0]["role"] = "reference"
        tags, _, _ = bio_tags("parser", tokens, aligned)
        self.assertEqual(tags, ["O", "B-ORG", "I-ORG", "I-ORG"])

    def test_tag_sets_are_in_model_order(self):
        self.assertEqual(tag_names(PARSER_LABELS)[:3], ["O", "B-NAME", "I-NAME"])
        self.assertEqual(len(tag_names(ANONYMIZER_LABELS)), 1 + 2 * 17)


class DatasetTests(unittest.TestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="cvgen-dataset-"))
        self.gold = self.tmp / "gold"
        self.gold.mkdir()
        make_gold_dir(self.gold, DOCS)
        self.out = self.tmp / "out"

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def build(self):
        binary = cvshield_binary()
        records = None if binary else python_records(self.gold)
        return build_dataset(self.gold, self.out, cvshield=binary, records=records, log=lambda m: None)

    def validate_cli(self):
        return subprocess.run([sys.executable, "-m", "cvgen", "validate-dataset", str(self.out)], env=ENV, cwd=HERE,
                              capture_output=True, text=True)

    def test_build_then_validate(self):
        summary = self.build()
        self.assertEqual(summary["documents"], {"train": 3, "validation": 1, "test": 2})
        self.assertEqual(summary["alignment"]["rate"], 1.0)
        self.assertTrue(all(summary["tasks"]["anonymizer"]["spans"]["train"][l] >= 3 for l in ANONYMIZER_LABELS))
        self.assertEqual(summary["tasks"]["parser"]["spans"]["train"]["NAME"], 3)
        rec = json.loads((self.out / "parser.train.jsonl").read_text(encoding="utf-8").splitlines()[0])
        self.assertEqual(len(rec["tokens"]), len(rec["tags"]))
        self.assertEqual(len(rec["tokens"]), len(rec["ids"]))
        text = (self.gold / "d0.txt").read_text(encoding="utf-8")
        firsts = [text[s:e] for (s, e, _), t in zip(rec["tokens"], rec["tags"]) if t == "B-NAME"]
        self.assertEqual(firsts, ["Jana"])
        self.assertEqual(validate_dataset(self.out, log=lambda m: None), [])
        r = self.validate_cli()
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def test_validation_fails_loudly_on_leakage_and_duplicates(self):
        self.build()
        train = self.out / "anonymizer.train.jsonl"
        test = self.out / "anonymizer.test.jsonl"
        first = train.read_text(encoding="utf-8").splitlines()[0]
        with open(test, "a", encoding="utf-8") as f:
            f.write(first + "\n" + first + "\n")
        r = self.validate_cli()
        self.assertEqual(r.returncode, 1)
        out = r.stdout + r.stderr
        self.assertIn("document ids in both test and train", out)
        self.assertIn("duplicate record", out)
        self.assertIn("identical text in both", out)

    def test_validation_fails_when_a_held_out_template_reaches_train(self):
        self.build()
        self.assertEqual(json.loads((self.out / "parser.test.jsonl").read_text(encoding="utf-8").splitlines()[0])["template"],
                         "academic")
        path = self.out / "parser.train.jsonl"
        lines = path.read_text(encoding="utf-8").splitlines()
        rec = json.loads(lines[0])
        rec["template"] = "academic"
        path.write_text("\n".join([json.dumps(rec)] + lines[1:]) + "\n", encoding="utf-8")
        problems = validate_dataset(self.out, log=lambda m: None)
        self.assertIn("held-out template academic occurs in train or validation", problems)

    def test_validation_fails_when_a_label_is_missing_from_train(self):
        self.build()
        path = self.out / "parser.train.jsonl"
        lines = []
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            rec["tags"] = [t if not t.endswith("-SKILL") else "O" for t in rec["tags"]]
            lines.append(json.dumps(rec))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        problems = validate_dataset(self.out, log=lambda m: None)
        self.assertTrue(any("labels absent from train: ['SKILL']" in p for p in problems), problems)
        self.assertTrue(any("checksum" in p for p in problems), problems)


if __name__ == "__main__":
    unittest.main()
