"""Roll-up invariants on random organisations (orgmodel.testing.organisations)."""

import math

from hypothesis import given, settings

from orgmodel.analysis import rollup
from orgmodel.testing import organisations

SUMMED = ("posts", "vacancies", "fte_budgeted", "fte_actual", "fte_gap", "cost")


@settings(max_examples=25, deadline=None)
@given(organisations(max_units=10, max_posts=25))
def test_total_is_own_plus_children(org):
    r = rollup(org)
    assert list(r.index) == list(dict.fromkeys(r.index))  # each unit once
    assert set(r.index) == set(org.unit_map)
    for m in SUMMED:
        for uid in r.index:
            children = r.loc[r["parent"] == uid, f"{m}_total"].sum()
            assert math.isclose(
                r.loc[uid, f"{m}_total"],
                r.loc[uid, f"{m}_own"] + children,
                rel_tol=1e-9,
                abs_tol=1e-6,
            ), (m, uid)


@settings(max_examples=25, deadline=None)
@given(organisations(max_units=10, max_posts=25))
def test_top_totals_equal_the_whole(org):
    r = rollup(org)
    tops = r[r["parent"].isna()]
    posts = list(org.iter_posts())
    assert tops["posts_total"].sum() == len(posts)
    assert math.isclose(
        tops["fte_budgeted_total"].sum(), sum(p.fte_budgeted for p in posts), abs_tol=1e-6
    )
    assert math.isclose(
        tops["cost_total"].sum(), sum(p.cost for p in posts), rel_tol=1e-9, abs_tol=1e-6
    )
    # people counted once per sub-tree: never more than the people there are (+ explicit headcounts)
    if org.holding_list:
        assert (r["headcount_total"] >= r["headcount_own"]).all()
