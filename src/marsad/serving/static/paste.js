// Paste box: extract events from pasted text (nothing is stored) and mark their evidence.
"use strict";

(() => {
  const { el, L, getJSON, showError, actorLinks, typeLabel } = Marsad;
  const $ = (id) => document.getElementById(id);

  // The cleaned text as text nodes, with each evidence span (non-overlapping, in order) in a <mark>.
  function marked(text, events) {
    const spans = events.map((e) => e.evidence_span).filter((s) => s && s[0] < s[1] && s[1] <= text.length)
      .sort((a, b) => a[0] - b[0]);
    const parts = [];
    let at = 0;
    for (const [start, end] of spans) {
      if (start < at) continue;
      parts.push(text.slice(at, start), el("mark", {}, text.slice(start, end)));
      at = end;
    }
    parts.push(text.slice(at));
    return parts;
  }

  const row = (e) => el("tr", {}, el("td", {}, typeLabel(e.type)), el("td", {}, e.cameo || ""),
    el("td", {}, actorLinks(e.source)), el("td", {}, actorLinks(e.target)),
    el("td", { class: "nowrap" }, e.date || ""), el("td", { class: "evidence" }, e.evidence));

  async function extract(event) {
    event.preventDefault();
    const status = $("paste-status");
    status.textContent = L("extracting");
    try {
      const data = await getJSON("/api/extract", {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ text: $("paste-text").value, published: $("paste-published").value.trim() || null }),
      });
      showError(null);
      $("paste-results").hidden = false;
      $("paste-events").tBodies[0].replaceChildren(...data.events.map(row));
      $("paste-cleaned").replaceChildren(...marked(data.cleaned_text, data.events));
      status.textContent = `${data.events.length} ${L("events")}`;
      document.body.dataset.loaded = "true";
    } catch (error) {
      status.textContent = "";
      showError(error);
    }
  }

  document.addEventListener("DOMContentLoaded", () => $("paste-form").addEventListener("submit", extract));
})();
