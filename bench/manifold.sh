#!/usr/bin/env bash
# Runs the Swift engine benchmark and the NumPy script on the same machine, one after the
# other, and prints the ratio of their totals. Needs python3 with numpy.
#   bash bench/manifold.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product mnv2-bench >/dev/null
swift_out=$(./.build/release/mnv2-bench all)
numpy_out=$(python3 bench/manifold_numpy.py)
echo "$swift_out"
echo "$numpy_out"
swift_total=$(echo "$swift_out" | awk '/manifold all n/ {for (i = 1; i <= NF; i++) if ($i == "total") print $(i + 1)}')
numpy_total=$(echo "$numpy_out" | awk '/manifold all n/ {for (i = 1; i <= NF; i++) if ($i == "total") print $(i + 1)}')
python3 -c "print(f'speed-up over NumPy: {float($numpy_total) / float($swift_total):.1f}x  ($numpy_total ms / $swift_total ms)')"
