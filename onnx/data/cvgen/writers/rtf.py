"""RTF writer (hand-written, the format is simple): fonts, bold, alignment, bullet paragraphs,
tables via \\trowd/\\cellx (columns become a borderless table row), {\\header} and {\\footer}."""
from ..doc import Bullets, Columns, Para, Photo, Rule, Table, TextBox

SIZES = {"name": 40, "title": 24, "heading": 25, "sub": 21, "body": 20, "small": 18, "contact": 18, "meta": 19,
         "caption": 16}
ALIGN = {"left": r"\ql", "center": r"\qc", "right": r"\qr"}
WIDTH_TWIPS = 10080


def esc(s):
    out = []
    for ch in s:
        o = ord(ch)
        if ch in "\\{}":
            out.append("\\" + ch)
        elif o < 128:
            out.append(ch)
        elif o < 0x10000:
            out.append(f"\\u{o if o < 32768 else o - 65536}?")
        else:  # surrogate pair
            v = o - 0x10000
            for u in (0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF)):
                out.append(f"\\u{u - 65536}?")
    return "".join(out)


def runs(rs, st):
    base_bold = st in ("name", "heading", "sub")
    out = []
    for s in rs:
        b = base_bold or s.bold
        out.append("{" + (r"\b " if b else "") + (r"\i " if s.italic else "") + esc(s.text) + "}")
    return "".join(out)


def para(b, intbl=False):
    pre = r"\pard" + (r"\intbl" if intbl else "") + ALIGN[b.align] + (r"\sb200" if b.style == "heading" else "") + r"\sa40"
    color = r"\cf1" if b.style in ("name", "heading") else r"\cf0"
    return f"{pre}{color}\\fs{SIZES.get(b.style, 20)} {runs(b.runs, b.style)}\\par\n"


def blocks(bs, intbl=False):
    return "".join(block(b, intbl) for b in bs)


def cell_content(content):
    s = blocks(content, intbl=True)
    # the last paragraph of a cell ends with \cell, not \par
    if s.endswith("\\par\n"):
        s = s[: -len("\\par\n")]
    else:
        s += r"\pard\intbl "
    return s + "\\cell\n"


def row(cells, widths, shaded=-1, borders=False):
    out = [r"\trowd\trgaph100"]
    x = 0
    for i, w in enumerate(widths or [1 / len(cells)] * len(cells)):
        x += int(WIDTH_TWIPS * w)
        shade = r"\clcbpat2" if i == shaded else ""
        brd = r"\clbrdrt\brdrs\clbrdrb\brdrs\clbrdrl\brdrs\clbrdrr\brdrs" if borders else ""
        out.append(f"{shade}{brd}\\cellx{x}")
    out.append("\n")
    for c in cells:
        out.append(cell_content(c))
    out.append("\\row\n")
    return "".join(out)


def block(b, intbl=False):
    if isinstance(b, Para):
        return para(b, intbl)
    if isinstance(b, Bullets):
        return "".join((r"\pard" + (r"\intbl" if intbl else "") + r"\fi-200\li300\sa20\fs20 \u8226? " + runs(i, "body") + "\\par\n")
                       for i in b.items)
    if intbl and isinstance(b, (Table, Columns)):
        # RTF nested tables are rare in producers; flatten nested content as paragraphs
        inner = b.cols if isinstance(b, Columns) else [c for r in b.rows for c in r]
        return "".join(blocks(c, True) for c in inner)
    if isinstance(b, Table):
        return "".join(row(r, b.widths, borders=b.borders) for r in b.rows) + r"\pard" + "\n"
    if isinstance(b, Columns):
        return row(b.cols, b.widths, b.shaded) + r"\pard" + "\n"
    if isinstance(b, TextBox):
        return row([b.blocks], [1.0], borders=True) + r"\pard" + "\n"
    if isinstance(b, Photo):
        return para(Para(b.caption, "caption"), intbl)
    if isinstance(b, Rule):
        return r"\pard\brdrb\brdrs\brdrw10\brsp20 \par" + "\n"
    return ""


def render(doc):
    font = {"sans": "Liberation Sans", "serif": "Liberation Serif", "mono": "Liberation Mono"}[doc.font]
    fam = {"sans": "fswiss", "serif": "froman", "mono": "fmodern"}[doc.font]
    r, g, b_ = (int(doc.accent[i:i + 2], 16) for i in (1, 3, 5))
    out = [r"{\rtf1\ansi\ansicpg1252\deff0\uc1",
           "{\\fonttbl{\\f0\\" + fam + " " + font + ";}}",
           f"{{\\colortbl;\\red{r}\\green{g}\\blue{b_};\\red238\\green241\\blue244;}}",
           r"\paperw11906\paperh16838\margl900\margr900\margt850\margb850", "\n"]
    if doc.header:
        out.append("{\\header " + blocks(doc.header) + "}\n")
    if doc.footer:
        out.append("{\\footer " + blocks(doc.footer) + "}\n")
    out.append(blocks(doc.body))
    out.append("}")
    return "".join(out)


def write(doc, path):
    path.write_text(render(doc), encoding="ascii")
