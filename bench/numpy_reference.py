"""numpy reference for bench/run.sh: the same computations as lib/src/jmh (LinearSoftmaxBenchmark.lossAndGradient,
TwoLayerSpiralBenchmark.train), written the cs231n way (vectorized softmax loss + gradient; the spiral case study's
training loop), timed here, and the table of both sides.

    python bench/numpy_reference.py time 500x3073 --out numpy.jsonl     # times of single calls after warm-up
    python bench/numpy_reference.py table --java jmh-*.json --numpy numpy.jsonl --path "<Java path>"

The table shows medians over all calls (numpy) and all JMH measurement iterations (Java). The softmax is shifted by the row maximum and the
loss is log-sum-exp minus the label's score, as in the library (cs231n's notes recommend the shift).
"""
import argparse
import json
import statistics
import time

import numpy as np

CLASSES = 10
REG = 5e-6  # R(W) = (REG/2) ||W||^2, L2.halfNorm(5e-6) in the Java benchmark


def softmax_loss_vectorized(W, X, y, reg):
    """cs231n's softmax_loss_vectorized: L = mean(lse_i - s_{i,y_i}) + (reg/2)||W||^2, dW = X^T (A - Y)/N + reg W."""
    n = X.shape[0]
    scores = X.dot(W)
    scores -= scores.max(axis=1, keepdims=True)
    exp_scores = np.exp(scores)
    sums = exp_scores.sum(axis=1, keepdims=True)
    loss = np.mean(np.log(sums[:, 0]) - scores[np.arange(n), y]) + 0.5 * reg * np.sum(W * W)
    dscores = exp_scores / sums
    dscores[np.arange(n), y] -= 1
    dscores /= n
    dW = X.T.dot(dscores) + reg * W
    return loss, dW


def spiral(per_class=100, classes=3, seed=0):
    """cs231n's spiral data: N = per_class points per class, D = 2."""
    rng = np.random.RandomState(seed)
    X = np.zeros((per_class * classes, 2))
    y = np.zeros(per_class * classes, dtype=int)
    for j in range(classes):
        ix = range(per_class * j, per_class * (j + 1))
        r = np.linspace(0.0, 1, per_class)
        t = np.linspace(j * 4, (j + 1) * 4, per_class) + rng.randn(per_class) * 0.2
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        y[ix] = j
    return X, y


def train_two_layer(X, y, steps=10000, hidden=100, step_size=1.0, reg=1e-3, seed=0):
    """cs231n's two-layer spiral loop: full batch, ReLU, softmax, (reg/2)(||W||^2 + ||W2||^2)."""
    rng = np.random.RandomState(seed)
    n, d = X.shape
    c = int(y.max()) + 1
    W = 0.01 * rng.randn(d, hidden)
    b = np.zeros((1, hidden))
    W2 = 0.01 * rng.randn(hidden, c)
    b2 = np.zeros((1, c))
    rows = np.arange(n)
    loss = 0.0
    for _ in range(steps):
        hidden_layer = np.maximum(0, np.dot(X, W) + b)
        scores = np.dot(hidden_layer, W2) + b2
        scores -= scores.max(axis=1, keepdims=True)
        exp_scores = np.exp(scores)
        sums = exp_scores.sum(axis=1, keepdims=True)
        loss = np.mean(np.log(sums[:, 0]) - scores[rows, y]) + 0.5 * reg * (np.sum(W * W) + np.sum(W2 * W2))
        dscores = exp_scores / sums
        dscores[rows, y] -= 1
        dscores /= n
        dW2 = np.dot(hidden_layer.T, dscores) + reg * W2
        db2 = np.sum(dscores, axis=0, keepdims=True)
        dhidden = np.dot(dscores, W2.T)
        dhidden[hidden_layer <= 0] = 0
        dW = np.dot(X.T, dhidden) + reg * W
        db = np.sum(dhidden, axis=0, keepdims=True)
        W += -step_size * dW
        b += -step_size * db
        W2 += -step_size * dW2
        b2 += -step_size * db2
    return loss


def times_ms(f, warmup, repeats):
    for _ in range(warmup):
        f()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        f()
        times.append((time.perf_counter() - start) * 1e3)
    return times


def numpy_times(case, warmup, repeats):
    """Times in ms of single calls of one case: "NxD" (softmax loss + gradient, C = 10) or "spiral" (whole loop)."""
    if case == "spiral":
        X, y = spiral()
        return times_ms(lambda: train_two_layer(X, y), 1, max(2, repeats // 3))
    n, d = (int(v) for v in case.split("x"))
    rng = np.random.default_rng(42)
    X = rng.standard_normal((n, d))
    W = 1e-4 * rng.standard_normal((d, CLASSES))
    y = rng.integers(0, CLASSES, n)
    return times_ms(lambda: softmax_loss_vectorized(W, X, y, REG), warmup, repeats)


def java_times(files):
    """{(case, path): [ms of each JMH measurement iteration]} from JMH's JSON result files jmh-R-CASE-PATH.json."""
    times = {}
    for file in files:
        path = file.rsplit("-", 1)[1].removesuffix(".json")
        for result in json.load(open(file)):
            case = result.get("params", {}).get("size", "spiral")
            times.setdefault((case, path), []).extend(v for fork in result["primaryMetric"]["rawData"] for v in fork)
    return times


NAMES = {"500x3073": "N=500, D=3073, C=10", "49000x3073": "N=49000, D=3073, C=10",
         "1000000x10": "N=1000000, D=10, C=10", "spiral": "two-layer spiral, 10,000 steps"}


def table(java, numpy, paths):
    config = np.show_config(mode="dicts")
    blas = config.get("Build Dependencies", {}).get("blas", {})
    print(f"numpy {np.__version__} with {blas.get('name', '?')} {blas.get('version', '')}".rstrip())
    for path in paths:
        print(f"Java path {path}")
    print()
    print("| size | Java, vector path (ms) | Java, scalar path (ms) | numpy (ms) | vector / numpy | scalar / numpy |")
    print("|---|---|---|---|---|---|")
    for case, name in NAMES.items():
        if case not in numpy:
            continue
        n = statistics.median(numpy[case])
        ms = [statistics.median(java[(case, p)]) if (case, p) in java else None for p in ("vector", "scalar")]
        cells = [f"{m:.2f}" if m is not None else "-" for m in ms]
        ratios = [f"{m / n:.2f}" if m is not None else "-" for m in ms]
        print(f"| {name} | {cells[0]} | {cells[1]} | {n:.2f} | {ratios[0]} | {ratios[1]} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    timing = sub.add_parser("time", help="time one case, append {case: [ms, ...]} as a JSON line to --out")
    timing.add_argument("case", choices=list(NAMES))
    timing.add_argument("--out", required=True)
    timing.add_argument("--warmup", type=int, default=2)
    timing.add_argument("--repeats", type=int, default=7)
    report = sub.add_parser("table", help="print the table from the JMH JSON files and the numpy JSON lines")
    report.add_argument("--java", nargs="+", required=True)
    report.add_argument("--numpy", required=True)
    report.add_argument("--path", action="append", default=[], help="a Java path that ran (LinearSoftmax.path())")
    args = parser.parse_args()
    if args.command == "time":
        with open(args.out, "a") as out:
            out.write(json.dumps({args.case: numpy_times(args.case, args.warmup, args.repeats)}) + "\n")
    else:
        numpy = {}
        for line in open(args.numpy):
            for case, times in json.loads(line).items():
                numpy.setdefault(case, []).extend(times)
        table(java_times(args.java), numpy, args.path)


if __name__ == "__main__":
    main()
