// Shared helpers: labels in two languages, DOM building with textContent only, API calls.
"use strict";

const Marsad = (() => {
  const LABELS = JSON.parse(document.getElementById("labels").textContent);
  const FILTERS = ["actor", "country", "type", "since", "until", "text", "source", "story", "place", "mentions"];
  const SVG_NS = "http://www.w3.org/2000/svg";
  let lang = localStorage.getItem("marsad.lang") === "en" ? "en" : "ar";

  const L = (key) => LABELS[lang][key] ?? LABELS.ar[key] ?? key;

  function applyLang(root = document) {
    document.documentElement.lang = lang;
    document.documentElement.dir = lang === "ar" ? "rtl" : "ltr";
    root.querySelectorAll("[data-i18n]").forEach((node) => { node.textContent = L(node.dataset.i18n); });
  }

  function setLang(next) {
    lang = next;
    localStorage.setItem("marsad.lang", lang);
    applyLang();
    document.dispatchEvent(new CustomEvent("marsad:lang"));
  }

  // Children that are strings become text nodes: crawled text is never parsed as HTML.
  function build(node, attrs, children) {
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }
  const el = (tag, attrs, ...children) => build(document.createElement(tag), attrs, children);
  const svg = (tag, attrs, ...children) => build(document.createElementNS(SVG_NS, tag), attrs, children);
  const label = (key) => el("span", { "data-i18n": key }, L(key));

  async function getJSON(url, options) {
    const response = await fetch(url, options);
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.message || body.detail || response.statusText);
    return body;
  }

  function filterParams() {
    const given = new URLSearchParams(location.search);
    const params = new URLSearchParams();
    for (const name of FILTERS) {
      const value = (given.get(name) || "").trim();
      if (value) params.set(name, value);
    }
    return params;
  }

  function showError(error) {
    const node = document.getElementById("error");
    if (!node) return;
    node.hidden = !error;
    node.textContent = error ? `${L("error")}: ${error.message}` : "";
  }

  const actorHref = (id) => `/actors/${encodeURIComponent(id)}`;
  const eventHref = (id) => `/events/${encodeURIComponent(id)}`;

  function actorLinks(actors) {
    const parts = [];
    actors.forEach((a, i) => {
      if (i) parts.push("، ");
      const name = a.name || `${a.country || "?"} ${a.sector || ""}`;
      parts.push(a.actor_id ? el("a", { href: actorHref(a.actor_id), class: "actor" }, name) : name);
    });
    return parts;
  }

  const typeLabel = (type) => el("span", { class: "type", "data-type": type, "data-i18n": `type_${type}` },
    L(`type_${type}`));

  // A canonical event reported by several articles says so beside its evidence.
  function reports(e) {
    if (!e.num_articles || e.num_articles < 2) return null;
    return el("span", { class: "reports", title: `${e.num_mentions} ${L("mentions_count")}` },
      ` · ${e.num_articles} ${L("articles")} · ${e.num_sources} ${L("outlets")}`);
  }

  function eventRow(e) {
    const evidence = e.event_id ? el("a", { href: eventHref(e.event_id) }, e.evidence) : e.evidence;
    const flag = e.date_flag ? el("span", { class: "flag", title: L(`flag_${e.date_flag}`) }, " ⚑") : null;
    return el("tr", {},
      el("td", { class: "nowrap" }, e.date || e.published || "", flag), el("td", {}, typeLabel(e.type)),
      el("td", {}, actorLinks(e.source)), el("td", {}, actorLinks(e.target)),
      el("td", {}, e.outlet || ""), el("td", { class: "evidence" }, evidence, reports(e)));
  }

  function init() {
    applyLang();
    document.getElementById("lang-toggle").addEventListener("click", () => setLang(lang === "ar" ? "en" : "ar"));
    const query = filterParams().toString();
    document.querySelectorAll("nav a[data-keep-filters=True]").forEach((a) => {
      if (query) a.href = `${a.getAttribute("href")}?${query}`;
    });
    const form = document.getElementById("filters");
    if (form) {
      form.addEventListener("submit", () => {
        form.querySelectorAll("input, select").forEach((input) => { input.disabled = !input.value.trim(); });
      });
    }
  }
  document.addEventListener("DOMContentLoaded", init);

  return {
    L, el, svg, label, getJSON, filterParams, showError, actorLinks, actorHref, eventHref, eventRow,
    typeLabel, get lang() { return lang; },
  };
})();
