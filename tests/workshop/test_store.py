"""The SQLite store: refusals store nothing, re-votes replace, rounds, threads, restarts."""

from __future__ import annotations

import sqlite3
import threading
import time

import pandas as pd
import pytest

from orgmodel.workshop.errors import (
    JoinRefusedError,
    RoundClosedError,
    SubmissionError,
    UnknownParticipantError,
    WorkshopError,
)
from orgmodel.workshop.store import WorkshopStore, check_name

JOIN_CODE = "K7Q2MX"  # the code the fixture `workshop` sets


def test_file_is_in_wal_mode_with_the_four_tables(store, workshop, location, rows):
    if store.backend != "sqlite":
        pytest.skip("SQLite only")
    con = sqlite3.connect(location)
    mode = con.execute("PRAGMA journal_mode").fetchone()[0]
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    con.close()
    assert mode == "wal"
    assert {"workshops", "rounds", "participants", "answers"} <= tables
    assert rows("rounds") == 1  # round 1 opened with the workshop


def test_wrong_join_code_is_refused_and_nothing_stored(store, workshop, rows):
    with pytest.raises(JoinRefusedError, match="wrong join code"):
        store.join("w1", "AAAAAA", "Ann")
    with pytest.raises(JoinRefusedError):
        store.join("w1", None, "Ann")
    assert rows("participants") == 0
    # case, spaces and dashes are forgiven: a code read aloud
    assert store.join("w1", "k7q-2mx ", "Ann").label == "Ann"


@pytest.mark.parametrize(
    "name",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "Ann\x00",
        "",
        "   ",
        "x" * 61,
        42,
    ],
)
def test_markup_and_unusable_names_are_refused_and_nothing_stored(store, workshop, rows, name):
    with pytest.raises(JoinRefusedError, match="name"):
        store.join("w1", JOIN_CODE, name)
    assert rows("participants") == 0


def test_names_are_tidied_and_same_names_kept_apart(store, workshop):
    assert check_name("  Åsa   Øvrebø ") == "Åsa Øvrebø"
    labels = [store.join("w1", JOIN_CODE, n).label for n in ["Ann", "Ann", "Bo", "Ann"]]
    assert labels == ["Ann", "Ann (2)", "Bo", "Ann (3)"]
    assert store.participants("w1")["label"].tolist() == labels


def test_forged_token_is_refused_and_nothing_stored(store, workshop, rows):
    store.join("w1", JOIN_CODE, "Ann")
    for forged in ["x" * 32, "", None, "' OR 1=1 --"]:
        with pytest.raises(UnknownParticipantError):
            store.submit(forged, 1, [("a", "need", "yes")])
    assert rows("answers") == 0


def test_tokens_are_random_and_long(store, workshop):
    tokens = {store.join("w1", JOIN_CODE, f"p{i}").token for i in range(20)}
    assert len(tokens) == 20
    assert all(len(t) >= 32 for t in tokens)  # 24 random bytes, base64: 32 characters


def test_one_bad_answer_refuses_the_whole_submission_listing_every_problem(store, workshop, rows):
    ann = store.join("w1", JOIN_CODE, "Ann")
    with pytest.raises(SubmissionError) as info:
        store.submit(
            ann.token,
            1,
            [
                ("a", "need", "yes"),  # fine on its own
                ("zz", "need", "yes"),  # no such initiative
                ("a", "nope", 3),  # no such criterion
                ("b", "effect", 7),  # off the 1-5 scale
                ("b", "need", "kanskje"),  # not a label
                ("a", "need", "no"),  # the same cell twice
                {"initiative": "c"},  # incomplete
            ],
        )
    assert len(info.value.problems) == 6
    assert rows("answers") == 0


def test_revote_replaces_and_none_withdraws(store, workshop, rows):
    ann = store.join("w1", JOIN_CODE, "Ann")
    store.submit(ann.token, 1, [("a", "need", "yes"), ("a", "effect", 2)])
    store.submit(ann.token, 1, [("a", "need", "delvis")])  # Norwegian label, same scale
    store.submit(ann.token, 1, [("a", "need", "no"), ("a", "effect", "4")])
    assert rows("answers") == 2
    mine = store.answers_of(ann.token).set_index(["initiative", "criterion"])["value"]
    assert mine.to_dict() == {("a", "need"): 0.0, ("a", "effect"): 4.0}
    store.submit(ann.token, 1, [("a", "effect", None)])
    assert rows("answers") == 1


def test_answers_of_shows_only_the_holders_answers(store, workshop):
    ann = store.join("w1", JOIN_CODE, "Ann")
    bo = store.join("w1", JOIN_CODE, "Bo")
    store.submit(ann.token, 1, [("a", "need", "yes")])
    store.submit(bo.token, 1, [("b", "need", "no"), ("c", "need", "no")])
    assert store.answers_of(ann.token)["initiative"].tolist() == ["a"]
    assert store.answers_of(bo.token)["initiative"].tolist() == ["b", "c"]


def test_closed_round_refuses_and_a_new_round_starts_empty(store, workshop, rows):
    ann = store.join("w1", JOIN_CODE, "Ann")
    store.submit(ann.token, 1, [("a", "need", "yes")])
    store.close_round("w1")
    with pytest.raises(RoundClosedError, match="closed"):
        store.submit(ann.token, 1, [("b", "need", "yes")])
    assert rows("answers") == 1
    r2 = store.open_round("w1")
    assert (r2.number, r2.status) == (2, "open")
    with pytest.raises(RoundClosedError, match="not the current round"):
        store.submit(ann.token, 1, [("b", "need", "yes")])  # a stale page
    late = store.join("w1", JOIN_CODE, "Late")  # a late joiner scores round 2
    store.submit(late.token, 2, [("a", "need", "no")])
    store.submit(ann.token, 2, [("a", "need", "partly")])
    assert store.ratings("w1", 1)["score"].tolist() == [1.0]
    assert store.ratings("w1", 2).set_index("rater")["score"].to_dict() == {"Ann": 0.5, "Late": 0.0}
    assert [r.status for r in store.rounds("w1")] == ["closed", "open"]
    assert store.progress("w1")["answered"].tolist() == [1, 1]


def test_ratings_have_the_shape_prioritise_group_takes(store, workshop):
    from orgmodel.prioritise.group import long_ratings

    bo = store.join("w1", JOIN_CODE, "Bo")
    ann = store.join("w1", JOIN_CODE, "Ann")
    store.submit(ann.token, 1, [("b", "effect", 3), ("a", "need", "yes")])
    store.submit(bo.token, 1, [("c", "need", "no")])
    r = store.ratings("w1")
    assert list(r.columns) == ["rater", "alternative", "criterion", "score"]
    # joining order, then the workshop's initiative and criterion order
    assert r.values.tolist() == [["Bo", "c", "need", 0.0], ["Ann", "a", "need", 1.0],
                                 ["Ann", "b", "effect", 3.0]]  # fmt: skip
    pd.testing.assert_frame_equal(long_ratings(r), r)


def test_concurrent_writers_from_threads_lose_nothing(location, rows, checklist, initiatives):
    setup = WorkshopStore(location)
    setup.create_workshop(checklist, initiatives, join_code=JOIN_CODE, workshop_id="w1")
    people = [setup.join("w1", JOIN_CODE, f"p{i}") for i in range(16)]
    setup.close()
    cells = [(i, c) for i in initiatives for c in ("need", "effect")]
    last: dict[str, dict] = {}
    errors: list[BaseException] = []
    start = threading.Barrier(len(people))

    def participant(k: int, token: str) -> None:
        store = WorkshopStore(location, pool_size=1)  # own connection: a separate writer
        try:
            start.wait()
            mine = {}
            for rep in range(15):
                value = (k + rep) % 5 + 1
                batch = [(i, c, value if c == "effect" else ("yes", "no")[rep % 2])
                         for i, c in cells]  # fmt: skip
                store.submit(token, 1, batch)
                mine = {(i, c): float(value) if c == "effect" else (1.0, 0.0)[rep % 2]
                        for i, c in cells}  # fmt: skip
            last[token] = mine
        except BaseException as exc:
            errors.append(exc)
        finally:
            store.close()

    threads = [
        threading.Thread(target=participant, args=(k, p.token)) for k, p in enumerate(people)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    assert rows("answers") == len(people) * len(cells)  # 16 x 6, no duplicate
    check = WorkshopStore(location)
    for p in people:
        got = check.answers_of(p.token).set_index(["initiative", "criterion"])["value"].to_dict()
        assert got == last[p.token]  # each participant's last submission won
    check.close()


def test_restart_keeps_everything(location, rows, checklist, initiatives):
    s1 = WorkshopStore(location)
    s1.create_workshop(checklist, initiatives, join_code=JOIN_CODE, workshop_id="w1")
    ann = s1.join("w1", JOIN_CODE, "Ann")
    s1.submit(ann.token, 1, [("a", "need", "yes"), ("c", "effect", 5)])
    s1.close_round("w1")
    before = s1.ratings("w1")
    s1.close()

    s2 = WorkshopStore(location)
    ws = s2.workshop()
    assert ws.checklist == checklist
    assert [(i.id, i.name) for i in ws.initiatives] == [
        ("a", "Alpha"),
        ("b", "Beta"),
        ("c", "Gamma"),
    ]
    assert ws.join_code == JOIN_CODE
    assert s2.participant(ann.token).label == "Ann"  # the browser's token still works
    assert s2.current_round("w1").status == "closed"
    pd.testing.assert_frame_equal(s2.ratings("w1"), before)
    s2.close()


def test_an_unreachable_database_is_named_without_its_password():
    pytest.importorskip("psycopg")  # the driver is in the dev extra; CI has it
    # port 1 on loopback: nothing listens there
    with pytest.raises(WorkshopError, match="cannot connect") as info:
        WorkshopStore("postgresql://ann:secret@127.0.0.1:1/db", timeout=2)
    assert "secret" not in str(info.value) and "ann:***@127.0.0.1:1/db" in str(info.value)


def test_participant_repr_hides_the_token(store, workshop):
    ann = store.join("w1", JOIN_CODE, "Ann")
    assert ann.token not in repr(ann)


def test_simultaneous_joins_with_one_name_get_distinct_labels(
    location, rows, checklist, initiatives
):
    setup = WorkshopStore(location)
    setup.create_workshop(checklist, initiatives, join_code=JOIN_CODE, workshop_id="w1")
    setup.close()
    labels: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(10)

    def join() -> None:
        store = WorkshopStore(location, pool_size=1)
        try:
            start.wait()
            labels.append(store.join("w1", JOIN_CODE, "Ann").label)
        except BaseException as exc:
            errors.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=join) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert sorted(labels) == sorted(["Ann"] + [f"Ann ({n})" for n in range(2, 11)])
    assert rows("participants") == 10


def test_closing_a_round_while_answers_arrive_keeps_every_acknowledged_one(
    location, rows, checklist, initiatives
):
    setup = WorkshopStore(location)
    setup.create_workshop(checklist, initiatives, join_code=JOIN_CODE, workshop_id="w1")
    people = [setup.join("w1", JOIN_CODE, f"p{i}") for i in range(6)]
    cells = [(i, c) for i in initiatives for c in ("need", "effect")]
    acknowledged: set[tuple[str, str, str]] = set()
    refused: list[int] = []
    lock = threading.Lock()

    def participant(token: str) -> None:
        store = WorkshopStore(location, pool_size=1)
        try:
            for k in range(200):  # bounded; stops at the first refusal
                i, c = cells[k % len(cells)]
                try:
                    store.submit(token, 1, [(i, c, 3 if c == "effect" else "yes")])
                except RoundClosedError:
                    with lock:
                        refused.append(k)
                    return
                with lock:
                    acknowledged.add((token, i, c))
        finally:
            store.close()

    threads = [threading.Thread(target=participant, args=(p.token,)) for p in people]
    for t in threads:
        t.start()
    waited = time.monotonic() + 10
    while len(acknowledged) < 12 and time.monotonic() < waited:  # writers are under way
        time.sleep(0.001)
    setup.close_round("w1")
    after_close = rows("answers")
    for t in threads:
        t.join(60)
    # every acknowledged answer is stored; nothing got in after the round was closed
    assert rows("answers") == after_close == len(acknowledged)
    got = {(p.token, i, c) for p in people for i, c in
           setup.answers_of(p.token, 1)[["initiative", "criterion"]].itertuples(index=False)}  # fmt: skip
    assert got == acknowledged
    assert refused  # the close did land while participants were writing
    setup.close()
