#!/usr/bin/env python3
"""Regenerates the table of Figure 6 verdicts over stopping steps in docs/ablation.md.

Trains the board of `mnv2 ablation --compare both` at each stopping step below (about 15 s
each on two cores) and writes, between the markers in docs/ablation.md, each comparison's
paired difference and interval and its verdict. Exits 1 when the table changed, so a run
after a change to the training or the statistics shows the drift; read it, then commit.

  python3 scripts/verdict-stability.py [path/to/mnv2]
"""
import json
import pathlib
import subprocess
import sys
import tempfile

STEPS = [1300, 1400, 1450, 1500, 1550, 1600, 1700]
ROOT = pathlib.Path(__file__).resolve().parent.parent
DOC = ROOT / "docs/ablation.md"
BEGIN = "<!-- verdicts over stopping steps: scripts/verdict-stability.py -->"
END = "<!-- end of verdicts -->"
WORD = {"paper-ahead": "paper ahead", "other-ahead": "**other ahead**", "within-uncertainty": "within"}


def comparison_name(c):
    if c["paper"].startswith("linear") and c["other"].startswith("relu6"):
        return f"6a d = {c['d']}: linear − ReLU6"
    other = c["other"].split("shortcuts: ")[1]
    return f"6b d = {c['d']}: bottlenecks − {other}"


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / ".build/release/mnv2")
    columns = {}
    with tempfile.TemporaryDirectory() as cache:
        for steps in STEPS:
            out = subprocess.run(
                [binary, "ablation", "--compare", "both", "--steps", str(steps), "--format", "json"],
                check=True, capture_output=True, text=True, env={"XDG_CACHE_HOME": cache, "LANG": "C.UTF-8"})
            document = json.loads(out.stdout)
            for c in document["comparisons"]:
                low, high = c["difference_ci95"]
                cell = f"{100 * c['difference']:+.1f} ({100 * low:+.1f} to {100 * high:+.1f}) {WORD[c['outcome']]}"
                columns.setdefault(comparison_name(c), []).append(cell.replace("-", "−"))
    header = "| comparison | " + " | ".join(f"{s} steps" for s in STEPS) + " |"
    rule = "|---" * (len(STEPS) + 1) + "|"
    rows = [f"| {name} | " + " | ".join(cells) + " |" for name, cells in columns.items()]
    table = "\n".join([header, rule] + rows)
    text = DOC.read_text()
    start = text.index(BEGIN) + len(BEGIN)
    end = text.index(END)
    new = text[:start] + "\n" + table + "\n" + text[end:]
    if new != text:
        DOC.write_text(new)
        print("docs/ablation.md: the verdict table changed; read it before committing")
        sys.exit(1)
    print("docs/ablation.md: the verdict table is current")


if __name__ == "__main__":
    main()
