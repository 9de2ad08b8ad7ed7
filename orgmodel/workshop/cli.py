"""``orgmodel workshop ...``: serve a workshop from the command line, export its results.

``orgmodel workshop serve CHECKLIST INITIATIVES [--db FILE] [--host 127.0.0.1] [--port N] [--lang sv]``
    CHECKLIST is a checklist file (``.yaml``) or the name of a shipped template
    (``ks-prioriteringskriterier``); INITIATIVES a ``.csv``/``.xlsx`` file (column ``id``,
    optional ``name`` and ``description``) or a text file with one initiative a line
    (``id: name`` or just a name). Prints the address and the join code (and a QR code
    with ``--qr`` when ``segno`` is installed), then serves until Ctrl-C. Started again on
    the same ``--db`` it resumes the workshop: nothing is lost. ``--db`` may also be a
    ``postgresql://`` URL (with ``psycopg`` installed); ``--workshop ID`` then picks one of
    the workshops kept there. ``--lang`` (``en``, ``sv`` or ``nb``) is the language of the
    participants' page; it is kept with a new workshop, so a resumed one keeps it unless
    ``--lang`` is given again (which counts for that run only). Default: the checklist's
    language. Participants may switch on the page.
``orgmodel workshop export --db FILE -o OUT.xlsx [--round N]``
    The round's decision record (group scores and ranking, every rating, the
    disagreement, Kendall's W) as an Excel workbook.

The main command line adds these with :func:`add_workshop_commands`.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from orgmodel.errors import FormatError
from orgmodel.prioritise.checklist import (
    Checklist,
    Initiative,
    list_templates,
    load_checklist,
    load_template,
)

__all__ = ["add_workshop_commands", "main_workshop", "read_checklist", "read_initiatives"]


def read_checklist(spec: str) -> Checklist:
    """A checklist from a file, or a shipped template by name."""
    if spec in list_templates() and not Path(spec).exists():
        return load_template(spec)
    path = Path(spec)
    if not path.exists():
        raise FileNotFoundError(2, "No such checklist file or template", spec)
    return load_checklist(path)


def read_initiatives(path: str | Path) -> list[Initiative]:
    """Initiatives from ``.csv``/``.xlsx`` (columns ``id``, ``name``, ``description``) or text.

    In a text file each non-empty line not starting with ``#`` is an initiative:
    ``id: name`` or just a name (which is then also the id).

    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = os.path.join(d, "ini.txt")
    ...     _ = open(p, "w", encoding="utf-8").write("erp: Felles ERP\\n# note\\nVelferdsteknologi\\n")
    ...     [(i.id, i.name) for i in read_initiatives(p)]
    [('erp', 'Felles ERP'), ('Velferdsteknologi', 'Velferdsteknologi')]
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in (".csv", ".xlsx", ".xls"):
        frame = pd.read_csv(p, dtype=str) if suffix == ".csv" else pd.read_excel(p, dtype=str)
        frame.columns = [str(c).strip().lower() for c in frame.columns]
        if "id" not in frame.columns:
            raise FormatError(
                f"{p}: no column 'id'; columns are {', '.join(frame.columns)} "
                "(need id, optionally name and description)"
            )
        problems = [
            f"{p}, row {n + 2}: empty id" for n, v in enumerate(frame["id"]) if pd.isna(v) or not v
        ]
        if problems:
            raise FormatError("; ".join(problems))
        return [
            Initiative(
                str(row["id"]).strip(),
                str(row.get("name") or "").strip() if pd.notna(row.get("name")) else "",
                str(row.get("description") or "").strip()
                if pd.notna(row.get("description"))
                else "",
            )
            for _, row in frame.iterrows()
        ]
    items = []
    for line in p.read_text(encoding="utf-8").splitlines():
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        m = re.match(r"^([^:]{1,80}):\s*(.+)$", text)
        items.append(Initiative(m.group(1).strip(), m.group(2).strip()) if m else Initiative(text))
    if not items:
        raise FormatError(f"{p}: no initiatives (one a line: 'id: name' or a name)")
    return items


def _language(text: str) -> str:
    """``--lang``: en, sv or nb (argparse shows the error, listing them)."""
    from orgmodel.i18n import UnknownLanguageError, check_language

    try:
        return check_language(text)
    except UnknownLanguageError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _qr_text(url: str) -> str | None:
    try:
        import segno
    except ImportError:
        return None
    import io

    out = io.StringIO()
    segno.make(url, error="m").terminal(out=out, compact=True)
    return out.getvalue()


def _cmd_serve(args: argparse.Namespace) -> int:
    from orgmodel.workshop.server import WorkshopServer
    from orgmodel.workshop.store import open_store

    checklist = read_checklist(args.checklist)
    initiatives = read_initiatives(args.initiatives)
    db = args.db or f"workshop-{checklist.id}.sqlite"
    store = open_store(db)
    ids = store.workshop_ids()
    if args.workshop is not None:
        ids = [w for w in ids if w == args.workshop]
    if ids:
        workshop = store.workshop(ids[-1])
        if workshop.checklist.id != checklist.id:
            raise FormatError(
                f"{store.name} holds a workshop on checklist {workshop.checklist.id!r}, not "
                f"{checklist.id!r}; give another --db"
            )
        resumed = True
    else:
        workshop = store.create_workshop(
            checklist,
            initiatives,
            title=args.title,
            join_code=args.join_code,
            workshop_id=args.workshop,
            lang=args.lang,
        )
        resumed = False
    server = WorkshopServer(store, workshop.id, args.host, args.port, lang=args.lang)
    current = store.current_round(workshop.id)
    print(f"Workshop: {workshop.title}")
    print(f"Database: {store.name}" + (" (resumed)" if resumed else ""))
    print(f"Address:  {server.url}")
    print(f"Language: {server.lang}")
    print(f"Join code: {workshop.join_code}")
    print(f"Round {current.number}: {current.status}")
    if args.qr:
        qr = _qr_text(server.join_url(args.public_host))
        print(qr if qr else "(pip install segno to print a QR code)")
    try:  # a Ctrl-C right after the line below (before serving) still stops cleanly
        print("Ctrl-C stops the server; the answers stay in the database.", flush=True)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        store.close()
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from orgmodel.workshop.results import results_from_store, to_record
    from orgmodel.workshop.store import open_store

    if not args.db.startswith(("postgres://", "postgresql://")) and not Path(args.db).exists():
        raise FileNotFoundError(2, "No such workshop database", args.db)
    store = open_store(args.db)
    try:
        workshop = store.workshop(args.workshop)
        results = results_from_store(store, workshop.id, args.round)
        record = to_record(results, workshop.checklist, workshop.initiatives, decided_by=args.by)
        path = record.to_excel(args.output)
    finally:
        store.close()
    print(f"round {results.round}: {results.n_raters} participant(s) -> {path}")
    return 0


def add_workshop_commands(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``workshop serve`` and ``workshop export`` to the main command line's subparsers."""
    wp = subparsers.add_parser("workshop", help="participants score on their own devices")
    sub = wp.add_subparsers(dest="workshop_command", required=True, metavar="ACTION")
    sp = sub.add_parser("serve", help="serve the scoring page: CHECKLIST INITIATIVES")
    sp.add_argument("checklist", metavar="CHECKLIST", help="checklist .yaml or template name")
    sp.add_argument("initiatives", metavar="INITIATIVES", help=".csv/.xlsx or text file")
    sp.add_argument(
        "--db",
        help="SQLite file (default workshop-<checklist>.sqlite) or postgresql:// URL",
    )
    sp.add_argument(
        "--workshop", default=None, help="workshop id: resume it, or create it with this id"
    )
    sp.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    sp.add_argument("--port", type=int, default=8765, help="port (default 8765; 0 = any free)")
    sp.add_argument("--title", default=None, help="title shown to participants")
    sp.add_argument("--join-code", default=None, help="join code (default: random)")
    sp.add_argument("--qr", action="store_true", help="print a QR code of the join address")
    sp.add_argument("--public-host", default=None, help="host name to put in the QR code")
    sp.add_argument(
        "--lang",
        default=None,
        type=_language,
        help="language of the participants' page: en, sv or nb (kept with a new workshop; "
        "default: the workshop's, else the checklist's)",
    )
    sp.set_defaults(run=_cmd_serve)
    ep = sub.add_parser("export", help="the round's results as an Excel decision record")
    ep.add_argument("--db", required=True, help="the workshop's SQLite file")
    ep.add_argument("-o", "--output", required=True, help="the .xlsx file to write")
    ep.add_argument("--round", type=int, default=None, help="round number (default: current)")
    ep.add_argument("--workshop", default=None, help="workshop id (when the file holds several)")
    ep.add_argument("--by", default="", help="who decided (for the record)")
    ep.set_defaults(run=_cmd_export)
    return wp


def main_workshop(argv: Sequence[str] | None = None) -> int:
    """Run ``orgmodel workshop ...`` on its own (``argv`` without the leading ``workshop``)."""
    from orgmodel.errors import OrgModelError

    parser = argparse.ArgumentParser(prog="orgmodel")
    add_workshop_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["workshop", *(sys.argv[1:] if argv is None else argv)])
    try:
        return int(args.run(args))
    except OrgModelError as e:
        print(f"orgmodel workshop: {e}", file=sys.stderr)
        return 2
    except (FileNotFoundError, IsADirectoryError, PermissionError) as e:
        print(f"orgmodel workshop: {e.strerror}: {e.filename}", file=sys.stderr)
        return 2
