"""Score initiatives against a checklist in a notebook: answers, gates, weights, ranking.

:class:`ChecklistScorer` is a thin ipywidgets view. Its whole state is one immutable
:class:`ScorerState` in the ``state`` trait; every control replaces it with a changed copy,
and one observer recomputes a :class:`~orgmodel.prioritise.record.DecisionRecord` (gates,
weights, ranking: all computed by :mod:`orgmodel.prioritise`) and redraws the ranking.
Initiatives that fail a gate are not ranked but are listed as excluded, with the reason.

Elements a browser test looks for carry CSS classes: ``scorer-ranking`` (the ranking
table), ``scorer-order`` (the ranked ids in one line), ``scorer-weight-<criterion>``
(weight sliders), ``scorer-score-<initiative>-<criterion>`` (answer dropdowns),
``scorer-gate-<initiative>-<question>``, ``scorer-method``, ``scorer-errors``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import html
import math
import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd
import traitlets

from orgmodel.i18n import UnknownLanguageError, check_language, t
from orgmodel.model.entities import FrozenDict
from orgmodel.prioritise.checklist import (
    Checklist,
    Initiative,
    as_initiatives,
    check_initiatives,
    gate_answer,
)
from orgmodel.prioritise.record import (
    METHOD_NAMES,
    DecisionRecord,
    decision_record,
    scoring_options,
)

__all__ = [
    "SAATY_CHOICES",
    "ChecklistScorer",
    "ScorerState",
    "css_name",
    "evaluate_state",
    "ranking_html",
    "time_updates",
]

#: Pairwise judgements offered in AHP mode: how much more important the left criterion is.
SAATY_CHOICES: list[tuple[str, float]] = [
    *((f"{v} ◀", float(v)) for v in (9, 7, 5, 3)),
    ("1 =", 1.0),
    *((f"▶ {v}", 1.0 / v) for v in (3, 5, 7, 9)),
]
_UNANSWERED = "–"
_GATE_OPTIONS = {
    "nb": ("ja", "nei", "vet ikke"),
    "sv": ("ja", "nej", "vet ej"),
    "en": ("yes", "no", "unknown"),
}


_TRANSLITERATE = str.maketrans(
    {
        "æ": "ae",
        "ø": "o",
        "å": "a",
        "ä": "a",
        "ö": "o",
        "Æ": "Ae",
        "Ø": "O",
        "Å": "A",
        "Ä": "A",
        "Ö": "O",
    }
)


def _ui_language(language: str) -> str:
    """The interface language for a checklist language: itself, or English if unknown."""
    try:
        return check_language(language)
    except UnknownLanguageError:
        return "en"


def _ui(language: str, key: str) -> str:
    """An interface word from the catalogue (:mod:`orgmodel.i18n`, keys ``scorer.*``).

    Checklist content comes from the checklist itself and keeps its wording; the
    interface follows the checklist's language, English for a language orgmodel has no
    labels for.

    >>> _ui("nb", "gates"), _ui("sv", "gates"), _ui("da", "gates")
    ('Porter', 'Grindar', 'Gates')
    """
    return t(f"scorer.{key}", _ui_language(language))


def css_name(*parts: str) -> str:
    """A CSS class for ids that may hold any character (Nordic letters transliterated).

    >>> css_name("scorer-score", "Digital innbygger", "økonomisk-tyngde")
    'scorer-score-Digital-innbygger-okonomisk-tyngde'
    >>> css_name("scorer-gate", "a/b", "mål")
    'scorer-gate-a-b-mal'
    """
    cleaned = (
        re.sub(r"[^A-Za-z0-9_-]+", "-", str(p).translate(_TRANSLITERATE)).strip("-") for p in parts
    )
    return "-".join(c for c in cleaned if c)


@dataclass(frozen=True)
class ScorerState:
    """Everything a user has set in the scorer, as one immutable value.

    ``scores`` maps ``(initiative, criterion)`` to a number (NaN = unanswered);
    ``gate_answers`` maps ``(initiative, question)`` to True / False / None; ``points`` are
    the direct weights (any scale); ``pairwise`` maps ``(a, b)`` (``a`` before ``b`` in
    criterion order) to how many times more important ``a`` is; ``weight_mode`` is
    ``"direct"`` or ``"ahp"``; ``method`` a key of
    :data:`~orgmodel.prioritise.record.METHOD_NAMES`.
    """

    scores: Mapping[Any, float]
    gate_answers: Mapping[Any, bool | None]
    points: Mapping[str, float]
    pairwise: Mapping[Any, float]
    weight_mode: str = "direct"
    method: str = "weighted_sum"

    def evolve(self, **changes: Any) -> ScorerState:
        return dataclasses.replace(self, **changes)

    def with_item(self, name: str, key: Any, value: Any) -> ScorerState:
        """A copy with one entry of the mapping ``name`` changed."""
        mapping = dict(getattr(self, name))
        mapping[key] = value
        changes: dict[str, Any] = {name: FrozenDict(mapping)}
        return dataclasses.replace(self, **changes)


def _nearest_saaty(value: float) -> float:
    """The judgement offered by the sliders nearest to ``value`` (on a log scale).

    >>> _nearest_saaty(4), _nearest_saaty(0.3), _nearest_saaty(1)
    (5.0, 0.3333333333333333, 1.0)
    """
    if not value > 0:
        raise ValueError(f"a pairwise judgement must be positive, not {value!r}")
    return min((v for _, v in SAATY_CHOICES), key=lambda v: abs(math.log(v / value)))


def _ahp_weights(checklist: Checklist, pairwise: Mapping[Any, float]):
    from orgmodel.prioritise.ahp import ahp

    ids = checklist.criterion_ids
    matrix = pd.DataFrame(1.0, index=ids, columns=ids)
    for (a, b), v in pairwise.items():
        matrix.at[a, b] = v
        matrix.at[b, a] = 1.0 / v
    return ahp(matrix)


def evaluate_state(
    checklist: Checklist,
    initiatives: Sequence[Initiative],
    state: ScorerState,
    *,
    decided_by: str = "",
) -> DecisionRecord:
    """The decision record for a scorer state (what the widget shows).

    >>> from orgmodel.prioritise.checklist import Criterion
    >>> c = Checklist("d", "d", criteria=[Criterion("x", "X"), Criterion("y", "Y")])
    >>> s = ScorerState(FrozenDict({("a", "x"): 1.0, ("a", "y"): 0.0, ("b", "x"): 0.0,
    ...                             ("b", "y"): 1.0}), FrozenDict(),
    ...                 FrozenDict({"x": 2, "y": 1}), FrozenDict())
    >>> evaluate_state(c, as_initiatives(["a", "b"]), s).ranking()
    ['a', 'b']
    """
    ids = [i.id for i in initiatives]
    crit = checklist.criterion_ids
    scores = pd.DataFrame(
        [[state.scores.get((i, c), math.nan) for c in crit] for i in ids],
        index=pd.Index(ids, name="initiative"),
        columns=pd.Index(crit, name="criterion"),
        dtype=float,
    )
    details: dict[str, Any] = {}
    if state.weight_mode == "ahp":
        result = _ahp_weights(checklist, state.pairwise)
        weights = result.weights
        details = {
            "consistency_ratio": float(result.consistency_ratio),
            "lambda_max": float(result.lambda_max),
            "consistency_index": float(result.consistency_index),
            "pairwise": result.matrix,
        }
    else:
        weights = pd.Series({c: float(state.points.get(c, 0.0)) for c in crit})
        if weights.sum() <= 0:
            raise ValueError("every weight is zero: give at least one criterion a weight")
        details = {"points": weights.rename("points")}
    gate_answers = None
    if checklist.gates:
        gate_answers = {
            i: {q: state.gate_answers.get((i, q)) for q in checklist.question_ids} for i in ids
        }
    return decision_record(
        checklist,
        scores,
        weights=weights,
        weight_method=state.weight_mode,
        weight_details=details,
        method=state.method,
        gate_answers=gate_answers,
        initiatives=list(initiatives),
        decided_by=decided_by,
    )


def ranking_html(record: DecisionRecord, language: str = "en") -> str:
    """The ranking as an HTML table with a bar per score; every name escaped (user data)."""
    e = html.escape
    res = record.results
    ranked = res[res["status"] == "ranked"]["score"]
    lo, hi = (float(ranked.min()), float(ranked.max())) if len(ranked) else (0.0, 1.0)
    span = hi - lo if hi > lo else 1.0
    rows = []
    for r in res.to_dict("records"):
        if r["status"] == "ranked":
            width = 5 + 95 * (float(r["score"]) - lo) / span
            bar = f"<div style='background:#4c78a8;height:0.8em;width:{width:.0f}%'></div>"
            rows.append(
                f"<tr><td>{int(r['rank'])}</td><td>{e(str(r['name']))}</td>"
                f"<td style='text-align:right'>{float(r['score']):.3f}</td>"
                f"<td style='width:30%'>{bar}</td><td>{e(str(r['gate']))}</td></tr>"
            )
        else:
            rows.append(
                f"<tr style='color:#888'><td>–</td><td><s>{e(str(r['name']))}</s></td>"
                f"<td colspan='2'>{e(str(r['status']))}: {e(str(r['reason']))}</td><td>{e(str(r['gate']))}</td></tr>"
            )
    method = METHOD_NAMES.get(record.method, record.method)
    return (
        f"<div><b>{e(_ui(language, 'ranking'))} ({e(method)})</b><table class='scorer-table'>"
        f"<tr><th>#</th><th>{e(_ui(language, 'initiative'))}</th><th>{e(_ui(language, 'score'))}"
        f"</th><th></th><th>{e(_ui(language, 'gates'))}</th></tr>"
        + "".join(rows)
        + "</table></div>"
    )


def _show_text(output: widgets.Output, text: str) -> None:
    """Replace what ``output`` shows by ``text`` (works with or without a running kernel)."""
    output.outputs = ({"output_type": "stream", "name": "stderr", "text": text + "\n"},)


def _svg(draw, height: float, label_chars: int = 20) -> bytes:
    """Draw on a fresh Axes (no pyplot state, nothing left open) and return it as SVG.

    A fixed layout (margins from the longest label) instead of constrained layout, and
    SVG rather than PNG: both are several times faster to produce.
    """
    import io

    from matplotlib.figure import Figure

    fig = Figure(figsize=(7.0, max(2.0, height)))
    fig.subplots_adjust(
        left=min(0.55, 0.04 + 0.0125 * label_chars), right=0.96, top=0.97, bottom=0.9 / height
    )
    draw(fig.add_subplot())
    buf = io.BytesIO()
    fig.savefig(buf, format="svg")
    return buf.getvalue()


def _wrapping(text: str, width: str) -> widgets.HTML:
    """A label that wraps long text (user data, escaped)."""
    return widgets.HTML(
        f"<div style='line-height:1.2'>{html.escape(text)}</div>",
        layout=widgets.Layout(width=width),
    )


class ChecklistScorer(widgets.VBox):
    """Score initiatives against a checklist and rank them, live.

    Parameters
    ----------
    checklist
        Criteria (with their scales) and, optionally, gates.
    initiatives
        Ids, ``{id: name}``, :class:`~orgmodel.prioritise.checklist.Initiative` values or a
        DataFrame (see :func:`~orgmodel.prioritise.checklist.as_initiatives`).
    scores
        Initial answers (initiatives x criteria): labels such as ``"ja"`` or numbers.
    gate_answers
        Initial yes/no answers to the gate questions (initiatives x question ids).
    weights
        Initial direct weights by criterion (default: the checklist's).
    method
        ``"weighted_sum"``, ``"topsis"`` or ``"promethee_ii"``.
    language
        Language of labels (default: the checklist's): the interface words come from
        :mod:`orgmodel.i18n`'s catalogue (``en``, ``sv``, ``nb``; English for others),
        the checklist's own texts from the checklist.
    show_chart, chart_top
        Draw the bar chart of the best ``chart_top`` initiatives (default 15) with
        :func:`orgmodel.plot.prioritise.plot_ranking` below the table (which lists all).
    pairwise
        Initial AHP judgements ``{(a, b): how many times a is more important than b}``;
        given, the scorer starts in AHP mode. Values are snapped to Saaty's 1/9 .. 9 steps
        offered by the sliders (1, 3, 5, 7, 9 and reciprocals).
    org
        An :class:`~orgmodel.model.organisation.Organisation`: when given, the units/posts
        the initiatives name in ``carried_by`` must exist in it (else a
        :class:`~orgmodel.errors.ValidationError` lists every unknown id).
    """

    state = traitlets.Instance(ScorerState)

    def __init__(
        self,
        checklist: Checklist,
        initiatives: Any,
        scores: pd.DataFrame | Mapping[str, Mapping[str, Any]] | None = None,
        *,
        gate_answers: pd.DataFrame | Mapping[str, Mapping[str, Any]] | None = None,
        weights: Mapping[str, float] | pd.Series | None = None,
        method: str = "weighted_sum",
        language: str | None = None,
        decided_by: str = "",
        show_chart: bool = True,
        chart_top: int = 15,
        pairwise: Mapping[tuple[str, str], float] | None = None,
        org: Any = None,
    ):
        self.checklist = checklist
        self.initiatives = as_initiatives(initiatives)
        check_initiatives(self.initiatives, org).raise_if_errors("initiatives")
        self.language = language or checklist.language
        self.decided_by = decided_by
        self.show_chart = show_chart
        self.chart_top = int(chart_top)
        self.record: DecisionRecord | None = None
        self.sensitivity_tables: dict[str, pd.DataFrame] = {}
        self.last_update_seconds = math.nan
        ids = [i.id for i in self.initiatives]
        crit = checklist.criterion_ids

        numeric = checklist.score_frame(scores) if scores is not None else None
        if numeric is not None:
            strangers = [str(i) for i in numeric.index if i not in set(ids)]
            if strangers:
                raise ValueError(f"scores for initiatives not listed: {', '.join(strangers)}")
            numeric = numeric.reindex(ids)
        score_map = {
            (i, c): (math.nan if numeric is None else float(numeric.at[i, c]))
            for i in ids
            for c in crit
        }
        gate_map: dict[tuple[str, str], bool | None] = {}
        if gate_answers is not None:
            from orgmodel.prioritise.gates import gate_answer_frame

            gf = gate_answer_frame(checklist, gate_answers)
            strangers = [str(i) for i in gf.index if i not in set(ids)]
            if strangers:
                raise ValueError(f"gate answers for initiatives not listed: {', '.join(strangers)}")
            for i in ids:
                for q in checklist.question_ids:
                    gate_map[(i, q)] = gf.at[i, q] if i in gf.index else None
        raw_weights = checklist.weights() if weights is None else pd.Series(weights, dtype=float)
        unknown = [str(c) for c in raw_weights.index if c not in crit]
        if unknown:
            raise ValueError(
                f"weights for criteria not in {checklist.id!r}: {', '.join(unknown)}; "
                f"valid: {', '.join(crit)}"
            )
        top = float(raw_weights.max()) if len(raw_weights) else 1.0
        # the sliders run 0..10: default weights start at most 5, larger points are scaled
        factor = 5.0 / top if weights is None else (10.0 / top if top > 10 else 1.0)
        points = {c: float(raw_weights.get(c, 0.0)) * factor for c in crit}
        if method not in METHOD_NAMES:
            raise ValueError(f"unknown method {method!r}; valid: {', '.join(METHOD_NAMES)}")

        self.errors = widgets.Output()
        self.errors.add_class("scorer-errors")
        self._score_controls: dict[tuple[str, str], widgets.Dropdown] = {}
        self._gate_controls: dict[tuple[str, str], widgets.Dropdown] = {}
        self._weight_sliders: dict[str, widgets.FloatSlider] = {}
        self._weight_shares: dict[str, widgets.Label] = {}
        self._pair_controls: dict[tuple[str, str], widgets.SelectionSlider] = {}

        judgements = {(a, b): 1.0 for k, a in enumerate(crit) for b in crit[k + 1 :]}
        for (a, b), v in (pairwise or {}).items():
            if (a, b) in judgements:
                judgements[(a, b)] = _nearest_saaty(float(v))
            elif (b, a) in judgements:
                judgements[(b, a)] = _nearest_saaty(1.0 / float(v))
            else:
                raise ValueError(
                    f"pairwise: ({a!r}, {b!r}) is not a pair of criteria of {checklist.id!r}"
                )
        initial = ScorerState(
            FrozenDict(score_map),
            FrozenDict(gate_map),
            FrozenDict(points),
            FrozenDict(judgements),
            "ahp" if pairwise else "direct",
            method,
        )
        self.ranking = widgets.HTML()
        self.ranking.add_class("scorer-ranking")
        self.order = widgets.Label()
        self.order.add_class("scorer-order")
        self.chart = widgets.Image(format="svg+xml", layout=widgets.Layout(max_width="46em"))
        self.chart.add_class("scorer-chart")
        self.chart_message = widgets.HTML()
        self.ahp_status = widgets.HTML()
        self.ahp_status.add_class("scorer-ahp-status")
        self.sensitivity = widgets.VBox()
        self.sensitivity.add_class("scorer-sensitivity")
        self.export_status = widgets.HTML()
        self.export_status.add_class("scorer-export-status")

        super().__init__()
        self.add_class("checklist-scorer")
        self.set_trait("state", initial)
        self.children = [
            widgets.HTML(f"<h3>{html.escape(checklist.text(self.language))}</h3>"),
            self._scores_section(),
            *([self._gates_section()] if checklist.gates else []),
            self._weights_section(),
            self._method_section(),
            self.ranking,
            self.order,
            self.chart,
            self.chart_message,
            self._sensitivity_section(),
            self._export_section(),
            self.errors,
        ]
        self.observe(self._on_state, names="state")
        self.refresh()

    # ---- sections ----------------------------------------------------------------------------
    def _heading(self, key: str) -> widgets.HTML:
        return widgets.HTML(f"<h4>{html.escape(_ui(self.language, key))}</h4>")

    def _scores_section(self) -> widgets.Widget:
        crit = self.checklist.criteria
        header = [widgets.HTML(f"<b>{html.escape(_ui(self.language, 'initiative'))}</b>")] + [
            widgets.HTML(f"<b title='{html.escape(c.text(self.language), quote=True)}'>{k + 1}</b>")
            for k, c in enumerate(crit)
        ]
        cells: list[widgets.Widget] = list(header)
        for ini in self.initiatives:
            cells.append(widgets.Label(ini.name, layout=widgets.Layout(width="auto")))
            for c in crit:
                value = self.state.scores[(ini.id, c.id)]
                if c.scale.labelled:
                    options = [_UNANSWERED, *(lab for lab, _ in c.scale.options(self.language))]
                    current = (
                        _UNANSWERED if math.isnan(value) else c.scale.label(value, self.language)
                    )
                    w: widgets.Widget = widgets.Dropdown(
                        options=options, value=current, layout=widgets.Layout(width="auto")
                    )
                else:
                    w = widgets.Text(
                        value="" if math.isnan(value) else f"{value:g}",
                        placeholder=c.scale.unit or "number",
                        continuous_update=False,
                        layout=widgets.Layout(width="auto"),
                    )
                w.add_class(css_name("scorer-score", ini.id, c.id))
                w.observe(self._score_handler(ini.id, c.id), names="value")
                self._score_controls[(ini.id, c.id)] = w
                cells.append(w)
        grid = widgets.GridBox(
            cells,
            layout=widgets.Layout(
                grid_template_columns=f"minmax(10em, 2fr) repeat({len(crit)}, minmax(5em, 1fr))"
            ),
        )
        legend = widgets.HTML(
            "<ol style='margin:0'>"
            + "".join(f"<li>{html.escape(c.text(self.language))}</li>" for c in crit)
            + "</ol>"
        )
        return widgets.VBox([self._heading("scores"), legend, grid])

    def _gates_section(self) -> widgets.Widget:
        yes, no, unknown = _GATE_OPTIONS.get(self.language, _GATE_OPTIONS["en"])
        questions = [leaf for g in self.checklist.gates for leaf in g.leaves()]
        cells: list[widgets.Widget] = [
            widgets.HTML(f"<b>{html.escape(_ui(self.language, 'initiative'))}</b>")
        ] + [
            widgets.HTML(
                f"<b title='{html.escape(q.text(self.language), quote=True)}'>{html.escape(q.id)}</b>"
            )
            for q in questions
        ]
        for ini in self.initiatives:
            cells.append(widgets.Label(ini.name))
            for q in questions:
                v = self.state.gate_answers.get((ini.id, q.id))
                w = widgets.Dropdown(
                    options=[yes, no, unknown],
                    value=unknown if v is None else (yes if v else no),
                    layout=widgets.Layout(width="auto"),
                )
                w.add_class(css_name("scorer-gate", ini.id, q.id))
                w.observe(self._gate_handler(ini.id, q.id), names="value")
                self._gate_controls[(ini.id, q.id)] = w
                cells.append(w)
        grid = widgets.GridBox(
            cells,
            layout=widgets.Layout(
                grid_template_columns=f"minmax(10em, 2fr) repeat({len(questions)}, minmax(6em, 1fr))"
            ),
        )
        legend = widgets.HTML(
            "<ul style='margin:0'>"
            + "".join(
                f"<li><code>{html.escape(q.id)}</code>: {html.escape(q.text(self.language))}"
                f" ({_ui(self.language, 'must_yes' if q.kind == 'must_pass' else 'must_no')})</li>"
                for q in questions
            )
            + "</ul>"
        )
        return widgets.VBox([self._heading("gates"), legend, grid])

    def _weights_section(self) -> widgets.Widget:
        mode = widgets.ToggleButtons(
            options=[(_ui(self.language, "direct"), "direct"), ("AHP", "ahp")],
            value=self.state.weight_mode,
        )
        mode.add_class("scorer-weight-mode")
        mode.observe(lambda ch: self._set(self.state.evolve(weight_mode=ch["new"])), names="value")
        rows = []
        for c in self.checklist.criteria:
            slider = widgets.FloatSlider(
                value=self.state.points[c.id],
                min=0.0,
                max=10.0,
                step=0.5,
                continuous_update=False,
                readout_format=".1f",
                layout=widgets.Layout(width="18em"),
            )
            slider.add_class(css_name("scorer-weight", c.id))
            slider.observe(self._weight_handler(c.id), names="value")
            share = widgets.Label()
            share.add_class(css_name("scorer-share", c.id))
            self._weight_sliders[c.id] = slider
            self._weight_shares[c.id] = share
            rows.append(
                widgets.HBox(
                    [
                        _wrapping(c.text(self.language), "30em"),
                        slider,
                        share,
                    ]
                )
            )
        crit = self.checklist.criteria
        pairs = []
        for k, a in enumerate(crit):
            for b in crit[k + 1 :]:
                sel = widgets.SelectionSlider(
                    options=SAATY_CHOICES,
                    value=self.state.pairwise[(a.id, b.id)],
                    continuous_update=False,
                    layout=widgets.Layout(width="22em"),
                )
                sel.add_class(css_name("scorer-pair", a.id, b.id))
                sel.observe(self._pair_handler(a.id, b.id), names="value")
                self._pair_controls[(a.id, b.id)] = sel
                pairs.append(
                    widgets.HBox(
                        [
                            _wrapping(a.text(self.language), "22em"),
                            sel,
                            _wrapping(b.text(self.language), "22em"),
                        ]
                    )
                )
        self._direct_box = widgets.VBox(rows)
        self._ahp_box = widgets.VBox(
            [
                widgets.HTML(html.escape(_ui(self.language, "pairwise"))),
                *pairs,
                self.ahp_status,
            ],
            layout=widgets.Layout(display="none"),
        )
        return widgets.VBox([self._heading("weights"), mode, self._direct_box, self._ahp_box])

    def _method_section(self) -> widgets.Widget:
        method = widgets.ToggleButtons(
            options=[(name, key) for key, name in METHOD_NAMES.items()], value=self.state.method
        )
        method.add_class("scorer-method")
        method.observe(lambda ch: self._set(self.state.evolve(method=ch["new"])), names="value")
        return widgets.VBox([self._heading("method"), method])

    def _sensitivity_section(self) -> widgets.Widget:
        button = widgets.Button(description=_ui(self.language, "sensitivity"))
        button.add_class("scorer-sensitivity-button")
        button.on_click(lambda _: self.show_sensitivity())
        return widgets.VBox([self._heading("sensitivity"), button, self.sensitivity])

    def _export_section(self) -> widgets.Widget:
        self.export_path = widgets.Text(
            value="decision-record.xlsx", description=_ui(self.language, "file")
        )
        self.export_who = widgets.Text(
            value=self.decided_by, description=_ui(self.language, "decided_by")
        )
        button = widgets.Button(description=_ui(self.language, "export"))
        button.add_class("scorer-export")
        button.on_click(lambda _: self.export())
        return widgets.VBox(
            [
                self._heading("record"),
                widgets.HBox([self.export_path, self.export_who, button]),
                self.export_status,
            ]
        )

    # ---- handlers: every control replaces the state ---------------------------------------------
    def _set(self, state: ScorerState) -> None:
        self.state = state

    def _score_handler(self, ini: str, crit: str):
        scale = self.checklist.criterion(crit).scale

        def handler(change: dict[str, Any]) -> None:
            new = change["new"]
            try:
                value = math.nan if new == _UNANSWERED or new is None else scale.value(new)
            except ValueError as exc:  # typed into a number field: say so, keep the state
                _show_text(self.errors, f"{ini}, {crit}: {exc}")
                return
            self._set(self.state.with_item("scores", (ini, crit), value))

        return handler

    def _gate_handler(self, ini: str, q: str):
        def handler(change: dict[str, Any]) -> None:
            self._set(self.state.with_item("gate_answers", (ini, q), gate_answer(change["new"])))

        return handler

    def _weight_handler(self, crit: str):
        def handler(change: dict[str, Any]) -> None:
            self._set(self.state.with_item("points", crit, float(change["new"])))

        return handler

    def _pair_handler(self, a: str, b: str):
        def handler(change: dict[str, Any]) -> None:
            self._set(self.state.with_item("pairwise", (a, b), float(change["new"])))

        return handler

    # ---- programmatic use (same path as a click) -------------------------------------------------
    def set_score(self, initiative: str, criterion: str, answer: Any) -> None:
        """Set one answer (a label in any language or a number) through its control."""
        c = self.checklist.criterion(criterion)
        w = self._score_controls[(initiative, criterion)]
        if c.scale.labelled:
            value = c.scale.value(answer)
            w.value = _UNANSWERED if math.isnan(value) else c.scale.label(value, self.language)
        else:
            w.value = "" if answer is None else str(answer)

    def set_weight(self, criterion: str, points: float) -> None:
        """Move a weight slider."""
        self._weight_sliders[criterion].value = points

    def set_gate(self, initiative: str, question: str, answer: Any) -> None:
        yes, no, unknown = _GATE_OPTIONS.get(self.language, _GATE_OPTIONS["en"])
        v = gate_answer(answer)
        self._gate_controls[(initiative, question)].value = (
            unknown if v is None else (yes if v else no)
        )

    def ranked(self) -> list[str]:
        """The ranked initiative ids, best first (empty when the last update failed)."""
        return [] if self.record is None else self.record.ranking()

    # ---- redraw ----------------------------------------------------------------------------------
    def _on_state(self, change: dict[str, Any]) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Recompute the record from the state and redraw; problems go to the error area."""
        start = time.perf_counter()
        state = self.state
        self._ahp_box.layout.display = None if state.weight_mode == "ahp" else "none"
        self._direct_box.layout.display = None if state.weight_mode == "direct" else "none"
        try:
            record = evaluate_state(
                self.checklist, self.initiatives, state, decided_by=self.decided_by
            )
        except Exception as exc:  # shown to the user, never lost
            self.record = None
            with self.hold_sync(), self.ranking.hold_sync():
                self.ranking.value = "<i>no ranking: see the message below</i>"
                self.order.value = ""
            _show_text(self.errors, f"{type(exc).__name__}: {exc}")
            return
        self.record = record
        self.errors.outputs = ()
        with contextlib.ExitStack() as stack:
            for w in (self.ranking, self.order, self.ahp_status, *self._weight_shares.values()):
                stack.enter_context(w.hold_sync())
            self.ranking.value = ranking_html(record, self.language)
            self.order.value = " > ".join(record.ranking())
            for c, share in self._weight_shares.items():
                share.value = f"{100 * record.weights[c]:.0f} %"
            if state.weight_mode == "ahp":
                cr = record.weight_details["consistency_ratio"]
                lam = record.weight_details["lambda_max"]
                warn = (
                    " <b style='color:#b00020'>CR above 0.1: revisit the judgements</b>"
                    if cr > 0.1
                    else ""
                )
                self.ahp_status.value = f"CR = {cr:.3f}, λ<sub>max</sub> = {lam:.3f}{warn}"
        self.last_update_seconds = time.perf_counter() - start
        if self.show_chart:
            self._draw_chart(record)
        self.sensitivity.children = ()

    def _draw_chart(self, record: DecisionRecord) -> None:
        """The ranking as a bar chart (:func:`orgmodel.plot.prioritise.plot_ranking`).

        Drawn after the ranking table has been sent, so the table updates first.
        """
        ranked = record.results[record.results["status"] == "ranked"]
        if ranked.empty:
            self.chart.layout.display = "none"
            return
        try:
            from orgmodel.plot.prioritise import plot_ranking
        except ImportError as exc:
            self.chart.layout.display = "none"
            self.chart_message.value = f"<i>chart not available: {html.escape(str(exc))}</i>"
            return
        shown = ranked.sort_values("rank", kind="stable").head(self.chart_top)
        table = shown.rename(index=dict(zip(shown.index, shown["name"], strict=True)))
        longest = max(len(str(n)) for n in table.index) + 4
        self.chart.value = _svg(
            lambda ax: plot_ranking(table, ax=ax, lang=_ui_language(self.language)),
            0.28 * len(table) + 1.0,
            longest,
        )
        self.chart.layout.display = None
        self.chart_message.value = (
            f"<i>the best {len(shown)} of {len(ranked)} ranked initiatives are drawn</i>"
            if len(shown) < len(ranked)
            else ""
        )

    def show_sensitivity(self) -> None:
        """Stability intervals of the weights and a tornado chart for the current leader."""
        rec = self.record
        message = widgets.HTML()
        if rec is None:
            message.value = "no ranking to analyse"
            self.sensitivity.children = (message,)
            return
        ranked = rec.results.index[rec.results["status"] == "ranked"]
        if len(ranked) < 2:
            message.value = "at least two ranked initiatives are needed"
            self.sensitivity.children = (message,)
            return
        from orgmodel.prioritise.sensitivity import stability_intervals, tornado_data

        scores = rec.scores.loc[ranked]
        directions = self.checklist.directions().to_dict()
        options = scoring_options(self.checklist, rec.method)
        try:
            intervals = stability_intervals(
                scores, rec.weights, directions, method=rec.method, **options
            )
            tornado = tornado_data(scores, rec.weights, directions, method=rec.method, **options)
        except Exception as exc:
            message.value = html.escape(f"{type(exc).__name__}: {exc}")
            self.sensitivity.children = (message,)
            return
        self.sensitivity_tables = {"stability": intervals, "tornado": tornado}
        names = {i.id: i.name for i in self.initiatives}
        leader = names.get(intervals.attrs["top"][0], intervals.attrs["top"][0])
        message.value = (
            f"<b>{html.escape(str(leader))}</b> stays first while each weight stays within "
            "[lower, upper] (the other weights rescaled in proportion):"
        )
        children: list[widgets.Widget] = [message, widgets.HTML(intervals.round(3).to_html())]
        try:
            from orgmodel.plot.prioritise import plot_tornado
        except ImportError as exc:
            children.append(
                widgets.HTML(f"<i>tornado chart not available: {html.escape(str(exc))}</i>")
            )
        else:
            image = widgets.Image(
                value=_svg(
                    lambda ax: plot_tornado(tornado, ax=ax, lang=_ui_language(self.language)),
                    0.35 * len(tornado) + 1.4,
                    max(len(str(c)) for c in tornado.index) + 12,
                ),
                format="svg+xml",
                layout=widgets.Layout(max_width="46em"),
            )
            image.add_class("scorer-tornado")
            children.append(image)
        self.sensitivity.children = tuple(children)

    def export(self, path: str | Path | None = None) -> Path | None:
        """Write the current decision record to Excel; the outcome is shown below the button."""
        target = Path(path or self.export_path.value)
        try:
            if self.record is None:
                raise ValueError("nothing to export: the ranking could not be computed")
            rec = dataclasses.replace(self.record, decided_by=self.export_who.value)
            rec.to_excel(target)
        except Exception as exc:
            self.export_status.value = (
                f"<span style='color:#b00020'>{html.escape(f'{type(exc).__name__}: {exc}')}</span>"
            )
            return None
        self.export_status.value = f"saved {html.escape(str(target))}"
        return target


def time_updates(
    n_initiatives: int = 50,
    n_criteria: int = 10,
    repeats: int = 20,
    *,
    methods: Sequence[str] = tuple(METHOD_NAMES),
    show_chart: bool = True,
    seed: int = 0,
) -> pd.DataFrame:
    """Seconds per live update of a scorer of the given size: a benchmark, printed as a table.

    Builds a scorer with ``n_criteria`` yes/partly/no criteria plus KS's five gate questions
    for state-initiated projects (answered so that every initiative passes), random answers
    and moves a weight slider ``repeats`` times per method. ``update`` is the recompute and
    redraw of the ranking (:attr:`ChecklistScorer.last_update_seconds`); ``with_chart`` is
    the whole handler including the bar chart PNG.

    >>> t = time_updates(5, 3, repeats=2, methods=["weighted_sum"], show_chart=False)
    >>> list(t.columns)
    ['method', 'initiatives', 'criteria', 'update_median_ms', 'update_max_ms', 'with_chart_median_ms', 'with_chart_max_ms']
    """
    import random
    import statistics

    from orgmodel.prioritise.checklist import Criterion, load_template

    rng = random.Random(seed)
    gates = load_template("ks-statlige-prosjekter")
    checklist = Checklist(
        "benchmark",
        {"en": "Benchmark"},
        criteria=[Criterion(f"c{k:02d}", {"en": f"Criterion {k}"}) for k in range(n_criteria)],
        gates=gates.gates,
    )
    ids = [f"initiative-{k:03d}" for k in range(n_initiatives)]
    answers = {
        i: {c: rng.choice(["ja", "delvis", "nei"]) for c in checklist.criterion_ids} for i in ids
    }
    passing_answers = {q: "ja" for q in checklist.question_ids}
    passing_answers.update(
        {"avvikende-rapporteringskrav": "nei", "konkurranse-med-ks-prosjekter": "nei"}
    )
    scorer = ChecklistScorer(
        checklist,
        ids,
        answers,
        gate_answers=dict.fromkeys(ids, passing_answers),
        show_chart=show_chart,
    )
    rows = []
    for method in methods:
        scorer.state = scorer.state.evolve(method=method)
        update, total = [], []
        for k in range(repeats):
            criterion = checklist.criterion_ids[k % n_criteria]
            start = time.perf_counter()
            scorer.set_weight(criterion, 1 + (k % 9))
            total.append(time.perf_counter() - start)
            update.append(scorer.last_update_seconds)
        rows.append(
            (
                method,
                n_initiatives,
                n_criteria,
                1000 * statistics.median(update),
                1000 * max(update),
                1000 * statistics.median(total),
                1000 * max(total),
            )
        )
    return pd.DataFrame(
        rows,
        columns=[
            "method",
            "initiatives",
            "criteria",
            "update_median_ms",
            "update_max_ms",
            "with_chart_median_ms",
            "with_chart_max_ms",
        ],
    )
