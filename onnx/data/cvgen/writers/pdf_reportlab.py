"""Direct PDF writer (reportlab Platypus): the third PDF producer beside Chromium and LibreOffice.
DejaVu TTFs are embedded so every locale's letters render; header/footer are drawn on each page."""
import html as H
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import HRFlowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer
from reportlab.platypus import Table as RLTable
from reportlab.platypus import TableStyle

from ..doc import Bullets, Columns, Para, Photo, Rule, Table, TextBox

FONT_DIR = "/usr/share/fonts/truetype/dejavu/"
FACES = {"sans": "DejaVuSans", "serif": "DejaVuSerif", "mono": "DejaVuSansMono"}
SIZES = {"name": 20, "title": 12, "heading": 12.5, "sub": 10.5, "body": 9.5, "small": 8.5, "contact": 8.5, "meta": 9,
         "caption": 7.5}
ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}


@lru_cache(maxsize=None)
def register(face):
    pdfmetrics.registerFont(TTFont(face, FONT_DIR + face + ".ttf"))
    pdfmetrics.registerFont(TTFont(face + "-Bold", FONT_DIR + face + "-Bold.ttf"))
    from reportlab.pdfbase.pdfmetrics import registerFontFamily
    registerFontFamily(face, normal=face, bold=face + "-Bold", italic=face, boldItalic=face + "-Bold")
    return face


class Writer:
    def __init__(self, doc):
        self.doc = doc
        self.face = register(FACES[doc.font])
        self.styles = {}

    def style(self, st, align):
        key = (st, align)
        if key not in self.styles:
            bold = st in ("name", "heading", "sub")
            self.styles[key] = ParagraphStyle(
                f"{st}-{align}", fontName=self.face + ("-Bold" if bold else ""), fontSize=SIZES.get(st, 9.5),
                leading=SIZES.get(st, 9.5) * 1.25, alignment=ALIGN[align],
                textColor=colors.HexColor(self.doc.accent) if st in ("name", "heading") else colors.HexColor("#222222"),
                spaceBefore=8 if st == "heading" else 0, spaceAfter=2)
        return self.styles[key]

    def markup(self, runs):
        out = []
        for s in runs:
            t = H.escape(s.text, quote=False)
            out.append(f"<b>{t}</b>" if s.bold else t)
        return "".join(out)

    def flow(self, blocks, width):
        out = []
        for b in blocks:
            out += self.block(b, width)
        return out

    def block(self, b, width):
        if isinstance(b, Para):
            return [Paragraph(self.markup(b.runs), self.style(b.style, b.align))]
        if isinstance(b, Bullets):
            return [Paragraph(self.markup(i), self.style("body", "left"), bulletText="•") for i in b.items]
        if isinstance(b, Table):
            ws = b.widths or [1 / len(b.rows[0])] * len(b.rows[0])
            data = [[self.flow(c, width * w - 8) or "" for c, w in zip(r, ws)] for r in b.rows]
            t = RLTable(data, colWidths=[width * w for w in ws], splitInRow=1)
            t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 3),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 3)]))
            return [t]
        if isinstance(b, Columns):
            data = [[self.flow(c, width * w - 10) for c, w in zip(b.cols, b.widths)]]
            t = RLTable(data, colWidths=[width * w for w in b.widths], splitInRow=1)
            st = [("VALIGN", (0, 0), (-1, -1), "TOP")]
            if b.shaded >= 0:
                st.append(("BACKGROUND", (b.shaded, 0), (b.shaded, 0), colors.HexColor("#eef1f4")))
            t.setStyle(TableStyle(st))
            return [t]
        if isinstance(b, TextBox):
            t = RLTable([[self.flow(b.blocks, width - 12)]], colWidths=[width])
            t.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.6, colors.HexColor(self.doc.accent))]))
            return [t]
        if isinstance(b, Photo):
            ph = RLTable([[""]], colWidths=[28 * mm], rowHeights=[36 * mm])
            ph.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#cccccc"))]))
            return [KeepTogether([ph, Paragraph(self.markup(b.caption), self.style("caption", "left"))])]
        if isinstance(b, Rule):
            return [HRFlowable(width="100%", thickness=0.6, color=colors.HexColor("#999999")), Spacer(1, 2)]
        return []

    def _decorate(self, canvas, doc):
        canvas.saveState()
        w = A4[0] - 32 * mm
        y = A4[1] - 10 * mm
        for f in self.flow(self.doc.header, w):
            _, h = f.wrapOn(canvas, w, 40 * mm)
            y -= h
            f.drawOn(canvas, 16 * mm, y)
        y = 8 * mm
        for f in reversed(self.flow(self.doc.footer, w)):
            _, h = f.wrapOn(canvas, w, 30 * mm)
            f.drawOn(canvas, 16 * mm, y)
            y += h
        if self.doc.page_numbers:
            canvas.setFont(self.face, 8)
            canvas.drawRightString(A4[0] - 16 * mm, 6 * mm, f"{self.doc.page_label} {doc.page}")
        canvas.restoreState()

    def save(self, path):
        top = 15 * mm + (22 * mm if self.doc.header else 0)
        bottom = 15 * mm + (10 * mm if self.doc.footer else 0)
        d = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=16 * mm, rightMargin=16 * mm, topMargin=top,
                              bottomMargin=bottom, title=self.doc.title, author="cvgen", creator="cvgen",
                              invariant=1)
        width = A4[0] - 32 * mm
        try:
            d.build(self.flow(self.doc.body, width), onFirstPage=self._decorate, onLaterPages=self._decorate)
        except Exception:
            # a column too tall to split: lay the columns out one after the other instead
            flat = []
            for b in self.doc.body:
                flat += [x for col in b.cols for x in col] if isinstance(b, Columns) else [b]
            d.build(self.flow(flat, width), onFirstPage=self._decorate, onLaterPages=self._decorate)


def write(doc, path):
    Writer(doc).save(path)
