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
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from orgmodel.report.content import Figure, Report, Section, Table, Text

if TYPE_CHECKING:  # pragma: no cover
    from orgmodel.prioritise.checklist import Checklist, Gate
    from orgmodel.prioritise.record import DecisionRecord
    from orgmodel.prioritise.smaa import SMAAResult

__all__ = ["prioritisation_report"]

_WEIGHT_METHODS = {
    "direct": "direct points, normalised to sum 1",
    "ahp": "AHP pairwise comparisons",
    "roc": "rank-order centroid weights from a ranking of the criteria",
    "swing": "swing weights",
    "rank_sum": "rank-sum weights",
    "rank_reciprocal": "rank-reciprocal weights",
}


def _method_name(method: str) -> str:
    from orgmodel.prioritise.record import METHOD_NAMES

    return METHOD_NAMES.get(method, method)


def _inputs_text(rec: DecisionRecord) -> Text:
    c = rec.checklist
    src = c.source
    source = ", ".join(str(src[k]) for k in ("title", "publisher", "date", "section") if k in src)
    results = rec.results
    n_ranked = int((results["status"] == "ranked").sum())
    n_excluded = int((results["status"] == "excluded").sum())
    how = _WEIGHT_METHODS.get(rec.weight_method, rec.weight_method)
    lines = [
        f"Checklist: {c.text()} (version {c.version})"
        + (f"; source: {source}." if source else "."),
        f"{len(c.criteria)} criteria, {len(c.gates)} gate questions.",
        f"Weights: {how}.",
    ]
    details = [
        f"{k.replace('_', ' ')} {v:.3f}" if isinstance(v, float) else f"{k.replace('_', ' ')} {v}"
        for k, v in rec.weight_details.items()
        if not isinstance(v, pd.DataFrame | pd.Series)
    ]
    if details:
        lines.append("Weight details: " + ", ".join(details) + ".")
    lines.append(f"Ranking method: {_method_name(rec.method)}.")
    n_unscored = len(results) - n_ranked - n_excluded
    lines.append(
        f"{len(rec.initiatives)} initiatives: {n_ranked} ranked, {n_excluded} excluded by a gate"
        + (f", {n_unscored} without scores." if n_unscored else ".")
    )
    who = ", ".join(x for x in (rec.decided_by, rec.date) if x)
    if who:
        lines.append(f"Decided by: {who}.")
    if rec.notes:
        lines.append(f"Notes: {rec.notes}")
    return Text("\n".join(lines), title="How the initiatives were assessed")


def _scale_text(criterion: Any, language: str) -> str:
    scale = criterion.scale
    if scale.labelled:
        return " / ".join(label for label, _ in scale.options(language))
    lo, hi = scale.minimum, scale.maximum
    return f"{'' if lo is None else f'{lo:g}'}–{'' if hi is None else f'{hi:g}'}"


def _criteria_table(rec: DecisionRecord) -> Table:
    c = rec.checklist
    lang = c.language
    rows = [
        (
            cr.id,
            cr.text(lang),
            _scale_text(cr, lang),
            "higher is better" if cr.direction == "max" else "lower is better",
            float(rec.weights.get(cr.id, float("nan"))),
        )
        for cr in c.criteria
    ]
    frame = pd.DataFrame(
        rows, columns=["Criterion id", "Criterion", "Scale", "Direction", "Weight"]
    ).set_index("Criterion id")
    return Table(
        frame,
        title="Criteria and weights",
        column_formats={"Weight": "share"},
        sheet="Criteria",
        note=f"Weights: {_WEIGHT_METHODS.get(rec.weight_method, rec.weight_method)}; they "
        "sum to 100 %.",
    )


def _gate_rule(gate: Gate, language: str) -> str:
    if gate.composite:
        joiner = " or " if gate.any_of else " and "
        inner = joiner.join(f"({_gate_rule(g, language)})" for g in gate.children)
        return f"not {inner}" if gate.kind == "must_not" else inner
    want = "no" if gate.kind == "must_not" else "yes"
    return f"{gate.text(language)} must be {want}"


def _gates_table(checklist: Checklist) -> Table:
    lang = checklist.language
    rows = [
        (
            g.id,
            g.text(lang),
            _gate_rule(g, lang),
            "yes" if g.unknown_allowed else "no",
        )
        for g in checklist.gates
    ]
    frame = pd.DataFrame(
        rows, columns=["Gate id", "Question", "Passes when", "Unknown allowed"]
    ).set_index("Gate id")
    return Table(frame, title="Gate questions", sheet="Gates")


def _verdicts_table(rec: DecisionRecord) -> Table:
    names = rec.results["name"]
    g = rec.gates.copy()
    g.insert(0, "Initiative", names.reindex(g.index))
    g = g.rename(columns={"overall": "Overall", "reason": "Reason"})
    g.index.name = "Initiative id"
    return Table(g, title="Gate verdicts", sheet="Gate verdicts")


def _answers_table(rec: DecisionRecord) -> Table:
    labels = rec.checklist.labels()
    if rec.answers is not None:
        frame, formats, what = rec.answers, {}, "answers"
    else:
        frame, what = rec.scores, "scores"
        formats = {str(i): "float" for i in frame.index}
    out = frame.T.copy()
    out.columns = [str(i) for i in out.columns]
    out.insert(0, "Criterion", labels.reindex(out.index).tolist())
    out.index.name = "Criterion id"
    return Table(
        out,
        title=f"The {what}",
        column_formats=formats,
        sheet=what.capitalize(),
        note="Columns: initiative ids (their names are in the ranking).",
    )


def _ranking_table(rec: DecisionRecord) -> Table:
    r = rec.results
    frame = pd.DataFrame(
        {
            "Rank": r["rank"].astype(object).where(r["rank"].notna(), None),
            "Initiative": r["name"],
            "Score": r["score"],
            "Status": r["status"],
            "Reason": r["reason"].fillna(""),
        },
        index=r.index,
    )
    frame.index.name = "Initiative id"
    score = {"weighted_sum": "weighted sum", "topsis": "closeness", "promethee_ii": "net flow"}
    return Table(
        frame,
        title="Ranking",
        column_formats={"Rank": "int", "Score": "score"},
        note=f"Score: {score.get(rec.method, rec.method)} ({_method_name(rec.method)}). "
        "Initiatives a gate excluded are not ranked.",
    )


def _tornado_table(tornado: pd.DataFrame, labels: pd.Series, names: pd.Series) -> Table:
    t = tornado
    frame = pd.DataFrame(
        {
            "Criterion": [labels.get(c, c) for c in t.index],
            "Weight": t["weight"],
            "Lowered to": t["low_weight"],
            "Raised to": t["high_weight"],
            "Score, lowered": t["score_low"],
            "Score now": t["score_base"],
            "Score, raised": t["score_high"],
            "Rank, lowered": t["rank_low"].astype(object).where(t["rank_low"].notna(), None),
            "Rank, raised": t["rank_high"].astype(object).where(t["rank_high"].notna(), None),
        },
        index=pd.Index([str(c) for c in t.index], name="Criterion id"),
    )
    who = t.attrs.get("alternative")
    return Table(
        frame,
        title="Tornado: " + str(names.get(who, who)) if who is not None else "Tornado",
        sheet="Tornado",
        column_formats={
            "Weight": "share",
            "Lowered to": "share",
            "Raised to": "share",
            "Score, lowered": "score",
            "Score now": "score",
            "Score, raised": "score",
            "Rank, lowered": "int",
            "Rank, raised": "int",
        },
        note="Each weight moved down and up in turn, the others rescaled to keep the sum; "
        "widest swing first.",
    )


def _smaa_table(result: SMAAResult, names: pd.Series) -> Table:
    acc = result.rank_acceptability
    frame = acc.copy()
    frame.columns = [f"Rank {c}" for c in acc.columns]
    frame.insert(0, "Initiative", [names.get(i, i) for i in acc.index])
    frame["Expected rank"] = result.expected_rank
    frame = frame.sort_values("Expected rank", kind="stable")
    frame.index = pd.Index([str(i) for i in frame.index], name="Initiative id")
    formats = {f"Rank {c}": "share" for c in acc.columns}
    formats["Expected rank"] = "float"
    return Table(
        frame,
        title="SMAA rank acceptability",
        sheet="SMAA",
        column_formats=formats,
        note=f"Share of {result.n_samples:,} random weight vectors (seed {result.seed}) that "
        "give each rank.",
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

    Returns
    -------
    Report
        Sections *Inputs* (how the initiatives were assessed, criteria and weights, gate
        questions and verdicts, the answers), *Ranking* and, with ``smaa`` or ``tornado``,
        *Sensitivity*.
    """
    from orgmodel.prioritise.record import DecisionRecord

    if not isinstance(record, DecisionRecord):
        raise TypeError(f"record must be a DecisionRecord, got {type(record).__name__}")
    names = record.results["name"].astype(str)
    labels = record.checklist.labels()
    inputs: list[Any] = [_inputs_text(record), _criteria_table(record)]
    if record.checklist.gates:
        inputs.append(_gates_table(record.checklist))
        if record.gates is not None:
            inputs.append(_verdicts_table(record))
    inputs.append(_answers_table(record))

    ranking: list[Any] = [_ranking_table(record)]
    ranked = record.results[record.results["status"] == "ranked"]
    if charts and len(ranked):
        from orgmodel.plot.prioritise import plot_ranking

        frame = ranked[["score", "rank"]].astype({"rank": int}).rename(index=names.to_dict())
        ax = plot_ranking(frame, _slide_axes(len(frame)))
        _readable(ax)
        ranking.append(Figure.from_matplotlib(ax, "Ranking chart", dpi=dpi))
    excluded = record.excluded()
    if len(excluded):
        ranking.append(
            Text(
                "\n".join(f"{names.get(i, i)}: {reason}" for i, reason in excluded.items()),
                title="Excluded by a gate",
            )
        )
    sections = [Section("Inputs", inputs), Section("Ranking", ranking)]

    sensitivity: list[Any] = []
    if tornado is not None:
        sensitivity.append(_tornado_table(tornado, labels, names))
        if charts:
            from orgmodel.plot.prioritise import plot_tornado

            who = tornado.attrs.get("alternative")
            short = {k: v if len(v) <= 40 else v[:39] + "…" for k, v in labels.items()}
            ax = plot_tornado(tornado.rename(index=short), _slide_axes(len(tornado)))
            _readable(ax)
            sensitivity.append(
                Figure.from_matplotlib(
                    ax,
                    f"Tornado chart: {names.get(who, who)}",
                    "Score when each weight is lowered (left) or raised (right).",
                    dpi=dpi,
                )
            )
    if smaa is not None:
        sensitivity.append(_smaa_table(smaa, names))
        if charts:
            from orgmodel.plot.prioritise import plot_rank_acceptability

            acc = smaa.rank_acceptability.rename(index=names.to_dict())
            ax = plot_rank_acceptability(acc, _slide_axes(len(acc)))
            _readable(ax)
            sensitivity.append(Figure.from_matplotlib(ax, "Rank acceptability chart", dpi=dpi))
    if sensitivity:
        sections.append(Section("Sensitivity", sensitivity))
    default_sub = ", ".join(x for x in (record.decided_by,) if x)
    return Report(
        title or f"Prioritisation: {record.checklist.text()}",
        sections,
        subtitle=subtitle or default_sub,
        author=author,
        date=record.date or pd.Timestamp.today().date().isoformat(),
    )
