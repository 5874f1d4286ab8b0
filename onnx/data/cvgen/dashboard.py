"""``python -m cvgen dashboard DIR``: a static HTML report of a generated dataset.

Writes ``DIR/dashboard/index.html`` with bar charts (documents by format, producer, template,
locale; entities by type and level; sensitive attributes per locale), a table of templates with
their producers, split and counts, a histogram of document lengths, the alignment rate when
``alignment.json`` exists, and sample documents grouped by template: one page each showing the
rendered first page (PDFs, via pdftoppm) beside the source text with every labelled span
highlighted and the gold profile. Open index.html in a browser.
"""
import html as H
import json
import shutil
import subprocess
from collections import Counter, defaultdict
from pathlib import Path

import matplotlib

from .labels import sensitive_stated
from .splits import load_assignment, template_of

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

LEVEL_COLOURS = {"basic": "#ef9a9a", "moderate": "#ffcc80", "thorough": "#fff59d", None: "#c5e1a5"}


def _bar(counter, title, path, horizontal=False):
    items = sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))
    labels, values = [str(k) for k, _ in items], [v for _, v in items]
    fig, ax = plt.subplots(figsize=(7, max(2.5, 0.28 * len(labels)) if horizontal else 3.2))
    if horizontal:
        ax.barh(labels[::-1], values[::-1], color="#4a78a8")
    else:
        ax.bar(labels, values, color="#4a78a8")
        plt.setp(ax.get_xticklabels(), rotation=35, ha="right")
    ax.set_title(title)
    fig.tight_layout()
    fig.savefig(path, dpi=80)
    plt.close(fig)


def _hist(values, title, path):
    fig, ax = plt.subplots(figsize=(7, 3))
    ax.hist(values, bins=30, color="#4a78a8")
    ax.set_title(title)
    ax.set_xlabel("characters of source text")
    fig.tight_layout()
    fig.savefig(path, dpi=80)
    plt.close(fig)


def _highlight(text, entities):
    out, pos = [], 0
    for e in sorted(entities, key=lambda x: x["start"]):
        if e["start"] < pos:
            continue
        out.append(H.escape(text[pos:e["start"]]))
        col = LEVEL_COLOURS.get(e["level"], "#eee")
        out.append(f'<mark style="background:{col}" title="{e["type"]} / {e["level"]} / {e["role"]}">'
                   f'{H.escape(text[e["start"]:e["end"]])}<sub>{e["type"]}</sub></mark>')
        pos = e["end"]
    out.append(H.escape(text[pos:]))
    return "".join(out)


def _sample_page(d, out, g):
    img = ""
    f = d / g["file"]
    if g["format"] == "pdf" and shutil.which("pdftoppm"):
        stem = out / g["id"]
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", "-singlefile", str(f), str(stem)],
                       check=False, capture_output=True)
        if stem.with_suffix(".png").exists():
            img = f'<img src="{g["id"]}.png" style="border:1px solid #999;max-width:100%">'
    if not img:
        img = f'<p>({g["format"]} file: <a href="../{g["file"]}">{g["file"]}</a>)</p>'
    legend = " ".join(f'<mark style="background:{c}">{l or "kept"}</mark>' for l, c in LEVEL_COLOURS.items())
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{g['id']}</title>
<style>body{{font-family:sans-serif;margin:16px}} .row{{display:flex;gap:16px}} .col{{flex:1;min-width:0}}
pre{{white-space:pre-wrap;font-size:12px;background:#fafafa;padding:8px}} sub{{font-size:8px;color:#555}}</style></head><body>
<p><a href="index.html">← dashboard</a></p>
<h2>{g['id']}: {H.escape(template_of(g))} · {g['locale']} · {g['format']} via {H.escape(g['producer'])}</h2>
<p>Levels: {legend}</p>
<div class="row"><div class="col">{img}</div>
<div class="col"><h3>Source text with gold spans</h3><pre>{_highlight(g['text'], g['entities'])}</pre></div>
<div class="col"><h3>Gold profile</h3><pre>{H.escape(json.dumps(g['profile'], ensure_ascii=False, indent=1))}</pre></div></div>
</body></html>"""
    (out / f"{g['id']}.html").write_text(page, encoding="utf-8")


def _templates_table(entries, splits):
    """Rows: template, its producers, the splits it falls in, documents, and entities per document."""
    docs, producers, where = Counter(), defaultdict(Counter), defaultdict(set)
    for e in entries:
        t = template_of(e)
        docs[t] += 1
        producers[t][e["producer"]] += 1
        where[t].add(splits.get(e["id"], "–"))
    rows = "".join(
        f"<tr><td>{H.escape(t)}</td><td>{H.escape(', '.join(f'{p} ({n})' for p, n in producers[t].most_common()))}</td>"
        f"<td>{', '.join(sorted(where[t]))}</td><td>{docs[t]}</td></tr>"
        for t in sorted(docs))
    return ("<h2>Templates</h2><table border=1 cellpadding=3 style='border-collapse:collapse'>"
            "<tr><th>template</th><th>producers (documents)</th><th>split</th><th>documents</th></tr>" + rows + "</table>")


def dashboard(d: Path, samples_per_template=1, log=print):
    d = Path(d)
    out = d / "dashboard"
    out.mkdir(exist_ok=True)
    entries = [json.loads(l) for l in (d / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
    golds = [json.loads((d / e["gold"]).read_text(encoding="utf-8")) for e in entries]
    charts = []
    for key, of in (("format", None), ("producer", None), ("template", template_of), ("locale", None)):
        _bar(Counter(of(e) if of else e[key] for e in entries), f"documents by {key}", out / f"by_{key}.png",
             horizontal=key == "template")
        charts.append(f"by_{key}.png")
    _bar(Counter(x["type"] for g in golds for x in g["entities"]), "entities by type", out / "entity_type.png", True)
    _bar(Counter(str(x["level"]) for g in golds for x in g["entities"]), "entities by anonymisation level",
         out / "entity_level.png")
    _bar(Counter(t for g in golds for t in sensitive_stated(g)), "documents stating each sensitive attribute",
         out / "sensitive.png", True)
    sens_by_loc = defaultdict(int)
    for g in golds:
        sens_by_loc[g["locale"]] += bool(sensitive_stated(g))
    n_by_loc = Counter(g["locale"] for g in golds)
    _bar({k: round(100 * v / n_by_loc[k]) for k, v in sens_by_loc.items()}, "% of documents with sensitive attributes, by locale",
         out / "sensitive_by_locale.png")
    _bar(Counter(g.get("name_origin") for g in golds), "candidate name origin (country)", out / "name_origin.png", True)
    _hist([len(g["text"]) for g in golds], "document length", out / "lengths.png")
    charts += ["entity_type.png", "entity_level.png", "sensitive.png", "sensitive_by_locale.png", "name_origin.png",
               "lengths.png"]
    align = ""
    if (d / "alignment.json").exists():
        a = json.loads((d / "alignment.json").read_text(encoding="utf-8"))
        align = (f"<h2>Alignment onto extracted text ({H.escape(a.get('extractor', '?'))})</h2><p>rate <b>{a['alignment_rate']}</b> "
                 f"({a['aligned']}/{a['entities']} entities, {a['documents']} documents)</p>"
                 f"<pre>{H.escape(json.dumps({'by_producer': a['by_producer'], 'dropped': a['dropped']}, indent=1))}</pre>")
    else:
        align = "<h2>Alignment onto extracted text</h2><p>not run yet (<code>python -m cvgen align DIR --extracted …</code>)</p>"
    by_template = defaultdict(list)
    for g in golds:
        if len(by_template[template_of(g)]) < samples_per_template:
            by_template[template_of(g)].append(g)
    for picked in by_template.values():
        for g in picked:
            _sample_page(d, out, g)
    splits = load_assignment(d) if (d / "splits.json").exists() else {}
    fp = json.loads((d / "fingerprint.json").read_text(encoding="utf-8")) if (d / "fingerprint.json").exists() else {}
    links = "".join(
        f"<h3>{H.escape(t)}</h3><ul>" + "".join(
            f'<li><a href="{g["id"]}.html">{g["id"]}</a> — {g["locale"]}, {g["format"]} via {H.escape(g["producer"])}, '
            f'{len(g["entities"])} labelled spans</li>' for g in by_template[t]) + "</ul>"
        for t in sorted(by_template))
    imgs = "".join(f'<img src="{c}" style="margin:4px;border:1px solid #ddd">' for c in charts)
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>cvgen dataset</title>
<style>body{{font-family:sans-serif;margin:16px}}</style></head><body>
<h1>Synthetic CV dataset</h1>
<p>{len(entries)} documents · seed {fp.get('seed')} · fingerprint <code>{fp.get('fingerprint', '')[:16]}</code> ·
generated in {fp.get('seconds')} s · {fp.get('failed')} render failures</p>
{imgs}
{_templates_table(entries, splits)}
{align}
<h2>Sample documents by template</h2>{links}
</body></html>"""
    (out / "index.html").write_text(page, encoding="utf-8")
    log(f"dashboard: {out / 'index.html'}")
    return out / "index.html"
