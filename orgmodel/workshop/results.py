"""What the facilitator shows: a round's ranking, where the group disagrees, Kendall's W.

Everything is computed by :mod:`orgmodel.prioritise` from the long ratings table that
:meth:`~orgmodel.workshop.store.WorkshopStore.ratings` gives: the group's scores by
:func:`~orgmodel.prioritise.group.aggregate_scores`, the ranking by the checklist's
weights and directions (:func:`~orgmodel.prioritise.record.rank_initiatives`), the spread
by :func:`~orgmodel.prioritise.group.disagreement` and the agreement on the order of the
initiatives by :func:`~orgmodel.prioritise.group.kendall_w` over each participant's own
weighted score (participants who answered every question only).

>>> from orgmodel.prioritise import Checklist, Criterion
>>> c = Checklist("demo", {"en": "Demo"}, criteria=[Criterion("need", {"en": "Need"})])
>>> ratings = pd.DataFrame({"rater": ["ann", "ann", "bo", "bo"],
...                         "alternative": ["a", "b", "a", "b"],
...                         "criterion": ["need"] * 4, "score": [1.0, 0.0, 0.5, 1.0]})
>>> r = round_results(c, ["a", "b"], ratings)
>>> r.ranking[["score", "rank", "n_raters"]]
            score  rank  n_raters
initiative
a            0.75     1         2
b            0.50     2         2
>>> round(r.concordance.w, 3)   # ann ranks a first, bo ranks b first
0.0
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from orgmodel.prioritise.checklist import Checklist, Initiative, as_initiatives
from orgmodel.prioritise.group import KendallW, aggregate_scores, disagreement, kendall_w
from orgmodel.prioritise.record import DecisionRecord, decision_record, rank_initiatives

if TYPE_CHECKING:  # pragma: no cover
    from orgmodel.workshop.store import WorkshopStore

__all__ = ["RoundResults", "compare_rounds", "results_from_store", "round_results", "to_record"]


@dataclass(frozen=True, eq=False)
class RoundResults:
    """A round's results; every table is labelled by initiative (and criterion).

    Attributes
    ----------
    round
        The round number (0 when not from a store).
    ratings
        The long table the results come from (``rater``, ``alternative``, ``criterion``,
        ``score``).
    scores
        The group's score per initiative and criterion (initiatives x criteria; NaN where
        nobody answered).
    ranking
        Index ``initiative``; columns ``name``, ``score``, ``rank`` (1 = best),
        ``n_raters`` (participants who scored it) and ``spread`` (mean standard deviation
        over its criteria), best first; initiatives nobody scored come last, unranked.
    disagreement
        :func:`~orgmodel.prioritise.group.disagreement`: one row per initiative and
        criterion, largest standard deviation first.
    concordance
        Kendall's W over the participants who answered every question, or ``None`` with
        the reason in ``concordance_note``.
    """

    round: int
    ratings: pd.DataFrame
    scores: pd.DataFrame
    ranking: pd.DataFrame
    disagreement: pd.DataFrame
    concordance: KendallW | None
    concordance_note: str
    n_raters: int
    n_complete: int
    method: str


def _empty_disagreement() -> pd.DataFrame:
    return pd.DataFrame(
        columns=["alternative", "criterion", "n_raters", "mean", "std", "range", "iqr", "flagged"]
    )


def round_results(
    checklist: Checklist,
    initiatives: Iterable[Initiative | str] | Mapping[str, str] | pd.DataFrame,
    ratings: pd.DataFrame,
    *,
    method: str = "weighted_sum",
    how: str = "mean",
    round_number: int = 0,
) -> RoundResults:
    """Aggregate, rank and measure disagreement for one round of ratings.

    Parameters
    ----------
    checklist
        The criteria: their weights, directions and scales set the ranking.
    initiatives
        In display order; initiatives nobody scored are listed last without a rank.
    ratings
        Long table (``rater``, ``alternative``, ``criterion``, ``score``).
    method
        ``"weighted_sum"`` (default), ``"topsis"`` or ``"promethee_ii"``.
    how
        ``"mean"`` or ``"median"`` of the participants' scores.
    """
    items = as_initiatives(initiatives)
    names = pd.Series({i.id: i.name for i in items}, dtype=object)
    criteria = checklist.criterion_ids
    weights = checklist.weights()
    raters = list(pd.unique(ratings["rater"])) if len(ratings) else []
    columns = ["name", "score", "rank", "n_raters", "spread"]
    ranking = pd.DataFrame(index=pd.Index([i.id for i in items], name="initiative"))
    if len(ratings):
        scores = aggregate_scores(ratings, how=how)
        scores = scores.reindex(columns=criteria)
        spread = disagreement(ratings)
        rated = [i.id for i in items if i.id in scores.index]
        ranked = rank_initiatives(checklist, scores.loc[rated], weights, method)
        ranking["score"] = ranked["score"]
        ranking["rank"] = ranked["rank"].astype("Int64")
        counts = ratings.groupby("alternative")["rater"].nunique()
        ranking["n_raters"] = counts.reindex(ranking.index).fillna(0).astype(int)
        ranking["spread"] = spread.groupby("alternative")["std"].mean().reindex(ranking.index)
    else:
        scores = pd.DataFrame(
            index=pd.Index([], name="alternative"),
            columns=pd.Index(criteria, name="criterion"),
            dtype=float,
        )
        spread = _empty_disagreement()
        ranking["score"] = float("nan")
        ranking["rank"] = pd.array([pd.NA] * len(ranking), dtype="Int64")
        ranking["n_raters"] = 0
        ranking["spread"] = float("nan")
    ranking["name"] = names.reindex(ranking.index)
    ranking = ranking[columns].sort_values("rank", kind="stable", na_position="last")
    concordance, note, n_complete = _concordance(checklist, items, ratings, raters, method)
    return RoundResults(
        round=round_number,
        ratings=ratings,
        scores=scores,
        ranking=ranking,
        disagreement=spread,
        concordance=concordance,
        concordance_note=note,
        n_raters=len(raters),
        n_complete=n_complete,
        method=method,
    )


def _concordance(
    checklist: Checklist,
    items: tuple[Initiative, ...],
    ratings: pd.DataFrame,
    raters: list[Any],
    method: str,
) -> tuple[KendallW | None, str, int]:
    ids = [i.id for i in items]
    criteria = checklist.criterion_ids
    expected = len(ids) * len(criteria)
    weights = checklist.weights()
    own: dict[Any, pd.Series] = {}
    if len(ratings):
        per_rater = ratings.groupby("rater", sort=False)["score"].count()
        full = per_rater.index[per_rater >= expected]
        rows = ratings[ratings["rater"].isin(full)]
        wide = (
            rows.set_index(["rater", "alternative", "criterion"])["score"]
            .unstack("criterion")
            .reindex(columns=criteria)
        )
        counts = wide.notna().all(axis=1).groupby(level="rater", sort=False).sum()
        complete = [r for r in full if counts.get(r, 0) == len(ids)]
        wide = wide[wide.index.get_level_values("rater").isin(complete)]
        wide = wide[wide.index.get_level_values("alternative").isin(ids)]
        bounded = not checklist.bounds().isna().any().any()
        if complete and method == "weighted_sum" and bounded:
            # on fixed scales the weighted sum of a row does not depend on the other rows,
            # so one call scores every participant's initiatives at once
            scored = rank_initiatives(checklist, wide, weights, method)["score"]
            by_rater = scored.unstack("alternative")
            own = {r: by_rater.loc[r] for r in complete}
        else:
            for rater in complete:
                mine = wide.xs(rater, level="rater").reindex(ids)
                own[rater] = rank_initiatives(checklist, mine, weights, method)["score"]
    n_complete = len(own)
    if len(ids) < 2:
        return None, "needs at least 2 initiatives", n_complete
    if n_complete < 2:
        return (
            None,
            f"needs 2 participants who answered everything; {n_complete} have",
            n_complete,
        )
    frame = pd.DataFrame(own).T.reindex(columns=ids)
    left_out = len(raters) - n_complete
    note = f"over {n_complete} participants who answered everything" + (
        f" ({left_out} left out)" if left_out else ""
    )
    return kendall_w(frame), note, n_complete


def compare_rounds(before: RoundResults, after: RoundResults) -> pd.DataFrame:
    """How the ranking and the spread changed from one round to the next.

    Returns
    -------
    DataFrame
        Index ``initiative`` (the later round's order, then the earlier round's for
        initiatives not ranked yet); columns ``rank_before``,
        ``rank_after``, ``moved`` (positive = moved up), ``score_before``,
        ``score_after``, ``spread_before``, ``spread_after``.

    >>> from orgmodel.prioritise import Checklist, Criterion
    >>> c = Checklist("d", {"en": "D"}, criteria=[Criterion("need", {"en": "Need"})])
    >>> r1 = round_results(c, ["a", "b"], pd.DataFrame({"rater": ["x", "x"],
    ...     "alternative": ["a", "b"], "criterion": ["need", "need"], "score": [1.0, 0.0]}))
    >>> r2 = round_results(c, ["a", "b"], pd.DataFrame({"rater": ["x", "x"],
    ...     "alternative": ["a", "b"], "criterion": ["need", "need"], "score": [0.0, 0.5]}))
    >>> compare_rounds(r1, r2)[["rank_before", "rank_after", "moved"]]
                rank_before  rank_after  moved
    initiative
    b                     2           1      1
    a                     1           2     -1
    """
    b, a = before.ranking, after.ranking
    # the later round's order; initiatives it has not ranked yet follow in the earlier order
    order = pd.DataFrame({"after": a["rank"], "before": b["rank"].reindex(a.index)})
    index = order.sort_values(["after", "before"], kind="stable", na_position="last").index
    out = pd.DataFrame(index=index)
    out["rank_before"] = b["rank"].reindex(out.index)
    out["rank_after"] = a["rank"].reindex(out.index)
    out["moved"] = (out["rank_before"] - out["rank_after"]).astype("Int64")
    out["score_before"] = b["score"].reindex(out.index)
    out["score_after"] = a["score"].reindex(out.index)
    out["spread_before"] = b["spread"].reindex(out.index)
    out["spread_after"] = a["spread"].reindex(out.index)
    return out


def results_from_store(
    store: WorkshopStore,
    workshop_id: str,
    round_number: int | None = None,
    *,
    method: str = "weighted_sum",
    how: str = "mean",
) -> RoundResults:
    """:func:`round_results` for a round of a stored workshop (the current one by default)."""
    workshop = store.workshop(workshop_id)
    number = store.current_round(workshop_id).number if round_number is None else round_number
    return round_results(
        workshop.checklist,
        workshop.initiatives,
        store.ratings(workshop_id, number),
        method=method,
        how=how,
        round_number=number,
    )


def to_record(
    results: RoundResults,
    checklist: Checklist,
    initiatives: Iterable[Initiative | str] | Mapping[str, str] | pd.DataFrame,
    *,
    decided_by: str = "",
    notes: str = "",
    extra: Mapping[str, pd.DataFrame] | None = None,
) -> DecisionRecord:
    """A decision record of the round's group scores (for ``to_excel``).

    The workshop scores criteria only; the checklist's gate questions are not asked, so
    the record's checklist has none. The ratings, the disagreement and ``extra`` tables
    go into the record as sheets of their own.
    """
    items = [i for i in as_initiatives(initiatives) if i.id in results.scores.index]
    if not items:
        raise ValueError(f"round {results.round}: nobody has answered yet; nothing to record")
    tables: dict[str, pd.DataFrame] = {
        "ratings": results.ratings,
        "disagreement": results.disagreement,
        "group ranking": results.ranking.reset_index(),
    }
    if results.concordance is not None:
        k = results.concordance
        tables["kendall w"] = pd.DataFrame(
            [[k.w, k.chi2, k.df, k.p_value, k.n_raters, k.n_items, results.concordance_note]],
            columns=["W", "chi2", "df", "p_value", "raters", "initiatives", "note"],
        )
    tables.update(extra or {})
    return decision_record(
        checklist.evolve(gates=()),
        scores=results.scores.loc[[i.id for i in items]],
        initiatives=items,
        method=results.method,
        decided_by=decided_by,
        notes=notes or f"Workshop round {results.round}: group {results.n_raters} participant(s)",
        tables=tables,
    )
