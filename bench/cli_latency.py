#!/usr/bin/env python3
"""Times whole mnv2 processes, start to exit, as a user would feel them.

Usage: swift build -c release --static-swift-stdlib && python3 bench/cli_latency.py [--runs 50] [--binary PATH]
(--static-swift-stdlib matters: loading the shared Swift runtime and Foundation costs ~10 ms a start.)
Prints the median, p10 and p90 wall time of each command. Target (issue 2): median under
20 ms for `layers --format json` and `variants` on a 2-core machine.
"""
import argparse
import os
import statistics
import subprocess
import time

COMMANDS = [
    ["layers", "--format", "json"],
    ["variants"],
    ["variants", "--format", "json"],
    ["memory"],
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--binary", default=os.path.join(os.path.dirname(__file__), "..", ".build", "release", "mnv2"))
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    if not os.path.exists(binary):
        raise SystemExit(f"no binary at {binary}; run: swift build -c release --static-swift-stdlib")
    for command in COMMANDS:
        subprocess.run([binary, *command], stdout=subprocess.DEVNULL, check=True)  # warm the page cache
        samples = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run([binary, *command], stdout=subprocess.DEVNULL, check=True)
            samples.append((time.perf_counter() - start) * 1000)
        samples.sort()
        p10 = samples[len(samples) // 10]
        p90 = samples[(len(samples) * 9) // 10]
        print(f"mnv2 {' '.join(command):28s} median {statistics.median(samples):6.2f} ms"
              f"  p10 {p10:6.2f}  p90 {p90:6.2f}  ({args.runs} runs)")


if __name__ == "__main__":
    main()
