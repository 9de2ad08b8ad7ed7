"""Build an agile arena's team in a notebook: choose a need, see the proposed team, swap members.

:class:`TeamBuilder` is a thin ipywidgets view over :mod:`orgmodel.staffing`. Its state is
the organisation (trait ``org``), the needs, the chosen need (trait ``need_id``), the team's
member ids (trait ``members``) and the resulting :class:`~orgmodel.staffing.Team` (trait
``team``). Choosing a need runs :func:`~orgmodel.staffing.staff` (the proposed team);
swapping a member runs :func:`~orgmodel.staffing.evaluate` on the changed member list, so
coverage and the units and main missions spanned always come from the core.

Elements a browser test looks for carry CSS classes: ``tb-need`` (need chooser),
``tb-summary`` (one line: requirements covered, members, units, main missions),
``tb-members`` (the team table; each row ``tb-member``), ``tb-coverage`` (coverage per
requirement; each row ``tb-req`` and ``tb-covered`` or ``tb-uncovered``), ``tb-swap-out``
(the member to replace), ``tb-swap-in`` (candidates with a competence the member covers),
``tb-swap`` (button), ``tb-reset`` (back to the proposed team) and ``tb-errors``.

Labels, table headings and messages are in the language of the trait ``lang`` (default:
the session's, :func:`orgmodel.i18n.get_language`); changing it relabels the view. Names of
needs, posts, units and competences are the user's data and stay as written.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import Any

import ipywidgets as widgets
import pandas as pd
import traitlets

from orgmodel.i18n import check_language, format_number, get_language, t
from orgmodel.model import Organisation
from orgmodel.staffing import Need, StaffingResult, Team, evaluate, staff

__all__ = ["TeamBuilder", "coverage_html", "members_html", "summary_text"]


def _fte(x: float, lang: str | None) -> str:
    """FTE to three significant digits, with the language's decimal sign."""
    return format_number(float(f"{float(x):.3g}"), lang=lang)


def _count(n: int, word: str, lang: str | None) -> str:
    return t(f"team_builder.count.{word}.{'one' if n == 1 else 'other'}", lang, n=n)


def summary_text(team: Team, lang: str | None = None) -> str:
    """One line about a team, in ``lang`` (default: the session's language).

    >>> from orgmodel.model import Organisation, Unit, Post
    >>> from orgmodel.staffing import Need, Requirement, staff
    >>> org = Organisation([Unit("a")], [Post("p", unit="a", competences=("x",))])
    >>> summary_text(staff(org, Need("n", requirements=(Requirement("x"), Requirement("y")))).best)
    'Covered 1 of 2 requirements · 1 member · 1 unit · 1 main mission'
    >>> summary_text(staff(org, Need("n", requirements=(Requirement("x"),))).best, lang="sv")
    '1 av 1 krav täckta · 1 medlem · 1 enhet · 1 huvuduppdrag'
    """
    n_req = len(team.coverage)
    done = int(team.coverage["covered"].sum()) if n_req else 0
    return t(
        "team_builder.summary",
        lang,
        done=done,
        requirements=_count(n_req, "requirement", lang),
        members=_count(len(team.members), "member", lang),
        units=_count(len(team.units), "unit", lang),
        missions=_count(len(team.main_missions), "main_mission", lang),
    )


def members_html(team: Team, org: Organisation, lang: str | None = None) -> str:
    """The team as an HTML table, headings in ``lang`` (every text escaped: it is user data)."""
    e = html.escape
    rows = []
    for member, r in team.members.iterrows():
        unit = org.unit_map.get(r["unit"])
        mission = org.unit_map.get(r["main_mission"])
        star = " ★" if r["coordinator"] else ""
        rows.append(
            f"<tr class='tb-member' data-member='{e(str(member))}'>"
            f"<td>{e(str(r['title']))}{star}</td><td>{e(unit.name if unit else str(r['unit']))}</td>"
            f"<td>{e(mission.name if mission else str(r['main_mission']))}</td>"
            f"<td>{e(', '.join(r['covers']))}</td>"
            f"<td style='text-align:right'>{_fte(r['fte'], lang)}</td></tr>"
        )
    head = _head(("member", "unit", "main_mission", "covers", "fte"), lang)
    return (
        f"<table class='tb-members-table'>{head}{''.join(rows)}</table>"
        f"<small>★ {e(t('team_builder.coordinator', lang))}</small>"
    )


def _head(columns: Iterable[str], lang: str | None) -> str:
    cells = "".join(
        f"<th>{html.escape(t('team_builder.col.' + c, lang)) if c else ''}</th>" for c in columns
    )
    return f"<tr>{cells}</tr>"


def coverage_html(team: Team, lang: str | None = None) -> str:
    """Coverage per requirement as an HTML table (rows ``tb-covered`` / ``tb-uncovered``),
    headings in ``lang``."""
    e = html.escape
    rows = []
    for key, r in team.coverage.iterrows():
        cls = "tb-covered" if r["covered"] else "tb-uncovered"
        mark = "✓" if r["covered"] else "✗"
        label = r["role"] or r["competence"]
        by = ", ".join(str(x) for x in r["provided_by"])
        rows.append(
            f"<tr class='tb-req {cls}' data-requirement='{e(str(key))}'><td>{mark}</td>"
            f"<td>{e(str(label))}</td><td>{e(str(r['competence']))}</td>"
            f"<td style='text-align:right'>{_fte(r['assigned_fte'], lang)} / "
            f"{_fte(r['required_fte'], lang)}</td><td>{e(by)}</td></tr>"
        )
    head = _head(("", "requirement", "competence", "fte", "provided_by"), lang)
    return f"<table class='tb-coverage-table'>{head}{''.join(rows)}</table>"


class TeamBuilder(widgets.VBox):
    """Choose a need, see the proposed team, swap a member, watch coverage update.

    Parameters
    ----------
    org
        The organisation to staff from.
    needs
        ``{id: Need}`` (as :func:`~orgmodel.staffing.read_needs` returns) or a list of needs.
    staff_options
        Passed to :func:`~orgmodel.staffing.staff` and :func:`~orgmodel.staffing.evaluate`
        (``lendable_share``, ``arena_load``, ``missions``...).
    lang
        Language of the labels: ``"en"``, ``"sv"`` or ``"nb"`` (default: the session's,
        :func:`orgmodel.i18n.get_language`). The trait ``lang`` can be changed later.
    """

    org = traitlets.Instance(Organisation)
    need_id = traitlets.Unicode()
    members = traitlets.Tuple()
    team = traitlets.Instance(Team, allow_none=True)
    proposal = traitlets.Instance(StaffingResult, allow_none=True)
    lang = traitlets.Unicode("en")

    @traitlets.validate("lang")
    def _valid_lang(self, proposal: Any) -> str:
        return check_language(proposal["value"])

    def __init__(
        self,
        org: Organisation,
        needs: Mapping[str, Need] | Iterable[Need],
        lang: str | None = None,
        **staff_options: Any,
    ):
        items = list(needs.values()) if isinstance(needs, Mapping) else list(needs)
        if not items:
            raise ValueError("TeamBuilder needs at least one need")
        self._needs = {n.id: n for n in items}
        self._options = staff_options
        self._candidates = pd.DataFrame()
        self.set_trait("lang", get_language() if lang is None else lang)
        self.need_choice = widgets.Dropdown(options=[(n.title, n.id) for n in items])
        self.need_choice.add_class("tb-need")
        self.summary = widgets.HTML()
        self.summary.add_class("tb-summary")
        self.members_view = widgets.HTML()
        self.members_view.add_class("tb-members")
        self.coverage_view = widgets.HTML()
        self.coverage_view.add_class("tb-coverage")
        self.swap_out = widgets.Dropdown()
        self.swap_out.add_class("tb-swap-out")
        self.swap_in = widgets.Dropdown()
        self.swap_in.add_class("tb-swap-in")
        self.swap_button = widgets.Button(button_style="primary")
        self.swap_button.add_class("tb-swap")
        self.reset_button = widgets.Button()
        self.reset_button.add_class("tb-reset")
        self.errors = widgets.HTML()
        self.errors.add_class("tb-errors")
        self._relabel()
        super().__init__(
            [
                self.need_choice,
                self.summary,
                self.members_view,
                widgets.HBox([self.swap_out, self.swap_in, self.swap_button, self.reset_button]),
                self.coverage_view,
                self.errors,
            ]
        )
        self.need_choice.observe(lambda ch: setattr(self, "need_id", ch["new"]), names="value")
        self.swap_out.observe(lambda _: self._fill_swap_in(), names="value")
        self.swap_button.on_click(lambda _: self.swap_selected())
        self.reset_button.on_click(lambda _: self.reset())
        self.observe(self._on_lang, names="lang")
        self.org = org
        self.need_id = items[0].id

    # ---- labels ----------------------------------------------------------------------------
    def _relabel(self) -> None:
        """Put every label and button in :attr:`lang`."""
        for w, key in (
            (self.need_choice, "need"),
            (self.swap_out, "replace"),
            (self.swap_in, "with"),
            (self.swap_button, "swap"),
            (self.reset_button, "proposed_team"),
        ):
            w.description = t(f"team_builder.{key}", self.lang)

    def _on_lang(self, change: dict[str, Any]) -> None:
        self._relabel()
        chosen = self.swap_in.value
        if self.team is not None:
            self._show({"new": self.team})  # headings and candidates in the new language
        if chosen in [value for _, value in self.swap_in.options]:
            self.swap_in.value = chosen

    # ---- state changes ---------------------------------------------------------------------
    @property
    def need(self) -> Need:
        return self._needs[self.need_id]

    @traitlets.observe("need_id", "org")
    def _propose(self, change: dict[str, Any]) -> None:
        if not self.need_id:
            return
        if self.need_id not in self._needs:
            self.errors.value = self._error("no_need", need=self.need_id)
            return
        if self.need_choice.value != self.need_id:
            self.need_choice.value = self.need_id
        self.proposal = staff(self.org, self.need, **self._options)
        self._candidates = self.proposal.candidates
        self._set_team(self.proposal.best)

    def reset(self) -> None:
        """Back to the proposed team."""
        if self.proposal is not None:
            self._set_team(self.proposal.best)

    def swap(self, out: str, into: str) -> None:
        """Replace member ``out`` by candidate ``into`` and re-evaluate the team."""
        if out not in self.members:
            self.errors.value = self._error("not_in_team", member=out)
            return
        if into in self.members:
            self.errors.value = self._error("in_team_already", member=into)
            return
        new = [into if m == out else m for m in self.members]
        try:
            team = evaluate(self.org, self.need, new, **self._options)
        except Exception as exc:  # show, don't crash the notebook
            self.errors.value = f"<b>{html.escape(str(exc))}</b>"
            return
        self._set_team(team)

    def _error(self, key: str, **params: str) -> str:
        return f"<b>{html.escape(t('team_builder.error.' + key, self.lang, **params))}</b>"

    def swap_selected(self) -> None:
        if self.swap_out.value and self.swap_in.value:
            self.swap(self.swap_out.value, self.swap_in.value)

    def _set_team(self, team: Team) -> None:
        self.errors.value = ""
        with self.hold_trait_notifications():
            self.team = team
            self.members = tuple(team.members.index)

    @traitlets.observe("team")
    def _show(self, change: dict[str, Any]) -> None:
        team = change["new"]
        if team is None:
            return
        self.summary.value = html.escape(summary_text(team, self.lang))
        self.members_view.value = members_html(team, self.org, self.lang)
        self.coverage_view.value = coverage_html(team, self.lang)
        titles = team.members["title"].to_dict()
        keep = self.swap_out.value
        self.swap_out.options = [(f"{titles[m]} ({m})", m) for m in team.members.index]
        if len(team.members):
            self.swap_out.value = keep if keep in titles else team.members.index[0]
        self._fill_swap_in()

    def swap_candidates(self, member: str) -> pd.DataFrame:
        """Candidates outside the team who have a competence ``member`` covers and free
        capacity (from the core's candidate table)."""
        team = self.team
        if team is None or member not in team.members.index:
            return self._candidates.iloc[0:0]
        comps = {self.need.requirement(k).competence for k in team.members.at[member, "covers"]}
        if not comps:  # a member without work: anyone with a required competence
            comps = set(self.need.competences)
        c = self._candidates
        ok = c["competences"].map(lambda cs: bool(comps & set(cs))) & (c["capacity_fte"] > 0)
        return c[ok & ~c.index.isin(list(self.members))]

    def _fill_swap_in(self) -> None:
        out = self.swap_out.value
        if not out:
            self.swap_in.options = []
            return
        cands = self.swap_candidates(out)
        self.swap_in.options = [
            (
                t(
                    "team_builder.candidate",
                    self.lang,
                    title=r["title"],
                    unit=r["unit"],
                    fte=_fte(r["capacity_fte"], self.lang),
                ),
                m,
            )
            for m, r in cands.iterrows()
        ]
        self.swap_in.value = cands.index[0] if len(cands) else None
