"""The PULS programme of an agile arena, as a checklist of what is still missing.

Ängelholm's agile arenas (AdvisoryBoard 2014, section 10) each get a coordinator, who draws
up a *pulsprogram* in four steps:

* **P – Proaktivitet**: who receives the arena's work (the recipient), and a communication
  owner in the arena who keeps the citizen or stakeholder informed;
* **U – Utveckling**: a recruitment plan of the competences that staff the arena (here: the
  staffing proposed by :func:`orgmodel.staffing.staff`, member -> FTE);
* **L – Lärande**: an evaluation plan and a knowledge bank, so that what the arena learns
  is packed up and returned to the rest of the organisation;
* **S – Service**: an activity plan, the arena's work step by step.

:class:`Puls` holds the programme (an immutable value attached to an arena by its unit id);
:func:`missing` lists what is still missing, :func:`status` gives one line per step.

>>> p = Puls("arena-viktor", recipient="Viktor och hans mamma")
>>> missing(p)[["step", "item"]]
  step                  item
0    P   communication_owner
1    U      recruitment_plan
2    L       evaluation_plan
3    L        knowledge_bank
4    S         activity_plan
>>> p = p.evolve(recruitment_plan={"socialsekreterare": 0.1, "specialpedagog": 0.1},
...              communication_owner="kurator")
>>> missing(p).loc[0, "problem"]
"the communication owner 'kurator' is not a member of the recruitment plan"
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from orgmodel.model import FrozenDict, Organisation

__all__ = ["PULS_STEPS", "Activity", "Puls", "missing", "status"]

#: The four steps: letter -> (Swedish name, English name, the items of the step).
PULS_STEPS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "P": ("Proaktivitet", "Proactivity", ("recipient", "communication_owner")),
    "U": ("Utveckling", "Development", ("recruitment_plan",)),
    "L": ("Lärande", "Learning", ("evaluation_plan", "knowledge_bank")),
    "S": ("Service", "Service", ("activity_plan",)),
}

_ITEM_TEXT = {
    "recipient": "who receives the arena's work",
    "communication_owner": "a member who communicates with the recipient",
    "recruitment_plan": "the competences (members) that staff the arena",
    "evaluation_plan": "how the arena's work will be evaluated",
    "knowledge_bank": "where what the arena learns is kept and shared",
    "activity_plan": "the arena's work step by step",
}


@dataclass(frozen=True, slots=True)
class Activity:
    """One step of the activity plan: what, who (a member id) and by when."""

    what: str
    owner: str = ""
    due: _dt.date | str | None = None


@dataclass(frozen=True)
class Puls:
    """The PULS programme of the arena ``arena`` (a unit id).

    ``recruitment_plan`` maps member ids (posts or people) to FTE; ``uncovered`` lists the
    requirements the recruitment plan leaves uncovered (from the staffing).
    """

    arena: str
    recipient: str = ""
    communication_owner: str = ""
    recruitment_plan: Mapping[str, float] = field(default_factory=FrozenDict)
    uncovered: tuple[str, ...] = ()
    evaluation_plan: str = ""
    knowledge_bank: str = ""
    activity_plan: tuple[Activity, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "recruitment_plan", FrozenDict(self.recruitment_plan or {}))
        object.__setattr__(self, "uncovered", tuple(self.uncovered))
        acts = tuple(a if isinstance(a, Activity) else Activity(**a) for a in self.activity_plan)
        object.__setattr__(self, "activity_plan", acts)

    def evolve(self, **changes: Any) -> Puls:
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)

    @classmethod
    def from_staffing(cls, arena: str, staffing: Any, **fields: Any) -> Puls:
        """A programme whose recruitment plan is a staffing result's (or a team's) members
        and FTE, with the requirements it leaves uncovered."""
        team = getattr(staffing, "best", staffing)
        plan = {str(k): float(v) for k, v in team.members["fte"].items()}
        return cls(arena, recruitment_plan=plan, uncovered=tuple(team.uncovered.index), **fields)

    def to_dict(self) -> dict[str, Any]:
        """Plain values (for a unit's attributes or a file)."""
        return {
            "arena": self.arena,
            "recipient": self.recipient,
            "communication_owner": self.communication_owner,
            "recruitment_plan": dict(self.recruitment_plan),
            "uncovered": list(self.uncovered),
            "evaluation_plan": self.evaluation_plan,
            "knowledge_bank": self.knowledge_bank,
            "activity_plan": [
                {k: v for k, v in dataclasses.asdict(a).items() if v not in ("", None)}
                for a in self.activity_plan
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Puls:
        return cls(**dict(data))


def _blank(v: Any) -> bool:
    return (
        v is None
        or (isinstance(v, str) and not v.strip())
        or (hasattr(v, "__len__") and not len(v))
    )


def missing(puls: Puls, org: Organisation | None = None) -> pd.DataFrame:
    """What the programme still lacks, one row per problem, in PULS order.

    Columns: ``step`` (P, U, L, S), ``stage`` (Proaktivitet ...), ``item`` (the field) and
    ``problem``. With ``org``: the arena must be a unit of kind ``arena`` and every member
    and activity owner a post or person of the organisation. An empty frame: complete.
    """
    rows: list[tuple[str, str, str]] = []

    def add(step: str, item: str, problem: str) -> None:
        rows.append((step, item, problem))

    members = set(puls.recruitment_plan)
    if org is not None:
        if puls.arena not in org.unit_map:
            add("P", "arena", f"no unit {puls.arena!r} in the organisation")
        elif org.unit(puls.arena).kind != "arena":
            add("P", "arena", f"unit {puls.arena!r} is of kind {org.unit(puls.arena).kind!r}")
    if _blank(puls.recipient):
        add("P", "recipient", f"missing: {_ITEM_TEXT['recipient']}")
    if _blank(puls.communication_owner):
        add("P", "communication_owner", f"missing: {_ITEM_TEXT['communication_owner']}")
    elif members and puls.communication_owner not in members:
        add(
            "P",
            "communication_owner",
            f"the communication owner {puls.communication_owner!r} is not a member of the "
            "recruitment plan",
        )
    if not members:
        add("U", "recruitment_plan", f"missing: {_ITEM_TEXT['recruitment_plan']}")
    else:
        for req in puls.uncovered:
            add("U", "recruitment_plan", f"requirement {req!r} is not covered by any member")
        if org is not None:
            for m in sorted(
                k for k in members if k not in org.post_map and k not in org.person_map
            ):
                add(
                    "U",
                    "recruitment_plan",
                    f"member {m!r} is no post or person of the organisation",
                )
    for item in ("evaluation_plan", "knowledge_bank"):
        if _blank(getattr(puls, item)):
            add("L", item, f"missing: {_ITEM_TEXT[item]}")
    if not puls.activity_plan:
        add("S", "activity_plan", f"missing: {_ITEM_TEXT['activity_plan']}")
    for k, a in enumerate(puls.activity_plan, start=1):
        if _blank(a.what):
            add("S", "activity_plan", f"activity {k} says nothing about what is done")
        if _blank(a.owner):
            add("S", "activity_plan", f"activity {k} ({a.what}) has no owner")
        elif members and a.owner not in members:
            add("S", "activity_plan", f"activity {k} ({a.what}): owner {a.owner!r} is no member")
    order = {s: i for i, s in enumerate(PULS_STEPS)}
    rows.sort(key=lambda r: order[r[0]])  # stable: the order within a step is kept
    df = pd.DataFrame(rows, columns=["step", "item", "problem"])
    df.insert(1, "stage", [PULS_STEPS[s][0] for s in df["step"]])
    return df


def status(puls: Puls, org: Organisation | None = None) -> pd.DataFrame:
    """One row per step (index P, U, L, S): stage, the number of problems, and ``complete``.

    >>> status(Puls("a", recipient="Ibrahim"))["problems"].to_dict()
    {'P': 1, 'U': 1, 'L': 2, 'S': 1}
    """
    gaps = missing(puls, org)
    counts = gaps.groupby("step").size()
    out = pd.DataFrame(
        {
            "stage": [v[0] for v in PULS_STEPS.values()],
            "problems": [int(counts.get(s, 0)) for s in PULS_STEPS],
        },
        index=pd.Index(list(PULS_STEPS), name="step"),
    )
    out["complete"] = out["problems"] == 0
    return out
