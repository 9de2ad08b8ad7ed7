"""The formal structure of an organisation: spans of control, layers, vacancies.

Free functions taking the :class:`~orgmodel.model.organisation.Organisation` first and
returning labelled pandas objects (index = post or unit ids). They read the reporting
lines (``Post.reports_to``, :attr:`Organisation.reporting`) and the unit hierarchy
(``Unit.parent``, :attr:`Organisation.hierarchy`) and walk them with networkx in single
passes, so they stay fast on organisations with 100,000 posts and never recurse.

>>> from orgmodel.model import Organisation, Unit, Post
>>> org = Organisation(
...     units=[Unit("kommun"), Unit("skola", parent="kommun"), Unit("vard", parent="kommun")],
...     posts=[Post("kd", unit="kommun", title="Kommundirektör"),
...            Post("skolchef", unit="skola", reports_to="kd"),
...            Post("rektor", unit="skola", reports_to="skolchef", fte_budgeted=4),
...            Post("vardchef", unit="vard", reports_to="kd"),
...            Post("ssk", unit="vard", reports_to="vardchef", vacant=True)],
... )
>>> span_of_control(org)[["direct_reports", "total_reports"]]
          direct_reports  total_reports
post
kd                     2              4
skolchef               1              1
vardchef               1              1
>>> layers(org)
3
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from orgmodel.model.organisation import Organisation

__all__ = [
    "cross_unit_reports",
    "layers",
    "managers_without_reports",
    "post_layers",
    "span_of_control",
    "spans_summary",
    "unit_depth",
    "vacancies",
]


#: A forest deeper than this many levels is walked with networkx instead (one numpy step
#: per level would cost more than networkx's single pass).
_MAX_ARRAY_LEVELS = 1_000


class _Forest:
    """A forest given as a parent per node, walked level by level with numpy.

    ``levels[d]`` holds the positions of the nodes at depth ``d`` (roots at 0). Built by
    :meth:`of`, which returns ``None`` when the parents do not form a forest over the
    given nodes (a parent that is not a node, a cycle) or when the forest is deeper than
    ``_MAX_ARRAY_LEVELS``: the callers then take the networkx path, which raises the
    same errors as before on a cycle.
    """

    def __init__(self, parent: np.ndarray, levels: list[np.ndarray]):
        self.parent = parent
        self.levels = levels

    @classmethod
    def of(cls, ids: list[str], parents: list[str | None]) -> _Forest | None:
        position = {node: i for i, node in enumerate(ids)}
        if len(position) != len(ids):
            return None
        missing = -2
        parent = np.fromiter(
            (-1 if p is None else position.get(p, missing) for p in parents),
            dtype=np.int64,
            count=len(ids),
        )
        if (parent == missing).any():
            return None
        has_parent = parent >= 0
        direct = np.bincount(parent[has_parent], minlength=len(ids))
        children = np.argsort(np.where(has_parent, parent, -1), kind="stable")
        children = children[len(ids) - int(has_parent.sum()) :]
        first_child = np.concatenate([[0], np.cumsum(direct)])
        frontier = np.flatnonzero(~has_parent)
        levels: list[np.ndarray] = []
        reached = 0
        while len(frontier):
            if len(levels) >= _MAX_ARRAY_LEVELS:
                return None
            levels.append(frontier)
            reached += len(frontier)
            counts = direct[frontier]
            total = int(counts.sum())
            if not total:
                break
            starts = np.repeat(first_child[frontier] - np.cumsum(counts) + counts, counts)
            frontier = children[starts + np.arange(total)]
        if reached != len(ids):  # nodes on a cycle are never reached from a root
            return None
        return cls(parent, levels)

    def depth(self) -> np.ndarray:
        out = np.zeros(len(self.parent), dtype=np.int64)
        for d, nodes in enumerate(self.levels):
            out[nodes] = d
        return out

    def direct(self) -> np.ndarray:
        has_parent = self.parent >= 0
        return np.bincount(self.parent[has_parent], minlength=len(self.parent))

    def below(self) -> np.ndarray:
        """Number of descendants of each node, summed from the deepest level up."""
        out = np.zeros(len(self.parent), dtype=np.int64)
        for nodes in reversed(self.levels[1:]):
            np.add.at(out, self.parent[nodes], out[nodes] + 1)
        return out


def _post_forest(org: Organisation) -> tuple[list[str], _Forest | None]:
    posts = org.post_map
    ids = list(posts)
    return ids, _Forest.of(ids, [p.reports_to for p in posts.values()])


def _generation_numbers(graph: nx.DiGraph, start: int, name: str, index: str) -> pd.Series:
    """Depth of every node of a forest (edges parent -> child), roots = ``start``."""
    depth: dict[str, int] = {}
    for level, nodes in enumerate(nx.topological_generations(graph), start=start):
        for node in nodes:
            depth[node] = level
    order = list(graph.nodes)
    return _depth_series(order, [depth[n] for n in order], name, index)


def _depth_series(order: list[str], depth: Any, name: str, index: str) -> pd.Series:
    return pd.Series(
        depth,
        index=pd.Index(order, name=index, dtype=object),
        name=name,
        dtype="int64",
    )


def post_layers(org: Organisation) -> pd.Series:
    """The layer of each post in the reporting lines: 1 for a post reporting to nobody.

    Parameters
    ----------
    org
        The organisation.

    Returns
    -------
    pandas.Series
        ``layer`` per post id (int, in post order). A post that reports to no post is in
        layer 1, its direct reports in layer 2, and so on.

    Examples
    --------
    >>> from orgmodel.model import Organisation, Unit, Post
    >>> org = Organisation(units=[Unit("u")], posts=[
    ...     Post("chef", unit="u"), Post("a", unit="u", reports_to="chef"),
    ...     Post("b", unit="u", reports_to="a"), Post("solo", unit="u")])
    >>> post_layers(org).to_dict()
    {'chef': 1, 'a': 2, 'b': 3, 'solo': 1}
    """
    ids, forest = _post_forest(org)
    if forest is None:  # not a forest of posts (only without validation): networkx decides
        return _generation_numbers(org.reporting, 1, "layer", "post")
    return _depth_series(ids, forest.depth() + 1, "layer", "post")


def unit_depth(org: Organisation) -> pd.Series:
    """The depth of each unit in the unit hierarchy: 0 for a top unit.

    Returns
    -------
    pandas.Series
        ``unit_depth`` per unit id (int, in unit order).

    Examples
    --------
    >>> from orgmodel.model import Organisation, Unit
    >>> org = Organisation(units=[Unit("kommun"), Unit("skola", parent="kommun"),
    ...                           Unit("f-klass", parent="skola")])
    >>> unit_depth(org).to_dict()
    {'kommun': 0, 'skola': 1, 'f-klass': 2}
    """
    units = org.unit_map
    ids = list(units)
    forest = _Forest.of(ids, [u.parent for u in units.values()])
    if forest is None:  # not a forest of units (only without validation): networkx decides
        return _generation_numbers(org.hierarchy, 0, "unit_depth", "unit")
    return _depth_series(ids, forest.depth(), "unit_depth", "unit")


def layers(org: Organisation) -> int:
    """The number of management layers.

    This is the deepest post layer in the reporting lines (:func:`post_layers`). When no
    post reports to another (reporting lines not entered, as in many budget extracts), it
    falls back to the depth of the unit hierarchy + 1, i.e. the number of unit levels that
    hold posts or units, on the assumption that each unit level is led from the level
    above. An organisation with no units and no posts has 0 layers.

    Examples
    --------
    >>> from orgmodel.model import Organisation, Unit, Post
    >>> org = Organisation(units=[Unit("kommun"), Unit("skola", parent="kommun")],
    ...                    posts=[Post("kd", unit="kommun"), Post("rektor", unit="skola")])
    >>> layers(org)          # no reporting lines: unit depth 1 + 1
    2
    >>> layers(org.evolve(posts=[org.post("kd"), org.post("rektor").evolve(reports_to="kd")]))
    2
    """
    if any(p.reports_to is not None for p in org.iter_posts()):
        _, forest = _post_forest(org)
        if forest is not None:
            return len(forest.levels)
        return int(post_layers(org).max())
    depth = unit_depth(org)
    return int(depth.max()) + 1 if len(depth) else 0


def _subtree_sizes(graph: nx.DiGraph) -> dict[str, int]:
    """Number of descendants of each node of a forest, in one pass from the leaves up."""
    below: dict[str, int] = {}
    for node in reversed(list(nx.topological_sort(graph))):
        below[node] = sum(below[c] + 1 for c in graph.successors(node))
    return below


def span_of_control(org: Organisation) -> pd.DataFrame:
    """Direct and total reports of every manager post (a post with at least one report).

    Returns
    -------
    pandas.DataFrame
        Index ``post`` (manager post ids); columns ``title``, ``unit``,
        ``direct_reports`` (posts reporting to it), ``total_reports`` (every post below
        it in the reporting lines) and ``layer`` (see :func:`post_layers`). Sorted by
        direct reports, then total reports (both descending), then layer and post order.
        A post standing for several identical posts (``fte_budgeted`` > 1) counts once.

    Examples
    --------
    >>> from orgmodel.model import Organisation, Unit, Post
    >>> org = Organisation(units=[Unit("u")], posts=[
    ...     Post("chef", unit="u", title="Chef"), Post("a", unit="u", reports_to="chef"),
    ...     Post("b", unit="u", reports_to="a"), Post("c", unit="u", reports_to="a")])
    >>> span_of_control(org)
         title unit  direct_reports  total_reports  layer
    post
    a        a    u               2              2      2
    chef  Chef    u               1              3      1
    """
    ids, forest = _post_forest(org)
    posts = org.post_map
    if forest is None:  # not a forest of posts (only without validation): networkx decides
        graph = org.reporting
        managers = [n for n in graph.nodes if graph.out_degree(n) > 0]
        below = _subtree_sizes(graph) if managers else {}
        layer = post_layers(org)
        direct_reports = [graph.out_degree(m) for m in managers]
        total_reports = [below[m] for m in managers]
        manager_layer = [int(layer[m]) for m in managers]
    else:
        direct = forest.direct()
        where = np.flatnonzero(direct > 0)
        managers = [ids[i] for i in where]
        direct_reports = direct[where]
        total_reports = forest.below()[where]
        manager_layer = forest.depth()[where] + 1
    df = pd.DataFrame(
        {
            "title": [posts[m].title for m in managers],
            "unit": [posts[m].unit for m in managers],
            "direct_reports": direct_reports,
            "total_reports": total_reports,
            "layer": manager_layer,
            "_order": range(len(managers)),
        },
        index=pd.Index(managers, name="post", dtype=object),
    ).astype({"direct_reports": "int64", "total_reports": "int64", "layer": "int64"})
    df = df.sort_values(
        ["direct_reports", "total_reports", "layer", "_order"],
        ascending=[False, False, True, True],
        kind="stable",
    )
    return df.drop(columns="_order")


def spans_summary(org: Organisation) -> pd.Series:
    """Key figures of the spans of control (direct reports per manager post).

    Returns
    -------
    pandas.Series
        ``span_of_control`` with ``managers`` (posts with reports), ``median``, ``mean``,
        ``min`` and ``max`` direct reports. With no reporting lines: 0 managers and NaN.

    Examples
    --------
    >>> from orgmodel.model import Organisation, Unit, Post
    >>> org = Organisation(units=[Unit("u")], posts=[
    ...     Post("chef", unit="u"), Post("a", unit="u", reports_to="chef"),
    ...     Post("b", unit="u", reports_to="a"), Post("c", unit="u", reports_to="a")])
    >>> spans_summary(org).to_dict()
    {'managers': 2.0, 'median': 1.5, 'mean': 1.5, 'min': 1.0, 'max': 2.0}
    """
    spans = span_of_control(org)["direct_reports"]
    return pd.Series(
        {
            "managers": float(len(spans)),
            "median": float(spans.median()) if len(spans) else float("nan"),
            "mean": float(spans.mean()) if len(spans) else float("nan"),
            "min": float(spans.min()) if len(spans) else float("nan"),
            "max": float(spans.max()) if len(spans) else float("nan"),
        },
        name="span_of_control",
    )


def vacancies(org: Organisation) -> pd.DataFrame:
    """The vacant posts, with their unit and what they would cost.

    Returns
    -------
    pandas.DataFrame
        Index ``post``; columns ``title``, ``unit``, ``unit_name``, ``fte_budgeted``,
        ``cost`` and ``reports_to``, in post order.

    Examples
    --------
    >>> from orgmodel.model import Organisation, Unit, Post
    >>> org = Organisation(units=[Unit("vard", "Vård och omsorg")], posts=[
    ...     Post("ssk", unit="vard", title="Sjuksköterska", fte_budgeted=2.0,
    ...          cost=1_200_000, vacant=True),
    ...     Post("usk", unit="vard", title="Undersköterska")])
    >>> vacancies(org)[["unit_name", "fte_budgeted", "cost"]]
                unit_name  fte_budgeted       cost
    post
    ssk   Vård och omsorg           2.0  1200000.0
    """
    posts = org.posts
    vacant = posts[posts["vacant"].astype(bool)]
    names = {u.id: u.name for u in org.iter_units()}
    out = pd.DataFrame(
        {
            "title": vacant["title"],
            "unit": vacant["unit"],
            "unit_name": vacant["unit"].map(names),
            "fte_budgeted": vacant["fte_budgeted"].astype(float),
            "cost": vacant["cost"].astype(float),
            "reports_to": vacant["reports_to"],
        }
    )
    out.index.name = "post"
    return out


def managers_without_reports(org: Organisation) -> pd.DataFrame:
    """Unit heads (``Unit.head``) that no post reports to.

    Often a sign that reporting lines are missing or that the head leads in name only.
    (Validation warns about each one as ``manager_without_reports``; this is the table.)

    Returns
    -------
    pandas.DataFrame
        Index ``post``; columns ``title``, ``unit`` (where the post sits) and
        ``heads_unit`` (the unit it leads), in unit order.

    Examples
    --------
    >>> from orgmodel.model import Organisation, Unit, Post
    >>> org = Organisation(units=[Unit("u", head="chef"), Unit("v", head="vchef")], posts=[
    ...     Post("chef", unit="u"), Post("a", unit="u", reports_to="chef"),
    ...     Post("vchef", unit="v")])
    >>> managers_without_reports(org)
          title unit heads_unit
    post
    vchef  vchef    v          v
    """
    graph = org.reporting
    rows = [
        (u.head, org.post(u.head).title, org.post(u.head).unit, u.id)
        for u in org.iter_units()
        if u.head is not None and u.head in graph and graph.out_degree(u.head) == 0
    ]
    df = pd.DataFrame(rows, columns=["post", "title", "unit", "heads_unit"])
    return df.set_index("post")


def _euler_intervals(graph: nx.DiGraph) -> tuple[dict[str, int], dict[str, int]]:
    """Entry and exit numbers of a depth-first walk of a forest (no recursion).

    ``a`` is an ancestor of (or equal to) ``b`` exactly when
    ``enter[a] <= enter[b]`` and ``leave[b] <= leave[a]``.
    """
    enter: dict[str, int] = {}
    leave: dict[str, int] = {}
    clock = 0
    for root in (n for n in graph.nodes if graph.in_degree(n) == 0):
        for _, v, direction in nx.dfs_labeled_edges(graph, root):
            if direction == "forward":
                enter[v] = clock
                clock += 1
            elif direction == "reverse":
                leave[v] = clock
                clock += 1
    return enter, leave


def cross_unit_reports(org: Organisation) -> pd.DataFrame:
    """Posts whose manager sits outside their own unit and the units above it.

    A post normally reports to a post in its own unit or in a unit above it (the unit's
    ancestry). A manager elsewhere - a sibling unit, a unit further down, another branch -
    is a matrix or dotted line, or a reporting line that was not updated after a move.
    The check compares depth-first entry/exit numbers of the unit hierarchy, so it is one
    pass over the units plus one vectorised comparison over the posts.

    Returns
    -------
    pandas.DataFrame
        Index ``post``; columns ``title``, ``unit``, ``reports_to``, ``manager_unit``,
        in post order.

    Examples
    --------
    >>> from orgmodel.model import Organisation, Unit, Post
    >>> org = Organisation(
    ...     units=[Unit("kommun"), Unit("skola", parent="kommun"), Unit("it", parent="kommun")],
    ...     posts=[Post("kd", unit="kommun"), Post("skolchef", unit="skola", reports_to="kd"),
    ...            Post("itchef", unit="it", reports_to="kd"),
    ...            Post("skol-it", unit="skola", reports_to="itchef")])
    >>> cross_unit_reports(org)
               title   unit reports_to manager_unit
    post
    skol-it  skol-it  skola     itchef           it
    """
    posts = org.posts
    posts = posts[posts["reports_to"].notna()]
    manager_unit = posts["reports_to"].map({p.id: p.unit for p in org.iter_posts()})
    enter, leave = _euler_intervals(org.hierarchy)
    inside = (manager_unit.map(enter) <= posts["unit"].map(enter)) & (
        posts["unit"].map(leave) <= manager_unit.map(leave)
    )
    out = pd.DataFrame(
        {
            "title": posts["title"],
            "unit": posts["unit"],
            "reports_to": posts["reports_to"],
            "manager_unit": manager_unit,
        }
    )[~inside]
    out.index.name = "post"
    return out
