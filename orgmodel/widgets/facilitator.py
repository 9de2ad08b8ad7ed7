"""The facilitator's view of a workshop: join address and code, answers coming in, the group.

:class:`FacilitatorView` is a thin ipywidgets view over a
:class:`~orgmodel.workshop.store.WorkshopStore`. It shows how many have joined and
answered, the group's ranking, where the group disagrees most (per initiative and
criterion, largest spread first) and Kendall's W -- all computed by
:func:`orgmodel.workshop.results.results_from_store`, i.e. by :mod:`orgmodel.prioritise`.
It closes a round, opens the next one, shows how the ranking moved between rounds and
exports the round to Excel as a decision record.

It refreshes on a button and, with ``auto_refresh`` seconds, from a background thread
that only reads the store (SQLite in WAL mode: readers never block the participants'
writes). Refreshes are serialised by a lock, so a click and the timer never interleave.

Elements a browser test looks for carry CSS classes: ``facilitator-join`` (address and
code), ``facilitator-status``, ``facilitator-ranking``, ``facilitator-disagreement``,
``facilitator-kendall``, ``facilitator-change``, ``facilitator-progress``,
``facilitator-refresh``, ``facilitator-close``, ``facilitator-open``,
``facilitator-export``, ``facilitator-errors``.

Labels, headings and the status line are in the language of the trait ``lang`` (default:
the session's, :func:`orgmodel.i18n.get_language`), and so are the criteria when the
checklist has them in that language; changing ``lang`` relabels the view at once.
Initiatives and participants' names are shown as written.
"""

from __future__ import annotations

import datetime as _dt
import html
import threading
import time
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd
import traitlets

from orgmodel.i18n import check_language, get_language, t
from orgmodel.prioritise.checklist import Checklist, Initiative
from orgmodel.workshop.results import RoundResults, compare_rounds, results_from_store, to_record
from orgmodel.workshop.server import WorkshopServer
from orgmodel.workshop.store import WorkshopStore, open_store

__all__ = ["FacilitatorView", "qr_png", "table_html"]


def table_html(frame: pd.DataFrame, css_class: str, *, float_format: str = "{:.3f}") -> str:
    """A DataFrame as an HTML table with every cell escaped.

    >>> table_html(pd.DataFrame({"name": ["<b>x</b>"], "score": [0.5]}), "t")
    '<table class="t"><thead><tr><th>name</th><th>score</th></tr></thead><tbody><tr><td>&lt;b&gt;x&lt;/b&gt;</td><td>0.500</td></tr></tbody></table>'
    """

    def cell(v: Any) -> str:
        if v is None or v is pd.NA or (isinstance(v, float) and v != v):
            return ""
        if isinstance(v, float):
            return float_format.format(v)
        return html.escape(str(v))

    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return (
        f'<table class="{html.escape(css_class)}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def qr_png(text: str, scale: int = 5) -> bytes | None:
    """A QR code of ``text`` as PNG bytes, or ``None`` when ``segno`` is not installed."""
    try:
        import segno
    except ImportError:
        return None
    import io

    buf = io.BytesIO()
    segno.make(text, error="m").save(buf, kind="png", scale=scale, border=2)
    return buf.getvalue()


class FacilitatorView(widgets.VBox):
    """Watch a workshop live, close and open rounds, export the results.

    Parameters
    ----------
    store
        The workshop's store.
    workshop_id
        Which workshop (default: the only one in the store).
    server
        The running participants' server, to show its address (and to stop with
        :meth:`stop` when this view started it).
    public_host
        The host name participants type (e.g. the laptop's address on the room's network);
        default the server's own.
    method
        Ranking method: ``"weighted_sum"``, ``"topsis"`` or ``"promethee_ii"``.
    auto_refresh
        Seconds between automatic refreshes; ``None`` for the button only.
    top
        How many of the largest disagreements to list.
    lang
        Language of the labels: ``"en"``, ``"sv"`` or ``"nb"`` (default: the session's,
        :func:`orgmodel.i18n.get_language`). The trait ``lang`` can be changed later.
    language
        Deprecated name of ``lang``.

    Use :meth:`start` to create (or resume) a workshop, start its server and get the view
    in one call.
    """

    lang = traitlets.Unicode("en")

    @traitlets.validate("lang")
    def _valid_lang(self, proposal: Any) -> str:
        return check_language(proposal["value"])

    def __init__(
        self,
        store: WorkshopStore,
        workshop_id: str | None = None,
        *,
        server: WorkshopServer | None = None,
        public_host: str | None = None,
        method: str = "weighted_sum",
        auto_refresh: float | None = 3.0,
        top: int = 10,
        lang: str | None = None,
        language: str | None = None,
    ):
        if language is not None:
            warnings.warn(
                "FacilitatorView(language=...) is deprecated; use lang=...",
                DeprecationWarning,
                stacklevel=2,
            )
            lang = language if lang is None else lang
        self.store = store
        self.workshop = store.workshop(workshop_id)
        self.workshop_id = self.workshop.id
        self.server = server
        self.public_host = public_host
        self.method = method
        self.top = int(top)
        self.results: RoundResults | None = None
        self.change: pd.DataFrame | None = None
        self.last_refresh_seconds = float("nan")
        self._owns_server = False
        self._quiet = False
        self.progress: pd.DataFrame | None = None
        self._refresh_lock = threading.Lock()
        self._stop = threading.Event()
        self._timer: threading.Thread | None = None
        self._shown: tuple[Any, ...] | None = None  # what _draw showed last, to relabel
        self.set_trait("lang", get_language() if lang is None else lang)

        self._join = widgets.HTML()
        self._join.add_class("facilitator-join")
        self._qr = widgets.Image(format="png", layout=widgets.Layout(width="160px"))
        self._status = widgets.HTML()
        self._status.add_class("facilitator-status")
        self._refresh_button = widgets.Button(icon="refresh")
        self._refresh_button.add_class("facilitator-refresh")
        self._close_button = widgets.Button(button_style="warning")
        self._close_button.add_class("facilitator-close")
        self._open_button = widgets.Button(button_style="info")
        self._open_button.add_class("facilitator-open")
        self._auto = widgets.Checkbox(value=auto_refresh is not None)
        self._export_path = widgets.Text(value=f"workshop-{self.workshop_id}.xlsx")
        self._export_button = widgets.Button(icon="download")
        self._export_button.add_class("facilitator-export")
        self._ranking = widgets.HTML()
        self._ranking.add_class("facilitator-ranking")
        self._kendall = widgets.HTML()
        self._kendall.add_class("facilitator-kendall")
        self._disagreement = widgets.HTML()
        self._disagreement.add_class("facilitator-disagreement")
        self._change = widgets.HTML()
        self._change.add_class("facilitator-change")
        self._progress = widgets.HTML()
        self._progress.add_class("facilitator-progress")
        self._errors = widgets.HTML()
        self._errors.add_class("facilitator-errors")
        self._headings = {key: widgets.HTML() for key in ("ranking", "spread", "progress")}

        self._refresh_button.on_click(lambda _: self._safely(self.refresh))
        self._close_button.on_click(lambda _: self._safely(self.close_round))
        self._open_button.on_click(lambda _: self._safely(self.open_round))
        self._export_button.on_click(lambda _: self._safely(self.export))
        self._interval = float(auto_refresh) if auto_refresh else 3.0
        self._auto.observe(self._on_auto, names="value")

        png = qr_png(self.join_url) if server is not None else None
        if png:
            self._qr.value = png
        else:
            self._qr.layout.display = "none"
        self._relabel()
        super().__init__(
            [
                widgets.HBox([self._qr, self._join]),
                self._status,
                widgets.HBox(
                    [self._refresh_button, self._auto, self._close_button, self._open_button]
                ),
                self._errors,
                self._headings["ranking"],
                self._ranking,
                self._kendall,
                self._headings["spread"],
                self._disagreement,
                self._change,
                self._headings["progress"],
                self._progress,
                widgets.HBox([self._export_path, self._export_button]),
            ]
        )
        self.observe(self._on_lang, names="lang")
        self.refresh()
        if auto_refresh is not None:
            self.start_auto_refresh(auto_refresh)

    # ---- labels -------------------------------------------------------------------------
    def _t(self, key: str, **params: Any) -> str:
        return t(f"facilitator.{key}", self.lang, **params)

    def _headed(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` with its column names as headings in :attr:`lang` (``facilitator.col.*``)."""
        return frame.rename(columns=lambda c: self._t(f"col.{c}"))

    def _relabel(self) -> None:
        """Put every button, heading and the join box in :attr:`lang`."""
        for w, key in (
            (self._refresh_button, "refresh"),
            (self._close_button, "close"),
            (self._open_button, "open"),
            (self._auto, "auto"),
            (self._export_button, "export"),
        ):
            w.description = self._t(key)
        for key, w in self._headings.items():
            w.value = f"<h3>{html.escape(self._t(key))}</h3>"
        self._show_join()

    def _on_lang(self, change: dict[str, Any]) -> None:
        with self._refresh_lock:
            self._relabel()
            if self._shown is not None:
                self._draw(*self._shown)

    # ---- construction -------------------------------------------------------------------
    @classmethod
    def start(
        cls,
        checklist: Checklist,
        initiatives: Iterable[Initiative | str] | Mapping[str, str] | pd.DataFrame,
        *,
        db: str | Path = "workshop.sqlite",
        host: str = "127.0.0.1",
        port: int = 0,
        title: str | None = None,
        join_code: str | None = None,
        workshop_id: str | None = None,
        **options: Any,
    ) -> FacilitatorView:
        """Create the workshop in ``db`` (or resume the one there), serve it and show it.

        ``db`` is an SQLite file or a ``postgresql://`` URL; ``workshop_id`` picks (or
        names) the workshop when the database keeps several. Resuming keeps the
        participants, their tokens and every answer; the checklist must be the same one.
        ``lang`` (in ``options``) is the language of this view and of the participants'
        page; without it the view follows the session and the page the checklist.
        """
        store = open_store(db)
        ids = store.workshop_ids()
        if workshop_id is not None:
            ids = [w for w in ids if w == workshop_id]
        if ids:
            workshop = store.workshop(ids[-1])
            if workshop.checklist.id != checklist.id:
                store.close()
                raise ValueError(
                    f"{store.name} holds a workshop on checklist {workshop.checklist.id!r}, not "
                    f"{checklist.id!r}; choose another db"
                )
        else:
            workshop = store.create_workshop(
                checklist, initiatives, title=title, join_code=join_code, workshop_id=workshop_id
            )
        # the participants' page in the view's language when one is given, else the checklist's
        page_lang = options.get("lang") or options.get("language")
        server = WorkshopServer(store, workshop.id, host, port, lang=page_lang).start()
        view = cls(store, workshop.id, server=server, **options)
        view._owns_server = True
        return view

    # ---- addresses ----------------------------------------------------------------------
    @property
    def url(self) -> str | None:
        """The address participants open, or ``None`` without a server."""
        if self.server is None:
            return None
        return f"http://{self.public_host or self.server.host}:{self.server.port}/"

    @property
    def join_url(self) -> str | None:
        """The address with the join code in it (what the QR code holds)."""
        return None if self.url is None else f"{self.url}?code={self.workshop.join_code}"

    def _show_join(self) -> None:
        address = (
            f"<div>{html.escape(self._t('address'))}: <b>{html.escape(self.url)}</b></div>"
            if self.url
            else ""
        )
        self._join.value = (
            f"<h2>{html.escape(self.workshop.title)}</h2>{address}"
            f"<div>{html.escape(self._t('code'))}: <b style='font-size:2em;letter-spacing:.15em'>"
            f"{html.escape(self.workshop.join_code)}</b></div>"
        )

    # ---- actions ------------------------------------------------------------------------
    def _safely(self, action: Any) -> None:
        try:
            action()
            self._errors.value = ""
        except Exception as exc:  # shown to the facilitator, not swallowed
            self._errors.value = f"<pre style='color:#a00'>{html.escape(str(exc))}</pre>"

    def refresh(self) -> RoundResults:
        """Read the store, recompute the round's results and redraw; returns the results."""
        with self._refresh_lock:
            t0 = time.perf_counter()
            current = self.store.current_round(self.workshop_id)
            results = results_from_store(self.store, self.workshop_id, method=self.method)
            progress = self.store.progress(self.workshop_id, current.number)
            change = None
            if current.number > 1:
                before = results_from_store(
                    self.store, self.workshop_id, current.number - 1, method=self.method
                )
                change = compare_rounds(before, results)
            self._draw(current, results, progress, change)
            self.results, self.change, self.progress = results, change, progress
            self.last_refresh_seconds = time.perf_counter() - t0
        return results

    def _draw(
        self, current, results: RoundResults, progress: pd.DataFrame, change, stamp: str = ""
    ) -> None:
        e = html.escape
        state = self._t("state.open" if current.is_open else "state.closed")
        answering = int((progress["answered"] > 0).sum())
        stamp = stamp or _dt.datetime.now().strftime("%H:%M:%S")
        self._shown = (current, results, progress, change, stamp)
        self._status.value = (
            f"<b>{e(self._t('round', n=current.number))}</b> ({e(state)}) &middot; "
            f"{e(self._t('joined', n=len(progress)))} &middot; "
            f"{e(self._t('answering', n=answering))} &middot; "
            f"{e(self._t('complete', n=results.n_complete))} &middot; <small>{stamp}</small>"
        )
        self._close_button.disabled = not current.is_open
        if len(results.ratings) == 0:
            self._ranking.value = f"<p>{e(self._t('nobody'))}</p>"
            self._disagreement.value = ""
        else:
            ranking = results.ranking.reset_index()[
                ["rank", "initiative", "name", "score", "n_raters", "spread"]
            ]
            self._ranking.value = table_html(self._headed(ranking), "ranking")
            labels = self.workshop.checklist.labels(self.lang)
            spread = results.disagreement.head(self.top).copy()
            spread["criterion"] = [labels.get(c, c) for c in spread["criterion"]]
            self._disagreement.value = table_html(
                self._headed(
                    spread[["alternative", "criterion", "n_raters", "mean", "std", "range"]]
                ),
                "disagreement",
            )
        k = results.concordance
        self._kendall.value = (
            f"<p>Kendall's W = <b>{k.w:.3f}</b> (chi\u00b2 = {k.chi2:.2f}, df = {k.df}, "
            f"p = {k.p_value:.3g}; {html.escape(results.concordance_note)})</p>"
            if k is not None
            else f"<p>Kendall's W: {html.escape(results.concordance_note)}</p>"
        )
        if change is not None:
            self._change.value = f"<h3>{e(self._t('change', n=current.number - 1))}</h3>" + (
                table_html(self._headed(change.reset_index()), "change")
            )
        else:
            self._change.value = ""
        shown = progress.assign(
            last_answer=["" if v is None else str(v)[11:19] for v in progress["last_answer"]]
        )
        self._progress.value = table_html(self._headed(shown), "progress")

    def close_round(self) -> None:
        """Close the current round (participants' pages lock within a few seconds)."""
        self.store.close_round(self.workshop_id)
        self.refresh()

    def open_round(self) -> None:
        """Close the current round and open the next; the change since the last shows."""
        self.store.open_round(self.workshop_id)
        self.refresh()

    def export(self, path: str | Path | None = None) -> Path:
        """The current round as a decision record in Excel (ratings, spread, W, progress)."""
        results = self.refresh()
        extra = {"progress": self.progress}
        if self.change is not None:
            extra["change"] = self.change.reset_index()
        record = to_record(results, self.workshop.checklist, self.workshop.initiatives, extra=extra)
        out = record.to_excel(path or self._export_path.value)
        self._errors.value = f"<p>{html.escape(str(out))}</p>"
        return out

    # ---- auto-refresh -------------------------------------------------------------------
    def _on_auto(self, change: dict[str, Any]) -> None:
        if self._quiet:
            return
        if change["new"]:
            self.start_auto_refresh(self._interval)
        else:
            self.stop_auto_refresh()

    def start_auto_refresh(self, seconds: float = 3.0) -> None:
        """Refresh every ``seconds`` from a background thread until :meth:`stop_auto_refresh`."""
        self.stop_auto_refresh()
        self._interval = max(0.5, float(seconds))
        self._stop = threading.Event()
        stop = self._stop

        def loop() -> None:
            while not stop.wait(self._interval):
                self._safely(self.refresh)

        self._timer = threading.Thread(target=loop, name="facilitator-refresh", daemon=True)
        self._timer.start()
        self._set_auto(True)

    def stop_auto_refresh(self) -> None:
        """Stop the background refresh (the view stays as it is)."""
        self._stop.set()
        if self._timer is not None and self._timer is not threading.current_thread():
            self._timer.join(5)
        self._timer = None
        self._set_auto(False)

    def _set_auto(self, value: bool) -> None:
        self._quiet = True  # a change made here is not a click
        try:
            self._auto.value = value
        finally:
            self._quiet = False

    def stop(self) -> None:
        """Stop refreshing, and stop the server and close the store if :meth:`start` made them."""
        self.stop_auto_refresh()
        if self._owns_server and self.server is not None:
            self.server.stop()
            self.store.close()
