"""Betweenness modes (exact / sampled / auto), backends, and tie tables on larger models.

The tie tables (unit_ties, ei_index) are computed from the link table without building
the collaboration graph; here they are checked against a count made edge by edge on the
graph itself. The sampled betweenness is networkx's estimate from k source nodes; the
tests check which mode is chosen and that the figures are networkx's for that choice.
"""

from __future__ import annotations

import inspect
from collections import Counter, defaultdict

import networkx as nx
import pandas as pd
import pytest

import orgmodel.analysis.network as network
from orgmodel.analysis.network import (
    DEFAULT_SAMPLED_SOURCES,
    EXACT_BETWEENNESS_MAX_NODES,
    centrality,
    collaboration_graph,
    ei_index,
    sampled_betweenness_k,
    unit_groups,
    unit_ties,
)
from orgmodel.datasets.synthetic import synthetic_organisation
from orgmodel.model import Link, Organisation, Person, Post, Unit
from orgmodel.model.entities import Holding


def path_org(n: int) -> Organisation:
    """Posts p0 - p1 - ... - p(n-1) in a line, one unit."""
    return Organisation(
        units=[Unit("u")],
        posts=[Post(f"p{i}", unit="u") for i in range(n)],
        links=[Link(f"p{i}", f"p{i + 1}") for i in range(n - 1)],
    )


# ---- the rule ----------------------------------------------------------------------------
def test_auto_rule_threshold_and_default_sample():
    assert sampled_betweenness_k(EXACT_BETWEENNESS_MAX_NODES) is None
    assert sampled_betweenness_k(EXACT_BETWEENNESS_MAX_NODES + 1) == DEFAULT_SAMPLED_SOURCES
    assert sampled_betweenness_k(10, k=3) == 3
    assert sampled_betweenness_k(10, k=10) is None  # every node a source: exact


def test_small_graph_is_exact_by_default():
    # a path of 5: the middle post lies on 4 of the C(4, 2) = 6 pairs of the others (by hand)
    c = centrality(path_org(5))
    assert c.attrs["betweenness"] == "exact"
    assert c.loc["p2", "betweenness"] == pytest.approx(4 / 6)
    assert c.loc["p1", "betweenness"] == pytest.approx(3 / 6)
    pd.testing.assert_frame_equal(c, centrality(path_org(5), betweenness="exact"))
    pd.testing.assert_frame_equal(c, centrality(path_org(5), betweenness=True))


def test_auto_samples_above_the_threshold(monkeypatch):
    monkeypatch.setattr(network, "EXACT_BETWEENNESS_MAX_NODES", 6)
    monkeypatch.setattr(network, "DEFAULT_SAMPLED_SOURCES", 4)
    org = path_org(9)
    c = centrality(org, seed=3)
    assert c.attrs["betweenness"] == "sampled: k=4, seed=3"
    graph = collaboration_graph(org, "post")
    expected = nx.betweenness_centrality(graph, k=4, seed=3, normalized=True)
    assert c["betweenness"].to_dict() == pytest.approx(expected)
    # reproducible with a seed; exact still on request
    pd.testing.assert_frame_equal(c, centrality(org, seed=3))
    assert centrality(org, betweenness="exact").attrs["betweenness"] == "exact"
    # a given k samples at any size; "sampled" without k takes the default
    assert centrality(path_org(5), k=2).attrs["betweenness"] == "sampled: k=2, seed=0"
    assert centrality(org, betweenness="sampled").attrs["betweenness"] == "sampled: k=4, seed=0"


def test_betweenness_off():
    c = centrality(path_org(4), betweenness=False)
    assert c["betweenness"].isna().all()
    assert c.attrs["betweenness"] == "not computed"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"betweenness": "exact", "k": 10}, "uses every node as a source"),
        ({"betweenness": "sampeld"}, "did you mean 'sampled'"),
        ({"k": 0}, "k must be a whole number"),
        ({"k": 2.5}, "k must be a whole number"),
    ],
)
def test_bad_betweenness_options_are_refused(options, message):
    with pytest.raises(ValueError, match=message):
        centrality(path_org(4), **options)


# ---- backends ----------------------------------------------------------------------------
def test_backend_default_is_none_and_networkx_gives_the_same():
    assert inspect.signature(centrality).parameters["backend"].default is None
    pd.testing.assert_frame_equal(
        centrality(path_org(6)), centrality(path_org(6), backend="networkx")
    )


def test_unknown_backend_is_named_with_the_installed_ones():
    with pytest.raises(ImportError, match=r"'nosuch' is not installed \(installed: networkx"):
        centrality(path_org(4), backend="nosuch")


def test_missing_parallel_backend_says_what_to_install():
    from networkx.utils.backends import backends

    if "parallel" in backends:
        pytest.skip("nx-parallel is installed here")
    with pytest.raises(ImportError, match="pip install nx-parallel"):
        centrality(path_org(4), backend="parallel")


# ---- tie tables without the graph --------------------------------------------------------
def ties_edge_by_edge(org: Organisation, level: str, group_by) -> tuple[dict, dict, dict]:
    """internal ties, external ties and partner groups per group, from the graph's edges."""
    graph = collaboration_graph(org, level)
    groups = unit_groups(org, group_by).to_dict()
    group = {n: groups.get(u) for n, u in graph.nodes(data="unit")}
    internal: Counter = Counter()
    external: Counter = Counter()
    partners = defaultdict(set)
    for u, v in graph.edges():
        gu, gv = group[u], group[v]
        if gu is None or gv is None:
            continue
        if gu == gv:
            internal[gu] += 1
        else:
            external[gu] += 1
            external[gv] += 1
            partners[gu].add(gv)
            partners[gv].add(gu)
    return internal, external, {g: len(p) for g, p in partners.items()}


@pytest.mark.parametrize(("level", "group_by"), [("post", "unit"), ("unit", 1), ("post", 2)])
def test_unit_ties_agree_with_the_graph(level, group_by):
    org = synthetic_organisation(2000, seed=5, links_per_post=1.5)
    internal, external, partners = ties_edge_by_edge(org, level, group_by)
    table = unit_ties(org, level, group_by)
    for g in table.index:
        assert table.loc[g, "internal_ties"] == internal.get(g, 0), g
        assert table.loc[g, "external_ties"] == external.get(g, 0), g
        assert table.loc[g, "partners"] == partners.get(g, 0), g
    e, i = sum(external.values()) / 2, sum(internal.values())
    assert ei_index(org, level, group_by) == pytest.approx((e - i) / (e + i))


def test_unit_ties_with_people_and_unit_ends():
    # a person holding two posts splits a link over both; a unit end stays a node; a
    # person with no post is a node without a unit at post level (and not counted)
    org = Organisation(
        units=[Unit("k"), Unit("a", parent="k"), Unit("b", parent="k")],
        posts=[Post("pa", unit="a"), Post("pb", unit="b"), Post("pa2", unit="a")],
        people=[Person("anna"), Person("olle")],
        holdings=[Holding("anna", "pa", share=0.5), Holding("anna", "pb", share=0.5)],
        links=[Link("anna", "pa2"), Link("pb", "a"), Link("olle", "pa")],
    )
    internal, external, _ = ties_edge_by_edge(org, "post", "unit")
    table = unit_ties(org, "post", "unit")
    assert table["internal_ties"].to_dict() == {g: internal.get(g, 0) for g in table.index}
    assert table["external_ties"].to_dict() == {g: external.get(g, 0) for g in table.index}
    # by hand: anna-pa2 lifts to pa-pa2 (inside a) and pb-pa2 (a-b); pb-a is b-a; olle has
    # no unit. Inside a: 1; a: 2 across, b: 2 across; k: none. Nodes: a = pa, pa2 and the
    # unit node a; b = pb.
    assert table.loc[["a", "b", "k"], "internal_ties"].tolist() == [1, 0, 0]
    assert table.loc[["a", "b", "k"], "external_ties"].tolist() == [2, 2, 0]
    assert table.loc[["a", "b", "k"], "nodes"].tolist() == [3, 1, 0]
