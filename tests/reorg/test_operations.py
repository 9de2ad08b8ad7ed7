"""Each operation on small organisations whose results are worked out by hand."""

import pytest

from orgmodel.errors import OperationError, UnsupportedFormatError
from orgmodel.model import Holding, Link, Organisation, Person, Post, Unit
from orgmodel.reorg import (
    AddLink,
    AddPost,
    AttachToBody,
    ChangePost,
    ChangeReportingLine,
    CreateUnit,
    DissolveUnit,
    MergeUnits,
    MovePost,
    MoveUnit,
    Part,
    ReallocateFTE,
    RemoveLink,
    RemovePost,
    RenameUnit,
    SplitUnit,
    operation_from_dict,
)


@pytest.fixture
def kommun():
    return Organisation(
        units=[
            Unit("k", "Kommun", kind="organisation", head="kd"),
            Unit("soc", "Socialförvaltningen", kind="administration", parent="k", head="socchef"),
            Unit("ifo", "Individ- och familjeomsorg", parent="soc"),
            Unit("bou", "Barn- och utbildning", kind="administration", parent="k", head="bouchef"),
            Unit("tekn", "Tekniska förvaltningen", kind="administration", parent="k"),
            Unit("vn", "Välfärdsnämnden", kind="political_body"),
        ],
        posts=[
            Post("kd", unit="k", cost=1_300_000),
            Post("socchef", unit="soc", reports_to="kd", cost=1_000_000),
            Post(
                "handl",
                unit="ifo",
                reports_to="socchef",
                fte_budgeted=12,
                fte_actual=11,
                cost=7_200_000,
                title="Socialsekreterare",
            ),
            Post("bouchef", unit="bou", reports_to="kd", cost=1_000_000),
            Post(
                "larare",
                unit="bou",
                reports_to="bouchef",
                fte_budgeted=40,
                cost=24_000_000,
                title="Lärare",
                competences=("undervisning",),
            ),
            Post(
                "spec",
                unit="bou",
                reports_to="bouchef",
                fte_budgeted=2,
                cost=1_300_000,
                title="Specialpedagog",
                competences=("specialpedagogik",),
            ),
            Post("ing", unit="tekn", reports_to="kd", fte_budgeted=5, cost=3_000_000),
        ],
        people=[Person("eva")],
        holdings=[Holding("eva", "spec", 0.5)],
        links=[
            Link("soc", "bou", weight=3),
            Link("ifo", "bou", weight=2),
            Link("handl", "spec", weight=1),
            Link("soc", "vn", kind="reports_to_body", directed=True),
        ],
        name="Kommun",
    )


def totals(org):
    p = org.posts
    return (
        round(p["fte_budgeted"].sum(), 9),
        round(p["fte_actual"].sum(), 9),
        round(p["cost"].sum(), 2),
    )


def test_merge_into_new_unit_moves_posts_and_children_and_remaps_links(kommun):
    op = MergeUnits(("soc", "bou"), into="laf", name="Lärande och familj", unit_kind="main_mission")
    new = op.apply(kommun)
    assert "soc" not in new.unit_map and "bou" not in new.unit_map
    laf = new.unit("laf")
    assert (laf.name, laf.kind, laf.parent) == ("Lärande och familj", "main_mission", "k")
    assert new.unit("ifo").parent == "laf"  # a child of a merged unit moves to the new unit
    assert {new.post(p).unit for p in ("socchef", "bouchef", "larare", "spec")} == {"laf"}
    # soc-bou (3) becomes a self-tie and vanishes; ifo-bou (2) becomes ifo-laf
    unit_links = {(k.source, k.target, k.kind): k.weight for k in new.link_list}
    assert unit_links == {
        ("ifo", "laf", "collaboration"): 2.0,
        ("handl", "spec", "collaboration"): 1.0,
        ("laf", "vn", "reports_to_body"): 1.0,
    }
    assert list(new.unit_map)[:3] == ["k", "laf", "ifo"]  # the new unit takes soc's place
    assert totals(new) == totals(kommun)


def test_merge_into_existing_unit_sums_parallel_ties():
    org = Organisation(
        units=[Unit("a"), Unit("b"), Unit("c"), Unit("x")],
        links=[Link("a", "x", weight=1), Link("b", "x", weight=2.5), Link("a", "b")],
    )
    new = MergeUnits(("a", "b"), into="c").apply(org)
    assert sorted(new.unit_map) == ["c", "x"]
    ((_, s, t), w) = next((k.key, k.weight) for k in new.link_list)
    assert (s, t, w) == ("c", "x", 3.5)  # 1 + 2.5; the a-b tie vanished
    assert len(new.link_list) == 1


def test_merge_refuses_target_inside_a_merged_unit(kommun):
    reasons = MergeUnits(("soc", "bou"), into="ifo").check(kommun)
    assert reasons == [
        "into: 'ifo' lies inside 'soc', which is merged away; merge into the upper unit instead"
    ]


def test_split_by_list_and_rule(kommun):
    op = SplitUnit(
        "bou",
        parts=(
            Part("grundskola", "Grundskola", rule={"field": "title", "equals": "Lärare"}),
            Part("elevhalsa", "Elevhälsa", posts=("spec",)),
        ),
    )
    assert op.assignment(kommun) == {"grundskola": ["larare"], "elevhalsa": ["spec"]}
    new = op.apply(kommun)
    assert new.post("larare").unit == "grundskola" and new.post("spec").unit == "elevhalsa"
    assert new.post("bouchef").unit == "bou"  # not taken by a part: stays
    assert new.unit("grundskola").parent == "k"  # siblings of the split unit
    assert totals(new) == totals(kommun)


def test_split_removes_emptied_unit_and_passes_its_links_and_head():
    org = Organisation(
        units=[Unit("top"), Unit("u", parent="top", head="h"), Unit("v", parent="top")],
        posts=[Post("h", unit="u"), Post("a", unit="u", reports_to="h")],
        links=[Link("u", "v")],
    )
    op = SplitUnit("u", parts=(Part("u1", posts=("h",)), Part("u2", posts=("a",))))
    new = op.apply(org)
    assert "u" not in new.unit_map
    assert new.unit("u1").head == "h"
    assert [k.key for k in new.link_list] == [("collaboration", "u1", "v")]


def test_split_refuses_a_post_taken_twice(kommun):
    op = SplitUnit(
        "bou",
        parts=(
            Part("x", posts=("spec",)),
            Part("y", rule={"field": "competences", "has": "specialpedagogik"}),
        ),
    )
    assert op.check(kommun) == ["post 'spec' is taken by both 'x' and 'y'"]
    with pytest.raises(OperationError, match="taken by both"):
        op.apply(kommun)


def test_move_unit_refuses_cycles(kommun):
    assert MoveUnit("soc", "ifo").check(kommun) == [
        "new_parent: 'ifo' is 'soc' itself or below it (the hierarchy would get a cycle)"
    ]
    assert MoveUnit("ifo", "bou").apply(kommun).unit("ifo").parent == "bou"
    assert MoveUnit("ifo", None).apply(kommun).roots() == ["k", "ifo", "vn"]


def test_dissolve_passes_posts_children_and_links_to_parent(kommun):
    new = DissolveUnit("soc").apply(kommun)
    assert new.unit("ifo").parent == "k"
    assert new.post("socchef").unit == "k"
    assert ("reports_to_body", "k", "vn") in {k.key for k in new.link_list}
    assert DissolveUnit("k").check(kommun) == [
        "unit 'k' is a top unit with posts or sub-units: say where they go (into=)"
    ]


def test_post_operations(kommun):
    new = MovePost("spec", "ifo", reports_to="socchef").apply(kommun)
    assert (new.post("spec").unit, new.post("spec").reports_to) == ("ifo", "socchef")
    assert ChangeReportingLine("kd", "handl").check(kommun) == [
        "reports_to: 'handl' reports (directly or not) to 'kd': a cycle"
    ]
    new = ChangePost("ing", fte_actual=4.0, cost=3_100_000).apply(kommun)
    assert (new.post("ing").fte_actual, new.post("ing").cost) == (4.0, 3_100_000)
    assert ChangePost("ing", cost=-1).check(kommun) == [
        "cost: must be a number of at least 0, got -1"
    ]
    new = AddPost(Post("kom", unit="k", title="Kommunikatör")).apply(kommun)
    assert new.post("kom").title == "Kommunikatör"
    new = RemovePost("bouchef").apply(kommun)
    # reports of a removed post move to its manager; the unit loses its head
    assert new.post("larare").reports_to == "kd" and new.unit("bou").head is None


def test_remove_post_ends_holdings_and_links(kommun):
    new = RemovePost("spec").apply(kommun)
    assert new.holding_list == () and all("spec" not in (k.source, k.target) for k in new.link_list)


def test_reallocate_fte_hjo_communication_to_development():
    # Hjo (2024): communicator 1.0 budgeted / 1.6 actual, developers 3.0 / 2.4.
    # Moving 0.6 actual FTE from communication to development gives 1.0 and 3.0.
    hjo = Organisation(
        [Unit("kansliet")],
        [
            Post("kom", unit="kansliet", fte_budgeted=1.0, fte_actual=1.6, cost=650_000),
            Post("vu", unit="kansliet", fte_budgeted=3.0, fte_actual=2.4, cost=1_950_000),
        ],
    )
    new = ReallocateFTE("kom", "vu", 0.6, which="actual").apply(hjo)
    assert (new.post("kom").fte_actual, new.post("vu").fte_actual) == (1.0, 3.0)
    assert new.post("kom").cost == 650_000  # actual FTE only: the budget does not move
    # moving 0.5 budgeted FTE moves half of the communicator's cost: 325,000
    new = ReallocateFTE("kom", "vu", 0.5, which="budgeted").apply(hjo)
    assert new.post("kom").cost == 325_000 and new.post("vu").cost == 2_275_000
    assert ReallocateFTE("kom", "vu", 1.2, which="budgeted").check(hjo) == [
        "source 'kom' has only 1 budgeted FTE"
    ]


def test_links_and_bodies(kommun):
    new = AddLink(Link("tekn", "soc", weight=2)).apply(kommun)
    assert ("collaboration", "soc", "tekn") in {k.key for k in new.link_list}
    assert AddLink(Link("bou", "soc")).check(kommun) == [
        "the collaboration link bou - soc exists already"
    ]
    new = RemoveLink("bou", "soc").apply(kommun)  # undirected: either order
    assert ("collaboration", "bou", "soc") not in {k.key for k in new.link_list}
    new = AttachToBody("bou", "vn").apply(kommun)
    assert ("reports_to_body", "bou", "vn") in {k.key for k in new.link_list}


def test_create_rename(kommun):
    new = CreateUnit("ssg", "Strategisk samordningsgrupp", parent="k", unit_kind="group").apply(
        kommun
    )
    assert new.unit("ssg").kind == "group"
    assert CreateUnit("soc").check(kommun) == ["id: id 'soc' is already used by a unit"]
    assert RenameUnit("soc", "Socialtjänsten").apply(kommun).unit("soc").name == "Socialtjänsten"


def test_apply_never_changes_the_input(kommun):
    snapshot = kommun.evolve()
    MergeUnits(("soc", "bou", "tekn"), into="x").apply(kommun)
    RemovePost("kd").apply(kommun)
    assert kommun == snapshot


def test_from_dict_errors_name_valid_kinds_and_fields():
    with pytest.raises(UnsupportedFormatError, match="did you mean 'merge_units'"):
        operation_from_dict({"kind": "merge_unit"})
    with pytest.raises(UnsupportedFormatError, match=r"no field\(s\) \['unitz'\]"):
        operation_from_dict({"kind": "rename_unit", "unitz": "a", "name": "b"})


@pytest.mark.parametrize(
    "op",
    [
        MergeUnits(("a", "b"), into="c", name="C"),
        SplitUnit(
            "u",
            parts=(
                Part("x", "X", posts=("p",)),
                Part("y", rule={"field": "title", "contains": "lärare"}),
            ),
        ),
        AddPost(Post("p", unit="u", fte_budgeted=0.5, competences=("a",), attrs={"grade": "B"})),
        AddLink(Link("a", "b", kind="commissions", directed=True, weight=2)),
        MovePost("p", "u"),
        ReallocateFTE("a", "b", 0.6, which="actual"),
        ChangePost("p", fte_budgeted=2.0),
    ],
)
def test_to_dict_from_dict_round_trip(op):
    import json

    data = json.loads(json.dumps(op.to_dict()))  # JSON-ready
    assert operation_from_dict(data) == op


def test_change_unit_and_details(kommun):
    from orgmodel.reorg import ChangeUnit, SetDetails

    new = ChangeUnit(
        "soc", unit_kind="main_mission", head="none", attrs={"mission": "Hälsa"}
    ).apply(kommun)
    u = new.unit("soc")
    assert (u.kind, u.head, dict(u.attrs)) == ("main_mission", None, {"mission": "Hälsa"})
    assert ChangeUnit("soc", head="nobody").check(kommun) == [
        "head: no post 'nobody'; valid: 'bouchef', 'handl', 'ing', 'kd', 'larare', 'socchef', 'spec'"
    ]
    new = SetDetails(name="Kommun 2015", meta={"date": "2015-01-01"}).apply(kommun)
    assert (new.name, dict(new.meta)) == ("Kommun 2015", {"date": "2015-01-01"})
    new = ChangePost("spec", competences=("elevhälsa",), attrs={"grade": "B"}).apply(kommun)
    assert new.post("spec").competences == ("elevhälsa",) and new.post("spec").attrs == {
        "grade": "B"
    }


def test_new_operations_round_trip():
    import json

    from orgmodel.reorg import ChangeUnit, SetDetails

    for op in (
        ChangeUnit("u", name="U", unit_kind="team", head="none", attrs={"a": [1, 2]}),
        SetDetails(name="Ny", meta={"currency": "NOK"}),
        ChangePost("p", competences=("x",), attrs={"k": "v"}),
    ):
        assert operation_from_dict(json.loads(json.dumps(op.to_dict()))) == op
