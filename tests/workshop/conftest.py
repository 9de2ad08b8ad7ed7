"""Shared fixtures: a small checklist, three initiatives and a store on each backend.

``location`` is an SQLite file, or -- when PostgreSQL's ``initdb``/``pg_ctl`` and the
``psycopg`` package are installed -- a fresh database on a throwaway PostgreSQL server
that this session starts on 127.0.0.1 and removes afterwards. Without them the PostgreSQL
variants are skipped, with the reason.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid

import pytest

from orgmodel.prioritise.checklist import Checklist, Criterion, Scale
from orgmodel.workshop.store import WorkshopStore

JOIN_CODE = "K7Q2MX"


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_server():
    """The base URL of a throwaway PostgreSQL server on 127.0.0.1 (skips when unavailable)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed (pip install 'psycopg[binary]')")
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.skip("PostgreSQL's initdb/pg_ctl are not installed")
    as_user: list[str] = []
    folder = tempfile.mkdtemp(prefix="orgmodel-pg-")
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        if not shutil.which("runuser"):
            pytest.skip("running as root without runuser: cannot start PostgreSQL")
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(folder, "postgres")
    data, port = os.path.join(folder, "data"), _free_port()
    try:
        subprocess.run([*as_user, initdb, "-D", data, "-A", "trust", "-U", "postgres",
                        "--no-sync", "-E", "UTF8"], check=True, capture_output=True)  # fmt: skip
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run([*as_user, pg_ctl, "-D", data, "-o", options, "-w", "-t", "60",
                        "-l", os.path.join(folder, "log"), "start"],
                       check=True, capture_output=True)  # fmt: skip
    except (subprocess.CalledProcessError, OSError) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip(f"could not start PostgreSQL: {exc}")
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/"
    finally:
        subprocess.run([*as_user, pg_ctl, "-D", data, "-m", "fast", "-w", "stop"],
                       capture_output=True)  # fmt: skip
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, tmp_path) -> str:
    """Where a test's store lives: an SQLite file or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "workshop.sqlite")
    base = request.getfixturevalue("postgres_server")  # skips, with the reason, when unavailable
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base + "postgres", autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name}")
    return base + name


def count_rows(location: str, table: str) -> int:
    """Rows in ``table``, counted straight from the database, past the store."""
    assert table in {"workshops", "rounds", "participants", "answers"}
    if location.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(location) as con:
            return con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    import sqlite3

    con = sqlite3.connect(location)
    try:
        return con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def checklist() -> Checklist:
    # "need" on ja/delvis/nei (1 / 0.5 / 0), weight 2; "effect" on 1-5, weight 1
    return Checklist(
        "demo",
        {"en": "Demo workshop", "nb": "Demo-verksted"},
        language="en",
        criteria=[
            Criterion("need", {"en": "Meets a need", "nb": "Dekker et behov"}, weight=2),
            Criterion("effect", {"en": "Effect"}, scale=Scale.one_to_five(), weight=1),
        ],
    )


@pytest.fixture
def initiatives() -> dict[str, str]:
    return {"a": "Alpha", "b": "Beta", "c": "Gamma"}


@pytest.fixture
def rows(location):
    """``rows("answers")``: rows in a table of the test's database, counted directly."""
    return lambda table: count_rows(location, table)


@pytest.fixture
def store(location):
    s = WorkshopStore(location)
    yield s
    s.close()


@pytest.fixture
def workshop(store, checklist, initiatives):
    return store.create_workshop(checklist, initiatives, join_code=JOIN_CODE, workshop_id="w1")
