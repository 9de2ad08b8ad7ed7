"""The prioritisation report: what was scored and how, the ranking, and how robust it is.

:func:`prioritisation_report` builds the content (a :class:`~orgmodel.report.content.Report`)
from a :class:`~orgmodel.prioritise.DecisionRecord`: the inputs (the checklist, the
weights and how they were set, the gates and their verdicts, the answers), the ranking as
a table and a chart, and, when given, the sensitivity (a tornado of the leader's score and
SMAA rank acceptabilities).

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from orgmodel.prioritise.checklist import Checklist, Criterion, Gate
>>> from orgmodel.prioritise.record import decision_record
>>> c = Checklist("demo", {"en": "Demo"}, criteria=[Criterion("need", "Need"), Criterion("gain", "Gain")],
...               gates=[Gate("funded", {"en": "Is it funded?"})])
>>> rec = decision_record(c, answers={"a": {"need": "yes", "gain": "no"},
...                                   "b": {"need": "partly", "gain": "yes"},
...                                   "c": {"need": "yes", "gain": "yes"}},
...                       gate_answers={"a": {"funded": "yes"}, "b": {"funded": "yes"},
...                                     "c": {"funded": "no"}},
...                       weights={"need": 3, "gain": 1}, decided_by="Workshop", date="2026-01-15")
>>> r = prioritisation_report(rec)
>>> r.table("Ranking").display_rows()
[['a', '1', 'a', '0.750', 'ranked', ''], ['b', '2', 'b', '0.625', 'ranked', ''], ['c', '–', 'c', '–', 'excluded', 'funded: answered no, must be yes']]
>>> [s.title for s in r.sections]
['Inputs', 'Ranking']

In Norwegian (``lang="nb"``, or the session's language): headings, column names, the
sentences and the numbers; the checklist's own wording and the initiatives' names stay.

>>> nb = prioritisation_report(rec, lang="nb", charts=False)
>>> [s.title for s in nb.sections], nb.table("Rangering").header
(['Grunnlag', 'Rangering'], ['Tiltaks-id', 'Plass', 'Tiltak', 'Skår', 'Status', 'Begrunnelse'])
>>> nb.table("Rangering").display_rows()[1]
['b', '2', 'b', '0,625', 'rangert', '']
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

import pandas as pd

from orgmodel.i18n import UnknownLabelError, format_number, get_language, t
from orgmodel.report.content import Figure, Report, Section, Table, Text

if TYPE_CHECKING:  # pragma: no cover
    from orgmodel.prioritise.checklist import Checklist, Gate
    from orgmodel.prioritise.record import DecisionRecord
    from orgmodel.prioritise.smaa import SMAAResult

__all__ = ["prioritisation_report"]


def _how_weighted(method: str, lang: str) -> str:
    """How the weights were set, in ``lang`` (``report.prio.weighting.*``)."""
    return _label(f"report.prio.weighting.{method}", lang, method)


def _label(key: str, lang: str, fallback: str) -> str:
    try:
        return t(key, lang)
    except UnknownLabelError:
        return fallback


def _method_name(method: str, lang: str = "en") -> str:
    from orgmodel.prioritise.record import METHOD_NAMES

    return _label(f"report.prio.method_name.{method}", lang, METHOD_NAMES.get(method, method))


def _col(lang: str, *keys: str) -> list[str]:
    return [t(f"report.prio.col.{k}", lang) for k in keys]


def _inputs_text(rec: DecisionRecord, lang: str = "en") -> Text:
    c = rec.checklist
    src = c.source
    source = ", ".join(str(src[k]) for k in ("title", "publisher", "date", "section") if k in src)
    results = rec.results
    n_ranked = int((results["status"] == "ranked").sum())
    n_excluded = int((results["status"] == "excluded").sum())
    how = _how_weighted(rec.weight_method, lang)
    lines = [
        t("report.prio.checklist", lang, name=c.text(), version=c.version)
        + (t("report.prio.source", lang, source=source) if source else "")
        + ".",
        t("report.prio.counts", lang, criteria=len(c.criteria), gates=len(c.gates)),
        t("report.prio.weights", lang, how=how),
    ]

    def number(v: float) -> str:
        return f"{v:.3f}" if lang == "en" else format_number(v, 3, lang)

    details = [
        f"{k.replace('_', ' ')} {number(v)}"
        if isinstance(v, float)
        else f"{k.replace('_', ' ')} {v}"
        for k, v in rec.weight_details.items()
        if not isinstance(v, pd.DataFrame | pd.Series)
    ]
    if details:
        lines.append(t("report.prio.weight_details", lang, details=", ".join(details)))
    lines.append(t("report.prio.method", lang, method=_method_name(rec.method, lang)))
    n_unscored = len(results) - n_ranked - n_excluded
    lines.append(
        t(
            "report.prio.initiatives",
            lang,
            n=len(rec.initiatives),
            ranked=n_ranked,
            excluded=n_excluded,
        )
        + (t("report.prio.unscored", lang, n=n_unscored) if n_unscored else "")
        + "."
    )
    day = rec.date
    if day and lang != "en":
        from orgmodel.i18n import format_date

        with contextlib.suppress(ValueError):  # free text stays as the record has it
            day = format_date(day, "long", lang)
    who = ", ".join(x for x in (rec.decided_by, day) if x)
    if who:
        lines.append(t("report.prio.decided_by", lang, who=who))
    if rec.notes:
        lines.append(t("report.prio.notes", lang, notes=rec.notes))
    return Text("\n".join(lines), title=t("report.prio.how_assessed", lang))


def _scale_text(criterion: Any, language: str) -> str:
    scale = criterion.scale
    if scale.labelled:
        return " / ".join(label for label, _ in scale.options(language))
    lo, hi = scale.minimum, scale.maximum
    return f"{'' if lo is None else f'{lo:g}'}–{'' if hi is None else f'{hi:g}'}"


def _criteria_table(rec: DecisionRecord, lang: str = "en") -> Table:
    c = rec.checklist
    own = c.language  # the checklist's own wording
    better = {
        "max": t("report.prio.higher_better", lang),
        "min": t("report.prio.lower_better", lang),
    }
    rows = [
        (
            cr.id,
            cr.text(own),
            _scale_text(cr, own),
            better["max" if cr.direction == "max" else "min"],
            float(rec.weights.get(cr.id, float("nan"))),
        )
        for cr in c.criteria
    ]
    columns = _col(lang, "criterion_id", "criterion", "scale", "direction", "weight")
    frame = pd.DataFrame(rows, columns=columns).set_index(columns[0])
    return Table(
        frame,
        title=t("report.prio.criteria_weights", lang),
        column_formats={columns[-1]: "share"},
        sheet=t("report.prio.criteria_sheet", lang),
        note=t("report.prio.weights_note", lang, how=_how_weighted(rec.weight_method, lang)),
        lang=lang,
    )


def _gate_rule(gate: Gate, language: str, lang: str = "en") -> str:
    """The rule a gate states: the question in the checklist's ``language``, the words
    around it in the report's ``lang``."""
    if gate.composite:
        joiner = f" {t('report.prio.or' if gate.any_of else 'report.and', lang)} "
        inner = joiner.join(f"({_gate_rule(g, language, lang)})" for g in gate.children)
        return t("report.prio.not", lang, rule=inner) if gate.kind == "must_not" else inner
    want = t("report.no" if gate.kind == "must_not" else "report.yes", lang)
    return t("report.prio.must_be", lang, question=gate.text(language), answer=want)


def _gates_table(checklist: Checklist, lang: str = "en") -> Table:
    own = checklist.language
    rows = [
        (
            g.id,
            g.text(own),
            _gate_rule(g, own, lang),
            t("report.yes" if g.unknown_allowed else "report.no", lang),
        )
        for g in checklist.gates
    ]
    columns = _col(lang, "gate_id", "question", "passes_when", "unknown_allowed")
    frame = pd.DataFrame(rows, columns=columns).set_index(columns[0])
    return Table(
        frame,
        title=t("report.prio.gate_questions", lang),
        sheet=t("report.prio.gates_sheet", lang),
        lang=lang,
    )


def _verdicts_table(rec: DecisionRecord, lang: str = "en") -> Table:
    names = rec.results["name"]
    g = rec.gates.copy()
    initiative, overall, reason, index = _col(
        lang, "initiative", "overall", "reason", "initiative_id"
    )
    g.insert(0, initiative, names.reindex(g.index))
    g = g.rename(columns={"overall": overall, "reason": reason})
    g.index.name = index
    title = t("report.prio.verdicts", lang)
    return Table(g, title=title, sheet=title, lang=lang)


def _answers_table(rec: DecisionRecord, lang: str = "en") -> Table:
    labels = rec.checklist.labels()
    if rec.answers is not None:
        frame, formats, what = rec.answers, {}, "answers"
    else:
        frame, what = rec.scores, "scores"
        formats = {str(i): "float" for i in frame.index}
    out = frame.T.copy()
    out.columns = [str(i) for i in out.columns]
    criterion, index = _col(lang, "criterion", "criterion_id")
    out.insert(0, criterion, labels.reindex(out.index).tolist())
    out.index.name = index
    return Table(
        out,
        title=t(f"report.prio.{what}", lang),
        column_formats=formats,
        sheet=t(f"report.prio.{what}_sheet", lang),
        note=t("report.prio.answers_note", lang),
        lang=lang,
    )


def _ranking_table(rec: DecisionRecord, lang: str = "en") -> Table:
    r = rec.results
    rank, initiative, score, status, reason, index = _col(
        lang, "rank", "initiative", "score", "status", "reason", "initiative_id"
    )
    statuses = r["status"]
    if lang != "en":
        statuses = statuses.map(lambda s: _label(f"report.prio.status.{s}", lang, s))
    frame = pd.DataFrame(
        {
            rank: r["rank"].astype(object).where(r["rank"].notna(), None),
            initiative: r["name"],
            score: r["score"],
            status: statuses,
            reason: r["reason"].fillna(""),
        },
        index=r.index,
    )
    frame.index.name = index
    what = _label(f"report.prio.score.{rec.method}", lang, rec.method)
    return Table(
        frame,
        title=t("report.prio.ranking", lang),
        column_formats={rank: "int", score: "score"},
        note=t("report.prio.ranking_note", lang, score=what, method=_method_name(rec.method, lang)),
        lang=lang,
    )


def _tornado_table(
    tornado: pd.DataFrame, labels: pd.Series, names: pd.Series, lang: str = "en"
) -> Table:
    tor = tornado
    keys = (
        "criterion",
        "weight",
        "lowered_to",
        "raised_to",
        "score_lowered",
        "score_now",
        "score_raised",
        "rank_lowered",
        "rank_raised",
    )
    col = dict(zip(keys, _col(lang, *keys), strict=True))
    frame = pd.DataFrame(
        {
            col["criterion"]: [labels.get(c, c) for c in tor.index],
            col["weight"]: tor["weight"],
            col["lowered_to"]: tor["low_weight"],
            col["raised_to"]: tor["high_weight"],
            col["score_lowered"]: tor["score_low"],
            col["score_now"]: tor["score_base"],
            col["score_raised"]: tor["score_high"],
            col["rank_lowered"]: tor["rank_low"]
            .astype(object)
            .where(tor["rank_low"].notna(), None),
            col["rank_raised"]: tor["rank_high"]
            .astype(object)
            .where(tor["rank_high"].notna(), None),
        },
        index=pd.Index([str(c) for c in tor.index], name=t("report.prio.col.criterion_id", lang)),
    )
    who = tor.attrs.get("alternative")
    formats = {col[k]: "share" for k in ("weight", "lowered_to", "raised_to")}
    formats |= {col[k]: "score" for k in ("score_lowered", "score_now", "score_raised")}
    formats |= {col[k]: "int" for k in ("rank_lowered", "rank_raised")}
    return Table(
        frame,
        title=t("report.prio.tornado_of", lang, name=names.get(who, who))
        if who is not None
        else t("report.prio.tornado", lang),
        sheet=t("report.prio.tornado", lang),
        column_formats=formats,
        note=t("report.prio.tornado_note", lang),
        lang=lang,
    )


def _smaa_table(result: SMAAResult, names: pd.Series, lang: str = "en") -> Table:
    acc = result.rank_acceptability
    frame = acc.copy()
    rank_of = {c: t("report.prio.col.rank_k", lang, k=c) for c in acc.columns}
    frame.columns = [rank_of[c] for c in acc.columns]
    initiative, expected, index = _col(lang, "initiative", "expected_rank", "initiative_id")
    frame.insert(0, initiative, [names.get(i, i) for i in acc.index])
    frame[expected] = result.expected_rank
    frame = frame.sort_values(expected, kind="stable")
    frame.index = pd.Index([str(i) for i in frame.index], name=index)
    formats = {rank_of[c]: "share" for c in acc.columns}
    formats[expected] = "float"
    n = f"{result.n_samples:,}" if lang == "en" else format_number(result.n_samples, 0, lang)
    return Table(
        frame,
        title=t("report.prio.smaa", lang),
        sheet="SMAA",
        column_formats=formats,
        note=t("report.prio.smaa_note", lang, n=n, seed=result.seed),
        lang=lang,
    )


def _slide_axes(n_bars: int):
    """Axes of a figure sized for the body of a 16:9 slide (fewer bars: a lower figure)."""
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=(12.3, min(5.4, 1.6 + 0.5 * n_bars)), layout="constrained")
    return ax


def _readable(ax, size: float = 13.0) -> None:
    """Projector-sized labels on a chart drawn with matplotlib's small default fonts."""
    ax.tick_params(labelsize=size)
    ax.xaxis.label.set_size(size)
    for text in ax.texts:
        text.set_fontsize(size * 0.9)
    legend = ax.get_legend()
    if legend is not None:
        for text in legend.get_texts():
            text.set_fontsize(size * 0.85)


def prioritisation_report(
    record: DecisionRecord,
    *,
    smaa: SMAAResult | None = None,
    tornado: pd.DataFrame | None = None,
    title: str | None = None,
    subtitle: str = "",
    author: str = "",
    charts: bool = True,
    dpi: int = 200,
    lang: str | None = None,
) -> Report:
    """The report of one prioritisation, from its decision record.

    Parameters
    ----------
    record
        A :class:`~orgmodel.prioritise.DecisionRecord` (:func:`~orgmodel.prioritise.decision_record`).
    smaa
        Rank acceptabilities (:func:`orgmodel.prioritise.smaa`), shown as a table and a
        stacked-bar chart.
    tornado
        :func:`orgmodel.prioritise.tornado_data` for the leader (or another initiative),
        shown as a table and a tornado chart.
    title, subtitle, author
        For the title slide (default title: "Prioritisation: " and the checklist's title;
        default subtitle: who decided).
    charts
        Draw the charts (matplotlib); False gives text and tables only.
    dpi
        Resolution of the figures.
    lang
        Language of headings, sentences, column names, chart labels, numbers and the
        date (``"en"``, ``"sv"``, ``"nb"``); None: the session's
        (:func:`orgmodel.i18n.get_language`). The checklist's criteria and questions keep
        their own wording, and a gate's reasons are written as the record has them.

    Returns
    -------
    Report
        Sections *Inputs* (how the initiatives were assessed, criteria and weights, gate
        questions and verdicts, the answers), *Ranking* and, with ``smaa`` or ``tornado``,
        *Sensitivity*.
    """
    from orgmodel.i18n import check_language
    from orgmodel.prioritise.record import DecisionRecord

    if not isinstance(record, DecisionRecord):
        raise TypeError(f"record must be a DecisionRecord, got {type(record).__name__}")
    lang = get_language() if lang is None else check_language(lang)
    names = record.results["name"].astype(str)
    labels = record.checklist.labels()
    inputs: list[Any] = [_inputs_text(record, lang), _criteria_table(record, lang)]
    if record.checklist.gates:
        inputs.append(_gates_table(record.checklist, lang))
        if record.gates is not None:
            inputs.append(_verdicts_table(record, lang))
    inputs.append(_answers_table(record, lang))

    ranking: list[Any] = [_ranking_table(record, lang)]
    ranked = record.results[record.results["status"] == "ranked"]
    if charts and len(ranked):
        from orgmodel.plot.prioritise import plot_ranking

        frame = ranked[["score", "rank"]].astype({"rank": int}).rename(index=names.to_dict())
        ax = plot_ranking(frame, _slide_axes(len(frame)), lang=lang)
        _readable(ax)
        ranking.append(Figure.from_matplotlib(ax, t("report.prio.ranking_chart", lang), dpi=dpi))
    excluded = record.excluded()
    if len(excluded):
        ranking.append(
            Text(
                "\n".join(f"{names.get(i, i)}: {reason}" for i, reason in excluded.items()),
                title=t("report.prio.excluded", lang),
            )
        )
    sections = [
        Section(t("report.prio.inputs", lang), inputs),
        Section(t("report.prio.ranking", lang), ranking),
    ]

    sensitivity: list[Any] = []
    if tornado is not None:
        sensitivity.append(_tornado_table(tornado, labels, names, lang))
        if charts:
            from orgmodel.plot.prioritise import plot_tornado

            who = tornado.attrs.get("alternative")
            short = {k: v if len(v) <= 40 else v[:39] + "…" for k, v in labels.items()}
            ax = plot_tornado(tornado.rename(index=short), _slide_axes(len(tornado)), lang=lang)
            _readable(ax)
            sensitivity.append(
                Figure.from_matplotlib(
                    ax,
                    t("report.prio.tornado_chart", lang, name=names.get(who, who)),
                    t("report.prio.tornado_caption", lang),
                    dpi=dpi,
                )
            )
    if smaa is not None:
        sensitivity.append(_smaa_table(smaa, names, lang))
        if charts:
            from orgmodel.plot.prioritise import plot_rank_acceptability

            acc = smaa.rank_acceptability.rename(index=names.to_dict())
            ax = plot_rank_acceptability(acc, _slide_axes(len(acc)), lang=lang)
            _readable(ax)
            sensitivity.append(
                Figure.from_matplotlib(ax, t("report.prio.smaa_chart", lang), dpi=dpi)
            )
    if sensitivity:
        sections.append(Section(t("report.prio.sensitivity", lang), sensitivity))
    default_sub = ", ".join(x for x in (record.decided_by,) if x)
    return Report(
        title or t("report.prio.title", lang, name=record.checklist.text()),
        sections,
        subtitle=subtitle or default_sub,
        author=author,
        date=record.date or pd.Timestamp.today().date().isoformat(),
        lang=lang,
    )
