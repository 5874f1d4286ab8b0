#!/usr/bin/env bash
# The real-world sets read through OCR, beside their text layers.
#
#   bash scripts/ocr-realworld.sh [CORPUS_DIR...]   (default: ../shared/corpus/realworld and realworld-2)
#
# Every document of each set is rendered to 200-dpi page images (pdftoppm; DOCX, ODT, RTF,
# Markdown and text through LibreOffice to PDF first), the pages are wrapped as an image-only PDF
# (img2pdf, the JPEG pages passed through) in a scratch corpus beside a copy of the document's
# truth file, and `cvshield eval parse` and `eval anonymize` print, side by side, the set as it
# is (NAME), the PDFs the pages were rendered from read from their text layer (NAME-pdf: for
# PDFs the documents themselves, for the others LibreOffice's PDF, so this column shows what the
# conversion alone changes) and the OCR'd scans (NAME-ocr). OCR runs natively (tesseract, --ocr auto,
# the default languages). Needs poppler-utils, img2pdf, LibreOffice and tesseract-ocr
# (scripts/setup.sh installs all but img2pdf and LibreOffice: apt-get install img2pdf
# libreoffice-writer-nogui). CVSHIELD_OCR_CACHE=DIR keeps tesseract's output by page image
# across runs, so a second run after a change downstream of OCR only evaluates;
# OCR_REALWORLD_EVAL_ARGS passes more options to both evals (e.g. --misses).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DPI=200
if (($# == 0)); then
    set -- ../shared/corpus/realworld ../shared/corpus/realworld-2
fi
for tool in pdftoppm img2pdf soffice tesseract; do
    command -v "$tool" >/dev/null || { echo "ocr-realworld: $tool is missing" >&2; exit 1; }
done

cargo build --quiet --bin cvshield
CVSHIELD="$ROOT/target/debug/cvshield"
# OCR_REALWORLD_KEEP=DIR keeps the rendered corpora there (to look into a document); a scratch
# folder, removed at the end, otherwise.
if [[ -n "${OCR_REALWORLD_KEEP:-}" ]]; then
    SCRATCH="$OCR_REALWORLD_KEEP"
    rm -rf "$SCRATCH" && mkdir -p "$SCRATCH"
else
    SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/cvshield-ocr-realworld.XXXXXX")"
    trap 'rm -rf "$SCRATCH"' EXIT
fi

args=()
for corpus in "$@"; do
    name="$(basename "$corpus")"
    out="$SCRATCH/$name-ocr"
    rendered="$SCRATCH/$name-pdf"
    mkdir -p "$out" "$rendered" "$SCRATCH/work"
    for truth in "$corpus"/*.truth.json; do
        stem="$(basename "$truth" .truth.json)"
        doc=""
        for ext in pdf docx txt odt rtf html md; do
            [[ -f "$corpus/$stem.$ext" ]] && { doc="$corpus/$stem.$ext"; break; }
        done
        [[ -n "$doc" ]] || continue
        work="$SCRATCH/work/$stem"
        mkdir -p "$work"
        case "$doc" in
            *.pdf) pdf="$doc" ;;
            *)
                src="$doc"
                # LibreOffice opens Markdown as the plain text it is.
                [[ "$doc" == *.md ]] && { src="$work/$stem.txt"; cp "$doc" "$src"; }
                soffice --headless --convert-to pdf --outdir "$work" "$src" >/dev/null 2>&1
                pdf="$work/$stem.pdf"
                ;;
        esac
        pdftoppm -r "$DPI" -jpeg -jpegopt quality=85 "$pdf" "$work/page" 2>/dev/null
        img2pdf --pagesize A4 -o "$out/$stem.pdf" $(ls "$work"/page-*.jpg | sort -V)
        cp "$truth" "$out/"
        cp "$pdf" "$rendered/$stem.pdf"
        cp "$truth" "$rendered/"
    done
    echo "ocr-realworld: $name: $(ls "$out"/*.pdf | wc -l) documents rendered at $DPI dpi" >&2
    args+=(--corpus "$corpus" --corpus "$rendered" --corpus "$out")
done

[[ -n "${OCR_REALWORLD_RENDER_ONLY:-}" ]] && exit 0
# tesseract's output is cached by page image (CVSHIELD_OCR_CACHE; set it to a lasting folder to
# keep it across runs): parse OCRs each page once and anonymise reads the same pages back.
export CVSHIELD_OCR_CACHE="${CVSHIELD_OCR_CACHE:-$SCRATCH/ocr-cache}"
"$CVSHIELD" eval parse "${args[@]}" ${OCR_REALWORLD_EVAL_ARGS:-}
echo
"$CVSHIELD" eval anonymize "${args[@]}" ${OCR_REALWORLD_EVAL_ARGS:-}
