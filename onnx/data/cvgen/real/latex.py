"""LaTeX sources for CV classes shipped in Debian's TeX Live (moderncv in each style, europasscv).

One writer per class turns a ``View`` into a ``.tex`` file; for moderncv the engine variant decides the
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


def label_rows(kind, content):
    """(label column, content) rows, escaped, for the sections every CV class draws as a label beside
    text (all but experience and education, whose entries each class lays out its own way)."""
    if kind in ("skills", "languages", "personal"):
        return [(esc(a), esc(", ".join(b) if kind == "skills" else b)) for a, b in content]
    if kind in ("certifications", "awards", "publications"):
        return [(esc(date), esc(a)) for a, date in content]
    if kind == "references" and not isinstance(content, str):
        return [("", f"\\textbf{{{esc(r['name'])}}}, {esc(r['position'])}, {esc(r['organization'])}"
                     f"\\newline {esc(r['email'])} \\textperiodcentered{{}} {esc(r['phone'])}") for r in content]
    if kind == "interests":
        return [("", esc(", ".join(content)))]
    return [("", esc(content))]          # summary, references on request


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
        if kind == "experience":
            for j in content:
                items = "".join(f"\\item {esc(h)}\n" for h in j["highlights"])
                body = f"\\begin{{itemize}}\n{items}\\end{{itemize}}" if items else ""
                L.append(f"\\cventry{{{esc(j['dates'])}}}{{{esc(j['position'])}}}{{{esc(j['company'])}}}"
                         f"{{{esc(j['location'])}}}{{}}{{{body}}}")
        elif kind == "education":
            for s in content:
                L.append(f"\\cventry{{{esc(s['dates'])}}}{{{esc(s['degree'])}}}{{{esc(s['institution'])}}}"
                         f"{{{esc(s['location'])}}}{{}}{{}}")
        else:
            L += [f"\\cvitem{{{a}}}{{{b}}}" for a, b in label_rows(kind, content)]
    L.append("\\end{document}")
    return "\n".join(L) + "\n"


# europasscv's language options; its own words (the personal-information heading, "Page") follow them
EUROPASS_LANG = dict(en="english", de="german", fr="french", es="spanish", it="italian", nl="dutch", pt="portuguese",
                     pl="polish")


def europasscv(view):
    """The Europass CV class (pdfTeX; the class loads T1 itself): a label column beside the content,
    the name and contacts in its personal-information block, the name again in every page's footer.
    The footer's date and copyright line are left empty (they would carry the build day)."""
    v = view
    L = [f"\\documentclass[{EUROPASS_LANG[v.lang]},a4paper,nototpages]{{europasscv}}", "\\date{}", "\\ecvfootnote{}",
         f"\\ecvname{{{esc(v.name)}}}", f"\\ecvfootername{{{esc(v.name)}}}"]
    extra = []
    for kind, word, value in v.contacts:
        if kind == "address":
            L.append(f"\\ecvaddress{{{esc(value)}}}")
        elif kind == "phone":
            L.append(f"\\ecvmobile{{{esc(value)}}}")
        elif kind == "email":
            L.append(f"\\ecvemail{{{esc(value)}}}")
        else:
            extra.append(f"\\ecvitem{{\\ecvhighlight{{{esc(word)}}}}}{{{esc(value)}}}")
    L += ["\\begin{document}", "\\begin{europasscv}", "\\ecvpersonalinfo"] + extra
    L.append(f"\\ecvitem{{}}{{\\ecvtitlestyle{{{esc(v.label)}}}}}")
    for kind, heading, content in v.sections:
        L.append(f"\\ecvsection{{{esc(heading)}}}")
        if kind == "experience":
            for j in content:
                L.append(f"\\ecvtitle{{{esc(j['dates'])}}}{{{esc(j['position'])}}}")
                L.append(f"\\ecvitem{{}}{{{esc(j['company'])}, {esc(j['location'])}}}")
                if j["highlights"]:
                    items = "".join(f"\\item {esc(h)}\n" for h in j["highlights"])
                    L.append(f"\\ecvitem{{}}{{\\begin{{ecvitemize}}\n{items}\\end{{ecvitemize}}}}")
        elif kind == "education":
            for e in content:
                L.append(f"\\ecvtitle{{{esc(e['dates'])}}}{{{esc(e['degree'])}}}")
                L.append(f"\\ecvitem{{}}{{{esc(e['institution'])}, {esc(e['location'])}}}")
        else:
            L += [f"\\ecvitem{{{a}}}{{{b}}}" for a, b in label_rows(kind, content)]
    L += ["\\end{europasscv}", "\\end{document}"]
    return "\n".join(L) + "\n"
