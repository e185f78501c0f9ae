#!/usr/bin/env bash
# Benchmark: softmax-lab's loss + gradient against numpy (+ OpenBLAS) doing the same computation, side by side.
#
#   bench/run.sh            # about 3-4 minutes on 2 cores; needs a JDK 17+, Maven, python3 (venv + pip)
#
# 1. builds the JMH jar (mvn -pl lib -Pjmh package -> lib/target/benchmarks.jar);
# 2. runs the Java side with JMH: LinearSoftmaxBenchmark.lossAndGradient at (N, D) = (500, 3073), (49000, 3073),
#    (1000000, 10) with C = 10, and TwoLayerSpiralBenchmark.train (cs231n's spiral two-layer net, 10,000 steps);
# 3. runs bench/numpy_reference.py, the same computations in numpy, in the project's Python environment $ROOT/.venv
#    (created if missing; numpy installed from PyPI as pinned in bench/requirements.txt, for benchmarking only);
# 4. prints a Markdown table: size, Java median, numpy median, ratio, and which Java path ran.
#
# Times are medians (Java: of JMH's measurement iterations, each the mean of as many calls as fit in 1 s; numpy:
# of single calls after warm-up). On a shared machine run it twice. Nothing here is a test: no time is asserted.
# Results and logs go to target/bench/.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/target/bench"
mkdir -p "$OUT"
cd "$ROOT"

echo "== building lib/target/benchmarks.jar" >&2
mvn -B -q -Dstyle.color=never -pl lib -am -Pjmh package -DskipTests >"$OUT/build.log" 2>&1 \
    || { cat "$OUT/build.log" >&2; exit 1; }

if [ ! -x "$ROOT/.venv/bin/python" ]; then
    echo "== creating $ROOT/.venv" >&2
    python3 -m venv "$ROOT/.venv"
fi
"$ROOT/.venv/bin/python" -m pip install -q -r "$ROOT/bench/requirements.txt" >"$OUT/pip.log" 2>&1 \
    || { cat "$OUT/pip.log" >&2; exit 1; }

JAR="$ROOT/lib/target/benchmarks.jar"
echo "== Java (JMH)" >&2
# X at N = 49,000 is 1.2 GB: a 6 GB heap leaves room for the rest
java -jar "$JAR" 'LinearSoftmaxBenchmark.lossAndGradient|TwoLayerSpiralBenchmark.train' \
    -f 1 -wi 3 -i 7 -w 1s -r 1s -jvmArgs '-Xmx6g' -rf json -rff "$OUT/java.json" >"$OUT/jmh.log" 2>&1 \
    || { tail -40 "$OUT/jmh.log" >&2; exit 1; }
PATH_RAN=$(java -cp "$JAR" softmaxlab.bench.WhichPath)

echo "== numpy" >&2
"$ROOT/.venv/bin/python" "$ROOT/bench/numpy_reference.py" --java "$OUT/java.json" --path "$PATH_RAN" \
    | tee "$OUT/table.md"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | xargs), $(date -u +%F)" \
    | tee -a "$OUT/table.md"
