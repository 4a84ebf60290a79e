#!/usr/bin/env python3
"""Times one training step of the Figure 6 miniature in PyTorch, on the CPU, one thread:
the same network as AblationKit's (scripts/make_ablation_fixture.py builds it), a batch of
128, forward, cross-entropy, backward and an Adam step. Compare with
`swift run -c release mnv2-bench ablation`. Never run in CI.

    python3 scripts/bench_ablation_pytorch.py
"""

import importlib.util
import pathlib
import time

import torch
from torch import nn

spec = importlib.util.spec_from_file_location(
    "fixture", pathlib.Path(__file__).resolve().parent / "make_ablation_fixture.py")
fixture = importlib.util.module_from_spec(spec)
spec.loader.exec_module(fixture)

torch.set_num_threads(1)
torch.manual_seed(1)
for d in (2, 3, 4, 8):
    net = fixture.MiniNet(d, 6, 3, 2, "linear", "bottlenecks")
    optimiser = torch.optim.Adam(net.parameters(), lr=0.01, foreach=False)
    x = torch.randn(128, 2)
    labels = torch.randint(0, 2, (128,))
    net.train()

    def step():
        optimiser.zero_grad()
        nn.functional.cross_entropy(net(x), labels).backward()
        optimiser.step()

    for _ in range(50):
        step()
    samples = []
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(100):
            step()
        samples.append((time.perf_counter() - started) / 100)
    samples.sort()
    print(f"pytorch step  d={d} batch=128  median {samples[2] * 1e6:.1f} µs per step (torch {torch.__version__}, 1 thread)")
