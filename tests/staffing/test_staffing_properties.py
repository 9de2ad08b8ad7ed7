"""Properties of staff() on random small organisations, checked against independent answers.

* With ample capacity, the fewest units equals the reorganisation core's set cover
  (:func:`orgmodel.reorg.compare.units_needed`, grouping each unit by itself), and a brute
  force over all sets of units agrees.
* Every proposed team respects each member's capacity and covers every requirement that
  somebody can cover, when capacity suffices.
* The needs file round-trips any need.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgmodel.model import Organisation, Post, Unit
from orgmodel.reorg.compare import units_needed
from orgmodel.staffing import Need, Requirement, dumps_needs, loads_needs, staff

COMPETENCES = list("abcdef")


@st.composite
def organisations(draw):
    n_units = draw(st.integers(1, 5))
    units = [Unit("top")] + [Unit(f"u{k}", parent="top") for k in range(n_units)]
    posts = []
    for k in range(draw(st.integers(1, 8))):
        comps = draw(st.lists(st.sampled_from(COMPETENCES), min_size=1, max_size=3, unique=True))
        fte = draw(st.sampled_from([0.5, 1.0, 2.0]))
        unit = f"u{draw(st.integers(0, n_units - 1))}"
        posts.append(Post(f"p{k}", unit=unit, fte_budgeted=fte, competences=tuple(comps)))
    return Organisation(units, posts)


def brute_force_units(org: Organisation, comps: list[str]) -> int:
    has = {u: set() for u in org.unit_map}
    for p in org.iter_posts():
        has[p.unit] |= set(p.competences)
    coverable = {c for c in comps if any(c in s for s in has.values())}
    for k in range(len(has) + 1):
        for combo in itertools.combinations(has, k):
            if coverable <= set().union(*(has[u] for u in combo)):
                return k
    raise AssertionError("unreachable")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(organisations(), st.lists(st.sampled_from(COMPETENCES), min_size=1, max_size=4, unique=True))
def test_fewest_units_agrees_with_set_cover_and_brute_force(org, comps):
    need = Need("n", requirements=tuple(Requirement(c, 0.01) for c in comps))
    result = staff(org, need)
    expected, missing = units_needed(org, comps, group_by="unit")
    assert result.units_spanned == expected == brute_force_units(org, comps)
    assert sorted(result.uncovered.index) == sorted(missing)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    organisations(),
    st.lists(st.sampled_from(COMPETENCES), min_size=1, max_size=4, unique=True),
    st.sampled_from([0.1, 0.6, 1.5]),
)
def test_capacity_is_never_exceeded(org, comps, amount):
    need = Need("n", requirements=tuple(Requirement(c, amount) for c in comps))
    result = staff(org, need, alternatives=2)
    for team in result.teams:
        used = team.assignments.groupby("member")["fte"].sum()
        for member, fte in used.items():
            assert fte <= org.post(member).fte_actual + 1e-6
        cov = team.coverage
        assert (cov["assigned_fte"] + cov["shortfall_fte"]).tolist() == pytest.approx(
            cov["required_fte"].tolist()
        )


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(COMPETENCES), st.integers(1, 40), st.sampled_from([None, "ext"])),
        min_size=1,
        max_size=5,
        unique_by=lambda t: (t[0], t[2]),
    ),
    st.text(min_size=0, max_size=20),
    st.booleans(),
    st.one_of(st.none(), st.integers(1, 9)),
)
def test_any_need_round_trips(reqs, title, same, max_units):
    need = Need(
        "n",
        title,
        requirements=tuple(Requirement(c, h / 40, external=e) for c, h, e in reqs),
        same_main_mission=same,
        max_units=max_units,
    )
    assert loads_needs(dumps_needs([need]))["n"] == need
