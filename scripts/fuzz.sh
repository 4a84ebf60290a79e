#!/usr/bin/env bash
# Runs one coverage-guided fuzz target with libFuzzer: scripts/fuzz.sh TARGET SECONDS
#
#   TARGET   architecture | lesson | keys
#   SECONDS  how long to fuzz (the closing notes report 600 per target)
#
# Builds mnv2-fuzz with -sanitize=fuzzer,address into .build-fuzz, starts from the committed
# seed corpus in Fuzz/corpus/TARGET with the dictionary Fuzz/TARGET.dict, and keeps what it
# learns in .build-fuzz/corpus/TARGET (not committed). A crash is written to
# .build-fuzz/crashes/TARGET/; replay it with
#   swift run mnv2-fuzz TARGET .build-fuzz/crashes/TARGET/crash-…
# and commit it to Fuzz/corpus/TARGET once fixed, so CI replays it for good.
# Not part of CI: CI only replays the committed corpus (FuzzCorpusTests).
set -euo pipefail
cd "$(dirname "$0")/.."

target=${1:?usage: scripts/fuzz.sh architecture|lesson|keys SECONDS}
seconds=${2:?usage: scripts/fuzz.sh TARGET SECONDS}
case $target in architecture | lesson | keys) ;; *)
  echo "fuzz.sh: unknown target '$target' (architecture, lesson or keys)" >&2
  exit 64
  ;;
esac

swift build -c release --scratch-path .build-fuzz --product mnv2-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING >&2
binary=$(swift build -c release --scratch-path .build-fuzz --product mnv2-fuzz --show-bin-path)/mnv2-fuzz

work=.build-fuzz/corpus/$target
crashes=.build-fuzz/crashes/$target
mkdir -p "$work" "$crashes"
# Swift's backtracer would read freed memory under ASan after a trap; libFuzzer reports it.
SWIFT_BACKTRACE=enable=no MNV2_FUZZ_TARGET=$target "$binary" "$work" "Fuzz/corpus/$target" \
  -dict="Fuzz/$target.dict" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
  -artifact_prefix="$crashes/" -print_final_stats=1
