"""Property tests: any action plan or target plan survives a file round trip unchanged, and
status changes never touch anything but the one action."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgmodel.followup.actionplan import (
    STATUSES,
    Action,
    ActionPlan,
    Theme,
    actionplan_from_yaml,
    actionplan_to_yaml,
    read_actionplan,
    write_actionplan,
)
from orgmodel.followup.targets import (
    Activity,
    EffectTarget,
    TargetPlan,
    targets_from_yaml,
    targets_to_yaml,
)

# text a person types: letters (Swedish too), digits, spaces and punctuation; no control chars
TEXT = (
    st.text(
        alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs", "S")),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)
IDS = st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True)
DEADLINES = st.one_of(
    st.none(),
    st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)),
    st.builds(
        lambda s, y: f"{s} {y}",
        st.sampled_from(["våren", "hösten", "sommaren", "Q2", "första halvåret", "mars"]),
        st.integers(1990, 2090),
    ),
)
ATTR_VALUES = st.one_of(
    st.integers(-(10**6), 10**6), TEXT, st.booleans(), st.lists(TEXT, max_size=3)
)


@st.composite
def plans(draw):
    theme_ids = draw(st.lists(IDS, min_size=1, max_size=4, unique=True))
    themes = [Theme(i, draw(TEXT), draw(st.one_of(st.just(""), TEXT))) for i in theme_ids]
    action_ids = draw(st.lists(IDS, max_size=8, unique=True))
    reserved = {
        "id",
        "theme",
        "text",
        "responsible",
        "responsible_text",
        "accountable",
        "participants",
        "informed",
        "deadline",
        "recurrence",
        "status",
        "notes",
    }
    actions = [
        Action(
            i,
            draw(TEXT),
            draw(st.sampled_from(theme_ids)),
            responsible=draw(st.lists(TEXT.filter(lambda t: ";" not in t), max_size=3)),
            participants=draw(st.lists(TEXT.filter(lambda t: ";" not in t), max_size=2)),
            deadline=draw(DEADLINES),
            status=draw(st.sampled_from(STATUSES)),
            notes=draw(st.one_of(st.just(""), TEXT)),
            attrs=draw(
                st.dictionaries(IDS.filter(lambda k: k not in reserved), ATTR_VALUES, max_size=2)
            ),
        )
        for i in action_ids
    ]
    return ActionPlan(
        draw(TEXT),
        draw(st.one_of(st.none(), TEXT)),
        themes,
        actions,
        meta=draw(st.dictionaries(IDS, ATTR_VALUES, max_size=2)),
    )


@given(plans())
@settings(max_examples=60, deadline=None)
def test_yaml_round_trip(plan):
    assert actionplan_from_yaml(actionplan_to_yaml(plan)) == plan


@given(plan=plans())
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_excel_round_trip(plan, tmp_path):
    path = tmp_path / "plan.xlsx"
    write_actionplan(plan, path)
    assert read_actionplan(path) == plan


@given(plans(), st.data())
@settings(max_examples=40, deadline=None)
def test_status_changes_touch_one_action(plan, data):
    if not plan.actions:
        return
    action = data.draw(st.sampled_from([a.id for a in plan.actions]))
    status = data.draw(st.sampled_from(STATUSES))
    changed = plan.with_status(action, status)
    assert changed.action(action).status == status
    for before, after in zip(plan.actions, changed.actions, strict=True):
        if before.id != action:
            assert before == after
        else:
            assert before.evolve(status=status) == after


@given(
    st.lists(
        st.tuples(IDS, st.floats(0.01, 1.0), st.integers(1, 500)),
        min_size=1,
        max_size=5,
        unique_by=lambda t: t[0],
    )
)
@settings(max_examples=40, deadline=None)
def test_target_yaml_round_trip(rows):
    plan = TargetPlan(
        "P",
        None,
        [Activity("a", "A")],
        [
            EffectTarget(
                i,
                "a",
                f"{th:.0%}",
                f"q-{i}",
                "pop",
                th,
                positive=[4, 5],
                scale=[1, 2, 3, 4, 5],
                minimum_answers=m,
            )
            for i, th, m in rows
        ],
    )
    assert targets_from_yaml(targets_to_yaml(plan)) == plan


@pytest.mark.parametrize("n", [1, 10, 263])
def test_wilson_interval_contains_the_share(n):
    from orgmodel.followup.targets import wilson_interval

    for k in range(n + 1):
        low, high = wilson_interval(k, n)
        assert 0 <= low <= k / n <= high <= 1
