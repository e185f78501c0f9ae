#!/usr/bin/env bash
# Build the library, install the rapaio Java kernel as kernelspec `java` if you have none, and open the notebooks in
# JupyterLab (or the classic Notebook when JupyterLab is not installed). Arguments go to Jupyter (e.g. --no-browser).
#   notebooks/lab.sh --headless   execute all notebooks into target/notebooks/ (executed .ipynb + HTML) instead
source "$(dirname "${BASH_SOURCE[0]}")/tools/common.sh"
cd "$ROOT"
if [ "${1:-}" = --headless ]; then
  require_tools nbclient nbconvert nbformat jupyter_client
  mvn -B -q -Dstyle.color=never package -DskipTests
  "$PY" "$TOOLS/kernel.py" private --jar "$KERNEL_JAR" --dir "$ROOT/target/jupyter" >/dev/null
  exec "$PY" "$TOOLS/runner.py" run --kernel-dir "$ROOT/target/jupyter" --out "$ROOT/target/notebooks"
fi

# JupyterLab when the chosen Python has it, else the classic Notebook (Debian: jupyter-notebook).
require_tools jupyter_client
if PY=$(python_with jupyterlab jupyter_client); then APP=jupyterlab; else require_tools notebook jupyter_client; APP=notebook; fi
mvn -B -q -Dstyle.color=never package -DskipTests
"$PY" "$TOOLS/kernel.py" user --jar "$KERNEL_JAR"
cd "$ROOT/notebooks"
ROOT_FLAG=(); [ "$(id -u)" = 0 ] && ROOT_FLAG=(--allow-root)
echo "Starting $APP in $ROOT/notebooks (Ctrl-C to stop)"
exec "$PY" -m "$APP" "${ROOT_FLAG[@]}" "$@"
