#!/usr/bin/env python3
"""mnv2's forward pass against PyTorch eager and onnxruntime, interleaved in one run.

MobileNetV2 1.0 at 224, batch 1, float32, inference (BatchNorm folded by mnv2 and by
onnxruntime's graph optimiser; PyTorch eager runs conv + BN as separate ops, as eager does).
Each round runs the three engines one after the other at each thread count, each reporting
the median of 50 passes after 10 warm-up passes; rounds alternate the order. A loaded VM
drifts by 2x, so the figures to compare are the per-round ratios, summarised by their
median over rounds.

  swift build -c release --product mnv2-bench
  /tmp/keras/bin/pip install torch torchvision onnxruntime onnx
  /tmp/keras/bin/python bench/forward_vs_frameworks.py [--rounds 5]

Not run in CI.
"""
import argparse
import re
import statistics
import subprocess
import tempfile
import time

import numpy as np
import torch
import torchvision
import onnxruntime

RUNS, WARMUP = 50, 10


def median_ms(run):
    for _ in range(WARMUP):
        run()
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        run()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def mnv2(binary, threads):
    out = subprocess.run([binary, "forward", "1", "224", str(threads), str(RUNS)], capture_output=True, text=True,
                         check=True).stdout
    return float(re.search(r"median_ms=([\d.]+)", out).group(1))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--binary", default=".build/release/mnv2-bench")
    args = parser.parse_args()

    model = torchvision.models.mobilenet_v2().eval()
    x = torch.randn(1, 3, 224, 224)
    path = tempfile.NamedTemporaryFile(suffix=".onnx", delete=False).name
    torch.onnx.export(model, (x,), path, opset_version=17, dynamo=False)
    results = {}
    for rnd in range(args.rounds):
        for threads in (1, 2):
            torch.set_num_threads(threads)
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = threads
            options.inter_op_num_threads = 1
            session = onnxruntime.InferenceSession(path, options, providers=["CPUExecutionProvider"])
            name = session.get_inputs()[0].name
            array = x.numpy()
            engines = {
                "mnv2": lambda: mnv2(args.binary, threads),
                "torch": lambda: median_ms(lambda: model(x)),
                "onnxruntime": lambda: median_ms(lambda: session.run(None, {name: array})),
            }
            order = list(engines) if rnd % 2 == 0 else list(reversed(engines))
            row = {}
            with torch.inference_mode():
                for engine in order:
                    row[engine] = engines[engine]()
            results.setdefault(threads, []).append(row)
            print(f"round {rnd + 1} threads {threads}: " + "  ".join(f"{k} {v:.2f} ms" for k, v in row.items()),
                  flush=True)
    print(f"\ntorch {torch.__version__}, onnxruntime {onnxruntime.__version__}, {args.rounds} rounds, "
          f"median of {RUNS} after {WARMUP} warm-up each")
    for threads, rows in results.items():
        def med(key):
            return statistics.median(r[key] for r in rows)
        torch_ratio = statistics.median(r["mnv2"] / r["torch"] for r in rows)
        ort_ratio = statistics.median(r["mnv2"] / r["onnxruntime"] for r in rows)
        print(f"threads {threads}: mnv2 {med('mnv2'):.2f} ms, torch {med('torch'):.2f} ms, "
              f"onnxruntime {med('onnxruntime'):.2f} ms; mnv2/torch {torch_ratio:.2f}, mnv2/onnxruntime {ort_ratio:.2f}")


if __name__ == "__main__":
    main()
