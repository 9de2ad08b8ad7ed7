"""Colours, fonts and number formats shared by orgmodel's pictures (no matplotlib here).

Calm on a projector: light fills, one darker edge colour per family of unit kinds, dark
grey text, thin grey connectors. Colours are plain hex strings so widgets and other
front ends can reuse them.

>>> kind_colors("administration")
KindColors(fill='#dbe7f3', edge='#2f5f8a', dashed=False)
>>> kind_colors("a kind nobody knows").edge
'#6f7d8c'
>>> compact_money(1_800_000, "SEK"), compact_money(3_240_000, "GBP"), compact_money(0, "NOK")
('1.8 MSEK', '£3.2m', '0 NOK')
"""

from __future__ import annotations

import math
from typing import NamedTuple

__all__ = [
    "BRANCH_PALETTE",
    "CONNECTOR_COLOR",
    "FONT_FAMILY",
    "GROUP_PALETTE",
    "KIND_COLORS",
    "MIN_FONT_SIZE",
    "MUTED_TEXT_COLOR",
    "TEXT_COLOR",
    "KindColors",
    "compact_money",
    "format_fte",
    "group_colors",
    "kind_colors",
    "kind_label",
    "tint",
]


class KindColors(NamedTuple):
    """Fill and edge colour of a box; ``dashed`` edges mark bodies outside the line
    organisation (networks, partnerships, external parties)."""

    fill: str
    edge: str
    dashed: bool = False


_POLITICAL = KindColors("#ebe4f2", "#6b5b95")
_TOP = KindColors("#dde3ea", "#3e5366")
_ADMIN = KindColors("#dbe7f3", "#2f5f8a")
_MISSION = KindColors("#d9ede9", "#2b7a6f")
_DEPT = KindColors("#e7f0f8", "#4a7ba6")
_UNIT = KindColors("#eef2f6", "#6f8296")
_TEAM = KindColors("#f4f6f8", "#8a97a5")
_STAFF = KindColors("#f6efdf", "#9a7b3c")
_SERVICE = KindColors("#e6f1e1", "#5b8a4a")
_COLLAB = KindColors("#fcefe3", "#b5703a", True)
_STEER = KindColors("#f3e5ed", "#8e4b6e")
_EXTERNAL = KindColors("#ffffff", "#8c8c8c", True)
_DEFAULT = KindColors("#eef0f2", "#6f7d8c")

#: Box colours per unit kind (:data:`orgmodel.model.UNIT_KINDS`).
KIND_COLORS: dict[str, KindColors] = {
    "organisation": _TOP,
    "administration": _ADMIN,
    "main_mission": _MISSION,
    "department": _DEPT,
    "unit": _UNIT,
    "team": _TEAM,
    "staff": _STAFF,
    "office": _STAFF,
    "service": _SERVICE,
    "group": _COLLAB,
    "network": _COLLAB,
    "partnership": _COLLAB,
    "arena": _COLLAB,
    "steering_group": _STEER,
    "political_body": _POLITICAL,
    "external": _EXTERNAL,
}

#: Muted qualitative colours for branches / groups (colour-blind friendly order,
#: after Paul Tol's "muted" scheme), used as edge colours with a light tint as fill.
BRANCH_PALETTE: tuple[str, ...] = (
    "#332288",
    "#117733",
    "#44aa99",
    "#88ccee",
    "#ddcc77",
    "#cc6677",
    "#aa4499",
    "#882255",
    "#999933",
    "#6699cc",
)

#: Twenty distinct colours for many groups (matplotlib's tab20, its two greys replaced by
#: tab20b's dark blue and olive, so that no group looks like the grey of "no group").
GROUP_PALETTE: tuple[str, ...] = (
    "#1f77b4",
    "#aec7e8",
    "#ff7f0e",
    "#ffbb78",
    "#2ca02c",
    "#98df8a",
    "#d62728",
    "#ff9896",
    "#9467bd",
    "#c5b0d5",
    "#8c564b",
    "#c49c94",
    "#e377c2",
    "#f7b6d2",
    "#393b79",
    "#637939",
    "#bcbd22",
    "#dbdb8d",
    "#17becf",
    "#9edae5",
)


def group_colors(n: int) -> list[str]:
    """``n`` colours for groups: :data:`BRANCH_PALETTE` up to 10, else :data:`GROUP_PALETTE`.

    Every group gets its own colour up to 20 groups; beyond that the wide palette repeats.

    >>> group_colors(2) == list(BRANCH_PALETTE[:2])
    True
    >>> len(set(group_colors(20)))
    20
    """
    palette = BRANCH_PALETTE if n <= len(BRANCH_PALETTE) else GROUP_PALETTE
    return [palette[i % len(palette)] for i in range(n)]


TEXT_COLOR = "#1f2933"
MUTED_TEXT_COLOR = "#52606d"
CONNECTOR_COLOR = "#9aa5b1"
FONT_FAMILY = "DejaVu Sans"
#: Smallest font size (points) orgmodel uses for text meant to be read.
MIN_FONT_SIZE = 6.5


def kind_colors(kind: str) -> KindColors:
    """Colours of a box for a unit kind; unknown kinds get a neutral grey."""
    return KIND_COLORS.get(kind, _DEFAULT)


def kind_label(kind: str) -> str:
    """A unit kind for a legend: ``'main_mission'`` -> ``'Main mission'``.

    >>> kind_label("steering_group")
    'Steering group'
    """
    text = str(kind).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def tint(hex_color: str, amount: float = 0.85) -> str:
    """A lighter version of a colour, mixed with white (``amount`` of white).

    >>> tint("#000000", 0.5)
    '#808080'
    """
    h = hex_color.lstrip("#")
    rgb = [int(h[i : i + 2], 16) for i in (0, 2, 4)]
    mixed = [round(c + (255 - c) * amount) for c in rgb]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def compact_money(value: float, currency: str = "SEK", lang: str | None = None) -> str:
    """A short amount for a chart, in the session's language (:mod:`orgmodel.i18n`).

    English: ``1.8 MSEK``, ``850 kNOK``, ``£3.2m``, ``€12.5m``; Swedish ``1,8 mnkr``;
    Norwegian ``1,8 mill. kr``. One decimal below 100 of the chosen step (k, M, bn), none
    above; amounts under a thousand are shown whole. The same as
    :func:`orgmodel.i18n.format_money`.

    >>> compact_money(850_000, "NOK"), compact_money(12_450_000, "EUR"), compact_money(-2500, "SEK")
    ('850 kNOK', '€12.4m', '-2.5 kSEK')
    >>> compact_money(1.25e9, "SEK"), compact_money(999, "GBP"), compact_money(float("nan"))
    ('1.2 bn SEK', '£999', '–')
    >>> compact_money(1_800_000, "SEK", lang="sv"), compact_money(1_800_000, "NOK", lang="nb")
    ('1,8 mnkr', '1,8 mill. kr')
    """
    from orgmodel.i18n import format_money

    return format_money(value, currency, lang)


def format_fte(value: float) -> str:
    """FTE with one decimal (``4.0``), the way planners write it.

    >>> format_fte(4), format_fte(12.35), format_fte(float("nan"))
    ('4.0', '12.3', '–')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{float(value):.1f}"
