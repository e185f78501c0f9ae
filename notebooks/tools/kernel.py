"""The project's Jupyter kernelspec `java`: JJava from the project's Python environment (default), or rapaio (opt-in).

The notebooks ask for the kernelspec name `java` (the name IJava and JJava install under).

  kernel.py private --dir D   writes D/kernels/java/kernel.json; lab.sh puts D first on JUPYTER_PATH and the runner
                              is given D, so the project's JupyterLab and its tests run this kernel whatever else is
                              installed;
  kernel.py env               writes the same spec over the kernelspec `java` of this Python's environment, the one
                              `pip install jjava` put there (its jar stays): in a venv or conda environment Jupyter
                              prefers the environment's kernelspecs to the user's, so this is what a plain
                              `jupyter lab` in the environment runs (conda, Binder, JupyterHub);
  kernel.py jar               prints the path of JJava's jar in this Python's environment (tests load it).

JJava: the jar that `pip install jjava` put under the environment's prefix, started directly with the options its own
launcher adds (one JVM instead of a launcher JVM plus a kernel JVM), plus the memory options below.
On Linux both start through die_with_parent.py, so the kernel's JVM ends with the server that started it.
rapaio 3.0.1: the jar Maven copies to target/kernel/ (opt-in: SOFTMAXLAB_KERNEL=rapaio; see docs/kernels.md for its
start-up race).
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys

NAME = "java"
DISPLAY_NAME = "Java"  # what the stored notebooks carry: JupyterLab rewrites the metadata when the name differs
MIN_JAVA = 17
OURS = "softmax-lab"  # kernel.json metadata key marking a spec this script wrote
WHEEL_SPEC = "kernel.jjava-wheel.json"  # env mode: the spec it replaced, as `pip install jjava` wrote it
# A workshop server runs 30 kernels on 16 GB: each kernel stays under 500 MB resident. Heap and metaspace are capped;
# the serial collector keeps no per-core GC structures. Measured per notebook by the test run (runner.py: peak RSS).
# C1 only, one compiler thread: a notebook's code is mostly JShell's javac compiling cells and short runs, which C2's
# compilations never pay back; notebook 04's Run All took 25-28 kernel CPU-s with tiered C1+C2 (12-15 of them in the
# JIT threads) and 11-12 with C1 alone, on the 2-core machine at load average 9 (kernelcpu.py; docs/kernels.md).
# No hsperfdata file per kernel in /tmp (nothing here reads it).
JVM_OPTIONS = ["-Xmx256m", "-XX:MaxMetaspaceSize=160m", "-XX:ReservedCodeCacheSize=64m", "-XX:+UseSerialGC",
               "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:-UsePerfData"]
# Both kernels run notebook code in their own JVM, so with this module the library's scores run on the Vector API
# (FusedSoftmax; LinearSoftmax.path() says which). The JVM says so once on the kernel's stderr (the server log).
VECTOR_MODULE = "jdk.incubator.vector"
HEADLESS = "-Djava.awt.headless=true"  # charts render to PNG in memory; no display server (CI, Binder, ssh)
DIE_WITH_PARENT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "die_with_parent.py")


def java_executable():
    """The java that Maven would use: $JAVA_HOME/bin/java, else java on PATH; must be 17 or newer."""
    home = os.environ.get("JAVA_HOME")
    java = os.path.join(home, "bin", "java") if home and os.path.isfile(os.path.join(home, "bin", "java")) \
        else shutil.which("java")
    if not java:
        sys.exit("kernel.py: no java found (set JAVA_HOME or put a JDK 17+ on PATH)")
    out = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    m = re.search(r'version "(\d+)', out)
    if not m or int(m.group(1)) < MIN_JAVA:
        sys.exit(f"kernel.py: {java} is not Java {MIN_JAVA}+ ({out.strip().splitlines()[0] if out else 'no output'})")
    return java


def vector_api(java):
    """--add-modules for the Vector API where this JDK has the incubating module (17 to 25 do); else nothing: a JVM
    asked for a module it lacks does not start, and the library runs its scalar path without it."""
    modules = subprocess.run([java, "--list-modules"], capture_output=True, text=True).stdout
    return ["--add-modules", VECTOR_MODULE] if any(m.split("@")[0] == VECTOR_MODULE for m in modules.split()) else []


def existing(path, what):
    path = os.path.abspath(path)
    if not os.path.isfile(path):
        sys.exit(f"kernel.py: {what} {path} is missing")
    return path


def with_parent(argv):
    """argv started so that it ends with its parent (Linux: PR_SET_PDEATHSIG; elsewhere argv as it is)."""
    return [sys.executable, "-I", "-S", DIE_WITH_PARENT, *argv] if sys.platform.startswith("linux") else argv


def jjava_spec(java, jar):
    # --add-opens: what JJava's own launcher passes; JJava reads its settings from JJAVA_* variables (defaults here).
    return {
        "argv": with_parent([java, HEADLESS, *JVM_OPTIONS, *vector_api(java), "--add-opens",
                             "jdk.jshell/jdk.jshell=ALL-UNNAMED", "-jar", jar, "{connection_file}"]),
        "display_name": DISPLAY_NAME,
        "language": "java",
        "interrupt_mode": "message",
        "env": {},
        "metadata": {OURS: {"kernel": "jjava", "jar": jar}},
    }


def rapaio_spec(java, jar):
    # RJK_* are the settings rapaio's own installer writes (no timeout, no init script, default compiler options).
    return {
        "argv": with_parent([java, HEADLESS, *JVM_OPTIONS, *vector_api(java), "-jar", jar, "{connection_file}"]),
        "display_name": DISPLAY_NAME,
        "language": "java",
        "interrupt_mode": "message",
        "env": {"RJK_COMPILER_OPTIONS": "", "RJK_INIT_SCRIPT": "", "RJK_TIMEOUT_MILLIS": "-1",
                "RJK_MIMA_CACHE": "mima_cache", "RJK_CLASSPATH": ""},
        "metadata": {OURS: {"kernel": "rapaio", "jar": jar}},
    }


def spec(args):
    java = java_executable()
    if args.kernel == "jjava":
        return jjava_spec(java, existing(args.jjava_jar, "JJava's jar (pip install jjava)"))
    return rapaio_spec(java, existing(args.rapaio_jar, "rapaio's jar (mvn package copies it)"))


def write_spec(folder, content):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "kernel.json"), "w") as f:
        json.dump(content, f, indent=2)
        f.write("\n")


def private(args):
    folder = os.path.join(os.path.abspath(args.dir), "kernels", NAME)
    write_spec(folder, spec(args))
    print(folder)


def environment(args):
    # Only kernel.json is replaced: install_kernel_spec would replace the folder, and with it JJava's jar. The wheel's
    # own spec is kept beside it (kerneltest.py puts it back to show that binder/postBuild replaces it).
    folder = os.path.join(sys.prefix, "share", "jupyter", "kernels", NAME)
    current = os.path.join(folder, "kernel.json")
    if os.path.isfile(current):
        with open(current) as f:
            existing_spec = json.load(f)
        if OURS not in existing_spec.get("metadata", {}):
            shutil.copyfile(current, os.path.join(folder, WHEEL_SPEC))
    write_spec(folder, spec(args))
    print(folder)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("mode", choices=["env", "private", "jar"])
    p.add_argument("--kernel", choices=["jjava", "rapaio"], default="jjava")
    p.add_argument("--jjava-jar", default=os.path.join(sys.prefix, "share/jupyter/kernels/java/jjava.jar"),
                   help="JJava's jar (default: the one pip installed into this Python's environment)")
    p.add_argument("--rapaio-jar", help="rapaio-jupyter-kernel.jar (for --kernel rapaio)")
    p.add_argument("--dir", help="private mode: folder to use as a JUPYTER_PATH entry")
    args = p.parse_args()
    if args.kernel == "rapaio" and not args.rapaio_jar:
        p.error("--kernel rapaio needs --rapaio-jar")
    if args.mode == "jar":
        print(args.jjava_jar)
    elif args.mode == "private":
        if not args.dir:
            p.error("private needs --dir")
        private(args)
    else:
        environment(args)


if __name__ == "__main__":
    main()
