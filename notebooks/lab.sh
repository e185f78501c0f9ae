#!/usr/bin/env bash
# Build the library and open the notebooks in JupyterLab, in the project's Python environment (.venv/, created on
# first use from requirements.txt) with the project's Java kernel (JJava; SOFTMAXLAB_KERNEL=rapaio for rapaio).
# Arguments go to JupyterLab (e.g. --port=8890).
#   notebooks/lab.sh --headless   start the server without opening a browser (remote machines, the browser test)
source "$(dirname "${BASH_SOURCE[0]}")/tools/common.sh"
BROWSER=()
if [ "${1:-}" = --headless ]; then BROWSER=(--no-browser); shift; fi
require_system
require_python
cd "$ROOT"
[ -n "${SOFTMAXLAB_BUILT:-}" ] || build_library   # test.sh has just built it (with its MAVEN_FLAGS)
write_kernel >/dev/null
install_lab_settings
export JUPYTER_PATH="$KERNEL_DIR${JUPYTER_PATH:+:$JUPYTER_PATH}"
ROOT_FLAG=(); [ "$(id -u)" = 0 ] && ROOT_FLAG=(--allow-root)
echo "Starting JupyterLab in $ROOT/notebooks with kernel ${SOFTMAXLAB_KERNEL:-jjava} (Ctrl-C to stop)"
# Server settings (notebooks/tools/jupyter_server_config.json): Jupyter Server's list of message types that do not
# count as kernel activity, without kernel_info. JupyterLab ignores a status message whose request is in that list,
# and JJava answers nothing else before the first cell runs (it sends no reply to history_request), so with the
# default list a JJava notebook shows the kernel as "Unknown" until a cell is run.
exec "$PY" -m jupyterlab --config="$TOOLS/jupyter_server_config.json" --ServerApp.root_dir="$ROOT/notebooks" "${ROOT_FLAG[@]}" "${BROWSER[@]}" "$@"
