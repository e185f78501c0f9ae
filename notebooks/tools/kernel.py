"""Jupyter kernelspecs for the rapaio Java kernel (io.github.padreati:rapaio-jupyter-kernel).

The notebooks ask for the kernelspec name `java` (the name IJava and JJava install under), so:

  kernel.py user     installs rapaio as the user's `java` kernel unless a kernelspec named `java` exists
                     (an IJava/JJava/rapaio install of the user's own is never touched);
  kernel.py private  writes a `java` kernelspec into a private folder under target/ that the notebook runner
                     uses whatever the user has installed, so test runs always use this project's kernel.

The jar comes from Maven (`mvn package` copies it to target/kernel/rapaio-jupyter-kernel.jar).
Uses only the Python that runs it, so it sees the same Jupyter paths as the `jupyter` of that Python.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

from jupyter_client.kernelspec import KernelSpecManager

NAME = "java"
JAR = "rapaio-jupyter-kernel.jar"
MIN_JAVA = 17
OURS = "softmax-lab"  # kernel.json metadata key marking a spec this script wrote (and may rewrite)


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


def jar_version(jar):
    """The kernel version, read from the Maven metadata inside the jar."""
    with zipfile.ZipFile(jar) as z:
        props = z.read("META-INF/maven/io.github.padreati/rapaio-jupyter-kernel/pom.properties").decode()
    return re.search(r"^version=(.+)$", props, re.M).group(1).strip()


def kernel_json(java, jar, rapaio_version):
    # -Djava.awt.headless: charts render to PNG in memory; no display server needed (CI, Binder, ssh).
    # RJK_* are the settings rapaio's own installer writes (no timeout, no init script, default compiler options).
    return {
        "argv": [java, "-Djava.awt.headless=true", "-jar", jar, "{connection_file}"],
        "display_name": f"Java (rapaio {rapaio_version})",
        "language": "java",
        "interrupt_mode": "message",
        "env": {"RJK_COMPILER_OPTIONS": "", "RJK_INIT_SCRIPT": "", "RJK_TIMEOUT_MILLIS": "-1",
                "RJK_MIMA_CACHE": "mima_cache", "RJK_CLASSPATH": ""},
        "metadata": {OURS: {"rapaio": rapaio_version}},
    }


def write_spec(folder, spec):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "kernel.json"), "w") as f:
        json.dump(spec, f, indent=2)
        f.write("\n")


def private(args):
    """A `java` kernelspec in args.dir/kernels/java pointing at the jar Maven copied (absolute path)."""
    jar = os.path.abspath(args.jar)
    if not os.path.isfile(jar):
        sys.exit(f"kernel.py: {jar} is missing; run `mvn -B package` first")
    folder = os.path.join(os.path.abspath(args.dir), "kernels", NAME)
    write_spec(folder, kernel_json(java_executable(), jar, jar_version(jar)))
    print(folder)


def user(args):
    """Install rapaio as the user's `java` kernelspec, unless the user already has one of their own."""
    jar = os.path.abspath(args.jar)
    if not os.path.isfile(jar):
        sys.exit(f"kernel.py: {jar} is missing; run `mvn -B package` first")
    ksm = KernelSpecManager()
    specs = ksm.get_all_specs()
    existing = specs.get(NAME)
    if existing and OURS not in existing["spec"].get("metadata", {}):
        print(f"Kernel: using your kernelspec '{NAME}' ({existing['spec'].get('display_name')}, "
              f"{existing['resource_dir']}); left untouched.")
        return
    others = [f"'{n}' ({s['spec'].get('display_name')})" for n, s in sorted(specs.items())
              if n != NAME and s["spec"].get("language", "").lower() == "java"]
    version = jar_version(jar)
    with tempfile.TemporaryDirectory() as staging:
        shutil.copy(jar, os.path.join(staging, JAR))
        # {resource_dir} is expanded by jupyter_client: the spec keeps working wherever Jupyter installed it.
        write_spec(staging, kernel_json(java_executable(), "{resource_dir}/" + JAR, version))
        where = ksm.install_kernel_spec(staging, kernel_name=NAME, user=True)
    verb = "updated" if existing else "installed"
    print(f"Kernel: {verb} rapaio {version} as kernelspec '{NAME}' in {where}")
    if others:
        print(f"Kernel: your other Java kernel(s) {', '.join(others)} are untouched; the notebooks ask for '{NAME}'.")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("mode", choices=["user", "private"])
    p.add_argument("--jar", required=True, help="path of rapaio-jupyter-kernel.jar")
    p.add_argument("--dir", help="private mode: folder to use as a JUPYTER_PATH entry")
    args = p.parse_args()
    if args.mode == "private":
        if not args.dir:
            p.error("private needs --dir")
        private(args)
    else:
        user(args)


if __name__ == "__main__":
    main()
