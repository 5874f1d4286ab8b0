// GET /docs: a small readable page made from the OpenAPI description, so the
// two never disagree. No script and no external assets: its stylesheet is
// served by the worker itself at /docs.css, and its CSP allows nothing else.
import { STATUS_BY_CODE } from "./http.js";
import { openApiDocument } from "./openapi.js";

export const DOCS_CSP = "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const DOCS_CSS = `:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
body { max-width: 52rem; margin: 0 auto; padding: 1.5rem; }
code, pre { font-family: ui-monospace, monospace; }
pre { padding: 0.75rem; border-radius: 0.5rem; overflow: auto; background: color-mix(in srgb, currentColor 8%, transparent); }
section { border-top: 1px solid color-mix(in srgb, currentColor 25%, transparent); margin-top: 1.25rem; }
table { border-collapse: collapse; } td, th { text-align: left; padding: 0.15rem 0.75rem 0.15rem 0; vertical-align: top; }
`;

const escape = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

function operationSection(path, method, operation) {
  const params = (operation.parameters ?? [])
    .map((p) => `<tr><td><code>${escape(p.name)}</code> (${escape(p.in)})</td><td>${escape(p.description)}</td></tr>`)
    .join("");
  const responses = Object.entries(operation.responses)
    .map(([status, r]) => `<tr><td>${escape(status)}</td><td>${escape(r.description)}</td></tr>`)
    .join("");
  const query = path === "/anonymize" || path === "/redact" ? "?level=moderate" : "";
  const example =
    method === "post"
      ? `curl --data-binary @cv.pdf 'http://127.0.0.1:8787${path}${query}'\ncurl -F file=@cv.docx 'http://127.0.0.1:8787${path}${query}'`
      : `curl http://127.0.0.1:8787${path}`;
  return `<section id="${escape(method + path.replace(/[^a-z]/g, "-"))}">
<h2><code>${escape(method.toUpperCase())} ${escape(path)}</code></h2>
<p>${escape(operation.summary)}</p>
${params ? `<h3>Parameters</h3><table>${params}</table>` : ""}
<h3>Responses</h3><table>${responses}</table>
<pre>${escape(example)}</pre>
</section>`;
}

export function docsPage() {
  const spec = openApiDocument();
  const sections = Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => operationSection(path, method, operation)),
  );
  const codes = Object.entries(STATUS_BY_CODE)
    .map(([code, status]) => `<tr><td><code>${escape(code)}</code></td><td>${status}</td></tr>`)
    .join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cvshield worker API</title>
<link rel="stylesheet" href="/docs.css">
</head>
<body>
<main>
<h1>cvshield worker API <small>${escape(spec.info.version)}</small></h1>
<p>${escape(spec.info.description)}</p>
<p>The machine-readable description is at <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).
Every failure is JSON <code>{"code", "message"}</code>; the status follows the code:</p>
<table><tr><th>code</th><th>status</th></tr>${codes}</table>
${sections.join("\n")}
</main>
</body>
</html>
`;
}
