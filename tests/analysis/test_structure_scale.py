"""The array walk of the reporting lines agrees with a walk up each post's chain.

span_of_control, post_layers, layers and unit_depth walk the forest of reporting lines
(or units) level by level with numpy and fall back to networkx when the lines do not form
a forest. The expected values here come from following each post's ``reports_to`` chain
to the top, one step at a time (the definition of a layer) and from counting, for every
post, the posts whose chain passes through it (the definition of total reports).
"""

from __future__ import annotations

import random

import networkx as nx
import pandas as pd
import pytest

from orgmodel.analysis.structure import layers, post_layers, span_of_control, unit_depth
from orgmodel.datasets.synthetic import synthetic_organisation
from orgmodel.model import Organisation, Post, Unit


def chain_up(parent: dict[str, str | None], node: str) -> list[str]:
    """The nodes above ``node``, nearest first."""
    out = []
    while parent[node] is not None:
        node = parent[node]
        out.append(node)
    return out


def by_definition(org: Organisation) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """layer, direct reports and total reports of every post, from the chains."""
    parent = {p.id: p.reports_to for p in org.iter_posts()}
    layer = {p: len(chain_up(parent, p)) + 1 for p in parent}
    direct = {p: 0 for p in parent}
    total = {p: 0 for p in parent}
    for p in parent:
        if parent[p] is not None:
            direct[parent[p]] += 1
        for above in chain_up(parent, p):
            total[above] += 1
    return layer, direct, total


def random_forest(n: int, seed: int) -> Organisation:
    """Posts in shuffled order, each reporting to an earlier post (or to no one)."""
    rng = random.Random(seed)
    order = [f"p{i}" for i in range(n)]
    parent = {order[0]: None}
    for i in range(1, n):
        parent[order[i]] = None if rng.random() < 0.05 else order[rng.randrange(i)]
    shuffled = order[:]
    rng.shuffle(shuffled)
    return Organisation(
        units=[Unit("u")], posts=[Post(p, unit="u", reports_to=parent[p]) for p in shuffled]
    )


@pytest.mark.parametrize(
    "org",
    [
        synthetic_organisation(3000, seed=4),
        random_forest(400, seed=1),
        random_forest(400, seed=2),
    ],
    ids=["synthetic-3000", "random-forest-1", "random-forest-2"],
)
def test_array_walk_agrees_with_chains(org):
    layer, direct, total = by_definition(org)
    assert post_layers(org).to_dict() == layer
    assert list(post_layers(org).index) == list(org.post_map)  # post order
    assert layers(org) == max(layer.values())
    spans = span_of_control(org)
    managers = [p for p in org.post_map if direct[p] > 0]
    assert sorted(spans.index) == sorted(managers)
    assert spans["direct_reports"].to_dict() == {m: direct[m] for m in managers}
    assert spans["total_reports"].to_dict() == {m: total[m] for m in managers}
    assert spans["layer"].to_dict() == {m: layer[m] for m in managers}
    # sorted by direct, total (descending), then layer and post order (ascending)
    position = {p: i for i, p in enumerate(org.post_map)}
    keys = [(-direct[m], -total[m], layer[m], position[m]) for m in spans.index]
    assert keys == sorted(keys)


def test_unit_depth_agrees_with_chains():
    org = synthetic_organisation(3000, seed=4)
    parent = {u.id: u.parent for u in org.iter_units()}
    assert unit_depth(org).to_dict() == {u: len(chain_up(parent, u)) for u in parent}


def test_a_deep_chain_takes_the_networkx_path():
    # 1,500 posts in one line: deeper than the array walk's 1,000 levels, so networkx
    # walks it; layer i + 1 for post i, each manager has 1 direct and n - 1 - i total
    n = 1500
    org = Organisation(
        units=[Unit("u")],
        posts=[Post(f"p{i}", unit="u", reports_to=f"p{i - 1}" if i else None) for i in range(n)],
    )
    assert layers(org) == n
    assert post_layers(org).iloc[-1] == n
    spans = span_of_control(org)
    assert spans.loc["p0", ["direct_reports", "total_reports", "layer"]].tolist() == [1, n - 1, 1]
    assert len(spans) == n - 1


def test_lines_that_are_not_a_forest_behave_as_with_networkx():
    # without validation a line can point at an unknown post or go round in a circle:
    # the unknown manager becomes a node of the reporting graph (layer 1) ...
    org = Organisation(
        units=[Unit("u")],
        posts=[Post("a", unit="u", reports_to="ghost"), Post("b", unit="u", reports_to="a")],
        validate=False,
    )
    assert post_layers(org).to_dict() == {"a": 2, "b": 3, "ghost": 1}
    # ... and a cycle has no layers, as networkx says
    looped = Organisation(
        units=[Unit("u")],
        posts=[Post("a", unit="u", reports_to="b"), Post("b", unit="u", reports_to="a")],
        validate=False,
    )
    with pytest.raises(nx.NetworkXUnfeasible):
        post_layers(looped)


def test_span_of_control_columns_and_dtypes_unchanged():
    # the small example of the span_of_control docstring, worked by hand
    org = Organisation(
        units=[Unit("u")],
        posts=[
            Post("chef", unit="u", title="Chef"),
            Post("a", unit="u", reports_to="chef"),
            Post("b", unit="u", reports_to="a"),
            Post("c", unit="u", reports_to="a"),
        ],
    )
    expected = pd.DataFrame(
        {
            "title": ["a", "Chef"],
            "unit": ["u", "u"],
            "direct_reports": [2, 1],
            "total_reports": [2, 3],
            "layer": [2, 1],
        },
        index=pd.Index(["a", "chef"], name="post", dtype=object),
    ).astype({"direct_reports": "int64", "total_reports": "int64", "layer": "int64"})
    pd.testing.assert_frame_equal(span_of_control(org), expected, check_dtype=False)
    assert (
        span_of_control(org).dtypes[["direct_reports", "total_reports", "layer"]].tolist()
        == ["int64"] * 3
    )
