"""The needs file: round trip, every problem with its line, and Ängelholm's needs."""

from __future__ import annotations

import pytest

from orgmodel.datasets import example_path, load_example
from orgmodel.errors import FormatError, UnsupportedFormatError, ValidationError
from orgmodel.staffing import (
    HOURS_PER_FTE,
    Need,
    Requirement,
    check_needs,
    dumps_needs,
    loads_needs,
    read_needs,
    write_needs,
)

NEEDS_FILE = example_path("angelholm-2014").parent / "angelholm-needs.yaml"


def test_hours_become_fte():
    # 8 hours a week of a 40-hour week = 0.2 FTE
    needs = loads_needs(
        "orgmodel-needs: 1\nneeds:\n  - id: i\n    competences:\n"
        "      - competence: svenska\n        hours_per_week: 8\n      - vagledning\n"
    )
    reqs = needs["i"].requirements
    assert HOURS_PER_FTE == 40
    assert [(r.competence, r.fte) for r in reqs] == [("svenska", 0.2), ("vagledning", 0.1)]
    assert reqs[0].hours_per_week == 8


def test_round_trip(tmp_path):
    needs = {
        "v": Need(
            "v",
            "Viktor",
            "12 år",
            (
                Requirement("pedagogik", 0.1, role="Lärare"),
                Requirement("halsa", 0.05, external="region"),
            ),
            partners=("arbetsgivare",),
            same_main_mission=True,
            external_partners=False,
            max_units=3,
            attrs={"priority": "high"},
        ),
        "w": Need("w", requirements=(Requirement("x"),)),
    }
    path = tmp_path / "needs.yaml"
    write_needs(needs, path, source="test")
    again = read_needs(path)
    assert again == needs
    assert dumps_needs(again, source="test") == path.read_text(encoding="utf-8")


def test_angelholm_needs_file_round_trips(tmp_path):
    needs = read_needs(NEEDS_FILE)
    assert list(needs) == ["ibrahim", "viktor", "svensson"]
    assert needs.meta["illustrative"] is True
    write_needs(needs, tmp_path / "n.yaml")
    again = read_needs(tmp_path / "n.yaml")
    assert again == needs
    assert again.meta == needs.meta  # top-level fields survive the round trip


def test_angelholm_needs_match_the_models():
    # every competence id is one of the example files', every party an external unit
    needs = read_needs(NEEDS_FILE)
    for year in ("2014", "2015"):
        report = check_needs(needs, load_example(f"angelholm-{year}"))
        assert len(report) == 0, report.to_text()
    # the report's cases (section 11): Ibrahim's five competences; health care for Viktor
    # and the anorexia specialist for the Svenssons are Region Skåne's
    assert needs["ibrahim"].competences == (
        "svenska-som-andrasprak", "vagledning", "arbetsmarknad", "foreningsliv", "krisstod",
    )  # fmt: skip
    assert needs["viktor"].requirement("halso-och-sjukvard@region-skane").external == "region-skane"
    assert needs["viktor"].partners == ("foraldrarnas-arbetsgivare",)
    specialist = needs["svensson"].requirement("halso-och-sjukvard@region-skane")
    assert specialist.role == "Specialist gällande anorexi och spelmissbruk"
    assert needs["svensson"].requirement("halso-och-sjukvard").role == "Skolsköterska"
    assert needs["svensson"].partners == ("externa-fastighetsagare",)


BROKEN = """\
orgmodel-needs: 1
needs:
  - id: a
    competences:
      - competence: pedagogik
        fte: lots
      - competence: x
        fte: 0.1
        hours_per_week: 4
      - competence: pedagogik
  - id: a
    competences: []
  - title: no id
    competences:
      - competense: y
    preferences:
      max_units: 0
      same_main_mission: maybe
      colour: red
  - id: c
    competences:
      - competence: z
        fte: -1
"""


def test_broken_file_lists_every_problem_with_its_line():
    with pytest.raises(ValidationError) as err:
        loads_needs(BROKEN, source="broken.yaml")
    problems = [(p.location.line, p.code, p.field) for p in err.value.report]
    assert problems == [
        (6, "not_a_number", "fte"),
        (9, "ambiguous_amount", "hours_per_week"),
        (10, "duplicate_requirement", "competence"),
        (11, "duplicate_id", "id"),
        (12, "not_a_list", "competences"),
        (13, "missing_value", "id"),
        (15, "unknown_field", "competense"),
        (15, "missing_value", "competence"),
        (17, "bad_value", "max_units"),
        (18, "not_a_bool", "same_main_mission"),
        (19, "unknown_field", "colour"),
        (23, "not_positive", "fte"),
    ]
    text = str(err.value)
    assert "broken.yaml: 12 errors found" in text
    assert (
        "broken.yaml, line 15: needs, field competense = 'y': a requirement has no field 'competense'; did you mean 'competence'?"
        in text
    )


def test_not_a_needs_file():
    with pytest.raises(FormatError, match="not a needs file"):
        loads_needs("orgmodel: 1\n")
    with pytest.raises(UnsupportedFormatError, match="version 2 is newer"):
        loads_needs("orgmodel-needs: 2\nneeds: []\n")
    with pytest.raises(FormatError, match="line 3: not valid YAML"):
        loads_needs("orgmodel-needs: 1\nneeds: [\n")


def test_check_needs_against_an_organisation():
    org = load_example("angelholm-2015")
    n = Need(
        "n",
        requirements=(Requirement("pedagogk"), Requirement("halso-och-sjukvard", external="ssg")),
        partners=("region-skne",),
    )
    report = check_needs([n], org)
    assert report.codes() == ["unknown_competence", "not_external", "unknown_party"]
    assert "did you mean 'pedagogik'" in report.problems[0].message
    assert "did you mean 'region-skane'" in report.problems[2].message


def test_a_need_refuses_the_same_requirement_twice():
    with pytest.raises(ValueError, match="given twice"):
        Need("n", requirements=(Requirement("a"), Requirement("a", 0.2)))
