"""Charts for prioritisation: the ranking, a tornado of weight sensitivity, SMAA acceptabilities.

Each function takes the result of a core function in :mod:`orgmodel.prioritise`, draws on
``ax`` (a new figure when ``None``) and returns the Axes. matplotlib is imported inside
the functions.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import pandas as pd
>>> from orgmodel.prioritise import weighted_sum
>>> scores = pd.DataFrame({"need": [4, 2, 5], "cost": [3, 1, 4]}, index=["a", "b", "c"])
>>> ax = plot_ranking(weighted_sum(scores, {"need": 2, "cost": 1}, {"cost": "min"}))
>>> [t.get_text() for t in ax.get_yticklabels()]      # best at the top
['1. c', '2. a', '3. b']
>>> ax.get_xlabel(), plot_ranking(scores["need"], lang="sv").get_xlabel()
('score', 'poäng')

Every chart takes ``lang=`` (``"en"``, ``"sv"``, ``"nb"``; None: the session's language,
:func:`orgmodel.i18n.get_language`) for its axis labels and legends; the names of
alternatives and criteria are the user's and stay as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from orgmodel.i18n import UnknownLabelError
from orgmodel.i18n import t as label_text
from orgmodel.plot.style import MUTED_TEXT_COLOR, TEXT_COLOR

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from orgmodel.prioritise.smaa import SMAAResult

__all__ = ["plot_rank_acceptability", "plot_ranking", "plot_tornado"]

_SCORE_COLUMNS = ("score", "closeness", "net_flow")
_BAR = "#4a7ba6"
_BAR_TOP = "#2b7a6f"
_LOW = "#b5703a"
_HIGH = "#2f5f8a"


def _score_name(column: str, lang: str | None) -> str:
    """The axis label of a score column: the catalogue's word, else the column's name."""
    try:
        return label_text(f"plot.prioritise.{column}", lang)
    except UnknownLabelError:
        return column.replace("_", " ")


def _axes(ax: Axes | None, height: float) -> Axes:
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(7, max(2.0, height)), layout="constrained")
    return ax


def _tidy(ax: Axes) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(colors=TEXT_COLOR)


def _value_text(value: float) -> str:
    """Three significant digits with a typographic minus, as on the axis."""
    return f"{value:.3g}".replace("-", "\N{MINUS SIGN}")


def _label_values(ax: Axes, y: np.ndarray, values: np.ndarray) -> None:
    """Write each value right of its bar end, or right of zero for a negative bar.

    Nothing is written left of zero, so no label can reach the tick labels; the x axis is
    widened on the right until the longest label fits inside the Axes.
    """
    finite = values[np.isfinite(values)]
    if not len(finite):
        return
    low, high = min(0.0, float(finite.min())), max(0.0, float(finite.max()))
    span = (high - low) or 1.0
    low -= 0.02 * span if low < 0 else 0.0  # the longest negative bar clears the spine
    right = high + 0.02 * span
    ax.set_xlim(low, right)
    fig = ax.figure
    engine = fig.get_layout_engine()
    if engine is not None:  # constrained layout: the Axes' final width, tick labels placed
        engine.execute(fig)
    pad_points = 3.0
    texts = []
    for yi, v in zip(y, values, strict=True):
        if not np.isfinite(v):
            continue
        anchor = max(float(v), 0.0)
        texts.append(
            (
                anchor,
                ax.annotate(
                    _value_text(float(v)),
                    (anchor, yi),
                    xytext=(pad_points, 0),
                    textcoords="offset points",
                    va="center",
                    ha="left",
                    color=MUTED_TEXT_COLOR,
                    fontsize=9,
                ),
            )
        )
    # a label anchored at ``a`` and ``w`` inches wide (padding included) ends inside the
    # Axes of width ``W`` inches when  a + w / W * (right - low) <= right,  that is
    # right >= (a - w / W * low) / (1 - w / W)
    axes_inches = ax.get_position().width * fig.get_size_inches()[0]
    for anchor, text in texts:
        share = (text.get_window_extent().width / fig.dpi + 2 * pad_points / 72) / axes_inches
        share = min(share, 0.5)  # a very narrow Axes: the labels may stick out a little
        right = max(right, (anchor - share * low) / (1 - share))
    ax.set_xlim(low, right)


def _legend_below(ax: Axes, **legend_options: Any) -> None:
    """A legend centred under the x-axis label, outside the bars.

    The gap below the Axes is that of the tick marks, tick labels and axis label at the
    current rc sizes (in points), so the legend is below the label at any Axes height.
    """
    import matplotlib as mpl
    from matplotlib.font_manager import FontProperties
    from matplotlib.transforms import ScaledTranslation

    rc = mpl.rcParams
    tick_pt = FontProperties(size=rc["xtick.labelsize"]).get_size_in_points()
    label_pt = FontProperties(size=rc["axes.labelsize"]).get_size_in_points()
    gap_pt = (
        rc["xtick.major.size"] + rc["xtick.major.pad"] + 1.3 * tick_pt
        + rc["axes.labelpad"] + 1.3 * label_pt + 2
    )  # fmt: skip
    below = ax.transAxes + ScaledTranslation(0, -gap_pt / 72, ax.figure.dpi_scale_trans)
    ax.legend(
        frameon=False,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        bbox_transform=below,
        borderaxespad=0.0,
        **legend_options,
    )


def plot_ranking(
    result: pd.DataFrame | pd.Series,
    ax: Axes | None = None,
    *,
    score: str | None = None,
    top: int = 1,
    title: str | None = None,
    lang: str | None = None,
) -> Axes:
    """Horizontal bars of the alternatives' scores, best at the top, labelled with ranks.

    Parameters
    ----------
    result
        A DataFrame from ``weighted_sum``, ``topsis`` or ``promethee_ii`` (a ``rank``
        column and ``score``/``closeness``/``net_flow``), or a Series of scores.
    score
        The column to draw; found automatically by default.
    top
        How many of the best to colour apart.
    title
        A title above the chart.
    lang
        Language of the axis label; None: the session's.
    """
    if isinstance(result, pd.Series):
        frame = result.rename("score").to_frame()
        frame["rank"] = frame["score"].rank(ascending=False, method="min").astype(int)
        column = "score"
    else:
        frame = result
        found = score or next((c for c in _SCORE_COLUMNS if c in frame.columns), None)
        if found is None or found not in frame.columns:
            raise ValueError(
                f"plot_ranking: no score column; pass score= one of {list(frame.columns)}"
            )
        column = found
        if "rank" not in frame.columns:
            frame = frame.assign(rank=frame[column].rank(ascending=False, method="min"))
    order = frame.sort_values(["rank", column], ascending=[True, False], kind="stable")
    ax = _axes(ax, 0.4 * len(order) + 1)
    y = np.arange(len(order))[::-1]
    colors = [_BAR_TOP if r <= top else _BAR for r in order["rank"]]
    values = order[column].to_numpy(dtype=float)
    ax.barh(y, values, color=colors, height=0.65)
    ax.set_yticks(y, [f"{int(r)}. {a}" for a, r in zip(order.index, order["rank"], strict=True)])
    if (values < 0).any():
        ax.axvline(0, color=MUTED_TEXT_COLOR, linewidth=0.8)
    _label_values(ax, y, values)
    ax.set_xlabel(_score_name(column, lang), color=TEXT_COLOR)
    if title:
        ax.set_title(title, color=TEXT_COLOR)
    _tidy(ax)
    return ax


def plot_tornado(
    tornado: pd.DataFrame,
    ax: Axes | None = None,
    *,
    title: str | None = None,
    names: Mapping[Any, str] | None = None,
    lang: str | None = None,
) -> Axes:
    """Tornado chart from :func:`~orgmodel.prioritise.sensitivity.tornado_data`.

    One bar per criterion from the score with its weight lowered to the score with it
    raised, the widest swing at the top; the line marks the score at the current weights.
    The x-axis names the alternative (``.attrs["alternative"]``) by ``names`` (id → name,
    the mapping used for the title and the other charts); without it, by its id.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from orgmodel.prioritise import tornado_data
    >>> scores = pd.DataFrame({"need": [5, 3, 1], "cost": [3, 1, 2], "risk": [1, 2, 2]},
    ...                       index=["a", "b", "c"])
    >>> t = tornado_data(scores, {"need": 0.5, "cost": 0.3, "risk": 0.2}, {"cost": "min"})
    >>> ax = plot_tornado(t)
    >>> len(ax.patches) == 2 * len(t)                    # a low and a high bar each
    True
    >>> plot_tornado(t, names={"b": "Digital innbygger"}).get_xlabel()   # b is ranked first
    'score of Digital innbygger'
    """
    required = {"score_low", "score_base", "score_high", "low_weight", "high_weight"}
    if not required <= set(tornado.columns):
        raise ValueError("plot_tornado: pass the DataFrame returned by tornado_data")
    t = (
        tornado.sort_values("swing", ascending=True, kind="stable")
        if "swing" in tornado
        else tornado
    )
    ax = _axes(ax, 0.45 * len(t) + 1)
    base = float(t["score_base"].iloc[0]) if len(t) else 0.0
    y = np.arange(len(t))
    low = t["score_low"].to_numpy(dtype=float) - base
    high = t["score_high"].to_numpy(dtype=float) - base
    ax.barh(
        y,
        low,
        left=base,
        color=_LOW,
        height=0.6,
        label=label_text("plot.prioritise.weight_lowered", lang),
    )
    ax.barh(
        y,
        high,
        left=base,
        color=_HIGH,
        height=0.6,
        label=label_text("plot.prioritise.weight_raised", lang),
    )
    labels = [
        f"{c}  ({lo:.2f}–{hi:.2f})"
        for c, lo, hi in zip(t.index, t["low_weight"], t["high_weight"], strict=True)
    ]
    ax.set_yticks(y, labels)
    ax.axvline(base, color=TEXT_COLOR, linewidth=1)
    who = tornado.attrs.get("alternative")
    if who is not None and names is not None:
        who = names.get(who, who)
    score = (
        label_text("plot.prioritise.score_of", lang, name=who)
        if who is not None
        else label_text("plot.prioritise.score", lang)
    )
    ax.set_xlabel(score, color=TEXT_COLOR)
    _legend_below(ax, ncols=2, fontsize=9)
    if title:
        ax.set_title(title, color=TEXT_COLOR)
    _tidy(ax)
    return ax


def plot_rank_acceptability(
    smaa_result: SMAAResult | pd.DataFrame,
    ax: Axes | None = None,
    *,
    max_ranks: int = 5,
    title: str | None = None,
    lang: str | None = None,
) -> Axes:
    """Stacked bars: each alternative's share of weight samples per rank (SMAA).

    Alternatives are sorted by expected rank, best at the top; ranks beyond
    ``max_ranks`` are drawn together as one grey segment.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from orgmodel.prioritise import smaa
    >>> scores = pd.DataFrame({"need": [5, 3, 1], "cost": [3, 1, 2]}, index=["a", "b", "c"])
    >>> ax = plot_rank_acceptability(smaa(scores, directions={"cost": "min"}, n_samples=500))
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['b', 'a', 'c']
    """
    import matplotlib.pyplot as plt

    acc: Any = getattr(smaa_result, "rank_acceptability", smaa_result)
    if not isinstance(acc, pd.DataFrame):
        raise ValueError("plot_rank_acceptability: pass an SMAAResult or its rank_acceptability")
    ranks = np.arange(1, acc.shape[1] + 1)
    expected = (acc.to_numpy() * ranks).sum(axis=1)
    acc = acc.iloc[np.argsort(expected, kind="stable")]
    shown = min(max_ranks, acc.shape[1])
    parts = [acc.iloc[:, k].to_numpy() for k in range(shown)]
    if acc.shape[1] > shown:
        parts.append(acc.iloc[:, shown:].sum(axis=1).to_numpy())
    ax = _axes(ax, 0.4 * len(acc) + 1.2)
    y = np.arange(len(acc))[::-1]
    cmap = plt.get_cmap("Blues_r")
    left = np.zeros(len(acc))
    for k, part in enumerate(parts):
        if k < shown:
            color = cmap(0.1 + 0.7 * k / max(shown, 1))
            label = label_text("plot.prioritise.rank", lang, k=k + 1)
        else:
            color, label = "#d0d4d9", label_text("plot.prioritise.rank_more", lang, k=shown + 1)
        ax.barh(y, part, left=left, color=color, height=0.65, label=label)
        left = left + part
    ax.set_yticks(y, [str(a) for a in acc.index])
    ax.set_xlim(0, 1)
    ax.set_xlabel(label_text("plot.prioritise.share_samples", lang), color=TEXT_COLOR)
    _legend_below(ax, ncols=min(len(parts), 6), fontsize=9)
    if title:
        ax.set_title(title, color=TEXT_COLOR)
    _tidy(ax)
    return ax
