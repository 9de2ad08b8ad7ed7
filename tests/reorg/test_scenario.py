"""Scenarios: undo/redo, files, and a changed base."""

import pytest

from orgmodel.errors import FormatError, OperationError, UnsupportedFormatError
from orgmodel.model import Organisation, Post, Unit
from orgmodel.reorg import (
    ChangePost,
    MergeUnits,
    MovePost,
    RenameUnit,
    Scenario,
    load_scenario,
    save_scenario,
)


@pytest.fixture
def base():
    return Organisation(
        units=[
            Unit("top"),
            Unit("a", parent="top"),
            Unit("b", parent="top"),
            Unit("c", parent="top"),
        ],
        posts=[Post("p", unit="a", cost=100), Post("q", unit="b", cost=50)],
    )


def test_undo_restores_each_state_exactly(base):
    s = Scenario("x").then(
        MergeUnits(("a", "b"), into="ab"), MovePost("p", "c"), RenameUnit("c", "C")
    )
    states = s.states(base)
    assert len(states) == 4 and states[0] is base
    undone = s
    for k in range(3, 0, -1):
        undone = undone.undo()
        assert undone.apply(base) == states[k - 1]
    assert not undone.can_undo and undone.can_redo
    with pytest.raises(OperationError, match="nothing to undo"):
        undone.undo()
    assert undone.redo().redo().redo() == s


def test_then_after_undo_drops_the_redo_history(base):
    s = Scenario("x").then(RenameUnit("a", "A"), RenameUnit("b", "B")).undo()
    t = s.then(RenameUnit("c", "C"))
    assert [op.describe() for op in t.operations] == [
        "rename unit a to 'A'",
        "rename unit c to 'C'",
    ]
    assert not t.can_redo


def test_changed_base_lists_every_operation_that_no_longer_applies(base):
    s = Scenario("x").then(MovePost("p", "b"), ChangePost("q", cost=75), RenameUnit("c", "C"))
    changed = base.evolve(
        units=[Unit("top"), Unit("a", parent="top"), Unit("b", parent="top")],
        posts=[Post("p", unit="a")],
    )
    run = s.run(changed)
    assert list(run.steps["applied"]) == [True, False, False]
    assert run.failed["reasons"].tolist() == [
        "post: no post 'q'; valid: 'p'",
        "unit: no unit 'c'; valid: 'a', 'b', 'top'",
    ]
    with pytest.raises(OperationError) as info:
        s.apply(changed)
    msg = str(info.value)
    assert "2 operation(s) cannot apply" in msg and "step 2 (change post q: cost 75)" in msg


def test_file_round_trip(tmp_path, base):
    s = (
        Scenario(
            "Alternativ A – två förvaltningar",
            base="angelholm-2014.yaml",
            description="Sammanslagning",
        )
        .then(MergeUnits(("a", "b"), into="ab", name="Å/Ä"), MovePost("p", "c"))
        .undo()
    )
    path = tmp_path / "alt-a.scenario.yaml"
    save_scenario(s, path)
    assert "Å/Ä" in path.read_text(encoding="utf-8")  # readable, not escaped
    back = load_scenario(path)
    assert back == s and back.cursor == 1
    assert back.apply(base) == s.apply(base)


def test_bad_scenario_files_list_every_bad_operation(tmp_path):
    p = tmp_path / "bad.yaml"
    p.write_text(
        "orgmodel-scenario: 1\nname: x\noperations:\n"
        "  - kind: merge_unit\n  - kind: rename_unit\n    unit: a\n    nme: b\n  - 3\n",
        encoding="utf-8",
    )
    with pytest.raises(FormatError) as info:
        load_scenario(p)
    text = str(info.value)
    assert "3 bad operation(s)" in text
    assert "operation 1: unknown operation kind 'merge_unit'" in text
    assert "operation 2: operation 'rename_unit' has no field(s) ['nme']" in text
    assert "operation 3: must be a mapping" in text
    p.write_text("orgmodel-scenario: 2\nname: x\n", encoding="utf-8")
    with pytest.raises(UnsupportedFormatError, match="version 2 is not supported"):
        load_scenario(p)
