"""Collaboration networks: who works with whom, across which unit borders, and who brokers.

Collaboration is recorded as links (``Organisation.link_list``; ``kind="collaboration"``
by default) between posts, people or units. :func:`collaboration_graph` turns them into a
weighted networkx graph at post or unit level; the other functions read that graph:

* :func:`unit_ties` - per unit (or group of units): ties inside and across its border,
  the E-I index of Krackhardt & Stern (1988), density inside, silo flags;
* :func:`ei_index` - the E-I index of the whole organisation;
* :func:`centrality` - degree, betweenness and Burt's (1992) effective size and
  constraint per node, with a broker flag;
* :func:`collaboration_matrix` - unit x unit tie weights.

Lifting links to a level
------------------------
A post belongs to its unit. A person is lifted to the post(s) they hold, the link weight
split by their shares (a person holding 0.6 of post A and 0.4 of post B passes 60 % of
the weight to A). A unit stays itself (at post level it is a node of its own). At post
level a person who holds no post stays a node of type ``person`` with no unit; at unit
level such a person cannot be placed and their links are left out with a
:class:`UserWarning` naming them.

References
----------
D. Krackhardt and R. N. Stern (1988), "Informal networks and organizational crises: an
experimental simulation", *Social Psychology Quarterly* 51(2), 123-140.
R. S. Burt (1992), *Structural Holes: The Social Structure of Competition*, Harvard UP.

>>> from orgmodel.model import Organisation, Unit, Post, Link
>>> org = Organisation(
...     units=[Unit("kommun"), Unit("skola", parent="kommun"), Unit("vard", parent="kommun")],
...     posts=[Post("rektor", unit="skola"), Post("larare", unit="skola"),
...            Post("ssk", unit="vard"), Post("usk", unit="vard")],
...     links=[Link("rektor", "larare"), Link("ssk", "usk"), Link("rektor", "ssk", weight=2)],
... )
>>> unit_ties(org)[["internal_ties", "external_ties", "ei_index"]]
        internal_ties  external_ties  ei_index
unit
kommun              0              0       NaN
skola               1              1       0.0
vard                1              1       0.0
>>> round(ei_index(org), 4)          # 1 tie across, 2 inside: (1 - 2) / 3
-0.3333
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING, Any, Literal

import networkx as nx
import numpy as np
import pandas as pd

from orgmodel.errors import did_you_mean

if TYPE_CHECKING:  # pragma: no cover
    from orgmodel.model.organisation import Organisation

__all__ = [
    "DEFAULT_KINDS",
    "DEFAULT_SAMPLED_SOURCES",
    "DEFAULT_SILO_THRESHOLD",
    "EXACT_BETWEENNESS_MAX_NODES",
    "centrality",
    "collaboration_graph",
    "collaboration_matrix",
    "ei_index",
    "sampled_betweenness_k",
    "structural_holes_table",
    "unit_groups",
    "unit_ties",
]

#: Link kinds read as collaboration unless told otherwise.
DEFAULT_KINDS: tuple[str, ...] = ("collaboration",)

#: A group whose E-I index is at or below this is flagged a silo: at least 3 of 4 ties inside.
DEFAULT_SILO_THRESHOLD = -0.5

#: ``centrality(betweenness="auto")`` is exact up to this many nodes and sampled above it.
#: Exact betweenness costs one breadth-first search per node, so its time grows with
#: nodes x ties (docs/performance.md: about 5 s at 2,000 posts, 10 min at 20,000).
EXACT_BETWEENNESS_MAX_NODES = 2_000

#: Source nodes sampled for betweenness above :data:`EXACT_BETWEENNESS_MAX_NODES`. The
#: error this gives is measured in docs/performance.md (benchmarks/bench_scale.py
#: ``--betweenness-error``).
DEFAULT_SAMPLED_SOURCES = 200

Level = Literal["unit", "post"]
BetweennessMode = Literal["auto", "exact", "sampled"]
_BETWEENNESS_MODES = ("auto", "exact", "sampled")
_LEVELS = ("unit", "post")


def _check_level(level: str) -> None:
    if level not in _LEVELS:
        raise ValueError(f"level must be 'unit' or 'post', got {level!r}")


def _kinds(kinds: str | Iterable[str] | None) -> tuple[str, ...] | None:
    if kinds is None:
        return None
    if isinstance(kinds, str):
        return (kinds,)
    return tuple(kinds)


def _link_table(org: Organisation, kinds: tuple[str, ...] | None, weight: str | None):
    """source, target, weight, directed of the links of the chosen kinds."""
    links = [k for k in org.link_list if kinds is None or k.kind in kinds]
    if weight is None:
        w = [1.0] * len(links)
    elif weight == "weight":
        w = [float(k.weight) for k in links]
    else:
        missing = [f"{k.kind}:{k.source}->{k.target}" for k in links if weight not in k.attrs]
        if missing:
            shown = ", ".join(missing[:10]) + (
                f" and {len(missing) - 10} more" if len(missing) > 10 else ""
            )
            raise ValueError(
                f"weight {weight!r} is not an attribute of {len(missing)} link(s): {shown}"
            )
        w = [float(k.attrs[weight]) for k in links]
    return pd.DataFrame(
        {
            "source": pd.Series([k.source for k in links], dtype=object),
            "target": pd.Series([k.target for k in links], dtype=object),
            "weight": pd.Series(w, dtype=float),
            "directed": pd.Series([bool(k.directed) for k in links], dtype=bool),
        }
    )


def _lift(org: Organisation, ends: pd.Index, level: str) -> pd.DataFrame:
    """Where each link end goes at ``level``: rows end, node, share (shares sum to 1)."""
    posts, people, units = org.post_map, org.person_map, org.unit_map
    is_post = ends.isin(list(posts))
    is_person = ends.isin(list(people)) & ~is_post
    is_unit = ~is_post & ~is_person
    parts = []
    post_ends = ends[is_post]
    parts.append(
        pd.DataFrame(
            {
                "end": post_ends,
                "node": post_ends if level == "post" else [posts[p].unit for p in post_ends],
                "share": 1.0,
            }
        )
    )
    unit_ends = ends[is_unit & ends.isin(list(units))]
    parts.append(pd.DataFrame({"end": unit_ends, "node": unit_ends, "share": 1.0}))
    person_ends = set(ends[is_person])
    if person_ends:
        held = pd.DataFrame(
            [
                (h.person, h.post, float(h.share))
                for h in org.holding_list
                if h.person in person_ends
            ],
            columns=["end", "post", "share"],
        )
        held["share"] = held["share"] / held.groupby("end")["share"].transform("sum")
        held["node"] = (
            held["post"]
            if level == "post"
            else held["post"].map({p: posts[p].unit for p in held["post"].unique()})
        )
        parts.append(held.groupby(["end", "node"], as_index=False, sort=False)["share"].sum())
        unplaced = sorted(person_ends - set(held["end"]))
        if unplaced and level == "post":
            parts.append(pd.DataFrame({"end": unplaced, "node": unplaced, "share": 1.0}))
        elif unplaced:
            shown = ", ".join(repr(p) for p in unplaced[:10])
            more = f" and {len(unplaced) - 10} more" if len(unplaced) > 10 else ""
            warnings.warn(
                f"{len(unplaced)} person(s) hold no post, so their links belong to no unit "
                f"and are left out: {shown}{more}",
                UserWarning,
                stacklevel=4,
            )
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame({"end": [], "node": [], "share": []}).astype(
            {"end": object, "node": object}
        )
    return pd.concat(parts, ignore_index=True).astype({"end": object, "node": object})


def _lifted_links(org: Organisation, level: str, kinds, weight) -> pd.DataFrame:
    """The links with both ends lifted to ``level``; rows source, target, weight, count, directed."""
    links = _link_table(org, _kinds(kinds), weight)
    links["count"] = 1.0
    if links.empty:
        return links
    ends = pd.Index(pd.unique(pd.concat([links["source"], links["target"]])), dtype=object)
    lift = _lift(org, ends, level)
    out = links.merge(lift, left_on="source", right_on="end").drop(columns=["end", "source"])
    out = out.rename(columns={"node": "source", "share": "share_source"})
    out = out.merge(lift, left_on="target", right_on="end").drop(columns=["end", "target"])
    out = out.rename(columns={"node": "target", "share": "share_target"})
    both = out["share_source"] * out["share_target"]
    out["weight"] = out["weight"] * both
    out["count"] = out["count"] * both
    return out[["source", "target", "weight", "count", "directed"]]


def _undirected_pairs(lifted: pd.DataFrame) -> pd.DataFrame:
    """One row per unordered pair (u <= v): summed weight and count."""
    s, t = lifted["source"], lifted["target"]
    first = s <= t
    pairs = pd.DataFrame(
        {
            "u": s.where(first, t),
            "v": t.where(first, s),
            "weight": lifted["weight"],
            "count": lifted["count"],
        }
    )
    return pairs.groupby(["u", "v"], as_index=False, sort=False)[["weight", "count"]].sum()


def _directed_pairs(lifted: pd.DataFrame) -> pd.DataFrame:
    """One row per ordered pair; an undirected link counts in both directions."""
    back = lifted[~lifted["directed"]]
    both = pd.concat(
        [
            lifted.rename(columns={"source": "u", "target": "v"}),
            back.rename(columns={"source": "v", "target": "u"}),
        ],
        ignore_index=True,
    )
    return both.groupby(["u", "v"], as_index=False, sort=False)[["weight", "count"]].sum()


def _add_nodes(org: Organisation, graph: nx.Graph, level: str) -> None:
    """Every post (or unit) of the organisation, with type, unit and label."""
    if level == "post":
        graph.add_nodes_from(
            (p.id, {"type": "post", "unit": p.unit, "label": p.title}) for p in org.iter_posts()
        )
    else:
        graph.add_nodes_from(
            (u.id, {"type": "unit", "unit": u.id, "label": u.name}) for u in org.iter_units()
        )


def collaboration_graph(
    org: Organisation,
    level: Level = "unit",
    kinds: str | Iterable[str] | None = DEFAULT_KINDS,
    weight: str | None = "weight",
    *,
    directed: bool = False,
    reciprocal: bool = False,
) -> nx.Graph:
    """The collaboration links as a weighted graph of posts or of units.

    Parameters
    ----------
    org
        The organisation.
    level
        ``"post"``: nodes are the posts (people lifted to the posts they hold, see the
        module notes). ``"unit"``: nodes are the units; links between posts or people of
        the same unit become a self-loop of that unit, so internal collaboration is kept.
    kinds
        Link kinds to read (default ``("collaboration",)``); ``None`` reads every link.
    weight
        Where a link's weight comes from: ``"weight"`` (``Link.weight``), the name of a
        free link attribute, or ``None`` (each link weighs 1). Stored on the edges as
        ``weight`` whatever its source.
    directed
        Return an :class:`networkx.DiGraph`: a directed link keeps its direction, an
        undirected link becomes two arcs. Default: an undirected graph, the weights of
        all links between the same two nodes (either direction) summed.
    reciprocal
        Undirected graph of the pairs tied in both directions only (an undirected link
        counts as both directions), e.g. "worked with each other" from a survey in which
        each person named their co-workers. Not together with ``directed``.

    Returns
    -------
    networkx.Graph or networkx.DiGraph
        Every post (level post) or unit (level unit) is a node, tied or not; link ends
        that are not of that level (units at post level, people holding no post) are
        added. Node data: ``type`` (post/unit/person), ``unit`` (None for a person who
        holds no post), ``label``. Edge data: ``weight`` (summed), ``count`` (number of
        links; fractional when a person's link is split over several posts).

    Examples
    --------
    >>> from orgmodel.model import Organisation, Unit, Post, Link
    >>> org = Organisation(
    ...     units=[Unit("skola"), Unit("vard")],
    ...     posts=[Post("rektor", unit="skola"), Post("larare", unit="skola"),
    ...            Post("ssk", unit="vard")],
    ...     links=[Link("rektor", "larare", weight=3), Link("larare", "ssk"),
    ...            Link("rektor", "ssk", weight=2)],
    ... )
    >>> sorted(collaboration_graph(org, "unit").edges(data="weight"))
    [('skola', 'skola', 3.0), ('skola', 'vard', 3.0)]
    >>> collaboration_graph(org, "post").number_of_nodes()
    3
    """
    _check_level(level)
    if directed and reciprocal:
        raise ValueError("choose directed or reciprocal, not both")
    lifted = _lifted_links(org, level, kinds, weight)
    graph: nx.Graph = nx.DiGraph() if directed else nx.Graph()
    _add_nodes(org, graph, level)
    if lifted.empty:
        return graph
    extra = pd.unique(pd.concat([lifted["source"], lifted["target"]]))
    for node in extra:
        if node not in graph:
            kind = org.kind_of(node)
            if kind == "unit":
                graph.add_node(node, type="unit", unit=node, label=org.unit(node).name)
            else:
                graph.add_node(node, type="person", unit=None, label=org.person(node).name)
    if directed:
        pairs = _directed_pairs(lifted)
    else:
        pairs = _undirected_pairs(lifted)
        if reciprocal:
            arcs = _directed_pairs(lifted)[["u", "v"]]
            mutual = arcs.merge(arcs.rename(columns={"u": "v", "v": "u"}), on=["u", "v"])
            pairs = pairs.merge(mutual, on=["u", "v"])
    graph.add_edges_from(
        (u, v, {"weight": w, "count": c})
        for u, v, w, c in zip(
            pairs["u"].tolist(),
            pairs["v"].tolist(),
            pairs["weight"].tolist(),
            pairs["count"].tolist(),
            strict=True,
        )
    )
    return graph


def unit_groups(org: Organisation, group_by: str | int = "unit") -> pd.Series:
    """The group each unit falls in, for analyses by department, by level, ...

    Parameters
    ----------
    group_by
        ``"unit"``: every unit is its own group. An int ``d``: the unit's ancestor at depth
        ``d`` (top units have depth 0; a unit at depth ``d`` or above is its own group).
        Any other string: a unit kind (e.g. ``"department"``); each unit falls in its
        nearest unit of that kind, itself or above it, and a unit with none of that kind
        above it is its own group. (The kind ``"unit"`` therefore cannot be grouped by.)

    Returns
    -------
    pandas.Series
        ``group`` (a unit id) per unit id, in unit order.

    Examples
    --------
    >>> from orgmodel.model import Organisation, Unit
    >>> org = Organisation(units=[
    ...     Unit("kommun", kind="organisation"), Unit("bou", kind="administration", parent="kommun"),
    ...     Unit("skola1", kind="unit", parent="bou"), Unit("kansli", kind="office", parent="kommun")])
    >>> unit_groups(org, 1).to_dict()
    {'kommun': 'kommun', 'bou': 'bou', 'skola1': 'bou', 'kansli': 'kansli'}
    >>> unit_groups(org, "administration").to_dict()
    {'kommun': 'kommun', 'bou': 'bou', 'skola1': 'bou', 'kansli': 'kansli'}
    """
    units = org.unit_map
    if group_by == "unit":
        groups = {u: u for u in units}
    elif isinstance(group_by, int | np.integer) and not isinstance(group_by, bool):
        if group_by < 0:
            raise ValueError(f"group_by depth must be 0 or more, got {group_by}")
        depth: dict[str, int] = {}
        groups = {}
        for u in nx.topological_sort(org.hierarchy):
            parent = units[u].parent
            if parent is None:
                depth[u], groups[u] = 0, u
            else:
                depth[u] = depth[parent] + 1
                groups[u] = u if depth[u] <= group_by else groups[parent]
    elif isinstance(group_by, str):
        kinds = {u.kind for u in units.values()}
        if group_by not in kinds:
            raise ValueError(
                f"group_by {group_by!r} is neither 'unit', a depth, nor a unit kind of this "
                f"organisation{did_you_mean(group_by, sorted(kinds))}"
            )
        of_kind: dict[str, str | None] = {}
        for u in nx.topological_sort(org.hierarchy):
            parent = units[u].parent
            above = of_kind[parent] if parent is not None else None
            of_kind[u] = u if units[u].kind == group_by else above
        groups = {u: of_kind[u] or u for u in units}
    else:
        raise TypeError(f"group_by must be 'unit', a depth (int) or a unit kind, got {group_by!r}")
    order = list(units)
    return pd.Series(
        [groups[u] for u in order],
        index=pd.Index(order, name="unit", dtype=object),
        name="group",
        dtype=object,
    )


def _node_units(org: Organisation, level: str, lifted: pd.DataFrame) -> pd.Series:
    """The ``unit`` of every node :func:`collaboration_graph` would have, in its order."""
    if level == "post":
        units: dict[Hashable, str | None] = {p.id: p.unit for p in org.iter_posts()}
    else:
        units = {u: u for u in org.unit_map}
    if not lifted.empty:
        for node in pd.unique(pd.concat([lifted["source"], lifted["target"]])).tolist():
            if node not in units:
                units[node] = node if org.kind_of(node) == "unit" else None
    return pd.Series(units, dtype=object)


def _grouped_edges(org, level, group_by, kinds, weight):
    """Edges of the undirected graph with the group of each end, plus node groups.

    The edges are those of :func:`collaboration_graph` (one row per pair of nodes, the
    weights and counts of its links summed), computed from the link table without
    building the graph.
    """
    lifted = _lifted_links(org, level, kinds, weight)
    groups = unit_groups(org, group_by)
    node_group = _node_units(org, level, lifted).map(groups)
    if lifted.empty:
        edges = pd.DataFrame({"u": [], "v": [], "weight": [], "count": []})
    else:
        edges = _undirected_pairs(lifted)
    edges["gu"] = edges["u"].map(node_group)
    edges["gv"] = edges["v"].map(node_group)
    return edges.dropna(subset=["gu", "gv"]), node_group.dropna(), groups


def _ei(external: pd.Series | float, internal: pd.Series | float):
    total = external + internal
    if isinstance(total, pd.Series):
        return (external - internal) / total.where(total > 0)
    return float((external - internal) / total) if total > 0 else float("nan")


def unit_ties(
    org: Organisation,
    level: Level = "post",
    group_by: str | int = "unit",
    kinds: str | Iterable[str] | None = DEFAULT_KINDS,
    weight: str | None = "weight",
    *,
    silo_threshold: float = DEFAULT_SILO_THRESHOLD,
) -> pd.DataFrame:
    """Ties inside and across the border of each unit (or group of units), and silos.

    A tie is a pair of nodes of the collaboration graph at ``level`` that has at least one
    link (see :func:`collaboration_graph`; links in both directions or of several kinds
    between the same two nodes make one tie, their weights summed). At post level a tie
    joins two posts; at unit level two units (so a unit's internal collaboration is one
    tie, its self-loop, and ``external_ties`` is the number of other units it works with).
    A tie is internal to a group when both ends are in it, external otherwise (and then
    counts for both groups).

    Parameters
    ----------
    level
        ``"post"`` (default) or ``"unit"``.
    group_by
        ``"unit"``, a depth or a unit kind: see :func:`unit_groups`.
    kinds, weight
        As in :func:`collaboration_graph`.
    silo_threshold
        A group with ties whose E-I index is at or below this is flagged ``silo``. The
        default -0.5 means at least three of four ties stay inside; -1 flags only groups
        with no external tie at all.

    Returns
    -------
    pandas.DataFrame
        Index ``unit`` (the group ids, in unit order); columns ``name``, ``nodes`` (posts,
        or units, of the group in the graph), ``internal_ties``, ``external_ties``,
        ``internal_weight``, ``external_weight``, ``ei_index`` = (E - I) / (E + I) from tie
        counts (Krackhardt & Stern 1988; -1 all inside, +1 all across, NaN without ties),
        ``ei_index_weighted`` (the same from weights), ``partners`` (other groups tied
        to), ``density_inside`` (internal ties between different nodes / possible pairs
        n(n-1)/2, NaN for fewer than 2 nodes), ``isolated`` (no ties at all) and
        ``silo``.

    Examples
    --------
    >>> from orgmodel.model import Organisation, Unit, Post, Link
    >>> org = Organisation(
    ...     units=[Unit("skola"), Unit("vard")],
    ...     posts=[Post("rektor", unit="skola"), Post("larare", unit="skola"),
    ...            Post("ssk", unit="vard")],
    ...     links=[Link("rektor", "larare", weight=3), Link("larare", "ssk")],
    ... )
    >>> unit_ties(org)[["internal_ties", "external_ties", "ei_index", "density_inside", "silo"]]
           internal_ties  external_ties  ei_index  density_inside   silo
    unit
    skola              1              1       0.0             1.0  False
    vard               0              1       1.0             NaN  False
    """
    _check_level(level)
    edges, node_group, groups = _grouped_edges(org, level, group_by, kinds, weight)
    group_ids = pd.Index(pd.unique(groups.to_numpy()), name="unit", dtype=object)
    inside = edges[edges["gu"] == edges["gv"]]
    across = edges[edges["gu"] != edges["gv"]]
    ends = pd.concat(
        [
            across[["gu", "gv", "weight"]].rename(columns={"gu": "g", "gv": "other"}),
            across[["gv", "gu", "weight"]].rename(columns={"gv": "g", "gu": "other"}),
        ],
        ignore_index=True,
    )
    internal = inside.groupby("gu").size().reindex(group_ids, fill_value=0)
    internal_w = inside.groupby("gu")["weight"].sum().reindex(group_ids, fill_value=0.0)
    distinct = (
        inside[inside["u"] != inside["v"]].groupby("gu").size().reindex(group_ids, fill_value=0)
    )
    external = ends.groupby("g").size().reindex(group_ids, fill_value=0)
    external_w = ends.groupby("g")["weight"].sum().reindex(group_ids, fill_value=0.0)
    partners = ends.groupby("g")["other"].nunique().reindex(group_ids, fill_value=0)
    nodes = node_group.value_counts().reindex(group_ids, fill_value=0)
    possible = (nodes * (nodes - 1) / 2).astype(float)
    ei = _ei(external.astype(float), internal.astype(float))
    names = {u.id: u.name for u in org.iter_units()}
    out = pd.DataFrame(
        {
            "name": [names[g] for g in group_ids],
            "nodes": nodes.astype("int64"),
            "internal_ties": internal.astype("int64"),
            "external_ties": external.astype("int64"),
            "internal_weight": internal_w.astype(float),
            "external_weight": external_w.astype(float),
            "ei_index": ei,
            "ei_index_weighted": _ei(external_w.astype(float), internal_w.astype(float)),
            "partners": partners.astype("int64"),
            "density_inside": distinct / possible.where(possible > 0),
            "isolated": (internal + external) == 0,
            "silo": ((internal + external) > 0) & (ei <= silo_threshold),
        },
        index=group_ids,
    )
    return out


def ei_index(
    org: Organisation,
    level: Level = "post",
    group_by: str | int = "unit",
    kinds: str | Iterable[str] | None = DEFAULT_KINDS,
    weight: str | None = "weight",
    *,
    weighted: bool = False,
) -> float:
    """The E-I index of the whole organisation: (E - I) / (E + I).

    E counts the ties between groups (each once), I the ties inside groups (Krackhardt &
    Stern 1988); ties as in :func:`unit_ties`. -1: everyone works only inside their own
    group; +1: only across. NaN when there are no ties.

    Parameters
    ----------
    weighted
        Use summed tie weights instead of tie counts.

    Examples
    --------
    >>> from orgmodel.model import Organisation, Unit, Post, Link
    >>> org = Organisation(
    ...     units=[Unit("skola"), Unit("vard")],
    ...     posts=[Post("rektor", unit="skola"), Post("larare", unit="skola"),
    ...            Post("ssk", unit="vard")],
    ...     links=[Link("rektor", "larare", weight=3), Link("larare", "ssk")],
    ... )
    >>> ei_index(org), ei_index(org, weighted=True)   # (1 - 1) / 2 and (1 - 3) / 4
    (0.0, -0.5)
    """
    _check_level(level)
    edges, _, _ = _grouped_edges(org, level, group_by, kinds, weight)
    across = edges["gu"] != edges["gv"]
    if weighted:
        return _ei(
            float(edges.loc[across, "weight"].sum()), float(edges.loc[~across, "weight"].sum())
        )
    return _ei(float(across.sum()), float((~across).sum()))


def centrality(
    org: Organisation,
    level: Level = "post",
    kinds: str | Iterable[str] | None = DEFAULT_KINDS,
    weight: str | None = "weight",
    *,
    betweenness: BetweennessMode | bool = "auto",
    k: int | None = None,
    seed: int | None = 0,
    backend: str | None = None,
    structural_holes: bool = True,
    broker_quantile: float = 0.9,
) -> pd.DataFrame:
    """Who is central and who brokers between others, per post or unit.

    Computed on the undirected collaboration graph (:func:`collaboration_graph`) without
    its self-loops (a unit's internal collaboration does not make it central).

    Parameters
    ----------
    level, kinds, weight
        As in :func:`collaboration_graph`.
    betweenness
        ``"auto"`` (default): exact on graphs of up to
        :data:`EXACT_BETWEENNESS_MAX_NODES` nodes, above that estimated from ``k``
        sampled source nodes (default :data:`DEFAULT_SAMPLED_SOURCES`, see
        :func:`sampled_betweenness_k`), or from ``k`` sources whenever ``k`` is given.
        ``"exact"``: every node a source, whatever the size (one breadth-first search per
        node: minutes from about 10,000 posts). ``"sampled"``: ``k`` sources (default as
        for ``"auto"``). ``False``: no betweenness (the column is NaN and ``broker``
        rests on constraint alone); ``True`` means ``"auto"``. A sample of ``k`` at or
        above the number of nodes is exact. Sampling ranks the leading brokers only
        approximately: measured on a 20,000-post network with 200 sources, the sampled
        top 1 % held 74 % of the exact top 1 %, whose values were off by 17 % on average
        (500 sources: 82 % and 11 %); see docs/performance.md.
    k, seed
        Number of sampled source nodes (networkx ``betweenness_centrality(k=...)``), and
        the seed that makes the sample reproducible (default 0; ``None``: a fresh sample
        each call). The result's ``attrs["betweenness"]`` says what was computed, e.g.
        ``"sampled: k=200, seed=0"`` or ``"exact"``.
    backend
        A networkx backend to run betweenness on, e.g. ``"parallel"`` (the nx-parallel
        package: sources spread over processes) when installed; ``None`` (default): the
        networkx configuration decides (plain networkx unless
        ``NETWORKX_BACKEND_PRIORITY`` / ``nx.config.backend_priority`` says otherwise).
        A backend that is not installed raises :class:`ImportError` naming those that are.
    structural_holes
        Compute Burt's effective size and constraint (networkx ``effective_size``,
        ``constraint``); their cost grows with the square of the degrees, so switch off
        on very large dense graphs (the columns are then NaN).
    broker_quantile
        See ``broker`` below.

    Returns
    -------
    pandas.DataFrame
        Index ``node`` (graph order: posts or units, then other link ends); columns
        ``type``, ``unit``, ``degree`` (distinct partners), ``weighted_degree`` (summed
        tie weights), ``betweenness`` (normalised, ties unweighted - a weight is a
        strength, not a distance), ``effective_size`` and ``constraint`` (Burt 1992; with
        tie weights as proportions when the weights are not all equal; NaN for isolates)
        and ``broker``: True when betweenness is above 0 and in the top decile
        (at or above its ``broker_quantile`` quantile), or when the node has at least two
        partners and its constraint is in the bottom decile (at or below the
        ``1 - broker_quantile`` quantile among nodes with at least two partners).

    Examples
    --------
    A bridge between two pairs (Burt 1992: with 2 unconnected partners, constraint =
    2 x (1/2)^2 = 0.5 and effective size = 2):

    >>> from orgmodel.model import Organisation, Unit, Post, Link
    >>> org = Organisation(units=[Unit("u")],
    ...     posts=[Post(p, unit="u") for p in "abc"],
    ...     links=[Link("a", "b"), Link("b", "c")])
    >>> centrality(org)[["degree", "betweenness", "effective_size", "constraint", "broker"]]
          degree  betweenness  effective_size  constraint  broker
    node
    a          1          0.0             1.0         1.0   False
    b          2          1.0             2.0         0.5    True
    c          1          0.0             1.0         1.0   False
    """
    _check_level(level)
    graph = collaboration_graph(org, level, kinds, weight)
    graph.remove_edges_from(list(nx.selfloop_edges(graph)))
    nodes = list(graph.nodes)
    index = pd.Index(nodes, name="node", dtype=object)
    degree = pd.Series(dict(graph.degree()), dtype="int64").reindex(index)
    strength = pd.Series(dict(graph.degree(weight="weight")), dtype=float).reindex(index)
    sources = _betweenness_sources(betweenness, k, len(nodes))
    _check_backend(backend)
    if betweenness is False:
        between = pd.Series(np.nan, index=index)
        computed = "not computed"
    else:
        options = {} if backend is None else {"backend": backend}
        between = pd.Series(
            nx.betweenness_centrality(graph, k=sources, seed=seed, normalized=True, **options),
            dtype=float,
        ).reindex(index)
        computed = "exact" if sources is None else f"sampled: k={sources}, seed={seed}"
    if structural_holes:
        weights = {w for _, _, w in graph.edges(data="weight")}
        holes = structural_holes_table(graph, "weight" if len(weights) > 1 else None)
        eff = holes["effective_size"].reindex(index)
        con = holes["constraint"].reindex(index)
    else:
        eff = pd.Series(np.nan, index=index)
        con = pd.Series(np.nan, index=index)
    broker = pd.Series(False, index=index)
    if len(nodes) and (between > 0).any():
        broker |= (between > 0) & (between >= between.quantile(broker_quantile))
    several = (degree >= 2) & con.notna()
    if several.any():
        cutoff = con[several].quantile(1 - broker_quantile)
        broker |= several & (con <= cutoff)
    out = pd.DataFrame(
        {
            "type": [graph.nodes[n]["type"] for n in nodes],
            "unit": [graph.nodes[n]["unit"] for n in nodes],
            "degree": degree,
            "weighted_degree": strength,
            "betweenness": between,
            "effective_size": eff,
            "constraint": con,
            "broker": broker.astype(bool),
        },
        index=index,
    )
    out.attrs["betweenness"] = computed
    return out


def sampled_betweenness_k(n_nodes: int, k: int | None = None) -> int | None:
    """How many source nodes ``centrality(betweenness="auto")`` samples on a graph.

    Parameters
    ----------
    n_nodes
        Nodes of the graph.
    k
        Sources asked for, or ``None`` for the rule.

    Returns
    -------
    int or None
        ``None`` (exact: every node a source) up to :data:`EXACT_BETWEENNESS_MAX_NODES`
        nodes or when ``k`` covers every node; otherwise ``k``, by default
        :data:`DEFAULT_SAMPLED_SOURCES`.

    Examples
    --------
    >>> sampled_betweenness_k(167), sampled_betweenness_k(100_000)
    (None, 200)
    >>> sampled_betweenness_k(1_000, k=100), sampled_betweenness_k(50, k=100)
    (100, None)
    """
    if k is None:
        if n_nodes <= EXACT_BETWEENNESS_MAX_NODES:
            return None
        k = DEFAULT_SAMPLED_SOURCES
    return None if k >= n_nodes else int(k)


def _betweenness_sources(betweenness: Any, k: int | None, n_nodes: int) -> int | None:
    """Checks ``betweenness`` and ``k``; the ``k`` to pass to networkx (None: exact)."""
    if not isinstance(betweenness, bool) and betweenness not in _BETWEENNESS_MODES:
        raise ValueError(
            f"betweenness must be 'auto', 'exact', 'sampled', True or False, got "
            f"{betweenness!r}{did_you_mean(str(betweenness), list(_BETWEENNESS_MODES))}"
        )
    if k is not None and (isinstance(k, bool) or not isinstance(k, int | np.integer) or k < 1):
        raise ValueError(f"k must be a whole number of sources of at least 1, got {k!r}")
    if betweenness == "exact":
        if k is not None:
            raise ValueError(
                f"betweenness='exact' uses every node as a source; k={k} asks "
                "for a sample (use betweenness='sampled', or leave k out)"
            )
        return None
    if betweenness == "sampled" and k is None:
        k = DEFAULT_SAMPLED_SOURCES
    return sampled_betweenness_k(n_nodes, k)


def _check_backend(backend: str | None) -> None:
    """A clear error for a networkx backend that is not installed."""
    if backend is None:
        return
    if not isinstance(backend, str):
        raise TypeError(f"backend must be the name of a networkx backend or None, got {backend!r}")
    from networkx.utils.backends import backends as installed

    known = ["networkx", *sorted(installed)]
    if backend not in known:
        hint = {
            "parallel": "nx-parallel",
            "graphblas": "graphblas-algorithms",
            "cugraph": "nx-cugraph",
        }.get(backend)
        raise ImportError(
            f"networkx backend {backend!r} is not installed (installed: {', '.join(known)})"
            + (f"; pip install {hint}" if hint else did_you_mean(backend, known))
        )


def structural_holes_table(graph: nx.Graph, weight: str | None = "weight") -> pd.DataFrame:
    """Burt's effective size and constraint of every node, with sparse matrices.

    The formulas of :func:`networkx.effective_size` and :func:`networkx.constraint`
    (Burt 1992): with :math:`p_{ij}` the tie weight of i and j
    over i's total tie weight and :math:`m_{ij}` the same over i's largest tie weight,

    .. math::

        \\text{effective size}_i = \\sum_{j \\in N(i)} \\Big(1 - \\sum_q p_{iq} m_{jq}\\Big),
        \\qquad
        c_i = \\sum_{j \\in N(i)} \\Big(p_{ij} + \\sum_q p_{iq} p_{qj}\\Big)^2.

    networkx (3.6) evaluates them for a whole graph with dense n x n matrices (80 GB for
    100,000 posts; and its weighted effective size there differs from its own node-by-node
    result) or node by node (minutes). Here they stay sparse, so the cost follows the
    number of two-step paths (about 2 s for 100,000 nodes and 150,000 ties). The results
    equal networkx's node-by-node ones (tested). Self-loops are ignored; isolates get NaN.

    Parameters
    ----------
    graph
        An undirected graph (directed arcs would be made mutual, as networkx does).
    weight
        Edge attribute with the tie strength, or ``None`` for equal ties.

    Returns
    -------
    pandas.DataFrame
        Index ``node`` (graph order); columns ``effective_size`` and ``constraint``.

    Examples
    --------
    A star with three unconnected alters: effective size 3, constraint 3 x (1/3)^2.

    >>> table = structural_holes_table(nx.star_graph(3), weight=None)
    >>> table.round(4).loc[0].to_dict()
    {'effective_size': 3.0, 'constraint': 0.3333}
    """
    import scipy.sparse as sparse

    nodes = list(graph)
    index = pd.Index(nodes, name="node", dtype=object)
    if not nodes:
        return pd.DataFrame({"effective_size": [], "constraint": []}, index=index, dtype=float)
    adj = nx.to_scipy_sparse_array(graph, nodelist=nodes, weight=weight, format="csr")
    adj = (adj + adj.T).tocsr().astype(float)
    adj.setdiag(0.0)
    adj.eliminate_zeros()
    mask = (adj > 0).astype(float)
    total = np.asarray(adj.sum(axis=1)).ravel()
    largest = adj.max(axis=1).toarray().ravel()
    with np.errstate(divide="ignore"):
        inv_total = np.where(total > 0, 1.0 / total, 0.0)
        inv_largest = np.where(largest > 0, 1.0 / largest, 0.0)
    p = (sparse.diags_array(inv_total) @ adj).tocsr()
    m = (sparse.diags_array(inv_largest) @ adj).tocsr()
    degree = np.asarray(mask.sum(axis=1)).ravel()
    redundancy = np.asarray((p @ m.T).multiply(mask).sum(axis=1)).ravel()
    local = (p + (p @ p).multiply(mask)).power(2)
    constraint = np.asarray(local.sum(axis=1)).ravel()
    isolated = degree == 0
    effective = np.where(isolated, np.nan, degree - redundancy)
    constraint = np.where(isolated, np.nan, constraint)
    return pd.DataFrame({"effective_size": effective, "constraint": constraint}, index=index)


def collaboration_matrix(
    org: Organisation,
    level: Level = "unit",
    depth: int | None = None,
    kinds: str | Iterable[str] | None = DEFAULT_KINDS,
    weight: str | None = "weight",
) -> pd.DataFrame:
    """Summed tie weights between every two units (or posts), as a symmetric table.

    Parameters
    ----------
    level
        ``"unit"`` (default) or ``"post"``.
    depth
        At unit level, merge every unit into its ancestor at this depth (see
        :func:`unit_groups`); ``None``: every unit apart.
    kinds, weight
        As in :func:`collaboration_graph`.

    Returns
    -------
    pandas.DataFrame
        Rows and columns: every unit (or group, or post) id in organisation order; the
        diagonal holds the weight of ties inside the unit.

    Examples
    --------
    >>> from orgmodel.model import Organisation, Unit, Post, Link
    >>> org = Organisation(
    ...     units=[Unit("kommun"), Unit("skola", parent="kommun"), Unit("vard", parent="kommun")],
    ...     posts=[Post("rektor", unit="skola"), Post("larare", unit="skola"),
    ...            Post("ssk", unit="vard")],
    ...     links=[Link("rektor", "larare", weight=3), Link("larare", "ssk"),
    ...            Link("rektor", "ssk", weight=2)],
    ... )
    >>> collaboration_matrix(org)
            kommun  skola  vard
    kommun     0.0    0.0   0.0
    skola      0.0    3.0   3.0
    vard       0.0    3.0   0.0
    >>> collaboration_matrix(org, depth=0).loc["kommun", "kommun"]
    np.float64(6.0)
    """
    _check_level(level)
    if level == "post" and depth is not None:
        raise ValueError("depth groups units; it cannot be used with level='post'")
    graph = collaboration_graph(org, level, kinds, weight)
    edges = nx.to_pandas_edgelist(graph, source="u", target="v")
    if edges.empty:
        edges = pd.DataFrame({"u": [], "v": [], "weight": []}, dtype=object)
    if level == "unit":
        groups = unit_groups(org, "unit" if depth is None else depth)
        labels: list[Hashable] = list(pd.unique(groups.to_numpy()))
        edges["u"] = edges["u"].map(groups)
        edges["v"] = edges["v"].map(groups)
    else:
        labels = list(graph.nodes)
    mirrored = edges[edges["u"] != edges["v"]].rename(columns={"u": "v", "v": "u"})
    cells = pd.concat([edges, mirrored], ignore_index=True)
    table = cells.pivot_table(index="u", columns="v", values="weight", aggfunc="sum")
    index = pd.Index(labels, name=None, dtype=object)
    out = table.reindex(index=index, columns=index).fillna(0.0).astype(float)
    out.index.name = None
    out.columns.name = None
    return out
