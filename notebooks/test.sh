#!/usr/bin/env bash
# All tests: unit tests (mvn -B verify), then every notebooks/*.ipynb executed headless in the project's rapaio kernel
# and compared with its stored outputs. Executed notebooks + HTML: target/notebooks/.
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

require_tools nbclient nbconvert nbformat jupyter_client
cd "$ROOT"
# shellcheck disable=SC2086
mvn -B ${MAVEN_FLAGS:-} verify
KERNEL_DIR=$("$PY" "$TOOLS/kernel.py" private --jar "$KERNEL_JAR" --dir "$ROOT/target/jupyter")
echo "Kernel: $KERNEL_DIR/kernel.json (python: $PY)"
RUN=("$PY" "$TOOLS/runner.py" --kernel-dir "$ROOT/target/jupyter" --out "$ROOT/target/notebooks")
if [ "$MODE" = test ]; then
  "$PY" "$TOOLS/selftest.py" -- "${RUN[@]}"
fi
exec "${RUN[@]}" "$MODE"
