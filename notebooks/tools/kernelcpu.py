"""Where a notebook's kernel CPU goes: a benchmark (run it under flock /tmp/softmaxlab-heavy.lock), not a test.

  .venv/bin/python notebooks/tools/kernelcpu.py --kernel-dir target/jupyter [--runs 3] NOTEBOOK...

Starts the project's kernel (D/kernels/java/kernel.json), runs every code cell of each notebook in order, and reads
the kernel's CPU time (utime + stime of all its threads, /proc/PID/stat) at its first reply and after each cell, and
per thread at the end (/proc/PID/task/*: JIT compiler threads, GC, the threads that compile and run cells). Prints per
run: wall time, kernel CPU-s (start, cells, total), the costliest cells, CPU by thread kind; then medians. With --cells,
also every cell's CPU by thread kind (read before and after it): which cells cost javac time, which run long.
"""
import argparse
import json
import os
import re
import statistics
import time

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(stat_path):
    fields = open(stat_path).read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime (fields 14 and 15 of stat)


def thread_kind(name):
    """Groups the JVM's thread names: JShell compiling cells (JJava's Shell threads run javac), running them
    (jjava-exec), the C1/C2 compiler threads, GC, the main thread (start-up), the rest."""
    for kind, pattern in (("JShell compiling", r"^Shell-"), ("running cells", r"^jjava-exec"),
                          ("JIT", r"^C[12] Compiler"), ("GC", r"GC|^VM Thread"), ("start (main thread)", r"^java$")):
        if re.search(pattern, name):
            return kind
    return "other"


def by_thread(pid, group=thread_kind):
    """CPU seconds of the JVM's live threads, summed by group(thread name)."""
    totals = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            name = group(open(f"/proc/{pid}/task/{tid}/comm").read().strip())
            totals[name] = totals.get(name, 0) + cpu_seconds(f"/proc/{pid}/task/{tid}/stat")
        except FileNotFoundError:  # a thread that ended meanwhile (its time stays in the process total)
            pass
    return totals


def run_cell(client, source, timeout):
    msg_id = client.execute(source, store_history=True)
    outputs, error = 0, None
    deadline = time.monotonic() + timeout
    while True:
        msg = client.get_iopub_msg(timeout=max(1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "error":
            error = f"{msg['content']['ename']}: {msg['content']['evalue']}"
        elif kind in ("display_data", "update_display_data", "execute_result", "stream"):
            outputs += 1
        elif kind == "status" and msg["content"]["execution_state"] == "idle":
            return outputs, error


def one_run(path, kernel_dirs, timeout):
    cells = [("".join(c["source"]) if isinstance(c["source"], list) else c["source"])
             for c in json.load(open(path))["cells"] if c["cell_type"] == "code"]
    km = KernelManager(kernel_name="java", kernel_spec_manager=KernelSpecManager(kernel_dirs=kernel_dirs))
    t0 = time.monotonic()
    km.start_kernel(cwd=os.path.dirname(os.path.abspath(path)))
    client = km.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=120)
        pid = km.provisioner.process.pid
        stat = f"/proc/{pid}/stat"
        start = cpu_seconds(stat)
        per_cell, before, kinds, by_cell = [], start, by_thread(pid), []
        for i, source in enumerate(cells):
            outputs, error = run_cell(client, source, timeout)
            if error:
                raise RuntimeError(f"{os.path.basename(path)}: code cell {i} failed: {error}")
            now, kinds_now = cpu_seconds(stat), by_thread(pid)
            per_cell.append((now - before, i, source.splitlines()[0][:50], outputs))
            by_cell.append({k: v - kinds.get(k, 0) for k, v in kinds_now.items()})
            before, kinds = now, kinds_now
        return {"wall": time.monotonic() - t0, "start": start, "cells": before - start, "total": before,
                "top": sorted(per_cell, reverse=True)[:4], "threads": kinds, "by_cell": by_cell,
                "order": per_cell, "names": by_thread(pid, lambda name: name)}
    finally:
        client.stop_channels()
        km.shutdown_kernel(now=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("notebooks", nargs="+")
    p.add_argument("--kernel-dir", required=True)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--timeout", type=int, default=300, help="seconds per cell")
    p.add_argument("--threads", action="store_true", help="also the ten costliest threads by name")
    p.add_argument("--cells", action="store_true", help="also every cell's CPU-s by thread kind")
    args = p.parse_args()
    kernel_dirs = [os.path.join(os.path.abspath(args.kernel_dir), "kernels")]
    for path in args.notebooks:
        runs = []
        for r in range(args.runs):
            m = one_run(path, kernel_dirs, args.timeout)
            runs.append(m)
            print(f"{os.path.basename(path)} run {r + 1}: wall {m['wall']:.1f} s, kernel CPU {m['total']:.2f} s "
                  f"(start {m['start']:.2f}, cells {m['cells']:.2f}); by thread: "
                  + ", ".join(f"{k} {v:.2f}" for k, v in sorted(m["threads"].items(), key=lambda kv: -kv[1])))
            if args.threads:
                print("    threads: " + ", ".join(f"{n} {v:.2f}" for n, v in
                                                  sorted(m["names"].items(), key=lambda kv: -kv[1])[:10]))
            if args.cells:
                for (cpu, i, first, outs), kinds in zip(m["order"], m["by_cell"]):
                    print(f"    cell {i:2d} {cpu:5.2f} s: " + ", ".join(f"{k} {v:.2f}" for k, v in
                                                            sorted(kinds.items(), key=lambda kv: -kv[1]) if v >= 0.005)
                          + f"  {first!r}")
            print("    costliest cells: " + "; ".join(f"#{i} {c:.2f} s ({outs} outputs) {first!r}"
                                                     for c, i, first, outs in m["top"]))
        med = {k: statistics.median(m[k] for m in runs) for k in ("wall", "start", "cells", "total")}
        print(f"{os.path.basename(path)} median of {len(runs)}: wall {med['wall']:.1f} s, kernel CPU "
              f"{med['total']:.2f} s (start {med['start']:.2f}, cells {med['cells']:.2f})")


if __name__ == "__main__":
    main()
