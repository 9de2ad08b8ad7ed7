"""Staffing agile arenas: citizen needs, proposed cross-functional teams, PULS programmes.

* :mod:`~orgmodel.staffing.needs`: :class:`Need` and the needs file (``orgmodel-needs: 1``);
* :mod:`~orgmodel.staffing.team`: :func:`staff` proposes a team (fewest units, exact);
* :mod:`~orgmodel.staffing.puls`: the PULS programme of an arena as a checklist;
* :mod:`~orgmodel.staffing.arenas`: a team as a reorganisation scenario (an arena unit with
  its links), and how many units and main missions each need involves.

The package imports no UI (ipywidgets, matplotlib, IPython).
"""

from orgmodel.staffing.arenas import (
    arena_operations,
    arena_scenario,
    compare_involvement,
    involvement,
)
from orgmodel.staffing.needs import (
    HOURS_PER_FTE,
    Need,
    NeedSet,
    Requirement,
    check_needs,
    dumps_needs,
    loads_needs,
    read_needs,
    write_needs,
)
from orgmodel.staffing.puls import Activity, Puls, missing, status
from orgmodel.staffing.team import StaffingResult, Team, candidates, evaluate, staff

__all__ = [
    "HOURS_PER_FTE",
    "Activity",
    "Need",
    "NeedSet",
    "Puls",
    "Requirement",
    "StaffingResult",
    "Team",
    "arena_operations",
    "arena_scenario",
    "candidates",
    "check_needs",
    "compare_involvement",
    "dumps_needs",
    "evaluate",
    "involvement",
    "loads_needs",
    "missing",
    "read_needs",
    "staff",
    "status",
    "write_needs",
]
