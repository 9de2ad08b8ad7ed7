"""The participants' web page: one HTML shell, one script, one style sheet.

Kept as Python strings so that they ship with the package. The script never puts text
into ``innerHTML``: names, criteria and initiatives are set with ``textContent``, so markup
in any of them is shown as text. The server's Content-Security-Policy forbids inline
scripts, so the page runs only :data:`SCRIPT`.

Elements a browser test looks for: ``#join-form`` (``#join-code``, ``#join-name``,
``#join-button``), ``#join-error``, ``#who``, ``#round``, ``#status``, ``#scoring`` with
one ``select.answer`` (or ``input.answer`` for numeric scales) per initiative and
criterion, carrying ``data-initiative`` and ``data-criterion``, and ``#send-all``.
"""

from __future__ import annotations

import html

__all__ = ["SCRIPT", "STYLE", "index_html"]


def index_html(title: str, workshop_id: str, language: str) -> str:
    """The page shell; ``title`` and the ids are escaped.

    >>> "&lt;b&gt;" in index_html("<b>Workshop</b>", "w1", "nb")
    True
    """
    t = html.escape(title)
    return f"""<!doctype html>
<html lang="{html.escape(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{t}</title>
<link rel="stylesheet" href="/app.css">
</head>
<body data-workshop="{html.escape(workshop_id)}">
<main>
<h1 id="title">{t}</h1>
<form id="join-form" hidden>
  <p>Join the workshop / Bli med / Gå med</p>
  <label>Join code <input id="join-code" name="code" autocomplete="off" autocapitalize="characters" maxlength="20" required></label>
  <label>Your name <input id="join-name" name="name" autocomplete="name" maxlength="60" required></label>
  <button id="join-button" type="submit">Join</button>
  <p id="join-error" class="error" role="alert"></p>
</form>
<section id="scoring-section" hidden>
  <p><span id="who"></span> &middot; <span id="round"></span></p>
  <p id="status" role="status" aria-live="polite"></p>
  <div id="scoring"></div>
  <button id="send-all" type="button">Send all answers</button>
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
  let form = null;
  let roundNumber = null;
  let roundOpen = false;
  let pending = 0;

  function token() { try { return localStorage.getItem(KEY); } catch (e) { return null; } }
  function setToken(t) { try { if (t) localStorage.setItem(KEY, t); else localStorage.removeItem(KEY); } catch (e) {} }

  async function api(method, path, body) {
    const headers = {"Accept": "application/json"};
    const t = token();
    if (t) headers["Authorization"] = "Bearer " + t;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const r = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body),
                                 cache: "no-store", credentials: "omit"});
    let data = null;
    try { data = await r.json(); } catch (e) { data = {error: "unreadable answer from the server"}; }
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
    $("round").textContent = "Round " + data.round.number + (roundOpen ? "" : " (closed)");
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
    status(roundOpen ? "Answers are saved as you choose them." : "This round is closed.", "");
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
    status("Saving\u2026", "");
    let r;
    try {
      r = await api("POST", "/api/answers", {round: roundNumber, answers});
    } catch (e) {
      pending -= 1;
      status("Not saved: no connection. Try again.", "error");
      return;
    }
    pending -= 1;
    if (r.ok) {
      for (const i of inputs) i.classList.add("saved");
      if (pending === 0) status("Saved (" + r.data.stored + ").", "ok");
    } else if (r.status === 403) {
      setToken(null);
      showJoin(r.data.error);
    } else if (r.status === 409) {
      status(r.data.error, "error");
      load();
    } else {
      status("Not saved: " + (r.data.error || r.status), "error");
    }
  }

  async function load() {
    if (!token()) { showJoin(); return; }
    let r;
    try { r = await api("GET", "/api/form"); } catch (e) { status("No connection; retrying\u2026", "error"); return; }
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
      $("round").textContent = "Round " + roundNumber + (open ? "" : " (closed)");
      status(open ? "The round is open again." : "This round is closed.", "");
    }
  }

  $("join-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    $("join-button").disabled = true;
    try {
      const r = await api("POST", "/api/join", {code: $("join-code").value, name: $("join-name").value});
      if (r.ok) { setToken(r.data.token); await load(); }
      else $("join-error").textContent = r.data.error || ("refused (" + r.status + ")");
    } catch (e) {
      $("join-error").textContent = "No connection to the workshop server.";
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
"""
