"""Agile arenas in the model: a staffed team as reorganisation operations, and how many
units and main missions each need involves.

An agile arena (Ängelholm 2014, section 10) is a temporary unit of kind ``"arena"``,
commissioned by a unit (the SSG: a ``commissions`` link), whose members lend part of their
time (``member_of`` links from each member post or person to the arena, with the FTE as the
link's ``fte`` attribute and the requirements as ``covers``). External parties the need
involves join with ``member_of`` links too. :func:`arena_scenario` expresses that as
:mod:`orgmodel.reorg` operations (:class:`~orgmodel.reorg.CreateUnit`,
:class:`~orgmodel.reorg.AddLink`, :class:`~orgmodel.reorg.ChangeUnit`) in a
:class:`~orgmodel.reorg.Scenario`, so it composes with every other reorganisation tool
(apply, diff, compare, save). An arena that already exists is staffed rather than created.

The load such links put on a member is what :func:`orgmodel.staffing.staff` counts, so a
second need staffed on the changed organisation sees the first arena's work.

>>> from orgmodel.model import Organisation, Unit, Post
>>> from orgmodel.staffing import Need, Requirement, staff
>>> org = Organisation(
...     [Unit("k"), Unit("ssg", parent="k"), Unit("skola", parent="k"), Unit("soc", parent="k")],
...     [Post("larare", unit="skola", fte_budgeted=10, competences=("pedagogik",)),
...      Post("socsek", unit="soc", fte_budgeted=5, competences=("socialt-arbete",))])
>>> need = Need("viktor", "Viktor", requirements=(Requirement("pedagogik", 0.1),
...                                               Requirement("socialt-arbete", 0.1)))
>>> scenario = arena_scenario(org, staff(org, need))
>>> [op.describe() for op in scenario.operations]   # doctest: +NORMALIZE_WHITESPACE
['create unit arena-viktor', 'add commissions link ssg - arena-viktor',
 'add member_of link larare - arena-viktor', 'add member_of link socsek - arena-viktor']
>>> after = scenario.apply(org)
>>> after.unit("arena-viktor").kind, after.unit("arena-viktor").attrs["coordinator"]
('arena', 'larare')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from orgmodel.model import Link, Organisation
from orgmodel.reorg import AddLink, ChangeUnit, CreateUnit, Operation, Scenario
from orgmodel.staffing.needs import Need
from orgmodel.staffing.puls import Puls
from orgmodel.staffing.team import StaffingResult, Team, staff

__all__ = ["arena_operations", "arena_scenario", "compare_involvement", "involvement"]


def _has_link(org: Organisation, kind: str, source: str, target: str) -> bool:
    return any(k.kind == kind and k.source == source and k.target == target for k in org.link_list)


def arena_operations(
    org: Organisation,
    staffing: StaffingResult | Team,
    need: Need | None = None,
    *,
    arena: str | None = None,
    name: str | None = None,
    commissioned_by: str | None = "ssg",
    puls: Puls | None = None,
) -> list[Operation]:
    """The operations that make ``staffing``'s team an arena of ``org``.

    Parameters
    ----------
    org
        The organisation the operations are meant for (decides whether the arena and its
        links exist already; existing ones are not added again).
    staffing
        A :class:`~orgmodel.staffing.team.StaffingResult` (its best team) or a
        :class:`~orgmodel.staffing.team.Team`.
    need
        The need (taken from the staffing result when not given).
    arena
        The arena's unit id (default ``arena-<need id>``).
    name
        The arena's name (default ``Agil arena: <need title>``).
    commissioned_by
        The unit that commissions the arena (default ``ssg``); ``None``: no link.
    puls
        A PULS programme, kept in the arena's ``puls`` attribute.
    """
    team = staffing.best if isinstance(staffing, StaffingResult) else staffing
    if need is None:
        if not isinstance(staffing, StaffingResult):
            raise TypeError("give the need when staffing is a Team")
        need = staffing.need
    arena = arena or f"arena-{need.id}"
    attrs: dict[str, Any] = {"need": need.title, "coordinator": team.coordinator}
    if puls is not None:
        attrs["puls"] = puls.to_dict()
    ops: list[Operation] = []
    if arena in org.unit_map:
        old = dict(org.unit(arena).attrs)
        ops.append(ChangeUnit(arena, attrs={**old, **attrs}))
    else:
        ops.append(
            CreateUnit(arena, name or f"Agil arena: {need.title}", unit_kind="arena", attrs=attrs)
        )
    if commissioned_by is not None and not _has_link(org, "commissions", commissioned_by, arena):
        ops.append(AddLink(Link(commissioned_by, arena, kind="commissions", directed=True)))
    for member, row in team.members.iterrows():
        if _has_link(org, "member_of", str(member), arena):
            continue
        link_attrs = {"fte": float(row["fte"]), "covers": list(row["covers"])}
        if member == team.coordinator:
            link_attrs["role"] = "coordinator"
        ops.append(
            AddLink(Link(str(member), arena, kind="member_of", directed=True, attrs=link_attrs))
        )
    for party in team.external_parties:
        if party in org.unit_map and not _has_link(org, "member_of", party, arena):
            ops.append(AddLink(Link(party, arena, kind="member_of", directed=True)))
    return ops


def arena_scenario(
    org: Organisation,
    staffing: StaffingResult | Iterable[StaffingResult],
    *,
    name: str | None = None,
    commissioned_by: str | None = "ssg",
    puls: Mapping[str, Puls] | None = None,
    base: str | None = None,
) -> Scenario:
    """A :class:`~orgmodel.reorg.Scenario` that sets up one arena per staffing result.

    ``puls`` maps need ids to their PULS programmes; ``base`` names the base model in the
    scenario (e.g. an example name). See :func:`arena_operations`.
    """
    results = [staffing] if isinstance(staffing, StaffingResult) else list(staffing)
    ops: list[Operation] = []
    for r in results:
        p = (puls or {}).get(r.need.id)
        ops += arena_operations(org, r, commissioned_by=commissioned_by, puls=p)
    titles = ", ".join(r.need.title for r in results)
    return Scenario(
        name or f"Agile arenas: {titles}",
        tuple(ops),
        base=base,
        description="Arenas staffed by orgmodel.staffing.staff",
    )


def involvement(
    org: Organisation,
    needs: Mapping[str, Need] | Iterable[Need],
    *,
    missions: str | int = 1,
    **staff_options: Any,
) -> pd.DataFrame:
    """How many units and main missions each need involves in ``org``.

    ``units`` is the fewest units of a team that covers the need (each post's own unit) and
    ``main_missions`` the fewest main missions (units grouped by ``missions``, default depth
    1), each solved exactly by :func:`~orgmodel.staffing.staff` (external requirements left to
    their party, so not counted). Also: the unit and mission ids, the external parties and
    the requirements nobody in ``org`` can cover.

    Returns
    -------
    DataFrame
        Index ``need``; columns ``units``, ``main_missions``, ``unit_ids``, ``mission_ids``,
        ``external_parties``, ``uncovered``.
    """
    items = list(needs.values()) if isinstance(needs, Mapping) else list(needs)
    rows = []
    for n in items:
        by_unit = staff(org, n, missions=missions, **staff_options)
        by_mission = staff(org, n, group_by=missions, missions=missions, **staff_options)
        rows.append(
            {
                "need": n.id,
                "units": by_unit.units_spanned,
                "main_missions": by_mission.units_spanned,
                "unit_ids": by_unit.best.units,
                "mission_ids": by_mission.best.groups,
                "external_parties": by_unit.best.external_parties,
                "uncovered": tuple(by_unit.uncovered.index),
            }
        )
    return pd.DataFrame(rows).set_index("need")


def compare_involvement(
    orgs: Mapping[str, Organisation],
    needs: Mapping[str, Need] | Iterable[Need],
    **options: Any,
) -> pd.DataFrame:
    """Units and main missions each need involves, organisation by organisation.

    Returns a frame with index ``need`` and columns ``(figure, label)`` for the figures
    ``units`` and ``main_missions`` and each label of ``orgs`` (e.g. ``"2014"``,
    ``"2015"``), then the change from the first to the last organisation.
    """
    parts = {label: involvement(org, needs, **options) for label, org in orgs.items()}
    labels = list(parts)
    cols = {}
    for fig in ("units", "main_missions"):
        for label in labels:
            cols[(fig, label)] = parts[label][fig]
        if len(labels) > 1:
            cols[(fig, "change")] = parts[labels[-1]][fig] - parts[labels[0]][fig]
    out = pd.DataFrame(cols)
    out.columns = pd.MultiIndex.from_tuples(out.columns, names=["figure", "organisation"])
    return out
