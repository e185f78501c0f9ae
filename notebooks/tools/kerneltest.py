"""Tests of the project's kernelspec as each set-up starts it: its JVM options apply, and the kernel dies with its parent.

  kerneltest.py --kernel-dir D    D as for the runner (D/kernels/java/kernel.json, written by lab.sh and test.sh)

Each case starts the kernel `java` from a throwaway parent process with jupyter_client, as Jupyter Server does, the
way one set-up finds it, and reads the running JVM's command line (/proc/PID/cmdline):
  - lab.sh and test.sh: D first on JUPYTER_PATH;
  - Binder (repo2docker): the environment's kernelspec put back as `pip install jjava` wrote it (which must fail the
    check: a launcher JVM without the options), then binder/postBuild run in this Python's environment with a fresh
    HOME, then the kernelspec as a plain `jupyter lab` in a user-owned conda env finds it (the env's kernelspecs first);
  - conda: the environment's own kernelspec after lab.sh or test.sh has run once, as a plain `jupyter lab` finds it.
The JVM must carry kernel.py's JVM options and be the kernel itself (no launcher JVM). Then the parent is killed with
SIGKILL (nothing of it runs, as when a server is killed or crashes) and the JVM must be gone within 5 s.
Exits 1 naming what failed. (No conda or Docker here: the environment is this Python's, told it is a conda env.)
"""
import argparse
import os
import signal
import subprocess
import sys
import shutil
import tempfile
import time

from kernel import JVM_OPTIONS, NAME, WHEEL_SPEC

ORPHAN_LIMIT = 5.0  # seconds a kernel may outlive its parent
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# The parent: starts the kernel `java` as found from this environment, waits for its first reply, prints its pid.
PARENT = """
import time
from jupyter_client.manager import KernelManager
km = KernelManager(kernel_name="java")
km.start_kernel()
client = km.client()
client.start_channels()
client.wait_for_ready(timeout=60)
print(km.provisioner.process.pid, flush=True)
time.sleep(600)
"""


def alive(pid):
    """True while pid is a process that has not ended (a zombie has ended)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def command_line(pid):
    with open(f"/proc/{pid}/cmdline", "rb") as f:
        return [a.decode() for a in f.read().split(b"\0") if a]


def kill_tree(pid):
    """SIGKILL pid and its descendants (JJava's own launcher JVM starts the kernel JVM as its child)."""
    children = [int(d) for d in os.listdir("/proc") if d.isdigit() and alive(int(d))
                and open(f"/proc/{d}/stat").read().rsplit(")", 1)[1].split()[1] == str(pid)]
    for child in children:
        kill_tree(child)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def kernel_under_parent(case, env):
    """Starts the kernel from a parent process with env, checks the JVM's options, kills the parent, checks the JVM
    ends. Returns a failure message or None."""
    log = tempfile.TemporaryFile(mode="w+")  # the parent's and the kernel's stderr, shown if the parent fails
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, stderr=log, text=True,
                              env=env, cwd=os.path.join(ROOT, "notebooks"), start_new_session=True)
    try:
        line = parent.stdout.readline().strip()
        if not line.isdigit():
            log.seek(0)
            return f"{case}: the parent printed no kernel pid (exit code {parent.poll()}): {line!r}\n{log.read()[-2000:]}"
        kernel = int(line)
        argv = command_line(kernel) if alive(kernel) else []
        missing = [o for o in JVM_OPTIONS if o not in argv]
        if not argv or os.path.basename(argv[0]) != "java" or missing or any("launcher" in a for a in argv):
            kill_tree(kernel)
            return f"{case}: the kernel is not the project's JVM (missing {missing}): {' '.join(argv) or 'gone'}"
        parent.kill()
        parent.wait()
        killed = time.monotonic()
        while alive(kernel) and time.monotonic() - killed < ORPHAN_LIMIT:
            time.sleep(0.05)
        if alive(kernel):
            os.kill(kernel, signal.SIGKILL)
            return f"{case}: the kernel JVM (pid {kernel}) outlived its SIGKILLed parent by more than {ORPHAN_LIMIT:.0f} s"
        print(f"PASS {case}: the JVM has the project's options ({' '.join(JVM_OPTIONS)}); it ended "
              f"{time.monotonic() - killed:.2f} s after its parent was killed")
        return None
    finally:
        if parent.poll() is None:
            parent.kill()


def conda_env(home):
    """The environment a server in a user-owned conda env runs with: no JUPYTER_PATH, the env preferred."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    env.update(HOME=home, CONDA_PREFIX=sys.prefix, CONDA_DEFAULT_ENV="softmax-lab")
    return env


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--kernel-dir", required=True)
    args = p.parse_args()
    failures = []
    lab = dict(os.environ, JUPYTER_PATH=os.path.abspath(args.kernel_dir))
    failures.append(kernel_under_parent("lab.sh / test.sh", lab))
    with tempfile.TemporaryDirectory() as home:
        failures.append(kernel_under_parent("conda", conda_env(home)))
        folder = os.path.join(sys.prefix, "share", "jupyter", "kernels", NAME)
        shutil.copyfile(os.path.join(folder, WHEEL_SPEC), os.path.join(folder, "kernel.json"))
        if not kernel_under_parent("the jjava wheel's own kernelspec (must fail)", conda_env(home)):
            failures.append("the check passed the jjava wheel's own kernelspec, which has none of the options")
        env = conda_env(home)
        env.update(PATH=os.path.dirname(sys.executable) + os.pathsep + env["PATH"], SOFTMAXLAB_BUILT="1")
        built = subprocess.run(["bash", "binder/postBuild"], cwd=ROOT, env=env, capture_output=True, text=True)
        if built.returncode:
            failures.append(f"Binder: binder/postBuild failed ({built.returncode}): {built.stderr[-2000:]}")
        else:
            failures.append(kernel_under_parent("Binder", conda_env(home)))
    failures = [f for f in failures if f]
    for f in failures:
        print(f"FAIL {f}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
