"""Prioritisation report content on KS's checklists (notebooks/04-prioritise-ks.ipynb).

The weighted sums are worked out by hand: ja = 1, delvis = 0.5, nei = 0 on every
criterion, weights = the workshop's points (5, 4, 5, 2, 4, 3, 3, 2, 2, 4; 34 in all) / 34.
Felles digitale innbyggertjenester: 5+4+5+1+4+3+3+2+1+4 = 32 -> 32/34 = 0.941;
Nasjonalt velferdsteknologiprogram: 31/34 = 0.912; Heltidskultur: 29/34 = 0.853;
Felles ERP: 27.5/34 = 0.809; Kompetanseløft i barnehagen: 25.5/34 = 0.750;
Veileder for sammenslåtte kommuner: 18.5/34 = 0.544. The reporting portal answers yes to
"avvikende rapporteringskrav", a must-not question, so a gate excludes it.
"""

from __future__ import annotations

import pytest

from orgmodel.prioritise import scoring_options, smaa, tornado_data
from orgmodel.report import prioritisation_report

NAMES = {  # the notebook's initiatives
    "digi-innbygger": "Felles digitale innbyggertjenester",
    "velferdsteknologi": "Nasjonalt velferdsteknologiprogram",
    "heltid": "Heltidskultur i helse og omsorg",
    "felles-erp": "Felles ERP for kommunene",
    "bhg-kompetanse": "Kompetanseløft i barnehagen",
    "ny-kommune": "Veileder for sammenslåtte kommuner",
}


@pytest.fixture(scope="module")
def sensitivity(ks_record):
    ranked = ks_record.ranking()
    scores = ks_record.scores.loc[ranked]
    directions = ks_record.checklist.directions().to_dict()
    opts = scoring_options(ks_record.checklist, "weighted_sum")
    tornado = tornado_data(scores, ks_record.weights, directions, **opts)
    acceptability = smaa(scores, None, directions, n_samples=2_000, seed=2015, **opts)
    return tornado, acceptability


def test_ranking_table_holds_the_hand_worked_scores(ks_record):
    r = prioritisation_report(ks_record, charts=False)
    ranking = r.table("Ranking").frame
    expected = {
        "digi-innbygger": (1, 32 / 34),
        "velferdsteknologi": (2, 31 / 34),
        "heltid": (3, 29 / 34),
        "felles-erp": (4, 27.5 / 34),
        "bhg-kompetanse": (5, 25.5 / 34),
        "ny-kommune": (6, 18.5 / 34),
    }
    assert list(ranking.index[:6]) == list(expected)
    for ini, (rank, score) in expected.items():
        assert ranking.loc[ini, "Rank"] == rank
        assert ranking.loc[ini, "Score"] == pytest.approx(score)
        assert ranking.loc[ini, "Initiative"] == NAMES[ini]
    assert ranking.loc["rapportportal", "Status"] == "excluded"
    assert "avvikende-rapporteringskrav" in ranking.loc["rapportportal", "Reason"]
    rows = {row[0]: row for row in r.table("Ranking").display_rows()}
    assert rows["digi-innbygger"][1:4] == ["1", "Felles digitale innbyggertjenester", "0.941"]
    assert rows["rapportportal"][1] == "–"


def test_inputs_checklist_weights_and_gates(ks_record):
    r = prioritisation_report(ks_record, charts=False)
    weights = r.table("Criteria and weights").frame
    assert len(weights) == 10
    assert weights["Weight"].sum() == pytest.approx(1.0)
    assert weights.loc["langsiktig-betydning", "Weight"] == pytest.approx(5 / 34)
    assert set(weights["Scale"]) == {"ja / delvis / nei"}
    gates = r.table("Gate questions").frame
    assert len(gates) == 5  # KS's five questions for state-initiated projects
    verdicts = r.table("Gate verdicts").frame
    assert verdicts.loc["rapportportal", "Overall"] == "fail"
    assert verdicts.loc["velferdsteknologi", "Overall"] == "unknown"  # "vet ikke" allowed
    answers = r.table("The answers").frame
    assert answers.loc["ks-fortrinn", "velferdsteknologi"] == "nei"
    text = r.text()
    assert "10 criteria, 5 gate questions." in text
    assert "7 initiatives: 6 ranked, 1 excluded by a gate." in text
    assert "Decided by: Prioriteringsverksted, 2026-11-23." in text
    assert "Statlig rapporteringsportal for barnevernet: avvikende-rapporteringskrav" in text
    assert [s.title for s in r.sections] == ["Inputs", "Ranking"]
    assert r.subtitle == "Prioriteringsverksted" and r.date == "2026-11-23"


def test_sensitivity_section(ks_record, sensitivity):
    tornado, acceptability = sensitivity
    r = prioritisation_report(ks_record, tornado=tornado, smaa=acceptability, charts=False)
    assert r.sections[-1].title == "Sensitivity"
    t = r.table("Tornado: Felles digitale innbyggertjenester").frame
    assert t["Score now"].tolist() == pytest.approx([32 / 34] * 10)
    acc = r.table("SMAA rank acceptability").frame
    rank_columns = [c for c in acc.columns if c.startswith("Rank ")]
    assert len(rank_columns) == 6
    assert acc[rank_columns].sum(axis=1).tolist() == pytest.approx([1.0] * 6)
    assert acc["Expected rank"].is_monotonic_increasing


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_charts(ks_record, sensitivity):
    tornado, acceptability = sensitivity
    r = prioritisation_report(ks_record, tornado=tornado, smaa=acceptability, dpi=60)
    assert [f.title for f in r.figures()] == [
        "Ranking chart",
        "Tornado chart: Felles digitale innbyggertjenester",
        "Rank acceptability chart",
    ]


def test_not_a_record():
    with pytest.raises(TypeError, match="DecisionRecord"):
        prioritisation_report({"ranking": []})
