"""Key figures of an organisation, as plain Python values ready for JSON, a widget or a slide.

>>> from orgmodel.model import Organisation, Unit, Post
>>> org = Organisation(
...     units=[Unit("kommun"), Unit("skola", parent="kommun")],
...     posts=[Post("kd", unit="kommun", cost=1_200_000),
...            Post("rektor", unit="skola", reports_to="kd", cost=900_000),
...            Post("larare", unit="skola", reports_to="rektor", fte_budgeted=12,
...                 fte_actual=11.5, cost=7_800_000),
...            Post("kurator", unit="skola", reports_to="rektor", vacant=True, cost=550_000)],
...     name="Hjo", meta={"currency": "SEK"},
... )
>>> s = summary(org)
>>> s["fte_budgeted"], s["fte_actual"], s["cost"], s["layers"], s["max_span"]
(15.0, 13.5, 10450000.0, 3, 2)
"""

from __future__ import annotations

import math
import statistics
from typing import TYPE_CHECKING, Any

from orgmodel.analysis.structure import layers

if TYPE_CHECKING:  # pragma: no cover
    from orgmodel.model.organisation import Organisation

__all__ = ["summary"]


def summary(org: Organisation) -> dict[str, Any]:
    """Key figures of the organisation as a dict of plain Python values.

    FTE and cost are summed straight from the posts (a post standing for several
    identical posts counts with its full ``fte_budgeted``); spans count direct reports per
    manager post (see :func:`orgmodel.analysis.structure.span_of_control`); layers as in
    :func:`orgmodel.analysis.structure.layers`.

    Returns
    -------
    dict
        ``name``, ``currency``; counts ``units``, ``posts``, ``people``, ``vacancies``
        (vacant posts), ``managers`` (posts with at least one report), ``links``; sums
        ``fte_budgeted``, ``fte_actual``, ``fte_gap`` (actual - budgeted), ``fte_vacant``
        (budgeted FTE of vacant posts), ``cost`` (yearly, in ``currency``); structure
        ``layers``, ``max_span`` (int) and ``median_span`` (float). Without reporting
        lines ``max_span`` and ``median_span`` are 0. Every value is an ``int``, ``float``
        or ``str``, so ``json.dumps`` takes the dict as it is.

    Examples
    --------
    >>> import json
    >>> from orgmodel.model import Organisation, Unit, Post
    >>> org = Organisation(units=[Unit("u")], posts=[Post("chef", unit="u"),
    ...     Post("a", unit="u", reports_to="chef"), Post("b", unit="u", reports_to="chef")],
    ...     name="Enhet")
    >>> print(json.dumps(summary(org)))  # doctest: +NORMALIZE_WHITESPACE
    {"name": "Enhet", "currency": "SEK", "units": 1, "posts": 3, "people": 0, "vacancies": 0,
     "managers": 1, "links": 0, "fte_budgeted": 3.0, "fte_actual": 3.0, "fte_gap": 0.0,
     "fte_vacant": 0.0, "cost": 0.0, "layers": 2, "max_span": 2, "median_span": 2.0}
    """
    posts = list(org.iter_posts())
    budgeted = math.fsum(float(p.fte_budgeted) for p in posts)
    actual = math.fsum(float(p.fte_actual) for p in posts)  # type: ignore[arg-type]
    reporting = org.reporting
    spans = [d for _, d in reporting.out_degree() if d > 0]
    return {
        "name": org.name,
        "currency": org.currency,
        "units": len(org.unit_map),
        "posts": len(posts),
        "people": len(org.person_map),
        "vacancies": sum(1 for p in posts if p.vacant),
        "managers": len(spans),
        "links": len(org.link_list),
        "fte_budgeted": _tidy(budgeted),
        "fte_actual": _tidy(actual),
        "fte_gap": _tidy(actual - budgeted),
        "fte_vacant": _tidy(math.fsum(float(p.fte_budgeted) for p in posts if p.vacant)),
        "cost": _tidy(math.fsum(float(p.cost) for p in posts)),
        "layers": layers(org),
        "max_span": int(max(spans)) if spans else 0,
        "median_span": float(statistics.median(spans)) if spans else 0.0,
    }


def _tidy(x: float) -> float:
    """A plain float without binary noise (0.1 + 0.2 -> 0.3); -0.0 becomes 0.0."""
    return round(float(x), 9) + 0.0
