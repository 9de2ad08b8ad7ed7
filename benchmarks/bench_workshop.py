"""Load test of workshop mode on loopback: many participants, one server, nothing lost.

Starts ``orgmodel workshop serve`` as its own process on 127.0.0.1 (a temporary SQLite
file, KS's ten prioritisation criteria, ``--initiatives`` initiatives), lets
``--participants`` simulated participants (threads with their own keep-alive connection)
join and submit answers for ``--seconds`` seconds -- mostly one to three changed answers,
every tenth time the whole form, each followed by a random think time -- while the
facilitator's view refreshes once a second from the same database. Then it checks that
nothing was lost: the answers table must hold exactly one row per (participant,
initiative, criterion) ever answered, each with the value the server last acknowledged.

Prints a table: requests, errors, throughput, latency p50/p95/p99/max, rows expected and
found, lost and wrong rows, and the facilitator's refresh times. Exits 1 if anything was
lost or wrong. Every loop is bounded by time and by ``--max-requests`` per participant.

    python benchmarks/bench_workshop.py                 # 60 participants, 60 s
    python benchmarks/bench_workshop.py --seconds 10    # a quick run
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

RUN = "from orgmodel.workshop.cli import main_workshop; import sys; sys.exit(main_workshop())"
JOIN_CODE = "BENCH7"


def start_server(folder: Path, initiatives: int) -> tuple[subprocess.Popen, str, int]:
    ini = folder / "initiatives.txt"
    ini.write_text("".join(f"i{k:02d}: Initiative {k}\n" for k in range(initiatives)))
    db = folder / "workshop.sqlite"
    proc = subprocess.Popen(
        [sys.executable, "-c", RUN, "serve", "ks-prioriteringskriterier", str(ini),
         "--db", str(db), "--host", "127.0.0.1", "--port", "0", "--join-code", JOIN_CODE],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    out = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        out.append(line)
        m = re.search(r"Address:\s+http://127\.0\.0\.1:(\d+)/", line)
        if m:
            threading.Thread(target=proc.stdout.read, daemon=True).start()  # drain
            return proc, str(db), int(m.group(1))
    proc.kill()
    raise RuntimeError("the workshop server did not start:\n" + "".join(out))


class Participant(threading.Thread):
    def __init__(self, n, port, cells, options, until, think, max_requests, seed):
        super().__init__(name=f"participant-{n}", daemon=True)
        self.n, self.port, self.cells, self.options = n, port, cells, options
        self.until, self.think, self.max_requests = until, think, max_requests
        self.rng = random.Random(seed)
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.acknowledged: dict[tuple[str, str], float] = {}
        self.uncertain: set[tuple[str, str]] = set()
        self.label = ""

    def call(self, con, method, path, body, token=None):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        data = json.dumps(body).encode()
        t0 = time.perf_counter()
        con.request(method, path, body=data, headers=headers)
        resp = con.getresponse()
        payload = resp.read()
        self.latencies.append(time.perf_counter() - t0)
        return resp.status, json.loads(payload)

    def run(self) -> None:
        con = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            status, data = self.call(
                con, "POST", "/api/join", {"code": JOIN_CODE, "name": f"p{self.n}"}
            )
            if status != 201:
                self.errors.append(f"join {status}: {data}")
                return
            token, self.label = data["token"], data["label"]
            for k in range(self.max_requests):
                if time.monotonic() >= self.until:
                    break
                chosen = (
                    self.cells
                    if k % 10 == 9
                    else self.rng.sample(self.cells, self.rng.randint(1, 3))
                )
                batch = {cell: self.rng.choice(self.options) for cell in chosen}
                body = {"round": 1, "answers": [
                    {"initiative": i, "criterion": c, "value": v} for (i, c), v in batch.items()]}  # fmt: skip
                try:
                    status, data = self.call(con, "POST", "/api/answers", body, token)
                except (OSError, http.client.HTTPException) as exc:
                    self.errors.append(f"{type(exc).__name__}: {exc}")
                    self.uncertain.update(batch)  # may or may not have been stored
                    con.close()
                    con = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                    continue
                if status == 200:
                    self.acknowledged.update(batch)
                else:
                    self.errors.append(f"answers {status}: {data.get('error')}")
                if self.think:
                    time.sleep(self.rng.uniform(0, 2 * self.think))
        except (OSError, http.client.HTTPException) as exc:
            self.errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            con.close()


def facilitator(db: str, until: float, times: list[float], problems: list[str]) -> None:
    from orgmodel.widgets.facilitator import FacilitatorView
    from orgmodel.workshop.store import WorkshopStore

    store = WorkshopStore(db)
    try:
        view = FacilitatorView(store, auto_refresh=None)
        while time.monotonic() < until:
            t0 = time.monotonic()
            try:
                view.refresh()
                times.append(view.last_refresh_seconds)
            except Exception as exc:  # reported in the table
                problems.append(f"{type(exc).__name__}: {exc}")
            time.sleep(max(0.0, 1.0 - (time.monotonic() - t0)))
        view.stop()
    finally:
        store.close()


def ms(values, q) -> str:
    return f"{np.percentile(values, q) * 1000:.1f}" if len(values) else "-"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--participants", type=int, default=60)
    p.add_argument("--seconds", type=float, default=60.0)
    p.add_argument("--initiatives", type=int, default=8)
    p.add_argument("--think", type=float, default=0.1, help="mean think time between sends (s)")
    p.add_argument("--max-requests", type=int, default=100_000, help="per participant")
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args(argv)

    from orgmodel.prioritise.checklist import load_template

    checklist = load_template("ks-prioriteringskriterier")
    cells = [(f"i{k:02d}", c) for k in range(args.initiatives) for c in checklist.criterion_ids]
    options = ["ja", "delvis", "nei", 1, 0.5, 0]  # labels and numbers, as pages and scripts send

    with tempfile.TemporaryDirectory() as tmp:
        proc, db, port = start_server(Path(tmp), args.initiatives)
        try:
            t_start = time.monotonic()
            until = t_start + args.seconds
            people = [
                Participant(n, port, cells, options, until, args.think, args.max_requests, args.seed * 1000 + n)
                for n in range(args.participants)
            ]  # fmt: skip
            refresh_times: list[float] = []
            refresh_problems: list[str] = []
            watcher = threading.Thread(
                target=facilitator, args=(db, until, refresh_times, refresh_problems), daemon=True
            )
            watcher.start()
            for person in people:
                person.start()
            for person in people:
                person.join(args.seconds + 120)
            watcher.join(60)
            elapsed = time.monotonic() - t_start
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()

        con = sqlite3.connect(db)
        rows = con.execute(
            "SELECT p.label, a.initiative, a.criterion, a.value FROM answers a "
            "JOIN participants p ON p.id = a.participant_id"
        ).fetchall()
        con.close()

    found = {(r[0], r[1], r[2]): r[3] for r in rows}
    expected_keys = set()
    lost = wrong = 0
    for person in people:
        for cell, value in person.acknowledged.items():
            key = (person.label, *cell)
            expected_keys.add(key)
            if key not in found:
                lost += 1
            elif cell not in person.uncertain:
                want = checklist.criterion(cell[1]).scale.value(value)
                wrong += found[key] != want
    unexpected = len(set(found) - expected_keys - {
        (person.label, *c) for person in people for c in person.uncertain})  # fmt: skip
    latencies = [x for person in people for x in person.latencies]
    errors = [e for person in people for e in person.errors]

    table = [
        ("participants", f"{args.participants}"),
        ("duration (s)", f"{elapsed:.1f}"),
        ("requests (join + answers)", f"{len(latencies)}"),
        ("errors", f"{len(errors)}"),
        ("requests per second", f"{len(latencies) / elapsed:.0f}"),
        ("latency p50 (ms)", ms(latencies, 50)),
        ("latency p95 (ms)", ms(latencies, 95)),
        ("latency p99 (ms)", ms(latencies, 99)),
        ("latency max (ms)", ms(latencies, 100)),
        ("answer rows expected", f"{len(expected_keys)}"),
        ("answer rows in database", f"{len(rows)}"),
        ("lost", f"{lost}"),
        ("wrong value", f"{wrong}"),
        ("unexpected rows", f"{unexpected}"),
        ("facilitator refreshes", f"{len(refresh_times)}"),
        ("refresh p50 (ms)", ms(refresh_times, 50)),
        ("refresh p95 (ms)", ms(refresh_times, 95)),
        ("refresh max (ms)", ms(refresh_times, 100)),
        ("refresh errors", f"{len(refresh_problems)}"),
    ]
    load = os.getloadavg()
    print(
        f"workshop load test: KS checklist ({len(checklist.criteria)} criteria) x "
        f"{args.initiatives} initiatives, think {args.think} s, seed {args.seed}; "
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, load {load[0]:.1f}"
    )
    width = max(len(k) for k, _ in table)
    print(f"| {'metric':<{width}} | {'value':>9} |")
    print(f"|{'-' * (width + 2)}|{'-' * 11}|")
    for k, v in table:
        print(f"| {k:<{width}} | {v:>9} |")
    for e in (errors + refresh_problems)[:10]:
        print("  error:", e)
    ok = lost == 0 and wrong == 0 and unexpected == 0 and len(rows) == len(found)
    print("nothing lost" if ok else "ANSWERS LOST OR WRONG")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
