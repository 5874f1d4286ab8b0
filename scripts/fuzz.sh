#!/usr/bin/env bash
# Run every cargo-fuzz target for N seconds each (default 60), seeded from
# tests/fixtures, the robustness seeds and the real-world corpus, then print
# the executions run and any crashes per target, and write them to
# target/reports/reliability-fuzz.json:
#   {"seconds": N, "sanitizer": "none", "targets": [{"target", "execs", "seeds",
#    "exit", "artifacts", "execsPerSecond"}], "crashes": <sum of artifacts>}
#
#   scripts/fuzz.sh [SECONDS]         e.g. scripts/fuzz.sh 5 in CI
#   FUZZ_TARGETS="fuzz_pdf fuzz_rtf"  run only these targets
#   FUZZ_SANITIZER=address            build with ASan (default: none, faster)
#   FUZZ_TIMEOUT=3                    seconds before one input counts as a hang
#   FUZZ_BUILD=dev                    build unoptimised-ish (fuzz/Cargo.toml [profile.dev]): CI's short runs
#
# Only stable Rust is installed: RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its
# -Z flags to the stable compiler. Crashing inputs land in fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds="${1:-${FUZZ_SECONDS:-60}}"
targets="${FUZZ_TARGETS:-fuzz_extract fuzz_pdf fuzz_docx fuzz_odt fuzz_rtf fuzz_html fuzz_txt fuzz_parse fuzz_anonymize}"
sanitizer="${FUZZ_SANITIZER:-none}"
timeout="${FUZZ_TIMEOUT:-3}"
build_flags=()
[ "${FUZZ_BUILD:-release}" = dev ] && build_flags=(--dev)
export RUSTC_BOOTSTRAP=1

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

corpus_dir() {
  for d in "${CVSHIELD_CORPUS:-}" "$root/../shared/corpus/realworld" /work/shared/corpus/realworld; do
    [ -n "$d" ] && [ -d "$d" ] && { echo "$d"; return; }
  done
}

# Seed documents: fixtures, our own per-format seeds, the corpus (no labels).
seed_files() {
  local corpus; corpus="$(corpus_dir || true)"
  { find tests/fixtures tests/robustness/seeds -type f 2>/dev/null || true
    if [ -n "$corpus" ]; then find "$corpus" -type f; fi
  } | grep -v -i -E '\.json$|/readme[^/]*$' | sort
}

# Write the seeds for one target into $2, shaped the way that target reads its input.
make_seeds() {
  local target="$1" out="$2" f base
  rm -rf "$out"; mkdir -p "$out"
  while IFS= read -r f; do
    base="$(basename "$f")"
    case "$target:${f##*.}" in
      fuzz_extract:*) cp "$f" "$out/$base" ;;
      fuzz_pdf:pdf | fuzz_rtf:rtf | fuzz_html:html | fuzz_html:htm) cp "$f" "$out/$base" ;;
      fuzz_txt:txt) { printf '\0'; cat "$f"; } > "$out/$base" ;;
      fuzz_txt:md) { printf '\1'; cat "$f"; } > "$out/$base" ;;
      # parse/anonymize read a selector byte then text: every level / hint once.
      fuzz_parse:txt | fuzz_parse:md | fuzz_anonymize:txt | fuzz_anonymize:md)
        for sel in 0 1 2 3; do { printf "\\$sel"; cat "$f"; } > "$out/$base.$sel"; done ;;
      # The XML targets read NUL-separated parts; pull them out of real packages.
      fuzz_docx:docx)
        { unzip -p "$f" word/document.xml; printf '\0'; unzip -p "$f" word/styles.xml; printf '\0'
          unzip -p "$f" word/numbering.xml; printf '\0'; unzip -p "$f" word/_rels/document.xml.rels
        } > "$out/$base.parts" 2>/dev/null || true ;;
      fuzz_odt:odt)
        { unzip -p "$f" content.xml; printf '\0'; unzip -p "$f" styles.xml; printf '\0'; unzip -p "$f" meta.xml
        } > "$out/$base.parts" 2>/dev/null || true ;;
    esac
  done < <(seed_files)
}

cargo fuzz build "${build_flags[@]}" -s "$sanitizer"

summary=()
rows=()
failed=0
for t in $targets; do
  seeds="fuzz/target/seeds/$t"
  make_seeds "$t" "$seeds"
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  log="fuzz/target/$t.log"
  status=0
  cargo fuzz run "${build_flags[@]}" -s "$sanitizer" "$t" "fuzz/corpus/$t" "$seeds" -- \
    -max_total_time="$seconds" -timeout="$timeout" -print_final_stats=1 >"$log" 2>&1 || status=$?
  runs="$(grep -o 'Done [0-9]* runs' "$log" | grep -o '[0-9]*' | tail -1)"
  [ -n "$runs" ] || runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)"
  crashes="$(find "fuzz/artifacts/$t" -type f \( -name 'crash-*' -o -name 'oom-*' -o -name 'timeout-*' -o -name 'leak-*' \) | wc -l)"
  summary+=("$(printf '%-13s %12s execs in %ss, %s seeds, exit %s, artifacts %s' "$t" "${runs:-?}" "$seconds" "$(ls "$seeds" | wc -l)" "$status" "$crashes")")
  rows+=("$(printf '{"target":"%s","execs":%s,"seeds":%s,"exit":%s,"artifacts":%s,"execsPerSecond":%s}' \
    "$t" "${runs:-0}" "$(ls "$seeds" | wc -l)" "$status" "$crashes" "$(( ${runs:-0} / (seconds > 0 ? seconds : 1) ))")")
  if [ "$status" -ne 0 ] || [ "$crashes" -ne 0 ]; then
    failed=1
    grep -m3 -E 'panicked at|ERROR: libFuzzer|SUMMARY' "$log" | sed "s/^/  $t: /" || true
  fi
done

mkdir -p target/reports
total_crashes=0
for r in "${rows[@]}"; do total_crashes=$((total_crashes + $(sed -E 's/.*"artifacts":([0-9]+).*/\1/' <<<"$r"))); done
{ printf '{"seconds":%s,"sanitizer":"%s","crashes":%s,"targets":[' "$seconds" "$sanitizer" "$total_crashes"
  (IFS=,; printf '%s' "${rows[*]}"); printf ']}\n'; } > target/reports/reliability-fuzz.json

echo "== fuzz summary (sanitizer $sanitizer)"
printf '%s\n' "${summary[@]}"
if [ "$failed" -ne 0 ]; then
  echo "crash inputs are in fuzz/artifacts/<target>/; reproduce with: RUSTC_BOOTSTRAP=1 cargo fuzz run -s $sanitizer <target> <file>"
  exit 1
fi
