"""Tests of the synthetic organisation generator (orgmodel.datasets.synthetic).

The expected depths are worked out by hand from the rule in the module docstring: the
default number of manager levels is the smallest D with 1 + s + s**2 + ... + s**D >= n for
the mean span s = 7 (1 + 7 + 49 + 343 = 400 < 1,000 <= 400 + 2,401, so D = 4 at 1,000 posts;
2,801 < 10,000 <= 2,801 + 16,807, so D = 5 at 10,000).
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from orgmodel.datasets.synthetic import synthetic_frames, synthetic_organisation
from orgmodel.model import Organisation, check


@pytest.fixture(scope="module")
def org10k() -> Organisation:
    return synthetic_organisation(10_000, seed=42)


def unit_levels(org: Organisation) -> int:
    """Number of levels of the unit hierarchy, counted with networkx."""
    return nx.dag_longest_path_length(org.hierarchy) + 1


def spans_of_control(org: Organisation) -> pd.Series:
    """Direct reports per manager post, counted from the reporting graph."""
    out = pd.Series(dict(org.reporting.out_degree()))
    return out[out > 0]


def test_same_seed_same_organisation_other_seed_another():
    a = synthetic_organisation(500, seed=3)
    assert a == synthetic_organisation(500, seed=3)
    assert a != synthetic_organisation(500, seed=4)


@pytest.mark.parametrize("n_posts", [1, 2, 3, 57, 1000])
def test_sizes_and_no_errors(n_posts):
    org = synthetic_organisation(n_posts, seed=1)
    assert len(org) == n_posts == len(org.posts)
    report = check(list(org.iter_units()), list(org.iter_posts()), links=list(org.link_list))
    assert not report.errors, report.to_text()
    assert len(org.roots()) == 1  # one top unit: the organisation


def test_default_depth_grows_with_size(org10k):
    # by hand (module docstring): 4 manager levels at 1,000 posts, 5 at 10,000
    assert unit_levels(synthetic_organisation(1000, seed=0)) == 4
    assert unit_levels(org10k) == 5
    # the front line sits one reporting level below the lowest managers
    assert nx.dag_longest_path_length(org10k.reporting) + 1 == 6


@pytest.mark.parametrize(("n_posts", "depth"), [(2000, 3), (2000, 6), (300, 2)])
def test_requested_depth(n_posts, depth):
    org = synthetic_organisation(n_posts, seed=5, depth=depth)
    assert unit_levels(org) == depth
    assert len(org) == n_posts


def test_spans_within_the_requested_range(org10k):
    spans = spans_of_control(org10k)
    assert spans.between(2, 20).all()
    assert 6.5 <= spans.mean() <= 7.5  # target mean_span = 7
    assert spans.std() > 2  # a spread, not the same span everywhere
    narrow = spans_of_control(synthetic_organisation(5000, seed=2, span=(3, 10), mean_span=6))
    assert narrow.between(3, 10).all()
    assert 5.5 <= narrow.mean() <= 6.5


def test_units_heads_and_reporting_lines_agree(org10k):
    units = org10k.units
    posts = org10k.posts
    head_of = units["head"]
    assert head_of.notna().all()
    assert (posts.loc[head_of.to_numpy(), "unit"].to_numpy() == head_of.index.to_numpy()).all()
    is_head = posts.index.isin(head_of.to_numpy())
    staff = posts[~is_head]
    # staff report to the head of their own unit
    assert (staff["reports_to"].to_numpy() == head_of.loc[staff["unit"]].to_numpy()).all()
    # heads report to the head of the parent unit
    heads = posts[is_head & posts["reports_to"].notna()]
    parent_head = head_of.loc[units.loc[heads["unit"], "parent"]].to_numpy()
    assert (heads["reports_to"].to_numpy() == parent_head).all()


def test_fte_and_vacancies(org10k):
    posts = org10k.posts
    assert (posts["fte_budgeted"] == 1.0).mean() > 0.8  # mostly full time ...
    part_time = posts.loc[posts["fte_budgeted"] != 1.0, "fte_budgeted"]
    assert set(part_time.unique()) <= {0.5, 0.6, 0.75, 0.8, 0.9}  # ... with part-timers
    assert len(part_time) > 0
    vacant = posts[posts["vacant"]]
    assert (vacant["fte_actual"] == 0).all()
    # vacancy_rate 0.04: binomial standard deviation sqrt(0.04 * 0.96 / 10,000) = 0.002
    assert 0.03 < posts["vacant"].mean() < 0.05
    filled = posts[~posts["vacant"]]
    assert (filled["fte_actual"] <= filled["fte_budgeted"]).all()
    assert (filled["fte_actual"] < filled["fte_budgeted"]).mean() > 0.04  # gap_rate 0.08


def test_pay_rises_with_manager_level():
    frames = synthetic_frames(10_000, seed=9)
    posts = frames["posts"]
    managers = posts[posts.index.isin(frames["units"]["head"])]
    median_by_level = managers.groupby("level")["cost"].median()
    assert median_by_level.is_monotonic_decreasing and median_by_level.is_unique
    assert (posts["cost"] > 0).all()


def test_links_are_mostly_local(org10k):
    links = org10k.links
    assert len(links) > 5000
    unit_of = org10k.posts["unit"]
    parent_of = org10k.units["parent"]
    a = unit_of.loc[links["source"]].to_numpy()
    b = unit_of.loc[links["target"]].to_numpy()
    same_unit = a == b
    siblings = parent_of.loc[a].to_numpy() == parent_of.loc[b].to_numpy()
    # locality (0.7, 0.2, 0.1): self-ties and duplicates removed, so roughly these shares
    assert same_unit.mean() > 0.6
    assert 0.05 < (~same_unit & ~siblings).mean() < 0.15
    assert not (links["source"] == links["target"]).any()
    assert links[["source", "target"]].apply(frozenset, axis=1).is_unique


def test_frames_are_deterministic_and_labelled():
    a = synthetic_frames(300, seed=11)
    b = synthetic_frames(300, seed=11)
    for name in ("units", "posts", "links"):
        pd.testing.assert_frame_equal(a[name], b[name])
    assert a["posts"].index.name == "id" and a["units"].index.name == "id"
    assert np.isclose(a["posts"]["fte_budgeted"].sum(), b["posts"]["fte_budgeted"].sum())


def test_bad_parameters_are_all_listed():
    with pytest.raises(ValueError) as info:
        synthetic_organisation(-5, span=(5, 2), vacancy_rate=1.5)
    message = str(info.value)
    assert "n_posts" in message and "span" in message and "vacancy_rate" in message


def test_depth_too_small_for_the_spans():
    # depth 2 at 10,000 posts: levels 1, 99, 9,900; 99 posts need ceil(99 / 20) = 5 managers
    # on level 0, which has 1 post
    with pytest.raises(ValueError, match="allow more levels"):
        synthetic_organisation(10_000, depth=2)
    with pytest.raises(ValueError, match="at least depth"):
        synthetic_organisation(5, depth=9)
