"""Plain text and Markdown: the file *is* the linearised source text, so spans are exact on it."""
from ..labels import Deco, linearize


class TxtDeco(Deco):
    bullet = "- "
    cell_sep = "  "

    def heading(self, text, style):
        if style == "heading":
            return "\n", "\n" + ("=" if text.isupper() else "-") * len(text)
        return "", ""


class MdDeco(Deco):
    bullet = "- "
    cell_sep = " | "

    def heading(self, text, style):
        if style == "name":
            return "# ", ""
        if style == "heading":
            return "\n## ", "\n"
        if style == "sub":
            return "\n### ", ""
        return "", ""


def deco_for(fmt, doc=None):
    deco = {"txt": TxtDeco(), "md": MdDeco()}.get(fmt)
    if deco and doc is not None and doc.bullet:
        deco.bullet = doc.bullet
    return deco


def write(doc, path, fmt):
    text, *_ = linearize(doc, deco_for(fmt, doc))
    path.write_text(text, encoding="utf-8")
