#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60): fuzz/run.sh 60 [target…]
#
# With a nightly toolchain: libFuzzer through `cargo fuzz` if installed, else the same build
# cargo-fuzz makes (sanitizer-coverage flags, nightly). Without nightly: the stable harness
# (tests/fuzz_stable.rs, seeded mutations) for the same time. Crashing inputs are kept in
# fuzz/artifacts/<target>/; add each, once fixed, to fuzz/regressions/<target>/.
set -euo pipefail
secs=${1:-60}
shift || true
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(rules facts_csv facts_xlsx facts_json)

if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    echo "no nightly toolchain: running the stable harness for ${secs}s per target" >&2
    cd "$root" && GUIZE_FUZZ_SECS="$secs" exec cargo test --release --test fuzz_stable -- --nocapture
fi

# Seed corpora from the repository's own inputs (and earlier crashes).
seed() {
    local t=$1 dir="$here/corpus/$1"
    mkdir -p "$dir" "$here/artifacts/$t"
    case $t in
    rules) find "$root/tests/cases" "$root/rulesets" -name '*.guize' -exec cp {} "$dir/" \; ;;
    facts_csv)
        local i=0 tables=(单位 人员 任职 事件 届次)
        for n in 0 1 2 3 4; do
            for f in "$root"/tests/cases/*/facts/"${tables[$n]}".csv "$root"/examples/demo/"${tables[$n]}".csv; do
                [ -f "$f" ] || continue
                { printf "\\x0$n"; cat "$f"; } > "$dir/seed-$i"; i=$((i + 1))
            done
        done ;;
    facts_xlsx) cp "$root/examples/demo.xlsx" "$dir/" ;;
    facts_json) find "$root/tests/cases" -name '*.json' -exec cp {} "$dir/" \; ;;
    esac
    if [ -d "$here/regressions/$t" ]; then cp "$here/regressions/$t"/* "$dir/" 2>/dev/null || true; fi
}

if cargo fuzz --version >/dev/null 2>&1; then
    cd "$root" # cargo-fuzz finds fuzz/ from the repository root
    for t in "${targets[@]}"; do
        seed "$t"
        cargo +nightly fuzz run "$t" "fuzz/corpus/$t" -- -max_total_time="$secs" ${FUZZ_ARGS:-} \
            -artifact_prefix="fuzz/artifacts/$t/"
    done
    exit 0
fi

cd "$here"
triple="$(rustc -vV | sed -n 's/^host: //p')"
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
cargo +nightly build --release --target "$triple" --bins
for t in "${targets[@]}"; do
    seed "$t"
    "target/$triple/release/$t" "corpus/$t" -max_total_time="$secs" -artifact_prefix="artifacts/$t/" \
        -print_final_stats=1
done
