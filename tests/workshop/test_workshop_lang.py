"""The page language kept with the workshop, on SQLite and PostgreSQL, and on old databases."""

from __future__ import annotations

import sqlite3

import pytest

from orgmodel.i18n import UnknownLanguageError
from orgmodel.workshop.server import WorkshopServer
from orgmodel.workshop.store import WorkshopStore

JOIN_CODE = "K7Q2MX"


def raw_sql(location: str, sql: str) -> list[tuple]:
    """Run ``sql`` straight on the database, past the store; the rows it returns."""
    if location.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(location, autocommit=True) as con:
            cur = con.execute(sql)
            return cur.fetchall() if cur.description else []
    con = sqlite3.connect(location)
    try:
        cur = con.execute(sql)
        rows = cur.fetchall()
        con.commit()
        return rows
    finally:
        con.close()


def server_lang(store: WorkshopStore, workshop_id: str, lang: str | None = None) -> str:
    server = WorkshopServer(store, workshop_id, lang=lang)
    try:
        return server.lang
    finally:
        server.stop()


def test_lang_is_stored_and_used_on_resume(location, checklist, initiatives):
    # the fixture's checklist is in English ("en"); the workshop is created in Swedish
    s1 = WorkshopStore(location)
    ws = s1.create_workshop(checklist, initiatives, workshop_id="w1", lang="sv-SE")
    assert ws.lang == "sv"  # "sv-SE" is Swedish
    s1.close()
    assert raw_sql(location, "SELECT lang FROM workshops WHERE id = 'w1'") == [("sv",)]

    s2 = WorkshopStore(location)  # a restart: no language given again
    assert s2.workshop("w1").lang == "sv"
    assert server_lang(s2, "w1") == "sv"
    assert server_lang(s2, "w1", lang="nb") == "nb"  # given again: wins for this server only
    assert s2.workshop("w1").lang == "sv"
    s2.close()
    assert raw_sql(location, "SELECT lang FROM workshops WHERE id = 'w1'") == [("sv",)]


def test_without_lang_the_column_is_null_and_the_checklist_language_is_used(
    location, checklist, initiatives
):
    store = WorkshopStore(location)
    ws = store.create_workshop(checklist, initiatives, workshop_id="w1")
    assert ws.lang is None
    assert raw_sql(location, "SELECT lang FROM workshops") == [(None,)]
    assert server_lang(store, "w1") == "en"  # the fixture checklist's language="en"
    store.close()


def test_an_unknown_language_is_refused_and_nothing_stored(location, checklist, initiatives):
    store = WorkshopStore(location)
    with pytest.raises(UnknownLanguageError, match="'de'"):
        store.create_workshop(checklist, initiatives, workshop_id="w1", lang="de")
    assert store.workshop_ids() == []
    store.close()


def test_a_database_made_before_lang_opens_and_gets_the_column(location, checklist, initiatives):
    s1 = WorkshopStore(location)
    s1.create_workshop(checklist, initiatives, workshop_id="old", join_code=JOIN_CODE)
    ann = s1.join("old", JOIN_CODE, "Ann")
    s1.submit(ann.token, 1, [("a", "need", "yes")])
    s1.close()
    # make it the table an older orgmodel wrote: no lang column
    raw_sql(location, "ALTER TABLE workshops DROP COLUMN lang")
    assert "lang" not in columns(location)

    s2 = WorkshopStore(location)
    assert "lang" in columns(location)  # added when opened
    old = s2.workshop("old")
    assert old.lang is None and old.join_code == JOIN_CODE
    assert server_lang(s2, "old") == "en"  # NULL: the checklist's language
    assert len(s2.ratings("old")) == 1  # Ann's one answer is still there
    new = s2.create_workshop(checklist, initiatives, workshop_id="new", lang="nb")
    assert new.lang == "nb"
    s2.close()

    s3 = WorkshopStore(location)  # opening again adds nothing twice
    assert [s3.workshop(w).lang for w in ("old", "new")] == [None, "nb"]
    s3.close()


def columns(location: str) -> set[str]:
    if location.startswith("postgresql://"):
        rows = raw_sql(
            location,
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'workshops'",
        )
    else:
        rows = [(r[1],) for r in raw_sql(location, "PRAGMA table_info(workshops)")]
    return {r[0] for r in rows}
