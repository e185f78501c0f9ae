"""numpy reference for bench/run.sh: the same computations as lib/src/jmh/java/softmaxlab/bench/SideBySide.java,
written the cs231n way, timed with the same protocol, and the table of both sides.

    python bench/numpy_reference.py time 500x3073 --warm 1 --time 1 --round 1 --out numpy.jsonl
    python bench/numpy_reference.py table --java java.jsonl --numpy numpy.jsonl --machine "..."

Cases: "NxD" (cs231n's softmax_loss_vectorized, C = 10), "digits" (one epoch of notebook 03's mini-batch loop on
the digits' training split), "spiral:STEPS" (cs231n's two-layer spiral net, full-batch steps).

Protocol (SideBySide's): build the inputs; prime (one call on a tiny input, 16 rows); time 3 calls one by one (cold); call
on for at least --warm seconds and 2 calls (warm-up); time calls for at least --time seconds and 3 calls (warm).
The softmax is shifted by the row maximum and the loss is log-sum-exp minus the label's score, as in the library.
"""
import argparse
import gzip
import json
import os
import statistics
import time

import numpy as np

CLASSES = 10
REG = 5e-6  # R(W) = (REG/2) ||W||^2, L2.halfNorm(5e-6) on the Java side
COLD_CALLS, MIN_WARM_CALLS, MIN_TIMED_CALLS = 3, 2, 3
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def softmax_loss(W, X, y, reg, b=None):
    """cs231n's softmax_loss_vectorized (with an optional bias): L = mean(lse_i - s_{i,y_i}) + (reg/2)||W||^2,
    dW = X^T (A - Y)/N + reg W, db = sum_rows (A - Y)/N."""
    n = X.shape[0]
    scores = X.dot(W)
    if b is not None:
        scores += b
    scores -= scores.max(axis=1, keepdims=True)
    exp_scores = np.exp(scores)
    sums = exp_scores.sum(axis=1, keepdims=True)
    loss = np.mean(np.log(sums[:, 0]) - scores[np.arange(n), y]) + 0.5 * reg * np.sum(W * W)
    dscores = exp_scores / sums
    dscores[np.arange(n), y] -= 1
    dscores /= n
    dW = X.T.dot(dscores) + reg * W
    return loss, dW, dscores.sum(axis=0)


def loss_and_accuracy(W, b, X, y, reg):
    """The training set's loss and accuracy after an epoch, from one product X W + b."""
    scores = X.dot(W) + b
    top = scores.max(axis=1, keepdims=True)
    lse = top[:, 0] + np.log(np.exp(scores - top).sum(axis=1))
    loss = np.mean(lse - scores[np.arange(len(y)), y]) + 0.5 * reg * np.sum(W * W)
    return loss, np.mean(scores.argmax(axis=1) == y)


def digits_epoch(X, y, batch=64, step_size=0.5, reg=1e-3, seed=9):
    """Notebook 03's loop for one epoch: loss and accuracy before, shuffled mini-batches of 64 with
    W -= 0.5 dW, b -= 0.5 db, loss and accuracy after (GradientDescent.fit with one epoch)."""
    rng = np.random.default_rng(seed)
    W = 0.01 * rng.standard_normal((X.shape[1], CLASSES))
    b = np.zeros(CLASSES)
    loss_and_accuracy(W, b, X, y, reg)
    order = rng.permutation(len(y))
    for start in range(0, len(y), batch):
        rows = order[start:start + batch]
        _, dW, db = softmax_loss(W, X[rows], y[rows], reg, b)
        W -= step_size * dW
        b -= step_size * db
    return loss_and_accuracy(W, b, X, y, reg)[0]


def digits_train_split(path=os.path.join(ROOT, "notebooks", "data", "digits.csv.gz"), fraction=0.8, seed=42):
    """The digits' pixels / 16 and labels, 80% of the rows in a seeded order (the library's split's sizes)."""
    with gzip.open(path, "rt") as f:
        data = np.loadtxt(f, delimiter=",", dtype=np.int64)
    order = np.random.default_rng(seed).permutation(len(data))[:round(fraction * len(data))]
    return data[order, :64] / 16.0, data[order, 64]


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


def timed(f):
    start = time.perf_counter()
    f()
    return (time.perf_counter() - start) * 1e3


def warm_then_time(f, warm, seconds):
    start = time.perf_counter()
    k = 0
    while k < MIN_WARM_CALLS or time.perf_counter() - start < warm:
        f()
        k += 1
    times = []
    start = time.perf_counter()
    while len(times) < MIN_TIMED_CALLS or time.perf_counter() - start < seconds:
        times.append(timed(f))
    return times


def measure(case, warm, seconds):
    """{cold: [ms of the first calls], warm: [ms]} of one case, after one call on a tiny input."""
    if case == "digits":
        X, y = digits_train_split()
        call = lambda: digits_epoch(X, y)
        prime = lambda: digits_epoch(X[:16], y[:16])
    elif case.startswith("spiral:"):
        steps = int(case.split(":")[1])
        X, y = spiral()
        call = lambda: train_two_layer(X, y, steps)
        prime = lambda: train_two_layer(X, y, 1)
    else:
        n, d = (int(v) for v in case.split("x"))
        rng = np.random.default_rng(42)
        X = rng.standard_normal((n, d))
        W = 1e-4 * rng.standard_normal((d, CLASSES))
        y = rng.integers(0, CLASSES, n)
        call = lambda: softmax_loss(W, X, y, REG)
        prime = lambda: softmax_loss(W, X[:16], y[:16], REG)
    prime()
    cold = [timed(call) for _ in range(COLD_CALLS)]
    return {"cold": cold, "warm": warm_then_time(call, warm, seconds)}


def read(path):
    """{(case, round): record} from JSON lines."""
    records = {}
    if os.path.exists(path):
        for line in open(path):
            r = json.loads(line)
            records[(r["case"], r["round"])] = r
    return records


def spread(values, digits=2):
    """'median (min-max)' of per-round values."""
    m = statistics.median(values)
    if len(values) == 1:
        return f"{m:.{digits}f}"
    return f"{m:.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def name(case):
    if case == "digits":
        return "digits, one epoch (03's loop)"
    if case.startswith("spiral:"):
        return f"spiral net, {int(case.split(':')[1]):,} steps"
    n, d = case.split("x")
    return f"{int(n):,} × {int(d):,}"


def table(java, numpy, machine):
    config = np.show_config(mode="dicts")
    blas = config.get("Build Dependencies", {}).get("blas", {})
    for line in machine:
        print(line)
    print(f"numpy {np.__version__} with {blas.get('name', '?')} {blas.get('version', '')}".rstrip())
    paths = sorted({r["path"] for r in java.values()})
    for path in paths:
        print(f"Java path: {path}")
    rounds = sorted({k[1] for k in java} & {k[1] for k in numpy})
    print(f"{len(rounds)} round(s); cells: median over rounds (spread: min–max over rounds); cold = first call "
          f"after priming, warm = median of timed calls; floor = one streaming read of X")
    print()
    print("| case | Java cold (ms) | numpy cold (ms) | cold ratio | Java warm (ms) | numpy warm (ms) | warm ratio "
          "| X (MB) | read (GB/s) | Java / floor | numpy / floor |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    cases = []
    for case, _ in list(java) + list(numpy):
        if case not in cases:
            cases.append(case)
    for case in cases:
        both = [(java[(case, r)], numpy[(case, r)]) for r in rounds if (case, r) in java and (case, r) in numpy]
        if not both:
            continue
        jc = [j["cold"][0] for j, _ in both]
        nc = [n["cold"][0] for _, n in both]
        jw = [statistics.median(j["warm"]) for j, _ in both]
        nw = [statistics.median(n["warm"]) for _, n in both]
        cells = [name(case), spread(jc), spread(nc), spread([a / b for a, b in zip(jc, nc)]), spread(jw),
                 spread(nw), spread([a / b for a, b in zip(jw, nw)])]
        if "floor" in both[0][0]:
            n_, d_ = (int(v) for v in case.split("x"))
            mb = n_ * d_ * 8 / 1e6
            floor = [statistics.median(j["floor"]) for j, _ in both]
            cells += [f"{mb:,.3g}", spread([mb / f for f in floor], 1), spread([a / f for a, f in zip(jw, floor)], 1),
                      spread([a / f for a, f in zip(nw, floor)], 1)]
        else:
            cells += ["-"] * 4
        print("| " + " | ".join(cells) + " |")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    timing = sub.add_parser("time", help="time one case, append its record as a JSON line to --out")
    timing.add_argument("case")
    timing.add_argument("--out", required=True)
    timing.add_argument("--warm", type=float, default=1.0, help="seconds of warm-up calls")
    timing.add_argument("--time", type=float, default=1.0, help="seconds of timed calls")
    timing.add_argument("--round", type=int, default=1)
    report = sub.add_parser("table", help="print the table from both sides' JSON lines")
    report.add_argument("--java", required=True)
    report.add_argument("--numpy", required=True)
    report.add_argument("--machine", action="append", default=[], help="a line about the machine, printed first")
    args = parser.parse_args()
    if args.command == "time":
        record = {"side": "numpy", "case": args.case, "round": args.round}
        record.update(measure(args.case, args.warm, args.time))
        with open(args.out, "a") as out:
            out.write(json.dumps(record) + "\n")
    else:
        table(read(args.java), read(args.numpy), args.machine)


if __name__ == "__main__":
    main()
