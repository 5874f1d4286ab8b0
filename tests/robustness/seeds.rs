//! The documents the mutations start from: every file under
//! `tests/fixtures/`, every document of the real-world corpus, and a few
//! small built-in documents so each format is covered even before fixtures
//! for it exist.

use super::zipmut::build_zip;
use std::path::{Path, PathBuf};

pub struct Seed {
    /// Where the seed came from, e.g. `fixtures/pdf/two_columns.pdf` or `builtin/minimal.odt`.
    pub name: String,
    pub bytes: Vec<u8>,
    /// Lower-case extension, used for the hint and to choose format tokens.
    pub ext: String,
}

impl Seed {
    pub fn is_zip(&self) -> bool {
        self.bytes.starts_with(b"PK\x03\x04")
    }

    /// The token family for this seed's format.
    pub fn token_family(&self) -> &'static str {
        match self.ext.as_str() {
            "pdf" => "pdf",
            "docx" | "odt" | "xml" => "xml",
            "rtf" => "rtf",
            "html" | "htm" | "xhtml" => "html",
            _ => "txt",
        }
    }
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The real-world corpus: `CVSHIELD_CORPUS`, else `../shared/corpus/realworld`, else the shared path.
pub fn corpus_dir() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("CVSHIELD_CORPUS").map(PathBuf::from),
        Some(repo_root().join("../shared/corpus/realworld")),
        Some(PathBuf::from("/work/shared/corpus/realworld")),
    ];
    candidates.into_iter().flatten().find(|p| p.is_dir())
}

/// All seeds, sorted by name so case numbering is stable.
pub fn collect() -> Vec<Seed> {
    let mut seeds = Vec::new();
    let fixtures = repo_root().join("tests/fixtures");
    for path in files_under(&fixtures) {
        push_file(&mut seeds, "fixtures", &fixtures, &path);
    }
    if let Some(corpus) = corpus_dir() {
        for path in files_under(&corpus) {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            // Ground truth and the README are labels, not documents.
            if name.ends_with(".json") || name.eq_ignore_ascii_case("README.md") {
                continue;
            }
            push_file(&mut seeds, "corpus", &corpus, &path);
        }
    }
    seeds.extend(builtin());
    seeds.sort_by(|a, b| a.name.cmp(&b.name));
    seeds
}

/// Every regular file below `dir`, recursively, in sorted order.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.is_file() {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn push_file(seeds: &mut Vec<Seed>, prefix: &str, base: &Path, path: &Path) {
    let Ok(bytes) = std::fs::read(path) else { return };
    let rel = path.strip_prefix(base).unwrap_or(path).to_string_lossy().replace('\\', "/");
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    seeds.push(Seed { name: format!("{prefix}/{rel}"), bytes, ext });
}

fn builtin() -> Vec<Seed> {
    let seed = |name: &str, ext: &str, bytes: Vec<u8>| Seed { name: format!("builtin/{name}"), bytes, ext: ext.into() };
    vec![
        seed("minimal.pdf", "pdf", minimal_pdf()),
        seed("minimal.docx", "docx", minimal_docx()),
        seed("minimal.odt", "odt", minimal_odt()),
        seed("minimal.rtf", "rtf", MINIMAL_RTF.to_vec()),
        seed("minimal.html", "html", MINIMAL_HTML.to_vec()),
        seed("minimal.md", "md", MINIMAL_MD.to_vec()),
        seed("utf16.txt", "txt", utf16_text()),
    ]
}

/// A one-page PDF with a correct xref table, built so the offsets are exact.
pub fn minimal_pdf() -> Vec<u8> {
    let content = b"BT /F1 14 Tf 72 720 Td (Jane Example) Tj 0 -20 Td [(Software ) -250 (Engineer)] TJ ET\n\
BT /F1 10 Tf 72 680 Td (Experience) Tj T* (2019 - 2024 Example Corp) Tj ET";
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_vec(),
        [format!("<< /Length {} >>\nstream\n", content.len()).as_bytes(), content, b"\nendstream"].concat(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec(),
    ];
    let mut pdf = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        pdf.extend_from_slice(body);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for off in offsets {
        pdf.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes());
    pdf
}

pub fn minimal_docx() -> Vec<u8> {
    const CONTENT_TYPES: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    const RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    const DOC_RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/jane" TargetMode="External"/></Relationships>"#;
    const DOCUMENT: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>Jane Example</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Engineer </w:t></w:r><w:hyperlink r:id="rId5"><w:r><w:t>example.org/jane</w:t></w:r></w:hyperlink></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>2019</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Example Corp</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Rust</w:t></w:r><w:r><w:tab/><w:t>WebAssembly</w:t></w:r></w:p>
</w:body></w:document>"#;
    build_zip(&[
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("word/document.xml", DOCUMENT),
        ("word/_rels/document.xml.rels", DOC_RELS),
    ])
}

pub fn minimal_odt() -> Vec<u8> {
    const CONTENT: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.3"><office:body><office:text>
<text:h text:outline-level="1">Jane Example</text:h>
<text:p>Engineer <text:a xlink:href="https://example.org/jane">example.org/jane</text:a></text:p>
<text:list><text:list-item><text:p>Rust<text:tab/>WebAssembly</text:p></text:list-item></text:list>
<table:table><table:table-row><table:table-cell><text:p>2019</text:p></table:table-cell><table:table-cell><text:p>Example<text:s text:c="3"/>Corp</text:p></table:table-cell></table:table-row></table:table>
</office:text></office:body></office:document-content>"#;
    const MANIFEST: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    build_zip(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", CONTENT),
        ("META-INF/manifest.xml", MANIFEST),
    ])
}

const MINIMAL_RTF: &[u8] = br#"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss Helvetica;}{\f1\froman Times;}}
{\colortbl;\red0\green0\blue0;}
{\*\generator Example;}\f0\fs28\b Jane Example\b0\par
\fs20 Engineer \u8212? caf\'e9 {\field{\*\fldinst HYPERLINK "https://example.org/jane"}{\fldrslt example.org/jane}}\par
{\pntext\'b7\tab}Rust\tab WebAssembly\par
\trowd\cellx2000\cellx6000 2019\cell Example Corp\cell\row
}"#;

const MINIMAL_HTML: &[u8] = br#"<!DOCTYPE html><html><head><meta charset="utf-8"><title>CV</title><style>p{color:red}</style><script>var x = "<p>no</p>";</script></head>
<body><h1>Jane Example</h1><p>Engineer &amp; maker &#8212; <a href="https://example.org/jane">example.org/jane</a></p>
<ul><li>Rust</li><li>WebAssembly&nbsp;</li></ul><table><tr><td>2019</td><td>Example Corp</td></tr></table><!-- comment --></body></html>"#;

const MINIMAL_MD: &[u8] = b"# Jane Example\n\nEngineer \xE2\x80\x94 [site](https://example.org/jane)\n\n## Experience\n\n- **2019 - 2024** Example Corp\n- Rust, WebAssembly\n";

fn utf16_text() -> Vec<u8> {
    let text = "Jane Example\r\nEngineer \u{2014} caf\u{e9}\r\n\r\nExperience\r\n2019 - 2024 Example Corp\r\n";
    let mut out = vec![0xFF, 0xFE];
    out.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    out
}
