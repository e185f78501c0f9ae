#!/usr/bin/env bash
# Benchmark: softmax-lab's loss + gradient against numpy (+ OpenBLAS) doing the same computation, side by side.
#
#   bench/run.sh      # about 8 minutes on 2 cores; needs a JDK 17+, Maven, python3 (with venv and pip)
#
# 1. builds the JMH jar (mvn -pl lib -Pjmh package -> lib/target/benchmarks.jar);
# 2. for each case, runs the Java side with JMH on both paths of the library's pass (the Vector API one, on a JVM
#    started with --add-modules jdk.incubator.vector as the kernels softmax-lab installs are, and the scalar one, on a
#    plain JVM as IJava 1.3's installer sets it up), then bench/numpy_reference.py, the same computation in numpy,
#    and does this twice (alternating sides, so that a change in the machine's load falls on both): the cases are
#    LinearSoftmaxBenchmark.lossAndGradient at (N, D) = (500, 3073), (49000, 3073), (1000000, 10) with C = 10, and
#    TwoLayerSpiralBenchmark.train (cs231n's spiral two-layer net, 10,000 full-batch steps; scalar only: its
#    scores are computed from the hidden layer, not read from X, so the flag changes nothing there);
#    numpy runs in the project's Python environment $ROOT/.venv (created if missing; numpy installed from PyPI as
#    pinned in bench/requirements.txt, for benchmarking only);
# 3. prints a Markdown table: size, Java medians of both paths, numpy median, ratios, and which paths ran.
#
# Times are medians: Java over JMH's measurement iterations (each the mean of the calls that fit in 1 s), numpy over
# single calls after warm-up. Nothing here is a test: no time is asserted. Results and logs go to target/bench/.
# ROUNDS=1 bench/run.sh halves the time.
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
PY="$ROOT/.venv/bin/python"
rm -f "$OUT"/jmh-*.json "$OUT/numpy.jsonl"
for round in $(seq "${ROUNDS:-2}"); do
    for case in 500x3073 49000x3073 1000000x10 spiral; do
        echo "== round $round: $case: Java (JMH), then numpy" >&2
        if [ "$case" = spiral ]; then
            selection=(TwoLayerSpiralBenchmark.train)
            paths=(scalar)
        else
            selection=(LinearSoftmaxBenchmark.lossAndGradient -p "size=$case")
            paths=(vector scalar)
        fi
        for path in "${paths[@]}"; do
            # X at N = 49,000 is 1.2 GB: a 6 GB heap leaves room for the rest
            jvm="-Xmx6g"
            [ "$path" = vector ] && jvm="$jvm --add-modules jdk.incubator.vector"
            java -jar "$JAR" "${selection[@]}" -f 1 -wi 3 -i 5 -w 1s -r 1s -jvmArgs "$jvm" \
                -rf json -rff "$OUT/jmh-$round-$case-$path.json" >"$OUT/jmh-$round-$case-$path.log" 2>&1 \
                || { tail -40 "$OUT/jmh-$round-$case-$path.log" >&2; exit 1; }
        done
        "$PY" "$ROOT/bench/numpy_reference.py" time "$case" --out "$OUT/numpy.jsonl"
    done
done

"$PY" "$ROOT/bench/numpy_reference.py" table --java "$OUT"/jmh-*.json --numpy "$OUT/numpy.jsonl" \
    --path "vector: $(java --add-modules jdk.incubator.vector -cp "$JAR" softmaxlab.bench.WhichPath 2>/dev/null)" \
    --path "scalar: $(java -cp "$JAR" softmaxlab.bench.WhichPath)" | tee "$OUT/table.md"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | xargs)," \
    "$(free -g | awk '/Mem:/ {print $2}') GB; $(date -u +%F)" | tee -a "$OUT/table.md"
