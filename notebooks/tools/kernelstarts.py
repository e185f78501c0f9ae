"""How reliably the project's kernel starts: N starts through jupyter_client, each timed to its first kernel_info reply.

  .venv/bin/python notebooks/tools/kernelstarts.py --kernel-dir target/jupyter [--starts 30] [--hang 20]

A start that gets no kernel_info reply within --hang seconds counts as a hang (the kernel is then killed). Prints one
line per start and a summary: starts, hangs, median and worst time to the first reply. Exits 1 when any start hung.
The kernel is whatever target/jupyter/kernels/java/kernel.json says (notebooks/tools/kernel.py: JJava by default,
SOFTMAXLAB_KERNEL=rapaio for rapaio): write it with lab.sh or test.sh first.
"""
import argparse
import statistics
import sys
import time

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager


def one_start(kernel_dirs, hang):
    """Seconds from launching the kernel process to its first kernel_info reply, or None if it hung."""
    km = KernelManager(kernel_name="java", kernel_spec_manager=KernelSpecManager(kernel_dirs=kernel_dirs))
    t0 = time.monotonic()
    km.start_kernel()
    client = km.client()
    client.start_channels()
    try:
        # One request, as a front end sends it: a kernel that lost a start-up race never answers it.
        client.kernel_info()
        client.get_shell_msg(timeout=hang)
        return time.monotonic() - t0
    except Exception:  # queue.Empty on timeout; a dead kernel also counts as a hang
        return None
    finally:
        client.stop_channels()
        km.shutdown_kernel(now=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--kernel-dir", required=True, help="folder holding kernels/java/kernel.json")
    p.add_argument("--starts", type=int, default=30)
    p.add_argument("--hang", type=float, default=20.0, help="seconds without a reply that count as a hang")
    args = p.parse_args()
    if args.starts < 1 or args.hang <= 0:
        p.error(f"--starts {args.starts} and --hang {args.hang} must be positive")
    kernel_dirs = [f"{args.kernel_dir}/kernels"]
    spec = KernelSpecManager(kernel_dirs=kernel_dirs).get_kernel_spec("java")
    kind = spec.metadata.get("softmax-lab", {}).get("kernel", spec.display_name)
    times, hangs = [], 0
    for i in range(1, args.starts + 1):
        t = one_start(kernel_dirs, args.hang)
        if t is None:
            hangs += 1
            print(f"start {i:2d}: HANG (no kernel_info reply in {args.hang:.0f} s)", flush=True)
        else:
            times.append(t)
            print(f"start {i:2d}: {t:5.2f} s", flush=True)
    median = f"{statistics.median(times):.2f} s" if times else "-"
    worst = f"{max(times):.2f} s" if times else "-"
    print(f"{kind}: {args.starts} starts, {hangs} hangs (no reply in {args.hang:.0f} s), "
          f"median {median}, worst {worst} to the first kernel_info reply")
    sys.exit(1 if hangs else 0)


if __name__ == "__main__":
    main()
