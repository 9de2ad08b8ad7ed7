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

__all__ = [
    "STATUSES",
    "Action",
    "ActionPlan",
    "AmbiguousPartyError",
    "Deadline",
    "Theme",
    "UnknownPartyError",
    "check_parties",
    "normalise_status",
    "parse_deadline",
    "party_aliases",
    "read_actionplan",
    "resolve_party",
    "write_actionplan",
]
