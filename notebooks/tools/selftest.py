"""Self-test of the notebook runner: it must catch what it is there to catch.

Runs the runner (given after `--`) on a small notebook of its own with hand-written stored outputs (so it does not
depend on the project's notebooks being up to date) and on doctored copies of it, in target/selftest/, and checks:
  - the notebook as stored passes;
  - a cell that throws fails the run, naming the notebook, the cell index and its first line;
  - a hand-edited stored output fails the run, naming the cell and showing the diff;
  - the same edit in a cell tagged `timing` is not compared (the run passes);
  - a check written with Java's `assert` (never evaluated in JShell) is rejected;
  - a code line over 100 characters is rejected, naming the cell and the line;
  - a notebook that loads the library but shows no chart, library table or equation fails.
Exits 1 with the runner's output when any expectation fails.
"""
import copy
import os
import subprocess
import sys

import nbformat
from nbformat.v4 import new_code_cell, new_notebook, new_output

HERE = os.path.dirname(os.path.abspath(__file__))
NOTEBOOKS = os.path.dirname(HERE)
OUT = os.path.join(os.path.dirname(NOTEBOOKS), "target", "selftest")


def stored_notebook():
    """Three cells whose outputs any Java kernel prints identically: the stored outputs are known in advance."""
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "java", "display_name": "Java", "language": "java"}
    nb.cells = [
        new_code_cell("int two = 1 + 1;"),
        new_code_cell('System.out.println("two = " + two);',
                      outputs=[new_output("stream", name="stdout", text="two = 2\n")]),
        new_code_cell('System.out.println("four = " + two * two);',
                      outputs=[new_output("stream", name="stdout", text="four = 4\n")]),
    ]
    return nb


def main():
    runner = sys.argv[sys.argv.index("--") + 1:]
    original = stored_notebook()
    os.makedirs(OUT, exist_ok=True)
    cases = [("stored.ipynb", original, 0, ["PASS stored.ipynb", "1 passed, 0 failed"])]

    broken = copy.deepcopy(original)
    broken.cells.insert(2, new_code_cell('throw new IllegalStateException("selftest: deliberate failure");'))
    cases.append(("broken.ipynb", broken, 1,
                  ['broken.ipynb: cell 2 `throw new IllegalStateException("selftest: deliberate failure");`',
                   "deliberate failure", "0 passed, 1 failed"]))

    tampered = copy.deepcopy(original)
    tampered.cells[1].outputs[0]["text"] = "two = 3\n"
    cases.append(("tampered.ipynb", tampered, 1,
                  ['tampered.ipynb: cell 1 `System.out.println("two = " + two);`', "stored output differs",
                   "-two = 3", "+two = 2", "0 passed, 1 failed"]))

    timing = copy.deepcopy(tampered)
    timing.cells[1].metadata["tags"] = ["timing"]
    cases.append(("timing.ipynb", timing, 0, ["PASS timing.ipynb", "1 passed, 0 failed"]))

    asserted = copy.deepcopy(original)
    asserted.cells.insert(2, new_code_cell('assert two == 3 : "never evaluated";'))
    cases.append(("assert.ipynb", asserted, 1, ["assert.ipynb: cell 2 `assert two == 3", "uses `assert`"]))

    wide = copy.deepcopy(original)
    wide.cells.insert(2, new_code_cell("int three = 3;\nint sum = three; // " + "-" * 81))
    cases.append(("wide.ipynb", wide, 1, ["wide.ipynb: cell 2 `int three = 3;`", "line 2 has 101 characters"]))

    plain = copy.deepcopy(original)
    plain.cells.insert(0, new_code_cell("%classpath ../lib/target/softmax-lab"))
    cases.append(("plain.ipynb", plain, 1, ["plain.ipynb: loads the library but its outputs show no image/png chart",
                                            "no text/html table from the library", "no equation"]))

    failures = 0
    for name, nb, code, expected in cases:
        path = os.path.join(OUT, name)
        nbformat.write(nb, path)
        run = subprocess.run(runner + ["test", path, "--cwd", NOTEBOOKS, "--out", os.path.join(OUT, "out")],
                             capture_output=True, text=True)
        missing = [e for e in expected if e not in run.stdout]
        if run.returncode != code or missing:
            failures += 1
            print(f"runner self-test FAILED for {name}: exit {run.returncode} (expected {code}); "
                  f"missing in output: {missing}\n--- runner output ---\n{run.stdout}{run.stderr}")
    print(f"Runner self-test: {len(cases) - failures} of {len(cases)} cases behave "
          f"(stored passes, thrown exception, edited output, timing tag, assert, long line, "
          f"library without rich output)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
