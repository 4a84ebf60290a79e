#!/usr/bin/env python3
"""Writes Tests/MobileNetKitTests/Fixtures/keras_mobilenet.json.

An independent reference for `--framework keras`: Keras 3 (on its torch backend, so no
TensorFlow is needed) builds keras.applications.MobileNetV2 and MobileNet (V1) at widths
whose channels Keras rounds differently from torchvision, and the script records, from
Keras's own model and nothing of mnv2's:
  * every Conv2D / DepthwiseConv2D output shape (H, W, C);
  * the model's count_params() (Keras counts BatchNorm moving mean/variance as
    non-trainable parameters) and its trainable and non-trainable split;
  * MAdds from Keras's layer shapes: output elements x (input channels / groups) x kh x kw
    for every convolution, and inputs x outputs for the classifier.

Not run in CI (PyTorch is several GB). To regenerate:
  python3 -m venv /tmp/keras && /tmp/keras/bin/pip install keras torch
  KERAS_BACKEND=torch /tmp/keras/bin/python scripts/make_keras_fixture.py
"""
import json
import os
import pathlib

os.environ.setdefault("KERAS_BACKEND", "torch")
import keras  # noqa: E402

# Odd widths where int(c*a) and make_divisible disagree, the paper's widths, and V1 widths
# whose channels are not multiples of 8.
# Odd resolutions too, where the frameworks pad differently: Keras's MobileNet (V1) pads a
# strided depthwise conv on one side only, so it gives floor(h/2) where "same" gives ceil(h/2).
V2_VARIANTS = [(0.14, 96), (0.28, 128), (0.35, 96), (0.42, 160), (0.56, 160), (0.84, 192), (1.0, 224),
               (1.12, 160), (1.49, 224), (1.67, 128), (2.23, 96),
               (1.0, 97), (0.35, 225), (0.75, 33), (1.4, 161), (0.5, 199)]
V1_VARIANTS = [(0.25, 128), (0.3, 160), (0.5, 160), (0.6, 192), (0.75, 224), (0.9, 128), (1.0, 224),
               (1.1, 96),
               (1.0, 97), (1.0, 225), (0.5, 33), (0.75, 161), (0.25, 199), (0.6, 101)]


def describe(model):
    layers = []
    madds = 0
    for layer in model.layers:
        kind = type(layer).__name__
        if kind not in ("Conv2D", "DepthwiseConv2D", "Dense"):
            continue
        out_shape = tuple(layer.output.shape[1:])
        in_shape = tuple(layer.input.shape[1:])
        if kind == "Dense":
            madds += in_shape[-1] * out_shape[-1]
        else:
            kh, kw = layer.kernel_size
            groups = in_shape[-1] if kind == "DepthwiseConv2D" else 1
            elements = out_shape[0] * out_shape[1] * out_shape[2]
            madds += elements * (in_shape[-1] // groups) * kh * kw
        layers.append({"name": layer.name, "type": kind, "output": list(out_shape),
                       "params": layer.count_params()})
    trainable = sum(int(v.numpy().size) for v in model.trainable_weights)
    non_trainable = sum(int(v.numpy().size) for v in model.non_trainable_weights)
    return {"layers": layers, "params": model.count_params(), "trainable": trainable,
            "non_trainable": non_trainable, "madds": madds}


def main():
    entries = []
    for alpha, size in V2_VARIANTS:
        model = keras.applications.MobileNetV2(input_shape=(size, size, 3), alpha=alpha, weights=None)
        entries.append({"model": "MobileNetV2", "alpha": alpha, "resolution": size, **describe(model)})
    for alpha, size in V1_VARIANTS:
        model = keras.applications.MobileNet(input_shape=(size, size, 3), alpha=alpha, weights=None)
        entries.append({"model": "MobileNet", "alpha": alpha, "resolution": size, **describe(model)})
    out = pathlib.Path(__file__).resolve().parent.parent / "Tests/MobileNetKitTests/Fixtures/keras_mobilenet.json"
    document = {"generator": "scripts/make_keras_fixture.py", "keras": keras.__version__,
                "backend": keras.backend.backend(), "variants": entries}
    out.write_text(json.dumps(document, indent=1) + "\n")
    print(f"wrote {out} ({len(entries)} variants)")


if __name__ == "__main__":
    main()
