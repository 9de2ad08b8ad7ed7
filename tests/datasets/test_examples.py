"""The bundled examples load, validate and carry the figures of their source documents.

Sources (the full texts are in the project's seed folder):

* Hjo: the municipal director's memo of 2024-01-10 on how kansliet should be organised.
  "Verksamhetsutvecklare, 3,0 årsarbetare – i praktiken 2,4 åa då 0,6 åa arbetar i projekt
  med Högskolan i Skövde; 1,0 åa kommunikatör – idag 1,6 åa i praktiken; 1,0 åa kanslichef
  tillika kommunjurist; 1,0 åa kommunsekreterare; 1,0 åa kanslisekreterare; 1,0 åa
  säkerhetsstrateg." Budgeted total by hand: 3 + 1 + 1 + 1 + 1 + 1 = 8.0 FTE; actual at the
  office 2.4 + 1.6 + 1 + 1 + 1 + 1 = 8.0 FTE, plus 0.6 in the university project.
* Ängelholm: AdvisoryBoard, "En agil utvecklings- och servicekommun" (2014): "Totalt omsätter
  kommunens verksamheter 3022 anställda", "enligt 2014 års budget som totalt omsätter 2390
  miljoner kronor"; three huvuduppdrag; Servicestöd run by three managers; the SSG of the
  municipal director, the three mission heads and the three service-support heads;
  Välfärdsnämnden, kommunstyrelsen and myndighetsnämnden.
* Jönköping: the proposed action plan for Kommunal utveckling (2019-01-31): PKS, the five
  partnerships, their steering groups and the parties named "Ansvarig".

How "3,022 employees' worth of posts" is checked: every post (group) carries ``employees``,
its headcount, and these add up to 3,022 exactly (= ``meta.employees``). FTE are fewer than
heads because many municipal employees work part time; the files keep FTE per employee
within 0.80-0.95, a plausibility band for a Swedish municipality (no figure in the report).
"""

from __future__ import annotations

import pytest

from orgmodel.datasets import example_names, example_path, load_example
from orgmodel.errors import UnknownIdError
from orgmodel.model import LINK_KINDS, UNIT_KINDS

EXPECTED_NAMES = [
    "angelholm-2014",
    "angelholm-2015",
    "hjo-kansliet",
    "jonkoping-kommunal-utveckling",
]


@pytest.fixture(scope="module")
def examples():
    return {name: load_example(name) for name in EXPECTED_NAMES}


def links_of(org, kind):
    links = org.links
    return links[links["kind"] == kind]


# ---- every example -------------------------------------------------------------------------
def test_the_bundled_examples_are_the_four_documents():
    assert example_names() == EXPECTED_NAMES


@pytest.mark.parametrize("name", EXPECTED_NAMES)
def test_example_loads_without_errors_and_cites_its_source(examples, name):
    org = examples[name]
    assert org.report.ok
    assert example_path(name).name == f"{name}.yaml"
    assert org.meta["source"].strip()
    assert org.meta["currency"] == "SEK"
    # every file has made-up figures somewhere, so each must say which in its note
    assert org.meta["illustrative"] is True
    assert len(org.meta["note"]) > 100


@pytest.mark.parametrize("name", EXPECTED_NAMES)
def test_example_uses_only_known_unit_and_link_kinds(examples, name):
    org = examples[name]
    assert set(org.units["kind"]) <= set(UNIT_KINDS)
    assert set(org.links["kind"]) <= set(LINK_KINDS)


def test_unknown_example_name_lists_the_closest_valid_names():
    with pytest.raises(UnknownIdError, match="did you mean") as error:
        load_example("angelholm")
    assert "'angelholm-2014'" in str(error.value) and "'angelholm-2015'" in str(error.value)
    with pytest.raises(UnknownIdError, match="valid: 'angelholm-2014', 'angelholm-2015'"):
        example_path("x")


# ---- Hjo --------------------------------------------------------------------------------------
def test_hjo_developers_and_communicator_as_in_the_memo(examples):
    org = examples["hjo-kansliet"]
    vu = org.post("verksamhetsutvecklare")
    assert (vu.fte_budgeted, vu.fte_actual, vu.unit) == (3.0, 2.4, "kansliet")
    kom = org.post("kommunikator")
    assert (kom.fte_budgeted, kom.fte_actual, kom.unit) == (1.0, 1.6, "kansliet")


def test_hjo_kansliet_has_the_six_posts_of_the_memo(examples):
    org = examples["hjo-kansliet"]
    posts = org.posts.loc[org.posts_in("kansliet", recursive=True)]
    assert sorted(posts["title"]) == sorted(
        [
            "Verksamhetsutvecklare",
            "Kommunikatör",
            "Kanslichef tillika kommunjurist",
            "Kommunsekreterare",
            "Kanslisekreterare",
            "Säkerhetsstrateg",
        ]
    )
    assert posts["fte_budgeted"].sum() == pytest.approx(8.0)  # 3 + 1 + 1 + 1 + 1 + 1
    assert posts["fte_actual"].sum() == pytest.approx(8.0)  # 2.4 + 1.6 + 1 + 1 + 1 + 1
    assert org.unit("kansliet").head == "kanslichef"


def test_hjo_secondment_to_the_university_project_shows(examples):
    org = examples["hjo-kansliet"]
    project = org.post("projektmedarbetare-his")
    assert (project.fte_budgeted, project.fte_actual) == (0.0, 0.6)
    # 2.4 at kansliet + 0.6 in the project = the 3.0 budgeted developer FTE
    assert org.post("verksamhetsutvecklare").fte_actual + project.fte_actual == pytest.approx(3.0)
    assert org.unit("hogskolan-i-skovde").kind == "external"
    partners = links_of(org, "partner")
    assert {frozenset(pair) for pair in zip(partners.source, partners.target, strict=True)} == {
        frozenset({"projekt-hogskolan-i-skovde", "hogskolan-i-skovde"})
    }
    # the people: three developers, one of them shared 0.4 / 0.6
    assert sorted(org.holders("verksamhetsutvecklare")) == [
        ("vu-a", 1.0),
        ("vu-b", 1.0),
        ("vu-c", 0.4),
    ]
    assert org.holders("projektmedarbetare-his") == [("vu-c", 0.6)]
    assert sum(share for _, share in org.holders("kommunikator")) == pytest.approx(1.6)


def test_hjo_operations_ask_kansliet_for_support(examples):
    org = examples["hjo-kansliet"]
    collab = links_of(org, "collaboration")
    asking = set(collab.loc[collab.target == "kansliet", "source"])
    operations = {u for u in org.children("forvaltningen") if org.unit(u).kind == "department"}
    assert len(operations) == 5
    assert asking == operations
    assert org.unit("kansliet").parent == "kommunledning"
    assert org.post("kanslichef").reports_to == "kommundirektor"


def test_hjo_warns_about_the_communicator_gap_and_the_unbudgeted_project_time(examples):
    org = examples["hjo-kansliet"]
    gaps = {p.id for p in org.report.warnings if p.code == "fte_gap"}
    # 1.6 vs 1.0 is 60 % off (over the 25 % threshold); 2.4 vs 3.0 is 20 % off (under it)
    assert gaps == {"kommunikator", "projektmedarbetare-his"}


# ---- Ängelholm ----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["angelholm-2014", "angelholm-2015"])
def test_angelholm_totals_are_the_reports(examples, name):
    org = examples[name]
    posts = org.posts
    assert org.meta["employees"] == 3022
    assert posts["employees"].sum() == 3022
    assert posts["cost"].sum() == 2_390_000_000
    fte_per_employee = posts["fte_budgeted"].sum() / 3022
    assert 0.80 <= fte_per_employee <= 0.95
    assert (posts["fte_budgeted"] <= posts["employees"]).all()
    assert 40 <= len(posts) <= 120


def test_angelholm_every_post_continues_unchanged_in_2015(examples):
    before, after = examples["angelholm-2014"].posts, examples["angelholm-2015"].posts
    assert set(before.index) == set(after.index)
    cols = ["fte_budgeted", "fte_actual", "cost", "employees", "vacant"]
    assert before[cols].equals(after.loc[before.index, cols])
    moved = (before["unit"] != after.loc[before.index, "unit"]).sum()
    assert moved > 0


def test_angelholm_2015_has_the_three_main_missions(examples):
    org = examples["angelholm-2015"]
    missions = org.units.query("kind == 'main_mission'")
    assert sorted(missions["name"]) == ["Hälsa", "Lärande och familj", "Samhällsutveckling"]
    assert (missions["parent"] == "angelholms-kommun").all()
    assert missions["head"].notna().all()
    # kundtjänst sits in each mission and stays one organisation
    for mission in missions.index:
        kundtjanst = [u for u in org.children(mission) if u.startswith("kundtjanst")]
        assert len(kundtjanst) == 1, mission
    members = links_of(org, "member_of").query("target == 'kundtjanst'")
    assert len(members) == 3


def test_angelholm_2015_ssg_is_director_mission_heads_and_service_support_heads(examples):
    org = examples["angelholm-2015"]
    assert org.unit("ssg").kind == "group"
    mission_heads = set(org.units.query("kind == 'main_mission'")["head"])
    service_heads = {org.unit(u).head for u in org.children("servicestod")}
    assert len(service_heads) == 3  # "drivs av tre chefer"
    members = set(links_of(org, "member_of").query("target == 'ssg'")["source"])
    assert members == {"kommundirektor"} | mission_heads | service_heads
    assert len(members) == 7


def test_angelholm_2015_political_bodies_and_the_authority_unit(examples):
    org = examples["angelholm-2015"]
    bodies = links_of(org, "reports_to_body")
    targets = set(bodies["target"])
    assert {"valfardsnamnden", "kommunstyrelsen", "myndighetsnamnden"} <= targets
    for mission in org.units.query("kind == 'main_mission'").index:
        # "Beroende på ärendenas karaktär kan huvuduppdragen rapportera till antingen
        # Välfärdsnämnden eller kommunstyrelsen"
        assert set(bodies.loc[bodies.source == mission, "target"]) == {
            "valfardsnamnden",
            "kommunstyrelsen",
        }
    assert set(bodies.query("target == 'myndighetsnamnden'")["source"]) == {"myndighetsenhet"}
    assert org.unit("myndighetsenhet").parent == "samhallsutveckling"


def _posts_under(org, units):
    return {p for u in units for p in org.posts_in(u, recursive=True)}


def test_angelholm_former_administrations_end_up_in_their_mission(examples):
    before, after = examples["angelholm-2014"], examples["angelholm-2015"]
    service = _posts_under(after, ["servicestod"])  # administrators move to Servicestöd
    expected = {
        # "Genom att sammanföra nuvarande Tekniska förvaltningen, Miljökontoret,
        # Stadsarkitektkontoret och Kultur och Fritid"
        "samhallsutveckling": [
            "tekniska-forvaltningen",
            "miljokontoret",
            "stadsarkitektkontoret",
            "kultur-och-fritid",
        ],
        # individ- och familjeomsorg, funktionshinder, arbetsmarknad and all education
        "larande-och-familj": [
            "barn-och-utbildningsforvaltningen",
            "ifo",
            "funktionshinder",
            "arbetsmarknad",
        ],
        # care of the elderly
        "halsa": ["vard-och-omsorg"],
    }
    for mission, former in expected.items():
        moved = _posts_under(before, former)
        assert moved <= _posts_under(after, [mission]) | service, mission
        assert moved & _posts_under(after, [mission]), mission


def test_angelholm_surviving_units_keep_their_ids(examples):
    before, after = examples["angelholm-2014"], examples["angelholm-2015"]
    departments = set(before.units.query("kind == 'department'").index)
    merged = {"kansliavdelningen", "it-avdelningen"}  # into IT och administration
    assert departments - merged <= set(after.units.index)
    assert after.unit("ifo").parent == "larande-och-familj"
    assert after.unit("vard-och-omsorg").parent == "halsa"


# ---- Jönköping --------------------------------------------------------------------------------
PARTNERSHIPS = {
    "FoUrum social välfärd och hälso- och sjukvård",
    "FoUrum utbildning",
    "FoUrum fritid",
    "Miljösamverkan Jönköpings län",
    "Kurs och konferens",
}


def test_jonkoping_pks_governs_kommunal_utveckling(examples):
    org = examples["jonkoping-kommunal-utveckling"]
    assert org.unit("pks").kind == "political_body"
    steers = links_of(org, "steers")
    assert ((steers.source == "pks") & (steers.target == "kommunal-utveckling")).any()


def test_jonkoping_five_partnerships_each_with_a_steering_group(examples):
    org = examples["jonkoping-kommunal-utveckling"]
    partnerships = org.units.query("kind == 'partnership'")
    assert set(partnerships["name"]) == PARTNERSHIPS
    steers = links_of(org, "steers")
    for pid in partnerships.index:
        groups = list(steers.loc[steers.target == pid, "source"])
        assert len(groups) == 1, pid
        assert org.unit(groups[0]).kind == "steering_group"


def test_jonkoping_every_responsible_party_exists(examples):
    org = examples["jonkoping-kommunal-utveckling"]
    parties = org.meta["responsible_parties"]
    # the "Ansvarig:" lines of the action plan
    for phrase in [
        "PKS",
        "Styrgrupperna för respektive partnerskap",
        "Utvecklingschefen för Kommunal utveckling",
        "Respektive områdesansvarig",
        "Kommunal utvecklings kvalitetssamordnare",
        "Verksamhetens kommunikatör",
        "Länets socialchefer",
        "Kommunal utveckling och länets kommuner",
        "Ledningsgruppen för Kommunal utveckling",
    ]:
        assert parties[phrase], phrase
    for ids in parties.values():
        for i in ids:
            org.kind_of(i)  # raises UnknownIdError for a missing unit or post
    assert len(parties["Respektive områdesansvarig"]) == 5
    assert len(parties["Styrgrupperna för respektive partnerskap"]) == 5


def test_jonkoping_university_is_research_partner(examples):
    org = examples["jonkoping-kommunal-utveckling"]
    partners = links_of(org, "partner")
    pairs = {frozenset(pair) for pair in zip(partners.source, partners.target, strict=True)}
    assert frozenset({"kommunal-utveckling", "jonkoping-university"}) in pairs
    assert org.units.query("kind == 'network'").shape[0] >= 4
