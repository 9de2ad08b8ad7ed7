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
