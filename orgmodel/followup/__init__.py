"""Follow-up: action plans with responsibilities, network reviews, effect targets and surveys.

* :mod:`~orgmodel.followup.actionplan` — :class:`ActionPlan`, :class:`Theme`,
  :class:`Action`, deadlines (``"våren 2019"``), reading and writing YAML and Excel, and
  resolving "Ansvarig" phrases to unit and post ids of an organisation.
* :mod:`~orgmodel.followup.raci` — RACI matrix, load per responsible party, actions without
  an owner, actions past due.
* :mod:`~orgmodel.followup.review` — the yearly review of networks and partnerships.
* :mod:`~orgmodel.followup.targets` — effect targets, Wilson score intervals and verdicts.
* :mod:`~orgmodel.followup.survey` — survey responses from CSV/Excel with a column mapping.

The package imports no matplotlib, ipywidgets or IPython.
"""

from orgmodel.followup.actionplan import (
    STATUSES,
    Action,
    ActionPlan,
    AmbiguousPartyError,
    Deadline,
    Theme,
    UnknownPartyError,
    check_parties,
    normalise_status,
    parse_deadline,
    party_aliases,
    read_actionplan,
    resolve_party,
    write_actionplan,
)
from orgmodel.followup.raci import (
    actions_without_owner,
    assignments,
    load_by_quarter,
    party_labels,
    past_due,
    raci_matrix,
    responsible_load,
)
from orgmodel.followup.review import NetworkReview, missing_reviews, review_checklist
from orgmodel.followup.survey import SurveyImport, generate_survey, read_responses
from orgmodel.followup.targets import (
    VERDICTS,
    Activity,
    EffectTarget,
    Rule,
    TargetPlan,
    evaluate_targets,
    read_targets,
    verdict,
    wilson_interval,
    write_targets,
)

__all__ = [
    "STATUSES",
    "VERDICTS",
    "Action",
    "ActionPlan",
    "Activity",
    "AmbiguousPartyError",
    "Deadline",
    "EffectTarget",
    "NetworkReview",
    "Rule",
    "SurveyImport",
    "TargetPlan",
    "Theme",
    "UnknownPartyError",
    "actions_without_owner",
    "assignments",
    "check_parties",
    "evaluate_targets",
    "generate_survey",
    "load_by_quarter",
    "missing_reviews",
    "normalise_status",
    "parse_deadline",
    "party_aliases",
    "party_labels",
    "past_due",
    "raci_matrix",
    "read_actionplan",
    "read_responses",
    "read_targets",
    "resolve_party",
    "responsible_load",
    "review_checklist",
    "verdict",
    "wilson_interval",
    "write_actionplan",
    "write_targets",
]
