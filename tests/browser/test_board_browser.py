"""tests/browser/notebooks/board.ipynb in real headless Chromium through Voilà.

The notebook shows an :class:`~orgmodel.widgets.board.ActionPlanBoard` on Jönköping's action
plan (examples/jonkoping-actionplan.yaml, 18 actions) with the Kommunal utveckling model, as
of 2020-02-01. Expected, counted in the document (see tests/followup/test_raci.py):

* "Utvecklingschefen för Kommunal utveckling" is Ansvarig for 4 actions: partnerskap-3,
  identitet-3, intern-1, intern-2;
* two actions are past due on 2020-02-01: pks-1 (våren 2019) and pks-2 (1 januari 2020);
* every action starts "planerad".
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

NOTEBOOK = "tests/browser/notebooks/board.ipynb"
FIRST_RENDER_TIMEOUT = 120_000  # ms: kernel start and the notebook's run, on a busy machine
UTVECKLINGSCHEF = "Utvecklingschef för Kommunal utveckling (utvecklingschef)"


def test_filter_by_owner_and_change_a_status(voila_base, page: Page, page_errors, tmp_path):
    page.goto(f"{voila_base}/voila/render/{NOTEBOOK}")
    count = page.locator(".board-count")
    expect(count).to_have_text(
        "18 av 18 åtgärder · 2 försenade per 2020-02-01", timeout=FIRST_RENDER_TIMEOUT
    )
    rows = page.locator(".board-table .board-row")
    expect(rows).to_have_count(18)

    # filter by the responsible party
    page.locator(".board-filter-owner select").select_option(label=UTVECKLINGSCHEF)
    expect(count).to_contain_text("4 av 18")
    expect(rows).to_have_count(4)
    ids = [r.get_attribute("data-action") for r in rows.all()]
    assert ids == ["partnerskap-3", "identitet-3", "intern-1", "intern-2"]

    # change intern-2's status to done ("klar")
    intern2 = page.locator(".board-row[data-action='intern-2'] .board-status")
    expect(intern2).to_have_text("planerad")
    page.locator(".board-edit-action select").select_option(label="intern-2")
    page.locator(".board-edit-status select").select_option(label="klar")
    page.locator(".board-set-status").click()
    expect(intern2).to_have_text("klar")
    expect(intern2).to_have_attribute("data-status", "done")
    expect(page.locator(".board-message")).to_have_text("intern-2: klar")
    expect(page.locator(".board-row[data-action='intern-1'] .board-status")).to_have_text(
        "planerad"
    )

    # the status filter now finds it, and only it
    page.locator(".board-filter-status select").select_option(label="klar")
    expect(rows).to_have_count(1)
    expect(rows.first).to_have_attribute("data-action", "intern-2")
    expect(count).to_contain_text("1 av 18")
    page.screenshot(path=str(tmp_path / "board.png"), full_page=True)
    assert page_errors == []
