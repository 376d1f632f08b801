// Review on the event and document pages: sign in with the server's token, confirm, reject or edit an
// event, add a missed one from a selection in the article, undo a correction. Built with textContent only.
"use strict";

(() => {
  const { L, el, getJSON } = Marsad;
  const TOKEN = "marsad.token";       // sessionStorage: gone when the tab closes
  const REVIEWER = "marsad.reviewer"; // localStorage: a name is no secret
  const $ = (id) => document.getElementById(id);
  let data = { events: [] };
  let editing = null;   // { mode: "edit" | "add", event, evidence }
  let selection = null; // the last selection inside the article: { text, span }
  const suggestions = new Map(); // autocomplete value → actor

  const token = () => sessionStorage.getItem(TOKEN);
  const reviewer = () => localStorage.getItem(REVIEWER) || "";
  const documentHref = (id) => `/documents/${encodeURIComponent(id)}`;

  function showError(error) {
    const node = $("review-error");
    if (!node) return;
    node.hidden = !error;
    node.textContent = error ? `${L("error")}: ${error.message}` : "";
  }

  async function send(url, body) {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token() || ""}` },
      body: JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    if (response.status === 401 || response.status === 403) {
      sessionStorage.removeItem(TOKEN);
      refreshLogin();
    }
    if (!response.ok) {
      const detail = answer.message || answer.detail || response.statusText;
      throw new Error(typeof detail === "string" ? detail : JSON.stringify(detail));
    }
    return answer;
  }

  // -- signing in ---------------------------------------------------------------------------

  function refreshLogin() {
    const form = $("review-login");
    if (!form) return; // a read-only server
    const signedIn = Boolean(token());
    form.hidden = signedIn;
    $("review-user").hidden = !signedIn;
    $("review-name").textContent = reviewer();
    document.querySelectorAll(".row-buttons, #review-buttons").forEach((node) => { node.hidden = !signedIn; });
    if (!signedIn && $("edit-form")) $("edit-form").hidden = true;
    document.body.dataset.review = signedIn ? "signed-in" : "signed-out";
  }

  async function signIn(event) {
    event.preventDefault();
    const name = $("login-reviewer").value.trim();
    const secret = $("login-token").value.trim();
    if (!name || !secret) return;
    localStorage.setItem(REVIEWER, name);
    sessionStorage.setItem(TOKEN, secret);
    try {
      const response = await fetch("/api/review/check", { method: "POST", headers: { Authorization: `Bearer ${secret}` } });
      if (!response.ok) throw new Error((await response.json().catch(() => ({}))).detail || response.statusText);
      $("login-token").value = "";
      showError(null);
    } catch (error) {
      sessionStorage.removeItem(TOKEN);
      showError(error);
    }
    refreshLogin();
  }

  // -- corrections --------------------------------------------------------------------------

  async function correct(body) {
    showError(null);
    try {
      const answer = await send("/api/corrections", { reviewer: reviewer(), ...body });
      done(answer);
    } catch (error) {
      showError(error);
    }
  }

  function done(answer) {
    if (data.page === "event" && answer.event) location.href = Marsad.eventHref(answer.event.event_id);
    else if (data.page === "event") location.href = documentHref(data.doc_id);
    else location.reload();
  }

  async function undo(correctionId) {
    showError(null);
    try {
      done(await send(`/api/corrections/${encodeURIComponent(correctionId)}/undo`, { reviewer: reviewer() }));
    } catch (error) {
      showError(error);
    }
  }

  // -- the edit form ------------------------------------------------------------------------

  function chip(actor) {
    const clean = { name: actor.name ?? null, country: actor.country ?? null, sector: actor.sector || "UNK" };
    const name = clean.name || `${clean.country || "?"} ${clean.sector}`;
    const remove = el("button", { type: "button", class: "remove", "aria-label": `${L("remove")} ${name}` }, "×");
    const item = el("li", { "data-actor": JSON.stringify(clean) }, el("span", { class: "name" }, name), " ",
      el("small", {}, [clean.country, clean.sector].filter(Boolean).join(" ")), remove);
    remove.addEventListener("click", () => item.remove());
    return item;
  }

  const chips = (side) => [...document.querySelectorAll(`#edit-${side} .chips li`)].map((li) => JSON.parse(li.dataset.actor));

  function openForm(mode, event, evidence = null) {
    const form = $("edit-form");
    editing = { mode, event, evidence };
    form.hidden = false;
    $("edit-title-edit").hidden = mode !== "edit";
    $("edit-title-add").hidden = mode !== "add";
    $("edit-evidence-row").hidden = mode !== "add";
    $("edit-evidence").textContent = evidence ? evidence.text : "";
    $("edit-type").value = event.type || "CONSULT";
    $("edit-mode").value = event.mode || "";
    $("edit-cameo").value = event.cameo || "";
    $("edit-date").value = event.date || "";
    $("edit-location-name").value = event.location?.name || "";
    $("edit-location-country").value = event.location?.country || "";
    $("edit-note").value = "";
    retyped();
    for (const side of ["source", "target"]) {
      document.querySelector(`#edit-${side} .chips`).replaceChildren(...(event[side] || []).map(chip));
    }
    form.scrollIntoView({ block: "nearest" });
    $("edit-type").focus();
  }

  function addActor(fieldset) {
    const nameInput = fieldset.querySelector(".actor-name");
    const typed = nameInput.value.trim();
    const known = suggestions.get(typed);
    const country = fieldset.querySelector(".actor-country").value.trim().toUpperCase();
    const actor = known || { name: typed || null, country: country || null, sector: fieldset.querySelector(".actor-sector").value };
    if (!actor.name && !actor.country) return;
    fieldset.querySelector(".chips").append(chip(actor));
    nameInput.value = "";
    fieldset.querySelector(".actor-country").value = "";
  }

  let lookup = null;
  function suggest(input) {
    clearTimeout(lookup);
    lookup = setTimeout(async () => {
      const query = input.value.trim();
      if (query.length < 2 || suggestions.has(query)) return;
      try {
        const found = await getJSON(`/api/actors?${new URLSearchParams({ q: query, limit: 8 })}`);
        const options = found.actors.map((a) => {
          const value = a.name || a.actor_id;
          suggestions.set(value, { name: a.name, country: a.country, sector: a.sector });
          return el("option", { value }, `${a.country || ""} ${a.sector || ""}`);
        });
        $("actor-options").replaceChildren(...options);
      } catch (error) { /* suggestions are a help, not a need */ }
    }, 200);
  }

  const sameActors = (a, b) => JSON.stringify(a.map(key)) === JSON.stringify(b.map(key));
  const key = (a) => [a.name || null, a.country || null, a.sector || "UNK"];

  function readForm() {
    const name = $("edit-location-name").value.trim();
    const country = $("edit-location-country").value.trim().toUpperCase();
    return {
      type: $("edit-type").value, mode: $("edit-mode").value || null, cameo: $("edit-cameo").value.trim() || null,
      date: $("edit-date").value.trim() || null,
      location: name || country ? { name: name || null, country: country || null } : null,
      source: chips("source"), target: chips("target"),
    };
  }

  function changes(event, fields) {
    const out = {};
    for (const field of ["type", "mode", "date"]) if ((event[field] || null) !== fields[field]) out[field] = fields[field];
    if ((event.cameo || null) !== fields.cameo) out.cameo = fields.cameo;
    const place = event.location || null;
    if (JSON.stringify(place && [place.name || null, place.country || null]) !==
        JSON.stringify(fields.location && [fields.location.name, fields.location.country])) out.location = fields.location;
    for (const side of ["source", "target"]) if (!sameActors(event[side] || [], fields[side])) out[side] = fields[side];
    return out;
  }

  async function save(formEvent) {
    formEvent.preventDefault();
    const fields = readForm();
    const note = $("edit-note").value.trim() || null;
    if (editing.mode === "add") {
      const { text, span } = editing.evidence;
      await correct({ action: "add", doc_id: data.doc_id, note,
        changes: { ...fields, cameo: fields.cameo || null, evidence: text, evidence_span: span } });
      return;
    }
    const changed = changes(editing.event, fields);
    if (!Object.keys(changed).length) { $("edit-form").hidden = true; return; }
    await correct({ action: "edit", event_id: editing.event.event_id, changes: changed, note });
  }

  function retyped() {
    // A mode belongs to CONSULT only, and the CAMEO code of the old type is wrong for a new one: left
    // empty, the server gives the new type's code.
    const consult = $("edit-type").value === "CONSULT";
    if (!consult) $("edit-mode").value = "";
    $("edit-mode").disabled = !consult;
    if (editing && editing.event.type !== $("edit-type").value) $("edit-cameo").value = "";
  }

  // -- the article: marks and selections ----------------------------------------------------

  function rememberSelection() {
    const article = $("article");
    const chosen = getSelection();
    if (!article || !chosen || chosen.rangeCount === 0 || chosen.isCollapsed) return;
    const range = chosen.getRangeAt(0);
    if (!article.contains(range.startContainer) || !article.contains(range.endContainer)) return;
    const before = document.createRange();
    before.setStart(article, 0);
    before.setEnd(range.startContainer, range.startOffset);
    const text = range.toString();
    const start = Array.from(before.toString()).length; // code points, as the server counts
    if (text.trim()) selection = { text, span: [start, start + Array.from(text).length] };
  }

  function focusMarks(index, on) {
    document.querySelectorAll("#article mark.ev").forEach((mark) => {
      if (mark.dataset.events.split(" ").includes(String(index))) mark.classList.toggle("focus", on);
    });
  }

  // -- the event page's history -------------------------------------------------------------

  async function loadHistory(eventId) {
    const list = $("history");
    try {
      const found = await getJSON(`/api/corrections?${new URLSearchParams({ event_id: eventId })}`);
      const active = found.corrections.filter((c) => c.active && c.event_id === eventId && c.effect === "keep");
      const current = active[active.length - 1];
      if (current) {
        const state = current.before === null ? "added" : Object.keys(current.changes).length ? "edited" : "confirmed";
        $("review-state").dataset.i18n = `state_${state}`;
        $("review-state").textContent = L(`state_${state}`);
      }
      list.replaceChildren(...found.corrections.slice().reverse().map((c) => {
        const undoButton = c.active && c.effect !== "none" && token()
          ? el("button", { type: "button", class: "do-undo small", "data-correction-id": c.correction_id }, L("undo")) : null;
        return el("li", { class: c.active ? "" : "replaced" }, el("b", {}, c.reviewer), " ",
          el("span", { "data-i18n": `action_${c.action}` }, L(`action_${c.action}`)), " ",
          el("small", { class: "when" }, `${c.at.slice(0, 16).replace("T", " ")} UTC`),
          c.note ? el("q", {}, c.note) : null, " ", undoButton);
      }));
      if (!found.corrections.length) list.replaceChildren(el("li", { class: "muted none" }, L("none")));
    } catch (error) {
      showError(error);
    }
  }

  // -- wiring -------------------------------------------------------------------------------

  document.addEventListener("DOMContentLoaded", () => {
    const source = $("review-data");
    if (source) data = JSON.parse(source.textContent);
    const byId = new Map(data.events.map((e) => [e.event_id, e]));
    $("review-login")?.addEventListener("submit", signIn);
    $("sign-out")?.addEventListener("click", () => { sessionStorage.removeItem(TOKEN); refreshLogin(); });
    document.addEventListener("click", (click) => {
      const button = click.target.closest("button");
      if (!button) return;
      const event = byId.get(button.dataset.eventId);
      if (button.classList.contains("do-confirm")) correct({ action: "confirm", event_id: event.event_id });
      else if (button.classList.contains("do-reject")) correct({ action: "reject", event_id: event.event_id });
      else if (button.classList.contains("do-edit")) openForm("edit", event);
      else if (button.classList.contains("do-undo")) undo(button.dataset.correctionId);
      else if (button.classList.contains("add-actor")) addActor(button.closest("fieldset"));
      else if (button.id === "add-event") {
        if (!selection) { showError(new Error(L("select_hint"))); return; }
        openForm("add", { type: "CONSULT", source: [], target: [] }, selection);
      } else if (button.id === "edit-cancel") $("edit-form").hidden = true;
    });
    $("edit-form")?.addEventListener("submit", save);
    $("edit-type")?.addEventListener("change", retyped);
    document.querySelectorAll(".actor-name").forEach((input) => {
      input.addEventListener("input", () => suggest(input));
      input.addEventListener("keydown", (key) => {
        if (key.key === "Enter") { key.preventDefault(); addActor(input.closest("fieldset")); }
      });
    });
    document.addEventListener("selectionchange", rememberSelection);
    document.querySelectorAll("#doc-events tbody tr[data-index]").forEach((row) => {
      row.addEventListener("mouseenter", () => focusMarks(row.dataset.index, true));
      row.addEventListener("mouseleave", () => focusMarks(row.dataset.index, false));
    });
    refreshLogin();
    if (data.page === "event") loadHistory(data.events[0].event_id).then(() => { document.body.dataset.loaded = "true"; });
    else document.body.dataset.loaded = "true";
  });
})();
