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
...            Post("kom", unit="kansliet", fte_budgeted=1.0, cost=650_000)],
...     meta={"currency": "SEK"},
... )
>>> ax = draw_orgchart(org, fte="budgeted")
>>> texts = [t.get_text() for t in ax.texts]
>>> "Kansliet" in texts, "4.0 FTE" in texts, "2.5 MSEK" in texts
(True, True, True)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

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

__all__ = ["SHOW_OPTIONS", "draw_orgchart"]

#: Figures a box can show, from :func:`orgmodel.analysis.rollup.rollup` (sub-units included).
SHOW_OPTIONS = ("fte", "cost", "posts", "headcount", "vacancies")
_FTE_OPTIONS = ("actual", "budgeted", "both")

#: Inches per box width at the natural size, where names are ``fontsize`` points.
_NATURAL_INCHES = 1.6
_MARGIN = 0.15  # around the chart, in box widths
_FIGURE_SHRINK = 0.86  # figures are drawn this much smaller than names
_NAME_WRAP = 18  # characters of a bold name that fit a box at any scale


def _check_choice(name: str, value: Any, valid: Sequence[str]) -> None:
    if value not in valid:
        raise ValueError(f"{name}={value!r} is not known; valid: {', '.join(map(repr, valid))}")


def _figure_lines(row: Any, show: Sequence[str], fte: str, currency: str) -> list[str]:
    lines = []
    for item in show:
        if item == "fte":
            if fte == "actual":
                lines.append(f"{format_fte(row['fte_actual_total'])} FTE")
            elif fte == "budgeted":
                lines.append(f"{format_fte(row['fte_budgeted_total'])} FTE")
            else:
                a, b = format_fte(row["fte_actual_total"]), format_fte(row["fte_budgeted_total"])
                lines.append(f"{a} / {b} FTE")
        elif item == "cost":
            lines.append(compact_money(row["cost_total"], currency))
        elif item == "posts":
            n = int(row["posts_total"])
            lines.append(f"{n} post{'s' if n != 1 else ''}")
        elif item == "headcount":
            n = int(row["headcount_total"])
            lines.append(f"{n} {'person' if n == 1 else 'people'}")
        else:
            lines.append(f"{int(row['vacancies_total'])} vacant")
    return lines


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
        Passed to :func:`~orgmodel.plot.layout.orgchart_layout`.
    fontsize
        Size of unit names (points) at the natural size; figures are a little smaller.
        Large charts shrink fonts until figures reach
        :data:`~orgmodel.plot.style.MIN_FONT_SIZE`, then grow the figure instead.
    max_size
        Largest figure (inches) before fonts shrink; default a 16:9 slide.
    layout
        A ready layout from :func:`~orgmodel.plot.layout.orgchart_layout` (its
        ``extra_lines`` should match ``show``); None: made here.

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection
    from matplotlib.patches import FancyBboxPatch, Patch

    from orgmodel.analysis.rollup import rollup

    show = (show,) if isinstance(show, str) else tuple(show)
    for item in show:
        _check_choice("show item", item, SHOW_OPTIONS)
    _check_choice("fte", fte, _FTE_OPTIONS)
    if not (color_by is None or isinstance(color_by, Mapping)):
        _check_choice("color_by", color_by, ("kind", "branch"))
    if not org.unit_map:
        raise ValueError("the organisation has no units to chart")

    if layout is None:
        layout = orgchart_layout(
            org,
            root=root,
            max_depth=max_depth,
            stack_leaves=stack_leaves,
            aspect=aspect,
            extra_lines=len(show),
            wrap_width=_NAME_WRAP,
        )
        if layout["n_hidden"].any():
            layout = orgchart_layout(
                org,
                root=root,
                max_depth=max_depth,
                stack_leaves=stack_leaves,
                aspect=aspect,
                extra_lines=len(show) + 1,
                wrap_width=_NAME_WRAP,
            )
    sp = layout.attrs["spacing"]
    figures = rollup(org) if show else None

    half_h = float(layout["height"].iloc[0]) / 2
    x0, x1 = layout["x"].min() - 0.5 - _MARGIN, layout["x"].max() + 0.5 + _MARGIN
    y0, y1 = layout["y"].min() - half_h - _MARGIN, layout["y"].max() + half_h + _MARGIN
    data_w, data_h = x1 - x0, y1 - y0

    name_min = MIN_FONT_SIZE / _FIGURE_SHRINK
    min_scale = _NATURAL_INCHES * name_min / fontsize  # inches per box width at the floor
    title_in = 0.55 if title else 0.0
    footer_in = 0.42 if legend else 0.0
    own_figure = ax is None
    if ax is None:
        fit = min(max_size[0] / data_w, (max_size[1] - title_in - footer_in) / data_h)
        scale = max(min(_NATURAL_INCHES, fit), min_scale)
        fig_w = data_w * scale
        fig_h = data_h * scale + title_in + footer_in
        fig = plt.figure(figsize=(fig_w, fig_h))
        ax = fig.add_axes((0, footer_in / fig_h, 1, data_h * scale / fig_h))
    else:
        fig = ax.figure
        bbox = ax.get_position()
        fw, fh = fig.get_size_inches()
        scale = min(bbox.width * fw / data_w, bbox.height * fh / data_h)
    name_fs = max(fontsize * scale / _NATURAL_INCHES, name_min)
    fig_fs = name_fs * _FIGURE_SHRINK

    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()

    segs = connector_segments(layout)
    ax.add_collection(
        LineCollection(
            segs,
            colors=CONNECTOR_COLOR,
            linewidths=max(0.6, 0.9 * scale / 1.6),
            capstyle="projecting",
            zorder=1,
        )
    )

    colors = _box_colors(layout, org, color_by)
    currency = org.currency
    lw = max(0.5, 0.8 * scale / _NATURAL_INCHES)
    h = 2 * half_h
    for uid, row in layout.iterrows():
        c = colors[uid]
        left, bottom = row["x"] - 0.5, row["y"] - half_h
        style = "round,pad=0,rounding_size=0.03"
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
        lines = _figure_lines(figures.loc[uid], show, fte, currency) if figures is not None else []
        if row["n_hidden"]:
            n = int(row["n_hidden"])
            lines.append(f"+{n} unit{'s' if n != 1 else ''}")
        # the text block is centred in the box; a name with one very long word (Swedish
        # compounds) is set a little smaller rather than spilling over the edge
        longest = max(len(t) for t in name_lines)
        box_fs = name_fs * min(1.0, _NAME_WRAP / longest) if longest else name_fs
        block_top = row["y"] + sp.line_height * (len(name_lines) + len(lines)) / 2
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
        for i, text in enumerate(lines):
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
    if legend:
        notes = []
        if "fte" in show:
            notes.append(
                {
                    "actual": "FTE actual",
                    "budgeted": "FTE budgeted",
                    "both": "FTE actual / budgeted",
                }[fte]
            )
        if "cost" in show:
            notes.append(f"yearly cost ({currency})")
        note = (", ".join(notes) + ", sub-units included") if notes else ""
        handles = []
        if color_by == "kind":
            seen: dict[str, KindColors] = {}
            for uid in layout.index:
                k = org.unit(uid).kind
                seen.setdefault(k, kind_colors(k))
            handles = [
                Patch(
                    fc=c.fill,
                    ec=c.edge,
                    lw=lw,
                    ls=(0, (3, 2)) if c.dashed else "solid",
                    label=kind_label(k),
                )
                for k, c in seen.items()
            ]
        legend_fs = max(fig_fs, MIN_FONT_SIZE)
        if handles:
            ax.legend(
                handles=handles,
                loc="upper left",
                bbox_to_anchor=(0, 0),
                ncols=min(len(handles), 8),
                frameon=False,
                fontsize=legend_fs,
                handlelength=1.4,
                borderaxespad=0.2,
                columnspacing=1.2,
            )
        if note:
            ax.annotate(
                note,
                xy=(1, 0),
                xycoords="axes fraction",
                xytext=(-4, -4),
                textcoords="offset points",
                ha="right",
                va="top",
                fontsize=legend_fs,
                color=MUTED_TEXT_COLOR,
                family=FONT_FAMILY,
            )
    return ax
