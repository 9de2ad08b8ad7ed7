"""ReorgSimulator at the traitlet level: set the controls as a user would, check the state.

The small organisation below is also the one of tests/browser/notebooks/simulator.ipynb.
Figures worked out by hand from it:

* 5 units (kommun, soc, skola, fritid, teknik); 5 posts; FTE budgeted 1 + 2 + 3 + 1 + 1 = 8.
* One collaboration tie s1 (soc) - l1 (skola). Grouped by the units under kommun (depth 1),
  soc and skola are different groups: 0 of 1 tie inside (0 %).
* Merging soc and skola into "Lärande och familj": 4 units; the tie is then inside one
  unit: 1 of 1 (100 %); posts and FTE unchanged.
* Creating a unit under kommun: 6 units.
"""

from __future__ import annotations

import html

import matplotlib
import pytest

pytest.importorskip("ipywidgets")
matplotlib.use("Agg")

from orgmodel.model import Link, Organisation, Post, Unit
from orgmodel.reorg import (
    CreateUnit,
    MergeUnits,
    MoveUnit,
    ReallocateFTE,
    RenameUnit,
    Scenario,
    load_scenario,
)
from orgmodel.widgets.simulator import ReorgSimulator, new_unit_id


@pytest.fixture
def base() -> Organisation:
    return Organisation(
        units=[
            Unit("kommun", "Exempelkommun", kind="organisation"),
            Unit("soc", "Socialtjänsten", kind="department", parent="kommun"),
            Unit("skola", "Skolan", kind="department", parent="kommun"),
            Unit("fritid", "Fritid", kind="department", parent="kommun"),
            Unit("teknik", "Teknik", kind="department", parent="kommun"),
        ],
        posts=[
            Post("chef", unit="kommun", title="Kommundirektör", cost=1_000_000),
            Post("s1", unit="soc", title="Socialsekreterare", fte_budgeted=2.0, cost=1_200_000, reports_to="chef"),
            Post("l1", unit="skola", title="Lärare", fte_budgeted=3.0, cost=1_800_000, reports_to="chef"),
            Post("f1", unit="fritid", title="Fritidsledare", cost=500_000, reports_to="chef"),
            Post("t1", unit="teknik", title="Ingenjör", cost=600_000, reports_to="chef"),
        ],
        links=[Link("s1", "l1", weight=2)],
        name="Exempelkommun",
    )  # fmt: skip


def _sim(base: Organisation, **kw) -> ReorgSimulator:
    return ReorgSimulator(base, show_chart=False, **kw)


def _merge_by_clicking(sim: ReorgSimulator) -> None:
    sim.operation.value = "merge"
    sim.merge_units.value = ("soc", "skola")
    sim.merge_name.value = "Lärande och familj"
    sim.apply_button.click()


def _figure(sim: ReorgSimulator, row: str, cell: str) -> str:
    """The text of one cell of the figures table (row class sim-figure-<row>)."""
    html = sim.figures.value
    start = html.index(f"class='sim-figure-{row}'")
    cell_start = html.index(f"class='{cell}'>", start) + len(f"class='{cell}'>")
    return html[cell_start : html.index("</td>", cell_start)]


def _error_text(sim: ReorgSimulator) -> str:
    return "".join(o.get("text", "") for o in sim.errors.outputs)


def test_merge_through_the_controls_equals_the_core_operation(base):
    sim = _sim(base)
    _merge_by_clicking(sim)
    expected = MergeUnits(("soc", "skola"), into="larande-och-familj", name="Lärande och familj")
    assert sim.organisation == expected.apply(base)
    assert sim.scenario.active == (expected,)
    assert _figure(sim, "units", "sim-before") == "5"
    assert _figure(sim, "units", "sim-after") == "4"
    assert _figure(sim, "units", "sim-change") == "−1"
    assert _figure(sim, "ties_inside_share", "sim-before") == "0 %"
    assert _figure(sim, "ties_inside_share", "sim-after") == "100 %"
    assert _figure(sim, "fte_budgeted", "sim-after") == "8.0"
    assert "1 created, 2 merged into another" in sim.diff_view.value
    assert "merge units soc, skola into larande-och-familj" in sim.steps_view.value
    assert sim.errors.outputs == ()
    # the merged units are gone from the choices, the new one is offered
    assert "soc" not in [v for _, v in sim.merge_units.options]
    assert (
        "Lärande och familj (larande-och-familj)",
        "larande-och-familj",
    ) in sim.move_unit.options


def test_undo_restores_the_base_exactly_and_redo_the_merge(base):
    sim = _sim(base)
    _merge_by_clicking(sim)
    merged = sim.organisation
    sim.undo_button.click()
    assert sim.organisation == base
    assert _figure(sim, "units", "sim-after") == "5"
    assert sim.undo_button.disabled and not sim.redo_button.disabled
    assert "undone" in sim.steps_view.value
    sim.redo_button.click()
    assert sim.organisation == merged
    assert _figure(sim, "units", "sim-after") == "4"


def test_refused_operation_shows_its_reason_and_changes_nothing(base):
    sim = _sim(base)
    sim.operation.value = "move_unit"
    sim.move_unit.value = "kommun"
    sim.move_unit_parent.value = "soc"  # under its own sub-unit: a cycle
    sim.apply_button.click()
    assert sim.scenario.active == ()
    assert sim.organisation == base
    text = _error_text(sim)
    assert text.startswith("Cannot move unit kommun under soc")
    assert "(the hierarchy would get a cycle)" in text
    assert MoveUnit("kommun", "soc").check(base)[0] in text  # the core's own reason


def test_missing_merge_name_is_reported_not_raised(base):
    sim = _sim(base)
    sim.merge_units.value = ("soc", "skola")
    sim.merge_name.value = ""
    sim.apply_button.click()
    assert "give the merged unit a name" in _error_text(sim)
    assert sim.scenario.active == ()


def test_reallocate_fte_between_two_posts(base):
    sim = _sim(base)
    sim.operation.value = "reallocate"
    sim.fte_source.value = "s1"
    sim.fte_target.value = "l1"
    sim.fte_amount.value = 0.5
    sim.fte_which.value = "both"
    sim.apply_button.click()
    assert sim.organisation == ReallocateFTE("s1", "l1", 0.5).apply(base)
    # 2.0 - 0.5 and 3.0 + 0.5; cost moves 1,200,000 x 0.5 / 2.0 = 300,000; totals stay
    assert sim.organisation.post("s1").fte_budgeted == 1.5
    assert sim.organisation.post("l1").fte_budgeted == 3.5
    assert sim.organisation.post("l1").cost == 2_100_000
    assert _figure(sim, "fte_budgeted", "sim-change") == ""


def test_move_post_rename_and_create_through_their_forms(base):
    sim = _sim(base)
    sim.operation.value = "move_post"
    sim.move_post.value = "f1"
    sim.move_post_unit.value = "teknik"
    sim.apply_button.click()
    sim.operation.value = "rename"
    sim.rename_unit.value = "teknik"
    sim.rename_name.value = "Samhällsbyggnad"
    sim.apply_button.click()
    sim.operation.value = "create"
    sim.create_name.value = "Servicestöd"
    sim.create_parent.value = "kommun"
    sim.create_kind.value = "service"
    sim.apply_button.click()
    assert [op.kind for op in sim.scenario.active] == ["move_post", "rename_unit", "create_unit"]
    assert sim.organisation == sim.scenario.apply(base)
    assert sim.organisation.post("f1").unit == "teknik"
    assert sim.organisation.unit("teknik").name == "Samhällsbyggnad"
    assert sim.organisation.unit("servicestod") == Unit(
        "servicestod", "Servicestöd", kind="service", parent="kommun"
    )
    assert _figure(sim, "units", "sim-after") == "6"


def test_keep_two_scenarios_and_compare_them(base):
    sim = _sim(base)
    _merge_by_clicking(sim)
    sim.keep_name.value = "A: merge"
    sim.keep_button.click()
    sim.reset_button.click()
    assert sim.organisation == base
    sim.apply(CreateUnit("stab", "Stab", parent="kommun"))
    sim.keep_name.value = "B: staff"
    sim.keep_button.click()
    assert list(sim.saved) == ["A: merge", "B: staff"]
    sim.compare_button.click()
    table = sim.comparison
    assert list(table.columns) == ["Exempelkommun", "A: merge", "B: staff"]
    assert table.loc["units"].tolist() == [5, 4, 6]
    assert table.loc["ties_inside_share"].tolist() == [0, 1, 0]
    assert "<th>A: merge</th>" in sim.comparison_table.value
    # open A again: the merge is back in the editor
    sim.saved_list.value = ("A: merge",)
    sim.open_button.click()
    assert sim.organisation.unit("larande-och-familj").name == "Lärande och familj"


def test_compare_with_needs(base):
    base = base.evolve(
        posts=[
            p.evolve(competences=("socialt arbete",)) if p.id == "s1" else
            p.evolve(competences=("undervisning",)) if p.id == "l1" else p
            for p in base.iter_posts()
        ]
    )  # fmt: skip
    sim = _sim(base, needs={"Viktor": ["socialt arbete", "undervisning"]})
    _merge_by_clicking(sim)
    sim.keep("merged")
    table = sim.compare_saved()
    # soc and skola are two groups before, one after the merge
    assert table.loc["units_needed: Viktor"].tolist() == [2, 1]


def test_save_and_load_a_scenario_file(base, tmp_path):
    sim = _sim(base)
    _merge_by_clicking(sim)
    path = tmp_path / "option.yaml"
    sim.file_path.value = str(path)
    sim.save_file_button.click()
    assert load_scenario(path).active == sim.scenario.active
    assert "saved" in sim.file_status.value
    sim.reset_button.click()
    sim.load_file_button.click()
    assert sim.organisation == sim.scenario.apply(base)
    assert sim.organisation.unit("larande-och-familj")


def test_unit_names_are_escaped(base):
    sim = _sim(base)
    sim.apply(RenameUnit("fritid", "<script>alert(1)</script>"))
    shown = sim.diff_view.value + sim.steps_view.value
    assert "<script>" not in shown
    assert "&lt;script&gt;" in shown


def test_a_loaded_scenario_with_a_step_that_cannot_apply(base):
    bad = Scenario("Old plan").then(
        MergeUnits(("soc", "nowhere"), into="x", name="X"), RenameUnit("skola", "Grundskolan")
    )
    sim = _sim(base, scenarios=[bad])
    sim.open_scenario("Old plan")
    assert sim.organisation == RenameUnit("skola", "Grundskolan").apply(base)
    assert sim.steps["applied"].tolist() == [False, True]
    assert html.escape("units: no unit 'nowhere'") in sim.steps_view.value
    assert "step 1" in _error_text(sim)


def test_result_after_many_clicks_equals_the_scenario_applied(base):
    sim = _sim(base)
    _merge_by_clicking(sim)
    sim.apply(ReallocateFTE("t1", "f1", 0.25, which="actual"))
    sim.undo_button.click()
    sim.apply(MoveUnit("fritid", "teknik"))
    sim.undo_button.click()
    sim.redo_button.click()
    assert sim.organisation == sim.scenario.apply(base)
    assert len(sim.scenario.active) == 2


def test_chart_is_drawn_as_an_image(base):
    sim = ReorgSimulator(base, max_depth=1)
    (out,) = sim.chart.outputs
    assert out["data"]["image/png"].startswith("iVBOR")  # base64 of the PNG signature
    assert sim.timings["chart"] > 0


def test_new_unit_id():
    assert new_unit_id("Samhällsutveckling") == "samhallsutveckling"
