"""Every file round trip gives back the organisation it was given, types and all.

The organisations are random and valid (:func:`orgmodel.testing.organisations`): tricky
ids (``001``, ``yes``, ``null``, ``=a1``), Nordic names, free attributes of every kind.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from orgmodel.io import (
    draft_from_frames,
    dumps,
    loads,
    read_workbook,
    to_frames,
    write_orgfile,
    write_workbook,
)
from orgmodel.io.orgfile import read_orgfile
from orgmodel.model import Holding, Link, Organisation, Person, Post, Unit
from orgmodel.testing import assert_organisations_equal, organisations

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(organisations())
def test_yaml_text_round_trip(org):
    text = dumps(org)
    back = loads(text).build()
    assert_organisations_equal(org, back)
    assert dumps(back) == text  # writing is deterministic


@SETTINGS
@given(organisations())
def test_frames_round_trip(org):
    assert_organisations_equal(org, draft_from_frames(to_frames(org)).build())


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(organisations(max_units=5, max_posts=10))
def test_yaml_to_excel_to_yaml(org):
    with tempfile.TemporaryDirectory() as tmp:
        yaml_path, xlsx_path = Path(tmp, "org.yaml"), Path(tmp, "org.xlsx")
        write_orgfile(org, yaml_path)
        from_yaml = read_orgfile(yaml_path).build()
        write_workbook(from_yaml, xlsx_path)
        from_excel = read_workbook(xlsx_path).build()
        assert_organisations_equal(org, from_excel)
        write_orgfile(from_excel, yaml_path)
        assert read_orgfile(yaml_path).build() == org


# ---- the helpers themselves ----------------------------------------------------------------


def test_assert_organisations_equal_names_table_id_field_and_values():
    a = Organisation(
        [Unit("ks", attrs={"år": 2024}), Unit("øst", parent="ks")],
        [Post("p", unit="ks")],
        [Person("åsa")],
        [Holding("åsa", "p", 0.5)],
        links=[Link("ks", "øst")],
        meta={"date": dt.date(2024, 1, 10)},
    )
    b = Organisation(
        [Unit("ks", attrs={"år": 2024.0}), Unit("väst", parent="ks")],
        [Post("p", unit="ks")],
        [Person("åsa")],
        [Holding("åsa", "p", 0.6)],
        links=[Link("ks", "väst")],
        meta={"date": dt.datetime(2024, 1, 10)},
    )
    with pytest.raises(AssertionError) as info:
        assert_organisations_equal(a, b)
    assert str(info.value).splitlines()[1:] == [
        "  meta 'date': datetime.date(2024, 1, 10) != datetime.datetime(2024, 1, 10, 0, 0)",
        "  units only in the first: 'øst'",
        "  units only in the second: 'väst'",
        "  units 'ks', attribute 'år': 2024 != 2024.0 (int != float)",
        "  holdings ('åsa', 'p'), field share: 0.5 != 0.6",
        "  links only in the first: ('collaboration', 'ks', 'øst')",
        "  links only in the second: ('collaboration', 'ks', 'väst')",
    ]
    # without strict types, 2024 and 2024.0 are the same value
    with pytest.raises(AssertionError) as info:
        assert_organisations_equal(a, b, strict_types=False)
    assert "attribute 'år'" not in str(info.value)


def test_orgmodel_testing_imports_without_hypothesis():
    code = "import sys, orgmodel.testing; print('hypothesis' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(organisations())
def test_generated_organisations_are_valid_forests(org):
    # The constructor validated them (no errors); check the promised shape independently.
    for unit in org.unit_map:
        seen = {unit}
        parent = org.unit(unit).parent
        while parent is not None:
            assert parent not in seen
            seen.add(parent)
            parent = org.unit(parent).parent
    totals: dict[str, float] = {}
    for h in org.holding_list:
        assert 0 < h.share <= 1
        totals[h.person] = totals.get(h.person, 0.0) + h.share
    assert all(t <= 1 + 1e-9 for t in totals.values())
    assert org.report.ok
