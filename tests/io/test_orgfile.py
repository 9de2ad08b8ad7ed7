"""The YAML model file: every planted problem is reported at its line; structure, syntax
errors, versions, Nordic text, defaults left out, lossless round trips."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from orgmodel.errors import FormatError, UnsupportedFormatError, ValidationError
from orgmodel.io import dumps, loads, read, read_draft, read_orgfile, write_orgfile
from orgmodel.model import Competence, Holding, Link, Organisation, Person, Post, Unit
from orgmodel.testing import assert_organisations_equal

DATA = Path(__file__).parent / "data"

# (line, code, table, id, field) of every problem planted in data/broken_org.yaml; the line
# numbers are those of the file as an editor shows it (count them with `cat -n`).
PLANTED = {
    (13, "duplicate_id", "units", "kansliet", "id"),  # second 'kansliet' (first on line 10)
    (17, "hierarchy_cycle", "units", "vård", "parent"),  # vård -> omsorg -> vård
    (21, "not_a_mapping", "units", None, None),  # a bare string as a unit
    (29, "not_a_number", "posts", "utredare", "fte_budgeted"),  # fte_budgeted: tre
    (31, "missing_unit", "posts", "ekonom", "unit"),  # unit ekonomi does not exist
    (36, "negative_value", "posts", "nämndsekreterare", "cost"),  # cost: -450000
    (40, "not_text", "posts", "arkivarie", "title"),  # a list where a title belongs
    (41, "dangling_reference", "posts", "arkivarie", "reports_to"),  # no post 'chefen'
    (44, "not_a_boolean", "posts", "kommunikatör", "vacant"),  # vacant: kanske
    (45, "duplicate_key", "posts", "kommunikatör", "vacant"),  # vacant given twice
    (51, "share_over_100", "holdings", "åsa", "share"),  # 0.7 + 0.5 = 120 %
    (57, "missing_value", "holdings", "ørjan@", "post"),  # a holding without a post
    (60, "bad_link", "links", "steers:ks->socialnämnden", "target"),  # no such node
}


def test_every_planted_problem_is_reported_at_its_line():
    report = read_draft(DATA / "broken_org.yaml").report()
    found = {(p.location.line, p.code, p.table, p.id, p.field) for p in report.errors}
    assert found == PLANTED
    assert all(p.location.source.endswith("broken_org.yaml") for p in report)


def test_read_raises_one_error_listing_all_problems():
    with pytest.raises(ValidationError) as info:
        read(DATA / "broken_org.yaml")
    assert len(info.value.report.errors) == len(PLANTED)
    text = str(info.value)
    assert "broken_org.yaml, line 29: posts 'utredare', field fte_budgeted = 'tre'" in text
    assert "13 errors found" in text


def test_the_share_sum_is_worked_out_and_named():
    report = read_draft(DATA / "broken_org.yaml").report()
    (over,) = [p for p in report if p.code == "share_over_100"]
    assert over.value == pytest.approx(1.2)  # 0.7 + 0.5 on lines 51 and 53


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("name: x\nunits: []\n", "missing_version", 1),
        ("orgmodel: one\n", "bad_version", 1),
        ("orgmodel: 1\nunits:\n  id: a\n", "not_a_list", 3),
        ("orgmodel: 1\nposts: 7\n", "not_a_list", 2),
        ("orgmodel: 1\nunits:\n  - id: a\n    parent: [b]\n", "not_text", 4),
        (
            "orgmodel: 1\nunits:\n  - id: a\nposts:\n  - id: p\n    unit: a\n    competences: {x: 1}\n",
            "not_a_list",
            7,
        ),
        (
            "orgmodel: 1\nunits:\n  - id: a\npeople:\n  - id: m\n    holds: kommunikator\n",
            "not_a_list",
            6,
        ),
        (
            "orgmodel: 1\nunits:\n  - id: a\npeople:\n  - id: m\n    holds:\n      - kommunikator\n",
            "not_a_mapping",
            7,
        ),
        ("orgmodel: 1\nmeta: [a]\n", "not_a_mapping", 2),
    ],
)
def test_structural_problems_are_located(text, code, line):
    problems = [p for p in loads(text, source="x.yaml").report() if p.code == code]
    assert [p.location.line for p in problems] == [line]
    assert str(problems[0].location) == f"x.yaml, line {line}"


def test_structural_problems_are_all_collected_not_just_the_first():
    text = "units:\n  - 1\n  - [a]\nposts: {}\n"  # no version, two bad units, posts a mapping
    codes = loads(text).report().codes()
    assert codes == ["missing_version", "not_a_mapping", "not_a_mapping", "not_a_list"]


def test_yaml_syntax_error_names_file_line_and_column(tmp_path):
    path = tmp_path / "trasig.yaml"
    path.write_text("orgmodel: 1\nunits:\n  - id: a\n    name: [Kansliet\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"trasig\.yaml, line 5, column 1: not valid YAML"):
        read_orgfile(path)


def test_empty_file_and_non_mapping_document():
    with pytest.raises(FormatError, match="empty"):
        loads("", source="tom.yaml")
    with pytest.raises(FormatError, match="line 1: an orgmodel file must be a mapping"):
        loads("- a\n- b\n")


def test_a_newer_format_version_is_refused():
    with pytest.raises(UnsupportedFormatError, match="format version 2 is newer"):
        loads("orgmodel: 2\n")


def test_unknown_top_level_keys_are_kept_with_a_warning():
    draft = loads("orgmodel: 1\nunit:\n  - id: a\nbeslut: KS 2024-01-10 § 4\n")
    assert draft.meta == {"unit": [{"id": "a"}], "beslut": "KS 2024-01-10 § 4"}
    warning = draft.report().warnings[0]
    assert warning.code == "unknown_key" and "did you mean 'units'" in warning.message
    org = draft.build()
    assert loads(dumps(org)).build() == org


def test_ids_are_the_text_as_written():
    draft = loads("orgmodel: 1\nunits:\n  - id: 001\n  - id: yes\n  - id: 2024-01-10\n")
    assert [u.id for u in draft.units] == ["001", "yes", "2024-01-10"]


def test_defaults_are_left_out_and_nordic_text_stays_readable():
    org = Organisation(
        units=[
            Unit("vård", "Vård och omsorg – Øst", kind="department"),
            Unit("ærø", parent="vård"),
        ],
        posts=[
            Post("usk", unit="vård", title="Undersköterska", fte_budgeted=450.0),
            Post(
                "sjuksköterska",
                unit="vård",
                fte_budgeted=12.0,
                fte_actual=10.5,
                cost=6_300_000,
                reports_to="usk",
                competences=("omvårdnad",),
            ),
            Post("vakant", unit="ærø", vacant=True),
        ],
        people=[Person("åsa", "Åsa Öberg")],
        holdings=[Holding("åsa", "usk", 0.5)],
        competences=[Competence("omvårdnad", "Omvårdnad")],
        links=[Link("vård", "ærø", weight=2.0)],
        name="Hjo kommun",
        meta={"currency": "SEK", "date": dt.date(2024, 1, 10)},
    )
    # Written by hand from format v1: fte_actual only where it differs from its default
    # (budgeted, or 0 for a vacancy), cost only when not 0, kind only when not 'unit',
    # vacant only when true, weight only when not 1, directed only when true. Competence
    # lists are written on one line; nested lists sit at their key's indent (libyaml's way).
    expected = """\
orgmodel: 1
name: Hjo kommun
meta:
  currency: SEK
  date: 2024-01-10
units:
  - id: vård
    name: Vård och omsorg – Øst
    kind: department
  - id: ærø
    name: ærø
    parent: vård
posts:
  - id: usk
    unit: vård
    title: Undersköterska
    fte_budgeted: 450.0
  - id: sjuksköterska
    unit: vård
    title: sjuksköterska
    fte_budgeted: 12.0
    fte_actual: 10.5
    cost: 6300000.0
    reports_to: usk
    competences: [omvårdnad]
  - id: vakant
    unit: ærø
    title: vakant
    fte_budgeted: 1.0
    vacant: true
people:
  - id: åsa
    name: Åsa Öberg
    holds:
    - post: usk
      share: 0.5
competences:
  - id: omvårdnad
    name: Omvårdnad
links:
  - source: vård
    target: ærø
    kind: collaboration
    weight: 2.0
"""
    assert dumps(org) == expected
    assert_organisations_equal(loads(expected).build(), org)


def test_attributes_of_every_type_survive(tmp_path):
    attrs = {
        "kommun": "Hjørring",
        "antal": 3,
        "andel": 0.25,
        "hel": 2.0,
        "aktiv": True,
        "ingen": None,
        "beslut": dt.date(2024, 1, 10),
        "tid": dt.datetime(2024, 1, 10, 13, 30, 5),
        "lista": ["a", 1, None, "2024-01-10"],
        "karta": {"å": [1, 2], "nej": "no"},
        "tom": "",
        "siffror": "001",
    }
    org = Organisation([Unit("a", attrs=attrs)], [Post("p", unit="a", attrs={"yes": "no"})])
    write_orgfile(org, tmp_path / "org.yaml")
    assert_organisations_equal(read_orgfile(tmp_path / "org.yaml").build(), org)


def test_a_bom_and_windows_line_ends_are_read(tmp_path):
    path = tmp_path / "win.yaml"
    path.write_bytes("\ufefforgmodel: 1\r\nunits:\r\n  - id: å\r\n".encode())
    assert read_orgfile(path).build().unit_map["å"].name == "å"


def test_an_attribute_named_like_a_field_cannot_be_written():
    org = Organisation([Unit("a", attrs={"parent": "x"})], validate=False)
    with pytest.raises(FormatError, match="attribute 'parent' has the name of a field"):
        dumps(org)


def test_holdings_may_also_be_a_list_of_their_own():
    text = """\
orgmodel: 1
units:
  - id: ks
posts:
  - id: p
    unit: ks
people:
  - id: åsa
holdings:
  - person: åsa
    post: p
    share: 0.4
  - post: p
"""
    draft = loads(text, source="h.yaml")
    assert [(h.person, h.post, h.share) for h in draft.holdings[:1]] == [("åsa", "p", 0.4)]
    (problem,) = draft.report().errors
    # the second entry, "- post: p", is line 13 of the text
    assert (problem.code, problem.field, problem.location.line) == ("missing_value", "person", 13)


def test_a_file_that_is_not_utf8_is_named(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("orgmodel: 1\nname: Malmö\n".encode("latin-1"))
    with pytest.raises(FormatError, match=r"latin1\.yaml: not UTF-8 text \(byte 22\)"):
        read_orgfile(path)  # "orgmodel: 1\nname: Malm" is 22 bytes; the ö (0xF6) follows


def test_text_with_line_breaks_is_written_on_one_line():
    org = Organisation([Unit("a", "Kansliet\noch staben", attrs={"not": "rad ett\nrad två\n"})])
    text = dumps(org)
    assert '    name: "Kansliet\\noch staben"\n' in text
    assert '    not: "rad ett\\nrad två\\n"\n' in text
    assert loads(text).build() == org
