#!/usr/bin/env bash
# A workshop server on this machine: JupyterHub (workshop/jupyterhub_config.py) with the notebooks for every student.
#   SOFTMAXLAB_WORKSHOP_PASSWORD=... workshop/hub.sh    prepare the host, then start the hub (Ctrl-C to stop)
#   workshop/hub.sh --prepare                           only prepare: what lab.sh installs, the library built, the
#                                                       project's kernelspec, JupyterHub (PyPI) and its proxy (npm)
# Settings: see workshop/jupyterhub_config.py; docs/workshop.md.
source "$(dirname "${BASH_SOURCE[0]}")/../notebooks/tools/common.sh"
require_system
require_python
cd "$ROOT"
[ -n "${SOFTMAXLAB_BUILT:-}" ] || build_library
write_kernel >/dev/null
install_lab_settings
require_workshop
[ "${1:-}" = --prepare ] && exit 0
: "${SOFTMAXLAB_WORKSHOP_PASSWORD:?set SOFTMAXLAB_WORKSHOP_PASSWORD to the workshop's shared password (8+ characters)}"
mkdir -p "${SOFTMAXLAB_WORKSHOP_STATE:-$ROOT/target/workshop}"
cd "${SOFTMAXLAB_WORKSHOP_STATE:-$ROOT/target/workshop}"
exec "$(dirname "$PY")/jupyterhub" -f "$ROOT/workshop/jupyterhub_config.py" "$@"
