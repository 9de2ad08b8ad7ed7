"""Ties between people in diffs and key figures: a person belongs to the unit of their first
post. Worked by hand on a four-unit model; a larger model checks that the one-pass lookup
gives the same homes as following each person's holdings."""

from __future__ import annotations

from orgmodel.model import Link, Organisation, Person, Post, Unit
from orgmodel.model.entities import Holding
from orgmodel.reorg import MovePost, diff, key_figures


def people_org() -> Organisation:
    return Organisation(
        units=[Unit("k"), Unit("a", parent="k"), Unit("b", parent="k"), Unit("c", parent="k")],
        posts=[Post("pa", unit="a"), Post("pb", unit="b"), Post("pc", unit="c")],
        people=[Person("anna"), Person("bo"), Person("cia")],
        holdings=[
            Holding("anna", "pa"),
            Holding("bo", "pb", share=0.5),  # bo's first post: pb, so bo belongs to b
            Holding("bo", "pc", share=0.5),
        ],
        links=[Link("anna", "bo"), Link("anna", "cia"), Link("bo", "pc")],
    )


def test_people_ties_by_hand():
    before = people_org()
    # anna (a) - bo (b): across; anna - cia: cia holds no post, left out; bo (b) - pc (c):
    # across. 2 ties, none inside a depth-1 unit.
    figures = key_figures(before)
    assert figures["ties"] == 2
    assert figures["ties_inside_share"] == 0.0
    # pb moves to a, and bo with it: anna - bo now inside a; bo - pc still across
    after = MovePost("pb", "a").apply(before)
    assert key_figures(after)["ties_inside_share"] == 0.5
    ties = diff(before, after).ties
    assert ties.index.tolist() == [("anna", "bo")]
    assert ties[["before", "after"]].values.tolist() == [["across", "inside"]]


def test_many_people_each_in_their_first_posts_unit():
    # 300 people, each holding two posts in different units; a link from each person to
    # the post of their first holding is inside, to the other across: half of 600 inside
    units = [Unit("k")] + [Unit(f"u{i}", parent="k") for i in range(30)]
    posts = [Post(f"p{i}", unit=f"u{i % 30}") for i in range(600)]
    people = [Person(f"h{i}") for i in range(300)]
    holdings = []
    links = []
    for i in range(300):
        first, second = f"p{2 * i}", f"p{2 * i + 1}"  # units u(2i mod 30), u(2i+1 mod 30)
        holdings += [Holding(f"h{i}", first, share=0.5), Holding(f"h{i}", second, share=0.5)]
        links += [Link(f"h{i}", first), Link(f"h{i}", second)]
    org = Organisation(units=units, posts=posts, people=people, holdings=holdings, links=links)
    figures = key_figures(org)
    assert figures["ties"] == 600
    assert figures["ties_inside_share"] == 0.5
