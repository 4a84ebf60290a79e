#!/usr/bin/env python3
"""Writes Tests/InferenceTests/Fixtures/forward.json and forward.f32.

An independent reference for mnv2's forward pass. Each network is built by a framework
itself, never from mnv2's output:
  * torchvision's own mobilenet_v2 (width 0.35 at 96 px), PyTorch padding;
  * Keras's own MobileNetV2 (width 1.12 at 64 px, where Keras rounds channels its own way),
    TensorFlow "same" padding, BatchNorm epsilon 1e-3;
  * Keras's own MobileNet V1 (width 0.25 at 65 px: odd, so its pad-after-only strided
    depthwise conv gives other sizes and values than "same");
  * MobileNet V1 written out here in PyTorch (width 0.25 at 64 px, torchvision rounding).
Their weights come from mnv2's documented seeded generator (Inference/SeededWeights.swift),
re-implemented below from its description: SplitMix64, Marsaglia's polar method with the
same Horner logarithm, one stream per layer, He-normal fan-in convs, N(0, 0.01^2)
classifier, and BatchNorm statistics perturbed so that the folding is exercised. The input
is N(0, 1) from the stream 2^64 - 1.

The fixture holds each network's input, the output of every block, and the logits, as
little-endian float32 in forward.f32, indexed by forward.json.

Not run in CI (PyTorch and Keras are several GB). To regenerate:
  python3 -m venv /tmp/keras && /tmp/keras/bin/pip install torch torchvision keras
  /tmp/keras/bin/python scripts/make_forward_fixture.py
"""
import json
import math
import os
import pathlib
import struct

os.environ.setdefault("KERAS_BACKEND", "torch")
import numpy as np  # noqa: E402
import torch  # noqa: E402
import torchvision  # noqa: E402
import keras  # noqa: E402

MASK = (1 << 64) - 1
SEED = 7
OUT = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "InferenceTests" / "Fixtures"


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def unit(self):
        return ((self.next() >> 11) + 0.5) * 2.0**-53


def derived_seed(seed, stream):
    return SplitMix64(seed ^ ((stream * 0xD1B54A32D192ED03) & MASK)).next()


LN2 = 0.693147180559945309417232121458
ATANH = [1.0 / k for k in range(23, 0, -2)]


def polar_log(s):
    # DeterministicMath.logReduction: s = m * 2^e with m in [1, 2), halved above sqrt(2).
    mantissa, exponent = math.frexp(s)
    mantissa, exponent = mantissa * 2.0, float(exponent - 1)
    if mantissa > 1.4142135623730950488:
        mantissa *= 0.5
        exponent += 1
    t = (mantissa - 1) / (mantissa + 1)
    t2 = t * t
    total = 0.0
    for c in ATANH:
        total = total * t2 + c
    return 2 * t * total + exponent * LN2


class Polar:
    def __init__(self, seed):
        self.source = SplitMix64(seed)
        self.spare = None

    def next(self):
        if self.spare is not None:
            value, self.spare = self.spare, None
            return value
        while True:
            u = 2 * self.source.unit() - 1
            v = 2 * self.source.unit() - 1
            s = u * u + v * v
            if 0 < s < 1:
                break
        factor = math.sqrt(-2 * polar_log(s) / s)
        self.spare = v * factor
        return u * factor


def f32(values):
    return np.array(values, dtype=np.float64).astype(np.float32)


def conv_weights(index, outputs, inputs_per_group, k):
    """OIHW weights and perturbed BatchNorm (gamma, beta, mean, var) for layer `index`."""
    normal = Polar(derived_seed(SEED, index))
    deviation = math.sqrt(2.0 / (inputs_per_group * k * k))
    weight = f32([normal.next() * deviation for _ in range(outputs * inputs_per_group * k * k)])
    gamma, beta, mean, var = [], [], [], []
    for _ in range(outputs):
        gamma.append(1 + normal.next() / 5)
        beta.append(normal.next() / 5)
        mean.append(normal.next() / 5)
        z = normal.next()
        var.append(0.5 + z * z)
    return weight.reshape(outputs, inputs_per_group, k, k), [f32(v) for v in (gamma, beta, mean, var)]


def classifier_weights(index, inputs, classes):
    normal = Polar(derived_seed(SEED, index))
    return f32([normal.next() * 0.01 for _ in range(classes * inputs)]).reshape(classes, inputs)


def seeded_input(shape):
    normal = Polar(derived_seed(SEED, MASK))
    count = int(np.prod(shape))
    return f32([normal.next() for _ in range(count)]).reshape(shape)


class Blob:
    def __init__(self):
        self.chunks, self.offset = [], 0

    def add(self, array):
        flat = np.ascontiguousarray(array, dtype="<f4").ravel()
        entry = {"offset": self.offset, "count": int(flat.size)}
        self.chunks.append(flat.tobytes())
        self.offset += int(flat.size)
        return entry


def nhwc(tensor):
    return tensor.detach().numpy().transpose(0, 2, 3, 1)


def torchvision_v2(blob):
    width, resolution = 0.35, 96
    model = torchvision.models.mobilenet_v2(width_mult=width, num_classes=1000).eval()
    index = 0
    modules = list(model.features.modules())
    convs = [m for m in modules if isinstance(m, torch.nn.Conv2d)]
    norms = [m for m in modules if isinstance(m, torch.nn.BatchNorm2d)]
    with torch.no_grad():
        for conv, norm in zip(convs, norms):
            w, (g, b, mu, var) = conv_weights(
                index, conv.out_channels, conv.in_channels // conv.groups, conv.kernel_size[0])
            conv.weight.copy_(torch.from_numpy(w))
            norm.weight.copy_(torch.from_numpy(g))
            norm.bias.copy_(torch.from_numpy(b))
            norm.running_mean.copy_(torch.from_numpy(mu))
            norm.running_var.copy_(torch.from_numpy(var))
            index += 1
        linear = model.classifier[1]
        linear.weight.copy_(torch.from_numpy(classifier_weights(index + 1, linear.in_features, 1000)))
        linear.bias.zero_()
    x = seeded_input((1, resolution, resolution, 3))
    outputs = []
    h = torch.from_numpy(x.transpose(0, 3, 1, 2).copy())
    with torch.no_grad():
        for group, feature in enumerate(model.features):
            h = feature(h)
            outputs.append({"group": group, **blob.add(nhwc(h)), "shape": list(nhwc(h).shape[1:])})
        logits = model(torch.from_numpy(x.transpose(0, 3, 1, 2).copy()))
    return {
        "name": "torchvision mobilenet_v2 0.35 @ 96", "arch": "mobilenet-v2", "framework": "torchvision",
        "width": width, "resolution": resolution, "classes": 1000,
        "input": blob.add(x), "outputs": outputs, "logits": blob.add(logits.numpy()),
    }


def set_keras_weights(model, classes):
    """Our layer order is Keras's order of Conv2D / DepthwiseConv2D / Dense layers; the pool
    sits between the last conv and the classifier, so the classifier is one index later."""
    index = 0
    layers = model.layers
    for position, layer in enumerate(layers):
        is_classifier = layer.name == "conv_preds" or (
            layer.name == "predictions" and isinstance(layer, keras.layers.Dense))
        if isinstance(layer, keras.layers.DepthwiseConv2D):
            kernel = layer.kernel_size[0]
            channels = layer.get_weights()[0].shape[2]
            w, bn = conv_weights(index, channels, 1, kernel)
            layer.set_weights([w.reshape(channels, kernel, kernel).transpose(1, 2, 0)[..., None]])
        elif isinstance(layer, keras.layers.Conv2D) and not is_classifier:
            kh, _, cin, cout = layer.get_weights()[0].shape
            w, bn = conv_weights(index, cout, cin, kh)
            layer.set_weights([w.transpose(2, 3, 1, 0)])
        elif is_classifier:
            cin = layer.get_weights()[0].shape[-2]
            w = classifier_weights(index + 1, cin, classes)
            kernel = w.T if isinstance(layer, keras.layers.Dense) else w.T.reshape(1, 1, cin, classes)
            layer.set_weights([kernel, np.zeros(classes, dtype=np.float32)])
            continue
        else:
            continue
        norm = layers[position + 1]
        assert isinstance(norm, keras.layers.BatchNormalization), norm.name
        norm.set_weights(bn)
        index += 1


def keras_run(model, names, x, blob):
    probe = keras.Model(model.input, [model.get_layer(n).output for n in names])
    results = probe(x, training=False)
    outputs = []
    for group, (name, value) in enumerate(zip(names[:-1], results[:-1])):
        array = np.asarray(keras.ops.convert_to_numpy(value))
        outputs.append({"group": group, "layer": name, **blob.add(array), "shape": list(array.shape[1:])})
    logits = np.asarray(keras.ops.convert_to_numpy(results[-1])).reshape(1, -1)
    return outputs, blob.add(logits)


def keras_v2(blob):
    width, resolution = 1.12, 64
    model = keras.applications.MobileNetV2(
        input_shape=(resolution, resolution, 3), alpha=width, weights=None, classes=1000,
        classifier_activation=None)
    set_keras_weights(model, 1000)
    names = ["Conv1_relu", "expanded_conv_project_BN"]
    for block in range(1, 17):
        add = f"block_{block}_add"
        names.append(add if any(layer.name == add for layer in model.layers) else f"block_{block}_project_BN")
    names += ["out_relu", "predictions"]
    x = seeded_input((1, resolution, resolution, 3))
    outputs, logits = keras_run(model, names, x, blob)
    return {
        "name": "keras MobileNetV2 1.12 @ 64", "arch": "mobilenet-v2", "framework": "keras",
        "width": width, "resolution": resolution, "classes": 1000,
        "input": blob.add(x), "outputs": outputs, "logits": logits,
    }


def keras_v1(blob):
    width, resolution = 0.25, 65
    model = keras.applications.MobileNet(
        input_shape=(resolution, resolution, 3), alpha=width, weights=None, classes=1000,
        classifier_activation=None, dropout=0.0)
    set_keras_weights(model, 1000)
    names = ["conv1_relu"] + [f"conv_pw_{i}_relu" for i in range(1, 14)] + ["predictions"]
    x = seeded_input((1, resolution, resolution, 3))
    outputs, logits = keras_run(model, names, x, blob)
    return {
        "name": "keras MobileNet (V1) 0.25 @ 65", "arch": "mobilenet-v1", "framework": "keras",
        "width": width, "resolution": resolution, "classes": 1000,
        "input": blob.add(x), "outputs": outputs, "logits": logits,
    }


# MobileNet V1 (Howard et al. 2017, Table 1): stem conv 32 s2, then (channels, stride) per
# separable block; torchvision-style rounding make_divisible(c * width, 8).
V1_BLOCKS = [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2)] + [(512, 1)] * 5 + [(1024, 2), (1024, 1)]


def make_divisible(v, divisor=8):
    new = max(divisor, int(v + divisor / 2) // divisor * divisor)
    return new + divisor if new < 0.9 * v else new


def pytorch_v1(blob):
    width, resolution = 0.25, 64
    layers, index, groups = [], 0, []
    channels = make_divisible(32 * width)

    def unit(cin, cout, k, stride, group_count):
        nonlocal index
        conv = torch.nn.Conv2d(cin, cout, k, stride, k // 2, groups=group_count, bias=False)
        norm = torch.nn.BatchNorm2d(cout)
        w, (g, b, mu, var) = conv_weights(index, cout, cin // group_count, k)
        with torch.no_grad():
            conv.weight.copy_(torch.from_numpy(w))
            norm.weight.copy_(torch.from_numpy(g))
            norm.bias.copy_(torch.from_numpy(b))
            norm.running_mean.copy_(torch.from_numpy(mu))
            norm.running_var.copy_(torch.from_numpy(var))
        index += 1
        return [conv, norm, torch.nn.ReLU6()]

    groups.append(torch.nn.Sequential(*unit(3, channels, 3, 2, 1)))
    for c, stride in V1_BLOCKS:
        out = make_divisible(c * width)
        groups.append(torch.nn.Sequential(*unit(channels, channels, 3, stride, channels), *unit(channels, out, 1, 1, 1)))
        channels = out
    linear = torch.nn.Linear(channels, 1000)
    with torch.no_grad():
        linear.weight.copy_(torch.from_numpy(classifier_weights(index + 1, channels, 1000)))
        linear.bias.zero_()
    x = seeded_input((1, resolution, resolution, 3))
    h = torch.from_numpy(x.transpose(0, 3, 1, 2).copy())
    outputs = []
    with torch.no_grad():
        for group, module in enumerate(groups):
            module.eval()
            h = module(h)
            outputs.append({"group": group, **blob.add(nhwc(h)), "shape": list(nhwc(h).shape[1:])})
        logits = linear(h.mean(dim=(2, 3)))
    return {
        "name": "PyTorch MobileNet (V1) 0.25 @ 64", "arch": "mobilenet-v1", "framework": "torchvision",
        "width": width, "resolution": resolution, "classes": 1000,
        "input": blob.add(x), "outputs": outputs, "logits": blob.add(logits.numpy()),
    }


def main():
    torch.set_num_threads(1)
    blob = Blob()
    configs = [torchvision_v2(blob), keras_v2(blob), keras_v1(blob), pytorch_v1(blob)]
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "forward.f32").write_bytes(b"".join(blob.chunks))
    index = {
        "generator": "scripts/make_forward_fixture.py",
        "seed": SEED,
        "batch_norm": "perturbed",
        "torch": torch.__version__,
        "torchvision": torchvision.__version__,
        "keras": keras.__version__,
        "configs": configs,
    }
    (OUT / "forward.json").write_text(json.dumps(index, indent=1) + "\n")
    print(f"{blob.offset} floats, {blob.offset * 4 / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
