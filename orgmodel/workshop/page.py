"""The participants' web page: one HTML shell, one script, one style sheet.

Kept as Python strings so that they ship with the package. The script never puts text
into ``innerHTML``: names, criteria and initiatives are set with ``textContent``, so markup
in any of them is shown as text. The server's Content-Security-Policy forbids inline
scripts, so the page runs only :data:`SCRIPT`.

Elements a browser test looks for: ``#join-form`` (``#join-code``, ``#join-name``,
``#join-button``), ``#join-error``, ``#who``, ``#round``, ``#status``, ``#scoring`` with
one ``select.answer`` (or ``input.answer`` for numeric scales) per initiative and
criterion, carrying ``data-initiative`` and ``data-criterion``, ``#send-all`` and
``#languages`` (links to the page in English, Swedish and Norwegian).

The page's words are in one language (``en``, ``sv`` or ``nb``, from the catalogues of
:mod:`orgmodel.i18n`, keys ``workshop.*``): the shell is rendered in it, and the texts the
script shows later ("Saved (3).", "Round 2 (closed)") travel in the body's ``data-texts``
attribute as JSON, so the script holds no words of its own. The script sends the page's
language as ``Accept-Language``, so that the server's refusals come in it too.
"""

from __future__ import annotations

import html
import json
from urllib.parse import urlencode

from orgmodel.i18n import LANGUAGES, check_language, t

__all__ = ["SCRIPT", "SCRIPT_TEXT_KEYS", "STYLE", "index_html", "script_texts"]

#: The texts the script shows, by its short name: catalogue key ``workshop.<name>``.
SCRIPT_TEXT_KEYS: tuple[str, ...] = (
    "round",
    "round_closed",
    "saved_as_you_go",
    "round_is_closed",
    "round_reopened",
    "saving",
    "saved",
    "not_saved",
    "not_saved_offline",
    "retrying",
    "refused",
    "no_server",
    "unreadable",
)


def script_texts(lang: str) -> dict[str, str]:
    """The script's texts in ``lang``, fields such as ``{n}`` left for the script to fill.

    >>> script_texts("sv")["round_closed"], script_texts("nb")["saved"]
    ('Omgång {n} (stängd)', 'Lagret ({n}).')
    """
    return {name: t(f"workshop.{name}", lang) for name in SCRIPT_TEXT_KEYS}


def _language_links(lang: str, code: str | None) -> str:
    links = []
    for other, name in LANGUAGES.items():
        query = {"lang": other, **({"code": code} if code else {})}
        current = ' aria-current="page"' if other == lang else ""
        links.append(
            f'<a href="?{html.escape(urlencode(query))}" hreflang="{other}" lang="{other}"'
            f"{current}>{html.escape(name)}</a>"
        )
    return " &middot; ".join(links)


def index_html(title: str, workshop_id: str, language: str, code: str | None = None) -> str:
    """The page shell in ``language`` (en, sv or nb); ``title`` and the ids are escaped.

    ``code`` (the join code from the address, if any) is kept in the language links.

    >>> "&lt;b&gt;" in index_html("<b>Workshop</b>", "w1", "nb")
    True
    >>> ">Bli med</button>" in index_html("Verksted", "w1", "nb")
    True
    """
    lang = check_language(language)
    t_ = html.escape(title)
    e = html.escape

    def w(key: str) -> str:
        return e(t(f"workshop.{key}", lang))

    texts = e(json.dumps(script_texts(lang), ensure_ascii=False), quote=True)
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{t_}</title>
<link rel="stylesheet" href="/app.css">
</head>
<body data-workshop="{html.escape(workshop_id)}" data-texts="{texts}">
<main>
<nav id="languages" aria-label="{e(t("common.language", lang))}">{_language_links(lang, code)}</nav>
<h1 id="title">{t_}</h1>
<form id="join-form" hidden>
  <p>{w("join_heading")}</p>
  <label>{w("join_code")} <input id="join-code" name="code" autocomplete="off" autocapitalize="characters" maxlength="20" required></label>
  <label>{w("your_name")} <input id="join-name" name="name" autocomplete="name" maxlength="60" required></label>
  <button id="join-button" type="submit">{w("join")}</button>
  <p id="join-error" class="error" role="alert"></p>
</form>
<section id="scoring-section" hidden>
  <p><span id="who"></span> &middot; <span id="round"></span></p>
  <p id="status" role="status" aria-live="polite"></p>
  <div id="scoring"></div>
  <button id="send-all" type="button">{w("send_all")}</button>
</section>
</main>
<script src="/app.js"></script>
</body>
</html>
"""


SCRIPT = r"""
"use strict";
(function () {
  const workshop = document.body.dataset.workshop;
  const KEY = "orgmodel-workshop-token:" + workshop;
  const $ = (id) => document.getElementById(id);
  const TEXTS = JSON.parse(document.body.dataset.texts);
  function say(name, params) {
    return TEXTS[name].replace(/\{(\w+)\}/g, (m, k) => (params && k in params ? String(params[k]) : m));
  }
  let form = null;
  let roundNumber = null;
  let roundOpen = false;
  let pending = 0;

  function token() { try { return localStorage.getItem(KEY); } catch (e) { return null; } }
  function setToken(t) { try { if (t) localStorage.setItem(KEY, t); else localStorage.removeItem(KEY); } catch (e) {} }

  async function api(method, path, body) {
    const headers = {"Accept": "application/json", "Accept-Language": document.documentElement.lang};
    const t = token();
    if (t) headers["Authorization"] = "Bearer " + t;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const r = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body),
                                 cache: "no-store", credentials: "omit"});
    let data = null;
    try { data = await r.json(); } catch (e) { data = {error: say("unreadable")}; }
    return {status: r.status, ok: r.ok, data};
  }

  function status(text, kind) {
    const s = $("status");
    s.textContent = text;
    s.className = kind || "";
  }

  function showJoin(message) {
    $("scoring-section").hidden = true;
    $("join-form").hidden = false;
    $("join-error").textContent = message || "";
    const code = new URLSearchParams(location.search).get("code");
    if (code && !$("join-code").value) $("join-code").value = code;
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function control(criterion, initiative, value) {
    let input;
    if (criterion.options.length) {
      input = el("select", "answer");
      const none = el("option", null, "\u2014");
      none.value = "";
      input.appendChild(none);
      for (const o of criterion.options) {
        const opt = el("option", null, o.label);
        opt.value = String(o.value);
        input.appendChild(opt);
      }
    } else {
      input = el("input", "answer");
      input.type = "number";
      input.step = "any";
      if (criterion.min !== null) input.min = String(criterion.min);
      if (criterion.max !== null) input.max = String(criterion.max);
    }
    input.dataset.initiative = initiative.id;
    input.dataset.criterion = criterion.id;
    input.value = value === undefined || value === null ? "" : String(value);
    input.setAttribute("aria-label", initiative.name + ": " + criterion.label);
    input.addEventListener("change", () => send([input]));
    return input;
  }

  function render(data) {
    form = data;
    roundNumber = data.round.number;
    roundOpen = data.round.status === "open";
    $("join-form").hidden = true;
    $("scoring-section").hidden = false;
    $("who").textContent = data.participant.label;
    $("round").textContent = say(roundOpen ? "round" : "round_closed", {n: data.round.number});
    const given = {};
    for (const a of data.answers) given[a.initiative + "\u0000" + a.criterion] = a.value;
    const box = $("scoring");
    box.replaceChildren();
    for (const ini of data.initiatives) {
      const fs = el("fieldset", "initiative");
      fs.dataset.initiative = ini.id;
      fs.appendChild(el("legend", null, ini.name));
      if (ini.description) fs.appendChild(el("p", "description", ini.description));
      for (const c of data.criteria) {
        const row = el("label", "criterion");
        row.appendChild(el("span", "criterion-label", c.label));
        row.appendChild(control(c, ini, given[ini.id + "\u0000" + c.id]));
        fs.appendChild(row);
      }
      box.appendChild(fs);
    }
    setOpen(roundOpen);
    status(say(roundOpen ? "saved_as_you_go" : "round_is_closed"), "");
  }

  function setOpen(open) {
    for (const i of document.querySelectorAll(".answer")) i.disabled = !open;
    $("send-all").disabled = !open;
  }

  async function send(inputs) {
    if (!roundOpen) return;
    const answers = inputs.map((i) => ({
      initiative: i.dataset.initiative, criterion: i.dataset.criterion,
      value: i.value === "" ? null : (i.tagName === "SELECT" ? Number(i.value) : i.value)}));
    pending += 1;
    status(say("saving"), "");
    let r;
    try {
      r = await api("POST", "/api/answers", {round: roundNumber, answers});
    } catch (e) {
      pending -= 1;
      status(say("not_saved_offline"), "error");
      return;
    }
    pending -= 1;
    if (r.ok) {
      for (const i of inputs) i.classList.add("saved");
      if (pending === 0) status(say("saved", {n: r.data.stored}), "ok");
    } else if (r.status === 403) {
      setToken(null);
      showJoin(r.data.error);
    } else if (r.status === 409) {
      status(r.data.error, "error");
      load();
    } else {
      status(say("not_saved", {reason: r.data.error || r.status}), "error");
    }
  }

  async function load() {
    if (!token()) { showJoin(); return; }
    let r;
    try { r = await api("GET", "/api/form"); } catch (e) { status(say("retrying"), "error"); return; }
    if (r.status === 403) { setToken(null); showJoin(); return; }
    if (r.ok) render(r.data);
  }

  async function poll() {
    if (!token() || !form) return;
    let r;
    try { r = await api("GET", "/api/round"); } catch (e) { return; }
    if (r.status === 403) { setToken(null); showJoin(); return; }
    if (!r.ok) return;
    if (r.data.number !== roundNumber) { load(); return; }
    const open = r.data.status === "open";
    if (open !== roundOpen) {
      roundOpen = open;
      setOpen(open);
      $("round").textContent = say(open ? "round" : "round_closed", {n: roundNumber});
      status(say(open ? "round_reopened" : "round_is_closed"), "");
    }
  }

  $("join-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    $("join-button").disabled = true;
    try {
      const r = await api("POST", "/api/join", {code: $("join-code").value, name: $("join-name").value});
      if (r.ok) { setToken(r.data.token); await load(); }
      else $("join-error").textContent = r.data.error || say("refused", {status: r.status});
    } catch (e) {
      $("join-error").textContent = say("no_server");
    } finally {
      $("join-button").disabled = false;
    }
  });
  $("send-all").addEventListener("click", () => {
    const inputs = Array.from(document.querySelectorAll(".answer")).filter((i) => i.value !== "");
    if (inputs.length) send(inputs);
  });
  load();
  setInterval(poll, 3000);
})();
"""

STYLE = """
body { font-family: system-ui, sans-serif; margin: 0; background: #f6f6f4; color: #222; }
main { max-width: 44rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.3rem; }
label { display: block; margin: .5rem 0; }
input, select, button { font-size: 1rem; padding: .35rem; max-width: 100%; }
fieldset.initiative { background: #fff; border: 1px solid #ccc; border-radius: .4rem; margin: 1rem 0; }
legend { font-weight: 600; padding: 0 .3rem; }
label.criterion { display: grid; grid-template-columns: 1fr minmax(8rem, 12rem); gap: .5rem; align-items: center; }
.description { color: #555; margin: .2rem 0 .6rem; }
.error { color: #a00; }
.ok { color: #060; }
.saved { border-color: #060; }
#languages { font-size: .9rem; text-align: right; }
#languages a[aria-current] { font-weight: 600; color: inherit; text-decoration: none; }
"""
