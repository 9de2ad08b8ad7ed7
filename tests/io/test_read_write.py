"""read/write choose the format by suffix; HR exports go to the HR reader and writer."""

from __future__ import annotations

import pytest

from orgmodel.errors import FormatError, UnsupportedFormatError
from orgmodel.io import read, read_draft, write
from orgmodel.model import Organisation, Post, Unit


@pytest.fixture
def org():
    return Organisation(
        [Unit("kansliet", "Kansliet")],
        [Post("chef", unit="kansliet", title="Kanslichef", cost=780_000.0)],
        name="Hjo",
    )


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".xlsx", ".YAML"])
def test_round_trip_by_suffix(tmp_path, org, suffix):
    path = tmp_path / f"org{suffix}"
    write(org, path)
    assert read(path) == org


def test_format_option_overrides_the_suffix(tmp_path, org):
    path = tmp_path / "org.txt"
    write(org, path, format="yaml")
    assert path.read_text(encoding="utf-8").startswith("orgmodel: 1\n")
    assert read(path, format="yaml") == org


def test_unknown_suffix_lists_the_supported_ones(tmp_path, org):
    with pytest.raises(UnsupportedFormatError, match=r"unknown suffix '\.json'; supported: \.yaml"):
        write(org, tmp_path / "org.json")
    with pytest.raises(UnsupportedFormatError, match="no suffix"):
        read(tmp_path / "org")
    with pytest.raises(UnsupportedFormatError, match="unknown format 'toml'"):
        read(tmp_path / "org.yaml", format="toml")


def test_csv_goes_to_the_hr_writer_and_reader(tmp_path, org):
    path = tmp_path / "org.csv"
    write(org, path)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    # one row per post: the flat HR layout, with the post's own id, unit and cost
    assert lines[0].startswith("post_id,title,unit_id")
    assert lines[1].startswith("chef,Kanslichef,kansliet") and "780000.0" in lines[1]
    assert len(lines) == 2
    mapping = {"id": "post_id", "title": "title", "unit": "unit_id", "cost": "cost"}
    assert read(path, mapping=mapping).post("chef").cost == 780_000.0
    with pytest.raises(FormatError, match="mapping"):
        read(path)  # an HR export needs a mapping or a preset


def test_options_are_only_for_hr_exports(tmp_path, org):
    write(org, tmp_path / "org.yaml")
    with pytest.raises(FormatError, match="cost_factor"):
        read(tmp_path / "org.yaml", cost_factor=12)


def test_several_files_need_a_preset_or_mapping(tmp_path, org):
    write(org, tmp_path / "a.yaml")
    write(org, tmp_path / "b.yaml")
    with pytest.raises(FormatError, match="several files"):
        read([tmp_path / "a.yaml", tmp_path / "b.yaml"])
    assert read([tmp_path / "a.yaml"]) == org


def test_read_draft_reports_instead_of_raising(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("orgmodel: 1\nposts:\n  - id: p\n    unit: saknas\n", encoding="utf-8")
    assert read_draft(path).report().codes() == ["missing_unit"]
    with pytest.raises(FileNotFoundError):
        read_draft(tmp_path / "missing.yaml")
