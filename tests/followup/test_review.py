"""The yearly network review (Jönköping, action partnerskap-4) on the Jönköping model.

The model (examples/jonkoping-kommunal-utveckling.yaml) has five partnerships (FoUrum social
välfärd och hälso- och sjukvård, FoUrum utbildning, FoUrum fritid, Miljösamverkan Jönköpings
län, Kurs och konferens) and four manager networks (socialchefer, skolchefer, fritidschefer,
miljöchefer): nine units to review.
"""

from __future__ import annotations

import pytest

from orgmodel.datasets import load_example
from orgmodel.errors import ValidationError
from orgmodel.followup.review import (
    NetworkReview,
    missing_reviews,
    review_checklist,
    reviews_from_records,
)


@pytest.fixture(scope="module")
def org():
    return load_example("jonkoping-kommunal-utveckling")


def test_every_network_and_partnership_is_listed(org):
    gaps = missing_reviews(org)
    assert sorted(gaps.index) == sorted(
        [
            "fourum-social-valfard",
            "fourum-utbildning",
            "fourum-fritid",
            "miljosamverkan",
            "kurs-och-konferens",
            "chefsnatverk-socialchefer",
            "chefsnatverk-skolchefer",
            "chefsnatverk-fritidschefer",
            "chefsnatverk-miljochefer",
        ]
    )
    assert (gaps["n_missing"] == 3).all() and not gaps["reviewed"].any()


def test_missing_items_per_network(org):
    reviews = [
        NetworkReview(
            "fourum-utbildning",
            2019,
            mission="Skolutveckling",
            time_horizon="3 år",
            usefulness="Stor",
        ),
        NetworkReview(
            "chefsnatverk-socialchefer", 2019, mission="Prioritera forskning", usefulness="  "
        ),  # blank text is not an answer
        NetworkReview(
            "miljosamverkan", 2018, mission="Tillsyn", time_horizon="1 år", usefulness="Stor"
        ),
    ]
    gaps = missing_reviews(org, reviews, year=2019)
    assert gaps.loc["fourum-utbildning", "missing"] == ""
    assert gaps.loc["chefsnatverk-socialchefer", "missing"] == "time_horizon; usefulness"
    assert gaps.loc["miljosamverkan", "n_missing"] == 3  # reviewed in 2018, not 2019
    assert missing_reviews(org, reviews).loc["miljosamverkan", "n_missing"] == 0  # any year
    assert int(gaps["n_missing"].sum()) == 0 + 2 + 3 * 7


def test_answers_from_several_reviews_add_up(org):
    reviews = [
        NetworkReview("fourum-fritid", 2019, mission="x"),
        NetworkReview("fourum-fritid", 2019, usefulness="y"),
    ]
    assert missing_reviews(org, reviews).loc["fourum-fritid", "missing"] == "time_horizon"
    assert review_checklist(reviews)["complete"].tolist() == [False, False]


def test_reviews_of_unknown_or_non_network_units_are_errors(org):
    reviews = [NetworkReview("fourum-utbilding"), NetworkReview("pks")]
    with pytest.raises(ValidationError) as info:
        missing_reviews(org, reviews)
    assert info.value.report.codes() == ["unknown_network", "not_a_network"]
    assert "did you mean 'fourum-utbildning'" in str(info.value)
    assert "'pks' is a political_body" in str(info.value)


def test_records_with_problems_are_all_reported():
    with pytest.raises(ValidationError) as info:
        reviews_from_records(
            [{"network": "n", "year": "tjugo"}, {"mision": "x"}, {"network": "m", "year": 2019}],
            "reviews.yaml",
        )
    assert [(p.location.row, p.code) for p in info.value.report] == [
        (1, "not_a_year"),
        (2, "unknown_field"),
        (2, "missing_field"),
    ]
    assert "did you mean 'mission'" in str(info.value)
