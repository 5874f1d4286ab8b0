#!/usr/bin/env bash
# Run every cargo-fuzz target for N seconds each (default 60), seeded from
# tests/fixtures, the robustness seeds, the synthetic fixtures' text and the
# real-world corpus, with a per-format dictionary (fuzz/dict/), then print and
# record per target what libFuzzer ran and found, in target/reports/reliability-fuzz.json:
#   {"date", "seconds", "sanitizer", "build": "release+debug-assertions" | "dev", "toolchain",
#    "totalExecs", "crashes": <crash+timeout+oom artifacts of this run>,
#    "targets": [{"target", "seconds", "execs", "execsPerSecond", "seeds", "corpus",
#                 "cov", "ft", "rssMb", "crashes", "timeouts", "ooms", "exit"}]}
# cov/ft/corpus come from libFuzzer's last status line (coverage edges, features, corpus entries).
#
#   scripts/fuzz.sh [SECONDS]            e.g. scripts/fuzz.sh 5 in CI
#   FUZZ_TARGETS="fuzz_pdf fuzz_rtf"     run only these targets
#   FUZZ_SANITIZER=address               build with ASan (needs nightly: used automatically when installed)
#   FUZZ_TIMEOUT=3                       seconds before one input counts as a hang
#   FUZZ_BUILD=dev                       build with fuzz/Cargo.toml [profile.dev] (opt-level 1): CI's short runs;
#                                        default: release with debug assertions and overflow checks
#   FUZZ_RECORD=fuzz/results.json        also copy the figures there (the committed long run)
#
# Without nightly, RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its -Z flags to the
# stable compiler. Crashing inputs land in fuzz/artifacts/<target>/; once fixed
# they belong in tests/regressions/<format>/ (replayed by `cargo test --test integration robustness::`).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds="${1:-${FUZZ_SECONDS:-60}}"
targets="${FUZZ_TARGETS:-fuzz_extract fuzz_pdf fuzz_docx fuzz_odt fuzz_rtf fuzz_html fuzz_txt fuzz_parse fuzz_anonymize fuzz_redact fuzz_page_images}"
sanitizer="${FUZZ_SANITIZER:-none}"
timeout="${FUZZ_TIMEOUT:-3}"
build_flags=()
build=release+debug-assertions
[ "${FUZZ_BUILD:-release}" = dev ] && { build_flags=(--dev); build=dev; }
toolchain=()
if [ "$sanitizer" != none ] && rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  toolchain=(+nightly)
else
  export RUSTC_BOOTSTRAP=1
fi
toolchain_name="$(rustc "${toolchain[@]}" --version)"

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

corpus_dir() {
  for d in "${CVSHIELD_CORPUS:-}" "$root/../shared/corpus/realworld"; do
    [ -n "$d" ] && [ -d "$d" ] && { echo "$d"; return; }
  done
}

# Seed documents: fixtures, our own per-format seeds, the corpus (no labels).
# Inputs over 256 KB are left out: libFuzzer's length limit follows the largest seed.
seed_files() {
  local corpus; corpus="$(corpus_dir || true)"
  { find tests/fixtures tests/robustness/seeds -type f -size -256k 2>/dev/null || true
    if [ -n "$corpus" ]; then find "$corpus" -type f -size -256k; fi
  } | grep -v -i -E '\.(json|py)$|/readme[^/]*$' | sort
}

# The synthetic fixtures' plain text (their gold files), one seed per document.
gold_texts() {
  local out="$1"
  node -e '
    const fs = require("fs"), path = require("path");
    const [dir, out] = process.argv.slice(1);
    for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".gold.json"))) {
      const text = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")).text;
      if (typeof text === "string") fs.writeFileSync(path.join(out, f.replace(".gold.json", ".txt")), text);
    }' tests/fixtures/synthetic-test "$out"
}

# Write the seeds for one target into $2, shaped the way that target reads its input.
make_seeds() {
  local target="$1" out="$2" f base texts
  rm -rf "$out"; mkdir -p "$out"
  texts="$out.texts"; rm -rf "$texts"; mkdir -p "$texts"; gold_texts "$texts"
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
      # redact: a selector byte naming the format (docx 0, odt 3, rtf 6, html 9, txt 12, md 15)
      # at level basic, then the input shaped as that format's target reads it.
      fuzz_redact:rtf) { printf '\6'; cat "$f"; } > "$out/$base" ;;
      fuzz_redact:html | fuzz_redact:htm) { printf '\11'; cat "$f"; } > "$out/$base" ;;
      fuzz_redact:txt) { printf '\14'; cat "$f"; } > "$out/$base" ;;
      fuzz_redact:md) { printf '\17'; cat "$f"; } > "$out/$base" ;;
      # page images read a selector byte naming the format (PNG 0, JPEG 1, TIFF 2, PDF 3): the
      # image-only PDFs carry the JPEG, Flate and CCITT scans.
      fuzz_page_images:png) { printf '\0'; cat "$f"; } > "$out/$base" ;;
      fuzz_page_images:jpg | fuzz_page_images:jpeg) { printf '\1'; cat "$f"; } > "$out/$base" ;;
      fuzz_page_images:tif | fuzz_page_images:tiff) { printf '\2'; cat "$f"; } > "$out/$base" ;;
      fuzz_page_images:pdf) { printf '\3'; cat "$f"; } > "$out/$base" ;;
      fuzz_odt:odt)
        { unzip -p "$f" content.xml; printf '\0'; unzip -p "$f" styles.xml; printf '\0'; unzip -p "$f" meta.xml
        } > "$out/$base.parts" 2>/dev/null || true ;;
    esac
  done < <(seed_files; find "$texts" -type f | sort)
  rm -rf "$texts"
  find "$out" -type f -empty -delete
}

# The target's dictionary: its own, or for fuzz_extract all of them.
make_dict() {
  local target="$1" out="$2"
  if [ "$target" = fuzz_extract ]; then
    cat fuzz/dict/fuzz_{pdf,docx,odt,rtf,html}.dict fuzz/dict/text.dict > "$out"
  elif [ -e "fuzz/dict/$target.dict" ]; then
    cat "fuzz/dict/$target.dict" > "$out"
  else
    : > "$out"
  fi
}

# The value after `key:` on libFuzzer's last status line (e.g. "#9 DONE cov: 12 ft: 34 corp: 5/1Kb exec/s: 7 rss: 80Mb").
stat_of() { grep -E '^#[0-9]+' "$1" | tail -1 | grep -oE "$2: *[0-9]+" | grep -oE '[0-9]+$' || true; }

cargo "${toolchain[@]}" fuzz build "${build_flags[@]}" -s "$sanitizer"

summary=()
rows=()
failed=0
total_execs=0
total_found=0
for t in $targets; do
  seeds="fuzz/target/seeds/$t"
  dict="fuzz/target/seeds/$t.dict"
  make_seeds "$t" "$seeds"
  make_dict "$t" "$dict"
  dict_flag=(); [ -s "$dict" ] && dict_flag=(-dict="$dict")
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  log="fuzz/target/$t.log"
  stamp="fuzz/target/$t.stamp"; touch "$stamp"
  status=0
  cargo "${toolchain[@]}" fuzz run "${build_flags[@]}" -s "$sanitizer" "$t" "fuzz/corpus/$t" "$seeds" -- \
    -max_total_time="$seconds" -timeout="$timeout" -print_final_stats=1 "${dict_flag[@]}" >"$log" 2>&1 || status=$?
  runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)"
  [ -n "$runs" ] || runs="$(grep -o 'Done [0-9]* runs' "$log" | grep -o '[0-9]*' | tail -1 || true)"
  [ -n "$runs" ] || runs="$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)"
  runs="${runs:-0}"
  took="$(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "$log" | grep -oE '[0-9]+ second' | grep -oE '[0-9]+' | tail -1 || true)"
  took="${took:-$seconds}"
  new_artifacts() { find "fuzz/artifacts/$t" -type f -name "$1-*" -newer "$stamp" | wc -l; }
  crashes="$(( $(new_artifacts crash) + $(new_artifacts leak) ))"
  timeouts="$(new_artifacts timeout)"
  ooms="$(new_artifacts oom)"
  found=$((crashes + timeouts + ooms))
  cov="$(stat_of "$log" cov)"; ft="$(stat_of "$log" ft)"; corp="$(stat_of "$log" corp)"; rss="$(stat_of "$log" rss)"
  eps=$(( runs / (took > 0 ? took : 1) ))
  nseeds="$(find "$seeds" -type f | wc -l)"
  total_execs=$((total_execs + runs)); total_found=$((total_found + found))
  summary+=("$(printf '%-15s %10s execs in %4ss (%6s/s), %3s seeds, corpus %5s, cov %5s, ft %6s, crashes %s, timeouts %s, ooms %s, exit %s' \
    "$t" "$runs" "$took" "$eps" "$nseeds" "${corp:-?}" "${cov:-?}" "${ft:-?}" "$crashes" "$timeouts" "$ooms" "$status")")
  rows+=("$(printf '{"target":"%s","seconds":%s,"execs":%s,"execsPerSecond":%s,"seeds":%s,"corpus":%s,"cov":%s,"ft":%s,"rssMb":%s,"crashes":%s,"timeouts":%s,"ooms":%s,"exit":%s}' \
    "$t" "$took" "$runs" "$eps" "$nseeds" "${corp:-0}" "${cov:-0}" "${ft:-0}" "${rss:-0}" "$crashes" "$timeouts" "$ooms" "$status")")
  if [ "$status" -ne 0 ] || [ "$found" -ne 0 ]; then
    failed=1
    grep -m3 -E 'panicked at|ERROR: libFuzzer|SUMMARY|ALARM|out-of-memory' "$log" | sed "s/^/  $t: /" || true
  fi
done

mkdir -p target/reports
report=target/reports/reliability-fuzz.json
{ printf '{"date":"%s","seconds":%s,"sanitizer":"%s","build":"%s","toolchain":"%s","totalExecs":%s,"crashes":%s,"targets":[\n' \
    "$(date -u +%Y-%m-%dT%H:%MZ)" "$seconds" "$sanitizer" "$build" "$toolchain_name" "$total_execs" "$total_found"
  (IFS=$'\n'; printf '%s' "${rows[*]}" | sed '$!s/$/,/'); printf '\n]}\n'; } > "$report"
[ -n "${FUZZ_RECORD:-}" ] && cp "$report" "$FUZZ_RECORD"

echo "== fuzz summary ($build, sanitizer $sanitizer, $toolchain_name): $total_execs execs, $total_found crashes/timeouts/ooms"
printf '%s\n' "${summary[@]}"
if [ "$failed" -ne 0 ]; then
  echo "crash inputs are in fuzz/artifacts/<target>/; reproduce with: cargo ${toolchain[*]} fuzz run ${build_flags[*]} -s $sanitizer <target> <file>"
  exit 1
fi
