"""Layouts: each module arranges the shared CV parts (``common.Ctx``) into one page design.

``LAYOUTS`` maps a layout name to (build function, formats it is rendered to). ``plain_text``
and ``markdown`` are their own formats; the rest go through every document producer.
"""
from . import (academic, classic, europass, europass_online, functional, header_footer, latex_like, lebenslauf, linkedin, markdown,
               plain_text, sidebar, spaced_caps, tabular, textbox, two_column)

RICH = ["pdf:chromium", "pdf:libreoffice", "pdf:reportlab", "docx:python-docx", "odt:odfpy", "rtf:rtf-writer",
        "html:html-writer", "pdf:libreoffice-odt"]

LAYOUTS = {
    "classic": (classic.build, RICH),
    "two_column": (two_column.build, RICH),
    "sidebar": (sidebar.build, RICH),
    "europass": (europass.build, RICH),
    # the EU's online editor: its own PDF (as Chromium prints) and DOCX export, and that DOCX printed
    "europass_online": (europass_online.build, ["docx:python-docx", "pdf:chromium", "pdf:libreoffice"]),
    "latex_like": (latex_like.build, ["pdf:reportlab", "pdf:chromium", "html:html-writer", "pdf:libreoffice"]),
    "plain_text": (plain_text.build, ["txt:text"]),
    "markdown": (markdown.build, ["md:text"]),
    "linkedin": (linkedin.build, ["pdf:chromium", "pdf:reportlab"]),
    "tabular": (tabular.build, RICH),
    # a Word template's table (DOCX, and printed by LibreOffice) or drawn directly (reportlab, Chromium)
    "lebenslauf": (lebenslauf.build, ["docx:python-docx", "pdf:libreoffice", "pdf:reportlab", "pdf:chromium"]),
    "header_footer": (header_footer.build, ["docx:python-docx", "pdf:libreoffice", "odt:odfpy", "pdf:reportlab", "rtf:rtf-writer", "pdf:libreoffice-odt"]),
    "spaced_caps": (spaced_caps.build, RICH),
    "functional": (functional.build, RICH),
    "academic": (academic.build, RICH),
    "textbox": (textbox.build, ["docx:python-docx", "pdf:libreoffice", "odt:odfpy", "pdf:libreoffice-odt"]),
}
