"""Tests of the project's kernelspec as a server starts it: the kernel dies with its parent.

  kerneltest.py --kernel-dir D    D as for the runner (D/kernels/java/kernel.json)

No orphans: a throwaway parent process starts the kernel through the kernelspec with jupyter_client, as Jupyter
Server does; the kernel answers; the parent is killed with SIGKILL (nothing of it runs, as when a server is killed
or crashes); the kernel's JVM must be gone within 5 s. Exits 1 naming what failed.
"""
import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time

ORPHAN_LIMIT = 5.0  # seconds a kernel may outlive its parent

# The parent: starts the kernel from the kernelspec, waits for its first reply, prints the kernel's pid, then waits.
PARENT = """
import sys, time
from jupyter_client.manager import KernelManager
from jupyter_client.kernelspec import KernelSpecManager
km = KernelManager(kernel_name="java", kernel_spec_manager=KernelSpecManager(kernel_dirs=[sys.argv[1]]))
km.start_kernel()
client = km.client()
client.start_channels()
client.wait_for_ready(timeout=60)
print(km.provisioner.process.pid, flush=True)
time.sleep(600)
"""


def alive(pid):
    """True while pid is a process that has not been reaped or become a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def command_line(pid):
    with open(f"/proc/{pid}/cmdline", "rb") as f:
        return [a.decode() for a in f.read().split(b"\0") if a]


def orphan_check(kernels):
    log = tempfile.TemporaryFile(mode="w+")  # the parent's and the kernel's stderr, shown if the parent fails
    parent = subprocess.Popen([sys.executable, "-c", PARENT, kernels], stdout=subprocess.PIPE, stderr=log, text=True,
                              start_new_session=True)
    try:
        line = parent.stdout.readline().strip()
        if not line.isdigit():
            log.seek(0)
            return f"the parent printed no kernel pid (exit code {parent.poll()}): {line!r}\n{log.read()[-2000:]}"
        kernel = int(line)
        if not alive(kernel) or "java" not in os.path.basename(command_line(kernel)[0]):
            return f"process {kernel} is not a running JVM: {command_line(kernel) if alive(kernel) else 'gone'}"
        parent.kill()
        parent.wait()
        killed = time.monotonic()
        while alive(kernel) and time.monotonic() - killed < ORPHAN_LIMIT:
            time.sleep(0.05)
        took = time.monotonic() - killed
        if alive(kernel):
            os.kill(kernel, signal.SIGKILL)
            return f"the kernel JVM (pid {kernel}) outlived its SIGKILLed parent by more than {ORPHAN_LIMIT:.0f} s"
        print(f"PASS no orphan: the kernel JVM ended {took:.2f} s after its parent was killed")
        return None
    finally:
        if parent.poll() is None:
            parent.kill()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--kernel-dir", required=True)
    args = p.parse_args()
    failure = orphan_check(os.path.join(os.path.abspath(args.kernel_dir), "kernels"))
    if failure:
        print(f"FAIL {failure}")
        sys.exit(1)


if __name__ == "__main__":
    main()
