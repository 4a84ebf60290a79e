#!/usr/bin/env python3
"""Soak test: hold the explorer open under tmux and hammer it.

    python3 scripts/soak.py [--seconds 600] [--keys 20000] [--seed 1] [--binary PATH]

For --seconds it sends --keys random keys (printable keys, tmux key names such as Up, PageDown
and F5, raw escape sequences, X10 and SGR mouse reports, bracketed paste, UTF-8), resizing the
window every 200 keys to a random size between 80x24 and 250x80. Never q, Ctrl-C, Ctrl-\\ or
Ctrl-Z: those end or stop the program, and have their own end-to-end tests.

It records the explorer's RSS every 10 s and, every 100 keys, the key-to-screen latency: with
the screen settled, it presses ? and times how long until tmux's copy of the screen changes
(this includes tmux's own parsing and one capture-pane, a few milliseconds).

Pass means: RSS stays within 10% of its value at the first minute, no probed key takes longer
than 50 ms to reach the screen, and after q the terminal is restored (main screen, cursor
shown, keypad off, stty icanon and echo). Not part of CI: a run takes ten minutes.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time

SOCKET = "mnv2-soak"
NAMED_KEYS = [
    "Up", "Down", "Left", "Right", "PageUp", "PageDown", "Home", "End", "Enter", "Escape", "Tab",
    "BTab", "BSpace", "IC", "DC", "Space",
] + [f"F{n}" for n in range(1, 13)]
PRINTABLE = [c for c in "abcdefghijklmnoprstuvwxyzABCDEFGHIJKLMNOPRSTUVWXYZ0123456789.,+-<>?/!@#$%^&*()[]{}'\";:"]
RAW_SEQUENCES = [
    "1b5b41", "1b4f42", "1b5b313b3543", "1b5b357e", "1b5b323030747e",  # arrows, Ctrl-Right, PgUp
    "1b5b4d202121", "1b5b4d232a2a", "1b5b3c303b31303b354d", "1b5b3c303b31303b356d",  # mouse
    "1b5b3230307e68656c6c6f1b5b3230317e",  # bracketed paste
    "1b5d303b7469746c6507", "1b5b3f313034396c", "1b5b393939393939393939", "1b1b1b",  # OSC, junk
    "c3a9", "e282ac", "f09f9880", "ff", "c0af", "7f", "08", "09", "0d",  # UTF-8, invalid, controls
]


def tmux(*arguments, check=True):
    result = subprocess.run(["tmux", "-L", SOCKET, *arguments], capture_output=True, text=True)
    if check and result.returncode != 0:
        raise RuntimeError(f"tmux {' '.join(arguments)}: {result.stderr.strip()}")
    return result.stdout


def screen():
    return tmux("capture-pane", "-p", "-t", "soak")


def settle(timeout=3.0):
    """Waits until two captures 100 ms apart agree (background work may still be drawing)."""
    deadline = time.monotonic() + timeout
    last = screen()
    while time.monotonic() < deadline:
        time.sleep(0.1)
        current = screen()
        if current == last:
            return current
        last = current
    return last


def probe():
    """Milliseconds from pressing ? to the screen changing, and the same to close it again."""
    times = []
    for _ in range(2):
        before = settle()
        started = time.monotonic()
        tmux("send-keys", "-t", "soak", "?")
        while screen() == before:
            if time.monotonic() - started > 5:
                raise RuntimeError("a key did not reach the screen within 5 s")
        times.append((time.monotonic() - started) * 1000)
    return times


def rss_kb(pid):
    result = subprocess.run(["ps", "-o", "rss=", "-p", str(pid)], capture_output=True, text=True)
    return int(result.stdout.strip() or 0)


def explorer_pid(shell_pid, timeout=5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = subprocess.run(["pgrep", "-P", str(shell_pid), "mnv2"], capture_output=True, text=True)
        if result.stdout.strip():
            return int(result.stdout.split()[0])
        time.sleep(0.05)
    raise RuntimeError("the explorer did not start")


def send_random_key(rng):
    kind = rng.random()
    if kind < 0.55:
        tmux("send-keys", "-t", "soak", "-l", rng.choice(PRINTABLE))
    elif kind < 0.85:
        tmux("send-keys", "-t", "soak", rng.choice(NAMED_KEYS))
    else:
        sequence = rng.choice(RAW_SEQUENCES)
        tmux("send-keys", "-t", "soak", "-H", *[sequence[i:i + 2] for i in range(0, len(sequence), 2)])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--keys", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--binary", default=os.environ.get("MNV2_BINARY", ".build/release/mnv2"))
    arguments = parser.parse_args()
    binary = os.path.abspath(arguments.binary)
    if not os.access(binary, os.X_OK):
        sys.exit(f"soak.py: no binary at {binary}; run swift build -c release first")

    rng = random.Random(arguments.seed)
    tmux("kill-server", check=False)
    tmux("new-session", "-d", "-s", "soak", "-x", "80", "-y", "24", "bash --norc")
    tmux("send-keys", "-t", "soak", "-l", f"env TERM=screen-256color LANG=C.UTF-8 {binary}; echo SOAK-EXIT=$?")
    tmux("send-keys", "-t", "soak", "Enter")
    pid = explorer_pid(int(tmux("display-message", "-p", "-t", "soak", "#{pane_pid}").strip()))
    settle()

    started = time.monotonic()
    rss = [(0.0, rss_kb(pid))]
    latencies = []
    sizes = set()
    interval = arguments.seconds / arguments.keys
    for index in range(1, arguments.keys + 1):
        send_random_key(rng)
        if index % 200 == 0:
            width, height = rng.randint(80, 250), rng.randint(24, 80)
            sizes.add((width, height))
            tmux("resize-window", "-t", "soak", "-x", str(width), "-y", str(height))
        if index % 100 == 0:
            latencies.extend(probe())
        elapsed = time.monotonic() - started
        if elapsed - rss[-1][0] >= 10:
            rss.append((elapsed, rss_kb(pid)))
            if rss[-1][1] == 0:
                raise RuntimeError(f"the explorer is gone after {index} keys:\n{screen()}")
        wait = index * interval - (time.monotonic() - started)
        if wait > 0:
            time.sleep(wait)
    duration = time.monotonic() - started

    settle()
    # q may first close the help or a prompt that the last keys opened; press until it quits.
    deadline = time.monotonic() + 10
    while "SOAK-EXIT=" not in screen() and time.monotonic() < deadline:
        tmux("send-keys", "-t", "soak", "Escape", "Escape", "q")
        time.sleep(0.5)
    exit_line = next((line for line in screen().splitlines() if line.startswith("SOAK-EXIT=")), "none")
    flags = tmux("display-message", "-p", "-t", "soak",
                 "#{alternate_on} #{cursor_flag} #{keypad_flag} #{keypad_cursor_flag}").strip()
    tmux("send-keys", "-t", "soak", "-l", "stty -a | grep -o -w -e -icanon -e icanon -e -echo -e echo | tr '\\n' ' '; echo STTY")
    tmux("send-keys", "-t", "soak", "Enter")
    time.sleep(0.5)
    stty = next((line for line in screen().splitlines() if line.endswith("STTY") and "grep" not in line), "")
    tmux("kill-server", check=False)

    after_minute = [kb for t, kb in rss if t >= 60] or [rss[-1][1]]
    baseline = after_minute[0]
    drift = max(abs(kb - baseline) for kb in after_minute) / baseline
    restored = exit_line == "SOAK-EXIT=0" and flags == "0 1 0 0" and "icanon" in stty.split() and "echo" in stty.split()
    report = {
        "keys": arguments.keys,
        "seconds": round(duration, 1),
        "seed": arguments.seed,
        "sizes": len(sizes),
        "rss_kb": [kb for _, kb in rss],
        "rss_after_first_minute_drift": round(drift, 4),
        "latency_ms": {
            "probes": len(latencies),
            "median": round(statistics.median(latencies), 1),
            "p95": round(sorted(latencies)[int(0.95 * (len(latencies) - 1))], 1),
            "max": round(max(latencies), 1),
        },
        "exit": exit_line,
        "tmux_flags_alternate_cursor_keypad_keys": flags,
        "stty": stty.replace("STTY", "").strip(),
        "pass": {"rss_flat": drift <= 0.10, "latency_under_50ms": max(latencies) <= 50, "restored": restored},
    }
    print(json.dumps(report, indent=2))
    sys.exit(0 if all(report["pass"].values()) else 1)


if __name__ == "__main__":
    main()
