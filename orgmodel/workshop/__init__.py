"""Workshop mode: participants score initiatives on their own devices, the group sees the result.

* :mod:`~orgmodel.workshop.store` -- the answers in SQLite (WAL, one transaction per
  submission, re-votes replace), read back as the long ratings table that
  :mod:`orgmodel.prioritise.group` takes
* :mod:`~orgmodel.workshop.results` -- a round's aggregate ranking, disagreement and
  Kendall's W, and the change between rounds, all computed by :mod:`orgmodel.prioritise`
* :mod:`~orgmodel.workshop.server` -- the participants' web page and its JSON API
  (Python's standard library only)
* :mod:`~orgmodel.workshop.cli` -- ``orgmodel workshop serve CHECKLIST INITIATIVES``

The facilitator's notebook view is :class:`orgmodel.widgets.facilitator.FacilitatorView`.
"""

from orgmodel.workshop.errors import (
    JoinRefusedError,
    RoundClosedError,
    SubmissionError,
    UnknownParticipantError,
    WorkshopError,
)
from orgmodel.workshop.results import RoundResults, compare_rounds, round_results
from orgmodel.workshop.store import Participant, Round, Workshop, WorkshopStore, open_store

__all__ = [
    "JoinRefusedError",
    "Participant",
    "Round",
    "RoundClosedError",
    "RoundResults",
    "SubmissionError",
    "UnknownParticipantError",
    "Workshop",
    "WorkshopError",
    "WorkshopStore",
    "compare_rounds",
    "open_store",
    "round_results",
]
