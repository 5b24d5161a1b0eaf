#!/usr/bin/env bash
# Builds one fuzz target and runs it for a fixed time on its seed corpus; exits non-zero on a crash, a panic, a leak
# or a hang. Usage: run.sh TARGET SECONDS [extra libFuzzer flags...]     (TARGET: a file name in fuzz_targets/)
#
# Why no cargo-fuzz and no nightly: libfuzzer-sys only needs the code to be instrumented with SanitizerCoverage, and
# rustc's stable `-Cpasses=sancov-module` + `-Cllvm-args=-sanitizer-coverage-*` flags do exactly what
# `cargo fuzz build -s none` does. Nightly would only add AddressSanitizer, which safe Rust does not need (the C in
# the build, SQLite, is not instrumented either way). So plain cargo on stable gives coverage-guided fuzzing.
#
# The build goes to $CARGO_TARGET_DIR/fuzz (or <repo>/target/fuzz) so CI reuses it. `--target` is explicit so the
# flags reach only the target's code, not build scripts or proc macros (which would not link without libFuzzer).
# libFuzzer writes the inputs it finds to the first corpus directory: that is a temporary copy of the seeds (or
# $UNISSON_FUZZ_CORPUS, kept between runs to grow it over time), never the git tree. A crashing input is kept under
# <target dir>/fuzz/artifacts/TARGET/.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
TARGET=${1:?usage: run.sh TARGET SECONDS [libFuzzer flags...]}
SECONDS_BUDGET=${2:?usage: run.sh TARGET SECONDS [libFuzzer flags...]}
shift 2

if [ ! -f "$HERE/fuzz_targets/$TARGET.rs" ]; then
  echo "run.sh: no fuzz target '$TARGET' (the targets are $HERE/fuzz_targets/*.rs)" >&2
  exit 2
fi
# Seeds: the CSV import fixtures for the CSV target (one set of files for tests and fuzzing), corpus/TARGET otherwise.
SEEDS="$HERE/corpus/$TARGET"
if [ "$TARGET" = import_csv ]; then SEEDS="$ROOT/tests/fixtures/csv"; fi

FUZZ_DIR=${CARGO_TARGET_DIR:-$ROOT/target}/fuzz
TRIPLE=$(rustc -vV | sed -n 's/^host: //p')
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
if ! cargo build --manifest-path "$HERE/Cargo.toml" --locked --release --target "$TRIPLE" --target-dir "$FUZZ_DIR" \
  --bin "$TARGET" --quiet; then
  echo "run.sh: the fuzz build of $TARGET failed. If cargo said the lock file needs updating, unisson-core's" \
    "dependencies changed: cp Cargo.lock src-tauri/core/fuzz/ && cargo metadata --manifest-path" \
    "src-tauri/core/fuzz/Cargo.toml >/dev/null, then commit src-tauri/core/fuzz/Cargo.lock (same versions as the app)." >&2
  exit 1
fi
BIN="$FUZZ_DIR/$TRIPLE/release/$TARGET"

if [ -n "${UNISSON_FUZZ_CORPUS:-}" ]; then
  CORPUS=$UNISSON_FUZZ_CORPUS
  mkdir -p "$CORPUS"
else
  CORPUS=$(mktemp -d "${TMPDIR:-/tmp}/unisson-fuzz-$TARGET.XXXXXX")
  trap 'rm -rf "$CORPUS"' EXIT
fi
for seed in "$SEEDS"/*; do
  [ -f "$seed" ] || continue
  if [ "$TARGET" = import_csv ]; then
    # The CSV target reads its options from the first byte: 0 = detect encoding and delimiter, default mapping, so
    # the seed's whole file is read the way a user's import is.
    { printf '\0'; cat "$seed"; } >"$CORPUS/seed-$(basename "$seed")"
  else
    cp "$seed" "$CORPUS/seed-$(basename "$seed")"
  fi
done

ARTIFACTS="$FUZZ_DIR/artifacts/$TARGET"
mkdir -p "$ARTIFACTS"
LOG=$(mktemp "${TMPDIR:-/tmp}/unisson-fuzz-$TARGET-log.XXXXXX")
status=0
"$BIN" "$CORPUS" -max_total_time="$SECONDS_BUDGET" -timeout=20 -print_final_stats=1 \
  -artifact_prefix="$ARTIFACTS/" "$@" 2>"$LOG" || status=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$LOG" | tail -n 1)
corpus_size=$(find "$CORPUS" -type f | wc -l)
if [ "$status" -ne 0 ]; then
  tail -n 60 "$LOG" >&2
  echo "fuzz $TARGET: FAILED (exit $status) after ${runs:-?} runs; the input is in $ARTIFACTS" >&2
  rm -f "$LOG"
  exit 1
fi
rm -f "$LOG"
echo "fuzz $TARGET: ${runs:-?} runs in ${SECONDS_BUDGET}s, no crash (corpus: $corpus_size inputs)"
