"""Charts for follow-up: an action-plan timeline, the load per party, targets against thresholds.

Each function draws on ``ax`` (a new figure when ``None``) and returns the Axes; matplotlib is
imported inside the functions. The timeline's geometry comes from :func:`timeline_layout`,
a pure function returning a DataFrame.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from orgmodel.followup import Action, ActionPlan, Theme
>>> plan = ActionPlan("P", "KS", [Theme("t", "Tema")], [
...     Action("a1", "Utred", "t", ["Kansliet"], deadline="våren 2019"),
...     Action("a2", "Besluta", "t", ["KS"], deadline="2019-09-30"),
...     Action("a3", "Följ upp", "t", ["Kansliet"])])
>>> timeline_layout(plan)[["y", "kind", "start", "end"]]
        y       kind       start         end
action
a1      2      range  2019-01-01  2019-06-30
a2      1      point  2019-09-30  2019-09-30
a3      0    undated        None        None
>>> ax = plot_timeline(plan)
>>> [t.get_text() for t in ax.get_yticklabels()]   # top to bottom, as in the plan
['a1', 'a2', 'a3']
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from orgmodel.i18n import format_date, format_number, format_percent, t
from orgmodel.plot.style import MUTED_TEXT_COLOR, TEXT_COLOR

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from orgmodel.followup.actionplan import ActionPlan
    from orgmodel.model.organisation import Organisation

__all__ = [
    "VERDICT_COLORS",
    "plot_load",
    "plot_targets",
    "plot_timeline",
    "timeline_layout",
    "verdict_label",
]

_THEME_COLORS = ["#2f5f8a", "#2b7a6f", "#b5703a", "#8e4b6e", "#6b5b95", "#5b8a4a", "#9a7b3c"]
_STATUS_ALPHA = {"planned": 0.55, "in progress": 0.8, "done": 1.0, "cancelled": 0.2}
_OPEN = ("planned", "in progress")
_LATE_COLOR = "#b00020"
#: Colours of the three verdicts in :func:`plot_targets`.
VERDICT_COLORS = {"met": "#2b7a6f", "not met": "#b00020", "cannot tell yet": "#8a6d00"}


def verdict_label(verdict: str, lang: str | None = None) -> str:
    """A target's verdict for people, in ``lang`` (an unknown verdict: as is).

    >>> verdict_label("cannot tell yet", "sv"), verdict_label("met", "nb")
    ('går inte att avgöra än', 'nådd')
    """
    return t(f"verdict.{verdict}", lang) if verdict in VERDICT_COLORS else str(verdict)


def _axes(ax: Axes | None, width: float, height: float) -> Axes:
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(width, max(2.0, height)))
    return ax


def _tidy(ax: Axes) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(colors=TEXT_COLOR)


def timeline_layout(plan: ActionPlan) -> pd.DataFrame:
    """Rows of the timeline: one per action, top to bottom in plan order (grouped by theme).

    Columns: ``y`` (0 at the bottom), ``theme``, ``kind`` (``"range"`` for a period,
    ``"point"`` for a day, ``"undated"``), ``start``, ``end`` (dates or None), ``status``.
    Index ``action``.
    """
    order = {t.id: i for i, t in enumerate(plan.themes)}
    actions = sorted(plan.actions, key=lambda a: order.get(a.theme, len(order)))
    n = len(actions)
    rows = []
    for i, a in enumerate(actions):
        d = a.deadline
        kind = "undated" if d is None else ("point" if d.is_date else "range")
        rows.append(
            {
                "action": a.id,
                "y": n - 1 - i,
                "theme": a.theme,
                "kind": kind,
                "start": None if d is None else d.start,
                "end": None if d is None else d.end,
                "status": a.status,
            }
        )
    cols = ["action", "y", "theme", "kind", "start", "end", "status"]
    return pd.DataFrame(rows, columns=cols).set_index("action")


def plot_timeline(
    plan: ActionPlan,
    ax: Axes | None = None,
    *,
    today: _dt.date | str | None = None,
    title: str | None = None,
    lang: str | None = None,
) -> Axes:
    """A Gantt-like chart: a bar for each period deadline, a diamond for a day, by theme.

    Actions without a deadline get an open circle in a separate lane to the right of the
    date axis, headed "no date" (Swedish "utan datum"); the lane has no dates, so an
    undated action never looks due on a day. A done action gets a check mark right after
    its marker. With ``today`` a dashed red line marks the day, and open actions (planned
    or in progress) due before it are drawn in red with the days overdue after them
    (``+216 d``), their ids in red, and a legend entry such as "1 past due on 01/02/2020"
    (as :func:`~orgmodel.followup.raci.past_due`). Labels and dates are in ``lang``
    (default: the session's, :mod:`orgmodel.i18n`); the plan's texts as written. Colours
    are themes; the fainter a bar, the less done (cancelled is faintest).

    Returns the Axes of the dates; the lane of undated actions is a second Axes of the
    same figure, sharing the y axis (``ax.figure.axes[-1]``).
    """
    import matplotlib.dates as mdates
    from matplotlib.lines import Line2D
    from mpl_toolkits.axes_grid1 import make_axes_locatable

    layout = timeline_layout(plan)
    ax = _axes(ax, 9, 0.32 * len(layout) + 1.2)
    colors = {t.id: _THEME_COLORS[i % len(_THEME_COLORS)] for i, t in enumerate(plan.themes)}
    dated = layout[layout["kind"] != "undated"]
    undated = layout[layout["kind"] == "undated"]
    if isinstance(today, _dt.datetime):
        today = today.date()
    if isinstance(today, str):
        today = _dt.date.fromisoformat(today)
    days = [*dated["start"], *dated["end"], *([today] if today else [])]
    if days:
        lo, hi = min(days), max(days)
    else:
        lo = hi = _dt.date.today()
    span = max((hi - lo).days, 60)
    lane = None
    if len(undated):
        lane = make_axes_locatable(ax).append_axes("right", size="11%", pad=0.12, sharey=ax)
        lane.set_xlim(0.0, 1.0)
        lane.set_xticks([])
        lane.set_facecolor("#f3f4f6")
        for side in ("top", "right", "left"):
            lane.spines[side].set_visible(False)
        lane.tick_params(axis="y", left=False, labelleft=False)
        lane.set_title(t("plot.followup.undated", lang), color=MUTED_TEXT_COLOR, fontsize=8)
    late_style = {"color": _LATE_COLOR, "fontsize": 8, "fontweight": "bold"}
    n_late = 0
    late_ids = set()
    for action, r in layout.iterrows():
        color = colors.get(r["theme"], MUTED_TEXT_COLOR)
        alpha = _STATUS_ALPHA.get(r["status"], 0.6)
        late = (
            today is not None
            and r["kind"] != "undated"
            and r["status"] in _OPEN
            and r["end"] < today
        )
        edge = {"edgecolor": _LATE_COLOR, "linewidth": 2} if late else {}
        if r["kind"] == "range":
            start = mdates.date2num(r["start"])
            ax.barh(
                r["y"],
                mdates.date2num(r["end"]) - start + 1,
                left=start,
                height=0.6,
                color=color,
                alpha=alpha,
                **edge,
            )
            target, x_after = ax, mdates.date2num(r["end"]) + 1
        elif r["kind"] == "point":
            ax.plot(
                mdates.date2num(r["end"]),
                r["y"],
                marker="D",
                color=color,
                alpha=alpha,
                markersize=7,
                linestyle="none",
                **({"markeredgecolor": _LATE_COLOR, "markeredgewidth": 2} if late else {}),
            )
            target, x_after = ax, mdates.date2num(r["end"])
        else:
            lane.plot(
                0.5,
                r["y"],
                marker="o",
                markerfacecolor="none",
                markeredgecolor=color,
                markersize=6,
                linestyle="none",
            )
            target, x_after = lane, 0.5
        if r["status"] == "done":
            target.annotate(
                "✓",
                (x_after, r["y"]),
                xytext=(6, 0),
                textcoords="offset points",
                va="center",
                color=color,
                fontsize=10,
            )
        if late:
            n_late += 1
            late_ids.add(action)
            ax.annotate(
                f"+{format_number((today - r['end']).days, lang=lang)} d",
                (x_after, r["y"]),
                xytext=(6, 0),
                textcoords="offset points",
                va="center",
                **late_style,
            )
    if today:
        ax.axvline(mdates.date2num(today), color=_LATE_COLOR, linewidth=1, linestyle="--")
        ax.text(
            mdates.date2num(today),
            len(layout) - 0.4,
            f" {format_date(today, 'short', lang=lang)}",
            color=_LATE_COLOR,
            fontsize=8,
            va="bottom",
        )
    ax.set_yticks(layout["y"].to_numpy(), list(layout.index))
    ax.set_ylim(-0.8, len(layout) - 0.2)
    ax.set_xlim(mdates.date2num(lo) - 0.05 * span, mdates.date2num(hi) + 0.12 * span)
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=8))
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    handles = [Line2D([], [], color=colors[t.id], linewidth=6, label=t.title) for t in plan.themes]
    if n_late:
        day = format_date(today, "short", lang=lang)
        handles.append(
            Line2D(
                [],
                [],
                color="white",
                marker="s",
                markersize=9,
                markeredgecolor=_LATE_COLOR,
                markeredgewidth=2,
                linestyle="none",
                label=t("board.late", lang, n=n_late, day=day),
            )
        )
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.08),
        ncol=2,
        frameon=False,
        fontsize=8,
    )
    ax.set_title(title if title is not None else plan.title, color=TEXT_COLOR, fontsize=10)
    _tidy(ax)
    # after _tidy, whose tick colours would cover these
    for action, tick in zip(layout.index, ax.yaxis.get_major_ticks(), strict=True):
        if action in late_ids:
            tick.label1.set_color(_LATE_COLOR)
            tick.label1.set_fontweight("bold")
    return ax


def plot_load(
    load: pd.DataFrame | pd.Series,
    ax: Axes | None = None,
    *,
    column: str = "actions",
    org: Organisation | None = None,
    labels: str = "name",
    title: str | None = None,
    lang: str | None = None,
) -> Axes:
    """Horizontal bars of the number of actions per responsible party, most loaded on top.

    ``load`` is :func:`~orgmodel.followup.raci.responsible_load` (its ``column`` is drawn),
    a Series, or :func:`~orgmodel.followup.raci.load_by_quarter` (stacked by quarter,
    "undated" in grey); ``load`` is not changed. With ``org`` the parties (unit and post
    ids) are labelled by the unit's name or the post's title (``labels="name"``, see
    :func:`~orgmodel.followup.raci.party_labels`) or by id (``labels="id"``); without it,
    as written in ``load``'s index. The axis label is in ``lang`` (default: the session's).

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = plot_load(pd.Series({"PKS": 3, "Utvecklingschef": 4}))
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['PKS', 'Utvecklingschef']
    """
    from orgmodel.followup.raci import party_labels

    stacked = isinstance(load, pd.DataFrame) and column not in load.columns
    frame = load.to_frame(column) if isinstance(load, pd.Series) else load
    if not stacked:
        frame = frame[[column]]
    totals = frame.sum(axis=1)
    order = totals.sort_values(ascending=True, kind="stable").index
    frame = frame.loc[order]
    ax = _axes(ax, 7, 0.3 * len(frame) + 1)
    y = np.arange(len(frame))
    left = np.zeros(len(frame))
    palette = ["#2f5f8a", "#4a7ba6", "#2b7a6f", "#5b8a4a", "#b5703a", "#8e4b6e", "#6b5b95"]
    for j, col in enumerate(frame.columns):
        values = frame[col].to_numpy(dtype=float)
        color = "#c3cad2" if col == "undated" else palette[j % len(palette)]
        ax.barh(y, values, left=left, color=color, height=0.65, label=str(col) if stacked else None)
        left += values
    for yi, v in zip(y, left, strict=True):
        ax.text(v + 0.05, yi, f"{v:g}", va="center", fontsize=8, color=MUTED_TEXT_COLOR)
    names = party_labels([str(i) for i in frame.index], org, labels=labels)
    ax.set_yticks(y, [names[str(i)] for i in frame.index])
    ax.set_xlabel(t("plot.followup.responsible_axis", lang), color=TEXT_COLOR)
    if stacked:
        ax.legend(frameon=False, fontsize=8, loc="lower right")
    if title:
        ax.set_title(title, color=TEXT_COLOR)
    _tidy(ax)
    return ax


def plot_targets(
    evaluation: pd.DataFrame,
    ax: Axes | None = None,
    *,
    labels: dict[str, str] | None = None,
    title: str | None = None,
    lang: str | None = None,
) -> Axes:
    """Each target's share with its confidence interval, against its threshold.

    ``evaluation`` is :func:`~orgmodel.followup.targets.evaluate_targets`. A dot is the
    share, the bar the interval, the red tick the threshold; colours are verdicts
    (:data:`VERDICT_COLORS`). Targets without answers show only the threshold. Labels,
    verdicts and percentages are in ``lang`` (default: the session's, :mod:`orgmodel.i18n`).

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ev = pd.DataFrame({"share": [0.8], "low": [0.73], "high": [0.86], "threshold": [0.7],
    ...                    "answers": [133], "verdict": ["met"]}, index=["ny-kunskap"])
    >>> ax = plot_targets(ev)
    >>> [float(x) for x in ax.get_xlim()]
    [0.0, 1.0]
    """
    from matplotlib.lines import Line2D

    labels = labels or {}
    ax = _axes(ax, 8, 0.55 * len(evaluation) + 1.2)
    n = len(evaluation)
    for i, (_target, r) in enumerate(evaluation.iterrows()):
        y = n - 1 - i
        color = VERDICT_COLORS.get(r["verdict"], MUTED_TEXT_COLOR)
        ax.plot([r["threshold"]] * 2, [y - 0.3, y + 0.3], color="#b00020", linewidth=2)
        if r["answers"] > 0 and np.isfinite(r["share"]):
            ax.plot(
                [r["low"], r["high"]],
                [y, y],
                color=color,
                linewidth=3,
                solid_capstyle="butt",
                alpha=0.8,
            )
            ax.plot(r["share"], y, "o", color=color, markersize=7)
            share = format_percent(r["share"], lang=lang)
            text = f"{share} (n={int(r['answers'])}) – {verdict_label(r['verdict'], lang)}"
        else:
            text = f"{t('plot.followup.no_answers', lang)} – {verdict_label(r['verdict'], lang)}"
        ax.text(
            1.01, y, text, va="center", fontsize=8, color=color, transform=ax.get_yaxis_transform()
        )
    ax.set_yticks(np.arange(n)[::-1], [labels.get(str(t), str(t)) for t in evaluation.index])
    ax.set_xlim(0.0, 1.0)
    ax.set_ylim(-0.7, n - 0.3)
    ax.xaxis.set_major_formatter(_percent(lang))
    ax.set_xlabel(t("plot.followup.share_axis", lang), color=TEXT_COLOR)
    handles = [
        Line2D([], [], color="#b00020", linewidth=2, label=t("plot.followup.target_level", lang))
    ] + [
        Line2D([], [], color=c, marker="o", linewidth=3, label=verdict_label(v, lang))
        for v, c in VERDICT_COLORS.items()
    ]
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.15),
        ncol=4,
        frameon=False,
        fontsize=8,
    )
    if title:
        ax.set_title(title, color=TEXT_COLOR)
    _tidy(ax)
    return ax


def _percent(lang: str | None = None) -> Any:
    """Tick labels of shares as percentages in ``lang`` (``80%`` en, ``80 %`` sv and nb)."""
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _pos: format_percent(value, lang=lang))
