#!/usr/bin/env bash
# Benchmark: softmax-lab's loss + gradient and training loops against numpy (+ OpenBLAS) doing the same, side by side.
#
#   bench/run.sh            # about 8 minutes on 2 cores (ROUNDS=2); needs a JDK 17+, Maven, python3 (venv, pip)
#   QUICK=1 bench/run.sh    # about 2 minutes: one round, shorter timing, no N = 49,000, 1,000 spiral steps
#
# 1. builds the benchmark jar (mvn -pl lib -Pjmh package -> lib/target/benchmarks.jar);
# 2. for each case, in a fresh JVM and a fresh Python each, times the Java side (softmaxlab.bench.SideBySide) and
#    the numpy side (bench/numpy_reference.py) with the same protocol: inputs built, one call on a tiny input, the
#    first 3 calls timed one by one (cold), warm-up calls for WARM seconds, then calls timed for TIME seconds (warm);
#    for the loss + gradient it also times one streaming read of an array the size of X (the memory floor).
#    Cases: LinearSoftmax.lossAndGradient at the sizes of issue 20's table (C = 10), one epoch of notebook 03's
#    digits loop, and cs231n's spiral two-layer net (10,000 full-batch steps). Sides alternate which goes first
#    from round to round, so that a change in the machine's load falls on both;
# 3. prints the machine (CPU model, vector width, cores), the Java path that ran and a Markdown table: medians over
#    rounds with the spread (min-max over rounds) of every ratio, and time / (bytes of X / read bandwidth).
#
# The Java side runs the Vector API path (a JVM started with --add-modules jdk.incubator.vector, as the kernels
# softmax-lab installs start it); JAVA_PATH=scalar runs the plain-JVM path instead. numpy runs in the project's
# Python environment $ROOT/.venv (created if missing; numpy from PyPI as pinned in bench/requirements.txt, for
# benchmarking only). Nothing here is a test: no time is asserted. Results and logs go to target/bench/.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/target/bench"
mkdir -p "$OUT"
cd "$ROOT"

if [ -n "${QUICK:-}" ]; then
    SIZES=${SIZES:-"64x64 256x64 64x3073 128x3073 256x3073 500x3073 1000000x10"}
    STEPS=${STEPS:-1000}; ROUNDS=${ROUNDS:-1}; WARM=${WARM:-0.3}; TIME=${TIME:-0.5}
else
    SIZES=${SIZES:-"64x64 256x64 64x3073 128x3073 256x3073 500x3073 49000x3073 1000000x10"}
    STEPS=${STEPS:-10000}; ROUNDS=${ROUNDS:-2}; WARM=${WARM:-1}; TIME=${TIME:-1}
fi
CASES="$SIZES digits spiral:$STEPS"

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
# X at N = 49,000 is 1.2 GB: a 6 GB heap leaves room for the rest
JVM=(-Xmx6g)
[ "${JAVA_PATH:-vector}" = vector ] && JVM+=(--add-modules jdk.incubator.vector)
rm -f "$OUT/java.jsonl" "$OUT/numpy.jsonl"

java_side() {
    java "${JVM[@]}" -cp "$JAR" softmaxlab.bench.SideBySide "$1" "$WARM" "$TIME" "$2" \
        "$ROOT/notebooks/data/digits.csv.gz" 2>"$OUT/java.err" >>"$OUT/java.jsonl" \
        || { cat "$OUT/java.err" >&2; exit 1; }
}
numpy_side() {
    "$PY" "$ROOT/bench/numpy_reference.py" time "$1" --warm "$WARM" --time "$TIME" --round "$2" \
        --out "$OUT/numpy.jsonl"
}

for round in $(seq "$ROUNDS"); do
    for case in $CASES; do
        echo "== round $round: $case" >&2
        if [ $((round % 2)) = 1 ]; then
            java_side "$case" "$round"; numpy_side "$case" "$round"
        else
            numpy_side "$case" "$round"; java_side "$case" "$round"
        fi
    done
done

flags=$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null || true)
width=128
[[ " $flags " == *" avx2 "* ]] && width=256
[[ " $flags " == *" avx512f "* ]] && width=512
machine="$(date -u +%F): $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | xargs), $(nproc) cores,"
machine="$machine widest vectors $width-bit, $(free -g | awk '/Mem:/ {print $2}') GB; $(java -version 2>&1 | head -1)"
"$PY" "$ROOT/bench/numpy_reference.py" table --java "$OUT/java.jsonl" --numpy "$OUT/numpy.jsonl" \
    --machine "$machine" | tee "$OUT/table.md"
