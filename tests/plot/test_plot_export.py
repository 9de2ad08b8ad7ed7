"""Saving figures: the suffix picks the format, files appear whole, bad suffixes are named."""

from __future__ import annotations

import pytest
from plot_orgs import kansliet

from orgmodel.errors import UnsupportedFormatError
from orgmodel.plot import draw_orgchart, save_figure

# File signatures: PNG spec (RFC 2083 section 12.11), PDF 1.7 spec (ISO 32000-1, 7.5.2),
# SVG as written by matplotlib (an XML declaration, then the <svg> root).
MAGIC = {".png": b"\x89PNG\r\n\x1a\n", ".pdf": b"%PDF-", ".svg": b"<?xml"}


@pytest.mark.parametrize("suffix", sorted(MAGIC))
def test_each_format_has_its_magic_bytes(tmp_path, suffix):
    ax = draw_orgchart(kansliet())
    path = save_figure(ax, tmp_path / f"chart{suffix}", dpi=72)
    data = path.read_bytes()
    assert data.startswith(MAGIC[suffix])
    if suffix == ".svg":
        assert b"<svg" in data[:1000]
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"chart{suffix}"]  # no temp left


def test_figure_and_upper_case_suffix(tmp_path):
    ax = draw_orgchart(kansliet())
    path = save_figure(ax.figure, tmp_path / "CHART.PNG", dpi=72)
    assert path.read_bytes().startswith(MAGIC[".png"])


def test_overwrite_replaces_the_file(tmp_path):
    target = tmp_path / "chart.png"
    target.write_bytes(b"old")
    save_figure(draw_orgchart(kansliet()), target, dpi=72)
    assert target.read_bytes().startswith(MAGIC[".png"])


def test_unknown_suffix_lists_the_valid_ones(tmp_path):
    with pytest.raises(UnsupportedFormatError, match=r"'\.jpg'.*\.pdf, \.png, \.svg"):
        save_figure(draw_orgchart(kansliet()), tmp_path / "chart.jpg")
    with pytest.raises(UnsupportedFormatError, match="without suffix"):
        save_figure(draw_orgchart(kansliet()), tmp_path / "chart")
    assert list(tmp_path.iterdir()) == []


def test_not_a_figure():
    with pytest.raises(TypeError, match="Figure or Axes"):
        save_figure("not a figure", "x.png")
