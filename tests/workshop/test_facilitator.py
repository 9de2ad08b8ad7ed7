"""The facilitator's view at the Python level: counts, ranking, W, rounds, export, escaping."""

from __future__ import annotations

import json
import threading
import time
import urllib.request

import pandas as pd
import pytest

pytest.importorskip("ipywidgets")

from orgmodel.widgets.facilitator import FacilitatorView, table_html

JOIN_CODE = "K7Q2MX"  # the code the fixture `workshop` sets

ANSWERS = {  # the example of test_results.py: group order a, b, c; W = 96/216
    "ann": {"a": ("yes", 5), "b": ("partly", 3), "c": ("no", 1)},
    "bo": {"a": ("yes", 4), "b": ("no", 2), "c": ("partly", 2)},
    "cy": {"a": ("partly", 3), "b": ("yes", 5), "c": ("no", 1)},
}


def fill(store, round_number=1):
    for name, rows in ANSWERS.items():
        p = store.join("w1", JOIN_CODE, name)
        batch = [
            (i, c, v)
            for i, (need, eff) in rows.items()
            for c, v in (("need", need), ("effect", eff))
        ]
        store.submit(p.token, round_number, batch)


def test_view_shows_counts_ranking_spread_and_w(store, workshop):
    view = FacilitatorView(store, "w1", auto_refresh=None)
    assert "No answers yet" in view._ranking.value
    fill(store)
    store.join("w1", JOIN_CODE, "dan")  # joined, not answered
    view.refresh()
    assert "3 answering" in view._status.value and "4 joined" in view._status.value
    assert view.results.ranking.index.tolist() == ["a", "b", "c"]
    assert "Kendall's W = <b>0.444</b>" in view._kendall.value  # 96/216
    # largest spread first: effect on b (sd 1.528)
    first_row = view._disagreement.value.split("<tbody><tr>")[1]
    assert first_row.startswith("<td>b</td><td>Effect</td><td>3</td>")
    assert view.last_refresh_seconds < 5
    view.stop()


def test_close_and_open_rounds_show_the_change(store, workshop):
    fill(store)
    view = FacilitatorView(store, "w1", auto_refresh=None)
    view.close_round()
    assert view._close_button.disabled and "(closed)" in view._status.value
    view.open_round()
    assert "Round 2" in view._status.value and not view._close_button.disabled
    eve = store.join("w1", JOIN_CODE, "eve")  # round 2: c first
    store.submit(eve.token, 2, [("a", "need", "partly"), ("b", "need", "no"), ("c", "need", "yes")])
    view.refresh()
    assert view.change["moved"].to_dict() == {"c": 2, "a": -1, "b": -1}
    assert "Change since round 1" in view._change.value


def test_export_writes_the_decision_record(store, workshop, tmp_path):
    fill(store)
    view = FacilitatorView(store, "w1", auto_refresh=None)
    path = view.export(tmp_path / "round1.xlsx")
    sheets = pd.read_excel(path, sheet_name=None)
    assert len(sheets["ratings"]) == 18 and len(sheets["progress"]) == 3


def test_names_and_titles_are_escaped(tmp_path, checklist):
    from orgmodel.workshop.store import WorkshopStore

    store = WorkshopStore(tmp_path / "x.sqlite")
    store.create_workshop(
        checklist, {"a": "<img src=x onerror=alert(1)>", "b": "B"},
        title="<script>t()</script>", join_code=JOIN_CODE, workshop_id="w1",
    )  # fmt: skip
    p = store.join("w1", JOIN_CODE, "Ann & Bo")
    store.submit(p.token, 1, [("a", "need", "yes")])
    view = FacilitatorView(store, "w1", auto_refresh=None)
    everything = view._join.value + view._ranking.value + view._progress.value
    assert "<script>" not in everything and "<img" not in everything
    assert "&lt;img src=x onerror=alert(1)&gt;" in view._ranking.value
    assert "Ann &amp; Bo" in view._progress.value
    store.close()


def test_auto_refresh_picks_up_new_answers_while_participants_write(store, workshop):
    view = FacilitatorView(store, "w1", auto_refresh=0.5)
    assert view._auto.value
    fill(store)
    deadline = time.monotonic() + 20
    while "3 answering" not in view._status.value and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "3 answering" in view._status.value
    view._auto.value = False  # the checkbox stops the thread
    assert view._timer is None
    assert not [t for t in threading.enumerate() if t.name == "facilitator-refresh"]


def test_start_serves_and_resumes(tmp_path, checklist, initiatives):
    db = tmp_path / "ws.sqlite"
    view = FacilitatorView.start(
        checklist, initiatives, db=db, join_code=JOIN_CODE, auto_refresh=None
    )
    try:
        assert view.url.startswith("http://127.0.0.1:") and JOIN_CODE in view._join.value
        assert view.join_url.endswith(f"?code={JOIN_CODE}")
        req = urllib.request.Request(
            view.url + "api/join", json.dumps({"code": JOIN_CODE, "name": "Kari"}).encode(),
            {"Content-Type": "application/json"}, method="POST",
        )  # fmt: skip
        with urllib.request.urlopen(req, timeout=10) as resp:
            assert resp.status == 201
        view.refresh()
        assert "1 joined" in view._status.value
    finally:
        view.stop()
    again = FacilitatorView.start(checklist, initiatives, db=db, auto_refresh=None)
    try:
        assert "1 joined" in again._status.value and again.workshop.join_code == JOIN_CODE
    finally:
        again.stop()


def test_table_html_escapes_headers_and_cells():
    out = table_html(pd.DataFrame({"<h>": ["<x>"]}), "c")
    assert "<h>" not in out and "&lt;h&gt;" in out and "&lt;x&gt;" in out
