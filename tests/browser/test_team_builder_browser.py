"""tests/browser/notebooks/team_builder.ipynb in real headless Chromium through Voilà.

The notebook shows a :class:`~orgmodel.widgets.team_builder.TeamBuilder` on the 4-unit
organisation of tests/widgets/test_team_builder.py. Worked out by hand there:

* Viktor: larare 0.1 + socsek 0.2 FTE; 3 of 3 covered, 2 members, 2 units, 2 main missions.
* Replacing Socialsekreterare by the only candidate, Kurator: beroende is uncovered;
  2 of 3 covered, 1 unit, 1 main mission.
* Ibrahim: Kurator and Fritidsledare, 2 of 2 covered, 2 units.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

NOTEBOOK = "tests/browser/notebooks/team_builder.ipynb"
FIRST_RENDER_TIMEOUT = 120_000  # ms: kernel start and the notebook's run, on a busy machine


def test_choose_need_swap_member(voila_base, page: Page, page_errors, tmp_path):
    page.goto(f"{voila_base}/voila/render/{NOTEBOOK}")
    summary = page.locator(".tb-summary")
    expect(summary).to_have_text(
        "Covered 3 of 3 requirements · 2 members · 2 units · 2 main missions",
        timeout=FIRST_RENDER_TIMEOUT,
    )
    members = page.locator(".tb-members .tb-member")
    expect(members).to_have_count(2)
    # user text is shown as text, never as markup
    expect(members.first).to_contain_text("<b>Lärare</b>")
    expect(page.locator(".tb-need select")).to_contain_text("Viktor <12 år>")

    # swap Socialsekreterare for the only candidate, Kurator
    page.locator(".tb-swap-out select").select_option(label="Socialsekreterare (socsek)")
    swap_in = page.locator(".tb-swap-in select")
    expect(swap_in.locator("option")).to_have_count(1)
    expect(swap_in).to_contain_text("Kurator (skola")
    page.locator("button.tb-swap").click()
    expect(summary).to_have_text(
        "Covered 2 of 3 requirements · 2 members · 1 unit · 1 main mission"
    )
    uncovered = page.locator(".tb-coverage .tb-uncovered")
    expect(uncovered).to_have_count(1)
    expect(uncovered).to_contain_text("beroende")
    expect(page.locator(".tb-coverage .tb-covered")).to_have_count(2)
    page.screenshot(path=str(tmp_path / "swapped.png"), full_page=True)

    # another need
    page.locator(".tb-need select").select_option(label="Ibrahim")
    expect(summary).to_have_text(
        "Covered 2 of 2 requirements · 2 members · 2 units · 2 main missions"
    )
    expect(page.locator(".tb-members")).to_contain_text("Fritidsledare")
    assert page_errors == []
