"""ODT writer (odfpy): paragraph styles, lists, tables (also for columns), header/footer on the
master page, and a frame (draw:frame/draw:text-box) for text boxes and the photo caption."""
from odf import draw, style, table, text
from odf.opendocument import OpenDocumentText

from ..doc import Bullets, Columns, Para, Photo, Rule, Table, TextBox

FONTS = {"sans": "Liberation Sans", "serif": "Liberation Serif", "mono": "Liberation Mono"}
SIZES = {"name": "20pt", "title": "12pt", "heading": "12.5pt", "sub": "10.5pt", "body": "10pt", "small": "9pt",
         "contact": "9pt", "meta": "9.5pt", "caption": "8pt"}


class Writer:
    def __init__(self, doc):
        self.doc = doc
        self.o = OpenDocumentText()
        self.pstyles = {}
        self.n = 0
        font = FONTS[doc.font]
        self.o.fontfacedecls.addElement(style.FontFace(name=font, fontfamily=font))
        self.bold = style.Style(name="B", family="text")
        self.bold.addElement(style.TextProperties(fontweight="bold"))
        self.ital = style.Style(name="I", family="text")
        self.ital.addElement(style.TextProperties(fontstyle="italic"))
        self.o.automaticstyles.addElement(self.bold)
        self.o.automaticstyles.addElement(self.ital)
        pl = style.PageLayout(name="PL")
        pl.addElement(style.PageLayoutProperties(pagewidth="21cm", pageheight="29.7cm", margintop="1.5cm",
                                                 marginbottom="1.5cm", marginleft="1.6cm", marginright="1.6cm"))
        self.o.automaticstyles.addElement(pl)
        self.mp = style.MasterPage(name="Standard", pagelayoutname=pl)
        self.o.masterstyles.addElement(self.mp)

    def pstyle(self, st, align):
        key = (st, align)
        if key not in self.pstyles:
            s = style.Style(name=f"P_{st}_{align}", family="paragraph")
            s.addElement(style.ParagraphProperties(textalign={"left": "start", "center": "center", "right": "end"}[align],
                                                   marginbottom="0.05cm", margintop="0.25cm" if st == "heading" else "0cm"))
            props = dict(fontsize=SIZES.get(st, "10pt"), fontname=FONTS[self.doc.font])
            if st in ("name", "heading", "sub"):
                props["fontweight"] = "bold"
            if st in ("name", "heading"):
                props["color"] = self.doc.accent
            s.addElement(style.TextProperties(**props))
            self.o.automaticstyles.addElement(s)
            self.pstyles[key] = s
        return self.pstyles[key]

    def para(self, runs, st="body", align="left"):
        p = text.P(stylename=self.pstyle(st, align))
        for s in runs:
            if s.bold or s.italic:
                span = text.Span(stylename=self.bold if s.bold else self.ital)
                span.addText(s.text)
                p.addElement(span)
            else:
                p.addText(s.text)
        return p

    def blocks(self, parent, blocks):
        for b in blocks:
            for el in self.block(b):
                parent.addElement(el)

    def _table(self, rows, widths):
        self.n += 1
        t = table.Table(name=f"T{self.n}")
        ncols = max(len(r) for r in rows)
        for i in range(ncols):
            cs = style.Style(name=f"T{self.n}C{i}", family="table-column")
            w = widths[i] if i < len(widths) else 1 / ncols
            cs.addElement(style.TableColumnProperties(columnwidth=f"{17.8 * w:.2f}cm"))
            self.o.automaticstyles.addElement(cs)
            t.addElement(table.TableColumn(stylename=cs))
        for row in rows:
            tr = table.TableRow()
            for content in row:
                tc = table.TableCell()
                self.blocks(tc, content)
                if not content:
                    tc.addElement(text.P())
                tr.addElement(tc)
            t.addElement(tr)
        return t

    def block(self, b):
        if isinstance(b, Para):
            return [self.para(b.runs, b.style, b.align)]
        if isinstance(b, Bullets):
            lst = text.List()
            for item in b.items:
                li = text.ListItem()
                li.addElement(self.para(item))
                lst.addElement(li)
            return [lst]
        if isinstance(b, Table):
            return [self._table(b.rows, b.widths)]
        if isinstance(b, Columns):
            return [self._table([b.cols], b.widths)]
        if isinstance(b, (TextBox, Photo)):
            self.n += 1
            anchor = text.P(stylename=self.pstyle("body", "left"))
            fr = draw.Frame(name=f"F{self.n}", anchortype="paragraph", width="17cm" if isinstance(b, TextBox) else "3.5cm")
            box = draw.TextBox()
            if isinstance(b, TextBox):
                self.blocks(box, b.blocks)
            else:
                box.addElement(self.para(b.caption, "caption"))
            fr.addElement(box)
            anchor.addElement(fr)
            return [anchor]
        if isinstance(b, Rule):
            return [text.P(stylename=self.pstyle("body", "left"))]
        return []

    def save(self, path):
        if self.doc.header:
            h = style.Header()
            self.blocks(h, self.doc.header)
            self.mp.addElement(h)
        if self.doc.footer:
            f = style.Footer()
            self.blocks(f, self.doc.footer)
            self.mp.addElement(f)
        self.blocks(self.o.text, self.doc.body)
        self.o.save(str(path))


def write(doc, path):
    Writer(doc).save(path)
