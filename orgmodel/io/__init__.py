"""Reading and writing organisations: the YAML model file, the workbook, HR exports, frames.

:func:`read` and :func:`write` choose the format from the file suffix (or ``format=``):

=============  ================================================  =========================
suffix         format                                            module
=============  ================================================  =========================
.yaml, .yml    orgmodel model file (versioned YAML)              :mod:`orgmodel.io.orgfile`
.xlsx          orgmodel workbook (one sheet per table)           :mod:`orgmodel.io.excel`
.csv           flat HR export (one row per post)                 :mod:`orgmodel.io.hr_export`
=============  ================================================  =========================

With ``preset=`` or ``mapping=`` any .csv or .xlsx file is read as an HR export.
:func:`read_draft` gives a :class:`~orgmodel.io.draft.Draft` whose ``report()`` lists every
problem with its file and line (or sheet and row) and never raises for problems in the data.

>>> import pathlib, tempfile
>>> from orgmodel.model import Organisation, Unit, Post
>>> org = Organisation([Unit("nav", "NAV Hjelmeland")], [Post("leder", unit="nav", title="Leiar")],
...                    name="Hjelmeland kommune", meta={"currency": "NOK"})
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write(org, folder / "hjelmeland.yaml")
>>> write(org, folder / "hjelmeland.xlsx")
>>> read(folder / "hjelmeland.yaml") == read(folder / "hjelmeland.xlsx") == org
True
>>> read(folder / "hjelmeland.json")
Traceback (most recent call last):
...
orgmodel.errors.UnsupportedFormatError: cannot read 'hjelmeland.json': unknown suffix '.json'; supported: .yaml, .yml (orgmodel YAML), .xlsx (orgmodel workbook, or an HR export with preset=/mapping=), .csv (HR export)
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from orgmodel.errors import FormatError, UnsupportedFormatError
from orgmodel.io.draft import Draft
from orgmodel.io.excel import read_workbook, write_workbook
from orgmodel.io.orgfile import _no_gc, dumps, loads, read_orgfile, write_orgfile
from orgmodel.io.tables import draft_from_frames, from_frames, to_frames
from orgmodel.model import Organisation

__all__ = [
    "Draft",
    "draft_from_frames",
    "dumps",
    "from_frames",
    "loads",
    "read",
    "read_draft",
    "read_orgfile",
    "read_workbook",
    "to_frames",
    "write",
    "write_orgfile",
    "write_workbook",
]

PathLike = str | os.PathLike[str]

_FORMATS = {
    "yaml": "yaml",
    "yml": "yaml",
    "xlsx": "xlsx",
    "excel": "xlsx",
    "workbook": "xlsx",
    "hr": "hr",
    "csv": "hr",
}
_SUPPORTED = (
    ".yaml, .yml (orgmodel YAML), .xlsx (orgmodel workbook, or an HR export with "
    "preset=/mapping=), .csv (HR export)"
)


def _format_of(path: Path, format: str | None, verb: str) -> str:
    if format is not None:
        try:
            return _FORMATS[format.lower().lstrip(".")]
        except KeyError:
            raise UnsupportedFormatError(
                f"unknown format {format!r}; supported: {', '.join(sorted(set(_FORMATS)))}"
            ) from None
    suffix = path.suffix.lower()
    if suffix not in (".yaml", ".yml", ".xlsx", ".csv"):
        raise UnsupportedFormatError(
            f"cannot {verb} {path.name!r}: "
            + (f"unknown suffix {suffix!r}" if suffix else "the name has no suffix")
            + f"; supported: {_SUPPORTED}"
        )
    return _FORMATS[suffix[1:]]


def read_draft(
    path_or_paths: PathLike | Sequence[PathLike],
    *,
    format: str | None = None,
    preset: str | None = None,
    mapping: Mapping[str, str] | None = None,
    **options: Any,
) -> Draft:
    """Read a file (or several HR exports) into a :class:`~orgmodel.io.draft.Draft`.

    Parameters
    ----------
    path_or_paths
        A .yaml/.yml model file, an .xlsx workbook, or one or more HR exports (.csv/.xlsx).
    format
        ``"yaml"``, ``"xlsx"`` or ``"hr"`` when the suffix does not say it.
    preset, mapping, **options
        Read the file(s) as flat HR exports; see
        :func:`orgmodel.io.hr_export.read_hr_draft`.

    Raises
    ------
    UnsupportedFormatError
        For an unknown suffix or format (the message lists the supported ones).
    FormatError
        For a file that cannot be read at all. Problems in the data never raise here:
        ``Draft.report()`` lists them.
    """
    several = not isinstance(path_or_paths, str | os.PathLike)
    paths = [Path(p) for p in path_or_paths] if several else [Path(path_or_paths)]  # type: ignore[union-attr]
    if not paths:
        raise FormatError("no file given")
    kinds = {_format_of(p, format, "read") for p in paths}
    if preset is not None or mapping is not None or kinds == {"hr"}:
        from orgmodel.io.hr_export import read_hr_draft

        return read_hr_draft(path_or_paths, preset=preset, mapping=mapping, **options)
    if len(paths) > 1:
        raise FormatError(
            "several files are read together only as HR exports (give preset= or mapping=); "
            f"got {', '.join(p.name for p in paths)}"
        )
    if options:
        raise FormatError(
            f"the options {', '.join(sorted(options))} are for HR exports (with preset= or "
            "mapping=); an orgmodel file takes none"
        )
    (kind,) = kinds
    return read_orgfile(paths[0]) if kind == "yaml" else read_workbook(paths[0])


def read(
    path_or_paths: PathLike | Sequence[PathLike],
    *,
    format: str | None = None,
    preset: str | None = None,
    mapping: Mapping[str, str] | None = None,
    **options: Any,
) -> Organisation:
    """Read an organisation from a file; same arguments as :func:`read_draft`.

    Raises
    ------
    ValidationError
        Listing every problem in the data, each with its file and line (or sheet and row).
    """
    draft = read_draft(path_or_paths, format=format, preset=preset, mapping=mapping, **options)
    with _no_gc():
        return draft.build()


def write(org: Organisation, path: PathLike, *, format: str | None = None) -> None:
    """Save an organisation; the format follows the suffix (or ``format=``).

    .yaml/.yml: the model file; .xlsx: the workbook; .csv (or ``format="hr"``): a flat HR
    export with one row per post. Files are replaced atomically.
    """
    p = Path(path)
    kind = _format_of(p, format, "write")
    if kind == "yaml":
        write_orgfile(org, p)
    elif kind == "xlsx":
        write_workbook(org, p)
    else:
        from orgmodel.io.hr_export import write_hr

        write_hr(org, p)
