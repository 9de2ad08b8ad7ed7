"""Collaboration networks, checked against published figures and hand-worked examples.

Sources: Krackhardt (1987) high-tech managers, Lazega (2001) law firm and Michalski et al.
(2011) manufacturing email, with the reference figures quoted in each fixture's README
(tests/analysis/data/); Krackhardt & Stern (1988) for the E-I index; Burt (1992),
*Structural Holes*, and Borgatti (1997), "Structural holes: unpacking Burt's redundancy
measures", *Connections* 20(1), for effective size and constraint.
"""

import math
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from orgmodel.analysis.network import (
    centrality,
    collaboration_graph,
    collaboration_matrix,
    ei_index,
    structural_holes_table,
    unit_groups,
    unit_ties,
)
from orgmodel.model import Holding, Link, Organisation, Person, Post, Unit

DATA = Path(__file__).parent / "data"


# ---- fixtures built from the shared data sets --------------------------------------------
def krackhardt_firm(relation: str = "advice") -> Organisation:
    """Krackhardt's 21 managers: CEO in a top unit, 4 departments; the relation's ties as
    directed collaboration links (advice: 'from' goes to 'to' for advice)."""
    folder = DATA / "krackhardt-hightech"
    nodes = pd.read_csv(folder / "nodes.csv")
    boss = dict(pd.read_csv(folder / "reports_to.csv").itertuples(index=False))
    ties = pd.read_csv(folder / f"{relation}.csv")
    units = [Unit("firm", kind="organisation")] + [
        Unit(f"dept{d}", kind="department", parent="firm") for d in range(1, 5)
    ]
    posts = [
        Post(
            f"m{r.id}",
            unit="firm" if r.dept == 0 else f"dept{r.dept}",
            reports_to=f"m{boss[r.id]}" if r.id in boss else None,
        )
        for r in nodes.itertuples()
    ]
    links = [Link(f"m{a}", f"m{b}", directed=True) for a, b in ties.itertuples(index=False)]
    return Organisation(units=units, posts=posts, links=links)


def lazega_firm(partners_only: bool = False) -> Organisation:
    """Lazega's lawyers: one unit per office, directed co-work links as reported."""
    folder = DATA / "lazega-lawfirm"
    nodes = pd.read_csv(folder / "nodes.csv")
    cowork = pd.read_csv(folder / "cowork.csv")
    if partners_only:  # README: ids 1-36 are the partners (status 1)
        nodes = nodes[nodes["status"] == 1]
        assert list(nodes["id"]) == list(range(1, 37))
        cowork = cowork[cowork["from"].isin(nodes["id"]) & cowork["to"].isin(nodes["id"])]
    offices = {1: "boston", 2: "hartford", 3: "providence"}
    units = [Unit("firm")] + [Unit(o, parent="firm") for o in offices.values()]
    posts = [Post(f"l{r.id}", unit=offices[r.office]) for r in nodes.itertuples()]
    links = [Link(f"l{a}", f"l{b}", directed=True) for a, b in cowork.itertuples(index=False)]
    return Organisation(units=units, posts=posts, links=links)


def email_company() -> tuple[Organisation, pd.DataFrame]:
    """The manufacturing company: 167 posts in one unit, emails as directed link weights.

    The one self-loop (129 -> 129, 51 emails) is left out: a link cannot join a post to
    itself (validation code ``bad_link``).
    """
    emails = pd.read_csv(DATA / "manufacturing-email" / "email_counts.csv")
    ids = sorted(set(emails["sender"]) | set(emails["recipient"]))
    to_others = emails[emails["sender"] != emails["recipient"]]
    org = Organisation(
        units=[Unit("company")],
        posts=[Post(f"e{i}", unit="company") for i in ids],
        links=[
            Link(f"e{s}", f"e{r}", weight=n, directed=True)
            for s, r, n in to_others.itertuples(index=False)
        ],
    )
    return org, emails


# ---- Krackhardt: graph helper on directed advice ties ------------------------------------
def test_krackhardt_advice_density_and_degrees():
    g = collaboration_graph(krackhardt_firm(), "post", directed=True)
    # README: 190 advice arcs on 21 vertices (Batagelj, Pajek datasets) -> 190/420
    assert g.number_of_nodes() == 21
    assert g.number_of_edges() == 190
    assert nx.density(g) == pytest.approx(190 / 420)
    assert round(nx.density(g), 4) == 0.4524
    # README, curator's regression values for ids 1-21
    in_degree = [13, 18, 5, 8, 5, 10, 13, 10, 4, 9, 11, 7, 4, 10, 4, 8, 9, 15, 4, 8, 15]
    out_degree = [6, 3, 15, 12, 15, 1, 8, 8, 13, 14, 3, 2, 6, 4, 20, 4, 5, 17, 11, 12, 11]
    assert [g.in_degree(f"m{i}") for i in range(1, 22)] == in_degree
    assert [g.out_degree(f"m{i}") for i in range(1, 22)] == out_degree


def test_krackhardt_dyad_census_through_reciprocal_and_undirected_graphs():
    # Rawlings et al., ch. 7 (R sna): advice dyads mutual 45 / asymmetric 100 / null 65,
    # friendship mutual 23 / asymmetric 56 / null 131
    advice = krackhardt_firm("advice")
    assert collaboration_graph(advice, "post", reciprocal=True).number_of_edges() == 45
    assert collaboration_graph(advice, "post").number_of_edges() == 45 + 100
    friends = krackhardt_firm("friendship")
    assert collaboration_graph(friends, "post", reciprocal=True).number_of_edges() == 23
    assert collaboration_graph(friends, "post").number_of_edges() == 23 + 56
    # a mutual pair carries both arcs: its weight and link count are 2
    g = collaboration_graph(friends, "post", reciprocal=True)
    assert {d["count"] for _, _, d in g.edges(data=True)} == {2.0}


def test_kinds_filter_reads_only_the_chosen_kinds():
    org = krackhardt_firm("advice")
    relabelled = org.evolve(links=[k.evolve(kind="partner") for k in org.link_list])
    assert collaboration_graph(relabelled, "post").number_of_edges() == 0
    assert collaboration_graph(relabelled, "post", kinds="partner").number_of_edges() == 145
    assert collaboration_graph(relabelled, "post", kinds=None).number_of_edges() == 145


# ---- Lazega: reciprocated co-work ---------------------------------------------------------
def test_lazega_reciprocated_cowork_pairs():
    # README: reciprocated co-work among all 71 = 378 (= Snijders' ELwork.dat)
    g = collaboration_graph(lazega_firm(), "post", reciprocal=True)
    assert g.number_of_nodes() == 71
    assert g.number_of_edges() == 378
    arcs = collaboration_graph(lazega_firm(), "post", directed=True)
    assert arcs.number_of_edges() == 1104  # README: cowork.csv has 1104 arcs


def test_lazega_partners_reciprocated_cowork():
    # README: among the 36 partners 115 edges (= sand's `lazega` graph), density 115/630;
    # 359 arcs among partners
    org = lazega_firm(partners_only=True)
    g = collaboration_graph(org, "post", reciprocal=True)
    assert g.number_of_edges() == 115
    assert nx.density(g) == pytest.approx(115 / 630)
    assert collaboration_graph(org, "post", directed=True).number_of_edges() == 359


# ---- E-I index worked by hand ---------------------------------------------------------
def six_posts() -> Organisation:
    #   org
    #   ├── X (department): A {a1, a2, a3}, B {b1, b2}
    #   ├── Y (department): C {c1}
    #   └── D (no posts)
    # ties (weight): a1-a2 (3), a2-a3 (1), b1-b2 (2)          inside units
    #                a1-b1 (1), b2-c1 (1), a3-c1 (1)          across units
    units = [
        Unit("org", kind="organisation"),
        Unit("X", kind="department", parent="org"),
        Unit("Y", kind="department", parent="org"),
        Unit("D", parent="org"),
        Unit("A", parent="X"),
        Unit("B", parent="X"),
        Unit("C", parent="Y"),
    ]
    posts = [Post(p, unit=p[0].upper()) for p in ("a1", "a2", "a3", "b1", "b2", "c1")]
    links = [
        Link("a1", "a2", weight=3),
        Link("a2", "a3", weight=1),
        Link("b1", "b2", weight=2),
        Link("a1", "b1", weight=1),
        Link("b2", "c1", weight=1),
        Link("a3", "c1", weight=1),
    ]
    return Organisation(units=units, posts=posts, links=links)


def test_ei_index_by_unit_by_hand():
    t = unit_ties(six_posts())
    # A: I = 2 (a1-a2, a2-a3), E = 2 (a1-b1, a3-c1): (2 - 2) / 4 = 0
    # B: I = 1 (b1-b2),        E = 2 (a1-b1, b2-c1): (2 - 1) / 3 = 1/3
    # C: I = 0,                E = 2 (b2-c1, a3-c1): (2 - 0) / 2 = 1
    assert t.loc[["A", "B", "C"], "internal_ties"].tolist() == [2, 1, 0]
    assert t.loc[["A", "B", "C"], "external_ties"].tolist() == [2, 2, 2]
    assert t.loc[["A", "B", "C"], "ei_index"].tolist() == pytest.approx([0.0, 1 / 3, 1.0])
    # weighted: A: I = 3 + 1 = 4, E = 1 + 1 = 2: (2 - 4) / 6 = -1/3
    #           B: I = 2, E = 2: 0;  C: I = 0, E = 2: 1
    assert t.loc[["A", "B", "C"], "internal_weight"].tolist() == [4.0, 2.0, 0.0]
    assert t.loc[["A", "B", "C"], "ei_index_weighted"].tolist() == pytest.approx([-1 / 3, 0, 1])
    # density inside: A 2 of 3 pairs, B 1 of 1 pair, C one post (no pairs)
    assert t.loc["A", "density_inside"] == pytest.approx(2 / 3)
    assert t.loc["B", "density_inside"] == 1.0
    assert math.isnan(t.loc["C", "density_inside"])
    # each tied unit works with the two others
    assert t.loc[["A", "B", "C"], "partners"].tolist() == [2, 2, 2]
    # D, X, Y, org hold no posts: no ties, E-I undefined, isolated, not silos
    assert t.loc["D", "nodes"] == 0
    assert math.isnan(t.loc["D", "ei_index"])
    assert t["isolated"].to_dict() == {
        "org": True,
        "X": True,
        "Y": True,
        "D": True,
        "A": False,
        "B": False,
        "C": False,
    }
    assert not t["silo"].any()  # no tied unit at or below -0.5
    assert list(t.index) == ["org", "X", "Y", "D", "A", "B", "C"]
    assert t.index.name == "unit"


def test_ei_index_whole_organisation_by_hand():
    org = six_posts()
    # I = 3 ties inside units, E = 3 across: (3 - 3) / 6 = 0
    assert ei_index(org) == 0.0
    # weights: I = 3 + 1 + 2 = 6, E = 1 + 1 + 1 = 3: (3 - 6) / 9 = -1/3
    assert ei_index(org, weighted=True) == pytest.approx(-1 / 3)
    # by department (depth 1): X holds A and B, so a1-b1 is inside: I = 4, E = 2 -> -1/3
    assert ei_index(org, group_by=1) == pytest.approx(-1 / 3)
    assert ei_index(org, group_by="department") == pytest.approx(-1 / 3)


def test_silo_flags_by_hand():
    org = six_posts()
    # threshold 0: A (E-I 0) is a silo, B (1/3) and C (1) are not
    t = unit_ties(org, silo_threshold=0.0)
    assert t.index[t["silo"]].tolist() == ["A"]
    # by department: X has E-I (2 - 4) / 6 = -1/3, Y has (2 - 0) / 2 = 1
    d = unit_ties(org, group_by="department", silo_threshold=-1 / 3)
    assert d.loc[["X", "Y"], "ei_index"].tolist() == pytest.approx([-1 / 3, 1.0])
    assert d.index[d["silo"]].tolist() == ["X"]
    # X holds 5 posts with 4 internal ties: density 4 / 10
    assert d.loc["X", "density_inside"] == pytest.approx(0.4)
    assert list(d.index) == ["org", "X", "Y", "D"]


def test_unit_level_graph_and_ties_by_hand():
    g = collaboration_graph(six_posts(), "unit")
    # A-A: a1-a2 (3) + a2-a3 (1); B-B: b1-b2 (2); A-B, B-C, A-C: 1 each
    assert {tuple(sorted((u, v))): w for u, v, w in g.edges(data="weight")} == {
        ("A", "A"): 4.0,
        ("B", "B"): 2.0,
        ("A", "B"): 1.0,
        ("B", "C"): 1.0,
        ("A", "C"): 1.0,
    }
    assert g.edges["A", "A"]["count"] == 2.0
    assert set(g.nodes) == {"org", "X", "Y", "D", "A", "B", "C"}
    # at unit level a tie is a pair of units: A has one internal tie (its self-loop) and
    # two external ones (B and C)
    t = unit_ties(six_posts(), level="unit")
    assert t.loc["A", ["internal_ties", "external_ties"]].tolist() == [1, 2]
    assert t.loc["C", ["internal_ties", "external_ties"]].tolist() == [0, 2]


def test_collaboration_matrix_by_hand():
    m = collaboration_matrix(six_posts())
    assert m.loc["A", "A"] == 4.0
    assert m.loc["A", "B"] == m.loc["B", "A"] == 1.0
    assert m.loc["C", "C"] == 0.0
    assert (m.to_numpy() == m.to_numpy().T).all()
    assert list(m.index) == list(m.columns) == ["org", "X", "Y", "D", "A", "B", "C"]
    # by department: X-X = 4 + 2 + 1 (a1-b1) = 7, X-Y = b2-c1 + a3-c1 = 2
    d = collaboration_matrix(six_posts(), depth=1)
    assert d.loc["X", "X"] == 7.0
    assert d.loc["X", "Y"] == d.loc["Y", "X"] == 2.0
    assert d.loc["Y", "Y"] == 0.0
    assert d.to_numpy().sum() == 7.0 + 2 * 2.0  # every weight once, cross weights twice
    post = collaboration_matrix(six_posts(), level="post")
    assert post.loc["a1", "a2"] == 3.0
    assert post.shape == (6, 6)


def test_unit_groups():
    org = six_posts()
    assert unit_groups(org, 1).to_dict() == {
        "org": "org",
        "X": "X",
        "Y": "Y",
        "D": "D",
        "A": "X",
        "B": "X",
        "C": "Y",
    }
    assert unit_groups(org, 0).eq("org").all()
    assert unit_groups(org, "department").to_dict() == unit_groups(org, 1).to_dict()
    with pytest.raises(ValueError, match=r"'departement'.*did you mean 'department'"):
        unit_groups(org, "departement")
    with pytest.raises(ValueError, match="depth must be 0 or more"):
        unit_groups(org, -1)


def test_people_are_lifted_to_their_posts_by_share():
    org = six_posts().evolve(
        people=[Person("p"), Person("q")],
        holdings=[Holding("p", "a1", 0.6), Holding("p", "b1", 0.4), Holding("q", "c1")],
        links=[Link("p", "q", weight=10)],
    )
    g = collaboration_graph(org, "unit")
    # p works 0.6 in A and 0.4 in B, so 6 of the 10 go to A-C and 4 to B-C
    assert {tuple(sorted((u, v))): w for u, v, w in g.edges(data="weight")} == {
        ("A", "C"): pytest.approx(6.0),
        ("B", "C"): pytest.approx(4.0),
    }
    post = collaboration_graph(org, "post")
    assert post.edges["a1", "c1"]["weight"] == pytest.approx(6.0)
    assert post.edges["a1", "c1"]["count"] == pytest.approx(0.6)


def test_person_without_post_is_a_node_at_post_level_and_left_out_with_a_warning():
    org = six_posts().evolve(people=[Person("konsult")], links=[Link("konsult", "a1")])
    g = collaboration_graph(org, "post")
    assert g.nodes["konsult"] == {"type": "person", "unit": None, "label": "konsult"}
    assert g.has_edge("konsult", "a1")
    with pytest.warns(UserWarning, match="1 person.*hold no post.*'konsult'"):
        u = collaboration_graph(org, "unit")
    assert u.number_of_edges() == 0


def test_weight_from_a_link_attribute_and_errors():
    org = six_posts()
    counted = org.evolve(links=[k.evolve(attrs={"meetings": 2}) for k in org.link_list])
    g = collaboration_graph(counted, "unit", weight="meetings")
    assert g.edges["A", "A"]["weight"] == 4.0  # two links inside A, 2 meetings each
    assert collaboration_graph(org, "unit", weight=None).edges["A", "A"]["weight"] == 2.0
    with pytest.raises(
        ValueError, match=r"'meetings' is not an attribute of 6 link\(s\): collaboration:a1->a2"
    ):
        collaboration_graph(org, "unit", weight="meetings")
    with pytest.raises(ValueError, match="level must be 'unit' or 'post'"):
        unit_ties(org, level="person")
    with pytest.raises(ValueError, match="directed or reciprocal"):
        collaboration_graph(org, directed=True, reciprocal=True)
    with pytest.raises(ValueError, match="depth"):
        collaboration_matrix(org, level="post", depth=1)


def test_no_links_gives_empty_but_labelled_results():
    org = Organisation(units=[Unit("u")], posts=[Post("a", unit="u"), Post("b", unit="u")])
    assert math.isnan(ei_index(org))
    t = unit_ties(org)
    assert t.loc["u", ["internal_ties", "external_ties", "density_inside"]].tolist() == [0, 0, 0.0]
    c = centrality(org)
    assert c["degree"].tolist() == [0, 0]
    assert c["constraint"].isna().all()
    assert not c["broker"].any()
    assert collaboration_matrix(org).loc["u", "u"] == 0.0


# ---- Burt's structural holes by hand ----------------------------------------------------
def star(n_alters: int, alter_ties=()) -> Organisation:
    alters = [f"x{i}" for i in range(1, n_alters + 1)]
    return Organisation(
        units=[Unit("u")],
        posts=[Post("ego", unit="u")] + [Post(a, unit="u") for a in alters],
        links=[Link("ego", a) for a in alters] + [Link(a, b) for a, b in alter_ties],
    )


def test_burt_star_centre():
    c = centrality(star(4))
    # Burt (1992): with n unconnected alters effective size = n and constraint
    # = n * (1/n)^2 = 1/n; here n = 4 -> 4 and 0.25. Each alter has one tie: size 1,
    # constraint 1. The centre lies on all 6 alter-alter paths: betweenness 6 / C(4, 2) = 1.
    assert c.loc["ego", ["degree", "effective_size", "constraint", "betweenness"]].tolist() == (
        pytest.approx([4, 4.0, 0.25, 1.0])
    )
    assert c.loc["x1", ["effective_size", "constraint", "betweenness"]].tolist() == [1.0, 1.0, 0.0]
    assert c.index[c["broker"]].tolist() == ["ego"]


def test_burt_two_alters_open_and_closed():
    # ego with 2 unconnected alters: constraint 2 * (1/2)^2 = 0.5, effective size 2
    open_ = centrality(star(2)).loc["ego"]
    assert open_["constraint"] == pytest.approx(0.5)
    assert open_["effective_size"] == pytest.approx(2.0)
    # closed triad: p = 1/2 to each; constraint 2 * (1/2 + 1/2 * 1/2)^2 = 1.125;
    # effective size (Borgatti 1997) n - 2t/n = 2 - 2 * 1 / 2 = 1
    closed = centrality(star(2, [("x1", "x2")])).loc["ego"]
    assert closed["constraint"] == pytest.approx(1.125)
    assert closed["effective_size"] == pytest.approx(1.0)


def test_burt_weighted_triad_by_hand():
    # ego-x1 weight 2, ego-x2 weight 1, x1-x2 weight 1.
    # p(ego,x1) = 2/3, p(ego,x2) = 1/3; x1: p(x1,x2) = 1/3, largest tie 2 -> m(x1,x2) = 1/2;
    # x2: p(x2,x1) = 1/2, largest tie 1 -> m(x2,x1) = 1.
    # effective size = (1 - p(ego,x2) m(x1,x2)) + (1 - p(ego,x1) m(x2,x1))
    #                = (1 - 1/3 * 1/2) + (1 - 2/3 * 1) = 5/6 + 1/3 = 7/6
    # constraint = (2/3 + 1/3 * 1/2)^2 + (1/3 + 2/3 * 1/3)^2 = (5/6)^2 + (5/9)^2
    org = Organisation(
        units=[Unit("u")],
        posts=[Post(p, unit="u") for p in ("ego", "x1", "x2")],
        links=[Link("ego", "x1", weight=2), Link("ego", "x2"), Link("x1", "x2")],
    )
    ego = centrality(org).loc["ego"]
    assert ego["effective_size"] == pytest.approx(7 / 6)
    assert ego["constraint"] == pytest.approx(25 / 36 + 25 / 81)
    assert ego["weighted_degree"] == 3.0


def test_structural_holes_equal_networkx_node_by_node():
    # networkx's per-node formulas are the reference. (Its whole-graph weighted effective
    # size in networkx 3.6 gives 4/3 instead of 7/6 on the triad above, so it is not used.)
    g = nx.gnm_random_graph(60, 150, seed=3)
    for u, v in g.edges:
        g.edges[u, v]["weight"] = 1 + (u * v) % 4
    g.add_node(99)
    for weight in (None, "weight"):
        table = structural_holes_table(g, weight)
        size = nx.effective_size(g, nodes=list(g), weight=weight)
        con = nx.constraint(g, nodes=list(g), weight=weight)
        assert table["effective_size"].drop(99).tolist() == pytest.approx(
            [size[n] for n in g if n != 99]
        )
        assert table["constraint"].drop(99).tolist() == pytest.approx(
            [con[n] for n in g if n != 99]
        )
        assert table.loc[99].isna().all()


def test_unit_level_centrality_ignores_internal_ties():
    c = centrality(six_posts(), level="unit")
    # unit graph without self-loops: triangle A-B-C, plus isolates org, X, Y, D
    assert c.loc[["A", "B", "C"], "degree"].tolist() == [2, 2, 2]
    assert c.loc["A", "weighted_degree"] == 2.0
    assert c.loc["org", "degree"] == 0


# ---- the manufacturing company: size and robustness ---------------------------------------
def test_manufacturing_email_network():
    org, emails = email_company()
    # README (KONECT / Michalski et al.): 167 employees, 82,927 emails
    assert emails["emails"].sum() == 82_927
    g = collaboration_graph(org, "post", directed=True)
    assert g.number_of_nodes() == 167
    # 5,784 sender-recipient pairs less the self-loop 129 -> 129 (51 emails)
    assert g.number_of_edges() == 5_784 - 1
    assert g.size(weight="weight") == 82_927 - 51
    assert nx.is_weakly_connected(g)  # README: weakly connected
    u = collaboration_graph(org, "post")
    assert u.size(weight="weight") == 82_927 - 51
    # one unit: every tie is internal, so E-I = -1 and the unit is a silo
    t = unit_ties(org)
    assert t.loc["company", "internal_weight"] == 82_927 - 51
    assert t.loc["company", "ei_index"] == -1.0
    assert bool(t.loc["company", "silo"])
    # README top senders by emails sent: 3 (4,607), 13 (3,305), 59 (2,884)
    sent = {n: sum(w for _, _, w in g.out_edges(n, data="weight")) for n in ("e3", "e13", "e59")}
    assert sent == {"e3": 4_607, "e13": 3_305, "e59": 2_884}


def test_manufacturing_email_centrality_sampled_and_seeded():
    org, _ = email_company()
    exact = centrality(org)
    assert len(exact) == 167
    assert exact["degree"].max() <= 166
    # weighted degree counts each email once at each end: sum = 2 x total weight
    assert exact["weighted_degree"].sum() == 2 * (82_927 - 51)
    sample1 = centrality(org, k=40, seed=7)
    sample2 = centrality(org, k=40, seed=7)
    pd.testing.assert_frame_equal(sample1, sample2)
    # the broker rule: top decile of betweenness, or bottom decile of constraint
    top = exact["betweenness"] >= exact["betweenness"].quantile(0.9)
    assert (exact["broker"] >= top).all()
    assert 0.1 * 167 <= exact["broker"].sum() <= 0.2 * 167 + 1


def test_centrality_parts_can_be_switched_off():
    c = centrality(star(4), betweenness=False, structural_holes=False)
    assert c["betweenness"].isna().all()
    assert c[["effective_size", "constraint"]].isna().all().all()
    assert not c["broker"].any()
    # with betweenness off the broker flag rests on constraint: the centre (0.25) is the
    # only node with two or more partners, so it is the bottom decile by itself
    c = centrality(star(4), betweenness=False)
    assert c.index[c["broker"]].tolist() == ["ego"]
