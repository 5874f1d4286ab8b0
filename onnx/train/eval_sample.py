"""The committed evaluation sample checked by `tests/model_int8.rs` (CI has no dataset).

A seeded, layout-stratified subset of the test split (synthetic documents only). Each line:
{id, layout, locale, tokens, textSha256, document, spans}: `document` is the extracted `Document`
JSON (`cvshield extract --json`), from which the Rust test re-featurizes with the real featurizer;
`tokens` and `textSha256` are what the dataset recorded for it (drift checks: the test fails
clearly if extraction or tokenization changed since training); `spans` are the gold spans
[label, charStart, charEnd] in the TextView text. train.py records the onnxruntime F1 of the float
and int8 models on exactly these documents in metrics.json / spec.json.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import random


def load_documents(extracted_path: str, wanted: dict[str, str]) -> dict[str, dict]:
    """id → Document JSON for the wanted ids ({id: textSha256}), from an `extract --json` file.

    Several files share an id's stem (the CV, its gold JSON, dashboard pages): keep the one whose
    TextView text is the one the dataset featurized.
    """
    found = {}
    with open(extracted_path, encoding="utf-8") as f:
        for line in f:
            head = line[:300]  # cheap pre-filter before parsing a large line
            stem = None
            for key in ('"path":"', '"path": "'):
                i = head.find(key)
                if i >= 0:
                    path = head[i + len(key):head.find('"', i + len(key))]
                    stem = os.path.basename(path).split(".")[0]
                    break
            if stem not in wanted or stem in found:
                continue
            rec = json.loads(line)
            if rec.get("status") == "ok" and rec.get("document") and view_sha256(rec["document"]) == wanted[stem]:
                found[stem] = rec["document"]
    return found


def view_sha256(document: dict) -> str:
    """sha256 of the TextView text (lines joined by \\n, a form feed between pages), to match the
    dataset's textSha256; mirrors `TextView::new`."""
    text = ""
    for index, page in enumerate(document.get("pages", [])):
        if index > 0 and text:
            text = text[:-1] + "\f"
        for line in page.get("lines", []):
            text += line.get("text", "") + "\n"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write(path: str, test_docs, count: int, extracted_path: str, seed: int):
    """Pick `count` test documents (round-robin over layouts), write the sample, return its Docs."""
    rng = random.Random(seed)
    by_layout = {}
    for d in test_docs:
        by_layout.setdefault(d.layout, []).append(d)
    for docs in by_layout.values():
        rng.shuffle(docs)
    candidates = []
    while any(by_layout.values()) and len(candidates) < 3 * count:
        for layout in sorted(by_layout):
            if by_layout[layout]:
                candidates.append(by_layout[layout].pop())
    # only documents whose extraction still gives the text the dataset was featurized from
    documents = load_documents(extracted_path, {d.id: d.text_sha256 for d in candidates})
    chosen = [d for d in candidates if d.id in documents][:count]
    if len(chosen) < min(count, len(test_docs)) // 2:
        raise SystemExit(f"only {len(chosen)} sample documents found in {extracted_path}")
    lines = []
    for d in chosen:
        lines.append(json.dumps({"id": d.id, "layout": d.layout, "locale": d.locale, "tokens": len(d.tags),
                                 "textSha256": d.text_sha256,
                                "document": documents[d.id], "spans": [list(g) for g in d.gold]},
                                ensure_ascii=False, separators=(",", ":")) + "\n")
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as f:
        f.write("".join(lines).encode("utf-8"))  # mtime 0: the same sample gives the same bytes
    return chosen
