"""Read the tagger datasets written by `python -m cvgen dataset` (onnx/data).

Every feature id comes from the Rust featurizer (`cvshield features`) through those files; this
module only reads them. A record: {id, locale, layout, format, producer, featurizerVersion,
tokens [[charStart, charEnd, line]…], ids [[slot ids]…], tags [BIO tag per token], spans [gold
spans in character offsets of the TextView text]}.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from dataclasses import dataclass

import numpy as np

from spans import tag_names

LABELS = {
    "parser": ["NAME", "TITLE", "ORG", "SCHOOL", "DEGREE", "DATE", "LOCATION", "SKILL"],
    "anonymizer": ["PERSON", "ADDRESS", "POSTCODE", "LOCATION", "PLACE_OF_BIRTH", "ORG", "SCHOOL",
                   "DATE_OF_BIRTH", "AGE", "GENDER", "NATIONALITY", "MARITAL_STATUS", "RELIGION",
                   "HEALTH", "AWARD", "PUBLICATION", "PHOTO"],
}
SPLITS = ("train", "validation", "test")

# The full data set is too large for the repository: it sits beside it (`../data-full`) unless
# $CVSHIELD_DATASET / $CVSHIELD_EXTRACTED (or --data / --extracted) say where.
_DATA_FULL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "data-full")
DEFAULT_DATASET = os.environ.get("CVSHIELD_DATASET", os.path.join(_DATA_FULL, "datasets", "v2"))
DEFAULT_EXTRACTED = os.environ.get("CVSHIELD_EXTRACTED", os.path.join(_DATA_FULL, "extracted.jsonl"))


@dataclass
class Doc:
    id: str
    layout: str
    locale: str
    offsets: list          # [[charStart, charEnd], …] per token
    ids: np.ndarray        # int64 [T, K]
    tags: np.ndarray       # int32 [T] tag indices
    gold: list             # [(label, charStart, charEnd)]
    featurizer_version: str
    text_sha256: str = ""
    template: str = ""     # the template it was rendered through (its layout when it names none)
    producer: str = ""


def open_text(path: str):
    return gzip.open(path, "rt", encoding="utf-8") if path.endswith(".gz") else open(path, encoding="utf-8")


def split_path(root: str, model: str, split: str) -> str:
    for ext in (".jsonl", ".jsonl.gz"):
        p = os.path.join(root, f"{model}.{split}{ext}")
        if os.path.exists(p):
            return p
    raise SystemExit(f"missing dataset file {model}.{split}.jsonl under {root}")


def span_fields(span) -> tuple[str, int, int]:
    if isinstance(span, dict):
        label = span.get("label") or span.get("type")
        return label, int(span["start"]), int(span["end"])
    start, end, label = span[0], span[1], span[2]
    if isinstance(start, str):  # [label, start, end]
        start, end, label = span[1], span[2], span[0]
    return label, int(start), int(end)


def parse_record(rec: dict, model: str) -> Doc:
    labels = LABELS[model]
    tags = tag_names(labels)
    index = {t: i for i, t in enumerate(tags)}
    raw_tags = rec["tags"]
    tag_ids = np.array([index.get(t, 0) if isinstance(t, str) else int(t) for t in raw_tags], dtype=np.int32)
    ids = np.asarray(rec["ids"], dtype=np.int64)
    if ids.ndim != 2:
        ids = ids.reshape(len(rec["tokens"]), -1)
    gold = []
    for s in rec.get("spans", []):
        label, start, end = span_fields(s)
        if label in labels:
            gold.append((label, start, end))
    return Doc(id=rec["id"], layout=rec.get("layout", ""), locale=rec.get("locale", ""),
               offsets=[(t[0], t[1]) for t in rec["tokens"]], ids=ids, tags=tag_ids, gold=gold,
               featurizer_version=rec.get("featurizerVersion", ""), text_sha256=rec.get("textSha256", ""),
               template=rec.get("template") or rec.get("layout", ""), producer=rec.get("producer", ""))


def load_split(root: str, model: str, split: str, limit: int | None = None) -> list[Doc]:
    docs = []
    with open_text(split_path(root, model, split)) as f:
        for line in f:
            if line.strip():
                docs.append(parse_record(json.loads(line), model))
                if limit and len(docs) >= limit:
                    break
    return docs


def read_meta(root: str) -> dict:
    """Dataset-level facts (featurizer version, slots, buckets, source fingerprint) if written."""
    for name in ("meta.json", "dataset.json", "manifest.json"):
        p = os.path.join(root, name)
        if os.path.exists(p):
            with open(p, encoding="utf-8") as f:
                return json.load(f)
    return {}


def fingerprint(root: str, model: str) -> str:
    """sha256 over the three split files of this model, in split order."""
    h = hashlib.sha256()
    for split in SPLITS:
        with open(split_path(root, model, split), "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    return h.hexdigest()
