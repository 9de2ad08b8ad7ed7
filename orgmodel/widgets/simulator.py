"""Try a reorganisation in a notebook: apply operations, undo, see figures, diff and chart.

:class:`ReorgSimulator` is a thin ipywidgets view over the reorganisation core. Its state
is the base :class:`~orgmodel.model.Organisation` (trait ``base``), the current immutable
:class:`~orgmodel.reorg.Scenario` (trait ``scenario``) and a dict of named saved scenarios
(trait ``saved``). A control builds an operation of :mod:`orgmodel.reorg.operations`; the
operation's own ``check`` says whether it can apply (its reasons are shown when it cannot),
and the scenario grows by :meth:`~orgmodel.reorg.Scenario.then`. Undo and redo are the
scenario's. After every change the widget shows :func:`orgmodel.reorg.diff` of base and
result (key figures and a summary), the list of steps, and the org chart drawn by
:func:`orgmodel.plot.draw_orgchart` (collapsed to ``max_depth`` levels, so that it stays
quick on large organisations). Saved scenarios are compared with
:func:`orgmodel.reorg.compare` and :func:`orgmodel.plot.compare.plot_key_figures`.

Elements a browser test looks for carry CSS classes: ``sim-operation`` (the operation
chooser), ``sim-apply``, ``sim-undo``, ``sim-redo``, ``sim-reset``, ``sim-figures`` (key
figures; each row ``sim-figure-<name>`` with cells ``sim-before``, ``sim-after`` and
``sim-change``), ``sim-diff``, ``sim-steps``, ``sim-errors``, ``sim-chart``, the fields of
each operation (``sim-merge-units``, ``sim-merge-name``, ``sim-merge-id``,
``sim-move-unit``, ``sim-move-unit-parent``, ``sim-move-post``, ``sim-move-post-unit``,
``sim-rename-unit``, ``sim-rename-name``, ``sim-fte-source``, ``sim-fte-target``,
``sim-fte-amount``, ``sim-fte-which``, ``sim-create-id``, ``sim-create-name``,
``sim-create-parent``, ``sim-create-kind``), and for saved scenarios ``sim-keep-name``,
``sim-keep``, ``sim-saved``, ``sim-open``, ``sim-compare-button``, ``sim-compare``
(``sim-compare-table`` inside, each row ``sim-compare-<row name as an id>``, e.g.
``sim-compare-ties-inside-share`` or ``sim-compare-units-needed-viktor``; and
``sim-compare-chart``), ``sim-file``, ``sim-save-file``, ``sim-load-file``,
``sim-file-status``.

>>> from orgmodel.model import Organisation, Unit, Post
>>> org = Organisation([Unit("k"), Unit("a", parent="k"), Unit("b", parent="k")],
...                    [Post("p", unit="a"), Post("q", unit="b")])
>>> sim = ReorgSimulator(org, show_chart=False)
>>> sim.merge_units.value = ("a", "b")
>>> sim.merge_name.value = "A and B"
>>> sim.apply_button.click()
>>> sorted(sim.organisation.unit_map), sim.organisation.post("q").unit
(['a-and-b', 'k'], 'a-and-b')
>>> sim.undo_button.click()
>>> sim.organisation == org
True
"""

from __future__ import annotations

import base64
import contextlib
import html
import io
import math
import re
import time
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd
import traitlets

from orgmodel.i18n import (
    check_language,
    format_money,
    format_number,
    format_percent,
    get_language,
    t,
)
from orgmodel.model import UNIT_KINDS, Organisation
from orgmodel.plot.compare import format_key_figure, key_figure_label
from orgmodel.reorg import (
    CreateUnit,
    MergeUnits,
    MovePost,
    MoveUnit,
    Operation,
    OrgDiff,
    ReallocateFTE,
    RenameUnit,
    Scenario,
    compare,
    diff,
    load_scenario,
    save_scenario,
)

__all__ = [
    "OPERATION_CHOICES",
    "ReorgSimulator",
    "diff_html",
    "figure_label",
    "figure_text",
    "figures_html",
    "operation_choices",
    "steps_html",
    "summary_text",
]

_OPERATION_KEYS = ("merge", "move_unit", "move_post", "rename", "reallocate", "create")


def operation_choices(lang: str | None = None) -> list[tuple[str, str]]:
    """The operations the simulator offers as ``(label, key)``, labelled in ``lang``.

    >>> operation_choices("sv")[0], operation_choices("nb")[-1]
    (('Slå ihop enheter', 'merge'), ('Opprett enhet', 'create'))
    """
    return [(t(f"simulator.op.{k}", lang), k) for k in _OPERATION_KEYS]


#: The operations the simulator offers in English: (label, key).
OPERATION_CHOICES: list[tuple[str, str]] = operation_choices("en")
_TOP = "(top)"
_CACHE_SIZE = 64  # scenario prefixes whose result is kept (undo and redo are instant)
_STEP_COLUMNS = ["kind", "description", "applied", "reasons"]
_CSS = (
    "<style>.reorg-simulator table {border-collapse: collapse}"
    ".reorg-simulator td, .reorg-simulator th {padding: 1px 10px 1px 4px; vertical-align: top}"
    ".reorg-simulator .sim-figures-table td, .sim-compare-table td {text-align: right}</style>"
)
_TRANSLITERATE = str.maketrans({"å": "a", "ä": "a", "ö": "o", "æ": "ae", "ø": "o", "é": "e"})


def new_unit_id(name: str) -> str:
    """An id for a new unit made from its name: lower case, ASCII, words joined by ``-``.

    >>> new_unit_id("Lärande och familj"), new_unit_id("  IT & administration ")
    ('larande-och-familj', 'it-administration')
    """
    text = str(name).lower().translate(_TRANSLITERATE)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _show_text(output: widgets.Output, text: str) -> None:
    """Replace what ``output`` shows by ``text`` (works with or without a running kernel)."""
    output.outputs = ({"output_type": "stream", "name": "stderr", "text": text + "\n"},)


def figure_label(row: str, lang: str | None = None) -> str:
    """A readable name for a key figure (a row of a comparison table) in ``lang``.

    >>> figure_label("median_span", "sv"), figure_label("units_needed: Viktor", "nb")
    ('Kontrollspann (median)', 'Enheter som trengs: Viktor')
    >>> figure_label("something_else", "sv")
    'Something else'
    """
    if row.startswith("units_needed: "):
        return t("figure.units_needed", lang, need=row.split(": ", 1)[1])
    try:
        return t(f"figure.{row}", lang)
    except KeyError:
        return key_figure_label(row)


def figure_text(row: str, value: float, currency: str = "SEK", lang: str | None = None) -> str:
    """A key figure's value as text in ``lang``: money, FTE, a share or a count.

    English is :func:`orgmodel.plot.compare.format_key_figure`'s text; Swedish and
    Norwegian use :mod:`orgmodel.i18n` (decimal comma, ``mnkr``, ``mill. kr``).

    >>> figure_text("cost", 2.39e9, "SEK", "sv"), figure_text("fte_actual", 8.25, lang="nb")
    ('2,4 mdkr', '8,2')
    >>> figure_text("ties_inside_share", 0.625, lang="en"), figure_text("units", 4.0, lang="sv")
    ('62 %', '4')
    """
    code = check_language(lang) if lang is not None else get_language()
    if code == "en" or _missing(value):
        return format_key_figure(row, value, currency, "en")
    if row == "cost":
        return format_money(value, currency, code)
    if "fte" in row.lower():
        return format_number(value, digits=1, lang=code)
    if row.endswith("share"):
        return format_percent(value, lang=code)
    return format_number(float(f"{float(value):.4g}"), lang=code)


def figures_html(
    figures: pd.DataFrame, currency: str = "SEK", names=None, lang: str | None = None
) -> str:
    """The ``figures`` table of an :class:`~orgmodel.reorg.OrgDiff` as HTML, in ``lang``.

    Each row has the class ``sim-figure-<name>``, its cells ``sim-before``, ``sim-after``
    and ``sim-change``. ``names`` heads the two columns (default "Base" and "Now").

    >>> table = pd.DataFrame({"before": [5.0], "after": [4.0], "change": [-1.0]}, index=["units"])
    >>> "<td class='sim-after'>4</td>" in figures_html(table)
    True
    >>> "<th>Utgångsläge</th><th>Nu</th><th>förändring</th>" in figures_html(table, lang="sv")
    True
    """
    e = html.escape
    if names is None:
        names = (t("simulator.table.base", lang), t("simulator.table.now", lang))
    rows = []
    for key, row in figures.iterrows():
        change = float(row["change"])
        if math.isnan(change) or abs(change) < 1e-9:
            shown = "" if not math.isnan(change) else "–"
        else:
            sign = "+" if change > 0 else "−"
            shown = sign + figure_text(str(key), abs(change), currency, lang)
        style = " style='font-weight:bold'" if shown not in ("", "–") else ""
        rows.append(
            f"<tr class='sim-figure-{e(str(key))}'{style}><th style='text-align:left'>"
            f"{e(figure_label(str(key), lang))}</th>"
            f"<td class='sim-before'>{e(figure_text(str(key), row['before'], currency, lang))}</td>"
            f"<td class='sim-after'>{e(figure_text(str(key), row['after'], currency, lang))}</td>"
            f"<td class='sim-change'>{e(shown)}</td></tr>"
        )
    return (
        "<table class='sim-figures-table'><tr><th></th>"
        f"<th>{e(names[0])}</th><th>{e(names[1])}</th>"
        f"<th>{e(t('simulator.table.change', lang))}</th></tr>" + "".join(rows) + "</table>"
    )


def _change_word(what: str, change: Any, lang: str | None) -> str:
    try:
        return t(f"change.{what}.{change}", lang)
    except KeyError:
        return str(change).replace("_", " ")


def summary_text(d: OrgDiff, lang: str | None = None) -> str:
    """:meth:`OrgDiff.summary_text <orgmodel.reorg.OrgDiff.summary_text>` in ``lang``
    (default: the session language).

    >>> from orgmodel.model import Organisation, Unit
    >>> from orgmodel.reorg import RenameUnit
    >>> before = Organisation([Unit("k"), Unit("a", "A", parent="k")])
    >>> d = diff(before, RenameUnit("a", "B").apply(before))
    >>> summary_text(d, "sv"), summary_text(d, "en") == d.summary_text()
    ('Enheter: 1 omdöpta.', True)
    """
    return d.summary_text(lang if lang is not None else get_language())


def diff_html(d: OrgDiff, max_rows: int = 30, lang: str | None = None) -> str:
    """A diff's summary and its unit changes as HTML (every name escaped: user data).

    Headings, the summary (:func:`summary_text`) and change kinds are in ``lang``.

    >>> from orgmodel.model import Organisation, Unit
    >>> before = Organisation([Unit("a", "<b>A</b>")])
    >>> from orgmodel.reorg import RenameUnit
    >>> text = diff_html(diff(before, RenameUnit("a", "A & co").apply(before)))
    >>> "&lt;b&gt;A&lt;/b&gt;" in text and "A &amp; co" in text
    True
    """
    e = html.escape

    def head(*keys: str) -> str:
        return "<tr>" + "".join(f"<th>{e(t('simulator.table.' + k, lang))}</th>" for k in keys)

    def more_text(more: int) -> str:
        return f"<i>{e(t('simulator.table.more', lang, n=more))}</i>" if more > 0 else ""

    parts = [f"<pre style='margin:0;white-space:pre-wrap'>{e(summary_text(d, lang))}</pre>"]
    if not d.units.empty:
        rows = []
        for uid, row in d.units.head(max_rows).iterrows():
            cells = [
                uid,
                _change_word("unit", row["change"], lang),
                row["detail"],
                row["before"],
                row["after"],
            ]
            rows.append(
                "<tr>"
                + "".join(f"<td>{e('' if _missing(c) else str(c))}</td>" for c in cells)
                + "</tr>"
            )
        more = len(d.units) - max_rows
        parts.append(
            "<table>"
            + head("unit", "change", "detail", "before", "after")
            + "</tr>"
            + "".join(rows)
            + "</table>"
            + more_text(more)
        )
    if not d.posts.empty:
        rows = []
        for pid, row in d.posts.head(max_rows).iterrows():
            cells = [pid, _change_word("post", row["change"], lang), row["before"], row["after"]]
            rows.append(
                "<tr>"
                + "".join(f"<td>{e('' if _missing(c) else _short(c))}</td>" for c in cells)
                + "</tr>"
            )
        more = len(d.posts) - max_rows
        parts.append(
            "<table>"
            + head("post", "change", "before", "after")
            + "</tr>"
            + "".join(rows)
            + "</table>"
            + more_text(more)
        )
    return "".join(parts)


def _short(value: Any) -> str:
    """A cell value for people: numbers without float noise, lists joined."""
    if isinstance(value, float):
        return f"{value:,.6g}" if abs(value) < 1e6 else f"{value:,.0f}"
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return str(value)


def steps_html(
    steps: pd.DataFrame, undone: Sequence[Operation] = (), lang: str | None = None
) -> str:
    """The steps of a scenario run (and the undone ones, greyed) as an HTML table.

    Headings and the undone steps' descriptions in ``lang``; the descriptions of ``steps``
    are shown as given (make them with ``Scenario.run(base, lang=...)``); reasons are English.

    >>> steps = pd.DataFrame({"kind": ["rename_unit"], "description": ["rename unit a to '<x>'"],
    ...                       "applied": [False], "reasons": ["unit: no unit 'a'"]},
    ...                      index=pd.Index([1], name="step"))
    >>> "rename unit a to &#x27;&lt;x&gt;&#x27;" in steps_html(steps)
    True
    """
    e = html.escape
    if steps.empty and not undone:
        return f"<i>{e(t('simulator.steps.none', lang))}</i>"
    rows = []
    for i, row in steps.iterrows():
        ok = bool(row["applied"])
        mark = "✓" if ok else "✗"
        colour = "" if ok else " style='color:#b00020'"
        rows.append(
            f"<tr class='sim-step'{colour}><td>{i}</td><td>{mark}</td>"
            f"<td>{e(str(row['description']))}</td><td>{e(str(row['reasons']))}</td></tr>"
        )
    for k, op in enumerate(undone, start=len(steps) + 1):
        rows.append(
            f"<tr class='sim-undone' style='color:#999'><td>{k}</td><td>↶</td>"
            f"<td><s>{e(op.describe(lang))}</s></td><td>{e(t('simulator.steps.undone', lang))}</td></tr>"
        )
    return (
        "<table><tr><th>#</th><th></th>"
        f"<th>{e(t('simulator.table.operation', lang))}</th>"
        f"<th>{e(t('simulator.table.why_not', lang))}</th></tr>" + "".join(rows) + "</table>"
    )


def _png(fig: Any, dpi: int, tight: bool = False) -> bytes:
    buf = io.BytesIO()
    fig.savefig(
        buf, format="png", dpi=dpi, facecolor="white", bbox_inches="tight" if tight else None
    )
    return buf.getvalue()


def _show_png(output: widgets.Output, data: bytes, text: str) -> None:
    output.outputs = (
        {
            "output_type": "display_data",
            "data": {"image/png": base64.b64encode(data).decode("ascii"), "text/plain": text},
            "metadata": {},
        },
    )


class ReorgSimulator(widgets.VBox):
    """Apply reorganisation operations to a model, step by step, and see what changes.

    Parameters
    ----------
    base
        The organisation as it is.
    scenarios
        Saved scenarios to start with: ``{name: Scenario}`` or a list of scenarios (named by
        their ``name``). They can be opened, compared and saved to files.
    max_depth
        Levels of the org chart below the top units (the chart is collapsed below; boxes
        at the cut say how many units they hide). Large organisations draw quickly only
        when collapsed.
    needs
        ``{need: competences}`` for the comparison (rows ``units_needed: <need>``, see
        :func:`orgmodel.reorg.compare`).
    name
        Name of the scenario being edited (default "My scenario" in ``lang``).
    show_chart
        Draw the org chart after every step.
    chart_dpi
        Resolution of the chart image.
    lang
        Language of the labels: ``"en"``, ``"sv"`` or ``"nb"`` (default: the session's,
        :func:`orgmodel.i18n.get_language`). The trait ``lang`` can be changed later;
        every button, label, heading and table header follows.

    Attributes
    ----------
    organisation
        The organisation after the steps in effect.
    steps
        One row per step in effect: kind, description, applied, reasons.
    diff
        :func:`orgmodel.reorg.diff` of base and :attr:`organisation`.
    comparison
        The last comparison table (:func:`orgmodel.reorg.compare`), or None.
    timings
        Seconds of the last update: ``step`` (result, diff, figures, tables) and ``chart``.
    """

    base = traitlets.Instance(Organisation)
    scenario = traitlets.Instance(Scenario)
    saved = traitlets.Dict()
    lang = traitlets.Unicode("en")

    @traitlets.validate("lang")
    def _valid_lang(self, proposal: Any) -> str:
        return check_language(proposal["value"])

    def __init__(
        self,
        base: Organisation,
        scenarios: Mapping[str, Scenario] | Iterable[Scenario] | None = None,
        *,
        max_depth: int = 2,
        needs: Mapping[str, Iterable[str]] | None = None,
        name: str | None = None,
        show_chart: bool = True,
        chart_dpi: int = 96,
        lang: str | None = None,
    ):
        if not isinstance(base, Organisation):
            raise TypeError(f"base must be an Organisation, got {type(base).__name__}")
        saved: dict[str, Scenario] = {}
        if isinstance(scenarios, Mapping):
            saved = {str(k): v for k, v in scenarios.items()}
        elif scenarios is not None:
            for k, s in enumerate(scenarios, start=1):
                saved[s.name or f"scenario {k}"] = s
        for key, s in saved.items():
            if not isinstance(s, Scenario):
                raise TypeError(f"scenario {key!r} must be a Scenario, got {type(s).__name__}")
        self.needs = {k: list(v) for k, v in (needs or {}).items()}
        self.show_chart = show_chart
        self.chart_dpi = chart_dpi
        self.organisation: Organisation = base
        self.steps = pd.DataFrame(columns=_STEP_COLUMNS)
        self.diff: OrgDiff | None = None
        self.comparison: pd.DataFrame | None = None
        self.timings: dict[str, float] = {"step": math.nan, "chart": math.nan}
        self._cache: OrderedDict[tuple[Operation, ...], tuple[Organisation, pd.DataFrame]] = (
            OrderedDict()
        )

        # ---- output areas ---------------------------------------------------------------
        self.errors = widgets.Output()
        self.errors.add_class("sim-errors")
        self.figures = widgets.HTML()
        self.figures.add_class("sim-figures")
        self.diff_view = widgets.HTML()
        self.diff_view.add_class("sim-diff")
        self.steps_view = widgets.HTML()
        self.steps_view.add_class("sim-steps")
        self.chart = widgets.Output()
        self.chart.add_class("sim-chart")
        self.status = widgets.HTML()
        self.status.add_class("sim-status")
        self.comparison_table = widgets.HTML()
        self.comparison_table.add_class("sim-compare-table")
        self.comparison_chart = widgets.Output()
        self.comparison_chart.add_class("sim-compare-chart")
        self.comparison_view = widgets.VBox([self.comparison_table, self.comparison_chart])
        self.comparison_view.add_class("sim-compare")
        self.file_status = widgets.HTML()
        self.file_status.add_class("sim-file-status")

        super().__init__()
        self.set_trait("lang", get_language() if lang is None else lang)
        self.add_class("reorg-simulator")
        self._headings = {
            k: widgets.HTML()
            for k in ("change", "key_figures", "what_changed", "steps", "org_chart", "scenarios")
        }
        for k, w in self._headings.items():
            w.add_class(f"sim-heading-{k.replace('_', '-')}")
        self._build_controls(max_depth)
        self._relabel()
        self.set_trait("base", base)
        self.set_trait("saved", saved)
        self.set_trait(
            "scenario", Scenario(t("simulator.default_name", self.lang) if name is None else name)
        )
        self.children = [
            widgets.HTML(_CSS),
            self.status,
            self._headings["change"],
            self.operation,
            self._forms_box,
            widgets.HBox(
                [self.apply_button, self.undo_button, self.redo_button, self.reset_button]
            ),
            self.errors,
            widgets.HBox(
                [
                    widgets.VBox([self._headings["key_figures"], self.figures]),
                    widgets.VBox(
                        [self._headings["what_changed"], self.diff_view],
                        layout=widgets.Layout(margin="0 0 0 2em"),
                    ),
                ]
            ),
            self._headings["steps"],
            self.steps_view,
            self._headings["org_chart"],
            self.depth,
            self.chart,
            self._headings["scenarios"],
            widgets.HBox([self.keep_name, self.keep_button]),
            widgets.HBox([self.saved_list, widgets.VBox([self.open_button, self.compare_button])]),
            self.comparison_view,
            widgets.HBox([self.file_path, self.save_file_button, self.load_file_button]),
            self.file_status,
        ]
        self.observe(self._on_change, names=["base", "scenario"])
        self.observe(self._on_lang, names="lang")
        self.observe(self._on_saved, names="saved")
        self._on_saved(None)
        self.refresh()

    # ---- controls ---------------------------------------------------------------------------
    def _build_controls(self, max_depth: int) -> None:
        def dropdown(cls: str, **kw: Any) -> widgets.Dropdown:
            w = widgets.Dropdown(layout=widgets.Layout(width="32em"), **kw)
            w.add_class(cls)
            return w

        def text(cls: str, **kw: Any) -> widgets.Text:
            w = widgets.Text(layout=widgets.Layout(width="32em"), **kw)
            w.add_class(cls)
            return w

        self.operation = widgets.Dropdown(options=operation_choices(self.lang), value="merge")
        self.operation.add_class("sim-operation")
        self.operation.observe(lambda _: self._show_form(), names="value")

        self.merge_units = widgets.SelectMultiple(rows=8, layout=widgets.Layout(width="32em"))
        self.merge_units.add_class("sim-merge-units")
        self.merge_name = text("sim-merge-name")
        self.merge_id = text("sim-merge-id")
        self.move_unit = dropdown("sim-move-unit")
        self.move_unit_parent = dropdown("sim-move-unit-parent")
        self.move_post = dropdown("sim-move-post")
        self.move_post_unit = dropdown("sim-move-post-unit")
        self.rename_unit = dropdown("sim-rename-unit")
        self.rename_name = text("sim-rename-name")
        self.fte_source = dropdown("sim-fte-source")
        self.fte_target = dropdown("sim-fte-target")
        self.fte_amount = widgets.BoundedFloatText(value=0.5, min=0.0, max=1e6, step=0.1)
        self.fte_amount.add_class("sim-fte-amount")
        self.fte_which = dropdown("sim-fte-which", options=self._which_options(), value="both")
        self.create_id = text("sim-create-id")
        self.create_name = text("sim-create-name")
        self.create_parent = dropdown("sim-create-parent")
        self.create_kind = dropdown("sim-create-kind", options=self._kind_options(), value="unit")
        self._forms = {
            "merge": widgets.VBox([self.merge_units, self.merge_name, self.merge_id]),
            "move_unit": widgets.VBox([self.move_unit, self.move_unit_parent]),
            "move_post": widgets.VBox([self.move_post, self.move_post_unit]),
            "rename": widgets.VBox([self.rename_unit, self.rename_name]),
            "reallocate": widgets.VBox(
                [self.fte_source, self.fte_target, self.fte_amount, self.fte_which]
            ),
            "create": widgets.VBox(
                [self.create_name, self.create_id, self.create_parent, self.create_kind]
            ),
        }
        for key, form in self._forms.items():
            form.add_class(f"sim-form-{key}")
        self._forms_box = widgets.VBox(list(self._forms.values()))
        self._show_form()

        def button(cls: str, action) -> widgets.Button:
            b = widgets.Button()
            b.add_class(cls)
            b.on_click(lambda _: self._guarded(action))
            return b

        self.apply_button = button("sim-apply", self.apply_form)
        self.apply_button.button_style = "primary"
        self.undo_button = button("sim-undo", self.undo)
        self.redo_button = button("sim-redo", self.redo)
        self.reset_button = button("sim-reset", self.reset)
        self.depth = widgets.IntSlider(value=max_depth, min=0, max=8, continuous_update=False)
        self.depth.add_class("sim-depth")
        self.depth.observe(lambda _: self._guarded(self.draw_chart), names="value")

        self.keep_name = widgets.Text()
        self.keep_name.add_class("sim-keep-name")
        self.keep_button = button("sim-keep", self.keep)
        self.saved_list = widgets.SelectMultiple(rows=5, layout=widgets.Layout(width="32em"))
        self.saved_list.add_class("sim-saved")
        self.open_button = button("sim-open", self.open_selected)
        self.compare_button = button("sim-compare-button", self.compare_saved)
        self.file_path = widgets.Text(value="scenario.yaml")
        self.file_path.add_class("sim-file")
        self.save_file_button = button("sim-save-file", self.save)
        self.load_file_button = button("sim-load-file", self.load)

    def _which_options(self) -> list[tuple[str, str]]:
        return [
            (t(f"simulator.field.which_{k}", self.lang), k) for k in ("both", "budgeted", "actual")
        ]

    def _kind_options(self) -> list[tuple[str, str]]:
        return [(t(f"kind.{k}", self.lang), k) for k in UNIT_KINDS]

    def _relabel(self) -> None:
        """Put every label, button, heading and hint in :attr:`lang`."""
        lang = self.lang

        def label(key: str) -> str:
            return t(f"simulator.{key}", lang)

        for key, w in self._headings.items():
            w.value = f"<h4>{html.escape(label('heading.' + key))}</h4>"
        for w, key in (
            (self.merge_units, "units"),
            (self.merge_name, "new_name"),
            (self.merge_id, "into_id"),
            (self.move_unit, "unit"),
            (self.move_unit_parent, "under"),
            (self.move_post, "post"),
            (self.move_post_unit, "to_unit"),
            (self.rename_unit, "unit"),
            (self.rename_name, "new_name"),
            (self.fte_source, "from_post"),
            (self.fte_target, "to_post"),
            (self.fte_amount, "fte"),
            (self.fte_which, "which"),
            (self.create_id, "new_id"),
            (self.create_name, "name"),
            (self.create_parent, "under"),
            (self.create_kind, "kind"),
        ):
            w.description = label("field." + key)
        self.merge_id.placeholder = label("field.into_id_hint")
        self.create_id.placeholder = label("field.new_id_hint")
        for w, options in (
            (self.operation, operation_choices(lang)),
            (self.fte_which, self._which_options()),
            (self.create_kind, self._kind_options()),
        ):
            self._set_options(w, options)
        for w, key in (
            (self.apply_button, "apply"),
            (self.undo_button, "undo"),
            (self.redo_button, "redo"),
            (self.reset_button, "reset"),
            (self.keep_button, "keep"),
            (self.open_button, "open"),
            (self.compare_button, "compare"),
            (self.save_file_button, "save_file"),
            (self.load_file_button, "load_file"),
        ):
            w.description = label(key)
        self.reset_button.tooltip = label("reset_hint")
        self.open_button.tooltip = label("open_hint")
        self.compare_button.tooltip = label("compare_hint")
        self.depth.description = label("levels")
        self.keep_name.description = label("keep_as")
        self.keep_name.placeholder = label("keep_as_hint")
        self.saved_list.description = label("saved")
        self.file_path.description = t("common.file", lang)

    def _on_lang(self, change: dict[str, Any]) -> None:
        self._describe_cached_steps()
        self._relabel()
        self.refresh()
        if self.comparison is not None:
            self._guarded(lambda: self.compare_saved(list(self.comparison.columns[1:])))

    def _show_form(self) -> None:
        for key, form in self._forms.items():
            form.layout.display = None if key == self.operation.value else "none"

    def _guarded(self, action) -> None:
        """Run a control's action; any problem goes to the error area, none is lost."""
        try:
            action()
        except Exception as exc:
            _show_text(self.errors, f"{type(exc).__name__}: {exc}")

    # ---- the result of a scenario (cached by its operations in effect) --------------------------
    def _result(self, scenario: Scenario) -> tuple[Organisation, pd.DataFrame]:
        key = scenario.active
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
            return hit
        prev = self._cache.get(key[:-1]) if key else None
        if prev is not None:  # one step past a known result: what Scenario.run does for it
            org, steps = prev
            op = key[-1]
            reasons = op.check(org)
            if not reasons:
                org = op.apply(org)
            row = pd.DataFrame(
                [[op.kind, op.describe(self.lang), not reasons, "; ".join(reasons)]],
                columns=_STEP_COLUMNS,
                index=pd.Index([len(key)], name="step"),
            )
            steps = row if steps.empty else pd.concat([steps, row])
            steps["applied"] = steps["applied"].astype(bool)
            result = (org, steps)
        else:
            run = Scenario(scenario.name, key).run(self.base, lang=self.lang)
            result = (run.organisation, run.steps)
        self._cache[key] = result
        while len(self._cache) > _CACHE_SIZE:
            self._cache.popitem(last=False)
        return result

    def _describe_cached_steps(self) -> None:
        """Describe the steps of every cached result in ``lang`` (the organisations stay)."""
        for key, (org, steps) in list(self._cache.items()):
            steps = steps.copy()
            steps["description"] = [op.describe(self.lang) for op in key]
            self._cache[key] = (org, steps)

    # ---- actions (the same path as a click) -------------------------------------------------------
    def operation_from_form(self) -> Operation:
        """The operation the visible form describes (ValueError when a field is missing)."""
        kind = self.operation.value
        if kind == "merge":
            units = tuple(self.merge_units.value)
            name = self.merge_name.value.strip()
            into = self.merge_id.value.strip() or new_unit_id(name)
            if not into:
                raise ValueError(t("simulator.message.name_merged", self.lang))
            return MergeUnits(units, into=into, name=name or None)
        if kind == "move_unit":
            parent = self.move_unit_parent.value
            return MoveUnit(self.move_unit.value, None if parent == _TOP else parent)
        if kind == "move_post":
            return MovePost(self.move_post.value, self.move_post_unit.value)
        if kind == "rename":
            return RenameUnit(self.rename_unit.value, self.rename_name.value.strip())
        if kind == "reallocate":
            return ReallocateFTE(
                self.fte_source.value,
                self.fte_target.value,
                float(self.fte_amount.value),
                which=self.fte_which.value,
            )
        if kind == "create":
            name = self.create_name.value.strip()
            uid = self.create_id.value.strip() or new_unit_id(name)
            parent = self.create_parent.value
            return CreateUnit(
                uid,
                name,
                parent=None if parent == _TOP else parent,
                unit_kind=self.create_kind.value,
            )
        raise ValueError(f"unknown operation {kind!r}")  # pragma: no cover - fixed options

    def apply_form(self) -> bool:
        """Apply the operation of the visible form (what the Apply button does)."""
        return self.apply(self.operation_from_form())

    def apply(self, operation: Operation) -> bool:
        """Add ``operation`` to the scenario if it can apply; otherwise show its reasons.

        Returns whether it was applied.
        """
        reasons = operation.check(self.organisation)
        if reasons:
            _show_text(
                self.errors,
                t("simulator.message.cannot", self.lang, operation=operation.describe(self.lang))
                + "\n"
                + "\n".join(f" - {r}" for r in reasons),
            )
            return False
        self.scenario = self.scenario.then(operation)
        return True

    def undo(self) -> None:
        if not self.scenario.can_undo:
            _show_text(self.errors, t("simulator.message.nothing_to_undo", self.lang))
            return
        self.scenario = self.scenario.undo()

    def redo(self) -> None:
        if not self.scenario.can_redo:
            _show_text(self.errors, t("simulator.message.nothing_to_redo", self.lang))
            return
        self.scenario = self.scenario.redo()

    def reset(self) -> None:
        """Drop every step (the base again)."""
        self.scenario = Scenario(self.scenario.name, base=self.scenario.base)

    def keep(self, name: str | None = None) -> str:
        """Save the scenario being edited under ``name`` (default: the name field)."""
        name = (name if name is not None else self.keep_name.value).strip()
        if not name:
            raise ValueError(t("simulator.message.name_scenario", self.lang))
        self.saved = {**self.saved, name: self.scenario.renamed(name)}
        self.scenario = self.scenario.renamed(name)
        self.status_message(
            t("simulator.message.kept", self.lang, name=repr(name), n=self.scenario.position)
        )
        return name

    def open_scenario(self, name: str) -> None:
        """Edit a saved scenario."""
        if name not in self.saved:
            raise KeyError(f"no saved scenario {name!r}; saved: {', '.join(self.saved) or 'none'}")
        self.scenario = self.saved[name]

    def open_selected(self) -> None:
        if not self.saved_list.value:
            raise ValueError(t("simulator.message.select_saved", self.lang))
        self.open_scenario(self.saved_list.value[0])

    def compare_saved(self, names: Sequence[str] | None = None) -> pd.DataFrame:
        """Compare the base with saved scenarios (default: those selected, else all)."""
        names = list(names if names is not None else self.saved_list.value) or list(self.saved)
        if not names:
            raise ValueError(t("simulator.message.keep_first", self.lang))
        unknown = [n for n in names if n not in self.saved]
        if unknown:
            raise KeyError(f"no saved scenario {unknown[0]!r}; saved: {', '.join(self.saved)}")
        base_name = self.base.name or t("simulator.table.base", self.lang)
        table = compare(
            self.base,
            *(self.saved[n] for n in names),
            names=[base_name, *names],
            needs=self.needs or None,
        )
        self.comparison = table
        currency = self.base.currency
        e = html.escape
        header = "".join(f"<th>{e(str(c))}</th>" for c in table.columns)
        rows = "".join(
            f"<tr class='sim-compare-{e(new_unit_id(str(k)))}'><th style='text-align:left'>"
            f"{e(figure_label(str(k), self.lang))}</th>"
            + "".join(f"<td>{e(figure_text(str(k), v, currency, self.lang))}</td>" for v in row)
            + "</tr>"
            for k, row in table.iterrows()
        )
        self.comparison_table.value = f"<table><tr><th></th>{header}</tr>{rows}</table>"
        if self.show_chart:
            import matplotlib.pyplot as plt

            from orgmodel.plot.compare import plot_key_figures

            ax = plot_key_figures(table, currency=currency, fontsize=11, lang=self.lang)
            try:
                _show_png(
                    self.comparison_chart,
                    _png(ax.figure, self.chart_dpi, tight=True),
                    "key figures",
                )
            finally:
                plt.close(ax.figure)
        return table

    def save(self, path: str | Path | None = None) -> Path:
        """Write the scenario being edited to a YAML file (:func:`orgmodel.reorg.save_scenario`)."""
        target = Path(path if path is not None else self.file_path.value)
        save_scenario(self.scenario, target)
        self.file_status.value = html.escape(
            t(
                "simulator.message.saved",
                self.lang,
                name=self.scenario.name,
                n=self.scenario.position,
                path=str(target),
            )
        )
        return target

    def load(self, path: str | Path | None = None) -> None:
        """Edit a scenario read from a file (:func:`orgmodel.reorg.load_scenario`)."""
        target = Path(path if path is not None else self.file_path.value)
        self.scenario = load_scenario(target)
        self.file_status.value = html.escape(
            t("simulator.message.loaded", self.lang, path=str(target))
        )

    def status_message(self, text: str) -> None:
        lang = self.lang
        undone = len(self.scenario.operations) - self.scenario.position
        on = t(
            "simulator.status.on",
            lang,
            scenario="\0",
            base=self.base.name or t("simulator.status.the_base", lang),
        )
        self.status.value = html.escape(on).replace(
            "\0", f"<b>{html.escape(self.scenario.name)}</b>"
        ) + html.escape(
            ": "
            + t("simulator.status.steps", lang, n=self.scenario.position)
            + (
                ", " + t("simulator.status.undone", lang, n=undone)
                if self.scenario.can_redo
                else ""
            )
            + (f" — {text}" if text else "")
        )

    # ---- redraw -------------------------------------------------------------------------------
    def _on_change(self, change: dict[str, Any]) -> None:
        if change["name"] == "base":
            self._cache.clear()
        self.refresh()

    def _on_saved(self, change: Any) -> None:
        names = list(self.saved)
        self.saved_list.options = names
        self.saved_list.value = tuple(v for v in self.saved_list.value if v in names)

    def refresh(self) -> None:
        """Recompute the result, diff and tables from the state, then redraw the chart."""
        start = time.perf_counter()
        try:
            org, steps = self._result(self.scenario)
            d = diff(self.base, org)
        except Exception as exc:  # shown to the user, never lost
            _show_text(self.errors, f"{type(exc).__name__}: {exc}")
            return
        self.organisation, self.steps, self.diff = org, steps, d
        failed = steps[~steps["applied"]] if len(steps) else steps
        with contextlib.ExitStack() as stack:
            for w in (self.figures, self.diff_view, self.steps_view, self.status):
                stack.enter_context(w.hold_sync())
            self.figures.value = figures_html(d.figures, self.base.currency, lang=self.lang)
            self.diff_view.value = diff_html(d, lang=self.lang)
            self.steps_view.value = steps_html(
                steps, self.scenario.operations[self.scenario.position :], lang=self.lang
            )
            self.status_message("")
            self._update_choices(org)
            self.undo_button.disabled = not self.scenario.can_undo
            self.redo_button.disabled = not self.scenario.can_redo
        if len(failed):
            _show_text(
                self.errors,
                t("simulator.message.some_fail", self.lang)
                + "\n"
                + "\n".join(
                    f" - {t('simulator.message.step', self.lang, i=i)}: {r.description}: {r.reasons}"
                    for i, r in failed.iterrows()
                ),
            )
        else:
            self.errors.outputs = ()
        self.timings["step"] = time.perf_counter() - start
        if self.show_chart:
            self.draw_chart()

    def _update_choices(self, org: Organisation) -> None:
        from orgmodel.analysis.rollup import unit_order

        order, _ = unit_order(org)
        units = [(f"{org.unit_map[u].name} ({u})", u) for u in order]
        posts = [
            (f"{p.title} ({p.id}) – {org.unit_map[p.unit].name}", p.id) for p in org.iter_posts()
        ]
        for w in (self.merge_units,):
            if list(w.options) != units:
                keep = tuple(v for v in w.value if v in org.unit_map)
                w.options = units
                w.value = keep
        for w in (self.move_unit, self.rename_unit, self.move_post_unit):
            self._set_options(w, units)
        for w in (self.move_unit_parent, self.create_parent):
            self._set_options(w, [(t("simulator.field.top", self.lang), _TOP), *units])
        for w in (self.move_post, self.fte_source, self.fte_target):
            self._set_options(w, posts)

    @staticmethod
    def _set_options(w: widgets.Dropdown, options: list[tuple[str, str]]) -> None:
        if list(w.options) == options:
            return
        keep = w.value
        w.options = options
        values = [v for _, v in options]
        if keep in values:
            w.value = keep

    def draw_chart(self) -> None:
        """Draw the org chart of the result, collapsed to the chosen number of levels."""
        import matplotlib.pyplot as plt

        from orgmodel.plot.orgchart import draw_orgchart

        start = time.perf_counter()
        org = self.organisation
        if not org.unit_map:
            self.chart.outputs = ()
            return
        ax = draw_orgchart(org, max_depth=self.depth.value, legend=False, lang=self.lang)
        try:
            data = _png(ax.figure, self.chart_dpi)
        finally:
            plt.close(ax.figure)
        _show_png(self.chart, data, f"org chart of {org.name or 'the result'}")
        self.timings["chart"] = time.perf_counter() - start


def time_step(n_posts: int = 3000, repeats: int = 5, *, seed: int = 1, max_depth: int = 2):
    """Seconds for one simulator step on a synthetic organisation: a benchmark table.

    Each repeat merges two units directly under the top unit through the controls (select,
    name, Apply) and undoes it. ``step`` is the result, diff, figures and tables;
    ``chart`` the org chart redraw (collapsed to ``max_depth`` levels).

    >>> t = time_step(60, repeats=1, max_depth=1)
    >>> list(t.index), list(t.columns)
    (['apply', 'undo'], ['step_median_ms', 'step_max_ms', 'chart_median_ms', 'chart_max_ms'])
    """
    import statistics

    from orgmodel.datasets.synthetic import synthetic_organisation

    org = synthetic_organisation(n_posts, seed=seed)
    sim = ReorgSimulator(org, max_depth=max_depth)
    top = org.roots()[0]
    first, second = org.children(top)[:2]
    times: dict[str, dict[str, list[float]]] = {
        a: {"step": [], "chart": []} for a in ("apply", "undo")
    }
    for k in range(repeats):
        sim.operation.value = "merge"
        sim.merge_units.value = (first, second)
        sim.merge_name.value = f"Merged {k}"
        sim.apply_button.click()
        for what in ("step", "chart"):
            times["apply"][what].append(sim.timings[what])
        sim.undo_button.click()
        for what in ("step", "chart"):
            times["undo"][what].append(sim.timings[what])
        sim._cache.clear()  # the next apply is computed afresh
        sim._result(sim.scenario)
    rows = {
        action: {
            "step_median_ms": 1000 * statistics.median(t["step"]),
            "step_max_ms": 1000 * max(t["step"]),
            "chart_median_ms": 1000 * statistics.median(t["chart"]),
            "chart_max_ms": 1000 * max(t["chart"]),
        }
        for action, t in times.items()
    }
    return pd.DataFrame(rows).T
