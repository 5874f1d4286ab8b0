#!/usr/bin/env bash
# Redact every DOCX, ODT and RTF of both real dev sets at each level and have
# LibreOffice (headless) convert each redacted file to text: a file it cannot
# open is a broken rewrite. Prints one row per file and level, and exits 1 if
# any redaction or conversion failed. Slow (one soffice start per file), so it
# is not part of scripts/test.sh.
#
#   bash scripts/check-redacted.sh [CORPUS_DIR...]   (default: ../shared/corpus/realworld*)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
command -v soffice >/dev/null || { echo "soffice not found (apt-get install libreoffice-writer-nogui)" >&2; exit 2; }
cargo build --quiet --bin cvshield
cli="$(cargo metadata --no-deps --format-version 1 | node -e '
  let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).target_directory));')/debug/cvshield"

if [[ $# -gt 0 ]]; then dirs=("$@"); else dirs=(../shared/corpus/realworld*); fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
profile="file://$work/lo-profile"

failed=0
rows=0
printf '%-58s %-9s %-8s %s\n' document level redact libreoffice
while IFS= read -r file; do
  for level in basic moderate thorough; do
    name="$(basename "$file")"
    ext="${name##*.}"
    out="$work/$level/${name%.*}.$ext"
    mkdir -p "$work/$level" "$work/txt-$level"
    rows=$((rows + 1))
    if ! "$cli" redact --level "$level" -o "$out" "$file" 2>"$work/err"; then
      printf '%-58s %-9s %-8s %s\n' "$name" "$level" "FAILED" "$(cut -c1-60 "$work/err")"
      failed=$((failed + 1))
      continue
    fi
    if timeout 120 soffice -env:UserInstallation="$profile" --headless --convert-to txt:Text \
        --outdir "$work/txt-$level" "$out" >/dev/null 2>&1 && [[ -s "$work/txt-$level/${name%.*}.txt" ]]; then
      converted="ok ($(wc -c < "$work/txt-$level/${name%.*}.txt") bytes of text)"
    else
      converted="FAILED"
      failed=$((failed + 1))
    fi
    printf '%-58s %-9s %-8s %s\n' "$name" "$level" ok "$converted"
  done
done < <(find "${dirs[@]}" -maxdepth 1 -type f \( -name '*.docx' -o -name '*.odt' -o -name '*.rtf' \) | sort)

echo "$rows redactions, $failed failed"
[[ $failed -eq 0 ]]
