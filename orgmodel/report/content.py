"""A format-neutral report: a title, sections, and in them text, tables and figures.

A :class:`Report` holds what a consultant hands over, not how it looks: the same value is
written as PowerPoint (:meth:`Report.to_pptx`), Excel (:meth:`Report.to_excel`) or one
standalone HTML page (:meth:`Report.to_html`). Tables are pandas DataFrames with a number
format per row or column (:data:`FORMATS`); figures are PNG images.

>>> import pandas as pd
>>> table = Table(pd.DataFrame({"posts": [107, 107]}, index=["2014", "2015"]),
...               title="Posts", column_formats={"posts": "int"})
>>> r = Report("Ängelholm", sections=[Section("Key figures", [Text("Equal."), table])])
>>> [b.kind for s in r.sections for b in s.blocks]
['text', 'table']
>>> table.display(0, 0)
'107'
>>> format_value(2390.0, "money"), format_value(0.5625, "share"), format_value(-3.0, "change")
('2,390', '56 %', '−3')

Reports speak English, Swedish or Norwegian (``lang``; None: the session's language,
:func:`orgmodel.i18n.get_language`): a table's numbers and a report's date follow it, and
the writers' own words (the Excel summary sheet, the HTML page's language) too.

>>> format_value(2390.5, "float", lang="sv") == "2\xa0390,50"   # CLDR: no-break space
True
>>> format_value(0.5625, "share", lang="nb") == "56\xa0%", format_value(True, lang="sv")
(True, 'ja')
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from orgmodel.errors import UnsupportedFormatError

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure as MplFigure

__all__ = [
    "FORMATS",
    "FORMULA_START",
    "REPORT_FORMATS",
    "Figure",
    "Report",
    "Section",
    "Table",
    "Text",
    "format_value",
    "is_formula_like",
]

#: Number formats a table cell can have: the Excel number format and how text shows it.
FORMATS: dict[str, str] = {
    "int": "#,##0",
    "float": "#,##0.00",
    "fte": "#,##0.0",
    "money": "#,##0",
    "score": "0.000",
    "share": "0%",
    "change": "+#,##0.##;-#,##0.##;0",
    "text": "@",
}

#: Text starting with one of these would be run as a formula by a spreadsheet program.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

#: File suffixes :meth:`Report.save` writes, and the method that writes each.
REPORT_FORMATS: dict[str, str] = {".pptx": "to_pptx", ".xlsx": "to_excel", ".html": "to_html"}


def is_formula_like(value: Any) -> bool:
    """True for text that a spreadsheet program would take for a formula.

    >>> is_formula_like("=HYPERLINK(1)"), is_formula_like("-Ekonomi"), is_formula_like(-3)
    (True, True, False)
    """
    return isinstance(value, str) and value.startswith(FORMULA_START)


def _missing(value: Any) -> bool:
    """None, NaN, NaT or pd.NA (and False for anything that is not a single value)."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists, dicts: not a single missing value
        return False


def format_value(value: Any, fmt: str | None = None, lang: str | None = None) -> str:
    """A cell value as text for a slide or a web page (numbers with thousands separators).

    ``fmt`` is a key of :data:`FORMATS`; without one an integer-valued number shows no
    decimals and any other number two. Missing values show as an en dash. Numbers, dates
    and yes/no follow ``lang`` (None: the session's language); English is written the
    way Python writes numbers (``2,390``, ``56 %``).

    >>> format_value(2666.0), format_value(2.5), format_value(None), format_value("Hälsa")
    ('2,666', '2.50', '–', 'Hälsa')
    >>> format_value(0.4291, "change"), format_value(12.0, "change"), format_value(1.25, "fte")
    ('+0.43', '+12', '1.2')
    """
    from orgmodel.i18n import get_language

    if _missing(value):
        return "–"
    code = get_language() if lang is None else lang
    if code != "en":
        return _format_in(value, fmt, code)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, _dt.datetime | _dt.date):
        return value.isoformat(sep=" ") if isinstance(value, _dt.datetime) else value.isoformat()
    if hasattr(value, "item") and not isinstance(value, str):
        with contextlib.suppress(ValueError, AttributeError):
            value = value.item()
    if fmt == "text":
        return str(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        v = float(value)
        if fmt == "share":
            return f"{100 * v:.0f} %"
        if fmt == "fte":
            return f"{v:,.1f}"
        if fmt in ("int", "money"):
            return f"{v:,.0f}"
        if fmt == "change":
            if v == 0:
                return "0"
            text = f"{abs(v):,.0f}" if v.is_integer() else f"{abs(v):,.2f}"
            return ("+" if v > 0 else "−") + text
        if fmt == "score":
            return f"{v:.3f}"
        if fmt == "float":
            return f"{v:,.2f}"
        return f"{v:,.0f}" if v.is_integer() else f"{v:,.2f}"
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(str(v) for v in value)
    return str(value)


def _format_in(value: Any, fmt: str | None, lang: str) -> str:
    """:func:`format_value` in Swedish or Norwegian: the locale's signs and words."""
    from orgmodel.i18n import format_date, format_number, format_percent, t

    if isinstance(value, bool):
        return t("report.yes" if value else "report.no", lang)
    if isinstance(value, _dt.datetime | _dt.date):
        return format_date(value, "short", lang)
    if hasattr(value, "item") and not isinstance(value, str):
        with contextlib.suppress(ValueError, AttributeError):
            value = value.item()
    if fmt == "text" or not isinstance(value, int | float) or isinstance(value, bool):
        return format_value(value, fmt, "en")  # text, lists, mappings: as written
    v = float(value)
    if fmt == "share":
        return format_percent(v, 0, lang)
    if fmt == "change":
        if v == 0:
            return "0"
        text = format_number(abs(v), 0 if v.is_integer() else 2, lang)
        return ("+" if v > 0 else "−") + text
    digits = {"fte": 1, "int": 0, "money": 0, "score": 3, "float": 2}.get(
        str(fmt), 0 if v.is_integer() else 2
    )
    return format_number(v, digits, lang)


def _label_text(label: Any) -> str:
    """An index label as written: ids and years as they are (no thousands separator)."""
    return "–" if _missing(label) else str(label)


# ---- blocks ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Text:
    """Paragraphs of plain text (one per line); ``title`` heads its own slide.

    >>> Text("Units: 17 created.\\nPosts: 33 moved.").paragraphs
    ['Units: 17 created.', 'Posts: 33 moved.']
    """

    text: str
    title: str | None = None
    kind = "text"

    @property
    def paragraphs(self) -> list[str]:
        return [line for line in str(self.text).splitlines() if line.strip()]


@dataclass(frozen=True)
class Table:
    """A table: a DataFrame, its number formats and whether its index is a column.

    Parameters
    ----------
    frame
        The values (kept as they are: numbers stay numbers in Excel).
    title
        Heads the table's slide(s), sheet and heading.
    column_formats, row_formats
        A key of :data:`FORMATS` per column name or per row label; a row format wins.
    index
        Show the index as the first column (default True), headed ``index_label`` or the
        index's name.
    sheet
        The Excel sheet name (default the title, shortened to Excel's 31 characters).
    lang
        Language of the numbers as shown (:func:`format_value`); None: the session's.
    """

    frame: pd.DataFrame
    title: str = ""
    column_formats: Mapping[str, str] = field(default_factory=dict)
    row_formats: Mapping[Any, str] = field(default_factory=dict)
    index: bool = True
    index_label: str | None = None
    sheet: str | None = None
    note: str = ""
    lang: str | None = None
    kind = "table"

    def __post_init__(self) -> None:
        if not isinstance(self.frame, pd.DataFrame):
            raise TypeError(f"Table needs a DataFrame, got {type(self.frame).__name__}")
        bad = {
            f"{where} {key!r}: {fmt!r}"
            for where, formats in (("column", self.column_formats), ("row", self.row_formats))
            for key, fmt in formats.items()
            if fmt not in FORMATS
        }
        if bad:
            raise ValueError(
                f"table {self.title!r}: unknown formats {', '.join(sorted(bad))}; "
                f"valid: {', '.join(FORMATS)}"
            )

    @property
    def header(self) -> list[str]:
        """Column headings as shown (the index heading first when ``index``)."""
        cols = [str(c) for c in self.frame.columns]
        if not self.index:
            return cols
        label = self.index_label if self.index_label is not None else self.frame.index.name
        return [str(label or ""), *cols]

    def format_of(self, row: int, col: int) -> str | None:
        """The format key of the cell at positions ``row``, ``col`` of the frame."""
        label = self.frame.index[row]
        if label in self.row_formats:
            return self.row_formats[label]
        return self.column_formats.get(self.frame.columns[col])

    def rows(self) -> list[list[Any]]:
        """Raw cell values row by row (the index value first when ``index``)."""
        out = []
        for label, values in zip(
            self.frame.index, self.frame.itertuples(index=False, name=None), strict=True
        ):
            out.append(([label] if self.index else []) + list(values))
        return out

    def display(self, row: int, col: int) -> str:
        """The text of the data cell at ``row``, ``col`` (frame positions, index excluded)."""
        return format_value(self.frame.iat[row, col], self.format_of(row, col), self.lang)

    def display_rows(self) -> list[list[str]]:
        """Every row as text, as a slide or a web page shows it."""
        out = []
        for r, label in enumerate(self.frame.index):
            cells = [self.display(r, c) for c in range(self.frame.shape[1])]
            out.append(([_label_text(label)] if self.index else []) + cells)
        return out

    def numeric_column(self, col: int) -> bool:
        """True when every value of a frame column is a number (right-aligned)."""
        s = self.frame.iloc[:, col]
        return bool(len(s)) and all(
            _missing(v) or (isinstance(v, int | float) and not isinstance(v, bool))
            for v in s.tolist()
        )


@dataclass(frozen=True)
class Figure:
    """A picture as PNG bytes, with its size in inches (for slides) and a caption.

    Make one from matplotlib with :meth:`from_matplotlib`.
    """

    png: bytes
    title: str = ""
    caption: str = ""
    width_in: float = 10.0
    height_in: float = 5.6
    kind = "figure"

    def __post_init__(self) -> None:
        if not isinstance(self.png, bytes) or not self.png.startswith(b"\x89PNG\r\n\x1a\n"):
            raise ValueError(f"figure {self.title!r}: png must be the bytes of a PNG image")

    @classmethod
    def from_matplotlib(
        cls, fig: MplFigure | Any, title: str = "", caption: str = "", *, dpi: int = 200
    ) -> Figure:
        """Render a matplotlib Figure (or Axes) to PNG at ``dpi`` and close it."""
        import io

        import matplotlib.pyplot as plt

        figure = fig if hasattr(fig, "savefig") else fig.figure
        buf = io.BytesIO()
        figure.savefig(
            buf, format="png", dpi=dpi, bbox_inches="tight", pad_inches=0.1, facecolor="white"
        )
        png = buf.getvalue()
        plt.close(figure)
        width, height = _png_size(png)
        return cls(png, title, caption, width_in=width / dpi, height_in=height / dpi)

    @property
    def pixels(self) -> tuple[int, int]:
        """Width and height of the image in pixels."""
        return _png_size(self.png)


def _png_size(png: bytes) -> tuple[int, int]:
    # the IHDR chunk follows the 8-byte signature: length, type, then width and height
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


Block = Text | Table | Figure


@dataclass(frozen=True)
class Section:
    """A titled part of a report: blocks shown in order (on slides: one block per slide)."""

    title: str
    blocks: Sequence[Block] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "blocks", tuple(self.blocks))
        for b in self.blocks:
            if not isinstance(b, Text | Table | Figure):
                raise TypeError(
                    f"section {self.title!r}: blocks must be Text, Table or Figure, "
                    f"got {type(b).__name__}"
                )


@dataclass(frozen=True)
class Report:
    """A report: title, subtitle, date and sections; write it with ``to_pptx``,
    ``to_excel``, ``to_html`` or :meth:`save` (the suffix chooses).

    ``date`` is ISO text (``YYYY-MM-DD``); ``lang`` the language the writers use for
    their own words and the date (None: the session's language when written).

    >>> r = Report("Ängelholm", date="2026-11-23", lang="sv")
    >>> r.language, r.date_text, Report("Ängelholm", date="2026-11-23").date_text
    ('sv', '23 november 2026', '2026-11-23')
    """

    title: str
    sections: Sequence[Section] = ()
    subtitle: str = ""
    date: str = field(default_factory=lambda: _dt.date.today().isoformat())
    author: str = ""
    lang: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "sections", tuple(self.sections))
        if self.lang is not None:
            from orgmodel.i18n import check_language

            object.__setattr__(self, "lang", check_language(self.lang))

    @property
    def language(self) -> str:
        """The language code the report is written in (``lang``, else the session's)."""
        from orgmodel.i18n import get_language

        return self.lang or get_language()

    @property
    def date_text(self) -> str:
        """The date as shown: ISO in English, the long local form in Swedish and Norwegian
        (``23 november 2026``, ``23. november 2026``); text that is no date as it is."""
        from orgmodel.i18n import format_date

        if self.language == "en" or not self.date:
            return self.date
        try:
            return format_date(self.date, "long", self.language)
        except ValueError:
            return self.date

    # ---- look-ups ----------------------------------------------------------------------------
    def blocks(self, kind: str | None = None) -> list[Block]:
        """Every block in order, or only those of one ``kind`` (text, table, figure)."""
        return [b for s in self.sections for b in s.blocks if kind is None or b.kind == kind]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks("table") if isinstance(b, Table)]

    def figures(self) -> list[Figure]:
        return [b for b in self.blocks("figure") if isinstance(b, Figure)]

    def table(self, title: str) -> Table:
        """The table with this title; a KeyError lists the titles there are."""
        for t in self.tables():
            if t.title == title:
                return t
        from orgmodel.errors import did_you_mean

        raise KeyError(f"no table titled {title!r}{did_you_mean(title, self.table_titles())}")

    def table_titles(self) -> list[str]:
        return [t.title for t in self.tables()]

    def text(self) -> str:
        """Every text block, joined (handy for searching and tests)."""
        return "\n".join(b.text for b in self.blocks("text") if isinstance(b, Text))

    # ---- writers -----------------------------------------------------------------------------
    def to_pptx(self, path: str | os.PathLike[str], **options: Any) -> Path:
        """Write a 16:9 PowerPoint file (see :func:`orgmodel.report.pptx.write_pptx`)."""
        from orgmodel.report.pptx import write_pptx

        return write_pptx(self, path, **options)

    def to_excel(self, path: str | os.PathLike[str]) -> Path:
        """Write an Excel workbook (see :func:`orgmodel.report.excel.write_excel`)."""
        from orgmodel.report.excel import write_excel

        return write_excel(self, path)

    def to_html(self, path: str | os.PathLike[str]) -> Path:
        """Write one standalone HTML file (see :func:`orgmodel.report.html.write_html`)."""
        from orgmodel.report.html import write_html

        return write_html(self, path)

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write to ``path``; its suffix (.pptx, .xlsx, .html) chooses the format."""
        suffix = Path(path).suffix.lower()
        if suffix not in REPORT_FORMATS:
            raise UnsupportedFormatError(
                f"cannot write a report as {suffix or 'a file without suffix'!r} ({path}); "
                f"valid suffixes: {', '.join(REPORT_FORMATS)}"
            )
        return getattr(self, REPORT_FORMATS[suffix])(path)


def sections_of(items: Iterable[Section | None]) -> list[Section]:
    """The sections that are not None and have blocks."""
    return [s for s in items if s is not None and s.blocks]
