"""The participants' web server: a plain page and a small JSON API, standard library only.

One process serves one workshop (:class:`WorkshopServer`); every request runs in its own
thread and reads or writes the :class:`~orgmodel.workshop.store.WorkshopStore`.

API (JSON in, JSON out; every refusal is a 4xx with ``{"error": ..., "problems": [...]}``
and changes nothing):

``POST /api/join`` ``{"code": "K7Q2MX", "name": "Anna"}``
    201 ``{"token": ..., "label": "Anna"}``; 403 with a wrong code or a refused name
    (markup, control characters, empty, too long); 429 after too many wrong codes from
    one address in a minute.
``GET /api/form`` (``Authorization: Bearer TOKEN``)
    The checklist's criteria with their scale labels, the initiatives, the current round
    and this participant's own answers in it -- never anyone else's.
``GET /api/round`` (token)
    ``{"number": 2, "status": "open"}``, for the page to notice a closed or new round.
``POST /api/answers`` (token) ``{"round": 1, "answers": [{"initiative", "criterion", "value"}]}``
    200 ``{"stored": n}``; 403 for an unknown token, 409 for a closed or old round, 422
    listing every answer that does not fit the checklist.

The page is in the server's language (``lang``: English, Swedish or Norwegian; default the
workshop's stored language, else the checklist's), or in the one ``/?lang=sv`` asks for. Every participant of the workshop is
served by this one process, so the language is never the session's
(:func:`orgmodel.i18n.set_language`): each request is rendered with an explicit ``lang``,
its ``Accept-Language`` header's when that names one of the three (the page's script sends
the page's language), else the server's. The API's own refusals (wrong join code, no
token) and the criteria's labels follow it.

Bodies must be ``application/json`` (415 otherwise), carry a Content-Length (411) of at
most ``max_body`` bytes (413, the body is not read) and parse as a JSON object (400).

>>> from orgmodel.prioritise import Checklist, Criterion
>>> from orgmodel.workshop.store import WorkshopStore
>>> store = WorkshopStore(":memory:")
>>> ws = store.create_workshop(Checklist("d", {"en": "D"}, criteria=[Criterion("need", {"en": "Need"})]),
...                            ["a", "b"], join_code="K7Q2MX")
>>> with WorkshopServer(store, ws.id, port=0) as server:   # a free port on 127.0.0.1
...     server.url.startswith("http://127.0.0.1:")
True
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import defaultdict, deque
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from orgmodel.i18n import UnknownLanguageError, check_language, t
from orgmodel.workshop.errors import WorkshopError
from orgmodel.workshop.page import SCRIPT, STYLE, index_html
from orgmodel.workshop.store import WorkshopStore

__all__ = ["DEFAULT_MAX_BODY", "WorkshopServer", "form_data"]

log = logging.getLogger(__name__)

#: Largest request body accepted (bytes): 60 initiatives x 20 criteria fit several times.
DEFAULT_MAX_BODY = 256 * 1024
#: Wrong join codes accepted from one address per minute before joining is refused (429).
MAX_FAILED_JOINS_PER_MINUTE = 20

_SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        "img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


class _Refusal(Exception):
    def __init__(self, status: int, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.status = status
        self.problems = problems or []


def _language_or_none(text: Any) -> str | None:
    """The language code ``text`` names (``"sv"``, ``"nb-NO"``...), or ``None``."""
    try:
        return check_language(str(text)) if text else None
    except UnknownLanguageError:
        return None


def form_data(store: WorkshopStore, token: str, lang: str | None = None) -> dict[str, Any]:
    """What the page needs to show a participant's form: criteria, initiatives, own answers.

    Labels are in ``lang`` where the checklist has them (default: the checklist's own
    language; a label missing in ``lang`` falls back as the checklist does). ``options``
    lists a labelled scale's ``{"label", "value"}`` pairs best first (empty for a numeric
    scale, which has ``min``/``max``).
    """
    who = store.participant(token)
    workshop = store.workshop(who.workshop_id)
    checklist = workshop.checklist
    lang = checklist.language if lang is None else lang
    current = store.current_round(workshop.id)
    answers = store.answers_of(token, current.number)
    return {
        "title": workshop.title,
        "participant": {"label": who.label},
        "round": {"number": current.number, "status": current.status},
        "criteria": [
            {
                "id": c.id,
                "label": c.text(lang),
                "options": [{"label": lab, "value": v} for lab, v in c.scale.options(lang)],
                "min": c.scale.minimum,
                "max": c.scale.maximum,
            }
            for c in checklist.criteria
        ],
        "initiatives": [
            {"id": i.id, "name": i.name, "description": i.description} for i in workshop.initiatives
        ],
        "answers": [
            {"initiative": a, "criterion": c, "value": v}
            for a, c, v in answers[["initiative", "criterion", "value"]].itertuples(index=False)
        ],
    }


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    protocol_version = "HTTP/1.1"
    # headers and body go out in two writes: without TCP_NODELAY, Nagle's algorithm and
    # the client's delayed ACK hold the body back for ~40 ms on a kept-alive connection
    disable_nagle_algorithm = True
    server_version = "orgmodel-workshop"
    sys_version = ""

    # ---- plumbing -----------------------------------------------------------------------
    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s " + format, self.address_string(), *args)

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in _SECURITY_HEADERS.items():
            self.send_header(k, v)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, data: Any) -> None:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        self._send(status, body, "application/json; charset=utf-8")

    def _refuse(self, status: int, message: str, problems: list[str] | None = None) -> None:
        self._json(status, {"error": message, "problems": problems or []})

    def _lang(self) -> str:
        """This request's language: its Accept-Language's first, if ours, else the server's."""
        first = self.headers.get("Accept-Language", "").split(",")[0].split(";")[0].strip()
        return _language_or_none(first) or self.server.lang

    def _say(self, key: str) -> str:
        return t(f"workshop.{key}", self._lang())

    def _token(self) -> str:
        auth = self.headers.get("Authorization", "")
        if not auth.startswith("Bearer ") or not auth[7:].strip():
            raise _Refusal(HTTPStatus.FORBIDDEN, self._say("no_token"))
        return auth[7:].strip()

    def _body(self) -> dict[str, Any]:
        ctype = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        length_text = self.headers.get("Content-Length")
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True
            raise _Refusal(HTTPStatus.LENGTH_REQUIRED, "send a Content-Length, not chunks")
        if length_text is None:
            self.close_connection = True
            raise _Refusal(HTTPStatus.LENGTH_REQUIRED, "a Content-Length is required")
        try:
            length = int(length_text)
            if length < 0:
                raise ValueError
        except ValueError:
            self.close_connection = True
            raise _Refusal(HTTPStatus.BAD_REQUEST, "Content-Length is not a number") from None
        if length > self.server.max_body:
            self.close_connection = True  # the body is not read: drop the connection
            raise _Refusal(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                f"request body of {length} bytes; at most {self.server.max_body}",
            )
        raw = self.rfile.read(length)
        if ctype != "application/json":
            raise _Refusal(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                f"send application/json, not {ctype or 'no Content-Type'}",
            )
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise _Refusal(HTTPStatus.BAD_REQUEST, f"malformed JSON: {exc}") from None
        except RecursionError:
            raise _Refusal(HTTPStatus.BAD_REQUEST, "malformed JSON: nested too deeply") from None
        if not isinstance(data, dict):
            raise _Refusal(HTTPStatus.BAD_REQUEST, "the body must be a JSON object")
        return data

    def _dispatch(self, routes: dict[str, Any]) -> None:
        path = urlsplit(self.path).path
        handler = routes.get(path)
        try:
            if handler is None:
                if path in self.server.routes_any:
                    raise _Refusal(HTTPStatus.METHOD_NOT_ALLOWED, f"{self.command} {path}")
                raise _Refusal(HTTPStatus.NOT_FOUND, f"no page {path}")
            handler()
        except _Refusal as exc:
            self._refuse(exc.status, str(exc), exc.problems)
        except WorkshopError as exc:
            problems = getattr(exc, "problems", [])
            self._refuse(exc.status, str(exc), problems)
        except Exception:  # a bug: log it, refuse politely, keep serving
            log.exception("workshop server: %s %s", self.command, path)
            self._refuse(HTTPStatus.INTERNAL_SERVER_ERROR, "internal error; nothing was changed")

    def do_GET(self) -> None:
        self._dispatch(
            {
                "/": self._index,
                "/app.js": lambda: self._send(
                    200, SCRIPT.encode(), "text/javascript; charset=utf-8"
                ),
                "/app.css": lambda: self._send(200, STYLE.encode(), "text/css; charset=utf-8"),
                "/api/form": self._form,
                "/api/round": self._round,
                "/favicon.ico": lambda: self._send(204, b"", "image/x-icon"),
            }
        )

    do_HEAD = do_GET

    def do_POST(self) -> None:
        self._dispatch({"/api/join": self._join, "/api/answers": self._answers})

    def do_PUT(self) -> None:
        self._dispatch({})

    do_DELETE = do_PATCH = do_PUT

    # ---- routes -------------------------------------------------------------------------
    def _index(self) -> None:
        s = self.server
        query = parse_qs(urlsplit(self.path).query)
        lang = _language_or_none(query.get("lang", [""])[0]) or s.lang
        code = query.get("code", [""])[0][:20] or None
        body = index_html(s.title, s.workshop_id, lang, code).encode("utf-8")
        self._send(200, body, "text/html; charset=utf-8")

    def _form(self) -> None:
        token = self._token()
        self._check_workshop(token)
        self._json(200, form_data(self.server.store, token, self._lang()))

    def _round(self) -> None:
        token = self._token()
        self._check_workshop(token)
        r = self.server.store.current_round(self.server.workshop_id)
        self._json(200, {"number": r.number, "status": r.status})

    def _check_workshop(self, token: str) -> None:
        who = self.server.store.participant(token)
        if who.workshop_id != self.server.workshop_id:
            raise _Refusal(HTTPStatus.FORBIDDEN, self._say("unknown_participant"))

    def _join(self) -> None:
        host = self.client_address[0]
        if self.server.failed_joins(host) >= MAX_FAILED_JOINS_PER_MINUTE:
            raise _Refusal(HTTPStatus.TOO_MANY_REQUESTS, self._say("too_many_codes"))
        data = self._body()
        store = self.server.store
        if not store.check_join_code(self.server.workshop_id, data.get("code")):
            self.server.note_failed_join(host)
            raise _Refusal(HTTPStatus.FORBIDDEN, self._say("wrong_code"))
        who = store.join(self.server.workshop_id, data.get("code"), data.get("name"))
        self._json(HTTPStatus.CREATED, {"token": who.token, "label": who.label})

    def _answers(self) -> None:
        token = self._token()
        data = self._body()
        self._check_workshop(token)
        unknown = sorted(set(data) - {"round", "answers"})
        if unknown or "answers" not in data or "round" not in data:
            raise _Refusal(
                HTTPStatus.BAD_REQUEST,
                'send {"round": N, "answers": [...]}'
                + (f"; unknown keys: {', '.join(map(str, unknown))[:200]}" if unknown else ""),
            )
        stored = self.server.store.submit(token, data["round"], data["answers"])
        self._json(200, {"stored": stored})


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(
        self, address, store: WorkshopStore, workshop_id: str, max_body: int, lang: str | None
    ):
        self.store = store
        self.workshop_id = workshop_id
        workshop = store.workshop(workshop_id)
        self.title = workshop.title
        self.lang = (
            check_language(lang)
            if lang is not None
            else workshop.lang or _language_or_none(workshop.checklist.language) or "en"
        )
        self.max_body = max_body
        self.routes_any = {"/", "/app.js", "/app.css", "/api/form", "/api/round", "/api/join",
                           "/api/answers", "/favicon.ico"}  # fmt: skip
        self._failed: dict[str, deque[float]] = defaultdict(deque)
        self._failed_lock = threading.Lock()
        super().__init__(address, _Handler)

    def failed_joins(self, host: str) -> int:
        with self._failed_lock:
            q = self._failed[host]
            while q and q[0] < time.monotonic() - 60:
                q.popleft()
            return len(q)

    def note_failed_join(self, host: str) -> None:
        with self._failed_lock:
            self._failed[host].append(time.monotonic())


class WorkshopServer:
    """Serve a stored workshop to the participants' browsers.

    Parameters
    ----------
    store
        Where answers go.
    workshop_id
        The workshop to serve (one per server).
    host, port
        Where to listen; port 0 picks a free one. Use ``host="0.0.0.0"`` only on a network
        you trust: the participants' devices must reach it, and traffic is plain HTTP.
    max_body
        Largest request body accepted, in bytes.
    lang
        The page's language: ``"en"``, ``"sv"`` or ``"nb"`` (default: the one kept with the
        workshop, :attr:`Workshop.lang <orgmodel.workshop.store.Workshop>`, else the
        checklist's); it is not stored.
        Participants may switch on the page; the server never changes the session's.

    Use :meth:`start` (a background thread, e.g. in a notebook) and :meth:`stop`, or
    :meth:`serve_forever` (the command line). Also a context manager.
    """

    def __init__(
        self,
        store: WorkshopStore,
        workshop_id: str,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        max_body: int = DEFAULT_MAX_BODY,
        lang: str | None = None,
    ):
        self.store = store
        self.workshop_id = workshop_id
        self._httpd = _HTTPServer((host, port), store, workshop_id, max_body, lang)
        self._thread: threading.Thread | None = None

    @property
    def host(self) -> str:
        return str(self._httpd.server_address[0])

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def lang(self) -> str:
        """The page's language (participants may choose another on the page)."""
        return self._httpd.lang

    @property
    def url(self) -> str:
        """The address participants open (the join code is not in it)."""
        return f"http://{self.host}:{self.port}/"

    @property
    def join_code(self) -> str:
        return self.store.workshop(self.workshop_id).join_code

    def join_url(self, public_host: str | None = None) -> str:
        """The address with the join code filled in (for a QR code), on ``public_host``."""
        return f"http://{public_host or self.host}:{self.port}/?code={self.join_code}"

    def start(self) -> WorkshopServer:
        """Serve in a background (daemon) thread; returns at once."""
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._httpd.serve_forever,
                kwargs={"poll_interval": 0.2},
                name=f"workshop-{self.workshop_id}",
                daemon=True,
            )
            self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in this thread until interrupted (Ctrl-C) or :meth:`stop`."""
        self._httpd.serve_forever(poll_interval=0.2)

    def stop(self) -> None:
        """Stop serving and free the port (the store stays open)."""
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(10)
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> WorkshopServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
