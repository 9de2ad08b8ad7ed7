"""Org charts with matplotlib: one box per unit with its roll-up figures.

The geometry comes from :func:`orgmodel.plot.layout.orgchart_layout` (pure, tested without
pixels); this module only paints it. matplotlib is imported inside the functions, so
``import orgmodel.plot`` stays light.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from orgmodel.model import Organisation, Unit, Post
>>> org = Organisation(
...     units=[Unit("ks", "Kommunstyrelsen", kind="political_body"),
...            Unit("kansliet", "Kansliet", kind="office", parent="ks")],
...     posts=[Post("vu", unit="kansliet", fte_budgeted=3.0, fte_actual=2.4, cost=1_800_000),
...            Post("kom", unit="kansliet", fte_budgeted=1.0, cost=700_000)],
...     meta={"currency": "SEK"},
... )
>>> ax = draw_orgchart(org, fte="budgeted")
>>> texts = [t.get_text() for t in ax.texts]
>>> "Kansliet" in texts, "4.0 FTE" in texts, "2.5 MSEK" in texts
(True, True, True)
>>> ax = draw_orgchart(org, fte="budgeted", lang="sv")  # both boxes: sub-units included
>>> [t.get_text() for t in ax.texts if t.get_text().endswith(("åa", "mnkr"))]
['4,0 åa', '2,5 mnkr', '4,0 åa', '2,5 mnkr']
>>> [t.get_text() for t in ax.get_legend().get_texts()]
['Politiskt organ', 'Kansli']
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from orgmodel.i18n import UnknownLabelError, get_language, t
from orgmodel.plot.layout import connector_segments, orgchart_layout
from orgmodel.plot.style import (
    BRANCH_PALETTE,
    CONNECTOR_COLOR,
    FONT_FAMILY,
    MIN_FONT_SIZE,
    MUTED_TEXT_COLOR,
    TEXT_COLOR,
    KindColors,
    compact_money,
    format_fte,
    kind_colors,
    kind_label,
    tint,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes

    from orgmodel.model.organisation import Organisation

__all__ = ["SHOW_OPTIONS", "draw_orgchart", "draw_post_chart", "orgchart_figure_layout"]

#: Figures a box can show, from :func:`orgmodel.analysis.rollup.rollup` (sub-units included).
SHOW_OPTIONS = ("fte", "cost", "posts", "headcount", "vacancies")
_FTE_OPTIONS = ("actual", "budgeted", "both")

#: Inches per box width at the natural size of 9 pt names; boxes, gaps and lines of text
#: are sized for it, and a larger ``fontsize`` makes the boxes larger in proportion.
_NATURAL_INCHES = 1.6
_NATURAL_FONT_SIZE = 9.0
_MARGIN = 0.15  # around the chart, in box widths
_FIGURE_SHRINK = 0.86  # figures are drawn this much smaller than names
_NAME_WRAP = 18  # characters of a bold name that fit a box at any scale
_TITLE_INCHES = 0.55  # a title above the chart
_FOOTER_ROOM_INCHES = 0.7  # kept free for legend and note when judging if a chart fits


def _check_choice(name: str, value: Any, valid: Sequence[str]) -> None:
    if value not in valid:
        raise ValueError(f"{name}={value!r} is not known; valid: {', '.join(map(repr, valid))}")


def _fte_text(value: float, lang: str | None) -> str:
    """FTE with one decimal, the decimal sign of ``lang`` (English: :func:`format_fte`)."""
    from orgmodel.i18n import format_number

    code = get_language() if lang is None else lang
    return format_fte(value) if code == "en" else format_number(value, 1, code)


def _count(key: str, n: int, lang: str | None) -> str:
    """``plot.orgchart.{key}_one`` for 1, ``..._many`` otherwise."""
    return t(f"plot.orgchart.{key}_{'one' if n == 1 else 'many'}", lang, n=n)


def _figure_lines(
    row: Any, show: Sequence[str], fte: str, currency: str, lang: str | None = None
) -> list[str]:
    lines = []
    for item in show:
        if item == "fte":
            if fte == "both":
                a = _fte_text(row["fte_actual_total"], lang)
                b = _fte_text(row["fte_budgeted_total"], lang)
                lines.append(t("plot.orgchart.fte_both", lang, actual=a, budgeted=b))
            else:
                value = _fte_text(row[f"fte_{fte}_total"], lang)
                lines.append(t("plot.orgchart.fte", lang, value=value))
        elif item == "cost":
            if row["cost_total"]:  # no cost recorded is not a cost of 0: leave it out
                lines.append(compact_money(row["cost_total"], currency, lang))
        elif item == "posts":
            lines.append(_count("posts", int(row["posts_total"]), lang))
        elif item == "headcount":
            lines.append(_count("people", int(row["headcount_total"]), lang))
        else:
            lines.append(t("plot.orgchart.vacant_count", lang, n=int(row["vacancies_total"])))
    return lines


def _kind_text(kind: str, lang: str | None) -> str:
    """A unit kind for the legend in ``lang``; a kind the catalogue lacks as written."""
    try:
        return t(f"kind.{kind}", lang)
    except UnknownLabelError:
        return kind_label(kind)


def _box_colors(
    layout: pd.DataFrame, org: Organisation, color_by: str | Mapping[str, str] | None
) -> dict[str, KindColors]:
    units = org.unit_map
    if color_by == "kind":
        return {u: kind_colors(units[u].kind) for u in layout.index}
    if color_by is None:
        return {u: kind_colors("") for u in layout.index}
    if isinstance(color_by, Mapping):
        out = {}
        for u in layout.index:
            c = color_by.get(u)
            out[u] = KindColors(tint(c, 0.82), c) if c else kind_colors("")
        return out
    # "branch": the unit's ancestor one level below a single shown root (or the top unit
    # of each tree in a forest) picks a colour from the palette.
    roots = [u for u, lev in layout["level"].items() if lev == 0]
    branch_level = 1 if len(roots) == 1 else 0
    parent = layout["parent"].to_dict()
    level = layout["level"].to_dict()
    branch_of: dict[str, str | None] = {}
    for u in layout.index:  # preorder: parents come first
        lev = level[u]
        branch_of[u] = (
            u if lev == branch_level else (branch_of[parent[u]] if lev > branch_level else None)
        )
    palette: dict[str, str] = {}
    out = {}
    for u in layout.index:
        b = branch_of[u]
        if b is None:
            out[u] = kind_colors("organisation")
            continue
        if b not in palette:
            palette[b] = BRANCH_PALETTE[len(palette) % len(BRANCH_PALETTE)]
        c = palette[b]
        out[u] = KindColors(tint(c, 0.85), c)
    return out


def _check_options(
    org: Organisation,
    show: str | Sequence[str],
    fte: str,
    color_by: str | Mapping[str, str] | None,
) -> tuple[str, ...]:
    """Check the choices of :func:`draw_orgchart`; return ``show`` as a tuple."""
    show = (show,) if isinstance(show, str) else tuple(show)
    for item in show:
        _check_choice("show item", item, SHOW_OPTIONS)
    _check_choice("fte", fte, _FTE_OPTIONS)
    if not (color_by is None or isinstance(color_by, Mapping)):
        _check_choice("color_by", color_by, ("kind", "branch"))
    if not org.unit_map:
        raise ValueError("the organisation has no units to chart")
    return show


def _legend_entries(
    org: Organisation,
    layout: pd.DataFrame,
    color_by: str | Mapping[str, str] | None,
    legend: bool,
    lang: str | None = None,
) -> list[dict[str, Any]]:
    """Keyword arguments of a legend ``Patch`` per unit kind shown (``color_by="kind"``)."""
    if not (legend and color_by == "kind"):
        return []
    seen: dict[str, KindColors] = {}
    for uid in layout.index:
        k = org.unit(uid).kind
        seen.setdefault(k, kind_colors(k))
    return [
        {
            "fc": c.fill,
            "ec": c.edge,
            "lw": 0.8,
            "ls": (0, (3, 2)) if c.dashed else "solid",
            "label": _kind_text(k, lang),
        }
        for k, c in seen.items()
    ]


def _figure_note(show: Sequence[str], fte: str, currency: str, lang: str | None = None) -> str:
    """The footnote saying what the figures in the boxes are ("" when there are none)."""
    notes = []
    if "fte" in show:
        notes.append(t(f"plot.orgchart.note_fte_{fte}", lang))
    if "cost" in show:
        notes.append(t("plot.orgchart.note_cost", lang, currency=currency))
    return t("plot.orgchart.note", lang, figures=", ".join(notes)) if notes else ""


def _extent(layout: pd.DataFrame) -> tuple[float, float, float, float]:
    """``(x0, x1, y0, y1)`` of the drawn area in box widths: the boxes and a margin."""
    half_h = float(layout["height"].iloc[0]) / 2
    return (
        float(layout["x"].min()) - 0.5 - _MARGIN,
        float(layout["x"].max()) + 0.5 + _MARGIN,
        float(layout["y"].min()) - half_h - _MARGIN,
        float(layout["y"].max()) + half_h + _MARGIN,
    )


def _natural_scale(fontsize: float) -> float:
    """Inches per box width where names are ``fontsize`` points: boxes grow with the text."""
    return _NATURAL_INCHES * fontsize / _NATURAL_FONT_SIZE


#: Inches per box width at which the figures in the boxes are ``MIN_FONT_SIZE``.
_MIN_SCALE = _NATURAL_INCHES * (MIN_FONT_SIZE / _FIGURE_SHRINK) / _NATURAL_FONT_SIZE


def _name_size(scale: float) -> float:
    """Points of a unit name at ``scale`` inches per box width (the text fits its box)."""
    return _NATURAL_FONT_SIZE * scale / _NATURAL_INCHES


def _text_width_inches(text: str, points: float) -> float:
    """A generous estimate of the width of ``text`` (DejaVu Sans averages ~0.55 em)."""
    return 0.62 * len(text) * points / 72


def _legend_columns(labels: Sequence[str], width_in: float, points: float) -> int:
    """The most columns (up to 10) whose legend entries fit ``width_in`` side by side.

    matplotlib fills the columns one after the other, each with ``ceil(n / cols)``
    entries; a column is as wide as its widest entry (patch, gap and label).
    """
    em = points / 72
    entry = [(1.4 + 0.8) * em + _text_width_inches(t, points) for t in labels]
    for cols in range(min(len(labels), 10), 1, -1):
        per = -(-len(labels) // cols)
        columns = [entry[i : i + per] for i in range(0, len(entry), per)]
        if sum(max(c) for c in columns) + 1.2 * em * (len(columns) - 1) + 0.1 <= width_in:
            return cols
    return 1


def _wrap_note(note: str, width_in: float, points: float) -> str:
    """The note broken into lines that fit ``width_in`` (at least 20 characters a line)."""
    import textwrap

    if not note or _text_width_inches(note, points) + 0.1 <= width_in:
        return note
    return textwrap.fill(
        note, max(20, int(len(note) * (width_in - 0.1) / _text_width_inches(note, points)))
    )


def _legend_height_pt(rows: int, points: float) -> float:
    """Height of a legend of ``rows`` rows of ``points`` text, with its padding."""
    return max(0.22 * 72, 2.0 * points) + 1.6 * points * (rows - 1) if rows else 0.0


class _Frame(NamedTuple):
    """Where a chart is painted: its scale, figure, footer and legend shape."""

    scale: float  # inches per box width
    figsize: tuple[float, float]
    footer_in: float  # below the chart (own figure)
    text_pt: float  # figures in the boxes, legend and note
    legend_cols: int
    legend_rows: int
    note: str  # wrapped to the width
    legend_pt: float  # height of the legend, in points


def _frame(
    layout: pd.DataFrame,
    ax: Axes | None,
    *,
    labels: Sequence[str],
    note: str,
    legend: bool,
    title: str | None,
    fontsize: float,
    max_size: tuple[float, float],
) -> _Frame:
    """The scale and figure size a chart is painted at, with its legend and note below.

    Without ``ax``: the natural size for ``fontsize``, shrunk to fit ``max_size`` down to
    the smallest legible scale (then the figure grows beyond ``max_size``). In ``ax``: the
    scale at which the chart fills the Axes, in the Axes' figure. The legend takes as many
    columns as fit the width, and legend rows and note lines are as tall as their text.
    """
    x0, x1, y0, y1 = _extent(layout)
    data_w, data_h = x1 - x0, y1 - y0
    title_in = _TITLE_INCHES if title else 0.0
    labels = list(labels) if legend else []
    note = note if legend else ""

    def text_pt(scale: float) -> float:
        figures = _name_size(scale) * _FIGURE_SHRINK
        return max(figures, MIN_FONT_SIZE) if ax is None else figures

    def footer(rows: int, lines: int, points: float) -> float:
        if not legend:
            return 0.0
        note_pt = max(0.24 * 72, 2.0 * points) + 1.3 * points * (lines - 1) if lines else 0.0
        return 0.1 + (_legend_height_pt(rows, points) + note_pt) / 72

    if ax is None:
        # the footer is sized for the text at the natural size (shrinking only frees room)
        points_max = text_pt(_natural_scale(fontsize))
        rows = 1 if labels else 0
        lines = 1 if note else 0
        for _ in range(4):  # more legend rows make the chart smaller, so narrower
            footer_in = footer(rows, lines, points_max)
            fit = min(max_size[0] / data_w, (max_size[1] - title_in - footer_in) / data_h)
            scale = max(min(_natural_scale(fontsize), fit), _MIN_SCALE)
            width = data_w * scale
            points = text_pt(scale)
            cols = _legend_columns(labels, width, points) if labels else 1
            wrapped = _wrap_note(note, width, points)
            new_rows = -(-len(labels) // cols)
            new_lines = len(wrapped.splitlines()) if note else 0
            if new_rows <= rows and new_lines <= lines:
                break
            rows, lines = max(rows, new_rows), max(lines, new_lines)
        figsize = (width, data_h * scale + title_in + footer_in)
    else:
        bbox = ax.get_position()
        fw, fh = ax.figure.get_size_inches()
        scale = min(bbox.width * fw / data_w, bbox.height * fh / data_h)
        points = text_pt(scale)
        width = bbox.width * fw
        cols = _legend_columns(labels, width, points) if labels else 1
        rows = -(-len(labels) // cols)
        wrapped = _wrap_note(note, width, points)
        footer_in = footer(rows, len(wrapped.splitlines()) if note else 0, points)
        figsize = (float(fw), float(fh))
    return _Frame(
        scale, figsize, footer_in, points, cols, rows, wrapped, _legend_height_pt(rows, points)
    )


def orgchart_figure_layout(
    org: Organisation,
    ax: Axes | None = None,
    *,
    root: str | Sequence[str] | None = None,
    max_depth: int | None = None,
    show: Sequence[str] = ("fte", "cost"),
    fte: str = "actual",
    title: str | None = None,
    color_by: str | Mapping[str, str] | None = "kind",
    legend: bool = True,
    stack_leaves: bool = True,
    aspect: float = 16 / 9,
    fontsize: float = 9.0,
    max_size: tuple[float, float] = (13.33, 7.5),
    lang: str | None = None,
) -> pd.DataFrame:
    """The layout :func:`draw_orgchart` draws with these arguments, and its figure size.

    A chart that fits ``max_size`` at the natural size keeps the plain tidy tree; a larger
    one is stacked to the shape ``aspect`` (in ``ax``: the shape of the Axes). Boxes at a
    ``max_depth`` cut get a line for their "+N units". Arguments are those of
    :func:`draw_orgchart`.

    Returns
    -------
    pandas.DataFrame
        The :func:`~orgmodel.plot.layout.orgchart_layout` table. Its ``attrs`` add:
        ``figsize`` (width, height in inches of the figure :func:`draw_orgchart` makes,
        or of the figure of ``ax``), ``scale`` (inches per box width in it),
        ``natural_scale`` and ``min_scale`` (inches per box width where names are
        ``fontsize``, and where the figures reach
        :data:`~orgmodel.plot.style.MIN_FONT_SIZE`: the smallest scale without ``ax``),
        ``extent`` (width, height of the chart in box widths, margins included),
        ``legend`` (keyword arguments of a ``matplotlib.patches.Patch`` per legend entry)
        and ``note`` (the footnote on the figures; "" for none).

    Examples
    --------
    >>> from orgmodel.model import Organisation, Unit
    >>> org = Organisation([Unit("ks", "KS", kind="political_body")]
    ...                    + [Unit(f"u{i}", f"Unit {i}", parent="ks") for i in range(3)])
    >>> lay = orgchart_figure_layout(org, show=("posts",))
    >>> lay["level"].tolist(), bool(lay["is_stacked"].any())   # fits a slide: plain tree
    ([0, 1, 1, 1], False)
    >>> [round(v, 2) for v in lay.attrs["figsize"]] == [
    ...     round(v, 2) for v in draw_orgchart(org, show=("posts",)).figure.get_size_inches()]
    True
    """

    show = _check_options(org, show, fte, color_by)
    title_in = _TITLE_INCHES if title else 0.0
    # a chart that fits the figure at the natural size keeps the plain tidy tree; in a
    # given Axes the chart takes the shape of the Axes
    natural = _natural_scale(fontsize)
    room_w = max_size[0] / natural - 2 * _MARGIN
    room_h = (max_size[1] - title_in - _FOOTER_ROOM_INCHES) / natural - 2 * _MARGIN
    if ax is not None:
        bbox = ax.get_position()
        fw, fh = ax.figure.get_size_inches()
        aspect = (bbox.width * fw) / (bbox.height * fh)
        room_w, room_h = bbox.width * fw / natural, bbox.height * fh / natural
    options = dict(
        plain_within=(room_w, room_h),
        root=root,
        max_depth=max_depth,
        stack_leaves=stack_leaves,
        aspect=aspect,
        wrap_width=_NAME_WRAP,
        max_name_lines=3,
    )
    layout = orgchart_layout(org, extra_lines=len(show), **options)
    if layout["n_hidden"].any():
        layout = orgchart_layout(org, extra_lines=len(show) + 1, **options)
    entries = _legend_entries(org, layout, color_by, legend, lang)
    note = _figure_note(show, fte, org.currency, lang) if legend else ""
    frame = _frame(
        layout,
        ax,
        labels=[e["label"] for e in entries],
        note=note,
        legend=legend,
        title=title,
        fontsize=fontsize,
        max_size=max_size,
    )
    x0, x1, y0, y1 = _extent(layout)
    layout.attrs.update(
        figsize=frame.figsize,
        scale=frame.scale,
        natural_scale=natural,
        min_scale=_MIN_SCALE,
        extent=(x1 - x0, y1 - y0),
        legend=entries,
        note=note,
    )
    return layout


def draw_orgchart(
    org: Organisation,
    ax: Axes | None = None,
    *,
    root: str | Sequence[str] | None = None,
    max_depth: int | None = None,
    show: Sequence[str] = ("fte", "cost"),
    fte: str = "actual",
    title: str | None = None,
    color_by: str | Mapping[str, str] | None = "kind",
    legend: bool = True,
    stack_leaves: bool = True,
    aspect: float = 16 / 9,
    fontsize: float = 9.0,
    max_size: tuple[float, float] = (13.33, 7.5),
    layout: pd.DataFrame | None = None,
    lang: str | None = None,
) -> Axes:
    """Draw an org chart: a box per unit with its name and figures, elbow connectors.

    Parameters
    ----------
    org
        The organisation.
    ax
        Axes to draw in; None makes a figure sized to the chart.
    root, max_depth
        Chart the units below ``root`` only, down to ``max_depth`` levels; a box at the cut
        says how many units it hides ("+12 units") and is drawn as a small pile.
    show
        Figures under each name, from :data:`SHOW_OPTIONS`; all include sub-units.
    fte
        ``"actual"``, ``"budgeted"`` or ``"both"`` (shown as actual / budgeted).
    title
        Title above the chart; None: none.
    color_by
        ``"kind"`` (unit kind, see :mod:`orgmodel.plot.style`), ``"branch"`` (a colour per
        unit directly under the root), a mapping ``{unit id: colour}`` or None (all grey).
    legend
        With ``color_by="kind"``: a legend of the kinds shown, and a note on the figures.
    stack_leaves, aspect
        Passed to :func:`~orgmodel.plot.layout.orgchart_layout`; in a given ``ax`` the
        aspect is that of the Axes.
    fontsize
        Size of unit names (points) at the natural size; figures are a little smaller.
        The boxes grow with the text, so a larger size makes a larger figure. Large
        charts shrink fonts and boxes together until figures reach
        :data:`~orgmodel.plot.style.MIN_FONT_SIZE`, then grow the figure instead. In a
        given Axes the text follows the size of the boxes.
    max_size
        Largest figure (inches) before fonts shrink; default a 16:9 slide.
    layout
        A ready layout from :func:`~orgmodel.plot.layout.orgchart_layout` (its
        ``extra_lines`` should match ``show``); None: made here.
    lang
        Language of the legend, the note and the figures in the boxes (``"en"``, ``"sv"``,
        ``"nb"``; numbers and money per locale); None: the session's
        (:func:`orgmodel.i18n.get_language`). Unit names are the user's and stay as they are.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from matplotlib.patches import Patch

    from orgmodel.analysis.rollup import rollup

    show = _check_options(org, show, fte, color_by)
    if layout is None:
        layout = orgchart_figure_layout(
            org,
            ax,
            root=root,
            max_depth=max_depth,
            show=show,
            fte=fte,
            title=title,
            color_by=color_by,
            legend=legend,
            stack_leaves=stack_leaves,
            aspect=aspect,
            fontsize=fontsize,
            max_size=max_size,
            lang=lang,
        )
    figures = rollup(org) if show else None
    currency = org.currency
    lines: dict[str, list[str]] = {}
    for uid, n in layout["n_hidden"].items():
        # a unit without posts, itself or below (a political body, an arena), shows no
        # row of zeros
        has_posts = figures is not None and figures.at[uid, "posts_total"] > 0
        lines[uid] = _figure_lines(figures.loc[uid], show, fte, currency, lang) if has_posts else []
        if n:
            lines[uid].append(_count("more", int(n), lang))
    entries = _legend_entries(org, layout, color_by, legend, lang)
    handles = [Patch(**entry) for entry in entries]
    note = _figure_note(show, fte, currency, lang) if legend else ""
    return _paint(
        layout,
        lines,
        _box_colors(layout, org, color_by),
        ax=ax,
        title=title,
        fontsize=fontsize,
        max_size=max_size,
        legend=legend,
        handles=handles,
        note=note,
    )


def _paint(
    layout: pd.DataFrame,
    lines: Mapping[str, list[str]],
    colors: Mapping[str, KindColors],
    *,
    ax: Axes | None,
    title: str | None,
    fontsize: float,
    max_size: tuple[float, float],
    legend: bool,
    handles: list,
    note: str,
) -> Axes:
    """Paint boxes (bold wrapped name, then ``lines``) and elbow connectors of a layout."""
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection
    from matplotlib.patches import FancyBboxPatch

    sp = layout.attrs["spacing"]
    half_h = float(layout["height"].iloc[0]) / 2
    x0, x1, y0, y1 = _extent(layout)
    name_min = MIN_FONT_SIZE / _FIGURE_SHRINK
    title_in = _TITLE_INCHES if title else 0.0
    frame = _frame(
        layout,
        ax,
        labels=[h.get_label() for h in handles],
        note=note,
        legend=legend,
        title=title,
        fontsize=fontsize,
        max_size=max_size,
    )
    scale, footer_in, (fig_w, fig_h) = frame.scale, frame.footer_in, frame.figsize
    own_figure = ax is None
    if ax is None:
        fig = plt.figure(figsize=(fig_w, fig_h))
        ax = fig.add_axes((0, footer_in / fig_h, 1, (y1 - y0) * scale / fig_h))
    else:
        fig = ax.figure
    name_fs = _name_size(scale)
    if own_figure:
        name_fs = max(name_fs, name_min)
    elif name_fs < name_min * (1 - 1e-9):  # not for a rounding error at the floor
        # the text must fit its boxes, so in a given Axes it follows the boxes down
        warnings.warn(
            f"the chart ({len(layout)} boxes) is too large for this Axes to be read: its "
            f"text would be {name_fs * _FIGURE_SHRINK:.1f} pt (at least {MIN_FONT_SIZE} pt "
            "wanted); draw it with ax=None, in a larger figure, or with max_depth",
            UserWarning,
            stacklevel=3,
        )
    fig_fs = name_fs * _FIGURE_SHRINK

    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()
    ax.add_collection(
        LineCollection(
            connector_segments(layout),
            colors=CONNECTOR_COLOR,
            linewidths=max(0.6, 0.9 * scale / _NATURAL_INCHES),
            capstyle="projecting",
            zorder=1,
        )
    )

    lw = max(0.5, 0.8 * scale / _NATURAL_INCHES)
    h = 2 * half_h
    style = "round,pad=0,rounding_size=0.03"
    for uid, row in layout.iterrows():
        c = colors[uid]
        left, bottom = row["x"] - 0.5, row["y"] - half_h
        ls = (0, (3, 2)) if c.dashed else "solid"
        if row["n_hidden"]:
            for k in (2, 1):  # a small pile: there is more below this box
                off = 0.03 * k
                ax.add_patch(
                    FancyBboxPatch(
                        (left + off, bottom - off),
                        1,
                        h,
                        boxstyle=style,
                        fc=c.fill,
                        ec=c.edge,
                        lw=lw * 0.8,
                        ls=ls,
                        zorder=2 - 0.1 * k,
                    )
                )
        ax.add_patch(
            FancyBboxPatch(
                (left, bottom), 1, h, boxstyle=style, fc=c.fill, ec=c.edge, lw=lw, ls=ls, zorder=2
            )
        )
        name_lines = str(row["label"]).split("\n")
        extra = lines.get(uid, [])
        # the text block is centred in the box; one size for every name (long compounds
        # are hyphenated by wrap_label to fit the box)
        box_fs = name_fs
        block_top = row["y"] + sp.line_height * (len(name_lines) + len(extra)) / 2
        for i, text in enumerate(name_lines):
            ax.text(
                row["x"],
                block_top - sp.line_height * (i + 0.5),
                text,
                ha="center",
                va="center_baseline",
                fontsize=box_fs,
                fontweight="bold",
                color=TEXT_COLOR,
                family=FONT_FAMILY,
                zorder=3,
            )
        first = block_top - sp.line_height * len(name_lines)
        for i, text in enumerate(extra):
            ax.text(
                row["x"],
                first - sp.line_height * (i + 0.5),
                text,
                ha="center",
                va="center_baseline",
                fontsize=fig_fs,
                color=MUTED_TEXT_COLOR,
                family=FONT_FAMILY,
                zorder=3,
                fontstyle="italic" if text.startswith("+") else "normal",
            )

    if title and own_figure:
        fig.text(
            0.5,
            1 - title_in / 2 / fig.get_size_inches()[1],
            title,
            ha="center",
            va="center",
            fontsize=max(name_fs * 1.5, 12),
            color=TEXT_COLOR,
            family=FONT_FAMILY,
        )
    elif title:
        ax.set_title(title, fontsize=max(name_fs * 1.5, 12), color=TEXT_COLOR, family=FONT_FAMILY)
    legend_fs = frame.text_pt
    if legend and handles:
        ax.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(0, 0),
            ncols=frame.legend_cols,
            frameon=False,
            fontsize=legend_fs,
            handlelength=1.4,
            borderaxespad=0.2,
            columnspacing=1.2,
        )
    if legend and note:
        ax.annotate(
            frame.note,
            xy=(0, 0),
            xycoords="axes fraction",
            xytext=(4, -4 - (frame.legend_pt if handles else 0)),
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize=legend_fs,
            color=MUTED_TEXT_COLOR,
            family=FONT_FAMILY,
        )
    return ax


def draw_post_chart(
    org: Organisation,
    unit: str,
    ax: Axes | None = None,
    *,
    holders: bool = True,
    title: str | None = None,
    fontsize: float = 9.0,
    max_size: tuple[float, float] = (13.33, 7.5),
    lang: str | None = None,
) -> Axes:
    """Draw the posts of one unit by reporting line (manager above, reports below).

    A post reporting to a post outside the unit (or to none) is a top box. Each box shows
    the post title, its FTE (actual / budgeted where they differ) and who holds it, or
    "vacant". The unit's head post is drawn in the unit kind's colour, vacant posts with a
    dashed edge.

    Parameters
    ----------
    org
        The organisation.
    unit
        The unit whose posts are drawn (its own posts, not those of sub-units).
    ax
        Axes to draw in; None makes a figure sized to the chart.
    holders
        Name the people holding each post (up to two, then "+N").
    title
        Title; None: the unit's name.
    fontsize, max_size, lang
        As in :func:`draw_orgchart`.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from orgmodel.model import Organisation, Unit, Post
    >>> org = Organisation(
    ...     units=[Unit("kansliet", "Kansliet", head="chef")],
    ...     posts=[Post("chef", unit="kansliet", title="Kanslichef"),
    ...            Post("vu", unit="kansliet", title="Utvecklare", reports_to="chef",
    ...                 fte_budgeted=3.0, fte_actual=2.4),
    ...            Post("nam", unit="kansliet", title="Nämndsekreterare", reports_to="chef",
    ...                 vacant=True)],
    ... )
    >>> ax = draw_post_chart(org, "kansliet")
    >>> [t.get_text() for t in ax.texts][:7]
    ['Kanslichef', '1.0 FTE', 'Utvecklare', '2.4 / 3.0 FTE', 'Nämndsekreterare', '0.0 / 1.0 FTE', 'vacant']
    >>> [t.get_text() for t in draw_post_chart(org, "kansliet", lang="sv").texts][3:7]
    ['2,4 / 3,0 åa', 'Nämndsekreterare', '0,0 / 1,0 åa', 'vakant']
    """
    from orgmodel.plot.layout import tree_layout

    u = org.unit(unit)
    post_ids = org.posts_in(unit)
    if not post_ids:
        raise ValueError(f"unit {unit!r} ({u.name}) has no posts to chart")
    posts = [org.post(p) for p in post_ids]
    inside = set(post_ids)
    children: dict[str, list[str]] = {}
    roots = []
    for p in posts:
        if p.reports_to in inside and p.reports_to != p.id:
            children.setdefault(p.reports_to, []).append(p.id)
        else:
            roots.append(p.id)
    held: dict[str, list[str]] = {}
    for h in org.holding_list:
        if h.post in inside:
            held.setdefault(h.post, []).append(org.person(h.person).name)
    lines: dict[str, list[str]] = {}
    differ = False
    for p in posts:
        a, b = float(p.fte_actual), float(p.fte_budgeted)  # type: ignore[arg-type]
        if a == b:
            fte_text = t("plot.orgchart.fte", lang, value=_fte_text(b, lang))
        else:
            fte_text = t(
                "plot.orgchart.fte_both",
                lang,
                actual=_fte_text(a, lang),
                budgeted=_fte_text(b, lang),
            )
            differ = True
        lines[p.id] = [fte_text]
        names = held.get(p.id, [])
        if p.vacant:
            lines[p.id].append(t("plot.orgchart.vacant", lang))
        elif holders and names:
            shown = ", ".join(names[:2])
            lines[p.id].append(shown if len(names) <= 2 else f"{shown} +{len(names) - 2}")
    n_extra = max(len(v) for v in lines.values())
    layout = tree_layout(
        children,
        roots,
        {p.id: p.title for p in posts},
        extra_lines=n_extra,
        wrap_width=_NAME_WRAP,
        max_name_lines=3,
    )
    base = kind_colors(u.kind)
    plain = kind_colors("")
    colors = {}
    for p in posts:
        if p.vacant:
            colors[p.id] = KindColors("#ffffff", plain.edge, True)
        elif p.id == u.head:
            colors[p.id] = base
        else:
            colors[p.id] = plain
    note = t("plot.orgchart.note_differ", lang) if differ else ""
    return _paint(
        layout,
        lines,
        colors,
        ax=ax,
        title=u.name if title is None else title,
        fontsize=fontsize,
        max_size=max_size,
        legend=bool(note),
        handles=[],
        note=note,
    )
