"""Synthetic profiles rendered through real third-party CV producers and templates.

``templates.json`` is the registry: every template's family (how its source is written), the
producer that renders it (pdflatex, xelatex, typst, pandoc, ...), the output format and the
pinned version. ``build_real`` makes one document: profile -> ``view.View`` -> the template's
own input (LaTeX, Typst data, Markdown, ...) -> the producer -> gold labels read back from the
rendered file (``locate``), or a drop reason when they cannot be placed unambiguously.
"""
import json
from pathlib import Path

REGISTRY = Path(__file__).parent.parent / "templates.json"


def templates():
    """{template name: {family, producer, format, version, ...}} in registry order."""
    return json.loads(REGISTRY.read_text(encoding="utf-8"))["templates"]
