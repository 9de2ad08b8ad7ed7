"""Checklists as data: scales, the YAML file format, the shipped templates, initiatives."""

from __future__ import annotations

import math
import textwrap

import pandas as pd
import pytest
import yaml

from orgmodel.errors import FormatError, UnknownIdError, ValidationError
from orgmodel.model import Organisation, Post, Unit
from orgmodel.prioritise.checklist import (
    Checklist,
    Criterion,
    Gate,
    Initiative,
    Scale,
    as_initiatives,
    check_initiatives,
    list_templates,
    load_checklist,
    load_template,
    save_checklist,
)

# KS, "Strategi for KS som utviklingspartner for kommunesektoren 2016-2019" (Oslo, oktober
# 2015), section 2.2 "Prioritering", page 7: the ten criteria, copied from the document.
KS_CRITERIA_NB = [
    "Ha langsiktig betydning for hele kommunesektoren",
    "Være strategisk viktig og til nytte for kommunesektoren",
    "Gjenspeile kommunesektorens behov",
    "Ha sammenheng med interessepolitiske og/eller arbeidsgiverpolitiske utfordringer",
    "Ha betydning for kommunal handlefrihet, kvalitetsutvikling eller ressursutnyttelse",
    "Gjelde områder med økonomisk tyngde",
    "Gjelde områder hvor det er komplekse og/eller omfattende utfordringer",
    "Handle om nye, innovative metoder for oppgaveløsning",
    "Gjelde områder hvor KS har særskilte fortrinn",
    "Bidra til at kommunesektoren kan hente ut gevinster (kvalitative og økonomiske)",
]
# Same document, section 2.3, page 8: "Sjekkliste: Momenter som skal vurderes ved statlig
# initierte og finansierte prosjekter" (five questions, quoted).
KS_STATE_QUESTIONS_NB = [
    "Er det samsvar mellom grunnlaget for utviklingsprosjektet og kommunenes ønsker?",
    "Har tiltaket et klart formulert mål og en hensikt - som dekker behov i kommunene?",
    "Har prosjektet føringer eller krav til rapportering som ikke samsvarer med hva KS og "
    "kommunesektoren ellers er enige om?",
    "Kan prosjektet komme i konkurranse med KS-initierte prosjekter?",
    "Ved prosjektledelse: Er KS best egnet til å påta seg ansvaret eller er det andre aktører "
    "som er bedre egnet?",
]


# ---- scales ----------------------------------------------------------------------------
def test_yes_partly_no_labels_in_three_languages():
    s = Scale.yes_partly_no()
    # ja/delvis/nei (nb), ja/delvis/nej (sv), yes/partly/no (en) -> 1, 0.5, 0
    assert [s.value(x) for x in ("ja", "delvis", "nei")] == [1.0, 0.5, 0.0]
    assert [s.value(x) for x in ("JA", " Delvis ", "nej")] == [1.0, 0.5, 0.0]
    assert [s.value(x) for x in ("yes", "partly", "no")] == [1.0, 0.5, 0.0]
    assert [s.label(v, "sv") for v in (1, 0.5, 0)] == ["ja", "delvis", "nej"]
    assert math.isnan(s.value(None)) and math.isnan(s.value(""))


def test_labelled_scale_refuses_values_off_the_scale():
    with pytest.raises(ValueError, match="'kanskje' is not on the scale yes_partly_no"):
        Scale.yes_partly_no().value("kanskje")
    with pytest.raises(ValueError, match="not on the scale 1-5"):
        Scale.one_to_five().value(6)
    assert Scale.one_to_five().value("4") == 4.0
    assert Scale.zero_to_three().value("2 i noen grad") == 2.0


def test_numeric_scale_range_and_decimal_comma():
    s = Scale.numeric(0, 100, "min", unit="MNOK")
    assert s.value("12,5") == 12.5
    with pytest.raises(ValueError, match="outside the scale"):
        s.value(101)


def test_criterion_takes_its_direction_from_a_numeric_scale():
    c = Criterion("kost", {"nb": "Kostnad"}, Scale.numeric(0, 10, "min"))
    assert c.direction == "min"
    assert Criterion("x", "X").direction == "max"


# ---- score_frame -------------------------------------------------------------------------
def test_score_frame_turns_labels_into_numbers():
    c = load_template("ks-prioriteringskriterier")
    answers = {
        "ERP": {"langsiktig-betydning": "ja", "gevinster": "delvis"},
        "Barnehage": {"langsiktig-betydning": "nei"},
    }
    frame = c.score_frame(answers)
    assert list(frame.columns) == c.criterion_ids
    assert list(frame.index) == ["ERP", "Barnehage"]
    assert frame.at["ERP", "langsiktig-betydning"] == 1.0
    assert frame.at["ERP", "gevinster"] == 0.5
    assert frame.at["Barnehage", "langsiktig-betydning"] == 0.0
    assert frame.isna().sum().sum() == 20 - 3  # 2 x 10 cells, 3 answered


def test_score_frame_lists_every_bad_answer():
    c = load_template("ks-prioriteringskriterier")
    answers = pd.DataFrame(
        {"gevinster": ["ja", "kanskje"], "okonomisk-tyngde": ["nie", "nei"], "bogus": ["ja", "ja"]},
        index=["a", "b"],
    )
    with pytest.raises(ValidationError) as info:
        c.score_frame(answers)
    problems = info.value.report.to_frame()
    assert sorted(problems["code"]) == ["not_on_scale", "not_on_scale", "unknown_criterion"]
    bad = problems[problems["code"] == "not_on_scale"]
    assert set(zip(bad["id"], bad["field"], bad["value"], strict=True)) == {
        ("b", "gevinster", "kanskje"),
        ("a", "okonomisk-tyngde", "nie"),
    }


def test_answer_frame_inverts_score_frame():
    c = load_template("ks-prioriteringskriterier")
    answers = {"a": dict.fromkeys(c.criterion_ids, "delvis")}
    labels = c.answer_frame(c.score_frame(answers))
    assert set(labels.loc["a"]) == {"delvis"}


# ---- templates -------------------------------------------------------------------------
def test_templates_are_listed():
    assert list_templates() == [
        "ks-prioriteringskriterier",
        "ks-statlige-prosjekter",
        "partsradet-stod",
    ]


def test_ks_template_has_exactly_the_ten_criteria_in_original_wording():
    c = load_template("ks-prioriteringskriterier")
    assert c.language == "nb"
    assert len(c.criteria) == 10
    assert [x.label["nb"] for x in c.criteria] == KS_CRITERIA_NB
    assert all(set(x.label) == {"nb", "sv", "en"} for x in c.criteria)
    assert c.source["publisher"].startswith("KS")
    assert c.source["date"] == "2015-10"
    # no weights in the document: equal weights, 1/10 each
    assert c.weights().tolist() == pytest.approx([0.1] * 10)


def test_ks_state_projects_template_quotes_the_questions():
    c = load_template("ks-statlige-prosjekter")
    assert [g.question["nb"] for g in c.gates] == KS_STATE_QUESTIONS_NB
    assert all(set(g.question) == {"nb", "sv", "en"} for g in c.gates)
    assert c.gate("avvikende-rapporteringskrav").kind == "must_not"
    assert c.gate("konkurranse-med-ks-prosjekter").kind == "must_not"


def test_partsradet_template_is_a_composite_or_rule():
    c = load_template("partsradet-stod")
    (rule,) = c.gates
    assert c.language == "sv"
    assert [g.id for g in rule.any_of] == ["allvarlig-storning-med-plan", "motprestation"]
    assert rule.question["sv"] == "Någon av följande situationer ska i princip vara för handen."
    assert c.source["publisher"] == "Partsrådet" and c.source["date"] == "2013"


@pytest.mark.parametrize(
    "name", ["ks-prioriteringskriterier", "ks-statlige-prosjekter", "partsradet-stod"]
)
def test_template_file_equals_what_the_checklist_writes(name):
    from importlib import resources

    text = (resources.files("orgmodel.prioritise") / "templates" / f"{name}.yaml").read_text(
        "utf-8"
    )
    c = load_template(name)
    assert yaml.safe_load(text) == c.to_dict()


# ---- file round trip ---------------------------------------------------------------------
def _norwegian() -> Checklist:
    return Checklist(
        "æøå-test",
        {"nb": "Prioritering for Ålesund og Tromsø", "sv": "Prioritering för Växjö"},
        language="nb",
        criteria=[
            Criterion("økonomi", {"nb": "Økonomisk tyngde", "en": "Economic weight"}, weight=2),
            Criterion("kost", {"nb": "Kostnad (MNOK)"}, Scale.numeric(0, 50, "min", unit="MNOK")),
            Criterion(
                "egen",
                {"nb": "Egen skala"},
                Scale.from_levels([(2, {"nb": "høy"}), (1, {"nb": "middels"}), (0, {"nb": "lav"})]),
                description={"sv": "Beskrivning på svenska"},
            ),
        ],
        gates=[
            Gate("mål", {"nb": "Klart mål?"}, unknown_allowed=True),
            Gate(
                "regel",
                {"nb": "Enten eller"},
                any_of=(Gate("a", {"nb": "A?"}), Gate("b", {"nb": "B?"}, kind="must_not")),
            ),
        ],
        version="2026-1",
        source={"title": "Prøve", "date": "2026"},
    )


def test_round_trip_yaml_checklist_yaml(tmp_path):
    original = _norwegian()
    path = save_checklist(original, tmp_path / "sjekkliste.yaml")
    text = path.read_text("utf-8")
    assert "Ålesund og Tromsø" in text and "økonomi" in text  # written as letters, not escapes
    assert text.startswith("orgmodel-checklist: 1\n")
    loaded = load_checklist(path)
    assert loaded == original
    save_checklist(loaded, tmp_path / "igjen.yaml")
    assert (tmp_path / "igjen.yaml").read_text("utf-8") == text


def test_from_dict_to_dict_round_trip():
    d = _norwegian().to_dict()
    assert Checklist.from_dict(d).to_dict() == d


BROKEN = textwrap.dedent(
    """\
    orgmodel-checklist: 1
    id: brudd
    language: nb
    title: {nb: Ødelagt}
    criteria:
      - id: a
        label: {nb: A}
        scale: 1-7
      - id: a
        label: {nb: A igjen}
        wieght: 2
      - id: c
        label: {nb: C}
        weight: -1
        direction: up
    gates:
      - id: g
        question: {nb: "Porten?"}
        kind: must
      - id: h
        question: {nb: "Eller?"}
        any_of:
          - id: h1
            question: {nb: "H1?"}
    """
)


def test_every_problem_of_a_broken_file_is_listed_with_its_line(tmp_path):
    path = tmp_path / "brudd.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_checklist(path)
    got = [(p.code, p.location.line) for p in info.value.report]
    # lines counted by hand in BROKEN above
    assert sorted(got) == sorted(
        [
            ("unknown_scale", 8),  # scale: 1-7
            ("duplicate_id", 9),  # second id: a
            ("unknown_field", 11),  # wieght
            ("bad_weight", 14),  # weight: -1
            ("bad_direction", 15),  # direction: up
            ("bad_kind", 19),  # kind: must
            ("bad_composite", 22),  # any_of with one gate
        ]
    )
    assert all(p.location.source == str(path) for p in info.value.report)
    message = str(info.value)
    assert "did you mean 'weight'" in message
    assert "line 11" in message


def test_missing_format_version_and_bad_yaml(tmp_path):
    p = tmp_path / "x.yaml"
    p.write_text("id: x\ntitle: X\ncriteria:\n  - id: a\n    label: A\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="missing_format_version"):
        load_checklist(p)
    p.write_text("orgmodel-checklist: 1\nid: [x\n", encoding="utf-8")
    with pytest.raises(FormatError, match="line 3"):
        load_checklist(p)
    p.write_text("orgmodel-checklist: 2\nid: x\ntitle: X\ncriteria: [{id: a, label: A}]\n")
    with pytest.raises(ValidationError, match="unsupported_version"):
        load_checklist(p)


def test_duplicate_criteria_refused_in_code_too():
    with pytest.raises(ValidationError, match="duplicate_id"):
        Checklist("x", "x", criteria=[Criterion("a", "A"), Criterion("a", "B")])


def test_unknown_template_names_the_valid_ones():
    with pytest.raises(UnknownIdError, match="did you mean 'ks-prioriteringskriterier'"):
        load_template("ks-prioriteringskriterie")


# ---- initiatives -------------------------------------------------------------------------
def test_initiatives_without_an_organisation_are_not_checked():
    items = as_initiatives([Initiative("erp", "Felles ERP", carried_by=("finnes-ikke",))])
    assert check_initiatives(items).ok


def test_initiative_carriers_checked_against_an_organisation():
    org = Organisation(
        [Unit("digi", "Digitalisering")], [Post("cio", unit="digi", title="CIO")], name="KS"
    )
    report = check_initiatives(
        [
            Initiative("erp", carried_by=("digi", "cio")),
            Initiative("bhg", carried_by=("oppvekst",)),
        ],
        org,
    )
    assert [(p.id, p.value) for p in report] == [("bhg", "oppvekst")]


def test_initiatives_from_a_frame_and_duplicates():
    frame = pd.DataFrame(
        {
            "name": ["Felles ERP", "Velferdsteknologi"],
            "carried_by": ["digi, okonomi", None],
            "cost": [4, None],
        },
        index=["erp", "vt"],
    )
    items = as_initiatives(frame)
    assert items[0].carried_by == ("digi", "okonomi") and items[0].cost == 4.0
    assert items[1].carried_by == () and items[1].cost is None
    with pytest.raises(ValidationError, match="duplicate_id"):
        as_initiatives(["a", "a"])


# ---- property: any checklist survives the file round trip -------------------------------------
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_ids = st.text("abcæøåäö-0123456789", min_size=1, max_size=12)
_texts = st.dictionaries(
    st.sampled_from(["nb", "sv", "en"]),
    # letters, Nordic letters, YAML-ish punctuation and a leading '=': all must survive
    st.text("abc ÆØÅæøåÄÖäö:#'\"-=?!{}[]\n", min_size=1, max_size=30).filter(lambda t: t.strip()),
    min_size=1,
)
_scales = st.one_of(
    st.sampled_from([Scale.yes_partly_no(), Scale.zero_to_three(), Scale.one_to_five()]),
    st.builds(
        lambda lo, span, d: Scale.numeric(lo, lo + span, d),
        st.integers(-100, 100),
        st.integers(1, 1000),
        st.sampled_from(["max", "min"]),
    ),
)


@st.composite
def _checklists(draw):
    crit_ids = draw(st.lists(_ids, min_size=1, max_size=5, unique=True))
    criteria = [
        Criterion(
            i,
            draw(_texts),
            draw(_scales),
            draw(st.none() | st.floats(0, 10, allow_nan=False)),
            description=draw(st.just({}) | _texts),
        )
        for i in crit_ids
    ]
    gate_ids = draw(st.lists(_ids, min_size=0, max_size=5, unique=True))
    gates = []
    k = 0
    while k < len(gate_ids):
        if k + 2 < len(gate_ids) and draw(st.booleans()):
            children = tuple(
                Gate(g, draw(_texts), draw(st.sampled_from(["must_pass", "must_not"])))
                for g in gate_ids[k + 1 : k + 3]
            )
            combine = draw(st.sampled_from(["any_of", "all_of"]))
            gates.append(
                Gate(
                    gate_ids[k],
                    draw(_texts),
                    unknown_allowed=draw(st.booleans()),
                    **{combine: children},
                )
            )
            k += 3
        else:
            gates.append(
                Gate(
                    gate_ids[k],
                    draw(_texts),
                    draw(st.sampled_from(["must_pass", "must_not"])),
                    draw(st.booleans()),
                )
            )
            k += 1
    return Checklist(
        draw(_ids),
        draw(_texts),
        draw(st.sampled_from(["nb", "sv", "en"])),
        criteria,
        gates,
        draw(_ids),
    )


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(_checklists())
def test_any_checklist_round_trips_through_yaml(tmp_path, checklist):
    path = save_checklist(checklist, tmp_path / "c.yaml")
    assert load_checklist(path) == checklist


def test_numpy_numbers_and_bools_are_accepted():
    import numpy as np

    from orgmodel.prioritise.checklist import gate_answer

    assert Scale.one_to_five().value(np.int64(4)) == 4.0
    assert Scale.numeric(0, 10).value(np.float32(2.5)) == 2.5
    assert gate_answer(np.bool_(True)) is True and gate_answer(np.int64(0)) is False
    assert gate_answer(np.float64("nan")) is None
    with pytest.raises(ValueError, match="not on the scale"):
        Scale.yes_partly_no().value(np.True_)


def test_plain_text_in_a_file_is_in_the_checklist_language(tmp_path):
    p = tmp_path / "kort.yaml"
    p.write_text(
        "orgmodel-checklist: 1\nid: kort\nlanguage: sv\ntitle: Kort lista\n"
        "criteria:\n  - id: nytta\n    label: Nytta för kommunen\n",
        encoding="utf-8",
    )
    c = load_checklist(p)
    assert dict(c.title) == {"sv": "Kort lista"}
    assert dict(c.criteria[0].label) == {"sv": "Nytta för kommunen"}
    assert c.criteria[0].scale == Scale.yes_partly_no()  # the default scale
