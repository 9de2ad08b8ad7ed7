"""Prioritise initiatives against criteria: weights, scores, rankings and their robustness.

Works on plain pandas objects and needs no organisation model: ``scores`` is a DataFrame
with alternatives as rows and criteria as columns, ``weights`` a Series indexed by
criterion, ``directions`` ``"max"``/``"min"`` per criterion.

* :mod:`~orgmodel.prioritise.weights` -- normalise, direct points, swing, rank-order weights
* :mod:`~orgmodel.prioritise.ahp` -- AHP weights, consistency ratio, incomplete matrices
* :mod:`~orgmodel.prioritise.scoring` -- weighted sum, TOPSIS, PROMETHEE II
* :mod:`~orgmodel.prioritise.sensitivity` -- one-at-a-time, stability intervals, tornado
* :mod:`~orgmodel.prioritise.smaa` -- rank acceptabilities over uncertain weights
* :mod:`~orgmodel.prioritise.group` -- several raters: aggregation, disagreement, Kendall's W
* :mod:`~orgmodel.prioritise.portfolio` -- the best set within a budget
* :mod:`~orgmodel.prioritise.checklist`, ``gates``, ``record`` -- checklists (e.g. KS's
  criteria), gate questions and the decision record

>>> import pandas as pd
>>> from orgmodel.prioritise import weighted_sum, roc_weights
>>> scores = pd.DataFrame({"need": [4, 2, 5], "cost": [3, 1, 4]}, index=["a", "b", "c"])
>>> weighted_sum(scores, roc_weights(["need", "cost"]), {"cost": "min"})["rank"].tolist()
[2, 3, 1]
"""

from orgmodel.prioritise.ahp import RANDOM_INDEX, AHPResult, ahp
from orgmodel.prioritise.checklist import (
    Checklist,
    Criterion,
    Gate,
    Initiative,
    Scale,
    as_initiatives,
    check_initiatives,
    list_templates,
    load_checklist,
    load_template,
    save_checklist,
)
from orgmodel.prioritise.errors import MissingScoreError, PrioritisationError
from orgmodel.prioritise.gates import apply_gates, evaluate_gate, passing
from orgmodel.prioritise.group import (
    KendallW,
    aggregate_pairwise,
    aggregate_priorities,
    aggregate_scores,
    disagreement,
    kendall_w,
    long_ratings,
)
from orgmodel.prioritise.portfolio import Portfolio, capacity_curve, select_portfolio
from orgmodel.prioritise.record import DecisionRecord, decision_record, scoring_options
from orgmodel.prioritise.scoring import METHODS, promethee_ii, topsis, weighted_sum
from orgmodel.prioritise.sensitivity import one_at_a_time, stability_intervals, tornado_data
from orgmodel.prioritise.smaa import SMAAResult, smaa
from orgmodel.prioritise.weights import (
    direct_weights,
    normalise,
    rank_reciprocal_weights,
    rank_sum_weights,
    roc_weights,
    swing_weights,
)

__all__ = [
    "METHODS",
    "RANDOM_INDEX",
    "AHPResult",
    "Checklist",
    "Criterion",
    "DecisionRecord",
    "Gate",
    "Initiative",
    "KendallW",
    "MissingScoreError",
    "Portfolio",
    "PrioritisationError",
    "SMAAResult",
    "Scale",
    "aggregate_pairwise",
    "aggregate_priorities",
    "aggregate_scores",
    "ahp",
    "apply_gates",
    "as_initiatives",
    "capacity_curve",
    "check_initiatives",
    "decision_record",
    "direct_weights",
    "disagreement",
    "evaluate_gate",
    "kendall_w",
    "list_templates",
    "load_checklist",
    "load_template",
    "long_ratings",
    "normalise",
    "one_at_a_time",
    "passing",
    "promethee_ii",
    "rank_reciprocal_weights",
    "rank_sum_weights",
    "roc_weights",
    "save_checklist",
    "scoring_options",
    "select_portfolio",
    "smaa",
    "stability_intervals",
    "swing_weights",
    "topsis",
    "tornado_data",
    "weighted_sum",
]
