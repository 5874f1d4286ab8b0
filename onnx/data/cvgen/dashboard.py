"""``python -m cvgen dashboard DIR``: a static HTML report of a generated dataset.

Writes ``DIR/dashboard/index.html`` with bar charts (documents by format, producer, layout,
locale; entities by type and level; sensitive attributes per locale), a histogram of document
lengths, the alignment rate when ``alignment.json`` exists, and one page per sample document
(one per layout) showing the rendered first page (PDFs, via pdftoppm) beside the source text
with every labelled span highlighted and the gold profile. Open index.html in a browser.
"""
import html as H
import json
import shutil
import subprocess
from collections import Counter, defaultdict
from pathlib import Path

import matplotlib

from .labels import sensitive_stated

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
<h2>{g['id']}: {g['layout']} · {g['locale']} · {g['format']} via {g['producer']}</h2>
<p>Levels: {legend}</p>
<div class="row"><div class="col">{img}</div>
<div class="col"><h3>Source text with gold spans</h3><pre>{_highlight(g['text'], g['entities'])}</pre></div>
<div class="col"><h3>Gold profile</h3><pre>{H.escape(json.dumps(g['profile'], ensure_ascii=False, indent=1))}</pre></div></div>
</body></html>"""
    (out / f"{g['id']}.html").write_text(page, encoding="utf-8")


def dashboard(d: Path, samples_per_layout=1, log=print):
    d = Path(d)
    out = d / "dashboard"
    out.mkdir(exist_ok=True)
    entries = [json.loads(l) for l in (d / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
    golds = [json.loads((d / e["gold"]).read_text(encoding="utf-8")) for e in entries]
    charts = []
    for key in ("format", "producer", "layout", "locale"):
        _bar(Counter(e[key] for e in entries), f"documents by {key}", out / f"by_{key}.png")
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
    picked, seen = [], Counter()
    for g in golds:
        if seen[g["layout"]] < samples_per_layout:
            seen[g["layout"]] += 1
            picked.append(g)
    for g in picked:
        _sample_page(d, out, g)
    fp = json.loads((d / "fingerprint.json").read_text(encoding="utf-8")) if (d / "fingerprint.json").exists() else {}
    links = "".join(f'<li><a href="{g["id"]}.html">{g["id"]}</a> — {g["layout"]}, {g["locale"]}, {g["format"]} via {g["producer"]}</li>'
                    for g in picked)
    imgs = "".join(f'<img src="{c}" style="margin:4px;border:1px solid #ddd">' for c in charts)
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>cvgen dataset</title>
<style>body{{font-family:sans-serif;margin:16px}}</style></head><body>
<h1>Synthetic CV dataset</h1>
<p>{len(entries)} documents · seed {fp.get('seed')} · fingerprint <code>{fp.get('fingerprint', '')[:16]}</code> ·
generated in {fp.get('seconds')} s · {fp.get('failed')} render failures</p>
{imgs}
{align}
<h2>Sample documents (one per layout)</h2><ul>{links}</ul>
</body></html>"""
    (out / "index.html").write_text(page, encoding="utf-8")
    log(f"dashboard: {out / 'index.html'}")
    return out / "index.html"
