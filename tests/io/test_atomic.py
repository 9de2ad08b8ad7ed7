"""Atomic saving: an error mid-write leaves the old file byte-identical and no temp files."""

from __future__ import annotations

import os
import stat

import pytest

from orgmodel.io import write
from orgmodel.io.atomic import atomic_path, atomic_write
from orgmodel.model import Organisation, Post, Unit

OLD = "orgmodel: 1\nname: Gamla Hjo – åäö\n".encode()


@pytest.fixture
def target(tmp_path):
    path = tmp_path / "org.yaml"
    path.write_bytes(OLD)
    return path


def test_exception_mid_write_keeps_the_old_file(target):
    with pytest.raises(RuntimeError), atomic_write(target) as f:
        f.write("orgmodel: 1\nname: Ny")
        f.flush()
        raise RuntimeError("power cut")
    assert target.read_bytes() == OLD
    assert os.listdir(target.parent) == ["org.yaml"]


def test_exception_in_a_path_writer_keeps_the_old_file(target):
    with pytest.raises(KeyboardInterrupt), atomic_path(target) as tmp:
        tmp.write_bytes(b"half")
        raise KeyboardInterrupt
    assert target.read_bytes() == OLD
    assert os.listdir(target.parent) == ["org.yaml"]


def test_success_replaces_and_keeps_permissions(target):
    os.chmod(target, 0o640)
    with atomic_write(target) as f:
        f.write("orgmodel: 1\n")
    assert target.read_text(encoding="utf-8") == "orgmodel: 1\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert os.listdir(target.parent) == ["org.yaml"]


def test_binary_mode_and_new_file(tmp_path):
    with atomic_write(tmp_path / "new.bin", "wb") as f:
        f.write(b"\x00\x01")
    assert (tmp_path / "new.bin").read_bytes() == b"\x00\x01"


def test_text_is_written_with_unix_line_ends(tmp_path):
    with atomic_write(tmp_path / "a.txt") as f:
        f.write("a\nb\n")
    assert (tmp_path / "a.txt").read_bytes() == b"a\nb\n"


def test_a_failing_writer_keeps_the_previous_model_file(target):
    # the attribute name collides with a field, so writing fails before anything is saved
    org = Organisation([Unit("a", attrs={"parent": "x"})], [Post("p", unit="a")], validate=False)
    with pytest.raises(ValueError):
        write(org, target)
    with pytest.raises(ValueError):
        write(org, target.with_suffix(".xlsx"))
    assert target.read_bytes() == OLD
    assert os.listdir(target.parent) == ["org.yaml"]


def test_bad_mode_is_refused(tmp_path):
    with pytest.raises(ValueError, match="mode"), atomic_write(tmp_path / "x", "a"):
        pass
