"""The participants' HTTP API on 127.0.0.1: every refusal is a clear 4xx and stores nothing."""

from __future__ import annotations

import http.client
import json

import pytest

from orgmodel.workshop.page import SCRIPT
from orgmodel.workshop.server import WorkshopServer
from orgmodel.workshop.store import WorkshopStore

JOIN_CODE = "K7Q2MX"  # the code the fixture `workshop` sets


class Client:
    def __init__(self, server: WorkshopServer):
        self.host, self.port = server.host, server.port

    def request(self, method, path, body=None, *, token=None, headers=None, raw=None):
        con = http.client.HTTPConnection(self.host, self.port, timeout=10)
        h = dict(headers or {})
        if token is not None:
            h["Authorization"] = f"Bearer {token}"
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
            h.setdefault("Content-Type", "application/json")
        try:
            con.request(method, path, body=data, headers=h)
            resp = con.getresponse()
            payload = resp.read()
        finally:
            con.close()
        ctype = resp.getheader("Content-Type", "")
        parsed = json.loads(payload) if ctype.startswith("application/json") else payload
        return resp.status, parsed, resp

    def join(self, name, code=JOIN_CODE):
        return self.request("POST", "/api/join", {"code": code, "name": name})


@pytest.fixture
def server(store, workshop):
    with WorkshopServer(store, "w1", "127.0.0.1", 0, max_body=4096) as s:
        yield s


@pytest.fixture
def client(server):
    return Client(server)


def test_join_gives_a_token_and_the_form(client, rows):
    status, data, _ = client.join("Ann")
    assert status == 201 and data["label"] == "Ann"
    status, form, _ = client.request("GET", "/api/form", token=data["token"])
    assert status == 200
    assert [c["id"] for c in form["criteria"]] == ["need", "effect"]
    assert [o["label"] for o in form["criteria"][0]["options"]] == ["yes", "partly", "no"]
    assert [i["name"] for i in form["initiatives"]] == ["Alpha", "Beta", "Gamma"]
    assert form["round"] == {"number": 1, "status": "open"}
    assert (rows("participants"), rows("answers")) == (1, 0)


def test_wrong_join_code_is_refused(client, rows):
    status, data, _ = client.join("Ann", code="WRONG1")
    assert status == 403 and "join code" in data["error"]
    status, _, _ = client.request("POST", "/api/join", {"name": "Ann"})
    assert status == 403
    assert (rows("participants"), rows("answers")) == (0, 0)


def test_markup_in_a_name_is_refused(client, rows):
    status, data, _ = client.join("<script>alert('x')</script>")
    assert status == 403 and "'<' and '>'" in data["error"]
    assert (rows("participants"), rows("answers")) == (0, 0)


def test_forged_or_missing_token_is_refused(client, rows):
    client.join("Ann")
    body = {"round": 1, "answers": [{"initiative": "a", "criterion": "need", "value": 1}]}
    for token in ["forged-" + "x" * 30, None]:
        status, data, _ = client.request("POST", "/api/answers", body, token=token)
        assert status == 403, data
        status, _, _ = client.request("GET", "/api/form", token=token)
        assert status == 403
    assert (rows("participants"), rows("answers")) == (1, 0)


def test_a_participant_sees_only_their_own_answers(client):
    ann = client.join("Ann")[1]["token"]
    bo = client.join("Bo")[1]["token"]
    body = {"round": 1, "answers": [{"initiative": "a", "criterion": "need", "value": "yes"}]}
    assert client.request("POST", "/api/answers", body, token=ann)[0] == 200
    assert client.request("GET", "/api/form", token=bo)[1]["answers"] == []
    assert client.request("GET", "/api/form", token=ann)[1]["answers"] == [
        {"initiative": "a", "criterion": "need", "value": 1.0}
    ]


def test_oversized_body_is_refused_unread(client, rows):
    ann = client.join("Ann")[1]["token"]
    big = {"round": 1, "answers": [{"initiative": "a", "criterion": "need", "value": 1}] * 200}
    status, data, resp = client.request("POST", "/api/answers", big, token=ann)
    assert status == 413 and "at most 4096" in data["error"]
    assert resp.getheader("Connection") == "close"
    status, _, _ = client.request("POST", "/api/join", {"code": JOIN_CODE, "name": "x" * 5000})
    assert status == 413
    assert (rows("participants"), rows("answers")) == (1, 0)


@pytest.mark.parametrize(
    ("raw", "ctype", "expected"),
    [
        (b'{"round": 1, "answers": [', "application/json", 400),  # cut off
        (b"\xff\xfe not utf-8", "application/json", 400),
        (b'[{"initiative": "a"}]', "application/json", 400),  # not an object
        (b"[" * 4000, "application/json", 400),  # nested past the parser's recursion limit
        (b'{"round": 1, "answers": []}', "text/plain", 415),  # a cross-site form post
        (b'{"round": 1}', "application/json", 400),  # no answers key
        (
            b'{"round": "1", "answers": [{"initiative": "a", "criterion": "need", "value": 1}]}',
            "application/json",
            422,
        ),
        (b'{"round": 1, "answers": {"a": 1}}', "application/json", 422),
        (
            b'{"round": 1, "answers": [{"initiative": "a", "criterion": "need", "value": [1]}]}',
            "application/json",
            422,
        ),
    ],
)
def test_malformed_submissions_are_refused(client, rows, raw, ctype, expected):
    ann = client.join("Ann")[1]["token"]
    status, data, _ = client.request(
        "POST", "/api/answers", token=ann, raw=raw, headers={"Content-Type": ctype}
    )
    assert status == expected, data
    assert data["error"]
    assert (rows("participants"), rows("answers")) == (1, 0)


def test_answers_off_the_checklist_are_listed(client, rows):
    ann = client.join("Ann")[1]["token"]
    body = {
        "round": 1,
        "answers": [
            {"initiative": "a", "criterion": "need", "value": "yes"},
            {"initiative": "<b>x</b>", "criterion": "need", "value": 1},
            {"initiative": "a", "criterion": "effect", "value": 9},
        ],
    }
    status, data, _ = client.request("POST", "/api/answers", body, token=ann)
    assert status == 422 and len(data["problems"]) == 2
    assert (rows("participants"), rows("answers")) == (1, 0)


def test_closed_round_is_refused_then_next_round_accepted(client, store, rows):
    ann = client.join("Ann")[1]["token"]
    store.close_round("w1")
    body = {"round": 1, "answers": [{"initiative": "a", "criterion": "need", "value": 1}]}
    status, data, _ = client.request("POST", "/api/answers", body, token=ann)
    assert status == 409 and "closed" in data["error"]
    assert client.request("GET", "/api/round", token=ann)[1] == {"number": 1, "status": "closed"}
    store.open_round("w1")
    status, data, _ = client.request("POST", "/api/answers", body, token=ann)
    assert status == 409  # still round 1: a page left open from the old round
    body["round"] = 2
    assert client.request("POST", "/api/answers", body, token=ann)[0] == 200
    assert (rows("participants"), rows("answers")) == (1, 1)


def test_too_many_wrong_codes_from_one_address_are_throttled(client, rows):
    statuses = [client.join("Ann", code=f"BAD{n:03d}")[0] for n in range(21)]
    assert statuses[:20] == [403] * 20 and statuses[20] == 429
    assert client.join("Ann")[0] == 429  # even the right code, for a minute
    assert (rows("participants"), rows("answers")) == (0, 0)


def test_page_escapes_the_title_and_never_uses_inner_html(location, checklist, initiatives):
    store = WorkshopStore(location)
    store.create_workshop(
        checklist,
        initiatives,
        title="<script>alert(1)</script>",
        join_code=JOIN_CODE,
        workshop_id="w1",
    )
    with WorkshopServer(store, "w1") as server:
        status, page, resp = Client(server).request("GET", "/")
    store.close()
    assert status == 200
    assert b"<script>alert" not in page and b"&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "script-src 'self'" in resp.getheader("Content-Security-Policy")
    assert resp.getheader("X-Content-Type-Options") == "nosniff"
    assert "innerHTML" not in SCRIPT and "insertAdjacentHTML" not in SCRIPT


def test_unknown_paths_and_methods(client):
    assert client.request("GET", "/etc/passwd")[0] == 404
    assert client.request("GET", "/api/join")[0] == 405
    assert client.request("DELETE", "/api/answers")[0] == 405


def test_a_restarted_server_resumes_with_the_same_tokens(location, checklist, initiatives):
    store = WorkshopStore(location)
    store.create_workshop(checklist, initiatives, join_code=JOIN_CODE, workshop_id="w1")
    with WorkshopServer(store, "w1") as server:
        c = Client(server)
        ann = c.join("Ann")[1]["token"]
        body = {"round": 1, "answers": [{"initiative": "b", "criterion": "effect", "value": 4}]}
        assert c.request("POST", "/api/answers", body, token=ann)[0] == 200
    store.close()
    store = WorkshopStore(location)
    with WorkshopServer(store, "w1") as server:
        form = Client(server).request("GET", "/api/form", token=ann)[1]
    store.close()
    assert form["participant"]["label"] == "Ann"
    assert form["answers"] == [{"initiative": "b", "criterion": "effect", "value": 4.0}]
