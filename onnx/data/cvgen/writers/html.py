"""HTML writer (also the input Chromium prints to PDF). Columns become CSS flex boxes, the page
header/footer become <header>/<footer>, tables stay tables."""
import html as H

from ..doc import Bullets, Columns, Para, Photo, Rule, Table, TextBox

FONTS = {"sans": "'DejaVu Sans', 'Liberation Sans', Arial, sans-serif",
         "serif": "'DejaVu Serif', 'Liberation Serif', 'Times New Roman', serif",
         "mono": "'DejaVu Sans Mono', monospace"}
TAG = {"name": "h1", "title": "p", "heading": "h2", "sub": "h3"}


def runs_html(runs):
    out = []
    for s in runs:
        t = H.escape(s.text)
        if s.bold:
            t = f"<b>{t}</b>"
        if s.italic:
            t = f"<i>{t}</i>"
        out.append(t)
    return "".join(out)


def block(b):
    if isinstance(b, Para):
        tag = TAG.get(b.style, "p")
        return f'<{tag} class="{b.style}" style="text-align:{b.align}">{runs_html(b.runs)}</{tag}>'
    if isinstance(b, Bullets):
        return "<ul>" + "".join(f"<li>{runs_html(i)}</li>" for i in b.items) + "</ul>"
    if isinstance(b, Table):
        cols = "".join(f'<col style="width:{w * 100:.0f}%">' for w in b.widths)
        rows = "".join("<tr>" + "".join(f"<td>{blocks(cell)}</td>" for cell in row) + "</tr>" for row in b.rows)
        return f'<table class="{b.kind}">{cols}{rows}</table>'
    if isinstance(b, Columns):
        cols = "".join(f'<div class="col{" shaded" if i == b.shaded else ""}" style="width:{w * 100:.0f}%">{blocks(c)}</div>'
                       for i, (c, w) in enumerate(zip(b.cols, b.widths)))
        return f'<div class="cols">{cols}</div>'
    if isinstance(b, TextBox):
        return f'<div class="textbox">{blocks(b.blocks)}</div>'
    if isinstance(b, Photo):
        return f'<figure class="photo"><div class="ph"></div><figcaption>{runs_html(b.caption)}</figcaption></figure>'
    if isinstance(b, Rule):
        return "<hr>"
    return ""


def blocks(bs):
    return "\n".join(block(b) for b in bs)


def render(doc, lang="en"):
    css = f"""
    @page {{ size: A4; margin: 16mm 14mm; }}
    body {{ font-family: {FONTS[doc.font]}; font-size: 10pt; color: #222; margin: 0; }}
    h1, p.title {{ white-space: pre-wrap; }}
    h1 {{ font-size: 22pt; margin: 0 0 2pt; color: {doc.accent}; }}
    h2 {{ font-size: 12pt; margin: 12pt 0 4pt; color: {doc.accent}; border-bottom: 1px solid {doc.accent}; }}
    h3 {{ font-size: 10.5pt; margin: 6pt 0 1pt; }}
    p {{ margin: 1pt 0; }} p.title {{ font-size: 12pt; }} p.meta {{ color: #555; }} p.small, p.contact {{ font-size: 9pt; }}
    ul {{ margin: 2pt 0 4pt 14pt; padding: 0; }}
    table {{ border-collapse: collapse; width: 100%; }} td {{ vertical-align: top; padding: 2pt 4pt; }}
    table.europass td:first-child {{ text-align: right; color: {doc.accent}; }}
    .cols {{ display: flex; gap: 12pt; }} .shaded {{ background: #eef1f4; padding: 8pt; }}
    .textbox {{ border: 1px solid {doc.accent}; padding: 6pt; margin-bottom: 8pt; }}
    .photo .ph {{ width: 30mm; height: 38mm; background: #ccc; }} figure {{ margin: 0 0 6pt; }}
    header, footer {{ font-size: 9pt; color: #444; }}
    """
    parts = [f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{H.escape(doc.title)}</title>',
             f"<style>{css}</style></head><body>"]
    if doc.header:
        parts.append(f"<header>{blocks(doc.header)}</header>")
    parts.append(f"<main>{blocks(doc.body)}</main>")
    if doc.footer:
        parts.append(f"<footer>{blocks(doc.footer)}</footer>")
    parts.append("</body></html>")
    return "\n".join(parts)


def write(doc, path, lang="en"):
    path.write_text(render(doc, lang), encoding="utf-8")
