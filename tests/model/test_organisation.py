"""Organisation: immutability, lookups, graphs, tables, equality."""

import pickle

import networkx as nx
import pytest

from orgmodel.errors import UnknownIdError
from orgmodel.model import Holding, Link, Organisation, Person, Post, Unit


@pytest.fixture
def org():
    return Organisation(
        units=[
            Unit("kommun", "Hjo kommun", kind="organisation", head="kd"),
            Unit("kansliet", "Kansliet", kind="office", parent="kommun", head="chef"),
            Unit("skola", "Skola", parent="kommun"),
            Unit("ks", "Kommunstyrelsen", kind="political_body"),
        ],
        posts=[
            Post("kd", unit="kommun", title="Kommundirektör", cost=1_300_000),
            Post("chef", unit="kansliet", reports_to="kd", cost=900_000),
            Post("vu", unit="kansliet", reports_to="chef", fte_budgeted=3, fte_actual=2.4),
            Post("rektor", unit="skola", reports_to="kd"),
        ],
        people=[Person("eva", "Eva")],
        holdings=[Holding("eva", "kd")],
        links=[
            Link("kansliet", "skola", weight=3),
            Link("kommun", "ks", kind="reports_to_body", directed=True),
        ],
        name="Hjo",
        meta={"currency": "SEK"},
    )


def test_forest_helpers(org):
    assert org.roots() == ["kommun", "ks"]
    assert org.children("kommun") == ["kansliet", "skola"]
    assert org.descendants("kommun") == ["kansliet", "skola"]
    assert org.ancestors("kansliet") == ["kommun"]
    assert org.posts_in("kommun") == ["kd"]
    assert org.posts_in("kommun", recursive=True) == ["kd", "chef", "vu", "rektor"]
    assert org.reports("kd") == ["chef", "rektor"]
    assert org.holders("kd") == [("eva", 1.0)]


def test_graphs_are_frozen_views(org):
    assert sorted(org.hierarchy.edges) == [("kommun", "kansliet"), ("kommun", "skola")]
    assert set(org.reporting.edges) == {("kd", "chef"), ("chef", "vu"), ("kd", "rektor")}
    assert nx.is_frozen(org.hierarchy) and nx.is_frozen(org.reporting) and nx.is_frozen(org.network)
    with pytest.raises(nx.NetworkXError):
        org.hierarchy.add_edge("ks", "skola")
    data = org.network.get_edge_data("kansliet", "skola")
    assert data == {"collaboration": {"weight": 3.0, "directed": False}}


def test_tables_are_copies(org):
    posts = org.posts
    posts.loc["vu", "fte_actual"] = 99
    assert org.post("vu").fte_actual == 2.4
    assert org.posts.loc["vu", "fte_gap"] == pytest.approx(-0.6)
    assert list(org.units.index) == ["kommun", "kansliet", "skola", "ks"]


def test_evolve_returns_new_object_and_keeps_old(org):
    new = org.evolve(units={**org.unit_map, "skola": org.unit("skola").evolve(name="Skolan")})
    assert new.unit("skola").name == "Skolan" and org.unit("skola").name == "Skola"
    assert new != org
    assert org.evolve() == org


def test_unknown_id_suggests(org):
    with pytest.raises(UnknownIdError, match="did you mean 'kansliet'"):
        org.unit("kanslie")
    with pytest.raises(KeyError):  # UnknownIdError is also a KeyError
        org.post("nope")


def test_equality_ignores_order_of_links_and_holdings(org):
    reordered = org.evolve(links=list(reversed(org.link_list)))
    assert reordered == org


def test_pickle_round_trip(org):
    assert pickle.loads(pickle.dumps(org)) == org


def test_html_summary_escapes_user_text():
    org = Organisation([Unit("u", "<script>alert(1)</script>")], [Post("p", unit="u")], name="<b>")
    html = org._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;" in html
