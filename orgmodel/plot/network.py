"""Collaboration networks with matplotlib: who works with whom, across which borders.

The graph comes from :func:`orgmodel.analysis.network.collaboration_graph` (links between
posts or people lifted to units), the positions from
:func:`orgmodel.plot.layout.network_layout` (pure); this module only paints them.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from orgmodel.model import Organisation, Unit, Post, Link
>>> org = Organisation(
...     units=[Unit("kommun"), Unit("skola", "Skolan", parent="kommun"),
...            Unit("vard", "Vården", parent="kommun")],
...     posts=[Post("rektor", unit="skola"), Post("ssk", unit="vard", fte_budgeted=2.0)],
...     links=[Link("rektor", "ssk", weight=2)],
... )
>>> ax = draw_collaboration(org)
>>> sorted(t.get_text() for t in ax.texts)[:2]       # a label per unit, then the note
['Skolan', 'Vården']
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from orgmodel.i18n import t as label_text
from orgmodel.plot.layout import network_layout, wrap_label
from orgmodel.plot.style import (
    CONNECTOR_COLOR,
    FONT_FAMILY,
    MIN_FONT_SIZE,
    MUTED_TEXT_COLOR,
    TEXT_COLOR,
    group_colors,
)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from orgmodel.model.organisation import Organisation

__all__ = ["SIZE_OPTIONS", "draw_collaboration"]

#: What node sizes can show: own FTE of a unit (its posts, not sub-units) or of a post.
SIZE_OPTIONS = ("fte", "fte_budgeted", "posts", None)

_MIN_AREA, _MAX_AREA = 50.0, 900.0  # marker areas, points²
_GREY = "#b8c2cc"
_ALWAYS_NAMED = 8  # the biggest nodes are named even over other markers
_AUTO_LABELS = 14  # "auto" names at most this many nodes: the biggest and most connected
_LABEL_FONT_SIZE = 10.0  # points, readable on a projector
_LABEL_WRAP = 18  # characters per line of a node name; names are wrapped, never cut
_LEGEND_FONT_SIZE = 9.0


def _legend_layout(labels: list[str], width_in: float) -> tuple[int, float]:
    """Columns and height (inches, title included) of a legend below a figure's graph.

    The most columns whose entries (filled column by column, as matplotlib does) fit
    ``width_in`` side by side.
    """
    char_in = 0.6 * _LEGEND_FONT_SIZE / 72  # DejaVu Sans averages ~0.6 em
    for ncols in range(len(labels), 0, -1):
        rows = math.ceil(len(labels) / ncols)
        columns = [labels[i : i + rows] for i in range(0, len(labels), rows)]
        # a column also holds the marker and the gap after it
        if sum(max(map(len, c)) * char_in + 0.45 for c in columns) <= width_in:
            break
    rows = math.ceil(len(labels) / ncols)
    return ncols, 0.3 + rows * 1.5 * _LEGEND_FONT_SIZE / 72 + 0.1


def _node_values(org: Organisation, graph, level: str, size_by) -> dict[Any, float]:
    """Size values per node: FTE / posts of the unit's own posts, or of the post."""
    if isinstance(size_by, Mapping):
        return {n: float(size_by.get(n, 0.0)) for n in graph.nodes}
    if size_by is None:
        return {n: 1.0 for n in graph.nodes}
    posts = list(org.iter_posts())
    if level == "post":
        by_post = {
            p.id: {"fte": p.fte_actual, "fte_budgeted": p.fte_budgeted, "posts": 1.0}[size_by]
            for p in posts
        }
        return {n: float(by_post.get(n, 0.0)) for n in graph.nodes}
    own: dict[str, float] = {}
    for p in posts:
        v = {"fte": p.fte_actual, "fte_budgeted": p.fte_budgeted, "posts": 1.0}[size_by]
        own[p.unit] = own.get(p.unit, 0.0) + float(v)  # type: ignore[arg-type]
    return {n: own.get(n, 0.0) for n in graph.nodes}


def _drop_overlapping(ax: Axes, texts: list, owners: list, markers: dict) -> None:
    """Remove texts (in priority order) that would cover a text kept before or a marker
    other than their own node's (the first few may cover markers: the biggest nodes
    should be named). ``markers``: node -> (x, y, radius in points)."""
    from matplotlib.transforms import Bbox

    renderer = ax.figure.canvas.get_renderer()
    to_px = ax.figure.dpi / 72
    obstacles = []
    for node, (x, y, r) in markers.items():
        cx, cy = ax.transData.transform((x, y))
        obstacles.append(
            (
                node,
                Bbox.from_extents(cx - r * to_px, cy - r * to_px, cx + r * to_px, cy + r * to_px),
            )
        )
    kept: list = []
    for t, owner in zip(texts, owners, strict=True):
        box = t.get_window_extent(renderer).expanded(1.04, 1.1)
        covers_marker = len(kept) >= _ALWAYS_NAMED and any(
            node != owner and box.overlaps(b) for node, b in obstacles
        )
        if covers_marker or any(box.overlaps(k) for k in kept):
            t.remove()
        else:
            kept.append(box)


def _default_group_by(org: Organisation) -> str | int:
    kinds = {u.kind for u in org.iter_units()}
    if "main_mission" in kinds:
        return "main_mission"
    return 1 if len(org.roots()) == 1 else 0


def draw_collaboration(
    org: Organisation,
    ax: Axes | None = None,
    *,
    level: str = "unit",
    kinds: str | Iterable[str] | None = ("collaboration",),
    layout: str = "spring",
    seed: int | None = 0,
    node_size_by: str | Mapping[Any, float] | None = "fte",
    group_by: str | int | None = None,
    labels: bool | int | str = "auto",
    drop_isolates: bool = True,
    title: str | None = None,
    legend: bool = True,
    figsize: tuple[float, float] = (10.0, 7.5),
    lang: str | None = None,
) -> Axes:
    """Draw the collaboration network of units (or posts).

    Parameters
    ----------
    org
        The organisation.
    ax
        Axes to draw in; None makes a new figure of ``figsize``.
    level
        ``"unit"`` (post and person links lifted to their units) or ``"post"``.
    kinds
        Link kinds read as collaboration (None: every link).
    layout, seed
        Node placement (:data:`~orgmodel.plot.layout.NETWORK_LAYOUTS`) and its random
        seed: the same seed gives the same picture.
    node_size_by
        Node area by ``"fte"`` (actual FTE of the unit's own posts, or of the post),
        ``"fte_budgeted"``, ``"posts"``, a mapping ``{node: value}``, or None (equal).
    group_by
        Colour nodes by group (see :func:`orgmodel.analysis.network.unit_groups`): a
        depth, a unit kind or ``"unit"``. None: by main mission when the organisation has
        units of kind ``main_mission``, else by the units directly under the top unit.
    labels
        ``"auto"``: name nodes biggest first, leaving out a name that would overlap one
        already placed; True: every node; False: none; an int N: the N biggest.
    drop_isolates
        Leave out nodes without ties to others (e.g. parent units with no posts).
    title, legend
        A title; a legend of the groups and a note on what sizes and widths mean.
    figsize
        Size of a new figure, inches (default fits a slide).
    lang
        Language of the legend title, the note and the empty-network message: ``"en"``,
        ``"sv"`` or ``"nb"`` (default: the session's, :mod:`orgmodel.i18n`). Unit names are
        the organisation's.

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt
    from matplotlib import patheffects
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    from orgmodel.analysis.network import collaboration_graph, unit_groups

    if not (node_size_by is None or isinstance(node_size_by, Mapping)):
        if node_size_by not in SIZE_OPTIONS:
            raise ValueError(
                f"node_size_by={node_size_by!r} is not known; valid: "
                f"{', '.join(map(repr, SIZE_OPTIONS))} or a mapping"
            )
    graph = collaboration_graph(org, level, kinds)
    if drop_isolates:
        keep = [n for n in graph.nodes if any(m != n for m in graph.neighbors(n))]
        graph = graph.subgraph(keep).copy()

    groups_of_units = unit_groups(org, _default_group_by(org) if group_by is None else group_by)
    node_group = {n: groups_of_units.get(d.get("unit")) for n, d in graph.nodes(data=True)}
    group_order = [g for g in dict.fromkeys(groups_of_units) if g in set(node_group.values())]
    color_of = dict(zip(group_order, group_colors(len(group_order)), strict=True))
    names = org.unit_map
    group_labels = [names[g].name if g in names else str(g) for g in group_order]

    pos = network_layout(graph, layout, seed=seed, groups=node_group)
    own_figure = ax is None
    if ax is None:
        fig, ax = plt.subplots(figsize=figsize)
        # the graph fills the width; the legend and the note go below it
        bottom_in = 0.45
        if legend and group_labels:
            ncols, legend_in = _legend_layout(group_labels, 0.96 * figsize[0])
            bottom_in += legend_in
        top = 1 - (0.6 if title else 0.15) / figsize[1]
        fig.subplots_adjust(left=0.02, right=0.98, top=top, bottom=bottom_in / figsize[1])
    ax.set_axis_off()
    # positions have no meaningful aspect: the graph is spread over the whole Axes
    ax.set_aspect("auto")
    if title:
        ax.set_title(title, fontsize=14, color=TEXT_COLOR, family=FONT_FAMILY)
    if graph.number_of_nodes() == 0:
        ax.text(
            0.5,
            0.5,
            label_text("plot.network.empty", lang),
            ha="center",
            va="center",
            transform=ax.transAxes,
            color=MUTED_TEXT_COLOR,
            fontsize=11,
        )
        return ax

    xy = pos.to_dict("index")
    edges = [(u, v, float(d.get("weight", 1.0))) for u, v, d in graph.edges(data=True) if u != v]
    if edges:
        wmax = max(w for _, _, w in edges) or 1.0
        edges.sort(key=lambda e: e[2])  # heavy ties drawn last, on top
        segs = [((xy[u]["x"], xy[u]["y"]), (xy[v]["x"], xy[v]["y"])) for u, v, _ in edges]
        widths = [0.6 + 4.4 * w / wmax for _, _, w in edges]
        ax.add_collection(
            LineCollection(segs, linewidths=widths, colors=CONNECTOR_COLOR, alpha=0.7, zorder=1)
        )

    values = _node_values(org, graph, level, node_size_by)
    vmax = max(values.values(), default=0.0) or 1.0
    nodes = list(graph.nodes)
    # big networks get smaller markers, or they would cover each other
    biggest = _MIN_AREA + (_MAX_AREA - _MIN_AREA) * min(1.0, math.sqrt(60 / len(nodes)))
    areas = [_MIN_AREA + (biggest - _MIN_AREA) * max(values[n], 0.0) / vmax for n in nodes]
    colors = [color_of.get(node_group[n], _GREY) for n in nodes]
    ax.scatter(
        [xy[n]["x"] for n in nodes],
        [xy[n]["y"] for n in nodes],
        s=areas,
        c=colors,
        edgecolors="white",
        linewidths=1.2,
        zorder=2,
    )

    ax.margins(0.12)  # room for labels under the lowest nodes
    ax.autoscale_view()
    ax.apply_aspect()  # final limits, so that label boxes can be measured
    if labels is not False:
        ranked = sorted(nodes, key=lambda n: -values[n])  # biggest first
        if labels == "auto":
            # the biggest and the most connected nodes, half of the weight each
            degree = dict(graph.degree(weight="weight"))
            dmax = max(degree.values(), default=0.0) or 1.0
            ranked = sorted(nodes, key=lambda n: -(values[n] / vmax + degree.get(n, 0.0) / dmax))[
                :_AUTO_LABELS
            ]
        elif labels is not True:
            ranked = ranked[: int(labels)]
        fs = (
            _LABEL_FONT_SIZE
            if labels == "auto"
            else max(MIN_FONT_SIZE + 1, 9.5 - 0.03 * len(nodes))
        )
        halo = [patheffects.withStroke(linewidth=3, foreground="white")]
        area_of = dict(zip(nodes, areas, strict=True))
        placed = []
        for n in ranked:
            name = str(graph.nodes[n].get("label", n))
            text = "\n".join(wrap_label(name, _LABEL_WRAP, max_lines=len(name)))
            offset = math.sqrt(area_of[n]) / 2 + 2  # points below the marker's edge
            placed.append(
                ax.annotate(
                    text,
                    (xy[n]["x"], xy[n]["y"]),
                    xytext=(0, -offset),
                    textcoords="offset points",
                    ha="center",
                    va="top",
                    fontsize=fs,
                    color=TEXT_COLOR,
                    family=FONT_FAMILY,
                    path_effects=halo,
                    zorder=3,
                )
            )
        if labels == "auto":
            markers = {
                n: (xy[n]["x"], xy[n]["y"], math.sqrt(a) / 2)
                for n, a in zip(nodes, areas, strict=True)
            }
            _drop_overlapping(ax, placed, ranked, markers)
    if legend:
        handles = [
            Line2D(
                [],
                [],
                marker="o",
                ls="",
                markersize=8,
                markerfacecolor=color_of[g],
                markeredgecolor="white",
                label=label,
            )
            for g, label in zip(group_order, group_labels, strict=True)
        ]
        if handles:
            # below the network in a figure of its own; inside a given Axes
            ax.legend(
                handles=handles,
                loc="upper center" if own_figure else "best",
                bbox_to_anchor=(0.5, 0.0) if own_figure else None,
                ncols=ncols if own_figure else 1,
                frameon=not own_figure,
                framealpha=0.85,
                edgecolor="none",
                fontsize=_LEGEND_FONT_SIZE,
                title_fontsize=_LEGEND_FONT_SIZE + 0.5,
                title=label_text("plot.network.group", lang),
            )
        size_note = (
            label_text(f"plot.network.size_{node_size_by}", lang)
            if isinstance(node_size_by, str)
            else ""
        )
        note = ", ".join(x for x in (size_note, label_text("plot.network.width", lang)) if x)
        ax.annotate(
            note,
            xy=(0.98, 0.01) if own_figure else (1, 0),
            xycoords="figure fraction" if own_figure else "axes fraction",
            ha="right",
            va="bottom" if own_figure else "top",
            xytext=(0, 0 if own_figure else -2),
            textcoords="offset points",
            fontsize=MIN_FONT_SIZE + 0.5,
            color=MUTED_TEXT_COLOR,
            family=FONT_FAMILY,
        )
    return ax
