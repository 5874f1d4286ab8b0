"""The layout tree every renderer draws, and the segments that carry gold labels.

A layout turns a profile into a small tree of blocks (paragraphs, bullet lists, tables, columns,
text boxes, page header and footer, photo). Every piece of text is a ``Seg`` that may carry an
entity type and the profile field it shows. Format writers (HTML, DOCX, ODT, RTF, PDF, TXT/MD)
draw the same tree, and ``labels.linearize`` turns it into the *source text* with exact character
spans, so labels and rendering can never disagree.
"""

from dataclasses import dataclass, field
from typing import List, Optional


@dataclass
class Seg:
    text: str
    ent: Optional[str] = None      # entity type (PERSON, EMAIL, ORG, DATE, ...) or None
    path: Optional[str] = None     # profile field shown, e.g. "work[0].name"
    role: Optional[str] = None     # whose data: candidate | reference | employer | school | ...
    bold: bool = False
    italic: bool = False
    # further profile fields the same text shows: an employer written once above the roles of a
    # promotion is each role's employer, so the gold lists it once per role as a parser should
    also: tuple = ()


def segs(*items) -> List[Seg]:
    """Build a run list from strings and Segs."""
    return [i if isinstance(i, Seg) else Seg(i) for i in items if i is not None and (not isinstance(i, str) or i)]


@dataclass
class Para:
    runs: List[Seg]
    style: str = "body"            # name | title | heading | sub | body | small | contact | meta | caption
    section: Optional[str] = None  # canonical section kind, for headings
    align: str = "left"            # left | center | right


@dataclass
class Bullets:
    items: List[List[Seg]]


@dataclass
class Table:
    rows: List[List[list]]         # rows -> cells -> blocks
    widths: List[float] = field(default_factory=list)   # fractions
    borders: bool = False
    kind: str = "grid"             # grid | europass | dates | contact


@dataclass
class Columns:
    cols: List[list]               # columns -> blocks
    widths: List[float]
    shaded: int = -1               # index of the shaded sidebar column, -1 if none


@dataclass
class TextBox:
    blocks: list
    # DOCX: written as Word 2010+ does, the box twice (DrawingML, then a VML fallback) in
    # mc:AlternateContent, so a reader that takes both branches sees its text twice
    alternate: bool = False


@dataclass
class Photo:
    caption: List[Seg]


@dataclass
class Rule:
    pass


@dataclass
class Document:
    body: list
    header: list = field(default_factory=list)
    footer: list = field(default_factory=list)
    title: str = "CV"
    font: str = "sans"             # sans | serif | mono
    accent: str = "#1f4e79"
    page_numbers: bool = False
    page_label: str = "Page"
    bullet: str = None             # plain text / Markdown: the list marker (None: the format's own)
