"""An undirected link clashes with a directed one of the same kind in either direction.

The expected codes follow from the rule in :func:`orgmodel.model.validate.links_clash`:
same kind, same two ends, and either the same key or one undirected and one directed.
The ids are chosen so that the directed link runs against alphabetical order
(``"b" -> "a"``), the case a key comparison alone misses.
"""

import pytest
from hypothesis import given, settings

from orgmodel.errors import ValidationError
from orgmodel.model import Link, Organisation, Unit, check
from orgmodel.model.validate import links_clash
from orgmodel.testing import organisations

UNITS = [Unit("a"), Unit("b")]


@pytest.mark.parametrize(
    "links",
    [
        [Link("a", "b", directed=True), Link("a", "b")],
        [Link("b", "a", directed=True), Link("a", "b")],
        [Link("a", "b"), Link("b", "a", directed=True)],
        [Link("b", "a"), Link("a", "b", directed=True)],
        [Link("b", "a"), Link("b", "a", directed=True)],
    ],
    ids=["ab->_ab", "ba->_ab", "ab_ba->", "ba_ab->", "ba_ba->"],
)
def test_undirected_and_directed_link_clash_in_either_direction(links):
    report = check(UNITS, links=links)
    assert report.codes("error") == ["duplicate_link"]
    # the second link is the one reported, named by its own id
    (problem,) = report.errors
    second = links[1]
    assert problem.table == "links"
    assert problem.id == f"collaboration:{second.source}->{second.target}"
    with pytest.raises(ValidationError, match="duplicate_link"):
        Organisation(UNITS, links=links)


def test_opposite_directed_links_and_other_kinds_do_not_clash():
    links = [
        Link("a", "b", directed=True),
        Link("b", "a", directed=True),  # the reverse direction: a second, separate tie
        Link("a", "b", kind="commissions"),  # undirected, but another kind
    ]
    assert check(UNITS, links=links).codes("error") == []


def test_links_clash_is_symmetric_and_independent_of_order():
    undirected = Link("a", "b")
    for directed in (Link("a", "b", directed=True), Link("b", "a", directed=True)):
        assert links_clash(undirected, directed) and links_clash(directed, undirected)
    assert not links_clash(Link("a", "b", directed=True), Link("b", "a", directed=True))
    assert not links_clash(Link("a", "b"), Link("b", "a", directed=True, kind="commissions"))
    assert links_clash(Link("b", "a"), Link("a", "b"))


@settings(max_examples=40, deadline=None)
@given(organisations())
def test_generated_organisations_have_no_clashing_links(org):
    links = org.link_list
    for i, a in enumerate(links):
        for b in links[i + 1 :]:
            assert not links_clash(a, b), (a, b)
    assert "duplicate_link" not in org.validate().codes()


def test_assert_organisations_equal_ignores_the_end_order_of_undirected_links():
    from orgmodel.testing import assert_organisations_equal

    first = Organisation(UNITS, links=[Link("b", "a", weight=2)])
    second = Organisation(UNITS, links=[Link("a", "b", weight=2)])
    assert first == second
    assert_organisations_equal(first, second)
    # a directed link is not the same as an undirected one with the same ends
    directed = Organisation(UNITS, links=[Link("a", "b", weight=2, directed=True)])
    with pytest.raises(AssertionError, match="directed"):
        assert_organisations_equal(first, directed)
    # nor is the reverse directed link
    reverse = Organisation(UNITS, links=[Link("b", "a", weight=2, directed=True)])
    with pytest.raises(AssertionError, match="only in"):
        assert_organisations_equal(directed, reverse)
