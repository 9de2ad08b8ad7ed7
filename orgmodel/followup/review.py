"""The yearly review of networks and partnerships: mission, time horizon, usefulness.

Jönköping's action plan (2019) asks that "årligen genomförs en översyn av befintliga nätverk
med syfte att definiera uppdraget, tidsperspektivet och nyttan med respektive nätverk". A
:class:`NetworkReview` records one such review; :func:`review_checklist` shows which of the
three questions each review answered, and :func:`missing_reviews` lists, for every network
and partnership of an organisation, what is still missing.

>>> from orgmodel.datasets import load_example
>>> org = load_example("jonkoping-kommunal-utveckling")
>>> reviews = [NetworkReview("fourum-utbildning", 2019, mission="Skolutveckling i länet",
...                          time_horizon="2019–2022")]
>>> review_checklist(reviews)
                      mission time_horizon usefulness  complete
network
fourum-utbildning    answered     answered    missing     False
>>> gaps = missing_reviews(org, reviews, year=2019)
>>> gaps.loc["fourum-utbildning", "missing"]
'usefulness'
>>> gaps.loc["fourum-fritid", "missing"]
'mission; time_horizon; usefulness'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from orgmodel.errors import ValidationError, did_you_mean
from orgmodel.model.report import Location, Problem, ValidationReport

if TYPE_CHECKING:  # pragma: no cover
    from orgmodel.model.organisation import Organisation

__all__ = [
    "REVIEW_ITEMS",
    "REVIEW_KINDS",
    "REVIEW_LABELS_SV",
    "NetworkReview",
    "check_reviews",
    "missing_reviews",
    "review_checklist",
    "reviews_from_records",
]

#: The three questions of the review, in the document's order.
REVIEW_ITEMS: tuple[str, ...] = ("mission", "time_horizon", "usefulness")
#: Their Swedish names as in the action plan.
REVIEW_LABELS_SV: dict[str, str] = {
    "mission": "uppdraget",
    "time_horizon": "tidsperspektivet",
    "usefulness": "nyttan",
}
#: Unit kinds that are reviewed.
REVIEW_KINDS: tuple[str, ...] = ("network", "partnership")


def _answered(text: Any) -> bool:
    return text is not None and str(text).strip() != ""


@dataclass(frozen=True, slots=True)
class NetworkReview:
    """One year's review of one network or partnership (``network`` is its unit id).

    An item counts as answered when its text is not empty.

    >>> NetworkReview("n", 2019, mission="Uppdrag").missing
    ('time_horizon', 'usefulness')
    """

    network: str
    year: int | None = None
    mission: str | None = None
    time_horizon: str | None = None
    usefulness: str | None = None
    reviewed_by: str | None = None
    notes: str = ""

    def answered(self, item: str) -> bool:
        """True when ``item`` (one of :data:`REVIEW_ITEMS`) has an answer."""
        if item not in REVIEW_ITEMS:
            raise KeyError(f"no review item {item!r}{did_you_mean(item, REVIEW_ITEMS)}")
        return _answered(getattr(self, item))

    @property
    def missing(self) -> tuple[str, ...]:
        """The items without an answer, in :data:`REVIEW_ITEMS` order."""
        return tuple(i for i in REVIEW_ITEMS if not self.answered(i))

    @property
    def complete(self) -> bool:
        return not self.missing


def reviews_from_records(
    records: Iterable[Mapping[str, Any]], source: str | None = None
) -> tuple[NetworkReview, ...]:
    """Reviews from plain mappings (a YAML list, DataFrame records); every problem reported.

    Raises :class:`~orgmodel.errors.ValidationError` for records without a ``network``, with a
    year that is not a whole number, or with unknown keys (listing the valid ones).

    >>> reviews_from_records([{"network": "n", "year": 2019, "usefulness": "Stor"}])[0].missing
    ('mission', 'time_horizon')
    """
    fields = ("network", "year", *REVIEW_ITEMS, "reviewed_by", "notes")
    problems = []
    out = []
    for n, rec in enumerate(records, start=1):
        where = Location(source, row=n)
        bad = False
        for key in rec:
            if key not in fields:
                problems.append(
                    Problem(
                        "error",
                        "unknown_field",
                        f"unknown key {key!r}{did_you_mean(key, fields)}",
                        table="reviews",
                        field=str(key),
                        location=where,
                    )
                )
                bad = True
        if not _answered(rec.get("network")):
            problems.append(
                Problem(
                    "error",
                    "missing_field",
                    "a review names its network",
                    table="reviews",
                    field="network",
                    location=where,
                )
            )
            bad = True
        year = rec.get("year")
        if year is not None and not (isinstance(year, int) and not isinstance(year, bool)):
            try:
                year = int(str(year).strip())
            except ValueError:
                problems.append(
                    Problem(
                        "error",
                        "not_a_year",
                        "year must be a whole number",
                        table="reviews",
                        field="year",
                        value=year,
                        location=where,
                    )
                )
                bad = True
        if bad:
            continue
        out.append(
            NetworkReview(
                str(rec["network"]).strip(),
                year,
                *(rec.get(i) for i in REVIEW_ITEMS),
                rec.get("reviewed_by"),
                str(rec.get("notes") or ""),
            )
        )
    if problems:
        raise ValidationError(ValidationReport(problems), source or "network reviews")
    return tuple(out)


def review_checklist(reviews: Sequence[NetworkReview]) -> pd.DataFrame:
    """One row per review: each item ``"answered"`` or ``"missing"``, and ``complete``.

    Index ``network`` (a network reviewed in several years appears once per review, in the
    order given).
    """
    rows = [
        {
            "network": r.network,
            **{i: "answered" if r.answered(i) else "missing" for i in REVIEW_ITEMS},
            "complete": r.complete,
        }
        for r in reviews
    ]
    return pd.DataFrame(rows, columns=["network", *REVIEW_ITEMS, "complete"]).set_index("network")


def check_reviews(
    org: Organisation, reviews: Sequence[NetworkReview], kinds: Sequence[str] = REVIEW_KINDS
) -> ValidationReport:
    """Reviews of units the organisation lacks, or of units that are not networks (errors)."""
    problems = []
    reviewable = [u.id for u in org.unit_map.values() if u.kind in kinds]
    for n, r in enumerate(reviews, start=1):
        if r.network not in org.unit_map:
            problems.append(
                Problem(
                    "error",
                    "unknown_network",
                    f"no unit {r.network!r}{did_you_mean(r.network, reviewable)}",
                    table="reviews",
                    id=r.network,
                    field="network",
                    value=r.network,
                    location=Location(row=n),
                )
            )
        elif org.unit_map[r.network].kind not in kinds:
            problems.append(
                Problem(
                    "error",
                    "not_a_network",
                    f"{r.network!r} is a {org.unit_map[r.network].kind}, not one of "
                    f"{', '.join(kinds)}",
                    table="reviews",
                    id=r.network,
                    field="network",
                    value=r.network,
                    location=Location(row=n),
                )
            )
    return ValidationReport(problems)


def missing_reviews(
    org: Organisation,
    reviews: Sequence[NetworkReview] = (),
    *,
    year: int | None = None,
    kinds: Sequence[str] = REVIEW_KINDS,
) -> pd.DataFrame:
    """What is still missing in the review of every network and partnership of ``org``.

    Only reviews of ``year`` count when it is given. When a unit has several reviews, an item
    counts as answered if any of them answers it. Columns: ``name``, ``kind``, ``reviewed``
    (a review exists), the three items (``"answered"``/``"missing"``), ``missing`` (the
    missing items joined with ``"; "``, ``""`` when complete) and ``n_missing``. Index
    ``network``, in the organisation's unit order.

    Raises
    ------
    ValidationError
        When a review names a unit that does not exist or is not a network/partnership.
    """
    check_reviews(org, reviews, kinds).raise_if_errors("network reviews")
    counted = [r for r in reviews if year is None or r.year == year]
    rows = []
    for u in org.unit_map.values():
        if u.kind not in kinds:
            continue
        mine = [r for r in counted if r.network == u.id]
        status = {
            i: "answered" if any(r.answered(i) for r in mine) else "missing" for i in REVIEW_ITEMS
        }
        missing = [i for i in REVIEW_ITEMS if status[i] == "missing"]
        rows.append(
            {
                "network": u.id,
                "name": u.name,
                "kind": u.kind,
                "reviewed": bool(mine),
                **status,
                "missing": "; ".join(missing),
                "n_missing": len(missing),
            }
        )
    cols = ["network", "name", "kind", "reviewed", *REVIEW_ITEMS, "missing", "n_missing"]
    return pd.DataFrame(rows, columns=cols).set_index("network")
