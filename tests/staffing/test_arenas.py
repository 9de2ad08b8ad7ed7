"""Arenas as reorganisation scenarios; units and main missions Ängelholm's needs involve.

Ängelholm, worked out by hand from examples/angelholm-2014.yaml, angelholm-2015.yaml and the
needs of examples/angelholm-needs.yaml (external requirements left to Region Skåne).
Where each internal competence sits (post units):

============================  ===========================  ===========================
competence                    2014                         2015
============================  ===========================  ===========================
svenska-som-andrasprak        vuxenutbildning              vuxenutbildning
vagledning                    arbetsmarknad, vuxenutb.     arbetsmarknad, vuxenutb.
arbetsmarknad                 arbetsmarknad                arbetsmarknad
foreningsliv                  kultur-och-fritid            kultur-och-fritid
krisstod                      ifo, elevhalsa               ifo, elevhalsa
pedagogik                     bou top, forskola, grundsk.  lof top, forskola, grundsk.
specialpedagogik              elevhalsa                    elevhalsa
socialt-arbete                ifo, elevhalsa, soc top      ifo, elevhalsa, halsa top
beroende                      ifo                          ifo
halso-och-sjukvard            elevhalsa, vard-och-omsorg   elevhalsa, vard-och-omsorg
mark-och-exploatering         mark-och-exploatering        mark-och-exploatering
bygglov                       stadsarkitektkontoret        myndighetsenhet
planering                     stadsarkitektkontoret        stadsarkitektkontoret
miljotillsyn                  miljokontoret                myndighetsenhet
va-och-gata                   gata-och-park                gata-och-park
myndighetsutovning            ifo, ... (ifo suffices)      ifo, ... (ifo suffices)
============================  ===========================  ===========================

Units (fewest):
* Ibrahim: vuxenutbildning, arbetsmarknad, kultur-och-fritid are forced; krisstod adds ifo
  or elevhalsa: 4 in both years.
* Viktor: ifo (beroende, socialt-arbete) and elevhalsa (specialpedagogik) forced; pedagogik
  is in neither: 3 in both years.
* Svensson: 2014 ifo, elevhalsa (specialpedagogik, skolsköterska), mark-och-exploatering,
  stadsarkitektkontoret (bygglov, planering), miljokontoret, gata-och-park = 6; 2015 ifo,
  elevhalsa, mark-och-exploatering, myndighetsenhet (bygglov, miljotillsyn),
  stadsarkitektkontoret, gata-och-park = 6.

Main missions (the units under the municipality, depth 1):
* 2014 Ibrahim: BoU (vuxenutbildning), Socialförvaltningen (arbetsmarknad), Kultur och
  fritid = 3 (krisstod from elevhalsa in BoU or ifo in Soc adds none). 2015: Lärande och
  familj + Samhällsutveckling = 2.
* 2014 Viktor: Soc (ifo) + BoU (elevhalsa, pedagogik) = 2; 2015: Lärande och familj = 1.
* 2014 Svensson: Soc, BoU, Tekniska (mark-och-exploatering, gata-och-park),
  Stadsarkitektkontoret, Miljökontoret = 5; 2015: Lärande och familj + Samhällsutveckling = 2.
"""

from __future__ import annotations

import pytest

from orgmodel.datasets import example_path, load_example
from orgmodel.errors import OperationError
from orgmodel.model import Organisation, Post, Unit
from orgmodel.reorg import diff
from orgmodel.reorg.compare import units_needed
from orgmodel.staffing import (
    Need,
    Puls,
    Requirement,
    arena_operations,
    arena_scenario,
    candidates,
    compare_involvement,
    involvement,
    read_needs,
    staff,
)

NEEDS_FILE = example_path("angelholm-2014").parent / "angelholm-needs.yaml"


@pytest.fixture(scope="module")
def needs():
    return read_needs(NEEDS_FILE)


@pytest.fixture(scope="module")
def orgs():
    return {"2014": load_example("angelholm-2014"), "2015": load_example("angelholm-2015")}


def test_units_and_main_missions_2014_vs_2015(orgs, needs):
    table = compare_involvement(orgs, needs)
    assert table[("units", "2014")].tolist() == [4, 3, 6]
    assert table[("units", "2015")].tolist() == [4, 3, 6]
    assert table[("main_missions", "2014")].tolist() == [3, 2, 5]
    assert table[("main_missions", "2015")].tolist() == [2, 1, 2]
    assert table[("main_missions", "change")].tolist() == [-1, -1, -3]


def test_involvement_names_units_and_parties(orgs, needs):
    t = involvement(orgs["2015"], needs)
    assert set(t.loc["svensson", "unit_ids"]) == {
        "ifo", "elevhalsa", "mark-och-exploatering", "myndighetsenhet",
        "stadsarkitektkontoret", "gata-och-park",
    }  # fmt: skip
    assert set(t.loc["svensson", "mission_ids"]) == {"larande-och-familj", "samhallsutveckling"}
    assert t.loc["viktor", "external_parties"] == ("region-skane", "foraldrarnas-arbetsgivare")
    assert t.loc["ibrahim", "uncovered"] == ()


def test_without_capacity_limits_staffing_agrees_with_units_needed(orgs, needs):
    # the reorganisation core's set cover (no capacities) gives the same main-mission counts
    for org in orgs.values():
        for n in needs.values():
            internal = [r.competence for r in n.requirements if not r.external]
            by_mission = staff(org, n, group_by=1).units_spanned
            assert by_mission == units_needed(org, internal, group_by=1)[0]


def test_staffing_is_reproducible(orgs, needs):
    a = staff(orgs["2015"], needs["svensson"], alternatives=3, seed=4)
    b = staff(orgs["2015"], needs["svensson"], alternatives=3, seed=4)
    assert a.alternatives.equals(b.alternatives)
    # alternatives are distinct member sets, none worse in units than the first
    ids = a.alternatives["member_ids"].tolist()
    assert len(set(ids)) == len(ids) == 3
    assert (a.alternatives["units"] >= a.alternatives["units"].iloc[0]).all()


def small() -> Organisation:
    return Organisation(
        [Unit("k"), Unit("ssg", parent="k"), Unit("skola", parent="k"), Unit("soc", parent="k")],
        [
            Post("larare", unit="skola", fte_budgeted=10, competences=("pedagogik",)),
            Post("socsek", unit="soc", fte_budgeted=5, competences=("socialt-arbete",)),
        ],
    )


VIKTOR = Need(
    "viktor",
    "Viktor",
    requirements=(Requirement("pedagogik", 0.2), Requirement("socialt-arbete", 0.1)),
)


def test_arena_scenario_creates_the_arena_with_its_links():
    org = small()
    result = staff(org, VIKTOR)
    puls = Puls.from_staffing("arena-viktor", result, recipient="Viktor")
    scenario = arena_scenario(org, result, puls={"viktor": puls})
    after = scenario.apply(org)
    arena = after.unit("arena-viktor")
    assert arena.kind == "arena"
    assert arena.attrs["puls"]["recruitment_plan"] == {"larare": 0.2, "socsek": 0.1}
    links = after.links.set_index(["kind", "source"])
    assert links.loc[("commissions", "ssg"), "target"] == "arena-viktor"
    assert links.loc[("member_of", "larare"), "fte"] == pytest.approx(0.2)
    assert links.loc[("member_of", "larare"), "role"] == "coordinator"
    d = diff(org, after)
    assert d.figures.loc["units", "change"] == 1
    # the arena's work is now load: larare 10 - 0.2 = 9.8 free, socsek 5 - 0.1 = 4.9
    assert candidates(after)["capacity_fte"].to_dict() == pytest.approx(
        {"larare": 9.8, "socsek": 4.9}
    )


def test_an_existing_arena_is_staffed_not_created(orgs, needs):
    org = orgs["2015"]
    ops = arena_operations(org, staff(org, needs["viktor"]))
    kinds = [op.kind for op in ops]
    # arena-viktor and ssg -> arena-viktor exist; Region Skåne and the employer are members
    assert kinds[0] == "change_unit"
    assert "create_unit" not in kinds
    assert all(op.link.kind == "member_of" for op in ops[1:])
    after = arena_scenario(org, staff(org, needs["viktor"])).apply(org)
    assert after.unit("arena-viktor").attrs["coordinator"] == "socialsekreterare-barn-och-unga"


def test_an_arena_needs_its_commissioning_unit():
    org = small().evolve(units=[u for u in small().iter_units() if u.id != "ssg"])
    with pytest.raises(OperationError, match="'ssg' is no unit, post or person"):
        arena_scenario(org, staff(org, VIKTOR)).apply(org)
