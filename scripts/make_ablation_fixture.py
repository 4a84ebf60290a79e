#!/usr/bin/env python3
"""Writes Tests/AblationKitTests/Fixtures/pytorch_adam_steps.json: the Figure 6 miniature
built in PyTorch, one batch, five Adam steps, and every parameter before and after.

    pip install torch   # never in CI; the fixture is committed
    python3 scripts/make_ablation_fixture.py

The network mirrors AblationKit's InvertedResidualNet layer for layer and names each tensor
as it does: stem, then per block expand (Linear, BatchNorm1d, ReLU6), depthwise (a
per-channel scale and shift, then ReLU6) and project (Linear, BatchNorm1d, then linear or
ReLU6), a shortcut on every block but the first of each stage, and a Linear classifier.
The first step's gradient is written too: a parameter the loss does not depend on (a
BatchNorm beta whose output only reaches another BatchNorm) has a gradient of rounding noise,
which Adam turns into a full step of either sign, so the test compares the others.
Three variants are written: bottleneck shortcuts with a ReLU6 projection, expansion
shortcuts with a linear one, and no shortcuts. The Swift test loads the initial weights,
runs the same five steps and holds every parameter, running statistic and loss to 1e-5.
"""

import json
import pathlib

import torch
from torch import nn

torch.set_default_dtype(torch.float32)


class Scale(nn.Module):
    """The depthwise 3x3 on a single point: a per-channel factor and shift."""

    def __init__(self, channels):
        super().__init__()
        self.factor = nn.Parameter(torch.ones(channels))
        self.shift = nn.Parameter(torch.zeros(channels))

    def forward(self, x):
        return x * self.factor + self.shift


class Unit(nn.Module):
    def __init__(self, inputs, outputs, relu6):
        super().__init__()
        self.linear = nn.Linear(inputs, outputs, bias=False)  # BatchNorm's beta is the bias
        self.bn = nn.BatchNorm1d(outputs, eps=1e-5, momentum=0.1)
        self.relu6 = relu6

    def forward(self, x):
        y = self.bn(self.linear(x))
        return nn.functional.relu6(y) if self.relu6 else y


class MiniNet(nn.Module):
    def __init__(self, d, t, stages, blocks, projection, shortcut):
        super().__init__()
        self.d, self.t, self.blocks_per_stage, self.shortcut = d, t, blocks, shortcut
        relu6 = projection == "relu6"
        h = d * t
        self.units = nn.ModuleDict()
        self.scales = nn.ModuleDict()
        self.names = []  # (swift name, tensor) in AblationKit's order
        self.add_unit("stem", 2, d, False)
        count = stages * blocks
        if shortcut in ("bottlenecks", "none"):
            for b in range(count):
                self.add_unit(f"block{b}.expand", d, h, True)
                self.add_scale(f"block{b}.depthwise", h)
                self.add_unit(f"block{b}.project", h, d, relu6)
        else:
            self.add_unit("enter", d, h, True)
            for b in range(count):
                self.add_unit(f"block{b}.project", h, d, relu6)
                self.add_unit(f"block{b}.expand", d, h, True)
                self.add_scale(f"block{b}.depthwise", h)
            self.add_unit("leave", h, d, False)
        self.classifier = nn.Linear(d, 2)
        self.names += [("classifier.weight", self.classifier.weight), ("classifier.bias", self.classifier.bias)]
        self.count = count

    def add_unit(self, name, inputs, outputs, relu6):
        unit = Unit(inputs, outputs, relu6)
        self.units[name.replace(".", "_")] = unit
        self.names += [(f"{name}.weight", unit.linear.weight),
                       (f"{name}.bn.weight", unit.bn.weight), (f"{name}.bn.bias", unit.bn.bias)]

    def add_scale(self, name, channels):
        scale = Scale(channels)
        self.scales[name.replace(".", "_")] = scale
        self.names += [(f"{name}.factor", scale.factor), (f"{name}.shift", scale.shift)]

    def unit(self, name):
        return self.units[name.replace(".", "_")]

    def has_shortcut(self, b):
        return self.shortcut != "none" and b % self.blocks_per_stage != 0

    def forward(self, x):
        stream = self.unit("stem")(x)
        if self.shortcut in ("bottlenecks", "none"):
            for b in range(self.count):
                e = self.unit(f"block{b}.expand")(stream)
                dw = nn.functional.relu6(self.scales[f"block{b}_depthwise"](e))
                p = self.unit(f"block{b}.project")(dw)
                stream = p + stream if self.has_shortcut(b) else p
        else:
            stream = self.unit("enter")(stream)
            for b in range(self.count):
                p = self.unit(f"block{b}.project")(stream)
                e = self.unit(f"block{b}.expand")(p)
                dw = nn.functional.relu6(self.scales[f"block{b}_depthwise"](e))
                stream = dw + stream if self.has_shortcut(b) else dw
            stream = self.unit("leave")(stream)
        return self.classifier(stream)

    def flat(self):
        return [v for _, tensor in self.names for v in tensor.detach().reshape(-1).tolist()]

    def running(self):
        """Means then variances of each BatchNorm, in AblationKit's order."""
        values = []
        for name, tensor in self.names:
            if name.endswith(".bn.weight"):
                unit = self.unit(name[: -len(".bn.weight")])
                values += unit.bn.running_mean.tolist() + unit.bn.running_var.tolist()
        return values


def variant(d, t, stages, blocks, projection, shortcut, seed):
    torch.manual_seed(seed)
    net = MiniNet(d, t, stages, blocks, projection, shortcut)
    # Start away from the identity so every path's gradient is exercised.
    with torch.no_grad():
        for name, tensor in net.names:
            if name.endswith((".bn.weight", ".factor")):
                tensor.uniform_(0.5, 1.5)
            elif name.endswith((".bn.bias", ".shift")):
                tensor.uniform_(-0.3, 0.3)
    initial = net.flat()
    x = torch.randn(16, 2)
    labels = torch.randint(0, 2, (16,))
    optimiser = torch.optim.Adam(net.parameters(), lr=0.01, betas=(0.9, 0.999), eps=1e-8, foreach=False)
    net.train()
    losses = []
    first_gradient = None
    for _ in range(5):
        optimiser.zero_grad()
        loss = nn.functional.cross_entropy(net(x), labels)
        loss.backward()
        if first_gradient is None:
            first_gradient = [v for _, tensor in net.names for v in tensor.grad.reshape(-1).tolist()]
        optimiser.step()
        losses.append(loss.item())
    return {
        "spec": {"width": d, "expansion": t, "stages": stages, "blocks_per_stage": blocks,
                 "projection": projection, "shortcut": shortcut},
        "names": [name for name, _ in net.names],
        "initial": initial,
        "x": x[:, 0].tolist(), "y": x[:, 1].tolist(), "labels": labels.tolist(),
        "losses": losses,
        "first_gradient": first_gradient,
        "final": net.flat(),
        "running": net.running(),
    }


def main():
    fixture = {
        "generator": f"scripts/make_ablation_fixture.py, torch {torch.__version__}",
        "optimiser": "Adam lr 0.01 betas (0.9, 0.999) eps 1e-8, five steps on one batch of 16",
        "variants": [
            variant(3, 4, 2, 2, "relu6", "bottlenecks", 1),
            variant(2, 3, 2, 2, "linear", "expansions", 2),
            variant(3, 2, 1, 3, "linear", "none", 3),
        ],
    }
    path = pathlib.Path(__file__).resolve().parent.parent / "Tests/AblationKitTests/Fixtures/pytorch_adam_steps.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(fixture, indent=1) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
