"""tests/browser/notebooks/unit_fte.ipynb in a real browser: Voilà and JupyterLab.

The notebook builds a 4-unit, 6-post organisation with the core, shows its HTML summary
and a dropdown whose label gives the chosen unit's FTE, itself and the units below it.
Expected figures, added up by hand from the posts in the notebook (actual / budgeted):

* Exempelkommun (all six posts): 1 + 1 + 2.5 + 1 + 1.5 + 3.2 = 10.2 / 1 + 1 + 3 + 1 + 2 + 4 = 12.0
* Kansliet (kanslichef, handlaggare): 1 + 2.5 = 3.5 / 1 + 3 = 4.0
* Ekonomiavdelningen (ekonomichef, controller, and loneadministrator in Lönegruppen below):
  1 + 1.5 + 3.2 = 5.7 / 1 + 2 + 4 = 7.0; cost 1,000,000 + 1,500,000 + 2,600,000 = 5,100,000
* Lönegruppen (loneadministrator): 3.2 / 4.0
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

NOTEBOOK = "tests/browser/notebooks/unit_fte.ipynb"
FIRST_RENDER_TIMEOUT = 120_000  # ms: kernel start and the notebook's run, on a busy machine


def check_summary(page: Page, scope: str = "") -> None:
    summary = page.locator(f"{scope} .orgmodel-summary")
    expect(summary).to_contain_text("Exempelkommun")
    expect(summary).to_contain_text("4 units · 6 posts · 0 people")
    expect(summary).to_contain_text("FTE 10.2 actual / 12.0 budgeted")
    row = summary.locator("tr", has_text="Ekonomiavdelningen")
    expect(row.locator("td")).to_have_text(
        ["Ekonomiavdelningen", "department", "3", "7.0", "5.7", re.compile(r"5\D?100\D?000")]
    )


def check_dropdown(page: Page, scope: str = "") -> None:
    shown = page.locator(f"{scope} .unit-fte")
    choice = page.locator(f"{scope} .unit-choice select")
    expect(shown).to_have_text("Exempelkommun: 10.2 FTE actual of 12.0 budgeted")
    choice.select_option(label="Ekonomiavdelningen")
    expect(shown).to_have_text("Ekonomiavdelningen: 5.7 FTE actual of 7.0 budgeted")
    choice.select_option(label="Kansliet")
    expect(shown).to_have_text("Kansliet: 3.5 FTE actual of 4.0 budgeted")
    choice.select_option(label="Lönegruppen")
    expect(shown).to_have_text("Lönegruppen: 3.2 FTE actual of 4.0 budgeted")


def test_unit_fte_in_voila(voila_base, page: Page, page_errors, tmp_path):
    page.goto(f"{voila_base}/voila/render/{NOTEBOOK}")
    expect(page.locator(".unit-fte")).to_be_visible(timeout=FIRST_RENDER_TIMEOUT)
    check_summary(page)
    check_dropdown(page)
    page.screenshot(path=str(tmp_path / "voila.png"), full_page=True)
    assert page_errors == []


def test_unit_fte_in_jupyterlab(run_in_jupyterlab, page: Page, page_errors, tmp_path):
    run_in_jupyterlab(NOTEBOOK)
    outputs = ".jp-OutputArea-output"
    expect(page.locator(f"{outputs} .unit-fte")).to_be_visible(timeout=FIRST_RENDER_TIMEOUT)
    check_summary(page, outputs)
    check_dropdown(page, outputs)
    page.locator(f"{outputs} .unit-fte").scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "lab.png"))
    assert page_errors == []
