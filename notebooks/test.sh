#!/usr/bin/env bash
# All tests: unit tests (mvn verify, the JJava glue also against the pip-installed kernel's jar), the notebook runner's
# self-test, every notebooks/*.ipynb and notebooks/solutions/*.ipynb (the exercises' solutions) executed headless in the
# project's kernel and compared with its stored outputs, then every notebook opened and run in JupyterLab in Chromium
# (notebooks/browser/lab-test.mjs); the kernelspec as each set-up starts it (notebooks/tools/kerneltest.py) and the
# workshop hub with two students (workshop/loadtest.py).
# Executed notebooks + HTML: target/notebooks/ (solutions: target/notebooks/solutions/); screenshots: target/browser/.
#   notebooks/test.sh            test everything (CI: .ci/run)
#   notebooks/test.sh --refresh  re-execute the notebooks and write the fresh outputs back into notebooks/*.ipynb
# Extra Maven flags via MAVEN_FLAGS, e.g. MAVEN_FLAGS="-o" or MAVEN_FLAGS="-Dmaven.repo.local=/tmp/m2".
source "$(dirname "${BASH_SOURCE[0]}")/tools/common.sh"
MODE=test
case "${1:-}" in
  --refresh) MODE=refresh ;;
  "") ;;
  *) echo "usage: notebooks/test.sh [--refresh]" >&2; exit 2 ;;
esac

require_system browser
require_python
BROWSER_DIR="$ROOT/notebooks/browser"
LOCK_STAMP="$BROWSER_DIR/node_modules/.package-lock.sha256"
if [ "$(cat "$LOCK_STAMP" 2>/dev/null)" != "$(sha256sum "$BROWSER_DIR/package-lock.json" | cut -d' ' -f1)" ]; then
  echo "Installing playwright-core and MathJax from the npm registry (notebooks/browser/package-lock.json)"
  (cd "$BROWSER_DIR" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  sha256sum "$BROWSER_DIR/package-lock.json" | cut -d' ' -f1 > "$LOCK_STAMP"
fi
cd "$ROOT"
# shellcheck disable=SC2086
mvn_plain ${MAVEN_FLAGS:-} verify -Djjava.kernel.jar="$(jjava_jar)"
export SOFTMAXLAB_BUILT=1   # lab.sh, started by the browser test, uses this build instead of building again
echo "Kernel: $(write_kernel)/kernel.json (python: $PY)"
RUN=("$PY" "$TOOLS/runner.py" --kernel-dir "$KERNEL_DIR" --out "$ROOT/target/notebooks"
     --mathjax "$BROWSER_DIR/node_modules/mathjax")
# the solutions run from their own folder, so their %classpath is ../../lib/...
SOLUTIONS=(--cwd "$ROOT/notebooks/solutions" --out "$ROOT/target/notebooks/solutions")
if [ "$MODE" = refresh ]; then
  "${RUN[@]}" refresh
  exec "${RUN[@]}" "${SOLUTIONS[@]}" refresh
fi
status=0
"$PY" "$TOOLS/kerneltest.py" --kernel-dir "$KERNEL_DIR" || status=1
# The workshop set-up, small: a hub on loopback, two students run notebook 04, no kernel left (docs/workshop.md).
"$ROOT/workshop/hub.sh" --prepare && "$PY" "$ROOT/workshop/loadtest.py" --students 2 --timeout 300 --check || status=1
"$PY" "$TOOLS/selftest.py" -- "${RUN[@]}" || status=1
"${RUN[@]}" test || status=1
"${RUN[@]}" "${SOLUTIONS[@]}" test || status=1
node "$BROWSER_DIR/lab-test.mjs" || status=1
exit $status
