# Shared by notebooks/lab.sh and notebooks/test.sh (sourced, not run).
# Finds a Python with the Jupyter modules the scripts need, and the JDK and Maven; installs what is missing from
# Debian packages when running as root on Debian/Ubuntu, otherwise says exactly what is missing and how to get it.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TOOLS="$ROOT/notebooks/tools"
KERNEL_JAR="$ROOT/target/kernel/rapaio-jupyter-kernel.jar"
CONDA_HINT="or, anywhere: conda env create -f environment.yml && conda activate softmax-lab"

# Python candidates, in order: the active conda env, Debian's /usr/bin/python3 (the pyenv python3 that may come first
# on PATH usually lacks the Jupyter modules), then python3 on PATH (a venv).
python_with() {  # python_with MODULE... -> prints the first candidate python that imports all MODULEs
  local candidate
  for candidate in ${CONDA_PREFIX:+"$CONDA_PREFIX/bin/python3"} /usr/bin/python3 "$(command -v python3 || true)"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ] && "$candidate" -c "import sys; [__import__(m) for m in sys.argv[1:]]" "$@" 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}

can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }

APT_UPDATED=
apt_install() {
  if [ -z "$APT_UPDATED" ]; then apt-get update -qq; APT_UPDATED=1; fi
  echo "Installing Debian packages: $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

java_ok() { command -v java >/dev/null && java -version 2>&1 | grep -Eq 'version "(1[7-9]|[2-9][0-9])'; }

# require_tools MODULE... : JDK 17+, Maven, fonts for chart text, and a python importing MODULEs (sets PY).
require_tools() {
  local missing=() packages=()
  java_ok || { missing+=("a JDK 17+ (java)"); packages+=(openjdk-17-jdk-headless); }
  command -v mvn >/dev/null || { missing+=("Maven (mvn)"); packages+=(maven); }
  # Charts draw text: a headless JDK needs fontconfig and at least one font.
  { command -v fc-list >/dev/null && [ -n "$(fc-list 2>/dev/null | head -n 1)" ]; } \
    || { missing+=("fonts (fontconfig)"); packages+=(fontconfig fonts-dejavu-core); }
  PY=$(python_with "$@" || true)
  if [ -z "$PY" ]; then
    missing+=("Python modules: $*")
    packages+=(python3-nbconvert python3-nbclient)
    case " $* " in *" notebook "*) packages+=(jupyter-notebook) ;; esac
  fi
  [ ${#missing[@]} = 0 ] && return 0
  if can_apt; then
    apt_install "${packages[@]}"
    PY=$(python_with "$@") || { echo "Still missing Python modules: $* (python3: /usr/bin/python3)" >&2; exit 1; }
    java_ok || { echo "java on PATH is not 17+ after installing openjdk-17-jdk-headless" >&2; exit 1; }
    return 0
  fi
  echo "Missing: $(printf '%s; ' "${missing[@]}")" >&2
  echo "On Debian/Ubuntu: sudo apt-get install ${packages[*]}" >&2
  echo "$CONDA_HINT" >&2
  exit 1
}
