#!/usr/bin/env python3
"""Time Presidio (analyze + anonymize) per text, for bench/peers.mjs.

Reads JSON {"texts": [...], "warmup": W, "reps": R} on stdin; builds the same engines as
bench/presidio/run.py (spaCy en_core_web_sm from the pinned package, every recognizer, default
operators), runs W untimed passes over all texts (spaCy and the recognizers warm up), then R
timed runs per text; writes {"ms": [median per text], "entities": [count per text],
"versions": {...}} to stdout. Run with bench/presidio/.venv/bin/python (bench/presidio/setup.sh).
"""
import json
import os
import pathlib
import statistics
import sys
import time

os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent / "presidio"))

from run import presidio_engines  # noqa: E402  (bench/presidio/run.py: one way to build them)


def main():
    job = json.load(sys.stdin)
    analyzer, anonymizer = presidio_engines()

    def once(text):
        results = analyzer.analyze(text=text, language="en")
        anonymizer.anonymize(text=text, analyzer_results=results)
        return len(results)

    for _ in range(job.get("warmup", 1)):
        for text in job["texts"]:
            once(text)
    medians, counts = [], []
    for text in job["texts"]:
        times = []
        for _ in range(job.get("reps", 5)):
            t0 = time.perf_counter()
            n = once(text)
            times.append((time.perf_counter() - t0) * 1e3)
        medians.append(statistics.median(times))
        counts.append(n)
    from importlib.metadata import version

    versions = {p: version(p) for p in ("presidio-analyzer", "presidio-anonymizer", "spacy")}
    json.dump({"ms": medians, "entities": counts, "versions": versions}, sys.stdout)


if __name__ == "__main__":
    main()
