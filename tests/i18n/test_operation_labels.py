"""Operation descriptions (``describe(lang)``) in English, Swedish and Norwegian bokmål.

The English lines are those ``describe()`` gave before it took a language, written out by
hand from its former f-strings (e.g. ``f"merge units {', '.join(units)} into {into}"``).
The Swedish and Norwegian lines are written out by hand as a consultant would write them:
"slå ihop enheterna ..." / "slå sammen enhetene ...", a tjänst / stilling for a post,
årsarbetare / årsverk for FTE, and a decimal comma (0,6).
"""

from __future__ import annotations

import pytest

from orgmodel.i18n import LANGUAGES, UnknownLanguageError, catalog, language, set_language
from orgmodel.model import Link, Organisation, Post, Unit
from orgmodel.reorg import Scenario
from orgmodel.reorg.operations import (
    OPERATIONS,
    AddLink,
    AddPost,
    AttachToBody,
    ChangePost,
    ChangeReportingLine,
    ChangeUnit,
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
    SetDetails,
    SplitUnit,
)


@pytest.fixture(autouse=True)
def _english_session(monkeypatch):
    monkeypatch.delenv("ORGMODEL_LANG", raising=False)
    set_language(None)
    yield
    set_language(None)


MERGE = MergeUnits(("kom", "vu"), into="utv")
MOVE_POST = MovePost("k1", "utv")
REALLOCATE = ReallocateFTE("kom", "vu", 0.6, which="actual")

# (operation, English as before) for every kind, and for the variants of a kind
# whose English wording differs (under a parent / at the top / to nobody ...).
ENGLISH = [
    (CreateUnit("x"), "create unit x"),
    (CreateUnit("x", parent="kansli"), "create unit x under kansli"),
    (RenameUnit("kom", "Kommunikation"), "rename unit kom to 'Kommunikation'"),
    (ChangeUnit("kom", name="K"), "change unit kom: name 'K'"),
    (SetDetails(name="Hjo"), "set the organisation's name"),
    (SetDetails(name="Hjo", meta={"year": 2024}), "set the organisation's name and meta"),
    (MoveUnit("kom", new_parent="kansli"), "move unit kom under kansli"),
    (MoveUnit("kom", new_parent=None), "move unit kom under the top"),
    (DissolveUnit("kom"), "dissolve unit kom"),
    (DissolveUnit("kom", into="vu"), "dissolve unit kom into vu"),
    (MERGE, "merge units kom, vu into utv"),
    (
        SplitUnit("kom", (Part("a", posts=("k1",)), Part("b", posts=("k2",)))),
        "split unit kom into a, b",
    ),
    (AttachToBody("kom", "ks"), "attach unit kom to ks"),
    (MOVE_POST, "move post k1 to utv"),
    (ChangeReportingLine("k1", "chef"), "let post k1 report to chef"),
    (ChangeReportingLine("k1", None), "let post k1 report to nobody"),
    (ChangePost("k1", fte_budgeted=0.5), "change post k1: fte_budgeted 0.5"),
    (REALLOCATE, "move 0.6 actual FTE from kom to vu"),
    (ReallocateFTE("kom", "vu", 1.0), "move 1 both FTE from kom to vu"),
    (AddPost(Post("k3", unit="kom", title="Kommunikatör")), "add post k3 (Kommunikatör) to kom"),
    (RemovePost("k1"), "remove post k1"),
    (AddLink(Link("k1", "v1")), "add collaboration link k1 - v1"),
    (RemoveLink("k1", "v1"), "remove collaboration link k1 - v1"),
]


def test_every_operation_kind_has_a_label_in_every_catalogue():
    for code in LANGUAGES:
        keys = catalog(code)
        missing = [kind for kind in OPERATIONS if f"reorg.op.{kind}" not in keys]
        assert missing == [], f"{code}.yaml lacks reorg.op.<kind> for {missing}"


def test_the_swedish_and_norwegian_catalogues_have_every_english_operation_key():
    english = {k for k in catalog("en") if k.startswith("reorg.op.")}
    for code in ("sv", "nb"):
        assert english - set(catalog(code)) == set(), code


def test_english_descriptions_are_unchanged():
    assert {type(op).kind for op, _ in ENGLISH} == set(OPERATIONS)
    for op, text in ENGLISH:
        assert op.describe() == text
        assert op.describe("en") == text


def test_english_is_the_default_whatever_the_session_language():
    with language("sv"):
        assert MERGE.describe() == "merge units kom, vu into utv"


@pytest.mark.parametrize("code", ["sv", "nb"])
def test_every_description_is_translated(code):
    # no line may fall back to the English text (a catalogue key forgotten or mistyped)
    for op, text in ENGLISH:
        assert op.describe(code) != text, (code, text)


def test_merge_in_swedish_and_norwegian():
    assert MERGE.describe("sv") == "slå ihop enheterna kom, vu till utv"
    assert MERGE.describe("nb") == "slå sammen enhetene kom, vu til utv"


def test_move_post_in_swedish_and_norwegian():
    assert MOVE_POST.describe("sv") == "flytta tjänsten k1 till utv"
    assert MOVE_POST.describe("nb") == "flytt stillingen k1 til utv"


def test_reallocate_fte_in_swedish_and_norwegian():
    assert REALLOCATE.describe("sv") == "flytta 0,6 årsarbetare (utfall) från kom till vu"
    assert REALLOCATE.describe("nb") == "flytt 0,6 årsverk (faktisk) fra kom til vu"
    both = ReallocateFTE("kom", "vu", 1.5)
    assert both.describe("sv") == "flytta 1,5 årsarbetare (budget och utfall) från kom till vu"
    assert both.describe("nb") == "flytt 1,5 årsverk (budsjett og faktisk) fra kom til vu"


def test_language_spellings_and_an_unknown_language():
    assert MERGE.describe("sv_SE") == MERGE.describe("sv")
    assert MERGE.describe("no") == MERGE.describe("nb")
    with pytest.raises(UnknownLanguageError, match="unknown language 'de'"):
        MERGE.describe("de")


def _org() -> Organisation:
    return Organisation(
        units=[Unit("kansli"), Unit("kom", parent="kansli"), Unit("vu", parent="kansli")],
        posts=[
            Post("k1", unit="kom", fte_budgeted=1.0, fte_actual=1.6),
            Post("v1", unit="vu", fte_budgeted=3.0, fte_actual=2.4),
        ],
    )


def test_scenario_run_step_table_english_by_default_and_in_another_language():
    scenario = Scenario("s", [MERGE, MovePost("v1", "nowhere")])
    with language("nb"):  # the session language does not change the default
        english = scenario.run(_org()).steps["description"].tolist()
    assert english == ["merge units kom, vu into utv", "move post v1 to nowhere"]
    swedish = scenario.run(_org(), lang="sv").steps
    assert swedish["description"].tolist() == [
        "slå ihop enheterna kom, vu till utv",
        "flytta tjänsten v1 till nowhere",
    ]
    assert swedish["applied"].tolist() == [True, False]


def test_simulator_step_list_follows_its_language():
    pytest.importorskip("ipywidgets")
    from orgmodel.widgets.simulator import ReorgSimulator

    sim = ReorgSimulator(_org(), show_chart=False, lang="sv")
    assert sim.apply(MERGE)
    assert sim.steps["description"].tolist() == ["slå ihop enheterna kom, vu till utv"]
    assert "slå ihop enheterna kom, vu till utv" in sim.steps_view.value
    sim.lang = "nb"
    assert sim.steps["description"].tolist() == ["slå sammen enhetene kom, vu til utv"]
    assert "slå sammen enhetene kom, vu til utv" in sim.steps_view.value
    sim.undo()  # the undone step is listed, struck through, in the widget's language
    assert "<s>slå sammen enhetene kom, vu til utv</s>" in sim.steps_view.value
    sim.lang = "en"
    assert "<s>merge units kom, vu into utv</s>" in sim.steps_view.value
