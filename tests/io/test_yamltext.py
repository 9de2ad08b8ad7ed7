"""Text with YAML line-break characters survives every YAML writer (found by a property test
of the needs file: PyYAML folds U+0085 inside single-quoted scalars)."""

import pytest

from orgmodel.io import dumps, loads
from orgmodel.model import Organisation, Post, Unit
from orgmodel.reorg import RenameUnit, Scenario, load_scenario, save_scenario

AWKWARD = ["NEL\x85here", "line\u2028sep", "para\u2029sep", "bell\x07", "tab\tin", "rad ett\nrad två"]


@pytest.mark.parametrize("text", AWKWARD)
def test_model_file_keeps_awkward_text(text):
    org = Organisation([Unit("u", text, attrs={"note": text})], [Post("p", unit="u", title=text)])
    back = loads(dumps(org)).build()
    assert back == org


@pytest.mark.parametrize("text", AWKWARD)
def test_scenario_file_keeps_awkward_text(tmp_path, text):
    s = Scenario(text).then(RenameUnit("u", text))
    save_scenario(s, tmp_path / "s.yaml")
    assert load_scenario(tmp_path / "s.yaml") == s
