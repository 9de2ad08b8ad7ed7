"""Spans of control, layers and vacancies, checked on Krackhardt's high-tech firm and by hand."""

from pathlib import Path

import pandas as pd
import pytest

from orgmodel.analysis.structure import (
    cross_unit_reports,
    layers,
    managers_without_reports,
    post_layers,
    span_of_control,
    spans_summary,
    unit_depth,
    vacancies,
)
from orgmodel.model import Organisation, Post, Unit

KRACKHARDT = Path(__file__).parent / "data" / "krackhardt-hightech"


def krackhardt_firm() -> Organisation:
    """Krackhardt (1987) high-tech managers: a top unit for the CEO (dept 0) and the four
    departments under it; one post per manager, reporting lines from reports_to.csv."""
    nodes = pd.read_csv(KRACKHARDT / "nodes.csv")
    boss = dict(pd.read_csv(KRACKHARDT / "reports_to.csv").itertuples(index=False))
    units = [Unit("firm", kind="organisation")] + [
        Unit(f"dept{d}", kind="department", parent="firm") for d in range(1, 5)
    ]
    posts = [
        Post(
            f"m{row.id}",
            unit="firm" if row.dept == 0 else f"dept{row.dept}",
            reports_to=f"m{boss[row.id]}" if row.id in boss else None,
        )
        for row in nodes.itertuples()
    ]
    return Organisation(units=units, posts=posts, name="Krackhardt high-tech")


# ---- Krackhardt's formal chart -----------------------------------------------------------
def test_krackhardt_spans_of_control():
    spans = span_of_control(krackhardt_firm())
    # README "Formal chart": CEO 7 has 4 direct reports; spans 2: 3, 14: 7, 18: 2, 21: 4.
    assert spans["direct_reports"].to_dict() == {"m14": 7, "m7": 4, "m21": 4, "m2": 3, "m18": 2}
    # 20 reports-to arcs form a tree rooted at 7, so all 20 other managers are below 7;
    # a VP's total equals its direct reports (depth 2: level-3 managers manage nobody).
    assert spans.loc["m7", "total_reports"] == 20
    assert spans.loc["m14", "total_reports"] == 7
    # sorted by direct reports, then total reports: 7 has as many direct reports as 21
    # but more posts below it
    assert list(spans.index[:3]) == ["m14", "m7", "m21"]
    assert spans.loc["m7", "unit"] == "firm"
    assert spans.loc["m14", "unit"] == "dept2"


def test_krackhardt_spans_summary():
    s = spans_summary(krackhardt_firm())
    # spans 4, 3, 7, 2, 4 (README): median 4, mean 20 / 5 = 4, max 7, min 2
    assert s.to_dict() == {"managers": 5.0, "median": 4.0, "mean": 4.0, "min": 2.0, "max": 7.0}
    assert s.name == "span_of_control"


def test_krackhardt_layers_match_published_levels():
    org = krackhardt_firm()
    layer = post_layers(org)
    # README: depth 2 (3 layers), level counts 1/4/16
    assert layers(org) == 3
    assert layer.value_counts().sort_index().to_dict() == {1: 1, 2: 4, 3: 16}
    # ... and each manager's layer equals the `level` column of nodes.csv (1 CEO, 2 VP, 3)
    level = pd.read_csv(KRACKHARDT / "nodes.csv").set_index("id")["level"]
    assert layer.to_dict() == {f"m{i}": int(v) for i, v in level.items()}
    assert layer.index.name == "post"
    assert layer.name == "layer"


def test_krackhardt_unit_depth_and_no_cross_unit_lines():
    org = krackhardt_firm()
    assert unit_depth(org).to_dict() == {"firm": 0, "dept1": 1, "dept2": 1, "dept3": 1, "dept4": 1}
    # every manager reports to the VP of their own department, each VP to the CEO in the
    # top unit (checked against nodes.csv `dept`), so no line crosses a unit border
    assert cross_unit_reports(org).empty


# ---- small organisations worked out by hand ---------------------------------------------
def kommun() -> Organisation:
    #            kommun (kd)
    #           /            \
    #      skola (skolchef)   vard (vardchef)
    #       /                   \
    #   f-klass (rektor)       [ssk vacant, usk x 3]
    return Organisation(
        units=[
            Unit("kommun", "Hjo kommun", head="kd"),
            Unit("skola", "Skolförvaltningen", parent="kommun", head="skolchef"),
            Unit("f-klass", "Förskoleklass", parent="skola", head="rektor"),
            Unit("vard", "Vård och omsorg", parent="kommun", head="vardchef"),
        ],
        posts=[
            Post("kd", unit="kommun", title="Kommundirektör", cost=1_300_000),
            Post("skolchef", unit="skola", reports_to="kd"),
            Post("rektor", unit="f-klass", reports_to="skolchef"),
            Post("vardchef", unit="vard", reports_to="kd"),
            Post(
                "ssk",
                unit="vard",
                title="Sjuksköterska",
                reports_to="vardchef",
                vacant=True,
                fte_budgeted=2.0,
                cost=1_100_000,
            ),
            Post("usk", unit="vard", reports_to="vardchef", fte_budgeted=3.0),
            # a matrix line: the school IT post reports to the care manager
            Post("skol-it", unit="skola", reports_to="vardchef", vacant=True, fte_budgeted=0.5),
        ],
    )


def test_spans_by_hand():
    spans = span_of_control(kommun())
    # vardchef: ssk, usk, skol-it = 3; kd: skolchef, vardchef = 2 direct, 6 below;
    # skolchef: rektor = 1. usk stands for 3 FTE but is one post: it counts once.
    assert spans[["direct_reports", "total_reports"]].to_dict("index") == {
        "vardchef": {"direct_reports": 3, "total_reports": 3},
        "kd": {"direct_reports": 2, "total_reports": 6},
        "skolchef": {"direct_reports": 1, "total_reports": 1},
    }
    assert spans.loc["kd", "title"] == "Kommundirektör"
    assert list(spans.columns) == ["title", "unit", "direct_reports", "total_reports", "layer"]


def test_layers_fall_back_to_unit_depth_without_reporting_lines():
    org = kommun()
    flat = org.evolve(posts=[p.evolve(reports_to=None) for p in org.iter_posts()])
    # unit depth: kommun 0, skola 1, f-klass 2, vard 1 -> deepest 2, + 1 = 3 layers
    assert layers(flat) == 3
    assert span_of_control(flat).empty
    # with reporting lines: kd 1, skolchef/vardchef 2, rektor/ssk/usk/skol-it 3
    assert layers(org) == 3
    assert layers(Organisation()) == 0


def test_a_long_chain_does_not_hit_the_recursion_limit():
    n = 5000  # deeper than Python's default recursion limit of 1000
    posts = [Post("p0", unit="u")] + [
        Post(f"p{i}", unit="u", reports_to=f"p{i - 1}") for i in range(1, n)
    ]
    org = Organisation(units=[Unit("u")], posts=posts)
    assert layers(org) == n
    spans = span_of_control(org)
    assert spans.loc["p0", "total_reports"] == n - 1
    assert spans.loc[f"p{n - 2}", "total_reports"] == 1


def test_vacancies_by_hand():
    v = vacancies(kommun())
    assert list(v.index) == ["ssk", "skol-it"]
    assert v.loc["ssk"].to_dict() == {
        "title": "Sjuksköterska",
        "unit": "vard",
        "unit_name": "Vård och omsorg",
        "fte_budgeted": 2.0,
        "cost": 1_100_000.0,
        "reports_to": "vardchef",
    }
    assert v["fte_budgeted"].sum() == pytest.approx(2.5)


def test_managers_without_reports():
    # rektor heads f-klass but nobody reports to it
    df = managers_without_reports(kommun())
    assert df.to_dict("index") == {
        "rektor": {"title": "rektor", "unit": "f-klass", "heads_unit": "f-klass"}
    }


def test_cross_unit_reports_flags_matrix_lines_only():
    df = cross_unit_reports(kommun())
    # skol-it (skola) reports to vardchef (vard): vard is not skola nor above it.
    # rektor (f-klass) -> skolchef (skola, the parent) and kd (kommun, the top) are fine.
    assert df.to_dict("index") == {
        "skol-it": {
            "title": "skol-it",
            "unit": "skola",
            "reports_to": "vardchef",
            "manager_unit": "vard",
        }
    }


def test_reporting_to_a_unit_below_is_a_cross_unit_line():
    org = Organisation(
        units=[Unit("top"), Unit("sub", parent="top")],
        posts=[Post("chef", unit="sub"), Post("stab", unit="top", reports_to="chef")],
    )
    assert list(cross_unit_reports(org).index) == ["stab"]
