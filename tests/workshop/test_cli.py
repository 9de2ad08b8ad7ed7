"""``orgmodel workshop serve`` and ``export``: a real process on 127.0.0.1, stopped with Ctrl-C."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
import urllib.request

import pandas as pd
import pytest

from orgmodel.workshop.cli import main_workshop, read_initiatives

RUN = "from orgmodel.workshop.cli import main_workshop; import sys; sys.exit(main_workshop())"


def serve(tmp_path, *extra):
    ini = tmp_path / "initiatives.csv"
    ini.write_text("id,name\nerp,Felles ERP\nvelferd,Velferdsteknologi\n", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-c", RUN, "serve", "ks-prioriteringskriterier", str(ini),
         "--db", str(tmp_path / "ws.sqlite"), "--port", "0", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    lines = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        if line.startswith("Ctrl-C"):
            return proc, "".join(lines)
    proc.kill()
    raise RuntimeError("server did not start:\n" + "".join(lines) + proc.stdout.read())


def stop(proc):
    proc.send_signal(signal.SIGINT)
    try:
        assert proc.wait(20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()


def post(url, body, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(url, json.dumps(body).encode(), headers, method="POST")
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.loads(resp.read())


def test_serve_prints_address_and_code_and_resumes_after_a_restart(tmp_path):
    proc, out = serve(tmp_path, "--join-code", "ABCD23", "--qr", "--lang", "sv")
    try:
        url = re.search(r"Address:\s+(http://127\.0\.0\.1:\d+/)", out).group(1)
        assert "Join code: ABCD23" in out and "Round 1: open" in out
        assert "Language: sv" in out  # the template is Norwegian ("nb"): --lang chose sv
        assert "\u2588" in out or "segno" in out  # a QR code, or how to get one
        token = post(url + "api/join", {"code": "abcd23", "name": "Kari"})["token"]
        stored = post(url + "api/answers", {"round": 1, "answers": [
            {"initiative": "erp", "criterion": "langsiktig-betydning", "value": "ja"}]}, token)  # fmt: skip
        assert stored == {"stored": 1}
    finally:
        stop(proc)
    proc, out = serve(tmp_path)
    try:
        assert "(resumed)" in out and "Join code: ABCD23" in out
        assert "Language: sv" in out  # kept with the workshop: no --lang needed again
    finally:
        stop(proc)
    xlsx = tmp_path / "out.xlsx"
    assert main_workshop(["export", "--db", str(tmp_path / "ws.sqlite"), "-o", str(xlsx)]) == 0
    ratings = pd.read_excel(xlsx, sheet_name="ratings")
    assert ratings[["rater", "alternative", "score"]].values.tolist() == [["Kari", "erp", 1]]


def test_export_of_a_missing_database_fails_clearly(tmp_path, capsys):
    assert main_workshop(["export", "--db", str(tmp_path / "no.sqlite"), "-o", "x.xlsx"]) == 2
    assert "No such workshop database" in capsys.readouterr().err


def test_read_initiatives_from_csv_names_a_missing_id_column(tmp_path):
    p = tmp_path / "i.csv"
    p.write_text("name\nA\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no column 'id'"):
        read_initiatives(p)
    p.write_text("id,name\na,A\n,B\n", encoding="utf-8")
    with pytest.raises(ValueError, match="row 3: empty id"):
        read_initiatives(p)
