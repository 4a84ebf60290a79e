#!/usr/bin/env python3
"""Writes Tests/AblationKitTests/Fixtures/student_t_975.csv: scipy's 0.975 quantile of
Student's t for degrees of freedom from 1 to 1000, the range Figure 6's Welch intervals
reach (with --seeds 2 to 4 Welch's ν lands between 1 and 6, often at fractions).

    pip install scipy   # never in CI; the fixture is committed
    python3 scripts/make_student_t_fixture.py

The grid is dense where the quantile bends (steps of 0.05 from 1 to 3, 0.1 to 10, whole
numbers to 120), then sparser to 1000, plus the values the old table's interpolation got
most wrong (ν = 1.3 and 2.4). Each quantile is written with 12 significant digits.
"""

import os

import numpy as np
from scipy import stats

grid = set()
grid.update(np.round(np.arange(1.0, 3.0, 0.05), 2))
grid.update(np.round(np.arange(3.0, 10.0, 0.1), 1))
grid.update(float(n) for n in range(10, 121))
grid.update(float(n) for n in range(125, 1001, 25))
grid.update([1.3, 2.4, 1.2345, 3.75, 999.5, 1000.0])

out = os.path.join(os.path.dirname(__file__), "..", "Tests", "AblationKitTests", "Fixtures",
                   "student_t_975.csv")
with open(out, "w") as f:
    f.write(f"# scipy {__import__('scipy').__version__} stats.t.ppf(0.975, nu); made by scripts/make_student_t_fixture.py\n")
    f.write("nu,t975\n")
    for nu in sorted(grid):
        f.write(f"{float(nu)!r},{stats.t.ppf(0.975, nu):.12g}\n")
print(f"wrote {len(grid)} rows to {os.path.normpath(out)}")
