"""The import contract: layers point one way (house style, principle 1).

* Importing the core (every module of orgmodel outside ``orgmodel.plot`` and
  ``orgmodel.widgets``, discovered from the source tree) loads no matplotlib, ipywidgets or
  IPython: a planner's script or a server process never pays for the UI.
* Importing ``orgmodel.plot`` loads no matplotlib either: plot modules import it inside
  their functions.
* Nothing in orgmodel imports ``orgmodel.widgets`` except the widgets themselves (checked on
  the source with :mod:`ast`, so imports inside functions count too).

Each import check runs in a fresh interpreter, so that modules this test process already
loaded cannot hide or fake a violation.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1] / "orgmodel"
UI_MODULES = ("matplotlib", "ipywidgets", "IPython")
FIRST = ["orgmodel", "orgmodel.model", "orgmodel.io", "orgmodel.analysis"]

# Imports the given modules one by one and names, for each UI module that appears in
# sys.modules, the first orgmodel module whose import brought it in.
PROBE = """
import importlib, json, sys
ui = {ui!r}
culprits = {{}}
for name in {modules!r}:
    importlib.import_module(name)
    for top in ui:
        if top not in culprits and top in sys.modules:
            culprits[top] = name
print(json.dumps(culprits))
"""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules_under(*, inside: tuple[str, ...] = (), outside: tuple[str, ...] = ()) -> list[str]:
    """Module names of orgmodel's source files (no ``__main__``), filtered by subpackage."""
    names = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        name = module_name(path)
        sub = name.split(".")[1] if "." in name else ""
        if path.stem == "__main__" or sub in outside or (inside and sub not in inside):
            continue
        names.append(name)
    return names


def ui_modules_loaded_by(modules: list[str]) -> dict[str, str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(ui=UI_MODULES, modules=modules)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=PACKAGE_DIR.parent,
    )
    assert result.returncode == 0, f"importing failed:\n{result.stderr}"
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_core_modules_are_discovered():
    core = modules_under(outside=("plot", "widgets"))
    assert set(FIRST) <= set(core)
    assert "orgmodel.model.organisation" in core
    assert not any(m.startswith(("orgmodel.plot", "orgmodel.widgets")) for m in core)


def test_core_imports_no_ui():
    core = modules_under(outside=("plot", "widgets"))
    ordered = FIRST + [m for m in core if m not in FIRST]
    culprits = ui_modules_loaded_by(ordered)
    assert culprits == {}, (
        "the core must not import matplotlib, ipywidgets or IPython at module level; "
        + "; ".join(f"{ui} was loaded by importing {mod}" for ui, mod in culprits.items())
    )


def test_plot_imports_matplotlib_only_inside_functions():
    plot = modules_under(inside=("plot",))
    assert plot, "orgmodel.plot has no modules: the discovery is broken"
    culprits = ui_modules_loaded_by(plot)
    assert culprits == {}, "; ".join(
        f"{ui} was loaded by importing {mod}" for ui, mod in culprits.items()
    )


def imported_names(tree: ast.AST, module: str, is_package: bool) -> list[tuple[int, str]]:
    """``(line, dotted name)`` of everything a module imports, relative imports resolved."""
    package = module if is_package else module.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            else:
                base = node.module or ""
            found.append((node.lineno, base))
            found.extend((node.lineno, f"{base}.{alias.name}") for alias in node.names)
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None)) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.lineno, node.args[0].value))
    return found


def test_imported_names_resolves_relative_imports():
    # a hand-made module orgmodel.io.excel with every form of import
    source = (
        "from ..widgets import editor\n"
        "from . import tables\n"
        "import orgmodel.widgets.scorer\n"
        "importlib.import_module('orgmodel.widgets')\n"
    )
    names = [name for _, name in imported_names(ast.parse(source), "orgmodel.io.excel", False)]
    assert "orgmodel.widgets.editor" in names
    assert "orgmodel.io.tables" in names
    assert "orgmodel.widgets.scorer" in names
    assert names.count("orgmodel.widgets") == 2  # the from-import's base, and import_module


def test_nothing_outside_widgets_imports_widgets():
    offenders = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        module = module_name(path)
        if module == "orgmodel.widgets" or module.startswith("orgmodel.widgets."):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, name in imported_names(tree, module, path.stem == "__init__"):
            if name == "orgmodel.widgets" or name.startswith("orgmodel.widgets."):
                offenders.append(f"{path.relative_to(PACKAGE_DIR.parent)}:{line} imports {name}")
    assert offenders == [], "only orgmodel.widgets may import orgmodel.widgets:\n" + "\n".join(
        offenders
    )
