#!/bin/sh
# Builds the libFuzzer targets of Tests/Fuzz (address sanitizer + coverage, libFuzzer without its own main)
# and runs each for FUZZ_SECONDS (default 600), two at a time. Seeds: Tests/Fuzz/Corpus/<target> (committed);
# new inputs go to .build/fuzz/corpus/<target>, crashes to .build/fuzz/artifacts/ (turn each into a test).
set -eu
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-600}"
libfuzzer="$(ls "$(dirname "$(dirname "$(command -v swiftc)")")"/lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a | head -n 1)"
(cd Tests/Fuzz && swift build -c release -Xswiftc -sanitize=address \
  -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp \
  -Xlinker "$libfuzzer" -Xlinker -lstdc++)
mkdir -p .build/fuzz/artifacts
run() {
  mkdir -p ".build/fuzz/corpus/$1"
  Tests/Fuzz/.build/release/"$1" -max_total_time="$seconds" -rss_limit_mb=4096 -print_final_stats=1 \
    -artifact_prefix=".build/fuzz/artifacts/$1-" ".build/fuzz/corpus/$1" "Tests/Fuzz/Corpus/$1" > ".build/fuzz/$1.log" 2>&1
  echo "$1: $(grep -E '^stat::number_of_executed_units|^Done' ".build/fuzz/$1.log" | tr '\n' ' ')"
}
run FuzzPlanFile & run FuzzCitations & wait
run FuzzSlug & run FuzzSearchFolding & wait
ls .build/fuzz/artifacts
