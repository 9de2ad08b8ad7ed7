"""Check organisation data and list every problem in one pass.

:func:`check` works on plain lists of entities as a reader produced them (so duplicated
ids and broken references can still be reported, with their rows) and never stops at the
first problem. :class:`~orgmodel.model.organisation.Organisation` runs it on construction
and refuses data with errors; readers pass their :class:`SourceMap` so each problem names
the file, sheet and line or row.

Error codes: ``duplicate_id``, ``missing_value``, ``not_a_number``, ``negative_value``,
``missing_unit``, ``dangling_reference``, ``ambiguous_id``, ``hierarchy_cycle``, ``reporting_cycle``,
``bad_share``, ``share_over_100``, ``duplicate_holding``, ``bad_link``, ``duplicate_link``
(two links that clash, see :func:`links_clash`).
Warning codes: ``fte_gap``, ``manager_without_reports``, ``head_outside_unit``,
``unknown_link_kind``, ``vacant_but_held``.

>>> from orgmodel.model.entities import Unit, Post
>>> report = check(
...     units=[Unit("a"), Unit("b", parent="c")],
...     posts=[Post("p", unit="a", fte_budgeted=-1), Post("p", unit="x")],
... )
>>> report.codes()
['duplicate_id', 'dangling_reference', 'negative_value', 'missing_unit']
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from orgmodel.model.entities import LINK_KINDS, Competence, Holding, Link, Person, Post, Unit
from orgmodel.model.report import Problem, SourceMap, ValidationReport

__all__ = ["DEFAULT_FTE_GAP_WARNING", "check", "links_clash"]

#: Relative difference between actual and budgeted FTE above which a warning is given.
DEFAULT_FTE_GAP_WARNING = 0.25


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and not math.isnan(v)


def check(
    units: Sequence[Unit] = (),
    posts: Sequence[Post] = (),
    people: Sequence[Person] = (),
    holdings: Sequence[Holding] = (),
    competences: Sequence[Competence] = (),
    links: Sequence[Link] = (),
    *,
    locations: SourceMap | None = None,
    fte_gap_warning: float = DEFAULT_FTE_GAP_WARNING,
) -> ValidationReport:
    """Every problem in the data, errors and warnings, each with its location.

    Parameters
    ----------
    units, posts, people, holdings, competences, links
        Entities as read, in file order. Duplicated ids are allowed here (and reported).
    locations
        Where each entity was read from; problems without a known location have an empty one.
    fte_gap_warning
        Warn when ``|actual - budgeted| / budgeted`` exceeds this share (default 0.25).
    """
    loc = locations or SourceMap()
    problems: list[Problem] = []

    def add(severity, code, message, table, pos, id_=None, field=None, value=None):
        problems.append(
            Problem(
                severity,
                code,
                message,
                table=table,
                id=id_,
                field=field,
                value=value,
                location=loc.get(table, pos, field),
            )
        )

    def ids_of(table: str, items: Sequence[Any]) -> dict[str, int]:
        """First position of each id; reports duplicates and missing ids."""
        seen: dict[str, int] = {}
        for pos, item in enumerate(items):
            i = item.id
            if (
                i is None
                or (isinstance(i, str) and not i.strip())
                or (isinstance(i, float) and math.isnan(i))
            ):
                add("error", "missing_value", "id is missing", table, pos, None, "id", i)
                continue
            if i in seen:
                first = loc.get(table, seen[i])
                where = f" (first at {first})" if str(first) else ""
                add(
                    "error",
                    "duplicate_id",
                    f"id {i!r} is used twice{where}",
                    table,
                    pos,
                    i,
                    "id",
                    i,
                )
            else:
                seen[i] = pos
        return seen

    unit_pos = ids_of("units", units)
    post_pos = ids_of("posts", posts)
    person_pos = ids_of("people", people)
    comp_pos = ids_of("competences", competences)

    # links name their ends by id alone, so an id may belong to one unit, post or person only
    owner: dict[Any, str] = {}
    for table, pos_of in (("units", unit_pos), ("posts", post_pos), ("people", person_pos)):
        for i, pos in pos_of.items():
            if i in owner:
                add(
                    "error",
                    "ambiguous_id",
                    f"id {i!r} is used by a {_singular(owner[i])} and a {_singular(table)}; ids must differ across "
                    "units, posts and people (links refer to them by id)",
                    table,
                    pos,
                    i,
                    "id",
                    i,
                )
            else:
                owner[i] = table

    def ref(table, pos, id_, field, value, targets, target_name, code="dangling_reference"):
        if value is None:
            return
        if value not in targets:
            add(
                "error",
                code,
                f"{field} refers to {target_name} {value!r}, which does not exist",
                table,
                pos,
                id_,
                field,
                value,
            )

    def number(table, pos, id_, field, value, *, positive=False, allow_none=False):
        if value is None and allow_none:
            return True
        if not _is_number(value):
            add("error", "not_a_number", f"{field} must be a number", table, pos, id_, field, value)
            return False
        if value < 0:
            add(
                "error",
                "negative_value",
                f"{field} must not be negative",
                table,
                pos,
                id_,
                field,
                value,
            )
            return False
        if positive and value == 0:
            add(
                "error", "negative_value", f"{field} must be above 0", table, pos, id_, field, value
            )
            return False
        return True

    # ---- units -------------------------------------------------------------------------
    for pos, u in enumerate(units):
        ref("units", pos, u.id, "parent", u.parent, unit_pos, "unit")
        ref("units", pos, u.id, "head", u.head, post_pos, "post")
    _cycles("units", units, unit_pos, lambda u: u.parent, "parent", "hierarchy_cycle", "unit", add)

    # ---- posts -------------------------------------------------------------------------
    for pos, p in enumerate(posts):
        if p.unit is None:
            add("error", "missing_value", "unit is missing", "posts", pos, p.id, "unit", None)
        else:
            ref("posts", pos, p.id, "unit", p.unit, unit_pos, "unit", code="missing_unit")
        ref("posts", pos, p.id, "reports_to", p.reports_to, post_pos, "post")
        ok_b = number("posts", pos, p.id, "fte_budgeted", p.fte_budgeted)
        # an actual FTE defaulted from a bad budgeted one is not reported a second time
        ok_a = (p.fte_actual is p.fte_budgeted and ok_b) or (
            p.fte_actual is not p.fte_budgeted
            and number("posts", pos, p.id, "fte_actual", p.fte_actual)
        )
        number("posts", pos, p.id, "cost", p.cost)
        for c in p.competences:
            if competences:
                ref("posts", pos, p.id, "competences", c, comp_pos, "competence")
        if ok_a and ok_b:
            b, a = float(p.fte_budgeted), float(p.fte_actual)  # type: ignore[arg-type]
            gap = abs(a - b)
            vacancy = p.vacant and a == 0  # a vacancy has no actual FTE: not a gap to flag
            if not vacancy and gap > 1e-9 and (b == 0 or gap / b > fte_gap_warning):
                pct = "" if b == 0 else f" by {gap / b:.0%}"
                add(
                    "warning",
                    "fte_gap",
                    f"actual FTE {a:g} differs from budgeted {b:g}{pct}",
                    "posts",
                    pos,
                    p.id,
                    "fte_actual",
                    a,
                )
    _cycles(
        "posts",
        posts,
        post_pos,
        lambda p: p.reports_to,
        "reports_to",
        "reporting_cycle",
        "post",
        add,
    )

    # heads: warn when a unit's head sits elsewhere or manages nobody
    reports: Counter[str] = Counter(p.reports_to for p in posts if p.reports_to is not None)
    for pos, u in enumerate(units):
        if u.head is None or u.head not in post_pos:
            continue
        head = posts[post_pos[u.head]]
        if head.unit != u.id:
            add(
                "warning",
                "head_outside_unit",
                f"head post {u.head!r} belongs to unit {head.unit!r}, not to {u.id!r}",
                "units",
                pos,
                u.id,
                "head",
                u.head,
            )
        if reports[u.head] == 0:
            add(
                "warning",
                "manager_without_reports",
                f"head post {u.head!r} has no posts reporting to it",
                "units",
                pos,
                u.id,
                "head",
                u.head,
            )

    # ---- people and holdings ------------------------------------------------------------
    for pos, person in enumerate(people):
        for c in person.competences:
            if competences:
                ref("people", pos, person.id, "competences", c, comp_pos, "competence")
    share_sum: dict[str, float] = defaultdict(float)
    share_first: dict[str, int] = {}
    held: set[str] = set()
    seen_holdings: set[tuple[str, str]] = set()
    for pos, h in enumerate(holdings):
        hid = f"{h.person}@{h.post}"
        if (h.person, h.post) in seen_holdings:
            add(
                "error",
                "duplicate_holding",
                f"person {h.person!r} holds post {h.post!r} twice",
                "holdings",
                pos,
                hid,
                "post",
                h.post,
            )
        seen_holdings.add((h.person, h.post))
        ref("holdings", pos, hid, "person", h.person, person_pos, "person")
        ref("holdings", pos, hid, "post", h.post, post_pos, "post")
        held.add(h.post)
        if not _is_number(h.share):
            add(
                "error",
                "not_a_number",
                "share must be a number",
                "holdings",
                pos,
                hid,
                "share",
                h.share,
            )
        elif not 0 < h.share <= 1:
            add(
                "error",
                "bad_share",
                "share must be above 0 and at most 1 (100 %)",
                "holdings",
                pos,
                hid,
                "share",
                h.share,
            )
        else:
            share_sum[h.person] += h.share
            share_first.setdefault(h.person, pos)
    for person_id, total in share_sum.items():
        if total > 1 + 1e-9:
            add(
                "error",
                "share_over_100",
                f"person {person_id!r} holds posts for {total:.0%} of their time (over 100 %)",
                "holdings",
                share_first[person_id],
                person_id,
                "share",
                round(total, 6),
            )
    for pos, p in enumerate(posts):
        if p.vacant and p.id in held:
            add(
                "warning",
                "vacant_but_held",
                "post is marked vacant but a person holds it",
                "posts",
                pos,
                p.id,
                "vacant",
                True,
            )

    # ---- links --------------------------------------------------------------------------
    endpoints = set(unit_pos) | set(post_pos) | set(person_pos)
    seen_links: dict[tuple, int] = {}
    directedness_seen: dict[tuple, set[bool]] = {}
    for pos, link in enumerate(links):
        lid = f"{link.kind}:{link.source}->{link.target}"
        bad = False
        for end in ("source", "target"):
            v = getattr(link, end)
            if v not in endpoints:
                add(
                    "error",
                    "bad_link",
                    f"link {end} {v!r} is no unit, post or person",
                    "links",
                    pos,
                    lid,
                    end,
                    v,
                )
                bad = True
        if link.source == link.target and link.source is not None:
            add(
                "error",
                "bad_link",
                "a link cannot join a thing to itself",
                "links",
                pos,
                lid,
                "target",
                link.target,
            )
            bad = True
        if not _is_number(link.weight) or link.weight < 0:
            add(
                "error",
                "bad_link",
                "weight must be a number of at least 0",
                "links",
                pos,
                lid,
                "weight",
                link.weight,
            )
            bad = True
        if link.kind not in LINK_KINDS:
            add(
                "warning",
                "unknown_link_kind",
                f"link kind {link.kind!r} is not one of {', '.join(LINK_KINDS)}",
                "links",
                pos,
                lid,
                "kind",
                link.kind,
            )
        if not bad:
            # Clash rule of links_clash: same key, or the same kind and two ends with one
            # link undirected and the other directed (in either direction).
            pair = (link.kind, frozenset((str(link.source), str(link.target))))
            if link.key in seen_links:
                message = "the same link is given twice"
            elif (not link.directed) in directedness_seen.get(pair, ()):
                message = (
                    f"an undirected and a directed {link.kind} link join the same two ends; "
                    "give either one undirected link or directed ones"
                )
            else:
                message = ""
            if message:
                add(
                    "error",
                    "duplicate_link",
                    message,
                    "links",
                    pos,
                    lid,
                    "target",
                    link.target,
                )
            else:
                seen_links[link.key] = pos
                directedness_seen.setdefault(pair, set()).add(bool(link.directed))

    return ValidationReport(problems)


def links_clash(a: Link, b: Link) -> bool:
    """Whether two links may not stand together in one organisation.

    Links of the same kind between the same two ends clash when they have the same
    :attr:`~orgmodel.model.Link.key` (the same directed link, or two undirected ones in
    any order of ends) or when one is undirected and the other directed, whichever way
    the directed one points and whatever the ids' alphabetical order. Two directed links
    in opposite directions (``a -> b`` and ``b -> a``) do not clash. Validation reports a
    clash as ``duplicate_link``.

    >>> links_clash(Link("a", "b"), Link("b", "a", directed=True))
    True
    >>> links_clash(Link("a", "b", directed=True), Link("b", "a", directed=True))
    False
    >>> links_clash(Link("a", "b"), Link("a", "b", kind="commissions", directed=True))
    False
    """
    if a.kind != b.kind:
        return False
    if a.key == b.key:
        return True
    same_ends = {str(a.source), str(a.target)} == {str(b.source), str(b.target)}
    return same_ends and bool(a.directed) != bool(b.directed)


def _cycles(
    table: str,
    items: Sequence[Any],
    pos_of: dict[str, int],
    up: Callable[[Any], str | None],
    field: str,
    code: str,
    noun: str,
    add: Callable[..., None],
) -> None:
    """Report each cycle of parent pointers once, on its first member in file order."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in pos_of:
        if start in state:
            continue
        path: list[str] = []
        node: str | None = start
        while node is not None and node in pos_of and node not in state:
            state[node] = 1
            path.append(node)
            node = up(items[pos_of[node]])
        if node is not None and state.get(node) == 1:  # closed a cycle on this path
            cycle = path[path.index(node) :]
            first = min(cycle, key=lambda i: pos_of[i])
            if len(cycle) == 1:
                msg = f"{noun} {first!r} has itself as {field}"
            else:
                k = cycle.index(first)
                ring = cycle[k:] + cycle[:k] + [first]
                msg = f"{field} forms a cycle: " + " -> ".join(repr(i) for i in ring)
            add("error", code, msg, table, pos_of[first], first, field, up(items[pos_of[first]]))
        for n in path:
            state[n] = 2


def _singular(table: str) -> str:
    return {"units": "unit", "posts": "post", "people": "person"}[table]
