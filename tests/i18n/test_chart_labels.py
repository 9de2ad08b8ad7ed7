"""Charts' own words follow ``lang=`` (the catalogue entries, written out by hand)."""

from __future__ import annotations

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

from orgmodel.i18n import language
from orgmodel.model import Link, Organisation, Post, Unit
from orgmodel.plot.followup import plot_load, plot_targets
from orgmodel.plot.network import draw_collaboration


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


def _org() -> Organisation:
    return Organisation(
        units=[Unit("k"), Unit("s", "Skolan", parent="k"), Unit("v", "Vården", parent="k")],
        posts=[Post("r", unit="s"), Post("n", unit="v", fte_budgeted=2.0)],
        links=[Link("r", "n", weight=2)],
    )


def test_network_legend_and_note_in_norwegian():
    ax = draw_collaboration(_org(), lang="nb")
    assert ax.get_legend().get_title().get_text() == "Gruppe"
    notes = [a.get_text() for a in ax.texts if "linjens" in a.get_text()]
    assert notes == ["punktets størrelse: faktiske årsverk, linjens bredde: samarbeidets vekt"]


def test_empty_network_message_follows_the_session():
    org = Organisation(units=[Unit("k")], posts=[])
    with language("sv"):
        ax = draw_collaboration(org)
    assert [x.get_text() for x in ax.texts] == ["Inga samarbetsband att rita"]


def test_follow_up_charts_in_swedish():
    ax = plot_load(pd.Series({"PKS": 3, "Kansliet": 4}), lang="sv")
    assert ax.get_xlabel() == "antal åtgärder (ansvarig)"
    ev = pd.DataFrame(
        {"share": [0.8], "low": [0.73], "high": [0.86], "threshold": [0.7], "answers": [133]}
        | {"verdict": ["met"]},
        index=["ny-kunskap"],
    )
    ax = plot_targets(ev, lang="sv")
    legend = [x.get_text() for x in ax.get_legend().get_texts()]
    assert legend == ["målnivå", "uppnått", "inte uppnått", "går inte att avgöra än"]
    # 0.8 -> "80 %" with CLDR's no-break space in Swedish
    assert "80\xa0% (n=133) – uppnått" in [x.get_text() for x in ax.texts]
    ax.figure.canvas.draw()
    assert "40\xa0%" in [x.get_text() for x in ax.get_xticklabels()]
