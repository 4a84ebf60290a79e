#!/usr/bin/env python3
"""The same work as `mnv2-bench manifold`, in NumPy, for a fair comparison on one machine.

For 10^6 spiral points and each n in {2, 3, 5, 15, 30}: embed with a Gaussian T (n x 2),
apply ReLU, back-project with the pseudo-inverse, and compute the four metrics (collapsed
fraction, Theorem 1 theory, aligned error via a least-squares affine fit, zeroed share).
The spiral is generated once, outside the timings, as in the Swift benchmark.

Usage: python3 bench/manifold_numpy.py     (median of 7 runs per n, after one warm-up)
"""
import statistics
import time

import numpy as np

POINTS = 1_000_000
DIMS = [2, 3, 5, 15, 30]
RUNS = 7


def spiral(points, turns=4.0, radius=4.0):
    u = (np.arange(points) + 0.5) / points
    f = np.sqrt(u)
    theta = 2 * np.pi * turns * f
    return np.stack([radius * f * np.cos(theta), radius * f * np.sin(theta)], axis=1)


def experiment(x, n, rng):
    t = rng.standard_normal((n, 2))
    t_pinv = np.linalg.pinv(t)
    z = x @ t.T
    y = np.maximum(z, 0.0)
    x_hat = y @ t_pinv.T
    collapsed = np.mean(np.count_nonzero(z > 0, axis=1) < 2)
    theory = (1 + n) / 2.0**n
    zeroed = np.count_nonzero(y == 0) / y.size
    # Best affine fit x ~ A x_hat + b from centred 2x2 normal equations (as the Swift code
    # does; lstsq on the 10^6 x 3 design matrix is several times slower), then the mean
    # residual distance over the RMS radius.
    centred = x - x.mean(axis=0)
    h = x_hat - x_hat.mean(axis=0)
    a = (centred.T @ h) @ np.linalg.pinv(h.T @ h, rcond=1e-12)
    residual = centred - h @ a.T
    rms = np.sqrt(np.mean(np.sum(centred**2, axis=1)))
    aligned = np.mean(np.sqrt(np.sum(residual**2, axis=1))) / rms
    return collapsed, theory, aligned, zeroed


def main():
    x = spiral(POINTS)
    rng = np.random.default_rng(1)
    total = 0.0
    for n in DIMS:
        experiment(x, n, rng)
        samples = []
        for _ in range(RUNS):
            start = time.perf_counter()
            experiment(x, n, rng)
            samples.append(time.perf_counter() - start)
        median = statistics.median(samples)
        total += median
        print(f"numpy manifold n={n}  points={POINTS}  median {median * 1000:.2f} ms")
    print(f"numpy manifold all n  points={POINTS}  total {total * 1000:.2f} ms  (numpy {np.__version__})")


if __name__ == "__main__":
    main()
