"""Staff a need: propose a cross-functional team that covers every competence it requires.

:func:`staff` picks **members** (posts, or people where the model names them) who have the
competences and free capacity, and assigns each required amount of work (FTE) to them.

Members and capacity
--------------------
* A **person** who holds posts is a member candidate with the competences of the person and
  of the posts held. Their working time is the sum of their holding shares.
* A **post** is a candidate for the part of its actual FTE that no named person holds
  (``fte_actual - sum of holder shares``); in a model without people (a post standing for a
  group of identical posts) that is its whole actual FTE. Competences: the post's.
* Posts in units of kind ``arena`` are never candidates: that work is arena work already.
* **Capacity** = ``lendable_share * working time - load``, where **load** is what the
  candidate already gives to arenas: the share of a person's holdings in posts of arena
  units, plus every ``member_of`` link from the post or person to an arena unit, counted at
  the link's ``fte`` attribute (or ``arena_load`` FTE when the link has none).
  ``member_of`` links from a whole *unit* to an arena name nobody in particular and add no
  load (the unit decides who goes).
* The unit of a post is its ``unit``; of a person, the unit of the post they hold with the
  largest share. A **main mission** is the unit's group at ``missions`` (default depth 1,
  the units directly under the top unit; see :func:`orgmodel.analysis.network.unit_groups`).

The objective (lexicographic, each level solved exactly with ``scipy.optimize.milp``)
-------------------------------------------------------------------------------------
1. **cover**: the least uncovered work, as the sum over requirements of the uncovered share
   of its amount (0 when every amount is covered);
2. if the need prefers ``same_main_mission``: the fewest main missions;
3. the fewest **units** (grouped by ``group_by``; default each post's own unit) -- a set
   cover with capacities;
4. the lowest **load**: the sum over chosen members of their utilisation after the
   assignment, ``(load + assigned FTE) / working time`` -- work goes preferably to large,
   little-loaded pools -- plus a tiny seeded perturbation (at most 1e-6 per member) so that
   exact ties are broken reproducibly (same ``seed``, same team).

A candidate the solver chooses without giving it work is left out of the team.
``max_units`` of the need is a hard limit: the team never spans more units; what then cannot
be covered is reported. A requirement marked ``external`` is left to its external party when
the need allows external partners; otherwise it is staffed like any other.

Alternatives are the next-best teams: after each team, a cut removes every team that keeps
all of its members (``sum of x over the team <= size - 1``), so each alternative drops at
least one member of every earlier team, and the lexicographic solve runs again.

The **coordinator** is, in the main mission carrying most of the assigned FTE, the member
carrying most FTE (ties: more requirements covered, then the order of the model; between
missions with equal FTE, the one whose first member comes first in the model).

>>> from orgmodel.model import Organisation, Unit, Post
>>> from orgmodel.staffing.needs import Need, Requirement
>>> org = Organisation(
...     [Unit("k"), Unit("skola", parent="k"), Unit("soc", parent="k")],
...     [Post("larare", unit="skola", fte_budgeted=10, competences=("pedagogik",)),
...      Post("kurator", unit="skola", fte_budgeted=2, competences=("socialt-arbete",)),
...      Post("socsek", unit="soc", fte_budgeted=5, competences=("socialt-arbete", "beroende"))])
>>> need = Need("viktor", requirements=(Requirement("pedagogik", 0.2),
...             Requirement("socialt-arbete", 0.1), Requirement("beroende", 0.1)))
>>> result = staff(org, need)
>>> result.members[["unit", "fte"]]
           unit  fte
member
larare    skola  0.2
socsek      soc  0.2
>>> result.units_spanned, result.coordinator
(2, 'larare')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from orgmodel.errors import OperationError, UnknownIdError
from orgmodel.model import Organisation
from orgmodel.staffing.needs import Need, Requirement

__all__ = [
    "DEFAULT_ARENA_LOAD",
    "Candidate",
    "StaffingResult",
    "Team",
    "candidates",
    "evaluate",
    "staff",
]

#: FTE a ``member_of`` link to an arena counts as load when it has no ``fte`` attribute.
DEFAULT_ARENA_LOAD = 0.1
_TOL = 1e-7


@dataclass(frozen=True)
class Candidate:
    """A possible team member: a post or a person, with competences and capacity."""

    id: str
    kind: str  # "post" or "person"
    title: str
    unit: str
    group: str
    mission: str
    competences: tuple[str, ...]
    working: float
    load: float
    capacity: float


def _groups(org: Organisation, by: str | int) -> dict[str, str]:
    from orgmodel.analysis.network import unit_groups

    if not org.unit_map:
        return {}
    return unit_groups(org, by).to_dict()


def _candidates(
    org: Organisation,
    *,
    lendable_share: float,
    arena_load: float,
    group_by: str | int,
    missions: str | int,
) -> list[Candidate]:
    if not 0 < lendable_share <= 1:
        raise ValueError(f"lendable_share must be in (0, 1], got {lendable_share!r}")
    arenas = {u.id for u in org.iter_units() if u.kind == "arena"}
    groups = _groups(org, group_by)
    mission = _groups(org, missions)
    load: dict[str, float] = {}
    for link in org.link_list:
        if link.kind == "member_of" and link.target in arenas and link.source not in org.unit_map:
            fte = link.attrs.get("fte", arena_load)
            load[link.source] = load.get(link.source, 0.0) + float(fte)
    held: dict[str, float] = {}
    by_person: dict[str, list[tuple[str, float]]] = {}
    for h in org.holding_list:
        held[h.post] = held.get(h.post, 0.0) + float(h.share)
        by_person.setdefault(h.person, []).append((h.post, float(h.share)))
    out: list[Candidate] = []
    for p in org.iter_posts():
        if p.unit in arenas:
            continue
        working = max(0.0, float(p.fte_actual or 0.0) - held.get(p.id, 0.0))  # type: ignore[arg-type]
        if working <= _TOL and p.id not in load:
            continue
        ld = load.get(p.id, 0.0)
        out.append(
            Candidate(
                p.id,
                "post",
                p.title,
                p.unit,
                groups.get(p.unit, p.unit),
                mission.get(p.unit, p.unit),
                tuple(p.competences),
                working,
                ld,
                max(0.0, round(lendable_share * working - ld, 10)),
            )
        )
    for person in org.iter_people():
        holdings = by_person.get(person.id, [])
        regular = [(pid, s) for pid, s in holdings if org.post(pid).unit not in arenas]
        if not regular:
            continue
        working = sum(s for _, s in holdings)
        ld = load.get(person.id, 0.0) + sum(s for pid, s in holdings if (pid, s) not in regular)
        main = max(regular, key=lambda ps: ps[1])[0]
        unit = org.post(main).unit
        comps = dict.fromkeys(person.competences)
        for pid, _ in regular:
            comps.update(dict.fromkeys(org.post(pid).competences))
        out.append(
            Candidate(
                person.id,
                "person",
                person.name,
                unit,
                groups.get(unit, unit),
                mission.get(unit, unit),
                tuple(comps),
                working,
                ld,
                max(0.0, round(lendable_share * working - ld, 10)),
            )
        )
    return out


def _candidate_frame(cands: Sequence[Candidate]) -> pd.DataFrame:
    cols = [
        "kind",
        "title",
        "unit",
        "group",
        "main_mission",
        "competences",
        "working_fte",
        "load_fte",
        "capacity_fte",
    ]
    df = pd.DataFrame(
        [
            [
                c.kind,
                c.title,
                c.unit,
                c.group,
                c.mission,
                c.competences,
                c.working,
                c.load,
                c.capacity,
            ]
            for c in cands
        ],
        columns=cols,
        index=pd.Index([c.id for c in cands], name="member", dtype=object),
    )
    return df


# ---- the kernel ----------------------------------------------------------------------------


@dataclass
class _Model:
    """The mixed-integer programme of one need: variables, constraints and objectives."""

    cands: list[Candidate]
    reqs: list[Requirement]
    pairs: list[tuple[int, int]]  # (candidate index, requirement index)
    groups: list[str]
    missions: list[str]
    rows: list[dict[int, float]] = field(default_factory=list)
    lbs: list[float] = field(default_factory=list)
    ubs: list[float] = field(default_factory=list)

    @property
    def binaries(self) -> int:
        """The x, y and z variables come first and are binary."""
        return len(self.cands) + len(self.groups) + len(self.missions)

    @property
    def n(self) -> int:
        return (
            len(self.cands)
            + len(self.groups)
            + len(self.missions)
            + len(self.pairs)
            + len(self.reqs)
        )

    def x(self, i: int) -> int:
        return i

    def y(self, g: int) -> int:
        return len(self.cands) + g

    def z(self, h: int) -> int:
        return len(self.cands) + len(self.groups) + h

    def a(self, p: int) -> int:
        return len(self.cands) + len(self.groups) + len(self.missions) + p

    def s(self, r: int) -> int:
        return len(self.cands) + len(self.groups) + len(self.missions) + len(self.pairs) + r

    def add(self, coefs: dict[int, float], lb: float, ub: float) -> None:
        self.rows.append(coefs)
        self.lbs.append(lb)
        self.ubs.append(ub)


def _build(
    cands: list[Candidate],
    reqs: list[Requirement],
    max_units: int | None,
    keep: Iterable[str] = (),
) -> _Model:
    """The programme; only candidates with a required competence (or in ``keep``) enter."""
    keep = set(keep)
    useful = [
        c
        for c in cands
        if c.id in keep or (c.capacity > _TOL and any(r.competence in c.competences for r in reqs))
    ]
    pairs = [
        (i, r)
        for r, req in enumerate(reqs)
        for i, c in enumerate(useful)
        if req.competence in c.competences and c.capacity > _TOL
    ]
    groups = sorted({c.group for c in useful})
    missions = sorted({c.mission for c in useful})
    m = _Model(useful, reqs, pairs, groups, missions)
    gi = {g: k for k, g in enumerate(groups)}
    hi = {h: k for k, h in enumerate(missions)}
    by_req: dict[int, dict[int, float]] = {r: {} for r in range(len(reqs))}
    by_cand: dict[int, dict[int, float]] = {i: {} for i in range(len(useful))}
    for p, (i, r) in enumerate(pairs):
        by_req[r][m.a(p)] = 1.0
        by_cand[i][m.a(p)] = 1.0
    for r, req in enumerate(reqs):  # assigned + shortfall >= amount
        m.add({**by_req[r], m.s(r): 1.0}, req.fte, np.inf)
    for i, c in enumerate(useful):  # assigned <= capacity * chosen
        m.add({**by_cand[i], m.x(i): -c.capacity}, -np.inf, 0.0)
        m.add({m.x(i): 1.0, m.y(gi[c.group]): -1.0}, -np.inf, 0.0)  # chosen -> its unit
        m.add({m.x(i): 1.0, m.z(hi[c.mission]): -1.0}, -np.inf, 0.0)  # and its mission
    if max_units is not None:
        m.add({m.y(g): 1.0 for g in range(len(groups))}, -np.inf, float(max_units))
    return m


def _objectives(m: _Model, seed: int, same_mission: bool) -> list[tuple[np.ndarray, float]]:
    """The objective vectors in lexicographic order, each with the slack allowed when it is
    fixed for the next level."""
    cover = np.zeros(m.n)
    for r, req in enumerate(m.reqs):
        cover[m.s(r)] = 1.0 / req.fte
    units = np.zeros(m.n)
    units[[m.y(g) for g in range(len(m.groups))]] = 1.0
    missions = np.zeros(m.n)
    missions[[m.z(h) for h in range(len(m.missions))]] = 1.0
    load = np.zeros(m.n)
    jitter = np.random.default_rng(seed).random(len(m.cands)) * 1e-6
    for i, c in enumerate(m.cands):
        load[m.x(i)] = c.load / c.working + jitter[i] if c.working > 0 else 1.0
    for p, (i, _) in enumerate(m.pairs):
        load[m.a(p)] = 1.0 / m.cands[i].working
    out = [(cover, 1e-9)]
    if same_mission:
        out.append((missions, 0.5))
    out += [(units, 0.5), (load, 0.0)]
    return out


def _sparse(rows: list[dict[int, float]], n: int) -> Any:
    from scipy.sparse import csr_array

    data = [v for row in rows for v in row.values()]
    cols = [k for row in rows for k in row]
    ptr = np.cumsum([0] + [len(row) for row in rows])
    return csr_array((data, cols, ptr), shape=(len(rows), n))


def _solve(
    m: _Model,
    *,
    seed: int,
    same_mission: bool,
    fixed: Iterable[int] | None = None,
    cuts: Sequence[Sequence[int]] = (),
) -> np.ndarray | None:
    """Solve lexicographically; ``None`` when infeasible (no further distinct team)."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    if m.n == 0:  # nothing to staff: every requirement is external or has nobody
        return None if cuts else np.zeros(0)
    lb = np.zeros(m.n)
    ub = np.full(m.n, np.inf)
    ncand = len(m.cands)
    ub[: m.binaries] = 1.0  # x, y, z are binary
    for p, (_, r) in enumerate(m.pairs):
        ub[m.a(p)] = m.reqs[r].fte
    if fixed is not None:
        keep = set(fixed)
        for i in range(ncand):
            lb[m.x(i)] = ub[m.x(i)] = 1.0 if i in keep else 0.0
    integrality = np.zeros(m.n)
    integrality[: m.binaries] = 1
    rows, lbs, ubs = list(m.rows), list(m.lbs), list(m.ubs)
    for team in cuts:
        rows.append({m.x(i): 1.0 for i in team})
        lbs.append(-np.inf)
        ubs.append(len(team) - 1)
    sol = None
    levels = _objectives(m, seed, same_mission)
    # Before the last level the members' x may be fractional: given binary units y, every
    # member of a chosen unit can then be taken (x = 1) at no cost, so the optimum is the
    # same, and the programme solves much faster. Cuts on x need x binary throughout.
    relaxed = integrality.copy()
    if not cuts:
        relaxed[: len(m.cands)] = 0
    for level, (obj, slack) in enumerate(levels):
        cons = [LinearConstraint(_sparse(rows, m.n), lbs, ubs)] if rows else []
        res = milp(
            obj,
            constraints=cons,
            integrality=integrality if level == len(levels) - 1 else relaxed,
            bounds=Bounds(lb, ub),
            options={"mip_rel_gap": 1e-9},
        )
        if res.status == 2:  # infeasible
            return None
        if not res.success:  # pragma: no cover - small bounded programmes always solve
            raise OperationError(f"staffing programme failed: {res.message}")
        sol = res.x
        rows.append({k: float(v) for k, v in enumerate(obj) if v})
        lbs.append(-np.inf)
        ubs.append(float(res.fun) + slack)
    return sol


# ---- results -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Team:
    """One proposed team for a need.

    Attributes
    ----------
    members
        One row per member (index ``member``): kind, title, unit, main_mission, covers (the
        requirement keys it works on), fte (assigned), capacity_fte, load_fte, coordinator.
    assignments
        One row per (member, requirement): fte.
    coverage
        One row per requirement (index ``requirement``): competence, role, required_fte,
        assigned_fte, shortfall_fte, covered, provided_by (member ids or the external party).
    uncovered
        The requirements not fully covered, with the reason.
    """

    members: pd.DataFrame
    assignments: pd.DataFrame
    coverage: pd.DataFrame
    uncovered: pd.DataFrame
    coordinator: str | None
    external_parties: tuple[str, ...]
    load: float

    @property
    def units(self) -> tuple[str, ...]:
        """The units the members come from (first seen first)."""
        return tuple(dict.fromkeys(self.members["unit"]))

    @property
    def main_missions(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.members["main_mission"]))

    @property
    def groups(self) -> tuple[str, ...]:
        """The unit groups (``group_by``) the members come from."""
        return tuple(dict.fromkeys(self.members["group"]))

    @property
    def covered(self) -> bool:
        """True when every requirement is fully covered."""
        return self.uncovered.empty

    def summary(self) -> dict[str, Any]:
        return {
            "members": len(self.members),
            "units": len(self.units),
            "main_missions": len(self.main_missions),
            "external_parties": len(self.external_parties),
            "uncovered": len(self.uncovered),
            "load": round(self.load, 6),
            "coordinator": self.coordinator,
            "member_ids": ", ".join(self.members.index),
        }


def _team(
    m: _Model,
    sol: np.ndarray,
    need: Need,
    external: list[Requirement],
    missing: list[Requirement],
    fixed: bool = False,
) -> Team:
    assigned: dict[int, float] = {}
    rows = []
    for p, (i, r) in enumerate(m.pairs):
        fte = round(float(sol[m.a(p)]), 6)
        if fte > _TOL and sol[m.x(i)] > 0.5:
            rows.append((m.cands[i].id, m.reqs[r].key, fte))
            assigned[i] = assigned.get(i, 0.0) + fte
    # a member the solver chose without giving it work is no member, unless chosen by hand
    chosen = [i for i in range(len(m.cands)) if sol[m.x(i)] > 0.5 and (fixed or i in assigned)]
    assignments = pd.DataFrame(rows, columns=["member", "requirement", "fte"])
    members = []
    for i in chosen:
        c = m.cands[i]
        covers = tuple(assignments.loc[assignments["member"] == c.id, "requirement"])
        members.append(
            {
                "member": c.id,
                "kind": c.kind,
                "title": c.title,
                "unit": c.unit,
                "group": c.group,
                "main_mission": c.mission,
                "covers": covers,
                "fte": round(assigned.get(i, 0.0), 6),
                "capacity_fte": c.capacity,
                "load_fte": c.load,
            }
        )
    mcols = [
        "member",
        "kind",
        "title",
        "unit",
        "group",
        "main_mission",
        "covers",
        "fte",
        "capacity_fte",
        "load_fte",
    ]
    mdf = pd.DataFrame(members, columns=mcols).set_index("member")
    coordinator = None
    if len(mdf):
        order = {c.id: k for k, c in enumerate(m.cands)}
        by_mission = mdf.groupby("main_mission", sort=False)["fte"].sum().round(6)
        first = {
            h: min(order[k] for k in mdf.index[mdf["main_mission"] == h]) for h in by_mission.index
        }
        top = min(by_mission.index, key=lambda h: (-by_mission[h], first[h]))
        inside = mdf[mdf["main_mission"] == top]
        coordinator = min(
            inside.index,
            key=lambda k: (-inside.at[k, "fte"], -len(inside.at[k, "covers"]), order[k]),
        )
    mdf["coordinator"] = mdf.index == coordinator
    cov: list[tuple[Any, ...]] = []
    unc: list[tuple[Any, ...]] = []
    for req in need.requirements:
        if req in external:
            cov.append(
                (req.key, req.competence, req.role, req.fte, req.fte, 0.0, True, (req.external,))
            )
            continue
        if req in missing:
            cov.append((req.key, req.competence, req.role, req.fte, 0.0, req.fte, False, ()))
            unc.append((req.key, req.competence, req.fte, "no post or person has it"))
            continue
        got = assignments[assignments["requirement"] == req.key]
        done = round(float(got["fte"].sum()), 6)
        short = max(0.0, round(req.fte - done, 6))
        ok = short <= 1e-6
        cov.append(
            (req.key, req.competence, req.role, req.fte, done, short, ok, tuple(got["member"]))
        )
        if not ok:
            if fixed:
                reason = "the team's capacity is short" if done > 0 else "no member has it"
            elif not _has_any(m, req):
                reason = "everyone who has it is fully loaded"
            elif need.max_units is not None:
                reason = f"not enough free capacity within max_units={need.max_units}"
            else:
                reason = "not enough free capacity"
            unc.append((req.key, req.competence, short, reason))
    coverage = pd.DataFrame(
        cov,
        columns=[
            "requirement",
            "competence",
            "role",
            "required_fte",
            "assigned_fte",
            "shortfall_fte",
            "covered",
            "provided_by",
        ],
    ).set_index("requirement")
    uncovered = pd.DataFrame(
        unc, columns=["requirement", "competence", "shortfall_fte", "reason"]
    ).set_index("requirement")
    parties = tuple(
        dict.fromkeys([r.external for r in external if r.external] + list(need.partners))
    )
    load = float(sum((m.cands[i].load + assigned.get(i, 0.0)) / m.cands[i].working for i in chosen))
    return Team(mdf, assignments, coverage, uncovered, coordinator, parties, load)


def _has_any(m: _Model, req: Requirement) -> bool:
    return any(req.competence in c.competences and c.capacity > _TOL for c in m.cands)


@dataclass(frozen=True)
class StaffingResult:
    """The proposed team for a need and its alternatives (``teams[0]`` is the best).

    The properties ``members``, ``coverage``, ``uncovered``, ``coordinator``,
    ``units_spanned`` and ``missions_spanned`` are those of the best team.
    """

    need: Need
    teams: tuple[Team, ...]
    candidates: pd.DataFrame = field(repr=False)
    settings: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def best(self) -> Team:
        return self.teams[0]

    @property
    def members(self) -> pd.DataFrame:
        return self.best.members

    @property
    def coverage(self) -> pd.DataFrame:
        return self.best.coverage

    @property
    def uncovered(self) -> pd.DataFrame:
        return self.best.uncovered

    @property
    def coordinator(self) -> str | None:
        return self.best.coordinator

    @property
    def units_spanned(self) -> int:
        """Number of units of the best team (grouped by ``group_by``)."""
        return len(self.best.groups)

    @property
    def missions_spanned(self) -> int:
        return len(self.best.main_missions)

    @property
    def alternatives(self) -> pd.DataFrame:
        """One row per team (index ``rank``, 1 = best): members, units, main missions,
        external parties, uncovered requirements, load, coordinator, member ids."""
        df = pd.DataFrame([t.summary() for t in self.teams])
        df.index = pd.RangeIndex(1, len(df) + 1, name="rank")
        return df

    def candidates_for(self, requirement: str) -> pd.DataFrame:
        """The candidates that have the competence of ``requirement`` and free capacity."""
        comp = self.need.requirement(requirement).competence
        c = self.candidates
        return c[c["competences"].map(lambda cs: comp in cs) & (c["capacity_fte"] > _TOL)]

    def _repr_html_(self) -> str:
        import html

        t = self.best
        head = (
            f"<p><b>{html.escape(self.need.title)}</b>: {len(t.members)} members from "
            f"{len(t.units)} units and {len(t.main_missions)} main missions; coordinator "
            f"{html.escape(str(t.coordinator))}; uncovered: {len(t.uncovered)}</p>"
        )
        return head + t.members.to_html() + t.coverage.to_html()


def candidates(
    org: Organisation,
    *,
    lendable_share: float = 1.0,
    arena_load: float = DEFAULT_ARENA_LOAD,
    group_by: str | int = "unit",
    missions: str | int = 1,
) -> pd.DataFrame:
    """Every possible member (post or person) with competences, working time, load and
    capacity, as the module docstring defines them (index ``member``)."""
    return _candidate_frame(
        _candidates(
            org,
            lendable_share=lendable_share,
            arena_load=arena_load,
            group_by=group_by,
            missions=missions,
        )
    )


def _split(need: Need, cands: list[Candidate]) -> tuple[list, list, list]:
    external = [r for r in need.requirements if r.external and need.external_partners]
    inside = [r for r in need.requirements if r not in external]
    missing = [r for r in inside if not any(r.competence in c.competences for c in cands)]
    staffed = [r for r in inside if r not in missing]
    return external, missing, staffed


def staff(
    org: Organisation,
    need: Need,
    *,
    alternatives: int = 1,
    seed: int = 0,
    lendable_share: float = 1.0,
    arena_load: float = DEFAULT_ARENA_LOAD,
    group_by: str | int = "unit",
    missions: str | int = 1,
    exclude: Iterable[str] = (),
) -> StaffingResult:
    """Propose a team for ``need`` (and up to ``alternatives - 1`` next-best distinct teams).

    Parameters
    ----------
    org
        The organisation.
    need
        The :class:`~orgmodel.staffing.needs.Need`.
    alternatives
        How many teams to return (the best, then next-best distinct ones); fewer when no
        further distinct team exists.
    seed
        Seeds the tie-breaking perturbation: the same seed gives the same teams.
    lendable_share
        The share of a candidate's working time that arenas may use (default all of it).
    arena_load
        FTE counted for a ``member_of`` link to an arena without an ``fte`` attribute.
    group_by
        What counts as a unit when units are minimised: ``"unit"`` (each post's own unit,
        default), a depth or a unit kind (:func:`orgmodel.analysis.network.unit_groups`).
    missions
        The grouping that defines main missions (default depth 1).
    exclude
        Member ids that may not be chosen.

    Returns
    -------
    StaffingResult
    """
    if alternatives < 1:
        raise ValueError(f"alternatives must be at least 1, got {alternatives}")
    all_cands = _candidates(
        org,
        lendable_share=lendable_share,
        arena_load=arena_load,
        group_by=group_by,
        missions=missions,
    )
    excluded = set(exclude)
    unknown = excluded - {c.id for c in all_cands}
    if unknown:
        raise UnknownIdError("candidate member", sorted(unknown)[0], [c.id for c in all_cands])
    cands = [c for c in all_cands if c.id not in excluded]
    external, missing, staffed = _split(need, cands)
    m = _build(cands, staffed, need.max_units)
    teams: list[Team] = []
    cuts: list[list[int]] = []
    for _ in range(alternatives):
        sol = _solve(m, seed=seed, same_mission=need.same_main_mission, cuts=cuts)
        if sol is None:
            break
        team = _team(m, sol, need, external, missing)
        if teams and not len(team.members):
            break
        teams.append(team)
        index = {c.id: i for i, c in enumerate(m.cands)}
        chosen = [index[k] for k in team.members.index]
        if not chosen:
            break
        cuts.append(chosen)
    settings = dict(
        lendable_share=lendable_share,
        arena_load=arena_load,
        group_by=group_by,
        missions=missions,
        seed=seed,
    )
    return StaffingResult(need, tuple(teams), _candidate_frame(all_cands), settings)


def evaluate(
    org: Organisation,
    need: Need,
    members: Iterable[str],
    *,
    lendable_share: float = 1.0,
    arena_load: float = DEFAULT_ARENA_LOAD,
    group_by: str | int = "unit",
    missions: str | int = 1,
) -> Team:
    """The team made of exactly ``members``: the work assigned to them as well as their
    capacity allows (least uncovered work, then lowest load), its coverage and what stays
    uncovered. For trying a team by hand, e.g. after swapping one member for another.

    >>> from orgmodel.model import Organisation, Unit, Post
    >>> from orgmodel.staffing.needs import Need, Requirement
    >>> org = Organisation([Unit("a"), Unit("b")],
    ...     [Post("p", unit="a", competences=("x",)), Post("q", unit="b", competences=("x", "y"))])
    >>> team = evaluate(org, Need("n", requirements=(Requirement("x"), Requirement("y"))), ["p"])
    >>> team.coverage["covered"].to_dict(), list(team.uncovered.index)
    ({'x': True, 'y': False}, ['y'])
    """
    members = list(dict.fromkeys(members))
    cands = _candidates(
        org,
        lendable_share=lendable_share,
        arena_load=arena_load,
        group_by=group_by,
        missions=missions,
    )
    index = {c.id: i for i, c in enumerate(cands)}
    unknown = [k for k in members if k not in index]
    if unknown:
        raise UnknownIdError("candidate member", unknown[0], index)
    external, missing, staffed = _split(need, cands)
    m = _build(cands, staffed, None, keep=members)
    inside = {c.id: i for i, c in enumerate(m.cands)}
    sol = _solve(m, seed=0, same_mission=False, fixed=[inside[k] for k in members])
    assert sol is not None  # the shortfall variables keep every fixed team feasible
    return _team(m, sol, need, external, missing, fixed=True)
