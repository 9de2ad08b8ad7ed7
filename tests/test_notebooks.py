"""Every notebook runs from top to bottom without an error (executed with nbclient).

Each notebook runs **in its own folder** (``notebooks/`` for the user notebooks), as
JupyterLab (``scripts/lab.sh``) and Voilà run it; so a notebook reads the bundled examples
as ``../examples/NAME.yaml`` (or through :mod:`orgmodel.datasets`), never as
``examples/NAME.yaml``. The kernel is ``python3`` of the interpreter running pytest (the
project's venv). The small notebooks of the browser tests (``tests/browser/notebooks``) run
here too, so they are checked even where no Chromium is installed.

Run only these: ``bash scripts/test.sh -m notebook``.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

REPO_ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO_ROOT / "notebooks").glob("*.ipynb")) + sorted(
    (REPO_ROOT / "tests" / "browser" / "notebooks").glob("*.ipynb")
)
CELL_TIMEOUT = 300  # seconds per cell
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def failure_text(nb: nbformat.NotebookNode, path: Path) -> str:
    """The first cell with an error output: its number, source and traceback."""
    for number, cell in enumerate(nb.cells, start=1):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                traceback = ANSI.sub("", "\n".join(out.get("traceback", [])))
                return (
                    f"{path.relative_to(REPO_ROOT)}: cell {number} failed with "
                    f"{out.get('ename')}: {out.get('evalue')}\n"
                    f"--- cell source ---\n{cell.source}\n--- traceback ---\n{traceback}"
                )
    return ""


def test_notebooks_are_found():
    # the folder of the browser-test notebooks is never empty, so this list is not either
    assert NOTEBOOKS, "no notebooks found"


@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_notebook_runs(path: Path):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},  # the kernel's working folder
    )
    try:
        client.execute()
    except CellExecutionError as error:
        pytest.fail(failure_text(nb, path) or str(error), pytrace=False)
