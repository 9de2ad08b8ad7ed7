"""tests/browser/notebooks/language.ipynb in real headless Chromium through Voilà.

The notebook sets the session language to Swedish, shows a :class:`ReorgSimulator` on the
5-unit organisation of tests/widgets/test_simulator.py and a language chooser linked to
the simulator's ``lang``. Expected texts are the catalogue entries (written out here by
hand) and figures worked out from the organisation:

* yearly cost 1.0 + 1.2 + 1.8 + 0.5 + 0.6 = 5.1 million SEK: "5,1 mnkr" in Swedish (SEK is
  the Swedish crown: mnkr), "5,1 mill. SEK" in Norwegian (not Norway's own crown);
* FTE budgeted 1 + 2 + 3 + 1 + 1 = 8: "8,0" with a decimal comma in both;
* merging Socialtjänsten and Skolan: 5 - 2 + 1 = 4 units, "1 steg gjelder" (one step).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

NOTEBOOK = "tests/browser/notebooks/language.ipynb"
FIRST_RENDER_TIMEOUT = 120_000  # ms: kernel start and the notebook's run, on a busy machine


def button(page: Page, css: str):
    return page.locator(f"button.{css}")


def heading(page: Page, name: str):
    return page.locator(f".sim-heading-{name} h4")


def figure(page: Page, row: str, cell: str = "sim-after"):
    return page.locator(f".sim-figures .sim-figure-{row} .{cell}")


def test_simulator_in_swedish_then_norwegian(voila_base, page: Page, page_errors, tmp_path):
    page.goto(f"{voila_base}/voila/render/{NOTEBOOK}")
    expect(button(page, "sim-apply")).to_have_text("Tillämpa", timeout=FIRST_RENDER_TIMEOUT)

    # Swedish, from set_language("sv") in the notebook
    expect(button(page, "sim-undo")).to_have_text("Ångra")
    expect(button(page, "sim-keep")).to_have_text("Spara scenario")
    expect(heading(page, "key-figures")).to_have_text("Nyckeltal")
    expect(heading(page, "what-changed")).to_have_text("Vad som ändrats")
    expect(page.locator(".sim-figures th")).to_contain_text(["Utgångsläge", "Nu", "förändring"])
    expect(page.locator(".sim-figure-fte_budgeted th")).to_have_text("Årsarbetare i budget")
    expect(figure(page, "cost")).to_have_text("5,1 mnkr")
    expect(figure(page, "fte_budgeted")).to_have_text("8,0")
    expect(page.locator(".sim-operation select option").first).to_have_text("Slå ihop enheter")
    expect(page.locator(".sim-merge-units label")).to_have_text("Enheter")
    expect(page.locator(".language-total")).to_have_text("5,1 mnkr")
    page.screenshot(path=str(tmp_path / "swedish.png"), full_page=True)

    # switch the chooser to Norwegian: every label follows
    page.locator(".language-choice select").select_option(label="norsk bokmål")
    expect(button(page, "sim-apply")).to_have_text("Utfør")
    expect(button(page, "sim-undo")).to_have_text("Angre")
    expect(button(page, "sim-keep")).to_have_text("Lagre scenario")
    expect(heading(page, "key-figures")).to_have_text("Nøkkeltall")
    expect(heading(page, "what-changed")).to_have_text("Hva som er endret")
    expect(page.locator(".sim-figures th")).to_contain_text(["Utgangspunkt", "Nå", "endring"])
    expect(page.locator(".sim-figure-fte_budgeted th")).to_have_text("Årsverk i budsjett")
    expect(figure(page, "cost")).to_have_text("5,1 mill. SEK")
    expect(page.locator(".sim-operation select option").first).to_have_text("Slå sammen enheter")
    expect(page.locator(".language-total")).to_have_text("5,1 mill. SEK")
    expect(page.get_by_text("Tillämpa")).to_have_count(0)

    # the simulator still works in Norwegian: merge two departments
    page.locator(".sim-merge-units select").select_option(
        label=["Socialtjänsten (soc)", "Skolan (skola)"]
    )
    page.locator(".sim-merge-name input").fill("Læring og familie")
    button(page, "sim-apply").click()
    expect(figure(page, "units")).to_have_text("4")
    expect(page.locator(".sim-status")).to_contain_text("1 steg gjelder")
    page.screenshot(path=str(tmp_path / "norwegian.png"), full_page=True)
    assert page_errors == []
