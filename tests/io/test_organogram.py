"""The UK organogram preset against real data.gov.uk returns and a hand-made messy return.

Reference figures: ../shared/data/uk-organograms/README.md. Row counts are data.gov.uk's
(``reference/uploads_post_counts.csv``; the HMT 2011 triplestore export has 115/407 rows);
FTE sums, Salary Cost of Reports sums, roots, depths and grade counts are the curator's,
computed with Python's ``csv`` module straight from the files.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from orgmodel.errors import FormatError, UnsupportedFormatError
from orgmodel.io.hr_export import read_hr_draft
from orgmodel.io.organogram import JUNIOR_COST_BASIS, read_uk_organogram
from orgmodel.io.presets import PRESETS

# the shared data folder sits beside the repository (as on every machine and in CI)
DATA = Path(__file__).resolve().parents[3] / "shared/data/uk-organograms"
FIXTURES = Path(__file__).parent / "data" / "hr"
PAIRS = {
    "hmt-2013": DATA / "2013-09-30" / "hm-treasury",
    "mhra-2013": DATA / "2013-09-30" / "mhra",
    "dcms-2013": DATA / "2013-09-30" / "dcms",
    "hmt-2011-triplestore": DATA / "triplestore-2011-09-30" / "hm-treasury",
}
# (senior rows, junior rows, live senior FTE, Salary Cost of Reports sum, junior FTE)
FIGURES = {
    "hmt-2013": (90, 315, 85.84, 43_121_186.06, 1020.49),
    "mhra-2013": (144, 1117, 137.62, 31_715_079.96, 1098.03),
    "dcms-2013": (37, 31, 35.18, 15_335_522.82, 343.64),
    "hmt-2011-triplestore": (115, 407, 112.14, 43_556_308.0, 1041.78),
}

needs_data = pytest.mark.skipif(
    not DATA.exists() and os.environ.get("CI") != "true",  # in CI the data must be there
    reason="shared organogram data not present",
)


def _read(key: str):
    base = PAIRS[key]
    paths = [Path(f"{base}-senior.csv"), Path(f"{base}-junior.csv")]
    return read_hr_draft(paths, preset="uk-organogram")


@pytest.fixture(scope="module")
def drafts():
    return {key: _read(key) for key in PAIRS}


def _level(org, level):
    return [p for p in org.iter_posts() if p.attrs["level"] == level]


@needs_data
@pytest.mark.parametrize("key", list(PAIRS))
def test_every_real_pair_builds_a_valid_organisation(drafts, key):
    report = drafts[key].report()
    assert report.ok, report.to_text(limit=10)
    org = drafts[key].build()
    assert org.meta["currency"] == "GBP"


@needs_data
@pytest.mark.parametrize("key", list(PAIRS))
def test_row_counts_fte_and_salary_cost_of_reports(drafts, key):
    senior_rows, junior_rows, senior_fte, cost_of_reports, junior_fte = FIGURES[key]
    org = drafts[key].build()
    senior, junior = _level(org, "senior"), _level(org, "junior")
    # merged job shares stand for several rows; nothing was eliminated in these files
    assert sum(p.attrs.get("job_share_rows", 1) for p in senior) == senior_rows
    assert len(junior) == junior_rows
    assert sum(p.fte_budgeted for p in senior) == pytest.approx(senior_fte, abs=0.005)
    assert sum(p.attrs["salary_cost_of_reports"] for p in senior) == pytest.approx(
        cost_of_reports, abs=0.01
    )
    assert sum(p.fte_budgeted for p in junior) == pytest.approx(junior_fte, abs=0.005)


@needs_data
@pytest.mark.parametrize(
    ("key", "roots"),
    [("hmt-2013", ["19678"]), ("dcms-2013", ["DCMS4001"]), ("hmt-2011-triplestore", ["19678"])],
)
def test_single_live_root(drafts, key, roots):
    org = drafts[key].build()
    assert [p.id for p in _level(org, "senior") if p.reports_to is None] == roots


@needs_data
def test_mhra_is_a_forest_of_17_roots_with_the_chief_executive(drafts):
    org = drafts["mhra-2013"].build()
    roots = [p for p in _level(org, "senior") if p.reports_to is None]
    assert len(roots) == 17
    assert org.post("P1054").title == "Chief Executive"
    assert org.post("P1054").reports_to is None
    # README: 892 of MHRA's 1,117 junior rows have a blank Reporting Senior Post
    blank = [p for p in drafts["mhra-2013"].problems if p.code == "junior_without_manager"]
    assert len(blank) == 892
    assert all(p.location.line is not None and p.location.line >= 2 for p in blank)


@needs_data
def test_hmt_2013_depths_of_the_live_senior_tree(drafts):
    org = drafts["hmt-2013"].build()
    senior = {p.id for p in _level(org, "senior")}
    depth = nx.single_source_shortest_path_length(org.reporting.subgraph(senior), "19678")
    assert set(depth) == senior  # every senior post hangs under the permanent secretary
    # the README's tree has one node per distinct PUR (89): the two 'PUR 0' rows (managers
    # at depths 2 and 3) are one node, which a shortest-path depth puts at depth 3
    pur_depth: dict[str, int] = {}
    for post_id, d in depth.items():
        pur = org.post(post_id).attrs["pur"]
        pur_depth[pur] = min(d, pur_depth.get(pur, d))
    counts = Counter(pur_depth.values())
    assert [counts[d] for d in range(5)] == [1, 7, 18, 21, 42]
    assert max(depth.values()) == 4


@needs_data
def test_hmt_2013_grade_counts(drafts):
    org = drafts["hmt-2013"].build()
    senior = Counter(p.attrs["grade"] for p in _level(org, "senior"))
    assert senior == {"SCS4": 3, "SCS3": 5, "SCS2": 17, "SCS1A": 1, "SCS1": 64}
    junior = Counter(p.attrs["grade"] for p in _level(org, "junior"))
    assert junior == {
        "Range D": 85,
        "Range E": 85,
        "Range C": 56,
        "Range E2": 35,
        "Range B": 35,
        "Student": 15,
        "Specialist": 4,
    }


@needs_data
def test_hmt_2013_duplicate_pur_zero_and_trailing_space_units(drafts):
    draft = drafts["hmt-2013"]
    org = draft.build()
    # README: PUR 0 twice ("Not In Post"), with different managers
    assert org.post("0").reports_to == "24033" and org.post("0#2").reports_to == "24032"
    assert org.post("0#2").attrs["not_in_post"] is True
    assert [p.code for p in draft.problems if p.id == "0#2"][:1] == ["duplicate_pur"]
    # 'Corporate Centre ' and 'Corporate Centre' are one unit
    names = [u.name for u in org.iter_units()]
    assert names.count("Corporate Centre") == 1
    assert not any(n != n.strip() or "\u00a0" in n for n in names)


@needs_data
def test_mhra_chief_executive_pay_and_total_pay_column(drafts):
    post = drafts["mhra-2013"].build().post("P1054")
    # README: pay band 80000/84999, 150000 in the blank 'Total Pay' column
    assert post.cost == pytest.approx((80000 + 84999) / 2)
    assert post.attrs["pay_disclosed"] is True
    assert post.attrs["total_pay"] == 150000.0


@needs_data
def test_junior_cost_is_fte_times_payscale_midpoint(drafts):
    org = drafts["dcms-2013"].build()
    # dcms-junior.csv line 2: Government Equalities Office, DCMS2005, A, 46751-55686, 26.32 FTE
    post = org.post("junior-2")
    assert post.reports_to == "DCMS2005"
    assert post.title == "Senior Policy Adviser" and post.attrs["grade"] == "A"
    assert post.cost == pytest.approx(26.32 * (46751 + 55686) / 2)
    assert post.attrs["cost_basis"] == JUNIOR_COST_BASIS


# ---- the hand-made messy return ----------------------------------------------------------
MESSY = [FIXTURES / "organogram-messy-senior.csv", FIXTURES / "organogram-messy-junior.csv"]


@pytest.fixture
def messy():
    return read_uk_organogram(MESSY)


def test_every_planted_problem_is_reported_at_its_line(messy):
    senior, junior = (str(p) for p in MESSY)
    found = sorted(
        (p.severity, p.code, Path(p.location.source).name, p.location.line, p.id)
        for p in messy.report()
    )
    s, j = Path(senior).name, Path(junior).name
    # lines counted by hand in the fixture (CRLF; T1's note spans lines 2-3)
    assert found == sorted(
        [
            ("warning", "eliminated_post", s, 5, "T3"),  # 'Eliminated' in stray quotes
            ("warning", "eliminated_post", s, 6, "T4"),  # ELIMINATED, PUR reused live on line 11
            ("warning", "job_share_merged", s, 8, "T5"),
            ("warning", "self_loop", s, 9, "T6"),
            ("warning", "reports_to_eliminated", s, 10, "T7"),
            ("warning", "blank_unit", s, 12, "0"),
            ("warning", "blank_unit", s, 13, "0#2"),
            ("warning", "duplicate_pur", s, 13, "0#2"),
            ("warning", "blank_reports_to", s, 14, "T8"),
            ("error", "not_a_number", s, 15, "T9"),  # FTE 'one'
            ("warning", "reports_to_eliminated", j, 3, "junior-3"),
            ("warning", "junior_without_manager", j, 4, "junior-4"),
        ]
    )


def test_messy_values_are_cleaned(messy):
    posts = {p.id: p for p in messy.posts}
    assert set(posts) == {"T1", "T2", "T4", "T5", "T6", "T7", "0", "0#2", "T8", "T9"} | {
        f"junior-{n}" for n in (2, 3, 4, 5)
    }
    assert posts["T1"].reports_to is None  # lower-case 'xx'
    assert posts["T1"].cost == (140_000 + 144_999) / 2  # '£140,000' / '£144,999'
    assert posts["T1"].attrs["salary_cost_of_reports"] == 918476.066667
    assert posts["T1"].attrs["total_pay"] == 150000.0
    assert posts["T2"].attrs["holder"] == "N/D"  # stray quote removed
    assert posts["T2"].cost == 0 and posts["T2"].attrs["pay_disclosed"] is False
    assert posts["T5"].fte_budgeted == 1.0  # two job-share rows of 0.5
    assert posts["T5"].attrs["holder"] == "Bo Share; Cy Share"
    assert posts["T6"].reports_to is None and posts["T6"].vacant  # self-loop, "Vacant'"
    assert posts["T7"].reports_to is None  # reported to eliminated T3
    assert posts["T4"].title == "Deputy Director Policy"  # the live row, not the eliminated one
    assert posts["T9"].fte_budgeted == "one"  # kept as written for the report
    assert posts["junior-2"].cost == 3.5 * (50_000 + 60_000) / 2
    units = {u.id: u.name for u in messy.units}
    assert units == {
        "office-of-tests": "Office of Tests",
        "board": "Board",
        "policy-unit": "Policy Unit",
    }
    assert posts["junior-5"].unit == "policy-unit"  # 'Policy\xa0Unit ' is the same unit
    assert messy.meta["parent_department"] == "Department of Testing"


def test_senior_file_alone_and_in_any_order():
    alone = read_uk_organogram(MESSY[0])
    assert not any(p.attrs["level"] == "junior" for p in alone.posts)
    both = read_uk_organogram(list(reversed(MESSY)))
    assert len(both.posts) == len(alone.posts) + 4


def test_junior_without_senior_and_unknown_files_are_refused(tmp_path):
    with pytest.raises(FormatError, match="needs its senior file"):
        read_uk_organogram(MESSY[1])
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(FormatError, match="columns present: 'a', 'b'"):
        read_uk_organogram([MESSY[0], other])
    with pytest.raises(FormatError, match="two organogram senior files"):
        read_uk_organogram([MESSY[0], MESSY[0]])
    with pytest.raises(FormatError, match="unknown option 'nmae'"):
        read_uk_organogram(MESSY[0], nmae="x")
    with pytest.raises(FormatError, match="takes no mapping"):
        read_hr_draft(MESSY[0], preset="uk-organogram", mapping={"unit": "Unit"})
    with pytest.raises(UnsupportedFormatError, match="did you mean 'uk-organogram'"):
        read_hr_draft(MESSY[0], preset="uk-organograms")
    assert "uk-organogram" in PRESETS


def test_missing_required_column_is_one_problem_listing_present_columns(tmp_path):
    path = tmp_path / "senior.csv"
    path.write_text(
        "Post Unique Reference,Name,Grade,Job Title,Unit,FTE\n1,A,SCS1,Boss,Board,1\n",
        encoding="utf-8",
    )
    draft = read_uk_organogram(path)
    (problem,) = draft.problems
    assert problem.code == "missing_column" and problem.location.line == 1
    assert "'reports to senior post', 'actual pay floor', 'actual pay ceiling'" in problem.message
    assert "columns present: 'Post Unique Reference', 'Name'" in problem.message
    assert not draft.report().ok
