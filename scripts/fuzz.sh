#!/usr/bin/env bash
# Runs the fuzz targets of tests/fuzz_targets.rs (property tests: cargo-fuzz
# needs a nightly toolchain) for a long time each, concurrently, with
# overflow checks and debug assertions on in an optimised build.
#
#   scripts/fuzz.sh                      # loader, segment, figures: 600 s each
#   FUZZ_SECONDS=60 scripts/fuzz.sh segment
#
# Prints, per target, the executions and whether it failed. A failing input
# is shrunk and written to $FUZZ_OUT/crashes/; copy it into
# tests/fuzz_corpus/<target>/ (as the raw text, not the Debug form) to keep
# it as a regression test. Logs stay in $FUZZ_OUT (default: a temp dir).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${FUZZ_SECONDS:-600}
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(loader segment figures)
out=${FUZZ_OUT:-$(mktemp -d -t crosscheck-fuzz.XXXXXX)}
mkdir -p "$out/crashes"

export CARGO_PROFILE_RELEASE_DEBUG_ASSERTIONS=true
export CARGO_PROFILE_RELEASE_OVERFLOW_CHECKS=true
bin=$(cargo test --release --target-dir target/fuzz --test fuzz_targets --no-run 2>&1 |
    grep -o 'target/fuzz/release/deps/fuzz_targets-[0-9a-f]*' | tail -1)
[ -x "$bin" ] || { echo "fuzz.sh: could not build the fuzz targets" >&2; exit 1; }

echo "fuzzing ${targets[*]} for ${secs}s each; logs in $out"
pids=()
for t in "${targets[@]}"; do
    FUZZ_SECONDS=$secs FUZZ_CRASH_DIR="$out/crashes" RUST_BACKTRACE=0 \
        "$bin" "fuzz_$t" --exact --nocapture >"$out/$t.log" 2>&1 &
    pids+=($!)
done
status=0
for i in "${!targets[@]}"; do
    t=${targets[$i]}
    if wait "${pids[$i]}"; then
        grep -h "^fuzz $t:" "$out/$t.log" || echo "fuzz $t: finished (no summary line)"
    else
        status=1
        echo "fuzz $t: FAILED, see $out/$t.log"
        grep -h -A3 "minimal input" "$out/$t.log" | head -5 || true
    fi
done
exit $status
