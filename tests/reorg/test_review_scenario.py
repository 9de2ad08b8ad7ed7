"""Scenario file edge cases found in review."""

import pytest

from orgmodel.errors import FormatError
from orgmodel.reorg import Scenario


def test_empty_name_and_description_stay_empty():
    # YAML 'name:' with nothing after it reads as None; str(None) made the name 'None'
    s = Scenario.from_dict(
        {"orgmodel-scenario": 1, "name": None, "description": None, "operations": None}
    )
    assert (s.name, s.description, s.operations) == ("", "", ())


@pytest.mark.parametrize("cursor", [5, -1, "two"])
def test_a_bad_cursor_is_a_format_error_naming_the_file(cursor):
    data = {
        "orgmodel-scenario": 1,
        "name": "A",
        "cursor": cursor,
        "operations": [{"kind": "rename_unit", "unit": "a", "name": "A"}],
    }
    with pytest.raises(FormatError, match=r"option-a\.yaml: .*cursor"):
        Scenario.from_dict(data, source="option-a.yaml")


def test_states_line_up_with_steps_when_a_step_is_skipped():
    from orgmodel.model import Organisation, Post, Unit
    from orgmodel.reorg import MovePost, RenameUnit

    base = Organisation([Unit("a"), Unit("b")], [Post("p", unit="a")])
    s = Scenario("x").then(RenameUnit("a", "A"), MovePost("p", "nowhere"), RenameUnit("b", "B"))
    run = s.run(base)
    assert run.steps["applied"].tolist() == [True, False, True]
    # states[i] is the organisation after step i; a skipped step leaves it as it was
    assert len(run.states) == 4 and run.states[0] is base
    assert run.states[2] is run.states[1]
    assert run.states[1].unit("a").name == "A" and run.states[1].unit("b").name == "b"
    assert run.states[3].unit("b").name == "B"
