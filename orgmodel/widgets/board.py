"""Follow an action plan in a notebook: filter, change statuses, RACI, load, save; targets.

:class:`ActionPlanBoard` is a thin ipywidgets view over :mod:`orgmodel.followup`. Its state
is one immutable :class:`~orgmodel.followup.actionplan.ActionPlan` in the ``plan`` trait
plus the three filters; changing an action's status replaces the plan with a new one
(``plan.with_status``), and one observer redraws the table, the RACI matrix and the load
(computed by :mod:`orgmodel.followup.raci`).

:class:`TargetsView` shows effect targets against survey answers: shares, Wilson
intervals and verdicts (:func:`~orgmodel.followup.targets.evaluate_targets`) and the chart
of :func:`~orgmodel.plot.followup.plot_targets`.

CSS classes for browser tests: ``action-plan-board``, ``board-filter-theme``,
``board-filter-owner``, ``board-filter-status``, ``board-count``, ``board-table`` (rows
``board-row`` with ``data-action``, cells ``board-status``), ``board-edit-action``,
``board-edit-status``, ``board-set-status``, ``board-raci``, ``board-load``,
``board-save-path``, ``board-save``, ``board-message``; ``targets-view``,
``targets-confidence``, ``targets-table``, ``targets-chart``.
"""

from __future__ import annotations

import html
import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd
import traitlets

from orgmodel.errors import OrgModelError
from orgmodel.followup.actionplan import STATUSES, ActionPlan, write_actionplan
from orgmodel.followup.raci import assignments, party_labels, raci_matrix, responsible_load
from orgmodel.followup.targets import EffectTarget, TargetPlan, evaluate_targets
from orgmodel.i18n import check_language, format_date, format_percent, get_language, t

__all__ = ["ALL", "ActionPlanBoard", "TargetsView", "actions_html", "status_label"]

#: The filter value that shows everything (its label is ``common.all`` in the catalogue).
ALL = "(alla)"
_STATUS_COLOR = {
    "planned": "#52606d",
    "in progress": "#2f5f8a",
    "done": "#2b7a6f",
    "cancelled": "#8c8c8c",
}


_PAD = "padding:3px 8px;vertical-align:top;text-align:left"
_CELL = f"style='{_PAD}'"


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def status_label(status: str, lang: str | None = None) -> str:
    """An action's status for people, in ``lang`` (a status orgmodel does not know: as is).

    >>> status_label("done", "sv"), status_label("in progress", "nb"), status_label("x", "en")
    ('klar', 'pågår', 'x')
    """
    return t(f"status.{status}", lang) if status in STATUSES else status


def _day(value: Any, lang: str | None) -> str:
    """A date in the locale's short form; text that is not a date, as written."""
    try:
        return format_date(value, "short", lang=lang)
    except (TypeError, ValueError, AttributeError):
        return str(value)


def actions_html(
    plan: ActionPlan, ids: Sequence[str], *, today: Any = None, lang: str | None = None
) -> str:
    """The chosen actions as an HTML table (every text escaped: it is user data).

    Headings and statuses in ``lang`` (default: the session's); the plan's texts as written.

    >>> from orgmodel.followup import Action, ActionPlan, Theme
    >>> p = ActionPlan("P", None, [Theme("t", "<Tema>")], [Action("a", "x & y", "t", ["K"])])
    >>> "x &amp; y" in actions_html(p, ["a"]) and "&lt;Tema&gt;" in actions_html(p, ["a"])
    True
    """
    themes = {t.id: t.title for t in plan.themes}
    rows = []
    for i in ids:
        a = plan.action(i)
        colour = _STATUS_COLOR.get(a.status, "#52606d")
        deadline = "" if a.deadline is None else a.deadline.text
        if a.recurrence:
            deadline = f"{deadline} ({a.recurrence})" if deadline else a.recurrence
        rows.append(
            f"<tr class='board-row' data-action='{_e(a.id)}' style='border-top:1px solid #e4e7eb'>"
            f"<td {_CELL}><code>{_e(a.id)}</code></td>"
            f"<td {_CELL}>{_e(themes.get(a.theme, a.theme))}</td>"
            f"<td style='{_PAD};max-width:32em'>{_e(a.text)}</td>"
            f"<td {_CELL}>{_e('; '.join(a.responsible))}</td><td {_CELL}>{_e(deadline)}</td>"
            f"<td class='board-status' data-status='{_e(a.status)}' "
            f"style='{_PAD};color:{colour}'>"
            f"{_e(status_label(a.status, lang))}</td></tr>"
        )
    head = (
        "<tr>"
        + "".join(
            f"<th {_CELL}>{_e(t('board.col.' + h, lang))}</th>"
            for h in ("id", "theme", "action", "responsible", "when", "status")
        )
        + "</tr>"
    )
    return (
        "<table class='board-actions' style='border-collapse:collapse;font-size:90%'>"
        f"{head}{''.join(rows)}</table>"
    )


def _frame_html(frame: pd.DataFrame, css: str) -> str:
    return frame.to_html(classes=css, escape=True, na_rep="", border=0)


class ActionPlanBoard(widgets.VBox):
    """Filter an action plan by theme, responsible party and status; change statuses; save.

    Parameters
    ----------
    plan
        The action plan (never changed: editing makes a new plan in ``board.plan``).
    org
        An :class:`~orgmodel.model.Organisation`: responsible parties are then resolved to
        its units and posts (the owner filter lists those, its values are their ids) and the
        RACI and load tabs name them by the unit's name or the post's title
        (:func:`~orgmodel.followup.raci.party_labels`); without one, the parties as written.
    aliases
        Extra party aliases (phrase -> ids) for the resolution.
    path
        The file that "Save" writes (``.yaml`` or ``.xlsx``), atomically.
    today
        A date for the "past due" count in the header.
    lang
        Language of the labels, ``"en"``, ``"sv"`` or ``"nb"`` (default: the session's,
        :func:`orgmodel.i18n.get_language`); the trait ``lang`` can be changed later.

    >>> from orgmodel.followup import Action, ActionPlan, Theme
    >>> p = ActionPlan("P", "KS", [Theme("t", "T")],
    ...                [Action("a", "x", "t", ["Kansliet"]), Action("b", "y", "t", ["HR"])])
    >>> board = ActionPlanBoard(p, lang="sv")
    >>> board.set_filter(owner="HR")
    >>> board.visible_actions()
    ['b']
    >>> board.set_status("b", "klar")
    >>> board.plan.action("b").status, p.action("b").status
    ('done', 'planned')
    """

    plan = traitlets.Instance(ActionPlan)
    theme_filter = traitlets.Unicode(ALL)
    owner_filter = traitlets.Unicode(ALL)
    status_filter = traitlets.Unicode(ALL)
    lang = traitlets.Unicode("en")

    @traitlets.validate("lang")
    def _valid_lang(self, proposal: Any) -> str:
        return check_language(proposal["value"])

    def __init__(
        self,
        plan: ActionPlan,
        org: Any = None,
        *,
        aliases: Mapping[str, Any] | None = None,
        path: str | Path | None = None,
        today: Any = None,
        lang: str | None = None,
    ):
        self.org = org
        self.aliases = dict(aliases or {})
        self.today = today
        self.original = plan
        self._long = assignments(plan, org, self.aliases)  # raises if a party is unknown
        super().__init__(plan=plan, lang=get_language() if lang is None else lang)
        self.add_class("action-plan-board")

        owners = list(dict.fromkeys(self._long.loc[self._long["role"] == "R", "id"]))
        self.theme_select = widgets.Dropdown(
            options=[(ALL, ALL)] + [(theme.title, theme.id) for theme in plan.themes],
            value=ALL,
        )
        self.owner_select = widgets.Dropdown(
            options=[(ALL, ALL)] + [(self._party_label(o), o) for o in owners],
            value=ALL,
        )
        self.status_select = widgets.Dropdown(
            options=[(ALL, ALL)] + [(s, s) for s in STATUSES], value=ALL
        )
        for w, css, trait in (
            (self.theme_select, "board-filter-theme", "theme_filter"),
            (self.owner_select, "board-filter-owner", "owner_filter"),
            (self.status_select, "board-filter-status", "status_filter"),
        ):
            w.add_class(css)
            w.observe(self._filter_handler(trait), names="value")

        self.count = widgets.HTML()
        self.count.add_class("board-count")
        self.table = widgets.HTML()
        self.table.add_class("board-table")

        self.edit_action = widgets.Dropdown()
        self.edit_action.add_class("board-edit-action")
        self.edit_status = widgets.Dropdown(options=[(s, s) for s in STATUSES], value="planned")
        self.edit_status.add_class("board-edit-status")
        self.set_button = widgets.Button(button_style="primary")
        self.set_button.add_class("board-set-status")
        self.set_button.on_click(lambda _b: self._apply_edit())
        self.edit_action.observe(self._on_edit_action, names="value")

        self.raci = widgets.HTML()
        self.raci.add_class("board-raci")
        self.load = widgets.HTML()
        self.load.add_class("board-load")

        self.save_path = widgets.Text(
            value="" if path is None else str(path), placeholder="plan.yaml"
        )
        self.save_path.add_class("board-save-path")
        self.save_button = widgets.Button()
        self.save_button.add_class("board-save")
        self.save_button.on_click(lambda _b: self._save_clicked())
        self.message = widgets.HTML()
        self.message.add_class("board-message")

        self.tabs = tabs = widgets.Tab(
            children=[
                widgets.VBox(
                    [
                        self.count,
                        self.table,
                        widgets.HBox([self.edit_action, self.edit_status, self.set_button]),
                    ]
                ),
                self.raci,
                self.load,
            ]
        )
        self._relabel()
        self.children = [
            widgets.HTML(f"<h3>{_e(plan.title)}</h3>"),
            widgets.HBox([self.theme_select, self.owner_select, self.status_select]),
            tabs,
            widgets.HBox([self.save_path, self.save_button]),
            self.message,
        ]
        self.observe(self._redraw, names=["plan", "theme_filter", "owner_filter", "status_filter"])
        self.observe(self._on_lang, names="lang")
        self._redraw()

    def _relabel(self) -> None:
        """Put every label, button, tab title and status in :attr:`lang`."""
        lang = self.lang
        for w, key in (
            (self.theme_select, "board.theme"),
            (self.owner_select, "board.responsible"),
            (self.status_select, "board.status"),
            (self.edit_action, "board.action"),
            (self.edit_status, "board.new_status"),
            (self.save_path, "common.file"),
        ):
            w.description = t(key, lang)
        self.set_button.description = t("board.set_status", lang)
        self.save_button.description = t("board.save", lang)
        for i, key in enumerate(("actions", "raci", "load")):
            self.tabs.set_title(i, t(f"board.tab.{key}", lang))
        everything = t("common.all", lang)
        for w in (self.theme_select, self.owner_select):
            _relabel_options(w, {ALL: everything})
        statuses = {s: status_label(s, lang) for s in STATUSES}
        _relabel_options(self.status_select, {ALL: everything, **statuses})
        _relabel_options(self.edit_status, statuses)

    def _on_lang(self, _change: Any) -> None:
        self._relabel()
        self._redraw()

    # ---- the core, called by the controls and by code --------------------------------------
    def _party_label(self, party: str) -> str:
        org = self.org
        if org is None:
            return party
        if party in org.unit_map:
            return f"{org.unit_map[party].name} ({party})"
        if party in org.post_map:
            return f"{org.post_map[party].title or party} ({party})"
        return party

    def visible_actions(self) -> list[str]:
        """Ids of the actions that pass the three filters, in plan order."""
        long = self._long
        owned = None
        if self.owner_filter != ALL:
            mine = long[(long["role"] == "R") & (long["id"] == self.owner_filter)]
            owned = set(mine["action"])
        return [
            a.id
            for a in self.plan.actions
            if (self.theme_filter == ALL or a.theme == self.theme_filter)
            and (self.status_filter == ALL or a.status == self.status_filter)
            and (owned is None or a.id in owned)
        ]

    def set_filter(
        self, *, theme: str | None = None, owner: str | None = None, status: str | None = None
    ) -> None:
        """Set some of the filters (``ALL`` for no filter); the dropdowns follow."""
        with self.hold_trait_notifications():
            if theme is not None:
                self.theme_select.value = theme
            if owner is not None:
                self.owner_select.value = owner
            if status is not None:
                self.status_select.value = status

    def set_status(self, action: str, status: str) -> None:
        """Give ``action`` a new status: ``plan`` becomes a new plan."""
        self.plan = self.plan.with_status(action, status)

    def save(self, path: str | Path | None = None) -> Path:
        """Write the current plan (YAML or Excel by suffix), atomically; returns the path."""
        target = Path(path if path is not None else self.save_path.value)
        write_actionplan(self.plan, target)
        return target

    # ---- handlers ---------------------------------------------------------------------------
    def _filter_handler(self, trait: str):
        def handler(change: dict[str, Any]) -> None:
            setattr(self, trait, change["new"])

        return handler

    def _on_edit_action(self, change: dict[str, Any]) -> None:
        if change["new"]:
            self.edit_status.value = self.plan.action(change["new"]).status

    def _apply_edit(self) -> None:
        action = self.edit_action.value
        if not action:
            return
        try:
            self.set_status(action, self.edit_status.value)
        except (OrgModelError, ValueError) as exc:
            self.message.value = f"<span style='color:#b00020'>{_e(exc)}</span>"
        else:
            status = status_label(self.edit_status.value, self.lang)
            self.message.value = f"{_e(action)}: {_e(status)}"

    def _save_clicked(self) -> None:
        if not self.save_path.value.strip():
            self.message.value = (
                f"<span style='color:#b00020'>{_e(t('board.give_file', self.lang))}</span>"
            )
            return
        try:
            path = self.save()
        except (OrgModelError, OSError, ValueError) as exc:
            self.message.value = f"<span style='color:#b00020'>{_e(exc)}</span>"
        else:
            self.message.value = _e(t("board.saved", self.lang, path=path))

    def _redraw(self, change: Any = None) -> None:
        if change is not None and change["name"] == "plan":
            self._long = assignments(self.plan, self.org, self.aliases)
        ids = self.visible_actions()
        plan = self.plan
        lang = self.lang
        late = ""
        if self.today is not None:
            from orgmodel.followup.raci import past_due

            n_late = len(past_due(plan, self.today))
            day = _day(self.today, lang)
            late = " · " + _e(t("board.late", lang, n=n_late, day=day))
        self.count.value = t("board.count", lang, shown=len(ids), total=len(plan)) + late
        self.table.value = actions_html(plan, ids, lang=lang)
        keep = self.edit_action.value
        self.edit_action.options = [(i, i) for i in ids]
        self.edit_action.value = keep if keep in ids else (ids[0] if ids else None)
        matrix = raci_matrix(plan, self.org, self.aliases).loc[ids]
        matrix = matrix.loc[:, (matrix != "").any(axis=0)]
        # computed by id (the filters and the code look parties up by id), shown by name
        matrix = matrix.rename(columns=party_labels(matrix.columns, self.org))
        self.raci.value = f"<p>{_e(t('board.raci_legend', lang))}</p>" + _frame_html(
            matrix, "board-raci-table"
        )
        load = responsible_load(plan, self.org, self.aliases, open_only=True)
        load = load.rename(index=party_labels(load.index, self.org))
        self.load.value = f"<p>{_e(t('board.load_heading', lang))}</p>" + (
            _frame_html(
                load[["actions", "dated", "undated", "first_due", "last_due"]], "board-load-table"
            )
        )


def _relabel_options(w: widgets.Dropdown, labels: Mapping[Any, str]) -> None:
    """New labels for some of a dropdown's values; the chosen value stays chosen."""
    keep = w.value
    options = [(labels.get(v, label), v) for label, v in w.options]
    if options != list(w.options):
        w.options = options
        w.value = keep


class TargetsView(widgets.VBox):
    """Effect targets against survey answers: shares, Wilson intervals, verdicts and a chart.

    >>> from orgmodel.followup.targets import EffectTarget
    >>> t = EffectTarget("t", "a", "70 %", "q", "p", 0.7, positive=["ja"])
    >>> view = TargetsView([t], pd.DataFrame({"population": ["p"] * 4, "q": ["ja"] * 4}),
    ...                    show_chart=False)
    >>> view.evaluation.loc["t", "verdict"]
    'cannot tell yet'
    """

    confidence = traitlets.Float(0.95)

    def __init__(
        self,
        targets: TargetPlan | Sequence[EffectTarget],
        responses: pd.DataFrame,
        *,
        show_chart: bool = True,
        lang: str | None = None,
    ):
        self.lang = get_language() if lang is None else check_language(lang)
        self.targets = targets
        self.responses = responses
        self.show_chart = show_chart
        self.evaluation = pd.DataFrame()
        super().__init__()
        self.add_class("targets-view")
        self.level = widgets.Dropdown(
            options=[(format_percent(v, lang=self.lang), v) for v in (0.9, 0.95, 0.99)],
            value=0.95,
            description=t("board.confidence", self.lang),
        )
        self.level.add_class("targets-confidence")
        self.level.observe(lambda ch: setattr(self, "confidence", ch["new"]), names="value")
        self.table = widgets.HTML()
        self.table.add_class("targets-table")
        self.chart = widgets.Image(format="svg+xml")
        self.chart.add_class("targets-chart")
        self.children = [self.level, self.table] + ([self.chart] if show_chart else [])
        self.observe(self._redraw, names="confidence")
        self._redraw()

    def _redraw(self, _change: Any = None) -> None:
        ev = evaluate_targets(self.targets, self.responses, confidence=self.confidence)
        self.evaluation = ev
        lang = self.lang
        shown = ev[["answers", "positive", "share", "low", "high", "threshold", "verdict"]].copy()
        for c in ("share", "low", "high", "threshold"):
            shown[c] = shown[c].map(lambda v: "" if pd.isna(v) else format_percent(v, lang=lang))
        self.table.value = _frame_html(shown, "targets-table-frame")
        if self.show_chart:
            from matplotlib.figure import Figure

            from orgmodel.plot.followup import plot_targets

            fig = Figure(figsize=(8, 0.55 * len(ev) + 1.6))
            ax = fig.add_subplot()
            plot_targets(ev, ax=ax, lang=lang)
            buf = io.BytesIO()
            fig.savefig(buf, format="svg", bbox_inches="tight")
            self.chart.value = buf.getvalue()
