"""Who does what in an action plan: RACI matrix, load per party, gaps and delays.

Roles, from the fields of an :class:`~orgmodel.followup.actionplan.Action`:

* **R** responsible: ``action.responsible`` (the plan's "Ansvarig");
* **A** accountable: ``action.accountable``, else the plan's owner;
* **C** consulted: ``action.participants``;
* **I** informed: ``action.informed``.

With an :class:`~orgmodel.model.Organisation` the parties are resolved to unit and post ids
(:func:`~orgmodel.followup.actionplan.resolve_party`); "Respektive områdesansvarig" then
counts once for each of the five area managers. Without one, parties are the names as
written. All functions are pure and return labelled DataFrames.

>>> from orgmodel.followup.actionplan import Action, ActionPlan, Theme
>>> plan = ActionPlan("P", "Nämnden", [Theme("t", "T")], [
...     Action("a1", "Utred", "t", ["Kansliet"], participants=["HR"], deadline="våren 2019"),
...     Action("a2", "Besluta", "t", ["Nämnden"], deadline="2019-09-30", status="done"),
...     Action("a3", "Följ upp", "t", []),
... ])
>>> raci_matrix(plan)
       Kansliet  Nämnden HR
action
a1            R        A  C
a2                    RA
a3                     A
>>> responsible_load(plan)["actions"].to_dict()
{'Kansliet': 1, 'Nämnden': 1}
>>> list(actions_without_owner(plan).index)
['a3']
>>> past_due(plan, "2019-10-01")[["due", "days_overdue"]]
               due  days_overdue
action
a1      2019-06-30            93
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd

from orgmodel.followup.actionplan import ActionPlan, check_parties, resolve_party

if TYPE_CHECKING:  # pragma: no cover
    from orgmodel.model.organisation import Organisation

__all__ = [
    "ROLES",
    "actions_without_owner",
    "assignments",
    "load_by_quarter",
    "party_labels",
    "past_due",
    "raci_matrix",
    "responsible_load",
]

#: The four roles, in the order they are written in a cell ("RA" = responsible and accountable).
ROLES: tuple[str, ...] = ("R", "A", "C", "I")

_OPEN = ("planned", "in progress")
_LABELS = ("name", "id")


def party_labels(
    parties: Iterable[str],
    org: Organisation | None = None,
    *,
    labels: str = "name",
) -> dict[str, str]:
    """``{party id: label}`` for people: the unit's name, the post's title, the person's name.

    ``labels="id"`` keeps the ids. A party the organisation does not know (or every party,
    without an organisation) keeps its text as written. When two parties would get the same
    label, each gets its id after it: ``"Kansliet (kansliet)"``.

    Raises
    ------
    ValueError
        When ``labels`` is neither ``"name"`` nor ``"id"``.

    >>> from orgmodel.model import Organisation, Post, Unit
    >>> org = Organisation(units=[Unit("ks", "Kommunstyrelsen")],
    ...                    posts=[Post("ks-ordf", unit="ks", title="Ordförande")])
    >>> party_labels(["ks", "ks-ordf", "HR"], org)
    {'ks': 'Kommunstyrelsen', 'ks-ordf': 'Ordförande', 'HR': 'HR'}
    >>> party_labels(["ks"], org, labels="id")
    {'ks': 'ks'}
    """
    if labels not in _LABELS:
        raise ValueError(f"labels must be 'name' or 'id', not {labels!r}")
    parties = list(dict.fromkeys(parties))
    if labels == "id" or org is None:
        return {p: p for p in parties}
    names = {}
    for p in parties:
        if p in org.unit_map:
            names[p] = org.unit_map[p].name
        elif p in org.post_map:
            names[p] = org.post_map[p].title
        elif p in org.person_map:
            names[p] = org.person_map[p].name
        else:
            names[p] = p
    counts = Counter(names.values())
    return {p: (f"{n} ({p})" if counts[n] > 1 else n) for p, n in names.items()}


def assignments(
    plan: ActionPlan,
    org: Organisation | None = None,
    aliases: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """One row per (action, role, party): the long form of the RACI matrix.

    Columns ``action, theme, role, party`` (as written in the plan) and ``id`` (the unit or
    post id with an organisation; else the party as written). A party that stands for several
    ids gives one row per id; the same (action, role, id) is listed once.

    Raises
    ------
    ValidationError
        With an organisation, when parties cannot be resolved (every one is listed).
    """
    if org is not None:
        check_parties(plan, org, aliases).raise_if_errors("parties of the action plan")
    rows = []
    seen: set[tuple[str, str, str]] = set()
    for a in plan.actions:
        accountable = plan.accountable(a)
        for role, names in (
            ("R", a.responsible),
            ("A", (accountable,) if accountable else ()),
            ("C", a.participants),
            ("I", a.informed),
        ):
            for name in names:
                ids = resolve_party(name, org, aliases) if org is not None else (name,)
                for i in ids:
                    if (a.id, role, i) in seen:
                        continue
                    seen.add((a.id, role, i))
                    rows.append(
                        {"action": a.id, "theme": a.theme, "role": role, "party": name, "id": i}
                    )
    return pd.DataFrame(rows, columns=["action", "theme", "role", "party", "id"])


def raci_matrix(
    plan: ActionPlan,
    org: Organisation | None = None,
    aliases: Mapping[str, Any] | None = None,
    *,
    labels: str = "id",
) -> pd.DataFrame:
    """Actions x parties; each cell the roles the party has in the action (``"RA"``, ``""``).

    Rows are the actions in plan order (index ``action``), columns the parties in order of
    first appearance. With an organisation the columns are unit and post ids
    (``labels="id"``, for code) or their names and titles (``labels="name"``, for people;
    :func:`party_labels` maps the ids to these names).

    >>> from orgmodel.followup.actionplan import Action, ActionPlan, Theme
    >>> from orgmodel.model import Organisation, Unit
    >>> org = Organisation([Unit("ks", "Kommunstyrelsen"), Unit("hr", "HR-enheten")])
    >>> plan = ActionPlan("P", "ks", [Theme("t", "T")], [Action("a", "x", "t", ["hr"])])
    >>> raci_matrix(plan, org, labels="name")
           HR-enheten Kommunstyrelsen
    action
    a               R               A
    """
    long = assignments(plan, org, aliases)
    parties = list(dict.fromkeys(long["id"]))
    cells: dict[tuple[str, str], set[str]] = {}
    for action, role, party in long[["action", "role", "id"]].itertuples(index=False):
        cells.setdefault((action, party), set()).add(role)
    data = {
        p: ["".join(r for r in ROLES if r in cells.get((a.id, p), ())) for a in plan.actions]
        for p in parties
    }
    index = pd.Index([a.id for a in plan.actions], name="action")
    frame = pd.DataFrame(data, index=index, columns=parties)
    frame.columns.name = None
    names = party_labels(parties, org, labels=labels)
    return frame.rename(columns=names) if labels == "name" else frame


def _responsible_pairs(plan, org, aliases) -> pd.DataFrame:
    long = assignments(plan, org, aliases)
    long = long[long["role"] == "R"].drop_duplicates(["action", "id"])
    due = {a.id: a.due for a in plan.actions}
    long = long.assign(due=long["action"].map(due))
    return long


def _quarter(day: _dt.date | None) -> str | None:
    if day is None:
        return None
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def responsible_load(
    plan: ActionPlan,
    org: Organisation | None = None,
    aliases: Mapping[str, Any] | None = None,
    *,
    open_only: bool = False,
) -> pd.DataFrame:
    """The load of each responsible party (R), most loaded first.

    Columns: ``actions`` (number of actions the party is responsible for), ``dated`` and
    ``undated`` (with and without a deadline), ``first_due`` and ``last_due`` (dates or
    None), ``busiest_quarter`` (the quarter with most due dates, earliest on a tie; missing
    without dated actions) and ``in_busiest_quarter``. ``open_only`` counts only actions
    that are planned or in progress. Index ``party``; ties keep the order of first
    appearance in the plan.
    """
    pairs = _responsible_pairs(plan, org, aliases)
    if open_only:
        open_ids = {a.id for a in plan.actions if a.status in _OPEN}
        pairs = pairs[pairs["action"].isin(open_ids)]
    rows = []
    for party, group in pairs.groupby("id", sort=False):
        dated = [d for d in group["due"] if d is not None and not pd.isna(d)]
        quarters = pd.Series([_quarter(d) for d in dated], dtype=object).value_counts()
        busiest = None
        if len(quarters):
            top = quarters.max()
            busiest = min(q for q, n in quarters.items() if n == top)
        rows.append(
            {
                "party": party,
                "actions": len(group),
                "dated": len(dated),
                "undated": len(group) - len(dated),
                "first_due": min(dated) if dated else None,
                "last_due": max(dated) if dated else None,
                "busiest_quarter": busiest,
                "in_busiest_quarter": int(quarters.max()) if len(quarters) else 0,
            }
        )
    cols = [
        "party",
        "actions",
        "dated",
        "undated",
        "first_due",
        "last_due",
        "busiest_quarter",
        "in_busiest_quarter",
    ]
    frame = pd.DataFrame(rows, columns=cols).set_index("party")
    order = sorted(range(len(frame)), key=lambda i: -int(frame["actions"].iloc[i]))
    return frame.iloc[order]


def load_by_quarter(
    plan: ActionPlan,
    org: Organisation | None = None,
    aliases: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """Responsible parties x due quarters: how many actions each party has due when.

    Columns are quarters (``"2019Q2"``) in time order, every quarter from the first to the
    last due date, then ``"undated"``; index ``party`` in the order of
    :func:`responsible_load`. A column whose numbers pile up shows deadlines that cluster.

    >>> from orgmodel.followup.actionplan import Action, ActionPlan, Theme
    >>> plan = ActionPlan("P", None, [Theme("t", "T")], [
    ...     Action("a", "x", "t", ["K"], deadline="2019-02-01"),
    ...     Action("b", "y", "t", ["K"], deadline="hösten 2019"),
    ...     Action("c", "z", "t", ["K"])])
    >>> load_by_quarter(plan)
           2019Q1  2019Q2  2019Q3  2019Q4  undated
    party
    K           1       0       0       1        1
    """
    pairs = _responsible_pairs(plan, org, aliases)
    order = list(responsible_load(plan, org, aliases).index)
    dues = [d for d in pairs["due"] if d is not None and not pd.isna(d)]
    columns: list[str] = []
    if dues:
        first, last = pd.Period(min(dues), "Q"), pd.Period(max(dues), "Q")
        columns = [str(q) for q in pd.period_range(first, last, freq="Q")]
    columns.append("undated")
    counts = pd.DataFrame(0, index=pd.Index(order, name="party"), columns=columns, dtype=int)
    for party, due in pairs[["id", "due"]].itertuples(index=False):
        col = "undated" if due is None or pd.isna(due) else _quarter(due)
        counts.loc[party, col] += 1
    counts.columns.name = None
    return counts


def actions_without_owner(plan: ActionPlan) -> pd.DataFrame:
    """The actions that name no responsible party (rows of ``plan.to_frame()``)."""
    frame = plan.to_frame()
    return frame[frame["responsible"] == ""]


def past_due(plan: ActionPlan, today: _dt.date | str) -> pd.DataFrame:
    """Open actions (planned or in progress) whose deadline ended before ``today``.

    A period counts as its last day (``"våren 2019"`` is due 2019-06-30). Columns
    ``theme, text, responsible, deadline, due, status, days_overdue``; most overdue first.
    """
    if isinstance(today, str):
        today = _dt.date.fromisoformat(today)
    if isinstance(today, _dt.datetime):
        today = today.date()
    frame = plan.to_frame()
    late = [a.id for a in plan.actions if a.status in _OPEN and a.due is not None and a.due < today]
    out = frame.loc[late, ["theme", "text", "responsible", "deadline", "due", "status"]]
    out = out.assign(days_overdue=[(today - d).days for d in out["due"]])
    return out.sort_values("days_overdue", ascending=False, kind="stable")
