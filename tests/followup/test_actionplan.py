"""Action plans: Jönköping's plan as in the document, deadlines, party resolution, files.

The figures about examples/jonkoping-actionplan.yaml are counted by hand in the source
document (seeds/000, "Förslag till handlingsplan med anledning av utvärdering av Kommunal
utveckling", 2019-01-31): five headings with "Åtgärder" and under them 3 + 6 + 3 + 3 + 3 = 18
bullet points, each followed by one "Ansvarig:" line.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from orgmodel.datasets import load_example
from orgmodel.errors import FormatError, UnsupportedFormatError, ValidationError
from orgmodel.followup.actionplan import (
    Action,
    ActionPlan,
    AmbiguousPartyError,
    Deadline,
    Theme,
    UnknownPartyError,
    actionplan_from_yaml,
    actionplan_to_yaml,
    check_parties,
    parse_deadline,
    read_actionplan,
    resolve_party,
    write_actionplan,
)
from orgmodel.model import Organisation, Post, Unit

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "jonkoping-actionplan.yaml"


@pytest.fixture(scope="module")
def plan() -> ActionPlan:
    return read_actionplan(EXAMPLE)


@pytest.fixture(scope="module")
def org() -> Organisation:
    return load_example("jonkoping-kommunal-utveckling")


# ---- the Jönköping plan against the document ------------------------------------------------


def test_the_plan_has_the_documents_five_themes_and_eighteen_actions(plan):
    assert [t.title for t in plan.themes] == [
        "Primärkommunalt samverkansorgan PKS",
        "Olika partnerskap med olika behov",
        "Stärka forskningens betydelse",
        "Stärka Kommunal utvecklings identitet",
        "Den interna organiseringen inom Kommunal utveckling",
    ]
    per_theme = [sum(a.theme == t.id for a in plan.actions) for t in plan.themes]
    assert per_theme == [3, 6, 3, 3, 3]  # bullets under each "Åtgärder" heading
    assert len(plan) == 18


def test_every_action_keeps_the_documents_ansvarig_line(plan):
    # The "Ansvarig:" lines of the document, in order (diacritics restored).
    assert [a.responsible_text for a in plan.actions] == [
        "PKS.",
        "PKS.",
        "Kommunal utvecklings kvalitetssamordnare och respektive områdesansvarig.",
        "Styrgrupperna för respektive partnerskap.",
        "Styrgrupperna för respektive partnerskap.",
        "Utvecklingschefen för Kommunal utveckling och områdesansvariga.",
        "Styrgrupperna för respektive partnerskap.",
        "PKS.",
        "Kommunal utveckling och länets kommuner.",
        "Respektive områdesansvarig tillsammans med chefsnätverk.",
        "Respektive områdesansvarig.",
        "Länets socialchefer.",
        "Respektive områdesansvarig och verksamhetens kommunikatör.",
        "Respektive områdesansvarig.",
        "Utvecklingschefen för Kommunal utveckling och verksamhetens medarbetare.",
        "Utvecklingschefen för Kommunal utveckling.",
        "Utvecklingschefen för Kommunal utveckling.",
        "Ledningsgruppen för Kommunal utveckling.",
    ]


def test_the_documents_dates(plan):
    # "under våren 2019 ... fullt ut verkställs ... från och med 1 januari 2020" and
    # "Ambitionen är att detta träder ikraft den 1 januari 2020"; no other action has a date.
    assert plan.action("pks-1").deadline.text == "våren 2019"
    assert plan.action("pks-1").due == dt.date(2019, 6, 30)
    assert plan.action("pks-2").due == dt.date(2020, 1, 1)
    assert [a.id for a in plan.actions if a.deadline is not None] == ["pks-1", "pks-2"]
    # "Årligen genomförs en översyn av befintliga nätverk"
    assert plan.action("partnerskap-4").recurrence == "årligen"


def test_every_party_of_the_plan_resolves_in_the_organisation(plan, org):
    assert check_parties(plan, org).ok


# ---- deadlines -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("våren 2019", (2019, 1, 1), (2019, 6, 30)),
        ("Under våren 2019", (2019, 1, 1), (2019, 6, 30)),
        ("hösten 2019", (2019, 7, 1), (2019, 12, 31)),
        ("sommaren 2020", (2020, 6, 1), (2020, 8, 31)),
        ("första halvåret 2013", (2013, 1, 1), (2013, 6, 30)),
        ("slutet av året 2013", (2013, 10, 1), (2013, 12, 31)),
        ("Q3 2019", (2019, 7, 1), (2019, 9, 30)),
        ("kvartal 1 2020", (2020, 1, 1), (2020, 3, 31)),
        ("mars 2013", (2013, 3, 1), (2013, 3, 31)),
        ("februari 2020", (2020, 2, 1), (2020, 2, 29)),  # 2020 is a leap year
        ("2019", (2019, 1, 1), (2019, 12, 31)),
        ("1 januari 2020", (2020, 1, 1), (2020, 1, 1)),
        ("den 6 december 2018", (2018, 12, 6), (2018, 12, 6)),
        ("2020-01-01", (2020, 1, 1), (2020, 1, 1)),
    ],
)
def test_deadline_periods(text, start, end):
    d = parse_deadline(text)
    assert (d.start, d.end) == (dt.date(*start), dt.date(*end))
    assert d.text == " ".join(text.split())


@pytest.mark.parametrize("bad", ["snart", "våren", "30 februari 2020", "", "Q5 2019"])
def test_unreadable_deadlines_say_what_is_accepted(bad):
    with pytest.raises(ValueError, match="cannot read the deadline"):
        parse_deadline(bad)


def test_deadline_from_a_date_is_written_back_as_a_date():
    d = Deadline.parse(dt.date(2020, 1, 1))
    assert d.to_value() == dt.date(2020, 1, 1)
    assert parse_deadline("våren 2019").to_value() == "våren 2019"


# ---- immutability --------------------------------------------------------------------------


def test_changing_a_status_makes_a_new_plan(plan):
    changed = plan.with_status("intern-1", "pågår")
    assert changed.action("intern-1").status == "in progress"
    assert plan.action("intern-1").status == "planned"
    assert changed != plan
    assert [a.id for a in changed.actions] == [a.id for a in plan.actions]


def test_unknown_status_lists_the_valid_ones(plan):
    with pytest.raises(ValueError, match="'planned', 'in progress', 'done', 'cancelled'"):
        plan.with_status("intern-1", "halvklar")


def test_plan_rejects_duplicate_ids_and_unknown_themes():
    with pytest.raises(ValueError, match=r"two actions have the id 'a'.*no theme 'x'"):
        ActionPlan(
            "P",
            None,
            [Theme("t", "T")],
            [Action("a", "x", "t"), Action("a", "y", "t"), Action("b", "z", "x")],
        )


# ---- resolution ----------------------------------------------------------------------------


def test_aliases_stand_for_groups_of_ids(org):
    # meta.responsible_parties of examples/jonkoping-kommunal-utveckling.yaml
    assert resolve_party("Styrgrupperna för respektive partnerskap", org) == (
        "styrgrupp-fourum-social-valfard",
        "styrgrupp-fourum-utbildning",
        "styrgrupp-fourum-fritid",
        "styrgrupp-miljosamverkan",
        "styrgrupp-kurs-och-konferens",
    )
    # case, spacing and the final full stop of "Ansvarig: PKS." do not matter
    assert resolve_party("  pks. ", org) == ("pks",)


def test_ids_names_and_titles_resolve(org):
    assert resolve_party("kommunikator", org) == ("kommunikator",)  # post id
    assert resolve_party("Jönköping University", org) == ("jonkoping-university",)  # unit name
    assert resolve_party("Kvalitetssamordnare", org) == ("kvalitetssamordnare",)  # post title


def test_a_name_that_matches_nothing_lists_close_matches(org):
    with pytest.raises(UnknownPartyError) as info:
        resolve_party("Utvecklingschefen", org)
    message = str(info.value)
    assert "'Utvecklingschefen'" in message
    assert "'Utvecklingschefen för Kommunal utveckling'" in message
    assert "'Utvecklingschef för Kommunal utveckling'" in message


def test_a_name_that_matches_several_units_or_posts_lists_them():
    org = Organisation(
        name="Kommun",
        units=[Unit("kansliet", "Kansliet"), Unit("skola", "Skolförvaltningen")],
        posts=[
            Post("kommunikator-ks", unit="kansliet", title="Kommunikatör"),
            Post("kommunikator-skola", unit="skola", title="Kommunikatör"),
        ],
    )
    with pytest.raises(AmbiguousPartyError) as info:
        resolve_party("kommunikatör", org)
    assert "matches 2 entries" in str(info.value)
    assert "'kommunikator-ks'" in str(info.value)
    assert "'kommunikator-skola'" in str(info.value)
    # the id is not ambiguous, and an explicit alias decides
    assert resolve_party("kommunikator-ks", org) == ("kommunikator-ks",)
    assert resolve_party("Kommunikatör", org, {"Kommunikatör": ["kommunikator-ks"]}) == (
        "kommunikator-ks",
    )


def test_check_parties_lists_every_bad_party_with_its_field(org):
    plan = ActionPlan(
        "P",
        "PKS",
        [Theme("t", "T")],
        [
            Action("a1", "x", "t", ["PKS", "Styrgrupen"]),
            Action(
                "a2",
                "y",
                "t",
                ["PKS"],
                participants=["Kommunikatören"],
                informed=["Länets 13 kommuner"],
            ),  # a unit name: resolves
        ],
    )
    report = check_parties(plan, org)
    assert [(p.id, p.field, p.value, p.code) for p in report] == [
        ("a1", "responsible", "Styrgrupen", "unknown_party"),
        ("a2", "participants", "Kommunikatören", "unknown_party"),
    ]


# ---- files ---------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".yaml", ".xlsx"])
def test_round_trip_of_the_example_is_lossless(plan, tmp_path, suffix):
    path = tmp_path / f"plan{suffix}"
    write_actionplan(plan, path)
    again = read_actionplan(path)
    assert again == plan
    assert again.meta["date"] == dt.date(2019, 1, 31)


@pytest.mark.parametrize("suffix", [".yaml", ".xlsx"])
def test_round_trip_keeps_free_attributes_and_top_level_keys(tmp_path, suffix):
    plan = ActionPlan(
        "Plan = test",
        "Nämnden",
        [Theme("t", "Tema", "Beskrivning", {"färg": "blå", "ordning": 2})],
        [
            Action(
                "a",
                "=SUM(A1)",
                "t",
                ["Kansliet", "HR"],
                "Kansliet och HR.",
                "KS",
                ["Ekonomi"],
                ["Alla"],
                "hösten 2024",
                "årligen",
                "pågår",
                "anteckning",
                {"kostnad": 12000.5, "taggar": ["x", "y"], "start": dt.date(2024, 8, 1)},
            ),
            Action("b", "Text", "t", deadline=dt.date(2024, 12, 31), status="klar"),
        ],
        meta={"källa": "test", "nested": {"a": [1, 2]}},
        extra={"version_note": "kept", "list": [1, "två"]},
    )
    path = tmp_path / f"p{suffix}"
    write_actionplan(plan, path)
    assert read_actionplan(path) == plan


def test_yaml_text_starts_with_the_format_version(plan):
    assert actionplan_to_yaml(plan).startswith("orgmodel-actionplan: 1\n")


BROKEN = """\
orgmodel-actionplan: 1
title: Trasig plan
themes:
  - id: t
    title: Tema
  - id: t
    title: Samma id
actions:
  - id: a1
    theme: t
    text: OK
  - id: a2
    theme: tema
    text: Fel tema
  - id: a3
    theme: t
    text: Fel datum
    deadline: snart
  - id: a1
    theme: t
    text: Samma id
  - id: a5
    theme: t
    text: Fel status
    status: halvklar
  - id: a6
    theme: t
    responsible: 12
    text: Ansvarig är ett tal
"""


def test_a_broken_yaml_file_lists_every_problem_with_its_line():
    with pytest.raises(ValidationError) as info:
        actionplan_from_yaml(BROKEN, "plan.yaml")
    found = [(p.location.line, p.code, p.field) for p in info.value.report]
    # lines counted in BROKEN above
    assert found == [
        (6, "duplicate_id", "id"),
        (13, "unknown_theme", "theme"),
        (18, "bad_deadline", "deadline"),
        (19, "duplicate_id", "id"),
        (25, "bad_status", "status"),
        (28, "not_a_list", "responsible"),
    ]
    assert "plan.yaml, line 13: actions 'a2', field theme = 'tema': no theme 'tema'" in str(
        info.value
    )


def test_a_broken_workbook_lists_every_problem_with_sheet_and_row(tmp_path):
    from openpyxl import load_workbook

    plan = ActionPlan(
        "P",
        "PKS",
        [Theme("t", "T")],
        [Action("a", "x", "t", ["PKS"]), Action("b", "y", "t", ["PKS"])],
    )
    path = tmp_path / "plan.xlsx"
    write_actionplan(plan, path)
    wb = load_workbook(path)
    ws = wb["actions"]
    header = [c.value for c in ws[1]]
    ws.cell(2, header.index("deadline") + 1, "någon gång")  # row 2 = action a
    ws.cell(3, header.index("theme") + 1, "tt")  # row 3 = action b
    ws.cell(3, header.index("status") + 1, "kanske")
    wb.save(path)
    with pytest.raises(ValidationError) as info:
        read_actionplan(path)
    found = [(p.location.sheet, p.location.row, p.code) for p in info.value.report]
    assert found == [
        ("actions", 2, "bad_deadline"),
        ("actions", 3, "unknown_theme"),
        ("actions", 3, "bad_status"),
    ]


def test_newer_format_versions_and_other_files_are_refused(tmp_path):
    with pytest.raises(UnsupportedFormatError, match="line 1: format version 2"):
        actionplan_from_yaml("orgmodel-actionplan: 2\ntitle: x\n", "p.yaml")
    with pytest.raises(FormatError, match="the key 'orgmodel-actionplan: 1' is missing"):
        actionplan_from_yaml("orgmodel: 1\nname: x\n", "org.yaml")
    with pytest.raises(FormatError, match=r"p\.yaml, line \d+: not valid YAML"):
        actionplan_from_yaml("orgmodel-actionplan: 1\ntitle: [unclosed\n", "p.yaml")
    with pytest.raises(UnsupportedFormatError):
        read_actionplan(tmp_path / "plan.csv")


def test_saving_is_atomic(plan, tmp_path, monkeypatch):
    path = tmp_path / "plan.yaml"
    write_actionplan(plan, path)
    before = path.read_text(encoding="utf-8")
    import orgmodel.followup.actionplan as module

    def boom(_plan):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(module, "actionplan_to_yaml", boom)
    with pytest.raises(RuntimeError):
        write_actionplan(plan.with_status("pks-1", "done"), path)
    assert path.read_text(encoding="utf-8") == before
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def test_top_level_problems_name_their_line():
    with pytest.raises(ValidationError) as info:
        actionplan_from_yaml("orgmodel-actionplan: 1\ntitle: ''\nmeta: 3\n", "p.yaml")
    assert [(p.location.line, p.code, p.field) for p in info.value.report] == [
        (2, "missing_field", "title"),
        (3, "not_a_mapping", "meta"),
    ]
