#!/usr/bin/env python3
"""Writes Tests/MobileNetKitTests/Fixtures/torchvision_mobilenet_v2.json.

An independent reference for mnv2's cost model: torchvision builds each variant, a real
forward pass on a zero image records every Conv2d/Linear/BatchNorm output shape, and MAdds
come from two places that share no code with mnv2:
  * torch.utils.flop_counter.FlopCounterMode (FLOPs; MAdds = FLOPs / 2), and
  * per-module hooks (output elements x in_channels/groups x kh x kw for convolutions).
Params are torch's own numel() counts, split into weights, biases, BN affine and BN buffers.

Not run in CI (PyTorch is several GB). To regenerate:
  python3 -m venv /tmp/tv && /tmp/tv/bin/pip install torch torchvision
  /tmp/tv/bin/python scripts/make_torchvision_fixture.py
"""
import json
import pathlib

import torch

# Some torch/torchvision wheel pairs on PyPI fail to register torchvision's C++ detection
# ops (nms); MobileNetV2 needs none of them, so tolerate that failure.
_register_fake = torch.library.register_fake


def _tolerant_register_fake(op, *args, **kwargs):
    def decorate(function):
        try:
            return _register_fake(op, *args, **kwargs)(function)
        except Exception:
            return function

    return decorate


torch.library.register_fake = _tolerant_register_fake
import torchvision  # noqa: E402
from torch.utils.flop_counter import FlopCounterMode  # noqa: E402

VARIANTS = [(0.35, 96), (0.5, 160), (0.75, 128), (1.0, 224), (1.0, 193), (1.4, 224)]


def describe(width, resolution):
    model = torchvision.models.mobilenet_v2(width_mult=width, num_classes=1000).eval()
    layers = []

    def hook(module, inputs, output):
        x = inputs[0]
        if isinstance(module, torch.nn.Conv2d):
            n, c, h, w = x.shape
            _, oc, oh, ow = output.shape
            kh, kw = module.kernel_size
            macs = oh * ow * oc * (c // module.groups) * kh * kw
            layers.append({
                "module": module._fqn,
                "type": "conv",
                "input": [h, w, c],
                "output": [oh, ow, oc],
                "kernel": kh,
                "stride": module.stride[0],
                "groups": module.groups,
                "macs": macs,
                "weights": module.weight.numel(),
                "biases": 0 if module.bias is None else module.bias.numel(),
            })
        elif isinstance(module, torch.nn.BatchNorm2d):
            layers[-1]["bn_affine"] = module.weight.numel() + module.bias.numel()
            layers[-1]["bn_running"] = module.running_mean.numel() + module.running_var.numel()
        elif isinstance(module, torch.nn.Linear):
            layers.append({
                "module": module._fqn,
                "type": "linear",
                "input": [1, 1, module.in_features],
                "output": [1, 1, module.out_features],
                "macs": module.in_features * module.out_features,
                "weights": module.weight.numel(),
                "biases": module.bias.numel(),
            })

    for name, module in model.named_modules():
        module._fqn = name
        if isinstance(module, (torch.nn.Conv2d, torch.nn.BatchNorm2d, torch.nn.Linear)):
            module.register_forward_hook(hook)

    image = torch.zeros(1, 3, resolution, resolution)
    with torch.no_grad(), FlopCounterMode(display=False) as counter:
        model(image)
    flops = counter.get_total_flops()
    return {
        "width": width,
        "resolution": resolution,
        "classes": 1000,
        "params": sum(p.numel() for p in model.parameters()),
        "buffers_bn_running": sum(
            m.running_mean.numel() + m.running_var.numel()
            for m in model.modules() if isinstance(m, torch.nn.BatchNorm2d)),
        "flop_counter_flops": flops,
        "flop_counter_macs": flops // 2,
        "layers": layers,
    }


def main():
    out = pathlib.Path(__file__).resolve().parent.parent / "Tests/MobileNetKitTests/Fixtures/torchvision_mobilenet_v2.json"
    document = {
        "generator": "scripts/make_torchvision_fixture.py",
        "torch": torch.__version__,
        "torchvision": torchvision.__version__,
        "variants": [describe(w, r) for w, r in VARIANTS],
    }
    out.write_text(json.dumps(document, indent=1) + "\n")
    for v in document["variants"]:
        print(v["width"], v["resolution"], v["params"], v["flop_counter_macs"], len(v["layers"]))


if __name__ == "__main__":
    main()
