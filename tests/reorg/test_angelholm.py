"""Ängelholm's 2015 reorganisation as a scenario on the 2014 model (seed document 002)."""

import pytest

from orgmodel.datasets import example_path, load_example
from orgmodel.reorg import compare, diff, load_scenario

# The competences each citizen case in the report needs (document 002, the three cases),
# named with the example files' competence ids.
NEEDS = {
    "Ibrahim": [
        "svenska-som-andrasprak",
        "vagledning",
        "arbetsmarknad",
        "foreningsliv",
        "krisstod",
    ],
    "Viktor": ["pedagogik", "socialt-arbete", "beroende", "specialpedagogik"],
    "Svensson": [
        "bygglov",
        "planering",
        "mark-och-exploatering",
        "miljotillsyn",
        "va-och-gata",
        "specialpedagogik",
        "socialt-arbete",
        "beroende",
    ],
}


@pytest.fixture(scope="module")
def before():
    return load_example("angelholm-2014")


@pytest.fixture(scope="module")
def after():
    return load_example("angelholm-2015")


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(example_path("angelholm-2014").parent / "angelholm-2015.scenario.yaml")


def test_scenario_turns_2014_into_2015_exactly(before, after, scenario):
    result = scenario.apply(before)
    assert result == after
    assert diff(result, after).is_empty


def test_diff_names_the_main_missions_and_keeps_totals(before, after):
    d = diff(before, after)
    created = set(d.units.index[d.units["change"] == "created"])
    assert {"larande-och-familj", "halsa", "samhallsutveckling", "servicestod", "ssg"} <= created
    merged = d.units[d.units["change"] == "merged_into"]
    assert dict(merged["detail"]) == {
        "kansliavdelningen": "it-och-administration",
        "it-avdelningen": "it-och-administration",
    }
    # every post keeps its FTE and cost: 2,390 MSEK before and after
    assert d.figures.loc["cost", "before"] == pytest.approx(2_390_000_000)
    assert d.figures.loc["cost", "change"] == pytest.approx(0)
    assert d.figures.loc["fte_budgeted", "change"] == pytest.approx(0)


def test_units_each_need_involves_before_and_after(before, after):
    # Worked out from the example files' competences, grouping by the units directly under
    # the municipality (depth 1). 2014: Ibrahim needs BoU (SFI), Socialförvaltningen
    # (labour market) and Kultur och fritid (associations) = 3; Viktor BoU + Soc (addiction)
    # = 2; Svensson the city architect (permits, plans), Tekniska (land, water and streets),
    # Miljökontoret (inspection), BoU (special needs) and Soc (addiction) = 5.
    # 2015: Ibrahim Lärande och familj + Samhällsutveckling = 2; Viktor Lärande och familj = 1;
    # Svensson Samhällsutveckling + Lärande och familj = 2.
    table = compare(before, after, names=["2014", "2015"], needs=NEEDS)
    got = table.loc[[f"units_needed: {n}" for n in NEEDS]]
    assert got["2014"].tolist() == [3, 2, 5]
    assert got["2015"].tolist() == [2, 1, 2]
    assert table.loc["posts"].tolist() == [107, 107]
