"""Markdown as people write a CV by hand, the input pandoc turns into DOCX, ODT, RTF and HTML."""
import re

_MD_RE = re.compile(r"([\\`*_\[\]<>#|$~^@])")


def esc(s):
    return _MD_RE.sub(r"\\\1", s)


def cv_markdown(view, rng):
    v = view
    out = [f"# {esc(v.name)}", "", f"**{esc(v.label)}**", ""]
    labelled = rng.random() < 0.5
    out.append(" · ".join(f"{esc(w)}: {esc(x)}" if labelled else esc(x) for _k, w, x in v.contacts))
    out.append("")
    for kind, heading, c in v.sections:
        out += [f"## {esc(heading)}", ""]
        if kind == "summary":
            out.append(esc(c))
        elif kind == "experience":
            for j in c:
                out += [f"### {esc(j['position'])}, {esc(j['company'])}, {esc(j['location'])}", "",
                        f"*{esc(j['dates'])}*", ""] + [f"- {esc(h)}" for h in j["highlights"]] + [""]
        elif kind == "education":
            for s in c:
                out += [f"**{esc(s['degree'])}**  ", f"{esc(s['institution'])}, {esc(s['location'])}, {esc(s['dates'])}", ""]
        elif kind == "skills":
            out += [f"- **{esc(n)}:** {esc(', '.join(k))}" for n, k in c]
        elif kind in ("languages", "personal"):
            out += [f"- {esc(a)}: {esc(b)}" for a, b in c]
        elif kind in ("certifications", "awards", "publications"):
            out += [f"- {esc(a)} ({esc(d)})" for a, d in c]
        elif kind == "references":
            if isinstance(c, str):
                out.append(esc(c))
            else:
                for r in c:
                    out += [f"**{esc(r['name'])}**, {esc(r['position'])}, {esc(r['organization'])}  ",
                            f"{esc(r['email'])} · {esc(r['phone'])}", ""]
        elif kind == "interests":
            out.append(esc(", ".join(c)))
        out.append("")
    return "\n".join(out)
