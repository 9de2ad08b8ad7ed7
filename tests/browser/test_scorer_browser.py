"""tests/browser/notebooks/scorer.ipynb in real headless Chromium through Voilà.

The notebook shows a :class:`~orgmodel.widgets.scorer.ChecklistScorer` on three initiatives
and two criteria (scale 1-5, normalised on the scale as (v - 1) / 4). Worked by hand:

=========  ===  ===  =====================  =====================  ===========================
           x    y    weights 1:1            weights 1.5:1 (60/40)  then Gamma x = 1 (x' = 0)
=========  ===  ===  =====================  =====================  ===========================
Alpha A    5    1    0.5                    0.6                    0.6
Beta B     1    5    0.5                    0.4                    0.4
Gamma C    4    3    (.75 + .5)/2 = 0.625   .6*.75 + .4*.5 = 0.65  .4*.5 = 0.2
=========  ===  ===  =====================  =====================  ===========================

So the order goes C first (A and B tied) -> C > A > B -> A > B > C. The weight slider has
step 0.5, so one ArrowRight on the x slider moves it from 1.0 to 1.5.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

NOTEBOOK = "tests/browser/notebooks/scorer.ipynb"
FIRST_RENDER_TIMEOUT = 120_000  # ms: kernel start and the notebook's run, on a busy machine


def test_weight_slider_and_score_change_the_ranking(voila_base, page: Page, page_errors, tmp_path):
    page.goto(f"{voila_base}/voila/render/{NOTEBOOK}")
    order = page.locator(".scorer-order")
    ranking = page.locator(".scorer-ranking")
    expect(order).to_contain_text("C > ", timeout=FIRST_RENDER_TIMEOUT)
    expect(ranking).to_contain_text("0.625")

    # weight of x: 1.0 -> 1.5 with the keyboard on the slider handle
    handle = page.locator(".scorer-weight-x .noUi-handle").first
    handle.focus()
    page.keyboard.press("ArrowRight")
    expect(order).to_have_text("C > A > B")
    expect(page.locator(".scorer-share-x")).to_have_text("60 %")
    rows = ranking.locator("tr")
    expect(rows.nth(1)).to_contain_text("Gamma")
    expect(rows.nth(1)).to_contain_text("0.650")
    expect(rows.nth(2)).to_contain_text("Alpha")
    expect(rows.nth(3)).to_contain_text("Beta")

    # Gamma's score on x: 4 -> 1
    page.locator(".scorer-score-C-x select").select_option(label="1 very weakly")
    expect(order).to_have_text("A > B > C")
    expect(rows.nth(1)).to_contain_text("Alpha")
    expect(rows.nth(3)).to_contain_text("Gamma")
    expect(rows.nth(3)).to_contain_text("0.200")
    expect(page.locator(".scorer-errors")).not_to_contain_text("Error")
    page.screenshot(path=str(tmp_path / "scorer.png"), full_page=True)
    assert page_errors == []
