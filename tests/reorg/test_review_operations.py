"""Edge cases of the operations found in review; each organisation is small enough to work
out the expected result by hand."""

import numpy as np
import pytest

from orgmodel.errors import OperationError
from orgmodel.model import Competence, Link, Organisation, Post, Unit
from orgmodel.reorg import (
    AddLink,
    AddPost,
    ChangePost,
    MergeUnits,
    Part,
    ReallocateFTE,
    RemoveLink,
    SplitUnit,
)

NAN = float("nan")


@pytest.fixture
def parent_and_child():
    # P (top) with child C and grandchild G; Q is another top unit
    return Organisation(
        units=[Unit("P"), Unit("C", parent="P"), Unit("G", parent="C"), Unit("Q")],
        posts=[Post("p", unit="P"), Post("c", unit="C"), Post("g", unit="G")],
    )


@pytest.mark.parametrize("order", [("P", "C"), ("C", "P")])
def test_merging_a_parent_and_its_child_into_a_new_unit_does_not_depend_on_order(
    parent_and_child, order
):
    op = MergeUnits(order, into="N", name="New")
    assert op.check(parent_and_child) == []
    new = op.apply(parent_and_child)
    # by hand: N replaces both; P was a top unit, so N is one too; G (C's child) hangs under N
    assert new.unit("N").parent is None
    assert new.unit("G").parent == "N"
    assert sorted(new.posts_in("N")) == ["c", "p"]
    assert new.validate().ok


@pytest.mark.parametrize("order", [("P", "G"), ("G", "P")])
def test_merging_a_unit_and_its_grandparent_into_a_new_unit_does_not_depend_on_order(
    parent_and_child, order
):
    # G's parent C stays but lies inside P, which goes: the default parent is P's parent
    op = MergeUnits(order, into="N")
    assert op.check(parent_and_child) == []
    new = op.apply(parent_and_child)
    assert new.unit("N").parent is None
    assert new.unit("C").parent == "N"  # C was under P
    assert sorted(new.posts_in("N")) == ["g", "p"]
    assert new.validate().ok


def test_merge_still_refuses_an_explicit_parent_that_is_merged_away(parent_and_child):
    reasons = MergeUnits(("P", "C"), into="N", parent="C").check(parent_and_child)
    assert reasons == [
        "into: 'C' lies inside 'C', which is merged away; merge into the upper unit instead"
    ]


@pytest.mark.parametrize(
    "op",
    [
        ChangePost("p", fte_budgeted=NAN),
        ChangePost("p", cost=NAN),
        ReallocateFTE("p", "c", NAN),
        AddPost(Post("z", unit="P", cost=NAN)),
        AddPost(Post("z", unit="P", fte_budgeted=NAN)),
        AddLink(Link("p", "c", weight=NAN)),
    ],
    ids=["change-fte", "change-cost", "reallocate", "add-cost", "add-fte", "link-weight"],
)
def test_nan_is_not_a_number_to_operations(parent_and_child, op):
    # NaN < 0 and NaN <= 0 are both False, so a plain comparison let it through and the
    # result failed validation (not_a_number)
    assert op.check(parent_and_child), "NaN was accepted"
    with pytest.raises(OperationError):
        op.apply(parent_and_child)


def test_a_rule_on_a_missing_attribute_matches_nothing():
    # str(None) == "None" contains "on"; a post without the attribute must not match
    part = Part("x", rule={"field": "department", "contains": "on"})
    assert not part.matches(Post("p", unit="u"))
    assert part.matches(Post("q", unit="u", attrs={"department": "Region"}))


@pytest.fixture
def with_catalogue():
    return Organisation(
        [Unit("A")],
        [Post("a", unit="A", competences=("law",))],
        competences=[Competence("law"), Competence("it")],
    )


@pytest.mark.parametrize(
    "op",
    [
        ChangePost("a", competences=("law", "planning")),
        AddPost(Post("b", unit="A", competences=("planning",))),
    ],
    ids=["change", "add"],
)
def test_unknown_competence_is_refused_when_the_organisation_has_a_catalogue(with_catalogue, op):
    reasons = op.check(with_catalogue)
    assert any("planning" in r for r in reasons), reasons


def test_known_competence_and_no_catalogue_are_accepted(with_catalogue):
    assert ChangePost("a", competences=("law", "it")).check(with_catalogue) == []
    no_catalogue = Organisation([Unit("A")], [Post("a", unit="A")])
    assert ChangePost("a", competences=("anything",)).check(no_catalogue) == []


def test_split_keeps_a_head_that_sits_outside_the_unit():
    # A is led by post h of unit B (a warning, allowed); splitting a1 off A moves nothing of h
    org = Organisation(
        [Unit("A", head="h"), Unit("B")],
        [
            Post("h", unit="B"),
            Post("a1", unit="A", reports_to="h"),
            Post("a2", unit="A", reports_to="h"),
        ],
    )
    new = SplitUnit("A", (Part("A1", posts=("a1",)),)).apply(org)
    assert new.unit("A").head == "h"
    assert new.unit("A1").head is None


def test_remove_link_removes_one_link_not_a_directed_and_an_undirected_one():
    # b -> a (directed) and a - b (undirected) are two different links; they clash, so
    # validation refuses the pair, but an organisation read without checks may hold it
    org = Organisation(
        [Unit("a"), Unit("b")],
        links=[Link("b", "a", directed=True), Link("a", "b")],
        validate=False,
    )
    new = RemoveLink("b", "a").apply(org)
    assert [k.directed for k in new.link_list] == [False]  # the exact match b -> a went
    new2 = RemoveLink("a", "b").apply(org)
    assert [k.directed for k in new2.link_list] == [True]  # the exact match a - b went
    # with no exact match, an undirected link is still found in either order
    only_undirected = Organisation([Unit("a"), Unit("b")], links=[Link("a", "b")])
    assert RemoveLink("b", "a").apply(only_undirected).link_list == ()


def test_numpy_numbers_are_numbers_to_operations(parent_and_child):
    # a value read from a DataFrame cell is a numpy scalar
    op = ChangePost("p", fte_budgeted=np.int64(2), cost=np.float64(1000.0))
    assert op.check(parent_and_child) == []
    post = op.apply(parent_and_child).post("p")
    assert (post.fte_budgeted, post.cost) == (2.0, 1000.0)
    assert ReallocateFTE("p", "c", np.float64(0.5)).check(parent_and_child) == []


@pytest.mark.parametrize("pid", ["", "  ", None])
def test_add_post_refuses_an_empty_id(parent_and_child, pid):
    # the result had a post without an id, which validation refuses (missing_value)
    assert AddPost(Post(pid, unit="P")).check(parent_and_child) == [
        "post: a new post needs a non-empty id"
    ]
