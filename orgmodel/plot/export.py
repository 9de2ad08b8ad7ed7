"""Save a chart as PNG, SVG or PDF, atomically (never a half-written file).

>>> import matplotlib, pathlib, tempfile
>>> matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt
>>> fig, ax = plt.subplots()
>>> path = save_figure(ax, pathlib.Path(tempfile.mkdtemp()) / "chart.svg")
>>> path.read_bytes()[:5]
b'<?xml'
>>> save_figure(fig, "chart.bmp")
Traceback (most recent call last):
...
orgmodel.errors.UnsupportedFormatError: cannot save a figure as '.bmp' (chart.bmp); valid suffixes: .pdf, .png, .svg
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from orgmodel.errors import UnsupportedFormatError

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["FIGURE_FORMATS", "save_figure"]

#: File suffixes :func:`save_figure` writes, and the matplotlib format for each.
FIGURE_FORMATS: dict[str, str] = {".pdf": "pdf", ".png": "png", ".svg": "svg"}


def save_figure(
    fig_or_ax: Figure | Axes,
    path: str | os.PathLike[str],
    *,
    dpi: int = 200,
    transparent: bool = False,
    tight: bool = True,
) -> Path:
    """Write a figure to ``path``; the suffix (.png, .svg, .pdf) chooses the format.

    The file is written to a temporary file in the same directory and moved into place
    only when complete (:func:`orgmodel.io.atomic.atomic_path`), so an existing chart is
    never left half-overwritten.

    Parameters
    ----------
    fig_or_ax
        A matplotlib Figure, or an Axes (its figure is saved).
    path
        Target file; its suffix picks the format (case does not matter).
    dpi
        Resolution of PNG output (and of raster parts of PDF/SVG).
    transparent
        Transparent background instead of white (e.g. for dark slides).
    tight
        Crop to what is drawn (plus a small margin), so that legends placed outside the
        axes are kept and no empty border is pasted into a slide.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    UnsupportedFormatError
        For a suffix other than .png, .svg or .pdf; the message lists the valid ones.
    """
    from orgmodel.io.atomic import atomic_path

    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in FIGURE_FORMATS:
        valid = ", ".join(sorted(FIGURE_FORMATS))
        raise UnsupportedFormatError(
            f"cannot save a figure as {suffix or 'a file without suffix'!r} ({target}); "
            f"valid suffixes: {valid}"
        )
    fig = fig_or_ax if hasattr(fig_or_ax, "savefig") else getattr(fig_or_ax, "figure", None)
    if fig is None or not hasattr(fig, "savefig"):
        raise TypeError(f"expected a matplotlib Figure or Axes, got {type(fig_or_ax).__name__}")
    import matplotlib

    # TrueType fonts in PDF (editable text in Illustrator/PowerPoint, not Type 3 glyphs)
    with atomic_path(target) as temp, matplotlib.rc_context({"pdf.fonttype": 42}):
        fig.savefig(
            temp,
            format=FIGURE_FORMATS[suffix],
            dpi=dpi,
            transparent=transparent,
            facecolor="none" if transparent else "white",
            bbox_inches="tight" if tight else None,
            pad_inches=0.08,
        )
    return target
