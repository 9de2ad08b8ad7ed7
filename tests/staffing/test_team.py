"""staff() on small hand-worked organisations: coverage, fewest units, capacity, ties.

Every expected team below is worked out by hand in the comments, from the definitions in
orgmodel/staffing/team.py: capacity = working FTE - load (arena work); the objective is
lexicographic: (1) least uncovered share, (2) fewest units, (3) least utilisation
sum((load + assigned) / working) over the members.
"""

from __future__ import annotations

import pytest

from orgmodel.errors import UnknownIdError
from orgmodel.model import Holding, Link, Organisation, Person, Post, Unit
from orgmodel.staffing import Need, Requirement, candidates, evaluate, staff


def need(*reqs: tuple[str, float], **prefs) -> Need:
    return Need("n", "Need", requirements=tuple(Requirement(c, f) for c, f in reqs), **prefs)


@pytest.fixture
def set_cover_org() -> Organisation:
    # The classic case where "take the unit that covers most first" is wrong:
    # U1 has a, b, c, d; U2 has a, b, e; U3 has c, d, f. Greedy takes U1 (4 competences),
    # then still needs e (U2) and f (U3): 3 units. U2 + U3 cover all six: 2 units.
    return Organisation(
        [Unit("k"), Unit("u1", parent="k"), Unit("u2", parent="k"), Unit("u3", parent="k")],
        [
            Post("p1", unit="u1", fte_budgeted=1, competences=("a", "b", "c", "d")),
            Post("p2", unit="u2", fte_budgeted=1, competences=("a", "b", "e")),
            Post("p3", unit="u3", fte_budgeted=1, competences=("c", "d", "f")),
        ],
    )


def test_fewest_units_beats_greedy(set_cover_org):
    n = need(*[(c, 0.1) for c in "abcdef"])
    result = staff(set_cover_org, n)
    assert set(result.members.index) == {"p2", "p3"}
    assert result.units_spanned == 2
    assert result.uncovered.empty
    # every requirement gets its 0.1 FTE: p2 a, b, e (0.3) and p3 c, d, f (0.3)
    assert result.coverage["assigned_fte"].tolist() == pytest.approx([0.1] * 6)
    assert result.members["fte"].to_dict() == pytest.approx({"p2": 0.3, "p3": 0.3})


@pytest.fixture
def capacity_org() -> Organisation:
    # p (u1, 1 FTE), r (u1, 0.25 FTE) and q (u2, 2 FTE of which 1.2 already in an arena)
    # all have competence a.
    return Organisation(
        [Unit("k"), Unit("u1", parent="k"), Unit("u2", parent="k"), Unit("arena-x", kind="arena")],
        [
            Post("p", unit="u1", fte_budgeted=1, competences=("a",)),
            Post("r", unit="u1", fte_budgeted=0.25, competences=("a",)),
            Post("q", unit="u2", fte_budgeted=2, competences=("a",)),
        ],
        links=[Link("q", "arena-x", kind="member_of", directed=True, attrs={"fte": 1.2})],
    )


def test_capacity_counts_arena_load(capacity_org):
    cands = candidates(capacity_org)
    # q: working 2, load 1.2 (the link's fte), capacity 2 - 1.2 = 0.8
    assert cands.loc["q", ["working_fte", "load_fte", "capacity_fte"]].tolist() == pytest.approx(
        [2.0, 1.2, 0.8]
    )
    # a link without fte counts DEFAULT_ARENA_LOAD = 0.1; half lendable: 0.5 * 2 - 0.1 = 0.9
    org = capacity_org.evolve(links=[Link("q", "arena-x", kind="member_of", directed=True)])
    assert candidates(org, lendable_share=0.5).loc["q", "capacity_fte"] == pytest.approx(0.9)


def test_capacity_limits_force_a_second_unit(capacity_org):
    # Need 1.5 FTE of a. u1 alone has p + r = 1.25 < 1.5, u2 alone 0.8 < 1.5: 2 units.
    # Utilisation: p costs 1/1 per FTE; q costs 1.2/2 = 0.6 once plus 1/2 per FTE; r 1/0.25.
    # So q is filled to its capacity 0.8 first and p takes the remaining 0.7; r stays out.
    # Load = 0.7/1 + (1.2 + 0.8)/2 = 0.7 + 1.0 = 1.7 (p 1.0 + q 0.5 would be 1.85).
    result = staff(capacity_org, need(("a", 1.5)))
    assert result.units_spanned == 2
    assert result.members["fte"].to_dict() == pytest.approx({"p": 0.7, "q": 0.8})
    assert result.best.load == pytest.approx(1.7)
    assert result.uncovered.empty


def test_not_enough_capacity_is_reported(capacity_org):
    # 3 FTE asked; everybody together has 1 + 0.25 + 0.8 = 2.05: 0.95 short.
    result = staff(capacity_org, need(("a", 3.0)))
    assert result.coverage.loc["a", "assigned_fte"] == pytest.approx(2.05)
    assert result.uncovered.loc["a", "shortfall_fte"] == pytest.approx(0.95)
    assert result.uncovered.loc["a", "reason"] == "not enough free capacity"
    assert not result.coverage.loc["a", "covered"]


def test_competence_nobody_has_is_uncovered_rest_staffed(set_cover_org):
    result = staff(set_cover_org, need(("e", 0.1), ("z", 0.2)))
    assert list(result.members.index) == ["p2"]
    assert result.uncovered.loc["z", "reason"] == "no post or person has it"
    assert result.uncovered.loc["z", "shortfall_fte"] == pytest.approx(0.2)
    assert result.coverage["covered"].to_dict() == {"e": True, "z": False}


def test_max_units_is_a_hard_limit(set_cover_org):
    # e is only in u2 and f only in u3; with at most one unit one of them stays uncovered.
    # Both leave 100 % of one requirement uncovered (tie), both use 1 unit (tie); then the
    # load decides: e asks 0.1 FTE of p2 (0.1/1) and f 0.2 FTE of p3 (0.2/1): e is covered.
    result = staff(set_cover_org, need(("e", 0.1), ("f", 0.2), max_units=1))
    assert list(result.members.index) == ["p2"]
    assert list(result.uncovered.index) == ["f"]
    assert result.uncovered.loc["f", "reason"] == "not enough free capacity within max_units=1"


def test_load_breaks_ties_between_equal_unit_counts():
    # a in u1 (1 FTE post) or u2 (2 FTE post): one unit either way; 0.1/2 < 0.1/1 -> big.
    org = Organisation(
        [Unit("u1"), Unit("u2")],
        [
            Post("small", unit="u1", competences=("a",)),
            Post("big", unit="u2", fte_budgeted=2, competences=("a",)),
        ],
    )
    result = staff(org, need(("a", 0.1)), alternatives=3)
    assert list(result.members.index) == ["big"]
    # the next-best distinct team drops 'big': 'small'; no third team covers anything
    assert result.alternatives["member_ids"].tolist() == ["big", "small"]
    assert result.alternatives["load"].tolist() == pytest.approx([0.05, 0.1])


def test_exact_ties_are_broken_reproducibly_by_the_seed():
    # two identical posts in one unit: any of them is optimal; the seed decides, always alike
    org = Organisation(
        [Unit("u")],
        [Post("x", unit="u", competences=("a",)), Post("y", unit="u", competences=("a",))],
    )
    n = need(("a", 0.1))
    picks = [tuple(staff(org, n, seed=s).members.index) for s in range(12)]
    assert picks == [tuple(staff(org, n, seed=s).members.index) for s in range(12)]
    assert set(picks) == {("x",), ("y",)}  # both optimal teams occur over twelve seeds


def test_same_main_mission_preference_comes_before_units():
    # Main missions (depth 1) m1 and m2. a is in m1/u1 (1 FTE) and in m2/u3 (10 FTE);
    # b only in m1/u2. Fewest units: 2 either way ({u1, u2} or {u3, u2}).
    org = Organisation(
        [Unit("k"), Unit("m1", parent="k"), Unit("m2", parent="k"),
         Unit("u1", parent="m1"), Unit("u2", parent="m1"), Unit("u3", parent="m2")],
        [Post("p1", unit="u1", competences=("a",)), Post("p2", unit="u2", competences=("b",)),
         Post("p3", unit="u3", fte_budgeted=10, competences=("a",))],
    )  # fmt: skip
    # without the preference the load decides: p3 costs 0.1/10, p1 0.1/1 -> p3 + p2,
    # spanning m1 and m2
    plain = staff(org, need(("a", 0.1), ("b", 0.1)))
    assert set(plain.members.index) == {"p3", "p2"}
    assert plain.missions_spanned == 2
    # with it, missions count before units and load: p1 + p2, one mission (m1)
    together = staff(org, need(("a", 0.1), ("b", 0.1), same_main_mission=True))
    assert set(together.members.index) == {"p1", "p2"}
    assert together.missions_spanned == 1


def test_coordinator_is_in_the_mission_carrying_most_work():
    # m1 carries x 0.2 + y 0.25 = 0.45 FTE, m2 carries z 0.3: the coordinator is in m1 and
    # is y (0.25 > 0.2) although z carries the most of any single member.
    org = Organisation(
        [Unit("k"), Unit("m1", parent="k"), Unit("m2", parent="k"),
         Unit("u1", parent="m1"), Unit("u2", parent="m1")],
        [Post("x", unit="u1", competences=("a",)), Post("y", unit="u2", competences=("b",)),
         Post("z", unit="m2", competences=("c",))],
    )  # fmt: skip
    result = staff(org, need(("a", 0.2), ("b", 0.25), ("c", 0.3)))
    assert result.coordinator == "y"
    assert result.members["coordinator"].to_dict() == {"x": False, "y": True, "z": False}
    assert result.members["main_mission"].to_dict() == {"x": "m1", "y": "m1", "z": "m2"}


def test_people_are_members_with_their_posts_competences():
    # anna holds half of the 1-FTE kurator post: she is a candidate (working 0.5, her own
    # competence krisstod plus the post's socialt-arbete); the post keeps 1 - 0.5 = 0.5
    # unheld FTE as a candidate of its own. Her arena link (fte 0.1) leaves her 0.4.
    org = Organisation(
        [Unit("u"), Unit("arena", kind="arena")],
        [Post("kurator", unit="u", competences=("socialt-arbete",))],
        [Person("anna", "Anna", competences=("krisstod",))],
        [Holding("anna", "kurator", 0.5)],
        links=[Link("anna", "arena", kind="member_of", directed=True, attrs={"fte": 0.1})],
    )
    cands = candidates(org)
    assert cands.loc["anna", "competences"] == ("krisstod", "socialt-arbete")
    assert cands.loc["anna", "capacity_fte"] == pytest.approx(0.4)
    assert cands.loc["kurator", "capacity_fte"] == pytest.approx(0.5)
    result = staff(org, need(("krisstod", 0.1)))
    assert list(result.members.index) == ["anna"]
    assert result.members.loc["anna", "kind"] == "person"


def test_external_requirement_left_to_its_party_or_staffed():
    org = Organisation([Unit("u"), Unit("region", kind="external")],
                       [Post("nurse", unit="u", competences=("halsa",))])  # fmt: skip
    req = (Requirement("halsa", 0.1, external="region"),)
    allowed = staff(org, Need("n", requirements=req))
    assert allowed.members.empty
    assert allowed.coverage.loc["halsa@region", "provided_by"] == ("region",)
    assert allowed.best.external_parties == ("region",)
    inside = staff(org, Need("n", requirements=req, external_partners=False))
    assert list(inside.members.index) == ["nurse"]


def test_evaluate_a_hand_made_team(set_cover_org):
    # p1 (a, b, c, d) and p2 (a, b, e) for a..f: f has nobody in the team
    team = evaluate(set_cover_org, need(*[(c, 0.1) for c in "abcdef"]), ["p1", "p2"])
    assert list(team.uncovered.index) == ["f"]
    assert team.uncovered.loc["f", "reason"] == "no member has it"
    assert team.units == ("u1", "u2")
    with pytest.raises(UnknownIdError, match="did you mean 'p1'"):
        evaluate(set_cover_org, need(("a", 0.1)), ["p11"])


def test_excluded_members_are_never_chosen(set_cover_org):
    result = staff(set_cover_org, need(("a", 0.1)), exclude=["p1", "p2"])
    assert list(result.uncovered.index) == ["a"]
