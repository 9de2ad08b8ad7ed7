"""TeamBuilder's labels follow ``lang=`` and the session language (traitlet level).

The organisation and needs are those of tests/widgets/test_team_builder.py, where the
teams were worked out by hand: for Viktor larare 0.1 + socsek 0.2 FTE, 3 of 3 requirements
covered, 2 units, 2 main missions; after replacing socsek by kurator 2 of 3 covered, 1 unit,
1 main mission. kurator has 2 FTE budgeted and no other work, so 2 FTE free (lendable
share 1). The expected texts are the catalogue entries written out by hand, so that a
changed translation shows up here.
"""

from __future__ import annotations

import pytest

pytest.importorskip("ipywidgets")

from orgmodel.i18n import UnknownLanguageError, language, set_language
from orgmodel.model import Organisation, Post, Unit
from orgmodel.staffing import Need, Requirement
from orgmodel.widgets.team_builder import TeamBuilder


@pytest.fixture(autouse=True)
def _english_session(monkeypatch):
    monkeypatch.delenv("ORGMODEL_LANG", raising=False)
    set_language(None)
    yield
    set_language(None)


@pytest.fixture
def org() -> Organisation:
    return Organisation(
        [
            Unit("kommun", "Exempelkommun"),
            Unit("skola", "Skolan", parent="kommun"),
            Unit("soc", "Socialtjänsten", parent="kommun"),
            Unit("fritid", "Fritid", parent="kommun"),
        ],
        [
            Post("larare", unit="skola", title="<b>Lärare</b>", fte_budgeted=10, competences=("pedagogik",)),
            Post("kurator", unit="skola", title="Kurator", fte_budgeted=2, competences=("socialt-arbete", "krisstod")),
            Post("socsek", unit="soc", title="Socialsekreterare", fte_budgeted=5, competences=("socialt-arbete", "beroende")),
            Post("fritidsledare", unit="fritid", title="Fritidsledare", competences=("foreningsliv",)),
        ],
    )  # fmt: skip


@pytest.fixture
def needs() -> list[Need]:
    return [
        Need("viktor", "Viktor <12 år>", requirements=(
            Requirement("pedagogik", 0.1), Requirement("socialt-arbete", 0.1), Requirement("beroende", 0.1))),
        Need("ibrahim", "Ibrahim", requirements=(Requirement("krisstod", 0.1), Requirement("foreningsliv", 0.1))),
    ]  # fmt: skip


def _labels(tb: TeamBuilder) -> tuple[str, ...]:
    return (
        tb.need_choice.description,
        tb.swap_out.description,
        tb.swap_in.description,
        tb.swap_button.description,
        tb.reset_button.description,
    )


EXPECTED = {
    "en": {
        "labels": ("Need", "Replace", "with", "Swap", "Proposed team"),
        "summary": "Covered 3 of 3 requirements · 2 members · 2 units · 2 main missions",
        "swapped": "Covered 2 of 3 requirements · 2 members · 1 unit · 1 main mission",
        "candidate": "Kurator (skola, 2 FTE free)",
        "members_head": "<th>member</th><th>unit</th><th>main mission</th><th>covers</th><th>FTE</th>",
        "coverage_head": "<th>requirement</th><th>competence</th><th>FTE</th><th>provided by</th>",
        "coordinator": "★ coordinator",
        "fte": "0.1",
    },
    "sv": {
        "labels": ("Behov", "Ersätt", "med", "Byt", "Föreslaget team"),
        "summary": "3 av 3 krav täckta · 2 medlemmar · 2 enheter · 2 huvuduppdrag",
        "swapped": "2 av 3 krav täckta · 2 medlemmar · 1 enhet · 1 huvuduppdrag",
        "candidate": "Kurator (skola, 2 åa lediga)",
        "members_head": "<th>medlem</th><th>enhet</th><th>huvuduppdrag</th><th>täcker</th><th>åa</th>",
        "coverage_head": "<th>krav</th><th>kompetens</th><th>åa</th><th>täcks av</th>",
        "coordinator": "★ samordnare",
        "fte": "0,1",
    },
    "nb": {
        "labels": ("Behov", "Erstatt", "med", "Bytt", "Foreslått team"),
        "summary": "3 av 3 krav dekket · 2 medlemmer · 2 enheter · 2 hovedoppdrag",
        "swapped": "2 av 3 krav dekket · 2 medlemmer · 1 enhet · 1 hovedoppdrag",
        "candidate": "Kurator (skola, 2 årsverk ledig)",
        "members_head": "<th>medlem</th><th>enhet</th><th>hovedoppdrag</th><th>dekker</th><th>årsverk</th>",
        "coverage_head": "<th>krav</th><th>kompetanse</th><th>årsverk</th><th>dekkes av</th>",
        "coordinator": "★ koordinator",
        "fte": "0,1",
    },
}  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "sv", "nb"])
def test_everything_shown_in_the_chosen_language(org, needs, lang):
    want = EXPECTED[lang]
    tb = TeamBuilder(org, needs, lang=lang)
    assert _labels(tb) == want["labels"]
    assert tb.summary.value == want["summary"]
    assert want["members_head"] in tb.members_view.value
    assert want["coordinator"] in tb.members_view.value
    # larare gives 0.1 FTE (the hand-worked team above)
    assert f"<td style='text-align:right'>{want['fte']}</td>" in tb.members_view.value
    assert want["coverage_head"] in tb.coverage_view.value
    tb.swap_out.value = "socsek"
    assert [label for label, _ in tb.swap_in.options] == [want["candidate"]]
    tb.swap_button.click()
    assert tb.summary.value == want["swapped"]


def test_changing_the_trait_relabels_and_keeps_the_team(org, needs):
    tb = TeamBuilder(org, needs)
    assert tb.lang == "en"
    tb.swap_out.value = "socsek"
    tb.swap_in.value = "kurator"
    tb.lang = "sv"
    assert _labels(tb) == EXPECTED["sv"]["labels"]
    assert tb.summary.value == EXPECTED["sv"]["summary"]
    assert EXPECTED["sv"]["members_head"] in tb.members_view.value
    assert tb.swap_out.value == "socsek" and tb.swap_in.value == "kurator"
    assert tb.swap_in.options[0][0] == EXPECTED["sv"]["candidate"]
    assert tb.members == ("larare", "socsek")
    tb.lang = "nb_NO"  # a locale name is taken as its language
    assert tb.lang == "nb"
    assert tb.summary.value == EXPECTED["nb"]["summary"]
    tb.lang = "en"
    assert _labels(tb) == EXPECTED["en"]["labels"]
    assert tb.summary.value == EXPECTED["en"]["summary"]


def test_default_is_the_session_language(org, needs):
    with language("nb"):
        tb = TeamBuilder(org, needs)
    assert tb.lang == "nb"
    assert tb.summary.value == EXPECTED["nb"]["summary"]
    assert TeamBuilder(org, needs).lang == "en"  # the session is English again


def test_messages_in_the_chosen_language(org, needs):
    tb = TeamBuilder(org, needs, lang="sv")
    tb.swap("kurator", "fritidsledare")
    assert tb.errors.value == "<b>kurator är inte med i teamet</b>"
    tb.swap("larare", "socsek")
    assert tb.errors.value == "<b>socsek är redan med i teamet</b>"
    tb.lang = "nb"
    tb.swap("kurator", "fritidsledare")
    assert tb.errors.value == "<b>kurator er ikke med i teamet</b>"
    tb.lang = "en"
    tb.swap("kurator", "fritidsledare")
    assert tb.errors.value == "<b>kurator is not in the team</b>"


def test_unknown_language_refused(org, needs):
    with pytest.raises(UnknownLanguageError, match=r"en \(English\), sv \(svenska\), nb"):
        TeamBuilder(org, needs, lang="de")
    tb = TeamBuilder(org, needs)
    with pytest.raises(UnknownLanguageError):
        tb.lang = "fi"
    assert tb.lang == "en" and tb.swap_button.description == "Swap"
