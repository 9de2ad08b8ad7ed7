"""Every file round trip gives back the organisation it was given, types and all.

The organisations are random and valid (:func:`orgmodel.testing.organisations`): tricky
ids (``001``, ``yes``, ``null``, ``=a1``), Nordic names, free attributes of every kind.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

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
from orgmodel.testing import assert_organisations_equal, organisations

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


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
