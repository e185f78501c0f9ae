"""Run the notebooks headless in a real Jupyter kernel (nbclient), in name order, with notebooks/ as working directory.

  runner.py test     execute, fail on any error or stderr output, a failed check or a timeout, and fail when a stored
                     text output differs from the fresh one; write executed notebooks + HTML to --out
  runner.py run      execute and export only (no comparison with stored outputs)
  runner.py refresh  execute and write the fresh outputs back into the notebooks (refuses if a cell fails)

Stored outputs are compared as text after normalizing what legitimately changes between runs: execution counts,
ANSI colours, the checkout's absolute path (stored as <checkout>), object hash codes (`Foo@1b6d3586`), UUIDs (display ids) and image bytes
(an image compares by MIME type and pixel size). Cells tagged `timing` run but their outputs are not compared.
"""
import argparse
import difflib
import glob
import os
import re
import shutil
import struct
import sys
import time
import base64

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

TIMING_TAG = "timing"
CHECKOUT = "<checkout>"  # stands for the checkout's absolute path in stored outputs (it differs per clone)
KERNEL = "java"
# Seconds to wait for a started kernel's first answer, per attempt: it answers within a second of binding its sockets
# unless it lost one of the start-up races described in start_kernel.
JJAVA_STARTUP = 60  # seconds for JJava's first answer; it starts in about 2 s (notebooks/tools/kernelstarts.py)
# rapaio: per attempt; a start that lost a race costs ~5 s; seen to happen 3 times in a row
STARTUP_TIMEOUTS = (3,) * 7 + (10, 20, 60)
BIND_TIMEOUT = 60  # seconds for rapaio's JVM to start and bind its sockets
# JJava 1.0a8 answers a shutdown request but its JVM lives on (its non-daemon thread "jjava-exec-…" is never
# stopped): jupyter_client waits this long for the process to end, then kills it (default 5 s; the cells are done).
SHUTDOWN_WAIT = 1.0
MEMORY_LIMIT_MB = 500  # a kernel's peak resident memory per notebook: 30 attendees on a 16 GB workshop server
BOUND = re.compile(r"Channel\]: Binding ")  # rapaio's log line per bound socket
HANDLERS_SETTLE = 0.5  # seconds between the last socket bound and rapaio's handlers registered (microseconds, really)
DIFF_LINES = 20
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")
# Noise-level numbers (|x| < 1e-9 in scientific notation: a rounding residue or a finite-difference error) may differ
# in their digits between CPUs and JDKs; the notebooks' own checks bound them, the comparison only sees that they are tiny.
TINY = re.compile(r"(?<![\w.])[-+]?\d+(?:\.\d+)?[eE]-(?:0*(?:9|[1-9]\d+))\b")
HASH = re.compile(r"(\b[A-Za-z_$][\w$.]*(?:\[\])*)@[0-9a-f]{1,8}\b")
# A Java `assert` never fires in a notebook (JShell kernels run without -ea): a check written that way cannot fail.
ASSERT = re.compile(r"^\s*assert[\s(]", re.M)
LINE_LIMIT = 100  # characters per line of a code cell: the team's style, and what a notebook shows without scrolling


class Failure(Exception):
    """A notebook failed; the message names the notebook and the cell; `executed` keeps what ran, for the export."""

    def __init__(self, message, executed=None):
        super().__init__(message)
        self.executed = executed


def first_line(cell):
    lines = [l for l in cell.source.splitlines() if l.strip()]
    return lines[0].strip() if lines else "(empty)"


def where(name, index, cell):
    return f"{name}: cell {index} `{first_line(cell)}`"


def png_size(b64):
    data = base64.b64decode(b64)
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return width, height


class Normalizer:
    def __init__(self, root):
        self.roots = sorted({os.path.realpath(root), os.path.abspath(root)}, key=len, reverse=True)

    def text(self, s):
        s = ANSI.sub("", s)
        for root in self.roots:
            s = s.replace(root, CHECKOUT)
        s = UUID.sub("<uuid>", s)
        s = TINY.sub("<tiny>", s)
        s = HASH.sub(r"\1@<hash>", s)
        return "\n".join(line.rstrip() for line in s.splitlines())

    def outputs(self, outputs):
        """Outputs of one cell as comparable text lines; consecutive stream chunks merged (chunking varies)."""
        lines, stream = [], None
        for out in outputs:
            kind = out["output_type"]
            if kind == "stream":
                if stream and stream[0] == out["name"]:
                    stream[1].append(out["text"])
                    continue
                stream = (out["name"], [out["text"]])
                lines.append(stream)
                continue
            stream = None
            if kind == "error":
                lines.append(f"[error] {out['ename']}: {self.text(out['evalue'])}")
            else:
                for mime in sorted(out.get("data", {})):
                    value = out["data"][mime]
                    if mime.startswith("image/"):
                        size = png_size(value) if mime == "image/png" else None
                        lines.append(f"[{kind} {mime}] " + ("%dx%d" % size if size else "(image)"))
                    else:
                        value = value if isinstance(value, str) else "".join(value) if isinstance(value, list) \
                            else repr(value)
                        if mime == "text/html":  # one tag per line, so a diff shows the changed cell, not the page
                            value = value.replace("><", ">\n<")
                        lines.append(f"[{kind} {mime}]\n{self.text(value)}")
        rendered = []
        for item in lines:
            if isinstance(item, tuple):
                rendered.append(f"[{item[0]}]\n{self.text(''.join(item[1]))}")
            else:
                rendered.append(item)
        return "\n".join(rendered).splitlines()


def lint(name, nb):
    spec = nb.metadata.get("kernelspec", {})
    if spec.get("name") != KERNEL:
        raise Failure(f"{name}: metadata kernelspec name is {spec.get('name')!r}; expected {KERNEL!r} "
                      f"(the name IJava, JJava and the setup's rapaio install share)")
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and ASSERT.search(cell.source):
            raise Failure(f"{where(name, index, cell)}: uses `assert`, which JShell kernels never evaluate; "
                          f"throw instead (e.g. `if (!ok) throw new AssertionError(...)`)")
        if cell.cell_type == "code":
            for number, line in enumerate(cell.source.splitlines(), 1):
                if len(line) > LINE_LIMIT:
                    raise Failure(f"{where(name, index, cell)}: line {number} has {len(line)} characters, over the "
                                  f"{LINE_LIMIT} a code line may have: {shorten(line, 60)}")


# A notebook that loads the library must show it richly: a chart, a table and an equation from the library.
LIBRARY_LINE = re.compile(r"^%classpath\s+\S*softmax-lab\s*$", re.M)
RICH = {
    "image/png chart": lambda mime, text: mime == "image/png",
    'text/html table from the library (<table class="softmaxlab">)':
        lambda mime, text: mime == "text/html" and '<table class="softmaxlab"' in text,
    "equation (text/latex, or text/markdown with $...$)":
        lambda mime, text: mime == "text/latex" or (mime == "text/markdown" and "$" in text),
}


def require_rich(name, nb):
    """Raise Failure naming what a library notebook's executed outputs lack of RICH (a kernel showing toString())."""
    if not any(c.cell_type == "code" and LIBRARY_LINE.search(c.source) for c in nb.cells):
        return
    seen = set()
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            for mime, value in out.get("data", {}).items():
                text = value if isinstance(value, str) else "".join(value) if isinstance(value, list) else ""
                seen.update(k for k, test in RICH.items() if test(mime, text))
    missing = [k for k in RICH if k not in seen]
    if missing:
        raise Failure(f"{name}: loads the library but its outputs show no {'; no '.join(missing)}", nb)


def coalesce_streams(cell):
    """Join consecutive chunks of one stream, as Jupyter's own front ends show them."""
    merged = []
    for out in cell.get("outputs", []):
        if out["output_type"] == "stream" and merged and merged[-1]["output_type"] == "stream" \
                and merged[-1]["name"] == out["name"]:
            merged[-1]["text"] += out["text"]
        else:
            merged.append(out)
    cell.outputs = merged


def wait_for_sockets(log_path, offset, seconds):
    """Wait until rapaio's log (from byte `offset`) shows its five sockets bound; False on timeout."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with open(log_path, errors="replace") as f:
            f.seek(offset)
            if len(BOUND.findall(f.read())) >= 5:
                return True
        time.sleep(0.1)
    return False


def kernel_kind(kernel_dirs):
    """"jjava" or "rapaio": what kernel.py wrote into the private kernelspec's metadata."""
    spec = KernelSpecManager(kernel_dirs=kernel_dirs).get_kernel_spec(KERNEL)
    return spec.metadata.get("softmax-lab", {}).get("kernel", "jjava")


def start_kernel(name, nb, cwd, kernel_dirs, timeout, kernel_log):
    """A client with a started, answering kernel.

    JJava starts once: a kernel that does not answer within JJAVA_STARTUP seconds fails the run (nothing is hidden).
    rapaio 3.0.1 (opt-in) has two start-up races, frequent on a busy machine, worked around here:
    - LoopThread.start() sets its `running` flag after Thread.start(); a channel thread that runs first sees false
      and ends at once: a kernel without a shell thread never answers. Nothing to do but start it again.
    - Channels.connect binds the five sockets and only then registers the message handlers; a kernel_info request
      queued by a client that connected first arrives in between, and a NullPointerException kills the shell thread.
      Avoided: the client connects once the kernel's log shows all sockets bound, plus a moment."""
    rapaio = kernel_kind(kernel_dirs) == "rapaio"
    attempts = STARTUP_TIMEOUTS if rapaio else (JJAVA_STARTUP,)
    for attempt, startup in enumerate(attempts, 1):
        km = AsyncKernelManager(kernel_name=KERNEL, kernel_spec_manager=KernelSpecManager(kernel_dirs=kernel_dirs),
                                shutdown_wait_time=SHUTDOWN_WAIT)
        client = NotebookClient(nb, km=km, timeout=timeout, startup_timeout=startup, allow_errors=True,
                                resources={"metadata": {"path": cwd}})
        try:
            offset = os.path.getsize(kernel_log.name)
            client.start_new_kernel(stdout=kernel_log, stderr=kernel_log)
            if rapaio and wait_for_sockets(kernel_log.name, offset, BIND_TIMEOUT):
                time.sleep(HANDLERS_SETTLE)
            client.start_new_kernel_client()
            return client
        except RuntimeError as e:
            if km.has_kernel:
                client._cleanup_kernel()
            if attempt == len(attempts):
                raise Failure(f"{name}: the kernel did not start in {attempt} attempt(s) ({e}); see {kernel_log.name}")
            print(f"  {name}: rapaio did not answer within {startup} s of binding its sockets; starting it again",
                  flush=True)


def peak_rss_mb(pid):
    """Peak resident memory (VmHWM) of process `pid` and its descendants, in MB; None where /proc is unavailable."""
    total, todo = 0, [pid]
    try:
        while todo:
            p = todo.pop()
            with open(f"/proc/{p}/status") as f:
                total += next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
    except (OSError, StopIteration):
        return None
    return total / 1024


def execute(path, cwd, kernel_dirs, timeout, log):
    """Execute a copy of the notebook cell by cell; return it, the kernel's peak resident memory in MB and where the
    time went (see `where_time_went`), or raise Failure naming the failing cell. The kernel's own log (stderr) goes to
    the file `log`."""
    name = os.path.basename(path)
    nb = nbformat.read(path, as_version=4)
    lint(name, nb)
    times = {"start": time.monotonic(), "cells": 0.0, "slowest": (0.0, None, None)}
    with open(log, "w") as kernel_log:
        client = start_kernel(name, nb, cwd, kernel_dirs, timeout, kernel_log)
        with client.setup_kernel(cleanup_kc=True):  # already started: this only shuts the kernel down at the end
            info = client.wait_for_reply(client.kc.kernel_info())
            nb.metadata["language_info"] = info["content"]["language_info"]
            times["ready"] = time.monotonic()
            for index, cell in enumerate(nb.cells):
                t0 = time.monotonic()
                try:
                    client.execute_cell(cell, index)
                except CellTimeoutError:
                    raise Failure(f"{where(name, index, cell)}: timed out after {timeout} s", nb)
                except (CellExecutionError, DeadKernelError) as e:
                    raise Failure(f"{where(name, index, cell)}: {type(e).__name__}: {str(e).strip()[-500:]}", nb)
                if cell.cell_type == "code":
                    coalesce_streams(cell)
                for out in cell.get("outputs", []):
                    if out["output_type"] == "error":
                        trace = ANSI.sub("", "\n".join(out.get("traceback", [])))
                        raise Failure(f"{where(name, index, cell)}: {out['ename']}: {out['evalue']}\n{trace}", nb)
                    if out["output_type"] == "stream" and out["name"] == "stderr":
                        raise Failure(f"{where(name, index, cell)}: wrote to stderr:\n{out['text'].strip()[:500]}", nb)
                took = time.monotonic() - t0
                times["cells"] += took
                if took > times["slowest"][0]:
                    times["slowest"] = (took, index, cell)
            peak = peak_rss_mb(client.km.provisioner.process.pid)
            times["shutdown"] = time.monotonic()
    if peak is not None and peak > MEMORY_LIMIT_MB:
        raise Failure(f"{name}: the kernel's peak resident memory was {peak:.0f} MB, over the {MEMORY_LIMIT_MB} MB "
                      f"a workshop server allows per kernel (JVM options: notebooks/tools/kernel.py)", nb)
    times["end"] = time.monotonic()
    return nb, peak, times


def where_time_went(times):
    """Kernel start (to its first kernel_info reply), all cells, the slowest cell, the kernel's shutdown."""
    took, index, cell = times["slowest"]
    first = cell.source.strip().splitlines()[0][:40] if cell is not None and cell.source.strip() else ""
    return (f"start {times['ready'] - times['start']:.1f} s, cells {times['cells']:.1f} s (slowest: cell {index}, "
            f"{took:.1f} s, {first!r}), shutdown {times['end'] - times['shutdown']:.1f} s")


def shorten(line, width=160):
    return line if len(line) <= width else line[:width] + f"... ({len(line) - width} more characters)"


def compare(name, stored, fresh, normalizer):
    """Raise Failure at the first code cell whose stored text outputs differ from the fresh ones."""
    for index, (old, new) in enumerate(zip(stored.cells, fresh.cells)):
        if old.cell_type != "code" or TIMING_TAG in old.metadata.get("tags", []):
            continue
        a, b = normalizer.outputs(old.get("outputs", [])), normalizer.outputs(new.get("outputs", []))
        if a != b:
            diff = list(difflib.unified_diff(a, b, "stored", "fresh", lineterm="", n=1))
            more = f"\n  ... ({len(diff) - DIFF_LINES} more diff lines)" if len(diff) > DIFF_LINES else ""
            raise Failure(f"{where(name, index, old)}: stored output differs from the fresh run "
                          f"(refresh with notebooks/test.sh --refresh if the change is intended):\n  "
                          + "\n  ".join(shorten(line) for line in diff[:DIFF_LINES]) + more)


def without_checkout_path(nb, normalizer):
    """Stored outputs must not depend on where the notebook ran: the checkout path becomes <checkout>."""
    def fix(value):
        if isinstance(value, list):
            return [fix(v) for v in value]
        if isinstance(value, str):
            for root in normalizer.roots:
                value = value.replace(root, CHECKOUT)
        return value
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            for key in ("text", "evalue", "traceback"):
                if key in out:
                    out[key] = fix(out[key])
            for mime, value in out.get("data", {}).items():
                if not mime.startswith("image/"):
                    out["data"][mime] = fix(value)


# MathJax 2 (what nbconvert's HTML template configures), from the npm registry, copied beside the exports and loaded
# by a relative address: the HTML typesets its equations offline, on any machine. SVG output needs no web fonts.
MATHJAX_URL = "mathjax/MathJax.js?config=TeX-AMS_SVG-full,Safe"
MATHJAX_PARTS = ("MathJax.js", "config/TeX-AMS_SVG-full.js", "config/Safe.js", "extensions", "jax/element",
                 "jax/input/TeX", "jax/output/SVG/config.js", "jax/output/SVG/jax.js", "jax/output/SVG/autoload",
                 "jax/output/SVG/fonts/TeX", "localization/en")


def copy_mathjax(source, out_dir):
    target = os.path.join(out_dir, "mathjax")
    for part in MATHJAX_PARTS:
        src, dst = os.path.join(source, part), os.path.join(target, part)
        if os.path.isdir(src):
            shutil.copytree(src, dst, dirs_exist_ok=True)
        elif os.path.isfile(src):
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copy2(src, dst)
        else:  # an export missing a part would show raw $...$: say which part, not a blank page later
            raise SystemExit(f"runner.py: {src} is missing from the MathJax package (npm ci in notebooks/browser)")


def export(nb, out_dir, name):
    from nbconvert import HTMLExporter
    os.makedirs(out_dir, exist_ok=True)
    nbformat.write(nb, os.path.join(out_dir, name))
    exporter = HTMLExporter(mathjax_url=MATHJAX_URL, template_name="softmaxlab",
                            extra_template_basedirs=[os.path.join(os.path.dirname(os.path.abspath(__file__)), "html")])
    html, _ = exporter.from_notebook_node(nb)
    target = os.path.join(out_dir, os.path.splitext(name)[0] + ".html")
    with open(target, "w", encoding="utf-8") as f:
        f.write(html)
    return target


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("mode", choices=["test", "run", "refresh"])
    p.add_argument("notebooks", nargs="*", help="notebooks to run (default: notebooks/*.ipynb in name order)")
    p.add_argument("--kernel-dir", required=True, help="folder holding kernels/java/kernel.json (see kernel.py)")
    p.add_argument("--cwd", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                   help="working directory of the kernel (default: notebooks/)")
    p.add_argument("--out", required=True, help="folder for executed notebooks and HTML")
    p.add_argument("--mathjax", required=True, help="MathJax 2 package folder (npm), copied beside the HTML exports")
    p.add_argument("--root", default=None, help="checkout root, stored and compared as <checkout>")
    p.add_argument("--timeout", type=int, default=int(os.environ.get("NOTEBOOK_CELL_TIMEOUT", "300")),
                   help="seconds per cell (default 300, env NOTEBOOK_CELL_TIMEOUT)")
    args = p.parse_args()
    kernel_dirs = [os.path.join(os.path.abspath(args.kernel_dir), "kernels")]
    paths = args.notebooks or sorted(glob.glob(os.path.join(args.cwd, "*.ipynb")))
    normalizer = Normalizer(args.root or os.path.dirname(os.path.abspath(args.cwd)))
    if not os.path.isfile(os.path.join(args.mathjax, "MathJax.js")):
        p.error(f"--mathjax {args.mathjax}: no MathJax.js there (npm ci in notebooks/browser)")
    copy_mathjax(args.mathjax, args.out)
    passed, failed, started = 0, 0, time.monotonic()
    for path in paths:
        name, t0 = os.path.basename(path), time.monotonic()
        try:
            os.makedirs(args.out, exist_ok=True)
            log = os.path.join(args.out, os.path.splitext(name)[0] + ".kernel.log")
            fresh, peak, times = execute(path, os.path.abspath(args.cwd), kernel_dirs, args.timeout, log)
            require_rich(name, fresh)
            if args.mode == "test":
                try:
                    compare(name, nbformat.read(path, as_version=4), fresh, normalizer)
                except Failure as e:
                    e.executed = fresh
                    raise
            if args.mode == "refresh":
                without_checkout_path(fresh, normalizer)
                nbformat.write(fresh, path)
                detail = f"outputs written to {path}"
            else:
                detail = export(fresh, args.out, name)
            passed += 1
            memory = f"{peak:4.0f} MB" if peak is not None else "   ? MB"
            print(f"PASS {name} {time.monotonic() - t0:6.1f} s {memory} peak  {detail}\n"
                  f"  {where_time_went(times)}", flush=True)
        except Failure as e:
            failed += 1
            shown = f"  (executed copy: {export(e.executed, args.out, name)})" if e.executed and args.mode != "refresh" else ""
            print(f"FAIL {name} {time.monotonic() - t0:6.1f} s{shown}\n  {e}", flush=True)
        except Exception as e:  # kernel did not start, unreadable notebook, ...: still name the notebook
            failed += 1
            print(f"FAIL {name} {time.monotonic() - t0:6.1f} s\n  {name}: {type(e).__name__}: {e}", flush=True)
    print(f"Notebooks: {time.monotonic() - started:.1f} s; HTML and executed copies in {os.path.abspath(args.out)}"
          if args.mode != "refresh" else f"Notebooks: {time.monotonic() - started:.1f} s")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed or not paths else 0)


if __name__ == "__main__":
    main()
