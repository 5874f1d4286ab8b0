#!/usr/bin/env bash
# Redact every DOCX, ODT and RTF of both real dev sets at each level and have
# LibreOffice (headless) convert each redacted file to text: a file it cannot
# open is a broken rewrite, and a removed value LibreOffice reads more often
# than cvshield's anonymised text shows it is a leak an independent reader
# sees (the same rule as redact's own safety check). Prints one row per file
# and level, and exits 1 if any redaction, conversion or check failed. Slow
# (one soffice start per file), so it is not part of scripts/test.sh.
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
    txt="$work/txt-$level/${name%.*}.txt"
    if timeout 120 soffice -env:UserInstallation="$profile" --headless --convert-to txt:Text \
        --outdir "$work/txt-$level" "$out" >/dev/null 2>&1 && [[ -s "$txt" ]]; then
      "$cli" extract "$file" > "$work/source.txt"
      "$cli" anonymize --format json --level "$level" "$file" > "$work/anonymized.json"
      if leaks="$(python3 - "$work/source.txt" "$work/anonymized.json" "$txt" <<'PY'
import json, re, sys
source = open(sys.argv[1], "rb").read()
out = json.load(open(sys.argv[2], encoding="utf-8"))
reader = open(sys.argv[3], encoding="utf-8", errors="replace").read()
squash = lambda s: re.sub(r"\s+", " ", s).strip()
anonymised, reader = squash(out["text"]), squash(reader)
removed = {squash(source[r["start"]:r["end"]].decode("utf-8", "replace")) for r in out["redactions"]}
# Like redact's own check: values of fewer than two letters or digits say nothing about anyone.
removed = [v for v in removed if sum(c.isalnum() for c in v) >= 2]
count = lambda text, v: len(re.findall(r"(?<!\w)" + re.escape(v) + r"(?!\w)", text))
print(sum(count(reader, v) > count(anonymised, v) for v in removed))
PY
)" && [[ "$leaks" == 0 ]]; then
        converted="ok ($(wc -c < "$txt") bytes of text, no removed value)"
      else
        converted="LEAK (${leaks:-?} removed value(s) in LibreOffice's text)"
        failed=$((failed + 1))
      fi
    else
      converted="FAILED"
      failed=$((failed + 1))
    fi
    printf '%-58s %-9s %-8s %s\n' "$name" "$level" ok "$converted"
  done
done < <(find "${dirs[@]}" -maxdepth 1 -type f \( -name '*.docx' -o -name '*.odt' -o -name '*.rtf' \) | sort)

echo "$rows redactions, $failed failed"
[[ $failed -eq 0 ]]
