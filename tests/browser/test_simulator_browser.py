"""tests/browser/notebooks/simulator.ipynb in real headless Chromium through Voilà.

The notebook shows a :class:`~orgmodel.widgets.ReorgSimulator` on the 5-unit organisation
of tests/widgets/test_simulator.py. Worked out by hand from it:

* 5 units (Exempelkommun and four departments under it); one collaboration tie, between
  the posts of Socialtjänsten and Skolan, which are different departments: 0 % inside.
* Merge Socialtjänsten and Skolan into "Lärande och familj": 5 - 2 + 1 = 4 units; the tie
  is now inside one unit: 100 %.
* Undo: 5 units and 0 % again. Redo: 4.
* Instead, create a unit "Stab" under Exempelkommun: 6 units; the tie stays across: 0 %.
* Comparing the base with the two kept scenarios: units 5, 4, 6; ties inside 0 %, 100 %, 0 %.
* Moving Exempelkommun under Socialtjänsten is refused: the hierarchy would get a cycle.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

NOTEBOOK = "tests/browser/notebooks/simulator.ipynb"
FIRST_RENDER_TIMEOUT = 120_000  # ms: kernel start and the notebook's run, on a busy machine


def figure(page: Page, row: str, cell: str = "sim-after"):
    return page.locator(f".sim-figures .sim-figure-{row} .{cell}")


def click(page: Page, css: str) -> None:
    page.locator(f"button.{css}").click()


def test_merge_undo_keep_and_compare(voila_base, page: Page, page_errors, tmp_path):
    page.goto(f"{voila_base}/voila/render/{NOTEBOOK}")
    expect(figure(page, "units")).to_have_text("5", timeout=FIRST_RENDER_TIMEOUT)
    expect(figure(page, "ties_inside_share")).to_have_text("0 %")

    # merge two departments by clicking the controls
    page.locator(".sim-merge-units select").select_option(
        label=["Socialtjänsten (soc)", "Skolan (skola)"]
    )
    page.locator(".sim-merge-name input").fill("Lärande och familj")
    page.locator(".sim-merge-name input").press("Enter")
    click(page, "sim-apply")
    expect(figure(page, "units")).to_have_text("4")
    expect(figure(page, "units", "sim-before")).to_have_text("5")
    expect(figure(page, "units", "sim-change")).to_have_text("−1")
    expect(figure(page, "ties_inside_share")).to_have_text("100 %")
    expect(page.locator(".sim-steps")).to_contain_text(
        "merge units soc, skola into larande-och-familj"
    )
    expect(page.locator(".sim-diff")).to_contain_text("1 created, 2 merged into another")
    page.screenshot(path=str(tmp_path / "merged.png"), full_page=True)

    # undo and redo
    click(page, "sim-undo")
    expect(figure(page, "units")).to_have_text("5")
    expect(figure(page, "ties_inside_share")).to_have_text("0 %")
    click(page, "sim-redo")
    expect(figure(page, "units")).to_have_text("4")

    # keep it, start again, create a unit, keep that too
    page.locator(".sim-keep-name input").fill("A: merge")
    click(page, "sim-keep")
    expect(page.locator(".sim-saved select option")).to_have_text(["A: merge"])
    click(page, "sim-reset")
    expect(figure(page, "units")).to_have_text("5")
    page.locator(".sim-operation select").select_option(label="Create unit")
    page.locator(".sim-create-name input").fill("Stab")
    page.locator(".sim-create-parent select").select_option(label="Exempelkommun (kommun)")
    click(page, "sim-apply")
    expect(figure(page, "units")).to_have_text("6")
    page.locator(".sim-keep-name input").fill("B: staff")
    click(page, "sim-keep")
    expect(page.locator(".sim-saved select option")).to_have_text(["A: merge", "B: staff"])

    # compare the base with both (none selected: all of them)
    click(page, "sim-compare-button")
    table = page.locator(".sim-compare-table")
    expect(table.locator("tr").first).to_contain_text("Exempelkommun")
    expect(table.locator("tr").first).to_contain_text("A: merge")
    expect(table.locator("tr").first).to_contain_text("B: staff")
    expect(table.locator(".sim-compare-units td")).to_have_text(["5", "4", "6"])
    expect(table.locator(".sim-compare-ties-inside-share td")).to_have_text(["0 %", "100 %", "0 %"])
    expect(page.locator(".sim-compare-chart img")).to_be_visible()

    # a refused operation shows the core's reason and changes nothing
    page.locator(".sim-operation select").select_option(label="Move unit")
    page.locator(".sim-move-unit select").select_option(label="Exempelkommun (kommun)")
    page.locator(".sim-move-unit-parent select").select_option(label="Socialtjänsten (soc)")
    click(page, "sim-apply")
    expect(page.locator(".sim-errors")).to_contain_text("the hierarchy would get a cycle")
    expect(figure(page, "units")).to_have_text("6")
    page.screenshot(path=str(tmp_path / "compared.png"), full_page=True)
    assert page_errors == []


def test_merge_and_undo_in_jupyterlab(run_in_jupyterlab, page: Page, page_errors, tmp_path):
    run_in_jupyterlab(NOTEBOOK)
    scope = ".jp-OutputArea-output"
    after = page.locator(f"{scope} .sim-figures .sim-figure-units .sim-after")
    expect(after).to_have_text("5", timeout=FIRST_RENDER_TIMEOUT)
    page.locator(f"{scope} .sim-merge-units select").select_option(
        label=["Socialtjänsten (soc)", "Skolan (skola)"]
    )
    page.locator(f"{scope} .sim-merge-name input").fill("Lärande och familj")
    page.locator(f"{scope} button.sim-apply").click()
    expect(after).to_have_text("4")
    expect(page.locator(f"{scope} .sim-figure-ties_inside_share .sim-after")).to_have_text("100 %")
    page.locator(f"{scope} button.sim-undo").click()
    expect(after).to_have_text("5")
    page.screenshot(path=str(tmp_path / "lab.png"))
    assert page_errors == []
