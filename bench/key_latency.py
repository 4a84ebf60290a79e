#!/usr/bin/env python3
"""Key-to-screen latency of the explorer under tmux, plus its idle CPU and memory.

Starts the release binary in a detached tmux session at 160x50, presses keys with
send-keys and polls capture-pane until the screen shows the key's effect. The figure
includes tmux's own round trip; the script measures that too (a capture with no key) so
the two can be compared. Target (issue 4): under 16 ms.

Usage: swift build -c release --static-swift-stdlib && python3 bench/key_latency.py [--presses 100]
"""
import argparse
import os
import statistics
import subprocess
import time

SOCKET = f"mnv2-latency-{os.getpid()}"


def tmux(*args, capture=False):
    result = subprocess.run(["tmux", "-L", SOCKET, *args], check=True,
                            stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, text=True)
    return result.stdout if capture else None


def screen():
    return tmux("capture-pane", "-p", "-t", "bench", capture=True)


def wait_for(text, timeout=5.0):
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if text in screen():
            return
    raise SystemExit(f"timed out waiting for {text!r}:\n{screen()}")


def timed_press(key, expected):
    start = time.perf_counter()
    tmux("send-keys", "-t", "bench", key)
    while expected not in screen():
        if time.perf_counter() - start > 5:
            raise SystemExit(f"no {expected!r} after {key}")
    return (time.perf_counter() - start) * 1000


def cpu_ticks(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def memory_kb(pid, key):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(key):
            return int(line.split()[1])
    return 0


def summary(name, samples):
    samples = sorted(samples)
    print(f"{name:42s} median {statistics.median(samples):6.2f} ms  p90 {samples[int(len(samples) * 0.9)]:6.2f} ms"
          f"  ({len(samples)} presses)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--presses", type=int, default=100)
    parser.add_argument("--binary", default=os.path.join(os.path.dirname(__file__), "..", ".build", "release", "mnv2"))
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    tmux("new-session", "-d", "-s", "bench", "-x", "160", "-y", "50",
         f"env TERM=screen-256color LANG=C.UTF-8 {binary}")
    try:
        wait_for("bottleneck linear")
        pid = int(subprocess.run(["pgrep", "-n", "-f", binary], stdout=subprocess.PIPE, text=True).stdout.split()[0])

        baseline = []
        for _ in range(args.presses):
            start = time.perf_counter()
            screen()
            baseline.append((time.perf_counter() - start) * 1000)
        summary("tmux capture-pane round trip (no key)", baseline)

        tmux("send-keys", "-t", "bench", "j")
        wait_for("─ b1 · bottleneck")
        moves = []
        for i in range(args.presses):
            key, target = ("j", "─ b2 · bottleneck") if i % 2 == 0 else ("k", "─ b1 · bottleneck")
            moves.append(timed_press(key, target))
        summary("j/k in the network view", moves)

        # The Block view of the widest blocks: the new block is drawn first, the lab after.
        for _ in range(14):
            tmux("send-keys", "-t", "bench", "j")
        tmux("send-keys", "-t", "bench", "Enter")
        wait_for("b15 · bottleneck")
        wait_for("projection linear")
        blocks = []
        for i in range(max(10, args.presses // 5)):
            key, target = ("j", "b16 · bottleneck") if i % 2 == 0 else ("k", "b15 · bottleneck")
            blocks.append(timed_press(key, target))
            wait_for("projection linear")  # let the lab finish before the next key
        summary("j/k in the Block view of b15/b16 (first draw)", blocks)

        tmux("send-keys", "-t", "bench", "m")
        wait_for("Figure 1")
        toggles = []
        for i in range(max(10, args.presses // 5)):
            target = "bottleneck ReLU6" if i % 2 == 0 else "bottleneck linear"
            toggles.append(timed_press("b", target))
        summary("b in the manifold view (reruns Figure 1)", toggles)

        before = cpu_ticks(pid)
        time.sleep(3)
        idle = cpu_ticks(pid) - before
        print(f"idle CPU over 3 s: {idle} clock ticks (1 tick = {1000 / os.sysconf('SC_CLK_TCK'):.0f} ms)")
        print(f"resident memory: {memory_kb(pid, 'VmRSS:') / 1024:.1f} MB now, "
              f"{memory_kb(pid, 'VmHWM:') / 1024:.1f} MB peak")
        tmux("send-keys", "-t", "bench", "q")
    finally:
        subprocess.run(["tmux", "-L", SOCKET, "kill-server"], stderr=subprocess.DEVNULL)


if __name__ == "__main__":
    main()
