"""Key figures of an organisation, worked out by hand and from Krackhardt's published chart."""

import json
from pathlib import Path

import pandas as pd

from orgmodel.analysis.summary import summary
from orgmodel.model import Holding, Link, Organisation, Person, Post, Unit

KRACKHARDT = Path(__file__).parent / "data" / "krackhardt-hightech"

REQUIRED = {
    "units",
    "posts",
    "people",
    "fte_budgeted",
    "fte_actual",
    "cost",
    "layers",
    "max_span",
    "vacancies",
    "median_span",
    "currency",
    "name",
}


def hjo_kansliet() -> Organisation:
    return Organisation(
        units=[Unit("kl", "Kommunledning"), Unit("kansliet", parent="kl")],
        posts=[
            Post("kd", unit="kl", cost=1_250_000.50),
            Post("chef", unit="kansliet", reports_to="kd", cost=780_000),
            Post(
                "vu",
                unit="kansliet",
                reports_to="chef",
                fte_budgeted=3.0,
                fte_actual=2.4,
                cost=1_800_000,
            ),
            Post("kom", unit="kansliet", reports_to="chef", fte_budgeted=0.1, fte_actual=0.2),
            Post("sekr", unit="kansliet", reports_to="chef", fte_budgeted=0.2),
            Post("sak", unit="kansliet", reports_to="chef", vacant=True, cost=600_000),
        ],
        people=[Person("anna"), Person("bo")],
        holdings=[Holding("anna", "vu", 0.8), Holding("bo", "chef")],
        links=[Link("vu", "kom")],
        name="Hjo kommun – kansliet",
        meta={"currency": "SEK"},
    )


def test_summary_by_hand():
    s = summary(hjo_kansliet())
    assert set(s) >= REQUIRED
    # budgeted 1 + 1 + 3 + 0.1 + 0.2 + 1 = 6.3; actual 1 + 1 + 2.4 + 0.2 + 0.2 + 0 = 4.8
    # (0.1 + 0.2 must come out as 0.3 exactly, not 0.30000000000000004)
    assert s["fte_budgeted"] == 6.3
    assert s["fte_actual"] == 4.8
    assert s["fte_gap"] == -1.5
    assert s["fte_vacant"] == 1.0
    # cost 1,250,000.50 + 780,000 + 1,800,000 + 600,000
    assert s["cost"] == 4_430_000.5
    # chef has 4 reports, kd 1: max 4, median of (1, 4) = 2.5; kd -> chef -> others: 3
    assert (s["max_span"], s["median_span"], s["layers"], s["managers"]) == (4, 2.5, 3, 2)
    assert (s["units"], s["posts"], s["people"], s["vacancies"], s["links"]) == (2, 6, 2, 1, 1)
    assert (s["name"], s["currency"]) == ("Hjo kommun – kansliet", "SEK")


def test_summary_values_are_plain_and_json_ready():
    s = summary(hjo_kansliet())
    for key, value in s.items():
        assert type(value) in (int, float, str), (key, type(value))
    assert json.loads(json.dumps(s)) == s


def test_summary_of_krackhardt_firm():
    nodes = pd.read_csv(KRACKHARDT / "nodes.csv")
    boss = dict(pd.read_csv(KRACKHARDT / "reports_to.csv").itertuples(index=False))
    org = Organisation(
        units=[Unit("firm")] + [Unit(f"dept{d}", parent="firm") for d in range(1, 5)],
        posts=[
            Post(
                f"m{r.id}",
                unit="firm" if r.dept == 0 else f"dept{r.dept}",
                reports_to=f"m{boss[r.id]}" if r.id in boss else None,
            )
            for r in nodes.itertuples()
        ],
    )
    s = summary(org)
    # README: 21 managers, 3 levels, spans 4 (CEO), 3, 7, 2, 4 -> max 7, median 4
    assert (s["units"], s["posts"], s["layers"], s["max_span"], s["median_span"]) == (
        5,
        21,
        3,
        7,
        4.0,
    )
    assert s["fte_budgeted"] == 21.0  # one full-time post per manager (the default FTE)


def test_summary_without_reporting_lines_or_posts():
    flat = Organisation(units=[Unit("a"), Unit("b", parent="a")], posts=[Post("p", unit="b")])
    s = summary(flat)
    # no reporting lines: spans 0, layers from unit depth (1) + 1
    assert (s["max_span"], s["median_span"], s["managers"], s["layers"]) == (0, 0.0, 0, 2)
    empty = summary(Organisation())
    assert (empty["posts"], empty["fte_budgeted"], empty["cost"], empty["layers"]) == (
        0,
        0.0,
        0.0,
        0,
    )
    assert empty["currency"] == "SEK"  # Organisation.currency's default
