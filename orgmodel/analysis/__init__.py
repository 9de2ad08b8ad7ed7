"""Analysis: pure functions taking an Organisation, returning labelled pandas objects.

* :mod:`~orgmodel.analysis.rollup` -- FTE, cost, posts, headcount, vacancies per unit
* :mod:`~orgmodel.analysis.structure` -- spans of control, layers, depth, vacancies
* :mod:`~orgmodel.analysis.network` -- collaboration ties: E-I index, silos, brokers
* :mod:`~orgmodel.analysis.summary` -- the key figures as a dict
"""

from orgmodel.analysis.network import (
    centrality,
    collaboration_graph,
    collaboration_matrix,
    ei_index,
    structural_holes_table,
    unit_groups,
    unit_ties,
)
from orgmodel.analysis.rollup import ROLLUP_MEASURES, headcount_by_post, rollup, unit_order
from orgmodel.analysis.structure import (
    cross_unit_reports,
    layers,
    managers_without_reports,
    post_layers,
    span_of_control,
    spans_summary,
    unit_depth,
    vacancies,
)
from orgmodel.analysis.summary import summary

__all__ = [
    "ROLLUP_MEASURES",
    "centrality",
    "collaboration_graph",
    "collaboration_matrix",
    "cross_unit_reports",
    "ei_index",
    "headcount_by_post",
    "layers",
    "managers_without_reports",
    "post_layers",
    "rollup",
    "span_of_control",
    "spans_summary",
    "structural_holes_table",
    "summary",
    "unit_depth",
    "unit_groups",
    "unit_order",
    "unit_ties",
    "vacancies",
]
