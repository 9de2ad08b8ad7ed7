"""Analysis: pure functions taking an Organisation, returning labelled pandas objects."""

from orgmodel.analysis.rollup import ROLLUP_MEASURES, headcount_by_post, rollup, unit_order

__all__ = ["ROLLUP_MEASURES", "headcount_by_post", "rollup", "unit_order"]
