"""Statskontoret's agency list against the curator's figures.

Figures: ../shared/data/se-government-agencies/README.md, "Reference figures (computed
by the curator from statskontoret_agencies.json)": active agencies per ministry (2025), FTE
2025 by ministry, 49 active agencies with a host.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from orgmodel.errors import FormatError
from orgmodel.io.statskontoret import read_statskontoret

# the shared data folder sits beside the repository (as on every machine and in CI)
PATH = (
    Path(__file__).resolve().parents[3]
    / "shared/data/se-government-agencies/statskontoret_agencies.json"
)
needs_data = pytest.mark.skipif(
    not PATH.exists() and os.environ.get("CI") != "true",  # in CI the data must be there
    reason="shared agency data not present",
)

# ministry: (active agencies 2025, FTE 2025) from the README
MINISTRIES_2025 = {
    "Justitiedepartementet": (23, 66_434.35),
    "Utbildningsdepartementet": (52, 62_712.09),
    "Försvarsdepartementet": (15, 33_215.23),
    "Finansdepartementet": (60, 26_748.75),
    "Landsbygds- och infrastrukturdepartementet": (17, 24_171.13),
    "Socialdepartementet": (22, 21_179.28),
    "Arbetsmarknadsdepartementet": (15, 10_312.92),
    "Klimat- och näringslivsdepartementet": (25, 6_791.86),
    "Statsrådsberedningen": (3, 4_193.42),
    "Kulturdepartementet": (23, 2_523.89),
    "Utrikesdepartementet": (9, 1_376.47),
}


@pytest.fixture(scope="module")
def draft_2025():
    return read_statskontoret(PATH, year=2025)


@needs_data
def test_2025_agencies_and_fte_per_ministry(draft_2025):
    org = draft_2025.build()
    found = {}
    for ministry in org.children("regeringen"):
        posts = org.posts_in(ministry, recursive=True)
        fte = sum(org.post(p).fte_budgeted for p in posts)
        found[org.unit(ministry).name] = (len(org.children(ministry)), round(fte, 2))
    assert found == MINISTRIES_2025
    # README: 264 agencies present in 2025, FTE total 259,659.39 over 262 with a value
    assert len(org.posts) == 264
    assert org.posts["fte_budgeted"].sum() == pytest.approx(259_659.39, abs=0.005)
    missing = [p for p in draft_2025.problems if p.code == "fte_missing"]
    assert len(missing) == 264 - 262


@needs_data
def test_hosts_become_links_or_warnings_with_their_line(draft_2025):
    org = draft_2025.build()
    unmatched = [p for p in draft_2025.problems if p.code == "unmatched_host"]
    # README: 49 active agencies have a host; each is a link or a warning, never dropped
    assert len(org.link_list) + len(unmatched) == 49
    assert all(link.kind == "partner" and link.directed for link in org.link_list)
    # Alkoholsortimentsnämnden (file line 35) is hosted by Kammarkollegiet
    assert any(
        (link.source, link.target) == ("kammarkollegiet", "alkoholsortimentsnämnden")
        for link in org.link_list
    )
    text = PATH.read_text(encoding="utf-8").splitlines()
    for problem in unmatched:  # the line is the agency's key in the file
        assert text[problem.location.line - 1].startswith(f'  "{org.unit(problem.id).name}"')
    assert {p.value for p in unmatched} >= {"RK/Fö", "RK/A", "Universitetkanslerämbetet"}


@needs_data
def test_an_earlier_year_reads_text_fte_as_zero_with_a_warning():
    draft = read_statskontoret(PATH, year=2010)
    notes = {p.id: p.value for p in draft.problems if p.code == "fte_not_a_number"}
    assert notes == {
        "polismyndigheten-fte": "Ingår i Rikspolisstyrelsen",
        "säkerhetspolisen-fte": "Ingår i RPS",
    }
    assert draft.report().ok


@needs_data
def test_the_preset_reads_the_same():
    from orgmodel.io.hr_export import read_hr_draft

    draft = read_hr_draft(PATH, preset="se-statskontoret", year=2024)
    assert draft.meta["date"] == "2024"
    # README: FTE 2024 = 253,864.75 over the 259 agencies with a numeric value
    assert sum(p.fte_budgeted for p in draft.posts) == pytest.approx(253_864.75, abs=0.005)
    with pytest.raises(FormatError, match="unknown option 'yaer'"):
        read_hr_draft(PATH, preset="se-statskontoret", yaer=2024)


def test_bad_input_is_refused(tmp_path):
    path = tmp_path / "x.json"
    path.write_text(json.dumps([1, 2]), encoding="utf-8")
    with pytest.raises(FormatError, match="agency names"):
        read_statskontoret(path)
    path.write_text("{", encoding="utf-8")
    with pytest.raises(FormatError, match="not a readable JSON"):
        read_statskontoret(path)
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(FormatError, match="between 2007 and 2025"):
        read_statskontoret(path, year=2030)
