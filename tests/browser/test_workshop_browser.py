"""Workshop mode in real headless Chromium: participants in separate browser contexts.

A :class:`~orgmodel.workshop.server.WorkshopServer` runs in this process on 127.0.0.1 over
a temporary SQLite file. Four participants join in their own contexts (own localStorage),
three send their answers at the same moment, one reloads half-way, re-votes once, and one
page sees the round close. Then every answer must be in the database exactly once and the
facilitator's aggregate must be the one worked out by hand.

Answers (need: ja/delvis/nei = 1/0.5/0, weight 2; effect: 1-5, weight 1; normalised on
the scale, effect as (v - 1) / 4):

=====  ==========  ==========  ==========
       a           b           c
=====  ==========  ==========  ==========
ann    yes, 5      partly, 3   no, 1
bo     yes, 4      no, 2       partly, 2
cy     partly, 3   yes, 5      no, 1
dan    no, 1       yes, 5      yes, 5
=====  ==========  ==========  ==========

Group means: need a 2.5/4 = .625, b 2.5/4 = .625, c 1.5/4 = .375; effect a 13/4 = 3.25
(.5625), b 15/4 = 3.75 (.6875), c 9/4 = 2.25 (.3125). Scores 2/3 need + 1/3 effect:
a .41667 + .18750 = .60417, b .41667 + .22917 = .64583, c .25 + .10417 = .35417, so the
group ranks b, a, c. Each participant's own score (for Kendall's W): ann a 1, b .5, c 0;
bo a .91667, b .08333, c .41667; cy a .5, b 1, c 0; dan a 0, b 1, c 1 (b and c tied).
Ranks within each participant (1 = lowest, ties share the mean): ann a3 b2 c1, bo a3 b1
c2, cy a2 b3 c1, dan a1 b2.5 c2.5; rank sums a 9, b 8.5, c 6.5, mean 8; S = 1 + .25 +
2.25 = 3.5; ties T = 2^3 - 2 = 6; W = 12 S / (m^2 (n^3 - n) - m T) = 42 / (16*24 - 24)
= 42 / 360 = 0.11667.
"""

from __future__ import annotations

import sqlite3

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from orgmodel.prioritise.checklist import Checklist, Criterion, Scale
from orgmodel.workshop.results import results_from_store
from orgmodel.workshop.server import WorkshopServer
from orgmodel.workshop.store import WorkshopStore

pytestmark = pytest.mark.browser

JOIN_CODE = "K7Q2MX"
XSS_NAME = '<img src=x onerror="window.__xss = 1">Gamma'
ANSWERS = {
    "ann": {"a": ("1", "5"), "b": ("0.5", "3"), "c": ("0", "1")},
    "bo": {"a": ("1", "4"), "b": ("0", "2"), "c": ("0.5", "2")},
    "cy": {"a": ("0.5", "3"), "b": ("1", "5"), "c": ("0", "1")},
    "dan": {"a": ("0", "1"), "b": ("1", "5"), "c": ("1", "5")},
}


@pytest.fixture
def workshop_server(tmp_path):
    checklist = Checklist(
        "demo",
        {"en": "Demo workshop"},
        criteria=[
            Criterion("need", {"en": "Meets a need"}, weight=2),
            Criterion("effect", {"en": "Effect"}, scale=Scale.one_to_five(), weight=1),
        ],
    )
    store = WorkshopStore(tmp_path / "ws.sqlite")
    store.create_workshop(
        checklist, {"a": "Alpha", "b": "Beta", "c": XSS_NAME}, join_code=JOIN_CODE, workshop_id="w1"
    )
    with WorkshopServer(store, "w1") as server:
        yield server
    store.close()


def new_participant(browser: Browser, errors: list[str]) -> tuple[BrowserContext, Page]:
    context = browser.new_context()
    context.route(lambda url: not url.startswith("http://127.0.0.1"), lambda r: r.abort())
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    return context, page


def join(page: Page, url: str, name: str) -> None:
    page.goto(f"{url}?code={JOIN_CODE}")  # the code comes in the address, as from a QR code
    expect(page.locator("#join-code")).to_have_value(JOIN_CODE)
    page.fill("#join-name", name)
    page.click("#join-button")
    expect(page.locator("#who")).to_have_text(name)
    expect(page.locator(".answer")).to_have_count(6)


def cell(page: Page, initiative: str, criterion: str):
    return page.locator(f'.answer[data-initiative="{initiative}"][data-criterion="{criterion}"]')


def choose(page: Page, initiative: str, criterion: str, value: str) -> None:
    """Select an answer and wait until the server has stored it (the page saves on change)."""
    with page.expect_response(lambda r: r.url.endswith("/api/answers")) as response:
        cell(page, initiative, criterion).select_option(value)
    assert response.value.status == 200, response.value.text()
    expect(page.locator("#status")).to_have_text("Saved (1).")


def test_participants_score_at_once_and_every_answer_arrives_once(
    browser: Browser, workshop_server: WorkshopServer, tmp_path
):
    url = workshop_server.url
    store = workshop_server.store
    errors: list[str] = []
    people = {name: new_participant(browser, errors) for name in ANSWERS}
    pages = {name: page for name, (_, page) in people.items()}
    try:
        # refusals first: a wrong code, then markup in a name; nothing stored
        page = pages["ann"]
        page.goto(url)
        page.fill("#join-code", "WRONG9")
        page.fill("#join-name", "ann")
        page.click("#join-button")
        expect(page.locator("#join-error")).to_contain_text("wrong join code")
        page.fill("#join-code", JOIN_CODE)
        page.fill("#join-name", "<b>ann</b>")
        page.click("#join-button")
        expect(page.locator("#join-error")).to_contain_text("not allowed")
        assert store.count_participants("w1") == 0

        for name, page in pages.items():
            join(page, url, name)
        assert store.participants("w1")["label"].tolist() == list(ANSWERS)

        # the initiative name with markup is shown as text, and nothing of it ran
        legend = pages["ann"].locator('fieldset[data-initiative="c"] legend')
        expect(legend).to_have_text(XSS_NAME)
        assert pages["ann"].locator("fieldset img").count() == 0
        assert pages["ann"].evaluate("() => window.__xss") is None

        # ann, bo and cy set every answer without sending, then all press "send" at once
        for name in ("ann", "bo", "cy"):
            pages[name].evaluate(
                """(answers) => {
                    for (const [ini, [need, effect]] of Object.entries(answers)) {
                        document.querySelector(`.answer[data-initiative="${ini}"][data-criterion="need"]`).value = need;
                        document.querySelector(`.answer[data-initiative="${ini}"][data-criterion="effect"]`).value = effect;
                    }
                }""",
                ANSWERS[name],
            )
        for name in ("ann", "bo", "cy"):
            pages[name].locator("#send-all").click(no_wait_after=True)
        for name in ("ann", "bo", "cy"):
            expect(pages[name].locator("#status")).to_have_text("Saved (6).")

        # dan answers a and b one by one (each change is saved), reloads half-way ...
        dan = pages["dan"]
        for ini in ("a", "b"):
            need, effect = ANSWERS["dan"][ini]
            choose(dan, ini, "need", need)
            choose(dan, ini, "effect", effect)
        dan.reload()
        expect(dan.locator("#who")).to_have_text("dan")  # the token survived in localStorage
        expect(cell(dan, "a", "need")).to_have_value("0")
        expect(cell(dan, "b", "effect")).to_have_value("5")
        expect(cell(dan, "c", "need")).to_have_value("")
        # ... then gives c a first answer and changes it (a re-vote replaces)
        choose(dan, "c", "need", "0")
        choose(dan, "c", "need", "1")
        choose(dan, "c", "effect", "5")

        # every answer exactly once, with the value chosen last
        con = sqlite3.connect(tmp_path / "ws.sqlite")
        rows = con.execute(
            "SELECT p.label, a.initiative, a.criterion, a.value, COUNT(*) FROM answers a "
            "JOIN participants p ON p.id = a.participant_id GROUP BY 1, 2, 3"
        ).fetchall()
        con.close()
        assert len(rows) == 24 and all(r[4] == 1 for r in rows)
        expected = {
            (name, ini, crit): float(v)
            for name, by_ini in ANSWERS.items()
            for ini, pair in by_ini.items()
            for crit, v in zip(("need", "effect"), pair, strict=True)
        }
        assert {(r[0], r[1], r[2]): r[3] for r in rows} == expected

        # the facilitator's aggregate (store + prioritise), as worked out by hand above
        results = results_from_store(store, "w1")
        assert results.ranking.index.tolist() == ["b", "a", "c"]
        assert results.ranking["score"].tolist() == pytest.approx(
            [0.64583, 0.60417, 0.35417], abs=1e-5
        )
        assert results.concordance.w == pytest.approx(42 / 360)

        # the facilitator closes the round: the pages lock within a poll (3 s)
        store.close_round("w1")
        expect(cell(pages["bo"], "a", "need")).to_be_disabled(timeout=15_000)
        expect(pages["bo"].locator("#round")).to_have_text("Round 1 (closed)")
        assert store.count_answers("w1") == 24
        pages["bo"].screenshot(path=str(tmp_path / "participant.png"), full_page=True)
        assert errors == []
    finally:
        for context, _ in people.values():
            context.close()


FACILITATOR_CODE = """\
from IPython.display import display
from orgmodel.workshop.store import WorkshopStore
from orgmodel.widgets.facilitator import FacilitatorView

store = WorkshopStore({db!r})
view = FacilitatorView(store, "w1", auto_refresh=1.0)
display(view)
"""


@pytest.fixture
def facilitator_page_url(tmp_path, workshop_server):
    """Voilà on 127.0.0.1 rendering a notebook with the facilitator's view of the workshop."""
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    folder = tmp_path / "nb"
    folder.mkdir()
    nb = new_notebook(
        cells=[new_code_cell(FACILITATOR_CODE.format(db=str(tmp_path / "ws.sqlite")))]
    )
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, folder / "facilitator.ipynb")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "cfg"),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "rt")}  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    with open(tmp_path / "voila.log", "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "voila", str(folder), "--no-browser", f"--port={port}",
             "--Voila.ip=127.0.0.1", "--Voila.port_retries=0"],
            stdout=log, stderr=subprocess.STDOUT, env=env,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 120
            while True:  # "/" is the folder listing: it starts no kernel
                try:
                    urllib.request.urlopen(base + "/", timeout=2)
                    break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError((tmp_path / "voila.log").read_text()) from None
                    time.sleep(0.2)
            yield f"{base}/voila/render/facilitator.ipynb"
        finally:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()


def test_facilitator_view_in_voila_follows_the_group_live(
    page: Page, page_errors, workshop_server: WorkshopServer, facilitator_page_url, tmp_path
):
    import http.client
    import json

    store = workshop_server.store

    def post(path, body, token=None):
        con = http.client.HTTPConnection(workshop_server.host, workshop_server.port, timeout=10)
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        con.request("POST", path, json.dumps(body).encode(), headers)
        resp = con.getresponse()
        data = json.loads(resp.read())
        con.close()
        return resp.status, data

    page.goto(facilitator_page_url)
    status = page.locator(".facilitator-status")
    expect(status).to_contain_text("0 joined", timeout=120_000)  # kernel start + first render
    expect(page.locator(".facilitator-join")).to_contain_text(JOIN_CODE)

    # the four participants of the test above answer through the participants' API
    for name, by_ini in ANSWERS.items():
        code, joined = post("/api/join", {"code": JOIN_CODE, "name": name})
        assert code == 201
        answers = [
            {"initiative": ini, "criterion": crit, "value": float(v)}
            for ini, pair in by_ini.items()
            for crit, v in zip(("need", "effect"), pair, strict=True)
        ]
        assert post("/api/answers", {"round": 1, "answers": answers}, joined["token"])[0] == 200

    # the view refreshes itself (every second, from its thread): b, a, c; W = 42/360
    expect(status).to_contain_text("4 joined", timeout=20_000)
    expect(status).to_contain_text("4 answered everything")
    rows = page.locator(".facilitator-ranking tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("Beta")
    expect(rows.nth(0)).to_contain_text("0.646")
    expect(rows.nth(1)).to_contain_text("Alpha")
    expect(rows.nth(2)).to_contain_text(XSS_NAME)  # shown as text
    expect(page.locator(".facilitator-kendall")).to_contain_text("W = 0.117")
    assert page.locator(".facilitator-ranking img").count() == 0

    # closing the round from the browser closes it in the database
    page.locator(".facilitator-close").click()
    expect(status).to_contain_text("(closed)")
    assert store.current_round("w1").status == "closed"
    page.locator(".facilitator-open").click()
    expect(status).to_contain_text("Round 2")
    expect(page.locator(".facilitator-change")).to_contain_text("Change since round 1")
    assert [r.number for r in store.rounds("w1")] == [1, 2]
    page.screenshot(path=str(tmp_path / "facilitator.png"), full_page=True)
    assert page_errors == []
