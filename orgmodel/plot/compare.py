"""Charts that compare organisations: org charts side by side and key figures as bars.

:func:`draw_side_by_side` draws the before and after org charts (or several options) in
one figure at the same scale, so that equal boxes have equal sizes and fonts;
:func:`plot_key_figures` draws the table of :func:`orgmodel.reorg.compare` as grouped bars
with the values written on them, large enough for a projector. matplotlib is imported
inside the functions.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from orgmodel.model import Organisation, Unit, Post
>>> from orgmodel.reorg import MergeUnits, compare
>>> before = Organisation(
...     [Unit("k", "Kommun"), Unit("a", "Skola", parent="k"), Unit("b", "Socialtjänst", parent="k")],
...     [Post("p", unit="a", fte_budgeted=2.0), Post("q", unit="b")], name="2014")
>>> after = MergeUnits(("a", "b"), into="laf", name="Lärande och familj").apply(before)
>>> fig = draw_side_by_side([before, after], ["2014", "2015"])
>>> [ax.get_title() for ax in fig.axes]
['2014', '2015']
>>> ax = plot_key_figures(compare(before, after, names=["2014", "2015"]), rows=["units", "posts"])
>>> sorted({t.get_text() for t in ax.texts})
['2', '3']
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from orgmodel.i18n import UnknownLabelError, format_number, format_percent, get_language, t
from orgmodel.plot.style import (
    BRANCH_PALETTE,
    FONT_FAMILY,
    MIN_FONT_SIZE,
    MUTED_TEXT_COLOR,
    TEXT_COLOR,
    compact_money,
)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from orgmodel.model.organisation import Organisation

__all__ = [
    "DEFAULT_KEY_FIGURES",
    "KEY_FIGURE_LABELS",
    "draw_side_by_side",
    "format_key_figure",
    "key_figure_label",
    "plot_key_figures",
]

#: Rows of a :func:`orgmodel.reorg.compare` table that :func:`plot_key_figures` draws by
#: default (those present), followed by every ``units_needed: ...`` row.
DEFAULT_KEY_FIGURES = (
    "units",
    "managers",
    "layers",
    "median_span",
    "max_span",
    "fte_budgeted",
    "fte_actual",
    "cost",
    "ties_inside_share",
)

#: Readable English names of the key figures (rows of :func:`orgmodel.reorg.diff.key_figures`);
#: :func:`key_figure_label` gives them in any language (catalogue keys ``figure.*``).
KEY_FIGURE_LABELS = {
    "units": "Units",
    "posts": "Posts",
    "managers": "Managers",
    "layers": "Layers",
    "median_span": "Median span of control",
    "max_span": "Largest span of control",
    "fte_budgeted": "FTE budgeted",
    "fte_actual": "FTE actual",
    "cost": "Yearly cost",
    "ties": "Collaboration ties",
    "ties_inside_share": "Ties inside a group",
}

_GAP_INCHES = 0.4  # between two charts
_TITLE_INCHES = 0.55  # the charts' titles
_FOOTER_GUESS_INCHES = 0.65  # legend and note, until measured
_EDGE_INCHES = 0.1  # between the legend or note and the figure's edges
_BASE_COLOR = "#9aa5b1"


def key_figure_label(row: str, lang: str | None = None) -> str:
    """A readable name for a row of a comparison table, in ``lang`` (None: the session's).

    >>> key_figure_label("median_span"), key_figure_label("units_needed: Viktor")
    ('Median span of control', 'Units needed: Viktor')
    >>> key_figure_label("fte_budgeted", "sv"), key_figure_label("units_needed: Viktor", "nb")
    ('Årsarbetare i budget', 'Enheter som trengs: Viktor')
    """
    if row.startswith("units_needed: "):
        return t("figure.units_needed", lang, need=row.split(": ", 1)[1])
    try:
        return t(f"figure.{row}", lang)
    except UnknownLabelError:
        text = row.replace("_", " ")
        return text[:1].upper() + text[1:]


def format_key_figure(
    row: str, value: float, currency: str = "SEK", lang: str | None = None
) -> str:
    """A value of a comparison table as a short text: money, FTE, share or a count.

    Numbers, money and percentages follow ``lang`` (None: the session's language).

    >>> format_key_figure("cost", 2.39e9), format_key_figure("fte_actual", 8)
    ('2.4 bn SEK', '8.0')
    >>> format_key_figure("ties_inside_share", 0.625), format_key_figure("units", 4.0)
    ('62 %', '4')
    >>> format_key_figure("median_span", 3.5), format_key_figure("units", float("nan"))
    ('3.5', '–')
    >>> format_key_figure("cost", 2.39e9, lang="sv"), format_key_figure("fte_actual", 8, lang="nb")
    ('2,4 mdkr', '8,0')
    >>> format_key_figure("fte_actual", 2666.0)
    '2,666.0'
    >>> format_key_figure("ties_inside_share", 0.625, lang="sv") == "62\xa0%"   # CLDR's sv_SE
    True
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    code = get_language() if lang is None else lang
    if row == "cost":
        return compact_money(value, currency, code)
    english = code == "en"
    if "fte" in row.lower():
        return format_number(value, 1, code)  # grouped like counts and money: 2,666.0
    if row.endswith("share"):
        return f"{100 * float(value):.0f} %" if english else format_percent(value, 0, code)
    text = f"{float(value):.4g}"
    if english or "e" in text:
        return text
    return format_number(float(text), None, code)  # the same digits, the locale's signs


def draw_side_by_side(
    orgs: Sequence[Organisation],
    names: Sequence[str] | None = None,
    *,
    max_depth: int | None = 2,
    max_size: tuple[float, float] | None = None,
    arrange: str = "auto",
    lang: str | None = None,
    **orgchart_kwargs: Any,
) -> Figure:
    """Org charts of several organisations next to each other, at one scale.

    Every chart is laid out by :func:`~orgmodel.plot.orgchart.orgchart_figure_layout` as
    :func:`~orgmodel.plot.orgchart.draw_orgchart` would in its share of ``max_size``, then
    drawn in an Axes sized to that layout at a common scale (inches per box), so a box and
    its text have the same size in every chart and the charts are aligned at the top. One
    legend (the unit kinds of all charts) and one note on the figures are drawn below the
    charts, in as many legend rows as the figure's width needs.

    Parameters
    ----------
    orgs
        The organisations, e.g. ``[before, after]``.
    names
        A title per chart (default: the organisations' names).
    max_depth
        Levels shown below the top units (default 2; None: all). Boxes at the cut say how
        many units they hide.
    max_size
        Largest figure in inches (width, height) before the common scale shrinks; fonts do
        not go below the chart's minimum, the figure grows instead. None (default): a
        notebook page, laid out for a 16:9 slide (13.33 × 7.5) and read by scrolling down;
        a size: a fixed canvas such as a slide, which the whole figure is to fit.
    arrange
        ``"row"``: the charts side by side; ``"column"``: one above the other, each laid
        out for a whole ``max_size`` (the figure is as tall as they need); ``"auto"``
        (default): side by side unless that would show the text in the boxes below
        :data:`READABLE_FONT_SIZE` points, and stacking shows it larger: on a notebook
        page (``max_size=None``) figures wider than :data:`PAGE_WIDTH_INCHES` are scaled
        down to it; on a given ``max_size`` a figure is scaled down to fit it.
    lang
        Language of the legend, the note and the figures in the boxes; None: the session's.
    **orgchart_kwargs
        Passed to :func:`~orgmodel.plot.orgchart.draw_orgchart` (``show``, ``fte``,
        ``color_by``, ``legend``, ``fontsize``, ``root``, ``stack_leaves``, ``aspect``).
        ``aspect`` defaults to the share of 16:9 each chart gets: divided by the number
        of charts in a row, multiplied by it in a column.

    Returns
    -------
    matplotlib.figure.Figure
        One Axes per organisation, in order, titled with its name; the legend in
        ``fig.legends`` and the note in ``fig.texts``.
    """
    import matplotlib.pyplot as plt

    from orgmodel.plot.orgchart import draw_orgchart

    orgs = list(orgs)
    if not orgs:
        raise ValueError("give at least one organisation to draw")
    if names is None:
        names = [o.name or t("plot.compare.option", lang, i=i) for i, o in enumerate(orgs, start=1)]
    names = [str(n) for n in names]
    if len(names) != len(orgs):
        raise ValueError(
            f"give one name per organisation: {len(orgs)} organisations, {len(names)} names"
        )
    for key in ("ax", "layout", "title", "max_size"):
        if key in orgchart_kwargs:
            raise TypeError(f"draw_side_by_side() sets {key!r} itself")
    _check_arrange(arrange)
    page = max_size is None  # a notebook page: the figure may grow downwards
    if page:
        max_size = _SLIDE_INCHES
    legend = bool(orgchart_kwargs.get("legend", True))
    if arrange == "auto":
        row = _arrangement(orgs, names, "row", max_depth, max_size, lang, orgchart_kwargs)
        arrange = "row"
        if row.shown_text_pt(max_size, page) < READABLE_FONT_SIZE:
            column = _arrangement(orgs, names, "column", max_depth, max_size, lang, orgchart_kwargs)
            if column.shown_text_pt(max_size, page) > row.shown_text_pt(max_size, page):
                arrange = "column"
    plan = _arrangement(orgs, names, arrange, max_depth, max_size, lang, orgchart_kwargs)
    layouts, scale, options = plan.layouts, plan.scale, plan.options
    fig_w = plan.width
    fig = plt.figure(figsize=(fig_w, plan.height))
    footer_in = plan.footer_in
    if legend:
        footer_in = _figure_legend(fig, layouts, plan.text_pt)
    fig_h = plan.height - plan.footer_in + footer_in
    fig.set_size_inches(fig_w, fig_h)
    left, top = 0.0, fig_h  # of the next chart, inches
    for org, name, layout in zip(orgs, names, layouts, strict=True):
        w, h = layout.attrs["extent"]
        if arrange == "row":
            bottom = footer_in + (plan.top_h - h) * scale
        else:
            left = (fig_w - w * scale) / 2
            bottom = top - _TITLE_INCHES - h * scale
        ax = fig.add_axes((left / fig_w, bottom / fig_h, w * scale / fig_w, h * scale / fig_h))
        draw_orgchart(
            org,
            ax=ax,
            max_depth=max_depth,
            title=name,
            layout=layout,
            legend=False,
            lang=lang,
            **options,
        )
        left += w * scale + _GAP_INCHES
        top = bottom - _GAP_INCHES
    return fig


ARRANGE_OPTIONS = ("auto", "row", "column")

#: Points below which box text is hard to read on a projector or a notebook page.
READABLE_FONT_SIZE = 7.0
#: The widest figure a notebook page shows unscaled (about 1000 px at 100 dpi); wider
#: figures are scaled down to it, and their text with them.
PAGE_WIDTH_INCHES = 10.0
_SLIDE_INCHES = (13.33, 7.5)  # a 16:9 slide


def _check_arrange(arrange: str) -> None:
    if arrange not in ARRANGE_OPTIONS:
        raise ValueError(
            f"arrange={arrange!r} is not known; valid: {', '.join(map(repr, ARRANGE_OPTIONS))}"
        )


@dataclass(frozen=True)
class _Arrangement:
    """Layouts, common scale and figure size (inches) of charts in a row or a column."""

    layouts: list
    options: dict
    scale: float  # inches per box width
    text_pt: float  # the figures in the boxes at this scale, points
    width: float
    height: float  # with a footer of footer_in (a guess until the legend is drawn)
    footer_in: float
    top_h: float  # the tallest chart, box units (row)

    stacked: bool

    def shown_text_pt(self, max_size: tuple[float, float], page: bool) -> float:
        """Text size once the figure is shrunk to fit ``max_size``, or on a notebook page
        (``page``) to the width it shows; there stacked charts are read by scrolling down."""
        if not page:
            return self.text_pt * min(1.0, max_size[0] / self.width, max_size[1] / self.height)
        height = math.inf if self.stacked else max_size[1] / self.height
        return self.text_pt * min(1.0, PAGE_WIDTH_INCHES / self.width, height)


def _arrangement(orgs, names, arrange, max_depth, max_size, lang, orgchart_kwargs) -> _Arrangement:
    """Lay the charts out as :func:`draw_side_by_side` draws them in a row or a column."""
    from orgmodel.plot.orgchart import orgchart_figure_layout

    n = len(orgs)
    options = dict(orgchart_kwargs)
    # side by side, a chart gets its share of the width; stacked, a whole max_size each
    options.setdefault("aspect", 16 / 9 / n if arrange == "row" else 16 / 9)
    legend = bool(options.pop("legend", True))
    gaps = _GAP_INCHES * (n - 1)
    # each chart is laid out as draw_orgchart would in its share of the figure
    share = ((max_size[0] - gaps) / n, max_size[1]) if arrange == "row" else max_size
    layouts = [
        orgchart_figure_layout(
            o, max_depth=max_depth, title=name, max_size=share, lang=lang, **options
        )
        for o, name in zip(orgs, names, strict=True)
    ]
    widths = [lay.attrs["extent"][0] for lay in layouts]
    heights = [lay.attrs["extent"][1] for lay in layouts]
    natural, smallest = layouts[0].attrs["natural_scale"], layouts[0].attrs["min_scale"]
    # one legend and one note for the whole figure, below the charts; the scale is found
    # for a one-row legend, the footer is measured once drawn
    footer_in = _FOOTER_GUESS_INCHES if legend else 0.1
    if arrange == "row":
        fit = min(
            (max_size[0] - gaps) / sum(widths),
            (max_size[1] - _TITLE_INCHES - footer_in) / max(heights),
        )
    else:
        fit = min(
            max_size[0] / max(widths), (max_size[1] - _TITLE_INCHES - footer_in) / max(heights)
        )
    scale = max(min(natural, fit), smallest)
    if arrange == "row":
        width = sum(widths) * scale + gaps
        height = _TITLE_INCHES + max(heights) * scale + footer_in
    else:
        width = max(widths) * scale
        height = n * _TITLE_INCHES + sum(heights) * scale + gaps + footer_in
    # the text of the figures in the boxes at this scale (MIN_FONT_SIZE at the smallest)
    text_pt = max(MIN_FONT_SIZE, MIN_FONT_SIZE * scale / smallest)
    options.pop("legend", None)
    return _Arrangement(
        layouts, options, scale, text_pt, width, height, footer_in, max(heights), arrange != "row"
    )


def _figure_legend(fig: Figure, layouts: Sequence[pd.DataFrame], text_size: float) -> float:
    """Draw the kinds of all charts and the note at the bottom left of ``fig``.

    The legend takes as many columns as fit the figure's width and the note is wrapped to
    it; both are placed in inches from the bottom edge, so they stay put when the figure
    height is set afterwards. Returns the height they take (inches).
    """
    import textwrap

    from matplotlib.patches import Patch

    fig_w = fig.get_size_inches()[0]
    room_px = (fig_w - 2 * _EDGE_INCHES) * fig.dpi
    entries: dict[str, dict[str, Any]] = {}
    for layout in layouts:
        for entry in layout.attrs["legend"]:
            entries.setdefault(entry["label"], entry)
    notes = list(dict.fromkeys(lay.attrs["note"] for lay in layouts if lay.attrs["note"]))
    note = "; ".join(notes)

    height = _EDGE_INCHES
    if note:
        text = fig.text(
            _EDGE_INCHES,
            height,
            note,
            transform=fig.dpi_scale_trans,
            ha="left",
            va="bottom",
            fontsize=text_size,
            color=MUTED_TEXT_COLOR,
            family=FONT_FAMILY,
        )
        width = text.get_window_extent().width
        if width > room_px:  # wrap at the characters that fit
            chars = max(20, int(len(note) * room_px / width))
            text.set_text(textwrap.fill(note, chars))
        height += text.get_window_extent().height / fig.dpi + 0.04
    if entries:
        handles = [Patch(**entry) for entry in entries.values()]
        ncols = len(handles)
        while True:
            legend = fig.legend(
                handles=handles,
                loc="lower left",
                bbox_to_anchor=(_EDGE_INCHES, height),
                bbox_transform=fig.dpi_scale_trans,
                ncols=ncols,
                frameon=False,
                fontsize=text_size,
                handlelength=1.4,
                borderaxespad=0.0,
                borderpad=0.0,
                columnspacing=1.2,
            )
            if ncols == 1 or legend.get_window_extent().width <= room_px:
                break
            legend.remove()
            ncols -= 1
        height += legend.get_window_extent().height / fig.dpi
    return height + 0.1


def plot_key_figures(
    table: pd.DataFrame,
    ax: Axes | None = None,
    *,
    rows: Sequence[str] | None = None,
    currency: str = "SEK",
    title: str | None = None,
    fontsize: float = 12.0,
    lang: str | None = None,
) -> Axes:
    """Key figures of a base and its options as grouped horizontal bars, values written out.

    Figures have different units (count, FTE, money, share), so each row's bars are scaled
    to the largest absolute value of that row: the longest bar of a row is the largest
    value, and the bar lengths of one row compare the options. The values themselves are
    written at the end of each bar.

    Parameters
    ----------
    table
        A :func:`orgmodel.reorg.compare` result: rows are figures, columns the base then
        each option.
    ax
        Axes to draw in; None makes a figure sized to the table.
    rows
        Figures to draw, in order (default: :data:`DEFAULT_KEY_FIGURES` that are present,
        then every ``units_needed: ...`` row).
    currency
        Currency of the ``cost`` row.
    title
        A title above the chart.
    fontsize
        Size of the labels (points); the default reads well on a projector.
    lang
        Language of the row names and the axis note, and of the numbers written on the
        bars; None: the session's.

    Returns
    -------
    matplotlib.axes.Axes
        Bars in ``ax.patches`` (row by row), value labels in ``ax.texts``, one legend entry
        per column.
    """
    import matplotlib.pyplot as plt

    if rows is None:
        rows = [r for r in DEFAULT_KEY_FIGURES if r in table.index] + [
            r for r in table.index if str(r).startswith("units_needed: ")
        ]
    rows = list(rows)
    missing = [r for r in rows if r not in table.index]
    if missing:
        raise KeyError(
            f"rows not in the table: {', '.join(map(repr, missing))}; "
            f"valid: {', '.join(map(repr, table.index))}"
        )
    if not rows:
        raise ValueError("no rows to draw")
    columns = list(table.columns)
    n = len(columns)
    if ax is None:
        height = 0.55 + len(rows) * (0.32 * n + 0.35)
        _, ax = plt.subplots(figsize=(11, max(2.5, height)), layout="constrained")
    colors = [_BASE_COLOR] + [BRANCH_PALETTE[i % len(BRANCH_PALETTE)] for i in range(n - 1)]
    bar_h = 0.8 / n
    for r, row in enumerate(rows):
        values = pd.to_numeric(table.loc[row], errors="coerce").astype(float)
        biggest = values.abs().max()
        for c, col in enumerate(columns):
            v = values[col]
            y = r + (c - (n - 1) / 2) * bar_h
            length = 0.0 if math.isnan(v) or not biggest else abs(v) / biggest
            ax.barh(
                y, length, height=bar_h * 0.9, color=colors[c], label=str(col) if r == 0 else None
            )
            ax.text(
                length + 0.01,
                y,
                format_key_figure(str(row), v, currency, lang),
                va="center",
                ha="left",
                fontsize=fontsize * 0.85,
                color=TEXT_COLOR,
                family=FONT_FAMILY,
            )
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(
        [key_figure_label(str(r), lang) for r in rows], fontsize=fontsize, family=FONT_FAMILY
    )
    ax.invert_yaxis()  # first row at the top
    ax.set_xlim(0, 1.25)
    ax.set_xticks([])
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0, colors=TEXT_COLOR)
    ax.legend(
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        frameon=False,
        fontsize=fontsize * 0.9,
    )
    ax.set_xlabel(
        t("plot.compare.bar_length", lang),
        fontsize=fontsize * 0.75,
        color=MUTED_TEXT_COLOR,
    )
    if title:
        ax.set_title(title, fontsize=fontsize * 1.25, color=TEXT_COLOR, family=FONT_FAMILY)
    return ax
