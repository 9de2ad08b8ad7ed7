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


# ---- org charts, comparisons and prioritisation charts ----------------------------------------


def _municipality(currency: str = "SEK") -> Organisation:
    """A municipality, its administration with two posts, and two offices under it."""
    return Organisation(
        units=[
            Unit("k", "Kommunen", kind="organisation"),
            Unit("f", "Förvaltningen", kind="administration", parent="k"),
            Unit("a", "Kansliet", kind="office", parent="f"),
            Unit("b", "Staben", kind="staff", parent="f"),
        ],
        posts=[
            Post("p1", unit="f", fte_budgeted=3.0, fte_actual=2.4, cost=1_200_000),
            Post("p2", unit="f", fte_budgeted=1.0, fte_actual=1.0, cost=600_000),
        ],
        meta={"currency": currency},
    )


def _texts(ax) -> list[str]:
    return [x.get_text() for x in ax.texts]


def test_orgchart_in_swedish():
    from orgmodel.plot.orgchart import draw_orgchart

    ax = draw_orgchart(_municipality(), max_depth=1, lang="sv")
    legend = [x.get_text() for x in ax.get_legend().get_texts()]
    # kind.organisation and kind.administration in sv.yaml
    assert legend == ["Organisation", "Förvaltning"]
    texts = _texts(ax)
    # actual FTE 2.4 + 1.0 = 3.4; cost 1,200,000 + 600,000 = 1.8 million SEK, both boxes
    # (the top unit sums its sub-units); the administration hides its two offices
    assert texts.count("3,4 åa") == 2
    assert texts.count("1,8 mnkr") == 2
    assert "+2 enheter" in texts
    note = "åa: årsarbetare utfall, årskostnad (SEK), underliggande enheter inräknade"
    assert note in [x.replace("\n", " ") for x in texts]


def test_orgchart_in_norwegian_by_session_language():
    from orgmodel.plot.orgchart import draw_orgchart

    with language("nb"):
        ax = draw_orgchart(
            _municipality("NOK"), max_depth=1, show=("fte", "cost", "posts"), fte="both"
        )
    legend = [x.get_text() for x in ax.get_legend().get_texts()]
    assert legend == ["Organisasjon", "Forvaltning"]
    texts = _texts(ax)
    # actual 3.4 / budgeted 4.0 FTE; 1.8 million NOK; 2 posts
    assert "3,4 / 4,0 årsverk" in texts
    assert "1,8 mill. kr" in texts
    assert "2 stillinger" in texts
    assert "+2 enheter" in texts


def test_orgchart_english_unchanged():
    from orgmodel.plot.orgchart import draw_orgchart

    ax = draw_orgchart(_municipality(), max_depth=1, show=("fte", "cost", "posts"))
    texts = _texts(ax)
    assert {"3.4 FTE", "1.8 MSEK", "2 posts", "+2 units"} <= set(texts)
    assert [x.get_text() for x in ax.get_legend().get_texts()] == [
        "Organisation",
        "Administration",
    ]


def test_post_chart_in_norwegian():
    from orgmodel.plot.orgchart import draw_post_chart

    org = Organisation(
        units=[Unit("f", "Forvaltningen", head="p1")],
        posts=[
            Post("p1", unit="f", title="Direktør", fte_budgeted=1.0, fte_actual=1.0),
            Post("p2", unit="f", title="Rådgiver", reports_to="p1", fte_budgeted=1.0, vacant=True),
        ],
    )
    ax = draw_post_chart(org, "f", lang="nb")
    texts = _texts(ax)
    # the vacant post: actual 0.0 of 1.0 budgeted
    assert texts[:5] == ["Direktør", "1,0 årsverk", "Rådgiver", "0,0 / 1,0 årsverk", "ledig"]
    assert "årsverk faktisk / i budsjett der de er ulike" in [x.replace("\n", " ") for x in texts]


def test_key_figures_chart_in_norwegian():
    from orgmodel.plot.compare import plot_key_figures

    table = pd.DataFrame(
        {"2014": [4.0, 4.0, 1.8e6, 0.5], "2015": [3.0, 3.5, 1.25e6, 0.75]},
        index=["units", "fte_budgeted", "cost", "ties_inside_share"],
    )
    ax = plot_key_figures(table, currency="NOK", lang="nb")
    assert [x.get_text() for x in ax.get_yticklabels()] == [
        "Enheter",
        "Årsverk i budsjett",
        "Årlig kostnad",
        "Bånd innenfor en gruppe",
    ]
    # bars row by row, base then option; NOK is "kr" in Norwegian; CLDR nb puts U+00A0
    # before the percent sign
    assert _texts(ax) == [
        "4",
        "3",
        "4,0",
        "3,5",
        "1,8 mill. kr",
        "1,2 mill. kr",
        "50\xa0%",
        "75\xa0%",
    ]
    assert ax.get_xlabel() == "søylens lengde: andel av radens største verdi"


def test_side_by_side_in_swedish():
    from orgmodel.plot.compare import draw_side_by_side

    before = _municipality()
    after = Organisation(
        units=[u for u in before.iter_units() if u.id != "b"], posts=list(before.iter_posts())
    )
    fig = draw_side_by_side([before, after], ["Före", "Efter"], max_depth=1, lang="sv")
    legend = [x.get_text() for x in fig.legends[0].get_texts()]
    assert legend == ["Organisation", "Förvaltning"]
    assert "+2 enheter" in _texts(fig.axes[0]) and "+1 enhet" in _texts(fig.axes[1])
    notes = [x.get_text().replace("\n", " ") for x in fig.texts]
    assert notes == ["åa: årsarbetare utfall, årskostnad (SEK), underliggande enheter inräknade"]


def test_prioritisation_charts_in_swedish_and_norwegian():
    from orgmodel.plot.prioritise import plot_rank_acceptability, plot_ranking, plot_tornado

    ranking = pd.DataFrame({"closeness": [0.7, 0.4], "rank": [1, 2]}, index=["a", "b"])
    assert plot_ranking(ranking, lang="nb").get_xlabel() == "relativ nærhet"
    tornado = pd.DataFrame(
        {
            "score_low": [0.5],
            "score_base": [0.6],
            "score_high": [0.7],
            "low_weight": [0.2],
            "high_weight": [0.4],
            "swing": [0.2],
        },
        index=["behov"],
    )
    tornado.attrs["alternative"] = "a"
    ax = plot_tornado(tornado, lang="sv")
    assert [x.get_text() for x in ax.get_legend().get_texts()] == ["vikten sänkt", "vikten höjd"]
    assert ax.get_xlabel() == "poäng för a"
    acc = pd.DataFrame([[0.8, 0.2, 0.0], [0.2, 0.8, 0.0], [0.0, 0.0, 1.0]], index=list("abc"))
    acc.columns = [1, 2, 3]
    ax = plot_rank_acceptability(acc, max_ranks=2, lang="nb")
    legend = [x.get_text() for x in ax.get_legend().get_texts()]
    assert legend == ["plass 1", "plass 2", "plass 3+"]
    assert ax.get_xlabel() == "andel av de trukne vektene"
