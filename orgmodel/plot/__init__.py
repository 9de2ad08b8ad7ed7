"""Pictures: org charts and collaboration networks with matplotlib.

Every drawing function takes ``ax=None`` and returns the matplotlib Axes; the geometry
comes from pure functions in :mod:`orgmodel.plot.layout` that return DataFrames.
matplotlib is imported inside the drawing functions, so importing this package is cheap
and works without a display.

>>> import orgmodel.plot
>>> hasattr(orgmodel.plot, "draw_orgchart")
True
"""

from orgmodel.plot.compare import draw_side_by_side, plot_key_figures
from orgmodel.plot.export import FIGURE_FORMATS, save_figure
from orgmodel.plot.layout import (
    NETWORK_LAYOUTS,
    LayoutSpacing,
    connector_segments,
    network_layout,
    orgchart_layout,
    tree_layout,
    wrap_label,
)
from orgmodel.plot.network import draw_collaboration
from orgmodel.plot.orgchart import draw_orgchart, draw_post_chart, orgchart_figure_layout
from orgmodel.plot.style import KIND_COLORS, compact_money, kind_colors

__all__ = [
    "FIGURE_FORMATS",
    "KIND_COLORS",
    "NETWORK_LAYOUTS",
    "LayoutSpacing",
    "compact_money",
    "connector_segments",
    "draw_collaboration",
    "draw_orgchart",
    "draw_post_chart",
    "draw_side_by_side",
    "kind_colors",
    "network_layout",
    "orgchart_figure_layout",
    "orgchart_layout",
    "plot_key_figures",
    "save_figure",
    "tree_layout",
    "wrap_label",
]
