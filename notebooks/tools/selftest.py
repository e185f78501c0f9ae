"""Self-test of the notebook runner: it must catch what it is there to catch.

Runs the runner (given after `--`) on doctored copies of the first notebook in target/selftest/ and checks that
  - a cell that throws fails the run, naming the notebook, the cell index and its first line;
  - a hand-edited stored output fails the run, naming the cell and showing the diff;
  - the same edit in a cell tagged `timing` is not compared (the run passes);
  - a check written with Java's `assert` (never evaluated in JShell) is rejected.
Exits 1 with the runner's output when any expectation fails.
"""
import copy
import glob
import os
import subprocess
import sys

import nbformat

HERE = os.path.dirname(os.path.abspath(__file__))
NOTEBOOKS = os.path.dirname(HERE)
OUT = os.path.join(os.path.dirname(NOTEBOOKS), "target", "selftest")


def first_text_cell(nb):
    """Index of the first code cell with a stream output (the one the tampering edits)."""
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and index > 1 and any(o["output_type"] == "stream" for o in cell.outputs):
            return index
    sys.exit(f"selftest: no code cell with text output after cell 1 in the source notebook")


def first_line(cell):
    return next(l.strip() for l in cell.source.splitlines() if l.strip())


def main():
    runner = sys.argv[sys.argv.index("--") + 1:]
    source = sorted(glob.glob(os.path.join(NOTEBOOKS, "*.ipynb")))[0]
    original = nbformat.read(source, as_version=4)
    os.makedirs(OUT, exist_ok=True)
    target = first_text_cell(original)
    line = first_line(original.cells[target])
    cases = []

    broken = copy.deepcopy(original)
    broken.cells.insert(2, nbformat.v4.new_code_cell('throw new IllegalStateException("selftest: deliberate failure");'))
    cases.append(("broken.ipynb", broken, 1,
                  ['broken.ipynb: cell 2 `throw new IllegalStateException("selftest: deliberate failure");`',
                   "deliberate failure", "0 passed, 1 failed"]))

    tampered = copy.deepcopy(original)
    stream = next(o for o in tampered.cells[target].outputs if o["output_type"] == "stream")
    stream["text"] += "a line nobody computed\n"
    cases.append(("tampered.ipynb", tampered, 1,
                  [f"tampered.ipynb: cell {target} `{line}`", "stored output differs",
                   "-a line nobody computed", "0 passed, 1 failed"]))

    timing = copy.deepcopy(tampered)
    timing.cells[target].metadata["tags"] = ["timing"]
    cases.append(("timing.ipynb", timing, 0, ["PASS timing.ipynb", "1 passed, 0 failed"]))

    asserted = copy.deepcopy(original)
    asserted.cells.insert(2, nbformat.v4.new_code_cell("assert 1 + 1 == 3 : \"never evaluated\";"))
    cases.append(("assert.ipynb", asserted, 1, ["assert.ipynb: cell 2 `assert 1 + 1 == 3", "uses `assert`"]))

    failures = 0
    for name, nb, code, expected in cases:
        path = os.path.join(OUT, name)
        nbformat.write(nb, path)
        # --cwd: the copies run in notebooks/, like the originals (relative paths such as ../lib/target resolve).
        run = subprocess.run(runner + ["test", path, "--cwd", NOTEBOOKS, "--out", os.path.join(OUT, "out")],
                             capture_output=True, text=True)
        missing = [e for e in expected if e not in run.stdout]
        if run.returncode != code or missing:
            failures += 1
            print(f"runner self-test FAILED for {name}: exit {run.returncode} (expected {code}); "
                  f"missing in output: {missing}\n--- runner output ---\n{run.stdout}{run.stderr}")
    print(f"Runner self-test: {len(cases) - failures} of {len(cases)} cases behave "
          f"(thrown exception, edited output, timing tag, assert)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
