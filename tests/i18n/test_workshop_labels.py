"""The workshop in English, Swedish and Norwegian: facilitator view and participants' page.

The facilitator view is checked at the traitlet level; the participants' page through
real HTTP requests to servers started on 127.0.0.1 (port 0: a free one) in this process.
Expected words are the catalogue entries written out by hand, so a changed translation
shows up here. The group's numbers are those of tests/workshop/test_facilitator.py
(three participants, all answering everything; effect on b has the largest spread).
"""

from __future__ import annotations

import http.client
import json
import os
import warnings

import pytest

pytest.importorskip("ipywidgets")

from orgmodel.i18n import get_language, set_language
from orgmodel.prioritise.checklist import Checklist, Criterion, Scale
from orgmodel.workshop.cli import add_workshop_commands
from orgmodel.workshop.page import SCRIPT, index_html
from orgmodel.workshop.server import WorkshopServer
from orgmodel.workshop.store import WorkshopStore

JOIN_CODE = "K7Q2MX"
ANSWERS = {  # as in tests/workshop/test_facilitator.py
    "ann": {"a": ("yes", 5), "b": ("partly", 3), "c": ("no", 1)},
    "bo": {"a": ("yes", 4), "b": ("no", 2), "c": ("partly", 2)},
    "cy": {"a": ("partly", 3), "b": ("yes", 5), "c": ("no", 1)},
}


@pytest.fixture(autouse=True)
def _english_session(monkeypatch):
    monkeypatch.delenv("ORGMODEL_LANG", raising=False)
    set_language(None)
    yield
    set_language(None)


def _checklist(language: str = "en") -> Checklist:
    return Checklist(
        "demo",
        {"en": "Demo workshop", "sv": "Demoworkshop", "nb": "Demo-verksted"},
        language=language,
        criteria=[
            Criterion("need", {"en": "Meets a need", "sv": "Möter ett behov", "nb": "Dekker et behov"}, weight=2),
            Criterion("effect", {"en": "Effect", "sv": "Effekt", "nb": "Effekt"}, scale=Scale.one_to_five()),
        ],
    )  # fmt: skip


@pytest.fixture
def store(tmp_path):
    s = WorkshopStore(tmp_path / "workshop.sqlite")
    yield s
    s.close()


def _workshop(store, workshop_id="w1", language="en"):
    return store.create_workshop(
        _checklist(language),
        {"a": "Alpha", "b": "Beta", "c": "Gamma"},
        title="Demo",
        join_code=JOIN_CODE,
        workshop_id=workshop_id,
    )


def _fill(store):
    for name, rows in ANSWERS.items():
        p = store.join("w1", JOIN_CODE, name)
        batch = [
            (i, c, v)
            for i, (need, eff) in rows.items()
            for c, v in (("need", need), ("effect", eff))
        ]
        store.submit(p.token, 1, batch)  # fmt: skip


# ---- facilitator view ---------------------------------------------------------------------

FACILITATOR = {
    "en": {
        "buttons": ("Refresh", "Close round", "Open new round", "Auto-refresh", "Export to Excel"),
        "headings": ("<h3>Group ranking</h3>", "<h3>Largest disagreements</h3>", "<h3>Participants</h3>"),
        "status": "<b>Round 1</b> (open) &middot; 0 joined &middot; 0 answering &middot; 0 answered everything",
        "filled": "<b>Round 1</b> (open) &middot; 3 joined &middot; 3 answering &middot; 3 answered everything",
        "closed": "<b>Round 1</b> (closed)",
        "nobody": "<p>No answers yet.</p>",
        "code": "Join code: ",
        "effect": "<td>b</td><td>Effect</td>",
        "need": "<td>Meets a need</td>",
        "ranking_head": "<th>rank</th><th>initiative</th><th>name</th><th>score</th><th>raters</th><th>spread</th>",
        "spread_head": "<th>initiative</th><th>criterion</th><th>raters</th><th>mean</th><th>std dev</th><th>range</th>",
        "change": "<h3>Change since round 1</h3><table class=\"change\"><thead><tr><th>initiative</th><th>rank before</th><th>rank after</th><th>moved</th>",
        "progress_head": "<th>participant</th><th>answered</th><th>of</th><th>last answer</th>",
    },
    "sv": {
        "buttons": ("Uppdatera", "Stäng omgången", "Ny omgång", "Uppdatera automatiskt", "Exportera till Excel"),
        "headings": ("<h3>Gruppens rangordning</h3>", "<h3>Störst oenighet</h3>", "<h3>Deltagare</h3>"),
        "status": "<b>Omgång 1</b> (öppen) &middot; 0 anslutna &middot; 0 svarar &middot; 0 har svarat på allt",
        "filled": "<b>Omgång 1</b> (öppen) &middot; 3 anslutna &middot; 3 svarar &middot; 3 har svarat på allt",
        "closed": "<b>Omgång 1</b> (stängd)",
        "nobody": "<p>Inga svar ännu.</p>",
        "code": "Kod: ",
        "effect": "<td>b</td><td>Effekt</td>",
        "need": "<td>Möter ett behov</td>",
        "ranking_head": "<th>plats</th><th>åtgärd</th><th>namn</th><th>poäng</th><th>antal svar</th><th>spridning</th>",
        "spread_head": "<th>åtgärd</th><th>kriterium</th><th>antal svar</th><th>medel</th><th>std.avv.</th><th>variationsbredd</th>",
        "change": "<h3>Ändring sedan omgång 1</h3><table class=\"change\"><thead><tr><th>åtgärd</th><th>plats före</th><th>plats efter</th><th>flyttat</th>",
        "progress_head": "<th>deltagare</th><th>besvarade</th><th>av</th><th>senaste svar</th>",
    },
    "nb": {
        "buttons": ("Oppdater", "Lukk runden", "Ny runde", "Oppdater automatisk", "Eksporter til Excel"),
        "headings": ("<h3>Gruppens rangering</h3>", "<h3>Størst uenighet</h3>", "<h3>Deltakere</h3>"),
        "status": "<b>Runde 1</b> (åpen) &middot; 0 har blitt med &middot; 0 svarer &middot; 0 har svart på alt",
        "filled": "<b>Runde 1</b> (åpen) &middot; 3 har blitt med &middot; 3 svarer &middot; 3 har svart på alt",
        "closed": "<b>Runde 1</b> (lukket)",
        "nobody": "<p>Ingen svar ennå.</p>",
        "code": "Kode: ",
        "effect": "<td>b</td><td>Effekt</td>",
        "need": "<td>Dekker et behov</td>",
        "ranking_head": "<th>plass</th><th>tiltak</th><th>navn</th><th>skår</th><th>antall svar</th><th>spredning</th>",
        "spread_head": "<th>tiltak</th><th>kriterium</th><th>antall svar</th><th>snitt</th><th>std.avvik</th><th>variasjonsbredde</th>",
        "change": "<h3>Endring siden runde 1</h3><table class=\"change\"><thead><tr><th>tiltak</th><th>plass før</th><th>plass etter</th><th>flyttet</th>",
        "progress_head": "<th>deltaker</th><th>besvart</th><th>av</th><th>siste svar</th>",
    },
}  # fmt: skip


def _facilitator_texts(view) -> tuple[tuple[str, ...], tuple[str, ...]]:
    buttons = (
        view._refresh_button.description,
        view._close_button.description,
        view._open_button.description,
        view._auto.description,
        view._export_button.description,
    )
    return buttons, tuple(w.value for w in view._headings.values())


@pytest.mark.parametrize("lang", ["en", "sv", "nb"])
def test_facilitator_view_in_each_language(store, lang):
    from orgmodel.widgets.facilitator import FacilitatorView

    _workshop(store)
    want = FACILITATOR[lang]
    view = FacilitatorView(store, "w1", auto_refresh=None, lang=lang)
    assert _facilitator_texts(view) == (want["buttons"], want["headings"])
    assert view._status.value.startswith(want["status"])
    assert view._ranking.value == want["nobody"]
    assert want["code"] in view._join.value
    _fill(store)
    view.refresh()
    assert view._status.value.startswith(want["filled"])
    # effect on b has the largest spread (sd 1.528, tests/workshop/test_facilitator.py)
    assert view._disagreement.value.split("<tbody><tr>")[1].startswith(want["effect"])
    assert want["need"] in view._disagreement.value
    assert want["ranking_head"] in view._ranking.value
    assert want["spread_head"] in view._disagreement.value
    assert want["progress_head"] in view._progress.value
    view.close_round()
    assert view._status.value.startswith(want["closed"])
    view.open_round()
    assert view._change.value.startswith(want["change"])
    view.stop()


def test_facilitator_relabels_when_the_trait_changes(store):
    from orgmodel.widgets.facilitator import FacilitatorView

    _workshop(store)
    _fill(store)
    view = FacilitatorView(store, "w1", auto_refresh=None)
    assert view.lang == "en"  # the session's language
    ranking = view._ranking.value.split("<tbody>")[1]
    for lang in ("sv", "nb", "en"):
        view.lang = lang  # no refresh: the view redraws what it has
        want = FACILITATOR[lang]
        assert _facilitator_texts(view) == (want["buttons"], want["headings"])
        assert view._status.value.startswith(want["filled"])
        assert want["need"] in view._disagreement.value
        assert want["ranking_head"] in view._ranking.value
        assert view._ranking.value.split("<tbody>")[1] == ranking  # rows as they were
    view.stop()


def test_facilitator_language_argument_is_deprecated(store):
    from orgmodel.widgets.facilitator import FacilitatorView

    _workshop(store)
    with pytest.warns(DeprecationWarning, match="use lang="):
        view = FacilitatorView(store, "w1", auto_refresh=None, language="nb")
    assert view.lang == "nb" and view._refresh_button.description == "Oppdater"
    view.stop()


# ---- participants' page -------------------------------------------------------------------


def _get(server, path, headers=None):
    con = http.client.HTTPConnection(server.host, server.port, timeout=10)
    con.request("GET", path, headers=headers or {})
    r = con.getresponse()
    body = r.read().decode("utf-8")
    con.close()
    return r.status, body


def _post(server, path, data, headers=None):
    con = http.client.HTTPConnection(server.host, server.port, timeout=10)
    con.request(
        "POST",
        path,
        json.dumps(data).encode(),
        {"Content-Type": "application/json", **(headers or {})},
    )
    r = con.getresponse()
    body = json.loads(r.read())
    con.close()
    return r.status, body


PAGE = {
    "en": ["<p>Join the workshop</p>", "<label>Join code <input", "<label>Your name <input",
           '<button id="join-button" type="submit">Join</button>',
           '<button id="send-all" type="button">Send all answers</button>'],
    "sv": ["<p>Gå med i workshopen</p>", "<label>Kod <input", "<label>Ditt namn <input",
           '<button id="join-button" type="submit">Gå med</button>',
           '<button id="send-all" type="button">Skicka alla svar</button>'],
    "nb": ["<p>Bli med i workshopen</p>", "<label>Kode <input", "<label>Navnet ditt <input",
           '<button id="join-button" type="submit">Bli med</button>',
           '<button id="send-all" type="button">Send alle svarene</button>'],
}  # fmt: skip
#: What the script shows later, as it travels in data-texts (JSON, then HTML-escaped).
SCRIPT_WORDS = {
    "en": ["Saved ({n}).", "Round {n} (closed)", "Answers are saved as you choose them."],
    "sv": ["Sparat ({n}).", "Omgång {n} (stängd)", "Svaren sparas när du väljer dem."],
    "nb": ["Lagret ({n}).", "Runde {n} (lukket)", "Svarene lagres etter hvert som du velger dem."],
}


def _texts(page: str) -> dict[str, str]:
    import html

    start = page.index('data-texts="') + len('data-texts="')
    return json.loads(html.unescape(page[start : page.index('"', start)]))


@pytest.mark.parametrize("lang", ["sv", "nb"])
def test_page_served_in_the_servers_language(store, lang):
    _workshop(store)
    with WorkshopServer(store, "w1", lang=lang) as server:
        assert server.lang == lang
        status, page = _get(server, "/")
    assert status == 200
    assert f'<html lang="{lang}">' in page
    for words in PAGE[lang]:
        assert words in page
    assert "Join code" not in page and "Send all answers" not in page
    assert set(SCRIPT_WORDS[lang]) <= set(_texts(page).values())
    assert get_language() == "en"  # the server never touched the session's language


def test_english_page_unchanged_and_the_default_is_the_checklists_language(store):
    _workshop(store, "w1", language="en")
    _workshop(store, "w2", language="nb")
    with WorkshopServer(store, "w1") as english, WorkshopServer(store, "w2") as norwegian:
        assert (english.lang, norwegian.lang) == ("en", "nb")
        _, en_page = _get(english, "/")
        _, nb_page = _get(norwegian, "/")
    for words in PAGE["en"]:
        assert words in en_page
    assert set(SCRIPT_WORDS["en"]) <= set(_texts(en_page).values())
    for words in PAGE["nb"]:
        assert words in nb_page


def test_participants_switch_language_on_the_page(store):
    _workshop(store)
    with WorkshopServer(store, "w1", lang="sv") as server:
        _, page = _get(server, f"/?lang=nb&code={JOIN_CODE}")
        _, unknown = _get(server, "/?lang=de")  # not ours: the server's language
    for words in PAGE["nb"]:
        assert words in page
    # the links to the other languages keep the join code of the address
    assert f'href="?lang=sv&amp;code={JOIN_CODE}"' in page
    assert f'href="?lang=en&amp;code={JOIN_CODE}"' in page
    assert 'lang="nb" aria-current="page">norsk bokmål</a>' in page
    for words in PAGE["sv"]:
        assert words in unknown


def test_two_servers_in_one_process_keep_their_languages(store):
    _workshop(store, "w1")
    _workshop(store, "w2")
    with WorkshopServer(store, "w1", lang="sv") as sv, WorkshopServer(store, "w2", lang="nb") as nb:
        for _ in range(3):  # interleaved requests: no shared language between them
            assert PAGE["sv"][3] in _get(sv, "/")[1]
            assert PAGE["nb"][3] in _get(nb, "/")[1]
    assert get_language() == "en"


def test_refusals_and_criteria_in_the_requests_language(store):
    _workshop(store)
    with WorkshopServer(store, "w1", lang="sv") as server:
        status, data = _post(server, "/api/join", {"code": "WRONG1", "name": "ann"})
        assert (status, data["error"]) == (403, "fel kod – fråga processledaren efter koden")
        headers = {"Accept-Language": "nb-NO,nb;q=0.9"}
        status, data = _post(server, "/api/join", {"code": "WRONG1", "name": "ann"}, headers)
        assert (status, data["error"]) == (403, "feil kode – spør fasilitatoren om koden")
        headers = {"Accept-Language": "en"}
        status, data = _post(server, "/api/join", {"code": "WRONG1", "name": "ann"}, headers)
        assert data["error"] == "wrong join code; ask the facilitator for the code"
        assert json.loads(_get(server, "/api/form")[1])["error"] == (
            "du är inte med ännu – gå med i workshopen först"
        )
        status, joined = _post(server, "/api/join", {"code": JOIN_CODE, "name": "ann"})
        assert status == 201
        auth = {"Authorization": f"Bearer {joined['token']}"}
        form = json.loads(_get(server, "/api/form", auth)[1])
        assert [c["label"] for c in form["criteria"]] == ["Möter ett behov", "Effekt"]
        form = json.loads(_get(server, "/api/form", {**auth, "Accept-Language": "en"})[1])
        assert [c["label"] for c in form["criteria"]] == ["Meets a need", "Effect"]


def test_index_html_and_script_hold_no_words_of_their_own():
    page = index_html("Demo", "w1", "sv")
    for words in PAGE["en"][1:]:
        assert words not in page
    for english in ("Saved (", "Round ", "Not saved", "No connection", "This round is closed"):
        assert english not in SCRIPT


def test_serve_takes_lang():
    import argparse

    parser = argparse.ArgumentParser(prog="orgmodel")
    add_workshop_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["workshop", "serve", "c.yaml", "i.csv", "--lang", "sv_SE"])
    assert args.lang == "sv"
    assert parser.parse_args(["workshop", "serve", "c.yaml", "i.csv"]).lang is None
    with warnings.catch_warnings(), pytest.raises(SystemExit):
        parser.parse_args(["workshop", "serve", "c.yaml", "i.csv", "--lang", "de"])


# ---- in a real browser: the script's words ------------------------------------------------

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")  # as tests/browser/conftest.py


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # pytest-playwright's fixture, pointed at the system's Chromium as in tests/browser
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--headless", "--no-sandbox", "--disable-gpu"],
    }


@pytest.mark.browser
@pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is missing")
def test_the_script_speaks_the_pages_language_in_chromium(store, browser):
    """Join, answer, switch to Norwegian, see the round close: every word from the page."""
    sync_api = pytest.importorskip("playwright.sync_api")
    _workshop(store)
    with WorkshopServer(store, "w1", lang="sv") as server:
        context = browser.new_context()
        try:
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            expect = sync_api.expect
            page.goto(f"{server.url}?code=WRONG9")
            page.fill("#join-name", "ann")
            page.click("#join-button")
            expect(page.locator("#join-error")).to_have_text(
                "fel kod – fråga processledaren efter koden"
            )
            page.fill("#join-code", JOIN_CODE)
            page.click("#join-button")
            expect(page.locator("#round")).to_have_text("Omgång 1")
            expect(page.locator("#status")).to_have_text("Svaren sparas när du väljer dem.")
            expect(page.locator(".criterion-label").first).to_have_text("Möter ett behov")
            page.locator('.answer[data-initiative="a"][data-criterion="effect"]').select_option("4")
            expect(page.locator("#status")).to_have_text("Sparat (1).")
            page.click("#languages a[hreflang=nb]")  # the token stays: straight to the form
            expect(page.locator("#round")).to_have_text("Runde 1")
            expect(page.locator("#status")).to_have_text(
                "Svarene lagres etter hvert som du velger dem."
            )
            expect(page.locator("#send-all")).to_have_text("Send alle svarene")
            expect(page.locator(".criterion-label").first).to_have_text("Dekker et behov")
            store.close_round("w1")  # the page polls every 3 s
            expect(page.locator("#round")).to_have_text("Runde 1 (lukket)", timeout=10_000)
            expect(page.locator("#status")).to_have_text("Denne runden er lukket.")
            assert errors == []
        finally:
            context.close()
    assert get_language() == "en"
