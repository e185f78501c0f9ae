# Shared by notebooks/lab.sh and notebooks/test.sh (sourced, not run).
# Makes sure of a JDK 17+, Maven, fonts, and the project's Python environment (.venv/, from requirements.txt: JupyterLab,
# nbclient, nbconvert and the JJava kernel); installs what is missing (Debian packages as root, PyPI into .venv/),
# otherwise says exactly what is missing and how to get it.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TOOLS="$ROOT/notebooks/tools"
VENV="$ROOT/.venv"
REQUIREMENTS="$ROOT/requirements.txt"
RAPAIO_JAR="$ROOT/target/kernel/rapaio-jupyter-kernel.jar"
KERNEL_DIR="$ROOT/target/jupyter"   # the project's kernelspec `java`: first on JUPYTER_PATH in lab.sh, the runner's --kernel-dir
# Maven without colours or download progress. Debian's Maven 3.8.7 writes ESC[0m even so: stripped, logs stay plain.
mvn_plain() {
  mvn -B -Dstyle.color=never --no-transfer-progress "$@" 2>&1 | sed -u 's/\x1b\[[0-9;]*m//g'
}

can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }

APT_UPDATED=
# apt waits up to 10 minutes for a lock held by another apt (common right after a machine boots) instead of failing.
APT=(apt-get -o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)
apt_install() {
  if [ -z "$APT_UPDATED" ]; then
    local tries=0
    until "${APT[@]}" update -qq 2>/tmp/softmax-lab-apt.err; do  # `update` takes the lists lock, which has no timeout
      tries=$((tries + 1))
      if [ "$tries" -ge 60 ]; then cat /tmp/softmax-lab-apt.err >&2; exit 1; fi
      [ "$tries" = 1 ] && echo "apt-get update failed (another apt running?); retrying for up to 10 minutes" >&2
      sleep 10
    done
    APT_UPDATED=1
  fi
  echo "Installing Debian packages: $*"
  # apt's notes on stderr (debconf without apt-utils, ...) are shown only when the install fails.
  DEBIAN_FRONTEND=noninteractive "${APT[@]}" install -y -qq --no-install-recommends "$@" >/dev/null \
    2>/tmp/softmax-lab-apt.err || { cat /tmp/softmax-lab-apt.err >&2; exit 1; }
}

java_ok() { command -v java >/dev/null && java -version 2>&1 | grep -Eq 'version "(1[7-9]|[2-9][0-9])'; }
venv_ok() { command -v python3 >/dev/null && python3 -c 'import venv, ensurepip' 2>/dev/null; }
# playwright-core (the browser test) needs Node.js 20+; Debian 12's nodejs package is 18.
node_ok() { command -v node >/dev/null && node -e 'process.exit(parseInt(process.versions.node) >= 20 ? 0 : 1)'; }

# require_system [browser]: JDK 17+, Maven, fonts for chart text, Python 3 with venv; with `browser` also Chromium and
# Node.js/npm for the JupyterLab browser test.
require_system() {
  local missing=() packages=()
  java_ok || { missing+=("a JDK 17+ (java)"); packages+=(openjdk-17-jdk-headless); }
  command -v mvn >/dev/null || { missing+=("Maven (mvn)"); packages+=(maven); }
  # Charts draw text: a headless JDK needs fontconfig and at least one font.
  { command -v fc-list >/dev/null && [ -n "$(fc-list 2>/dev/null | head -n 1)" ]; } \
    || { missing+=("fonts (fontconfig)"); packages+=(fontconfig fonts-dejavu-core); }
  venv_ok || { missing+=("Python 3 with venv"); packages+=(python3 python3-venv); }
  if [ "${1:-}" = browser ]; then
    [ -x /usr/bin/chromium ] || { missing+=("Chromium (/usr/bin/chromium)"); packages+=(chromium); }
    # The documents' Chinese titles, quoted in the notebooks, as the browser test's screenshots show them.
    [ -n "$(fc-list :lang=zh 2>/dev/null | head -n 1)" ] || { missing+=("a Chinese font"); packages+=(fonts-wqy-zenhei); }
    command -v npm >/dev/null || { missing+=("Node.js and npm"); packages+=(nodejs npm); }
  fi
  if [ ${#missing[@]} -gt 0 ] && can_apt; then
    apt_install "${packages[@]}"
    java_ok || { echo "java on PATH is not 17+ after installing openjdk-17-jdk-headless" >&2; exit 1; }
    missing=()
  fi
  if [ "${1:-}" = browser ] && command -v node >/dev/null && ! node_ok; then
    echo "The browser test needs Node.js 20 or newer (playwright-core); node on PATH is $(node --version)." >&2
    echo "Install Node.js 20+ (nodejs.org, or NodeSource's Debian packages) and run again." >&2
    exit 1
  fi
  [ ${#missing[@]} = 0 ] && return 0
  echo "Missing: $(printf '%s; ' "${missing[@]}")" >&2
  echo "On Debian/Ubuntu: sudo apt-get install ${packages[*]}" >&2
  exit 1
}

# require_python: sets PY to the project's Python. An active conda env made from environment.yml is used as it is;
# otherwise .venv/ is created and kept in step with requirements.txt (reinstalled when the file changes).
require_python() {
  if [ -n "${CONDA_PREFIX:-}" ] && "$CONDA_PREFIX/bin/python3" -c 'import jupyterlab, nbclient, jjava' 2>/dev/null; then
    PY="$CONDA_PREFIX/bin/python3"
    return 0
  fi
  if [ ! -x "$VENV/bin/python" ]; then
    echo "Creating the Python environment $VENV (first run: JupyterLab, nbclient, nbconvert, JJava from PyPI)"
    python3 -m venv "$VENV"
  fi
  local stamp="$VENV/.requirements.sha256" want
  want=$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$REQUIREMENTS"
    echo "$want" > "$stamp"
  fi
  PY="$VENV/bin/python"
}

# require_workshop: JupyterHub (workshop/requirements.txt, into $PY's environment) and its proxy from npm
# (workshop/package-lock.json, into workshop/node_modules/), each again only when its list changes. Needs node and npm.
require_workshop() {
  local stamp want
  stamp="$("$PY" -c 'import sys; print(sys.prefix)')/.workshop-requirements.sha256"
  want=$(sha256sum "$ROOT/workshop/requirements.txt" | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "Installing JupyterHub from PyPI (workshop/requirements.txt)"
    "$PY" -m pip install -q --disable-pip-version-check -r "$ROOT/workshop/requirements.txt"
    echo "$want" > "$stamp"
  fi
  stamp="$ROOT/workshop/node_modules/.package-lock.sha256"
  want=$(sha256sum "$ROOT/workshop/package-lock.json" | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    command -v npm >/dev/null || { echo "The workshop's proxy needs Node.js and npm (apt-get install nodejs npm)" >&2; exit 1; }
    echo "Installing configurable-http-proxy from the npm registry (workshop/package-lock.json)"
    (cd "$ROOT/workshop" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    echo "$want" > "$stamp"
  fi
}

# The jar of the JJava kernel that requirements.txt installed (pip puts the kernelspec under the environment's prefix).
jjava_jar() { "$PY" "$TOOLS/kernel.py" jar; }

# install_lab_settings: the project's JupyterLab settings (notebooks/tools/lab-settings.json) into $PY's environment:
# no autosave, so opening and running a notebook writes nothing into the repository; every cell rendered, not only
# the visible ones; no news or update checks over the network.
install_lab_settings() {
  local settings
  settings=$("$PY" -c 'import sys; print(sys.prefix)')/share/jupyter/lab/settings
  mkdir -p "$settings" && cp "$TOOLS/lab-settings.json" "$settings/overrides.json"
}

# build_library [extra Maven arguments]: the library jar and folder the notebooks load; the rapaio jar for opt-in use.
build_library() {
  mvn_plain -q package -DskipTests "$@"
}

# write_kernel: the project's kernelspec `java` in $KERNEL_DIR for $SOFTMAXLAB_KERNEL (jjava, the default, or rapaio);
# and the project's JJava spec over the environment's own `java` (.venv/ or conda), which a plain `jupyter lab` there runs.
write_kernel() {
  "$PY" "$TOOLS/kernel.py" env >/dev/null
  "$PY" "$TOOLS/kernel.py" private --kernel "${SOFTMAXLAB_KERNEL:-jjava}" --rapaio-jar "$RAPAIO_JAR" --dir "$KERNEL_DIR"
}
