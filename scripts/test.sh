#!/usr/bin/env bash
# THE test command: every test the project has, natively, in wasm (Node and
# headless Chromium) and in JS (npm package, edge worker, page).
#
# Runs every step even after a failure, so one run shows everything that is
# broken, then prints a summary and exits non-zero if anything failed.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# No telemetry, and no fetch of Cloudflare's Request.cf sample: stay local.
export WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false
# A full run builds every test binary once: incremental caches would only take disk (GBs) and time.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

LOGS="$(mktemp -d)"
trap 'rm -rf "$LOGS"' EXIT
steps=()
failed_steps=0
tests_passed=0
tests_failed=0

# Add up the counts from each runner's own closing lines: cargo and
# wasm-bindgen-test print "test result: ok. N passed; M failed", node's TAP
# reporter prints "# pass N" and "# fail N".
count_tests() {
    local log="$1" n
    while read -r n; do tests_passed=$((tests_passed + n)); done < <(
        sed -n -E 's/^test result: [a-zA-Z]+\. ([0-9]+) passed.*/\1/p; s/^# pass ([0-9]+)$/\1/p' "$log")
    while read -r n; do tests_failed=$((tests_failed + n)); done < <(
        sed -n -E 's/^test result: .* ([0-9]+) failed.*/\1/p; s/^# fail ([0-9]+)$/\1/p' "$log")
    # Python unittest: "Ran N tests", then "OK" or "FAILED (failures=F, errors=E)".
    read -r n f < <(awk '/^Ran [0-9]+ tests? in/ { ran += $2 }
        /^FAILED \(/ { while (match($0, /(failures|errors)=[0-9]+/)) {
            split(substr($0, RSTART, RLENGTH), kv, "="); bad += kv[2]; $0 = substr($0, RSTART + RLENGTH) } }
        END { print ran - bad, bad + 0 }' "$log")
    tests_passed=$((tests_passed + n))
    tests_failed=$((tests_failed + f))
}

# step NAME COMMAND...: run, show output live, record the outcome and time.
step() {
    local name="$1" start status log
    shift
    log="$LOGS/${#steps[@]}.log"
    printf '\n==> %s\n' "$name"
    start=$SECONDS
    "$@" 2>&1 | tee "$log"
    status=${PIPESTATUS[0]}
    count_tests "$log"
    if ((status == 0)); then
        steps+=("PASS  $name ($((SECONDS - start)) s)")
    else
        steps+=("FAIL  $name ($((SECONDS - start)) s, exit $status)")
        failed_steps=$((failed_steps + 1))
    fi
    return "$status"
}

node_tests() {
    local files=(tests/js/*.test.mjs)
    [[ -e "${files[0]}" ]] || { echo "no Node tests"; return 0; }
    node --test --test-reporter=tap tests/js/
}

# The synthetic CV generator (onnx/data) renders through LibreOffice and
# Chromium; its own setup installs them and its pinned Python packages.
data_tests() {
    bash onnx/data/setup.sh && (cd onnx/data && .venv/bin/python -m unittest discover -s tests)
}

retrain_tests() {
    bash onnx/train/setup.sh && onnx/train/.venv/bin/python -m unittest discover -s onnx/train/tests
}

step "setup" bash scripts/setup.sh || { echo "test: setup failed; nothing else can run" >&2; exit 1; }
# Layers stay layers: no module of the crate or the Python recipe needs a sibling that needs it
# back (how the check works: scripts/check_cycles.py). Standard-library Python only.
step "import cycle check: its tests" python3 -m unittest discover -s scripts -p 'test_*.py'
step "no import cycles (scripts/check_cycles.py)" python3 scripts/check_cycles.py
step "native tests (cargo test)" cargo test
step "build wasm package" bash scripts/build-wasm.sh
# The published module (embedded models included) must fit the 3 MiB gzip budget (the Workers free
# plan's limit): over it, this step fails the run; it also prints the breakdown by crate and records
# target/reports/size.json for the performance report.
step "wasm size within the 3 MB gzip budget" bash scripts/check-size.sh
# The runner (wasm-bindgen-test-runner, set in .cargo/config.toml) picks the
# environment: Node by default, Chromium through chromedriver when asked.
# Both run on the wasm-release profile and features the package is built with: they test the code
# that ships, and reuse what the build above compiled (tract is the slow part of CI).
step "wasm tests in Node" cargo test --profile wasm-release --target wasm32-unknown-unknown --no-default-features --test wasm
step "wasm tests in headless Chromium" \
    env WASM_BINDGEN_USE_BROWSER=1 cargo test --profile wasm-release --target wasm32-unknown-unknown --no-default-features --test wasm
step "Node tests (npm package, worker, page)" node_tests
step "synthetic data pipeline tests (onnx/data)" data_tests
# The retrain tool end to end on committed fixtures (featurize through the debug cvshield that
# `cargo test` built, one epoch, before/after table); needs the onnx/data venv set up above.
step "tagger retrain tool (onnx/train, smoke)" retrain_tests
# Reliability. The hostile corpus, leak and load tests run inside
# `cargo test` and the Node tests above; their figures land in
# target/reports/reliability-*.json. Here: the corpus must match its generator,
# and two fuzz targets run briefly (the fuzz build is a separate build of the
# crate, lightly optimised here to keep CI short; CVSHIELD_SKIP_FUZZ=1 skips it).
step "hostile corpus matches make.py" python3 tests/fixtures/hostile/make.py --check
if [[ "${CVSHIELD_SKIP_FUZZ:-0}" != 1 ]]; then
    step "fuzz briefly (fuzz_extract, fuzz_parse: 5 s each)" env FUZZ_BUILD=dev FUZZ_TARGETS="fuzz_extract fuzz_parse" bash scripts/fuzz.sh 5
fi

printf '\n==> summary\n'
# Disk is finite on CI: show what the run left, so a full disk is visible before it breaks a build.
printf '  disk: target %s, fuzz/target %s; %s free\n' "$(du -sh target 2>/dev/null | cut -f1)" \
    "$(du -sh fuzz/target 2>/dev/null | cut -f1)" "$(df -h --output=avail . | tail -1 | tr -d ' ')"
printf '  %s\n' "${steps[@]}"
if ((tests_failed == 0 && failed_steps > 0)); then
    echo "  (a step failed before running its tests)"
fi
echo "tests: $tests_passed passed, $tests_failed failed"
((failed_steps == 0))
