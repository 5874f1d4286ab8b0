//! `cvshield models history --html`: the version timeline of each model as one self-contained page.
//!
//! One inline SVG per model (x: the model's deploys and rollbacks in order; y: span micro F1 of the
//! version each event made active, measured at that moment on the validation sample), then a table
//! of every version's recorded metrics and a table of the events. No scripts, fonts, styles or
//! images are fetched: the file can be opened offline or attached to a review. Every string from
//! the registry or a spec is escaped.

use std::fmt::Write as _;

use serde_json::Value;

use cvshield::model::registry::{Action, Event, Registry};

/// What the page shows of one version (from its spec.json).
pub struct VersionRow {
    pub name: String,
    pub version: String,
    pub created: String,
    pub bytes: Option<u64>,
    pub sample_f1: Option<f64>,
    pub validation_f1: Option<f64>,
    pub test_f1: Option<f64>,
    pub featurizer: String,
    pub sha256: String,
}

impl VersionRow {
    pub fn from_spec(name: &str, version: &str, spec: &Value) -> VersionRow {
        let text = |v: &Value| v.as_str().unwrap_or("?").to_string();
        VersionRow {
            name: name.into(),
            version: version.into(),
            created: text(&spec["created"]),
            bytes: spec["files"]["int8"]["bytes"].as_u64(),
            sample_f1: spec["metrics"]["evalSample"]["int8"]["f1"].as_f64(),
            validation_f1: spec["metrics"]["int8"]["validation"]["f1"].as_f64(),
            test_f1: spec["metrics"]["int8"]["test"]["f1"].as_f64(),
            featurizer: text(&spec["input"]["featurizerVersion"]),
            sha256: text(&spec["files"]["int8"]["sha256"]),
        }
    }
}

const WIDTH: f64 = 760.0;
const HEIGHT: f64 = 220.0;
const PAD_LEFT: f64 = 56.0;
const PAD_RIGHT: f64 = 24.0;
const PAD_TOP: f64 = 28.0;
const PAD_BOTTOM: f64 = 40.0;

pub fn render(registry: &Registry, versions: &[VersionRow]) -> String {
    let mut html = String::from(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>cvshield model history</title>\n<style>\n\
         body{font:14px system-ui,sans-serif;margin:2em;color:#222;max-width:900px}\n\
         table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}\n\
         td.n{text-align:right;font-variant-numeric:tabular-nums}.active{font-weight:bold}\n\
         svg text{font:11px system-ui,sans-serif}\n</style></head><body>\n<h1>cvshield model history</h1>\n",
    );
    let _ = writeln!(
        html,
        "<p>Deploys are refused when a version scores more than {} F1 points below the active one (unless forced). \
         F1 = span micro F1 (%) on the committed validation samples (events without a named sample: the test split's eval sample), \
         measured by <code>cvshield models deploy|rollback</code>.</p>",
        registry.tolerance_f1_points
    );
    for (name, active) in &registry.active {
        let _ = writeln!(html, "<h2>{} <small>(active {})</small></h2>", esc(name), esc(active));
        let events: Vec<&Event> = registry.history.iter().filter(|e| &e.model == name).collect();
        html.push_str(&timeline(&events, versions));
        html.push_str(&versions_table(name, active, versions));
    }
    html.push_str("<h2>Events</h2>\n<table><tr><th>time (UTC)</th><th>model</th><th>action</th><th>from</th><th>to</th><th>F1</th><th>previous F1</th><th>documents</th><th>forced</th></tr>\n");
    for e in &registry.history {
        let ev = e.evaluation.as_ref();
        let _ = writeln!(
            html,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td>{}</td></tr>",
            esc(&e.at),
            esc(&e.model),
            e.action.as_str(),
            esc(e.from.as_deref().unwrap_or("–")),
            esc(&e.to),
            num(ev.map(|v| v.f1)),
            num(ev.and_then(|v| v.previous_f1)),
            ev.map_or("–".to_string(), |v| match &v.sample {
                Some(sample) => format!("{} ({})", v.documents, esc(sample)),
                None => v.documents.to_string(),
            }),
            if e.forced { "yes" } else { "" }
        );
    }
    html.push_str("</table>\n</body></html>\n");
    html
}

/// The F1 an event's point is drawn at: measured at the event, else the version's recorded sample F1.
fn event_f1(e: &Event, versions: &[VersionRow]) -> Option<f64> {
    e.evaluation.as_ref().map(|v| v.f1).or_else(|| {
        versions.iter().find(|v| v.name == e.model && v.version == e.to).and_then(|v| v.sample_f1)
    })
}

fn timeline(events: &[&Event], versions: &[VersionRow]) -> String {
    let values: Vec<f64> = events.iter().filter_map(|e| event_f1(e, versions)).collect();
    let (mut lo, mut hi) = values.iter().fold((f64::MAX, f64::MIN), |(lo, hi), &v| (lo.min(v), hi.max(v)));
    if values.is_empty() {
        (lo, hi) = (0.0, 100.0);
    }
    if hi - lo < 2.0 {
        let mid = (hi + lo) / 2.0;
        (lo, hi) = (mid - 1.0, mid + 1.0);
    }
    let plot_w = WIDTH - PAD_LEFT - PAD_RIGHT;
    let plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM;
    let x = |i: usize| PAD_LEFT + plot_w * (i as f64 + 0.5) / events.len().max(1) as f64;
    let y = |v: f64| PAD_TOP + plot_h * (hi - v) / (hi - lo);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-label=\"version timeline\">\n"
    );
    // Axes and three F1 gridlines.
    for k in 0..3 {
        let v = lo + (hi - lo) * f64::from(k) / 2.0;
        let _ = writeln!(
            svg,
            "<line x1=\"{PAD_LEFT}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#ddd\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{v:.1}</text>",
            WIDTH - PAD_RIGHT,
            y(v),
            y(v),
            PAD_LEFT - 6.0,
            y(v) + 4.0
        );
    }
    let _ = writeln!(svg, "<text x=\"12\" y=\"{:.1}\" transform=\"rotate(-90 12 {:.1})\" text-anchor=\"middle\">F1 %</text>", PAD_TOP + plot_h / 2.0, PAD_TOP + plot_h / 2.0);
    // The active version's F1 over time, as steps.
    let points: Vec<(f64, f64)> = events.iter().enumerate().filter_map(|(i, e)| event_f1(e, versions).map(|v| (x(i), y(v)))).collect();
    if points.len() > 1 {
        let mut path = String::new();
        for (i, (px, py)) in points.iter().enumerate() {
            if i == 0 {
                let _ = write!(path, "M{px:.1},{py:.1}");
            } else {
                let _ = write!(path, " H{px:.1} V{py:.1}");
            }
        }
        let _ = writeln!(svg, "<path d=\"{path}\" fill=\"none\" stroke=\"#888\" stroke-width=\"1.5\"/>");
    }
    for (i, e) in events.iter().enumerate() {
        let px = x(i);
        let date = e.at.get(..16).unwrap_or(&e.at).replace('T', " ");
        let _ = writeln!(svg, "<text x=\"{px:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#666\">{}</text>", HEIGHT - 22.0, esc(&date));
        let _ = writeln!(svg, "<text x=\"{px:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#666\">{}</text>", HEIGHT - 8.0, e.action.as_str());
        let Some(v) = event_f1(e, versions) else { continue };
        let color = match e.action {
            Action::Deploy => "#1f6feb",
            Action::Rollback => "#d9822b",
        };
        let ring = if e.forced { " stroke=\"#c00\" stroke-width=\"3\"" } else { "" };
        let _ = writeln!(
            svg,
            "<circle cx=\"{px:.1}\" cy=\"{:.1}\" r=\"6\" fill=\"{color}\"{ring}><title>{} {} → {} F1 {v:.2}</title></circle><text x=\"{px:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{} · {v:.2}</text>",
            y(v),
            e.action.as_str(),
            esc(&e.model),
            esc(&e.to),
            y(v) - 10.0,
            esc(&e.to)
        );
    }
    svg.push_str("</svg>\n");
    svg
}

fn versions_table(name: &str, active: &str, versions: &[VersionRow]) -> String {
    let mut html = String::from(
        "<table><tr><th>version</th><th>created</th><th>featurizer</th><th>bytes</th><th>sample F1</th><th>validation F1</th><th>test F1</th><th>sha256</th></tr>\n",
    );
    for v in versions.iter().filter(|v| v.name == name) {
        let _ = writeln!(
            html,
            "<tr{}><td>{}</td><td>{}</td><td>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td><code>{}</code></td></tr>",
            if v.version == active { " class=active" } else { "" },
            esc(&v.version),
            esc(&v.created),
            esc(&v.featurizer),
            v.bytes.map_or("–".to_string(), |b| b.to_string()),
            num(v.sample_f1),
            num(v.validation_f1),
            num(v.test_f1),
            esc(v.sha256.get(..12).unwrap_or(&v.sha256))
        );
    }
    html.push_str("</table>\n");
    html
}

fn num(v: Option<f64>) -> String {
    v.map_or("–".to_string(), |v| format!("{v:.2}"))
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
