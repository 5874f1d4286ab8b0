"""LaTeX sources for CV classes shipped in Debian's TeX Live (moderncv in each style).

One writer per class turns a ``View`` into a ``.tex`` file; the engine variant decides the
preamble: pdfTeX with the default OT1 encoding (accents built from separate glyphs, as many
real CVs still are), pdfTeX with T1, or XeLaTeX with fontspec and Font Awesome icons in the
contact lines.
"""
import re

_ESC = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{",
        "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_ESC_RE = re.compile(r"[\\&%$#_{}~^]")

MODERNCV_STYLES = ("casual", "classic", "banking", "oldstyle", "fancy")
ENGINES = {"ot1": "pdflatex", "t1": "pdflatex", "xe": "xelatex"}


def esc(s):
    return _ESC_RE.sub(lambda m: _ESC[m.group()], s)


def preamble(variant):
    if variant == "xe":
        return "\\usepackage{fontspec}\n\\setmainfont{DejaVu Serif}\n\\setsansfont{DejaVu Sans}\n"
    out = "\\usepackage[utf8]{inputenc}\n"
    if variant == "t1":
        out += "\\usepackage[T1]{fontenc}\n\\usepackage{lmodern}\n"
    return out


def moderncv(view, style, variant):
    v = view
    L = [f"\\documentclass[11pt,a4paper,sans]{{moderncv}}", f"\\moderncvstyle{{{style}}}",
         "\\moderncvcolor{blue}", preamble(variant).rstrip(), "\\usepackage[scale=0.8]{geometry}",
         f"\\name{{{esc(v.given)}}}{{{esc(v.family)}}}", f"\\title{{{esc(v.label)}}}"]
    extra = []
    for kind, _word, value in v.contacts:
        if kind == "address":
            L.append(f"\\address{{{esc(value)}}}{{}}{{}}")
        elif kind == "phone":
            L.append(f"\\phone[mobile]{{{esc(value)}}}")
        elif kind == "email":
            L.append(f"\\email{{{esc(value)}}}")
        else:
            extra.append(esc(value))
    if extra:
        L.append("\\extrainfo{" + " \\textperiodcentered{} ".join(extra) + "}")
    L += ["\\begin{document}", "\\makecvtitle"]
    for kind, heading, content in v.sections:
        L.append(f"\\section{{{esc(heading)}}}")
        if kind == "summary":
            L.append(f"\\cvitem{{}}{{{esc(content)}}}")
        elif kind == "experience":
            for j in content:
                items = "".join(f"\\item {esc(h)}\n" for h in j["highlights"])
                body = f"\\begin{{itemize}}\n{items}\\end{{itemize}}" if items else ""
                L.append(f"\\cventry{{{esc(j['dates'])}}}{{{esc(j['position'])}}}{{{esc(j['company'])}}}"
                         f"{{{esc(j['location'])}}}{{}}{{{body}}}")
        elif kind == "education":
            for s in content:
                L.append(f"\\cventry{{{esc(s['dates'])}}}{{{esc(s['degree'])}}}{{{esc(s['institution'])}}}"
                         f"{{{esc(s['location'])}}}{{}}{{}}")
        elif kind == "skills":
            for name, kws in content:
                L.append(f"\\cvitem{{{esc(name)}}}{{{esc(', '.join(kws))}}}")
        elif kind in ("languages", "personal"):
            for a, b in content:
                L.append(f"\\cvitem{{{esc(a)}}}{{{esc(b)}}}")
        elif kind in ("certifications", "awards", "publications"):
            for a, date in content:
                L.append(f"\\cvitem{{{esc(date)}}}{{{esc(a)}}}")
        elif kind == "references":
            if isinstance(content, str):
                L.append(f"\\cvitem{{}}{{{esc(content)}}}")
            else:
                for r in content:
                    L.append(f"\\cvitem{{}}{{\\textbf{{{esc(r['name'])}}}, {esc(r['position'])}, {esc(r['organization'])}"
                             f"\\newline {esc(r['email'])} \\textperiodcentered{{}} {esc(r['phone'])}}}")
        elif kind == "interests":
            L.append(f"\\cvitem{{}}{{{esc(', '.join(content))}}}")
    L.append("\\end{document}")
    return "\n".join(L) + "\n"
