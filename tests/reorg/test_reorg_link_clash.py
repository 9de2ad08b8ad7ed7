"""Operations keep to the link-clash rule: an undirected link and a directed link of the
same kind between the same two ends clash whatever the direction and the ids' order.

The ids put the directed link against alphabetical order (``"x" -> "vn"``, ``"z" -> "c"``),
the case a plain key comparison misses. Weights are added by hand in the comments.
"""

from orgmodel.model import Link, Organisation, Unit
from orgmodel.reorg import AddLink, AttachToBody, MergeUnits


def _org(*links):
    return Organisation(
        units=[
            Unit("top", kind="organisation"),
            Unit("a", parent="top"),
            Unit("b", parent="top"),
            Unit("c", parent="top"),
            Unit("x", parent="top"),
            Unit("vn", kind="political_body"),
        ],
        links=list(links),
    )


def test_add_link_refuses_a_directed_link_against_an_undirected_one():
    org = _org(Link("a", "b"))
    for new in (Link("b", "a", directed=True), Link("a", "b", directed=True)):
        reasons = AddLink(new).check(org)
        assert len(reasons) == 1 and "undirected" in reasons[0], (new, reasons)


def test_add_link_refuses_an_undirected_link_against_a_directed_one():
    org = _org(Link("b", "a", directed=True))
    for new in (Link("a", "b"), Link("b", "a")):
        assert AddLink(new).check(org), new


def test_add_link_accepts_the_reverse_directed_link():
    org = _org(Link("b", "a", directed=True))
    new = AddLink(Link("a", "b", directed=True)).apply(org)
    assert len(new.link_list) == 2 and new.validate().ok


def test_attach_to_body_sees_an_undirected_reports_to_body_link():
    org = _org(Link("vn", "x", kind="reports_to_body"))
    assert AttachToBody("x", "vn").check(org)
    replaced = AttachToBody("x", "vn", replace=True).apply(org)
    assert replaced.link_list == (Link("x", "vn", kind="reports_to_body", directed=True),)
    assert replaced.validate().ok


def test_merge_folds_a_directed_link_into_the_clashing_undirected_one():
    # a -> c (2) and b - c (3): merging a and b into z gives z -> c and z - c, which clash;
    # they become one undirected z - c link of weight 2 + 3 = 5.
    org = _org(Link("a", "c", weight=2, directed=True), Link("b", "c", weight=3))
    merged = MergeUnits(("a", "b"), into="z").apply(org)
    (link,) = merged.link_list
    assert not link.directed and {link.source, link.target} == {"z", "c"}
    assert link.weight == 5
    assert merged.validate().ok


def test_merge_folds_both_directions_and_keeps_the_undirected_link_when_it_comes_later():
    # c -> a (1), a -> c (4) and b - c (10) merged into m: 1 + 4 + 10 = 15, undirected.
    org = _org(
        Link("c", "a", weight=1, directed=True),
        Link("a", "c", weight=4, directed=True),
        Link("b", "c", weight=10),
    )
    merged = MergeUnits(("a", "b"), into="m").apply(org)
    (link,) = merged.link_list
    assert not link.directed and {link.source, link.target} == {"m", "c"}
    assert link.weight == 15


def test_merge_keeps_opposite_directed_links_apart():
    # a -> c (2) and c -> b (3) become m -> c (2) and c -> m (3): no clash, both kept.
    org = _org(Link("a", "c", weight=2, directed=True), Link("c", "b", weight=3, directed=True))
    merged = MergeUnits(("a", "b"), into="m").apply(org)
    got = {(k.source, k.target, k.weight) for k in merged.link_list}
    assert got == {("m", "c", 2.0), ("c", "m", 3.0)}
