"""DOCX writer (python-docx): styles, bullet lists, tables, borderless tables for columns, page
header/footer, VML text boxes for floating frames, and a placeholder photo picture."""
import io
from functools import lru_cache

from docx import Document as Docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm, Pt, RGBColor

from ..doc import Bullets, Columns, Para, Photo, Rule, Table, TextBox

FONTS = {"sans": "Liberation Sans", "serif": "Liberation Serif", "mono": "Liberation Mono"}
SIZES = {"name": 20, "title": 12, "heading": 12.5, "sub": 10.5, "body": 10, "small": 9, "contact": 9, "meta": 9.5,
         "caption": 8}
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}


@lru_cache(maxsize=1)
def photo_png():
    from PIL import Image
    buf = io.BytesIO()
    Image.new("RGB", (60, 76), (190, 190, 190)).save(buf, "PNG")
    return buf.getvalue()


def _rgb(hexs):
    return RGBColor.from_string(hexs.lstrip("#").upper())


class Writer:
    def __init__(self, doc):
        self.doc = doc
        self.d = Docx()
        st = self.d.styles["Normal"]
        st.font.name = FONTS[doc.font]
        st.font.size = Pt(10)
        sec = self.d.sections[0]
        sec.page_width, sec.page_height = Mm(210), Mm(297)
        sec.left_margin = sec.right_margin = Mm(16)
        sec.top_margin = sec.bottom_margin = Mm(15)

    def runs(self, p, runs, style):
        for s in runs:
            r = p.add_run(s.text)
            r.bold = s.bold or style in ("name", "heading", "sub")
            r.italic = s.italic
            r.font.size = Pt(SIZES.get(style, 10))
            if style in ("name", "heading"):
                r.font.color.rgb = _rgb(self.doc.accent)

    def para(self, container, b):
        p = container.add_paragraph()
        p.alignment = ALIGN[b.align]
        p.paragraph_format.space_after = Pt(2)
        if b.style == "heading":
            p.paragraph_format.space_before = Pt(10)
        self.runs(p, b.runs, b.style)
        return p

    def blocks(self, container, blocks):
        for b in blocks:
            self.block(container, b)

    def block(self, container, b):
        if isinstance(b, Para):
            self.para(container, b)
        elif isinstance(b, Bullets):
            for item in b.items:
                p = container.add_paragraph(style="List Bullet")
                p.paragraph_format.space_after = Pt(1)
                self.runs(p, item, "body")
        elif isinstance(b, Table):
            t = self._table(container, 0, max(len(r) for r in b.rows))
            if b.borders:
                t.style = "Table Grid"
            for row in b.rows:
                cells = t.add_row().cells
                for cell, content in zip(cells, row):
                    cell._tc.remove(cell.paragraphs[0]._p)
                    self.blocks(cell, content)
                    if not cell.paragraphs:
                        cell.add_paragraph()
            self._widths(t, b.widths)
        elif isinstance(b, Columns):
            t = self._table(container, 1, len(b.cols))
            for i, (cell, content) in enumerate(zip(t.rows[0].cells, b.cols)):
                cell._tc.remove(cell.paragraphs[0]._p)
                self.blocks(cell, content)
                if not cell.paragraphs:
                    cell.add_paragraph()
                if i == b.shaded:
                    cell._tc.get_or_add_tcPr().append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="EEF1F4"/>'))
            self._widths(t, b.widths)
        elif isinstance(b, TextBox):
            self.textbox(container, b)
        elif isinstance(b, Photo):
            p = container.add_paragraph()
            p.add_run().add_picture(io.BytesIO(photo_png()), width=Mm(28))
            cap = container.add_paragraph()
            self.runs(cap, b.caption, "caption")
        elif isinstance(b, Rule):
            p = container.add_paragraph()
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1" w:color="999999"/></w:pBdr>'))

    def _table(self, container, rows, cols):
        if hasattr(container, "is_linked_to_previous"):     # page header/footer need a width
            return container.add_table(rows, cols, Mm(178))
        return container.add_table(rows=rows, cols=cols)

    def _widths(self, t, widths):
        if not widths:
            return
        total = Mm(178)
        for row in t.rows:
            for cell, w in zip(row.cells, widths):
                cell.width = int(total * w)

    def textbox(self, container, b):
        """A text box anchored in its own paragraph; its content is real paragraphs (w:txbxContent).
        VML only, as older Word wrote it, or (``alternate``) as Word 2010+ writes it: a DrawingML
        shape with a VML fallback holding the same paragraphs again."""
        tmp = Docx()
        self.blocks(tmp, b.blocks)
        inner = "".join(el.xml for el in tmp.element.body.iterchildren() if el.tag.endswith("}p") and el.xpath(".//w:t"))
        vml = (f'<w:pict><v:shape id="tb1" type="#_x0000_t202" style="width:480pt;height:130pt;mso-position-horizontal:left" '
               f'stroked="t"><v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict>')
        if b.alternate:
            cx, cy = 480 * 12700, 130 * 12700          # EMU
            drawing = (
                '<w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264" '
                'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
                '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
                '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
                f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>'
                '<wp:docPr id="1" name="Text Box 1"/><wp:cNvGraphicFramePr/>'
                '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
                f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
                '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:ln w="6350"><a:solidFill><a:srgbClr val="000000"/>'
                f'</a:solidFill></a:ln></wps:spPr><wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx>'
                '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="t">'
                '<a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>')
            content = (f'<mc:AlternateContent><mc:Choice Requires="wps">{drawing}</mc:Choice>'
                       f'<mc:Fallback>{vml}</mc:Fallback></mc:AlternateContent>')
        else:
            content = vml
        xml = (f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml" '
               'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
               'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
               'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
               f'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">{content}</w:r>')
        p = container.add_paragraph()
        p._p.append(parse_xml(xml))

    def save(self, path):
        if self.doc.header:
            self.blocks(self.d.sections[0].header, self.doc.header)
        if self.doc.footer:
            self.blocks(self.d.sections[0].footer, self.doc.footer)
        self.blocks(self.d, self.doc.body)
        self.d.core_properties.title = self.doc.title
        self.d.core_properties.author = "cvgen"
        self.d.save(str(path))


def write(doc, path):
    Writer(doc).save(path)
