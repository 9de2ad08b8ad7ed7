"""The example organisations bundled with orgmodel, read from the repository's ``examples/``.

Each example is an orgmodel model file (YAML, format version 1) built from a public source
document; ``meta['source']`` cites it and ``meta['note']`` says which figures are made up.

=================================  ===========================================================
name                               what it is
=================================  ===========================================================
``hjo-kansliet``                   Hjo kommun's central office in January 2024: business
                                   developers 3.0 FTE budgeted / 2.4 actual, communicator
                                   1.0 / 1.6, the operations that ask for support
``angelholm-2014``                 Ängelholms kommun before its 2015 reorganisation: seven
                                   administrations and their boards (3,022 employees,
                                   2,390 MSEK)
``angelholm-2015``                 the same posts after it: three main missions, Servicestöd,
                                   Ledningsstab, the SSG and agile arenas
``jonkoping-kommunal-utveckling``  Kommunal utveckling in Jönköping county (2019): PKS, five
                                   partnerships with steering groups, manager networks
=================================  ===========================================================

Where the files are: the examples stay in the ``examples/`` folder at the top of the
repository, next to the ``orgmodel`` package, and are found relative to this module
(``orgmodel/datasets/examples.py`` -> ``../../examples``). That works for a source checkout
and an editable install (``pip install -e .``), which is how orgmodel is installed for now;
a wheel does not carry them.

>>> sorted(example_names())[:2]
['angelholm-2014', 'angelholm-2015']
>>> example_path("hjo-kansliet").name
'hjo-kansliet.yaml'
>>> org = load_example("hjo-kansliet")
>>> org.post("verksamhetsutvecklare").fte_budgeted, org.post("verksamhetsutvecklare").fte_actual
(3.0, 2.4)
>>> load_example("hjo")
Traceback (most recent call last):
...
orgmodel.errors.UnknownIdError: no example with id 'hjo'; did you mean 'hjo-kansliet'?
"""

from __future__ import annotations

import re
from pathlib import Path

from orgmodel.errors import FormatError, UnknownIdError
from orgmodel.model import Organisation

__all__ = ["example_names", "example_path", "examples_dir", "load_example"]

_SUFFIXES = (".yaml", ".yml")
# a model file says which format version it is in, at the top level ("orgmodel: 1")
_MODEL_FILE = re.compile(r"^orgmodel:[ \t]*\d", re.MULTILINE)


def _is_model_file(path: Path) -> bool:
    return (
        path.suffix in _SUFFIXES
        and path.is_file()
        and _MODEL_FILE.search(path.read_text(encoding="utf-8")) is not None
    )


def examples_dir() -> Path:
    """The folder that holds the example files (``<repository>/examples``).

    Raises
    ------
    FormatError
        When the folder is missing, e.g. orgmodel was installed from a wheel rather than
        from a checkout of the repository.
    """
    folder = Path(__file__).resolve().parent.parent.parent / "examples"
    if not folder.is_dir():
        raise FormatError(
            f"the example folder {folder} does not exist; the examples ship with the "
            "repository, so install orgmodel from a checkout with `pip install -e .`"
        )
    return folder


def example_names() -> list[str]:
    """Names of the bundled examples (file names without suffix), sorted.

    Only organisation model files count (a top-level ``orgmodel:`` version key); other files
    in the folder, such as reorganisation scenarios (``NAME.scenario.yaml``), do not.

    >>> "angelholm-2015" in example_names()
    True
    >>> "angelholm-2015.scenario" in example_names()
    False
    """
    return sorted(p.stem for p in examples_dir().iterdir() if _is_model_file(p))


def example_path(name: str) -> Path:
    """The file of the example called ``name`` (without suffix; a ``.yaml`` suffix is allowed).

    Raises
    ------
    UnknownIdError
        For an unknown name; the message names the closest valid names or lists them all.

    >>> example_path("angelholm-2014.yaml").stem
    'angelholm-2014'
    """
    stem = name
    for suffix in _SUFFIXES:
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
    folder = examples_dir()
    for suffix in _SUFFIXES:
        path = folder / f"{stem}{suffix}"
        if _is_model_file(path):
            return path
    raise UnknownIdError("example", name, example_names())


def load_example(name: str) -> Organisation:
    """Read the example called ``name`` (see :func:`example_names`) into an Organisation.

    The file is read with :func:`orgmodel.io.read`, so its warnings (e.g. an actual FTE far
    from the budgeted one) are in ``org.report`` with their line numbers.

    >>> org = load_example("angelholm-2015")
    >>> org.unit("halsa").kind
    'main_mission'
    >>> print(load_example("hjo-kansliet").report.warnings[0].code)
    fte_gap
    """
    from orgmodel.io import read

    return read(example_path(name))
