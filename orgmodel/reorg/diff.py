"""What changed between two organisations: units, posts, lines, FTE, cost, ties and people.

>>> from orgmodel.model import Organisation, Unit, Post, Link
>>> before = Organisation(
...     units=[Unit("k", "Kommun"), Unit("soc", parent="k"), Unit("skola", parent="k"),
...            Unit("fritid", parent="k")],
...     posts=[Post("s1", unit="soc"), Post("l1", unit="skola"), Post("f1", unit="fritid")],
...     links=[Link("s1", "l1", weight=2)])
>>> from orgmodel.reorg.operations import MergeUnits
>>> after = MergeUnits(("soc", "skola"), into="laf", name="Lärande och familj").apply(before)
>>> d = diff(before, after)
>>> d.units[["change", "detail"]]
                 change  detail
unit
soc         merged_into     laf
skola       merged_into     laf
laf             created
>>> d.ties[["before", "after"]]
              before  after
source target
s1     l1     across  inside
>>> print(d.summary_text())
Units: 1 created, 2 merged into another.
Posts: 2 moved.
Collaboration: 1 tie(s) now inside a unit, 0 now across units.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from orgmodel.model import Organisation

__all__ = ["OrgDiff", "diff", "key_figures"]

_POST_FIELDS = ("title", "fte_budgeted", "fte_actual", "cost", "vacant", "competences")


def key_figures(
    org: Organisation, *, group_by: str | int = 1, kinds: Iterable[str] = ("collaboration",)
) -> pd.Series:
    """The figures a comparison puts side by side, as a Series.

    ``units``, ``posts``, ``managers`` (posts with reports), ``layers``, ``median_span``,
    ``max_span``, ``fte_budgeted``, ``fte_actual``, ``cost``, ``ties``, ``ties_inside_share``
    (share of collaboration ties whose ends fall in the same group: by default the unit at
    depth 1, e.g. the main missions under the municipality; see
    :func:`orgmodel.analysis.network.unit_groups`).
    """
    from orgmodel.analysis.structure import layers, spans_summary

    posts = org.posts
    spans = spans_summary(org)
    inside, total = _tie_counts(org, group_by, tuple(kinds))
    return pd.Series(
        {
            "units": len(org.unit_map),
            "posts": len(org.post_map),
            "managers": int(spans["managers"]),
            "layers": layers(org),
            "median_span": spans["median"],
            "max_span": spans["max"],
            "fte_budgeted": float(posts["fte_budgeted"].sum()),
            "fte_actual": float(posts["fte_actual"].sum()),
            "cost": float(posts["cost"].sum()),
            "ties": total,
            "ties_inside_share": inside / total if total else float("nan"),
        },
        name=org.name or "organisation",
    )


def _home_units(org: Organisation) -> dict[str, str]:
    """The unit each link end belongs to, for every unit, post and person that has one.

    A unit belongs to itself, a post to its unit, a person to the unit of their first
    holding of an existing post; an id missing here belongs to no unit. Built in one pass
    over the holdings (not one scan of them per person).
    """
    posts = org.post_map
    home: dict[str, str] = {}
    for h in org.holding_list:
        if h.post in posts:
            home.setdefault(h.person, posts[h.post].unit)
    home.update((p.id, p.unit) for p in posts.values())
    home.update((u, u) for u in org.unit_map)
    return home


def _tie_counts(org: Organisation, group_by: str | int, kinds: tuple[str, ...]) -> tuple[int, int]:
    from orgmodel.analysis.network import unit_groups

    groups = unit_groups(org, group_by).to_dict() if org.unit_map else {}
    home = _home_units(org)
    inside = total = 0
    for link in org.link_list:
        if link.kind not in kinds:
            continue
        a, b = home.get(link.source), home.get(link.target)
        if a is None or b is None:
            continue
        total += 1
        inside += groups.get(a) == groups.get(b)
    return inside, total


@dataclass(frozen=True)
class OrgDiff:
    """The changes from ``before`` to ``after``; every table is empty when nothing changed.

    Attributes
    ----------
    units
        Index ``unit``; ``change`` (created, removed, merged_into, split_into, renamed, moved,
        kind_changed, head_changed, attrs_changed), ``detail``, ``before``, ``after``. A unit can have
        several rows (renamed and moved).
        A unit that went is ``merged_into`` the one unit that took its posts (or, with no
        posts, its sub-units), ``split_into`` several, else ``removed``.
    posts
        Index ``post``; ``change`` (added, removed, moved, reporting_changed or a field name),
        ``before``, ``after``, ``from_unit``, ``to_unit``.
    units_fte_cost
        Per unit in either organisation: own budgeted/actual FTE and cost before and after.
    figures
        :func:`key_figures` before and after, and the change.
    ties
        Collaboration ties whose ends moved from different groups into one (``inside``) or
        apart (``across``), index ``(source, target)``.
    links
        Links added or removed (any kind), ``change`` column.
    people
        People whose post moved, changed line, or went, with ``post`` and ``change``.
    """

    units: pd.DataFrame
    posts: pd.DataFrame
    units_fte_cost: pd.DataFrame
    figures: pd.DataFrame
    ties: pd.DataFrame
    links: pd.DataFrame
    people: pd.DataFrame
    other: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when the two organisations are equal in every part this diff looks at."""
        return (
            self.units.empty
            and self.posts.empty
            and self.links.empty
            and self.people.empty
            and not self.other
        )

    def changes(self) -> list[dict[str, Any]]:
        """Every change as a plain dict (``what``, ``id``, ``change``, ``before``, ``after``)."""
        out: list[dict[str, Any]] = [{"what": "organisation", "change": c} for c in self.other]
        for uid, row in self.units.iterrows():
            out.append(
                {
                    "what": "unit",
                    "id": uid,
                    "change": row["change"],
                    "detail": row["detail"],
                    "before": row["before"],
                    "after": row["after"],
                }
            )
        for pid, row in self.posts.iterrows():
            out.append(
                {
                    "what": "post",
                    "id": pid,
                    "change": row["change"],
                    "before": row["before"],
                    "after": row["after"],
                }
            )
        for _, row in self.links.iterrows():
            out.append(
                {
                    "what": "link",
                    "id": f"{row['kind']}:{row['source']}-{row['target']}",
                    "change": row["change"],
                }
            )
        return [{k: _plain(v) for k, v in c.items()} for c in out]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``changes`` (empty when equal), ``figures`` before/after, ``people``."""
        figures = {k: {c: _plain(v) for c, v in row.items()} for k, row in self.figures.iterrows()}
        return {
            "equal": self.is_empty,
            "changes": self.changes(),
            "figures": figures,
            "people_affected": sorted(set(self.people.index)),
        }

    def summary_text(self, lang: str | None = None) -> str:
        """A few plain sentences for a report or a slide.

        In English unless ``lang`` (``"sv"``, ``"nb"``, ``"en"``) is given: then the same
        sentences with words from :mod:`orgmodel.i18n` and numbers per locale. The diff's
        free-text notes (:attr:`other`) stay as written.

        >>> from orgmodel.model import Organisation, Unit
        >>> from orgmodel.reorg import RenameUnit
        >>> before = Organisation([Unit("k"), Unit("a", "A", parent="k")])
        >>> d = diff(before, RenameUnit("a", "B").apply(before))
        >>> d.summary_text(), d.summary_text("sv")
        ('Units: 1 renamed.', 'Enheter: 1 omdöpta.')
        """
        if lang is not None:
            from orgmodel.i18n import check_language

            if check_language(lang) != "en":
                return self._summary_in(check_language(lang))
        lines = []
        if not self.units.empty:
            c = Counter(self.units["change"])
            words = {
                "created": "created",
                "removed": "removed",
                "merged_into": "merged into another",
                "split_into": "split",
                "renamed": "renamed",
                "moved": "moved",
                "kind_changed": "changed kind",
                "head_changed": "changed head",
                "attrs_changed": "changed attributes",
            }
            lines.append(
                "Units: " + ", ".join(f"{c[k]} {w}" for k, w in words.items() if c[k]) + "."
            )
        if not self.posts.empty:
            c = Counter(self.posts["change"])
            lines.append(
                "Posts: " + ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in c.items()) + "."
            )
        f = self.figures
        for m, label in (("fte_budgeted", "Budgeted FTE"), ("cost", "Cost")):
            if m in f.index and abs(f.loc[m, "change"]) > 1e-9:
                lines.append(f"{label}: {f.loc[m, 'before']:,.2f} -> {f.loc[m, 'after']:,.2f}.")
        if not self.ties.empty:
            n_in = int((self.ties["after"] == "inside").sum())
            lines.append(
                f"Collaboration: {n_in} tie(s) now inside a unit, {len(self.ties) - n_in} now across units."
            )
        if not self.people.empty:
            lines.append(f"People affected: {self.people.index.nunique()}.")
        lines.extend(self.other)
        return "\n".join(lines) if lines else "No changes."

    def _summary_in(self, lang: str) -> str:
        from orgmodel.i18n import format_number, t

        def word(what: str, change: Any) -> str:
            try:
                return t(f"change.{what}.{change}", lang)
            except KeyError:  # a change kind without a label: as the code names it
                return str(change).replace("_", " ")

        lines = []
        if not self.units.empty:
            c = Counter(self.units["change"])
            kinds = [k for k in _UNIT_CHANGE_ORDER if c[k]] + [
                k for k in c if k not in _UNIT_CHANGE_ORDER
            ]
            changes = ", ".join(f"{c[k]} {word('unit', k)}" for k in kinds)
            lines.append(t("summary.units", lang, changes=changes))
        if not self.posts.empty:
            c = Counter(self.posts["change"])
            changes = ", ".join(f"{n} {word('post', k)}" for k, n in c.items())
            lines.append(t("summary.posts", lang, changes=changes))
        f = self.figures
        for m in ("fte_budgeted", "cost"):
            if m in f.index and abs(f.loc[m, "change"]) > 1e-9:
                before, after = (
                    format_number(f.loc[m, x], digits=2, lang=lang) for x in ("before", "after")
                )
                lines.append(t(f"summary.{m}", lang, before=before, after=after))
        if not self.ties.empty:
            n_in = int((self.ties["after"] == "inside").sum())
            lines.append(t("summary.ties", lang, inside=n_in, across=len(self.ties) - n_in))
        if not self.people.empty:
            lines.append(t("summary.people", lang, n=self.people.index.nunique()))
        lines.extend(self.other)
        return "\n".join(lines) if lines else t("summary.none", lang)


#: The order unit changes are counted in, in every language.
_UNIT_CHANGE_ORDER = (
    "created",
    "removed",
    "merged_into",
    "split_into",
    "renamed",
    "moved",
    "kind_changed",
    "head_changed",
    "attrs_changed",
)


def _plain(v: Any) -> Any:
    if hasattr(v, "item") and not isinstance(v, str | bytes):
        try:
            return v.item()
        except (ValueError, AttributeError):
            pass
    if isinstance(v, tuple):
        return list(v)
    if isinstance(v, float) and v != v:  # NaN -> None (JSON has no NaN)
        return None
    return v


def _frame(rows: list[dict[str, Any]], index: str | list[str], columns: list[str]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=[*([index] if isinstance(index, str) else index), *columns])
    return df.set_index(index)


def _successors(before: Organisation, after: Organisation) -> dict[str, str | None]:
    """Where each unit of ``before`` went: itself, or the unit that took most of its FTE."""
    out: dict[str, str | None] = {}
    for uid in before.unit_map:
        if uid in after.unit_map:
            out[uid] = uid
            continue
        weight: Counter[str] = Counter()
        for pid in before.posts_in(uid):
            if pid in after.post_map:
                weight[after.post_map[pid].unit] += float(before.post_map[pid].fte_budgeted) or 1e-9
        out[uid] = weight.most_common(1)[0][0] if weight else None
    for uid in before.unit_map:  # empty removed units follow their parent
        seen = set()
        node = uid
        while out.get(node) is None and node not in seen:
            seen.add(node)
            parent = before.unit_map[node].parent
            if parent is None:
                break
            node = parent
        out[uid] = out.get(node)
    return out


def diff(
    before: Organisation,
    after: Organisation,
    *,
    group_by: str | int = 1,
    kinds: Iterable[str] = ("collaboration",),
) -> OrgDiff:
    """Everything that changed from ``before`` to ``after``.

    Parameters
    ----------
    before, after
        The organisations (e.g. a base and a scenario's result).
    group_by
        How to group units when deciding whether a collaboration tie is inside or across
        (default: the unit at depth 1; see :func:`orgmodel.analysis.network.unit_groups`).
    kinds
        Link kinds counted as collaboration ties.
    """
    kinds = tuple(kinds)
    bu, au = before.unit_map, after.unit_map
    bp, ap = before.post_map, after.post_map

    # ---- posts --------------------------------------------------------------------------
    post_rows: list[dict[str, Any]] = []
    moved_to: dict[str, set[str]] = {}
    for pid, p in bp.items():
        q = ap.get(pid)
        if q is None:
            post_rows.append(
                {
                    "post": pid,
                    "change": "removed",
                    "before": p.title,
                    "after": None,
                    "from_unit": p.unit,
                    "to_unit": None,
                }
            )
            continue
        if p.unit != q.unit:
            post_rows.append(
                {
                    "post": pid,
                    "change": "moved",
                    "before": p.unit,
                    "after": q.unit,
                    "from_unit": p.unit,
                    "to_unit": q.unit,
                }
            )
            moved_to.setdefault(p.unit, set()).add(q.unit)
        if p.reports_to != q.reports_to:
            post_rows.append(
                {
                    "post": pid,
                    "change": "reporting_changed",
                    "before": p.reports_to,
                    "after": q.reports_to,
                    "from_unit": p.unit,
                    "to_unit": q.unit,
                }
            )
        for f in _POST_FIELDS:
            if getattr(p, f) != getattr(q, f):
                post_rows.append(
                    {
                        "post": pid,
                        "change": f,
                        "before": getattr(p, f),
                        "after": getattr(q, f),
                        "from_unit": p.unit,
                        "to_unit": q.unit,
                    }
                )
        if p.attrs != q.attrs:
            post_rows.append(
                {
                    "post": pid,
                    "change": "attrs",
                    "before": p.attrs.to_dict(),
                    "after": q.attrs.to_dict(),
                    "from_unit": p.unit,
                    "to_unit": q.unit,
                }
            )
    for pid, q in ap.items():
        if pid not in bp:
            post_rows.append(
                {
                    "post": pid,
                    "change": "added",
                    "before": None,
                    "after": q.title,
                    "from_unit": None,
                    "to_unit": q.unit,
                }
            )
    posts = _frame(post_rows, "post", ["change", "before", "after", "from_unit", "to_unit"])

    # ---- units --------------------------------------------------------------------------
    unit_rows: list[dict[str, Any]] = []
    sub_units_to: dict[str, set[str]] = {}  # removed unit -> new parents of its sub-units
    for c, cu in bu.items():
        if cu.parent is not None and cu.parent not in au and c in au:
            new_parent = au[c].parent
            if new_parent is not None:
                sub_units_to.setdefault(cu.parent, set()).add(new_parent)
    for uid, u in bu.items():
        v = au.get(uid)
        if v is None:
            targets = sorted(moved_to.get(uid, set()))
            if not targets:  # no posts of its own: where did its sub-units go?
                targets = sorted(sub_units_to.get(uid, set()))
            if len(targets) == 1:
                unit_rows.append(
                    {
                        "unit": uid,
                        "change": "merged_into",
                        "detail": targets[0],
                        "before": u.name,
                        "after": None,
                    }
                )
            elif len(targets) > 1:
                unit_rows.append(
                    {
                        "unit": uid,
                        "change": "split_into",
                        "detail": ", ".join(targets),
                        "before": u.name,
                        "after": None,
                    }
                )
            else:
                unit_rows.append(
                    {
                        "unit": uid,
                        "change": "removed",
                        "detail": "",
                        "before": u.name,
                        "after": None,
                    }
                )
            continue
        new_targets = sorted(t for t in moved_to.get(uid, set()) if t not in bu)
        if len(new_targets) > 1:
            unit_rows.append(
                {
                    "unit": uid,
                    "change": "split_into",
                    "detail": ", ".join(new_targets),
                    "before": u.name,
                    "after": v.name,
                }
            )
        for f, change in (
            ("name", "renamed"),
            ("parent", "moved"),
            ("kind", "kind_changed"),
            ("head", "head_changed"),
        ):
            if getattr(u, f) != getattr(v, f):
                unit_rows.append(
                    {
                        "unit": uid,
                        "change": change,
                        "detail": "",
                        "before": getattr(u, f),
                        "after": getattr(v, f),
                    }
                )
        if u.attrs != v.attrs:
            unit_rows.append(
                {
                    "unit": uid,
                    "change": "attrs_changed",
                    "detail": "",
                    "before": u.attrs.to_dict(),
                    "after": v.attrs.to_dict(),
                }
            )
    for uid, v in au.items():
        if uid not in bu:
            unit_rows.append(
                {"unit": uid, "change": "created", "detail": "", "before": None, "after": v.name}
            )
    units = _frame(unit_rows, "unit", ["change", "detail", "before", "after"])

    # ---- FTE and cost per unit, key figures ------------------------------------------------
    def own(org: Organisation) -> pd.DataFrame:
        df = org.posts
        if df.empty:
            return pd.DataFrame(columns=["fte_budgeted", "fte_actual", "cost"])
        return df.groupby("unit")[["fte_budgeted", "fte_actual", "cost"]].sum()

    ob, oa = own(before), own(after)
    ids = list(dict.fromkeys([*bu, *au]))
    fc = pd.DataFrame(index=pd.Index(ids, name="unit"))
    for m in ("fte_budgeted", "fte_actual", "cost"):
        fc[f"{m}_before"] = ob[m].reindex(ids).fillna(0.0).where([i in bu for i in ids])
        fc[f"{m}_after"] = oa[m].reindex(ids).fillna(0.0).where([i in au for i in ids])
        fc[f"{m}_change"] = fc[f"{m}_after"].fillna(0) - fc[f"{m}_before"].fillna(0)
    kb = key_figures(before, group_by=group_by, kinds=kinds)
    ka = key_figures(after, group_by=group_by, kinds=kinds)
    figures = pd.DataFrame({"before": kb, "after": ka})
    figures["change"] = figures["after"] - figures["before"]

    # ---- collaboration ties: inside <-> across ---------------------------------------------
    ties = _tie_changes(before, after, group_by, kinds)

    # ---- links ------------------------------------------------------------------------------
    bl = {k.key: k for k in before.link_list}
    al = {k.key: k for k in after.link_list}
    link_rows = [
        {"kind": k[0], "source": k[1], "target": k[2], "change": "removed"}
        for k in bl
        if k not in al
    ] + [
        {"kind": k[0], "source": k[1], "target": k[2], "change": "added"} for k in al if k not in bl
    ]
    for k in bl.keys() & al.keys():  # ends as in the key: an undirected link has no order
        if bl[k].evolve(source=k[1], target=k[2]) != al[k].evolve(source=k[1], target=k[2]):
            link_rows.append({"kind": k[0], "source": k[1], "target": k[2], "change": "changed"})
    links = pd.DataFrame(link_rows, columns=["kind", "source", "target", "change"])

    # ---- people -------------------------------------------------------------------------------
    affected_posts: dict[str, list[str]] = {}  # a post can move and change line at once
    for pid, ch in zip(posts.index, posts["change"], strict=True):
        if ch in ("moved", "removed", "reporting_changed"):
            affected_posts.setdefault(pid, []).append(ch)
    people_rows = [
        {"person": h.person, "post": h.post, "change": ch}
        for h in before.holding_list
        for ch in affected_posts.get(h.post, ())
    ]
    bh = {(h.person, h.post): h for h in before.holding_list}
    ah = {(h.person, h.post): h for h in after.holding_list}
    for key in bh.keys() - ah.keys():
        people_rows.append({"person": key[0], "post": key[1], "change": "left post"})
    for key in ah.keys() - bh.keys():
        people_rows.append({"person": key[0], "post": key[1], "change": "took post"})
    for key in bh.keys() & ah.keys():
        if bh[key] != ah[key]:
            people_rows.append({"person": key[0], "post": key[1], "change": "share changed"})
    people = _frame(people_rows, "person", ["post", "change"]).drop_duplicates()

    other = []
    if before.name != after.name:
        other.append(f"Name: {before.name!r} -> {after.name!r}.")
    if before.meta != after.meta:
        other.append("Meta information changed.")
    if before.person_map != after.person_map:
        other.append("People changed.")
    if before.competence_map != after.competence_map:
        other.append("Competences changed.")
    return OrgDiff(units, posts, fc, figures, ties, links, people, tuple(other))


def _tie_changes(
    before: Organisation, after: Organisation, group_by: str | int, kinds: tuple[str, ...]
) -> pd.DataFrame:
    from orgmodel.analysis.network import unit_groups

    gb = unit_groups(before, group_by).to_dict() if before.unit_map else {}
    ga = unit_groups(after, group_by).to_dict() if after.unit_map else {}
    succ = _successors(before, after)
    home_b, home_a = _home_units(before), _home_units(after)
    rows = []
    for link in before.link_list:
        if link.kind not in kinds:
            continue
        ends_b = [home_b.get(e) for e in (link.source, link.target)]
        if None in ends_b:
            continue
        ends_a = []
        for e, ub in zip((link.source, link.target), ends_b, strict=True):
            home = home_a.get(e)
            ends_a.append(home if home is not None else succ.get(ub))
        if None in ends_a:
            continue
        inside_b = gb.get(ends_b[0]) == gb.get(ends_b[1])
        inside_a = ga.get(ends_a[0]) == ga.get(ends_a[1])
        if inside_b != inside_a:
            rows.append(
                {
                    "source": link.source,
                    "target": link.target,
                    "kind": link.kind,
                    "weight": link.weight,
                    "before": "inside" if inside_b else "across",
                    "after": "inside" if inside_a else "across",
                }
            )
    return _frame(rows, ["source", "target"], ["kind", "weight", "before", "after"])
