// Search page: one page of events for the filters in the URL, sortable, with download links.
"use strict";

(() => {
  const { el, L, getJSON, filterParams, showError, eventRow } = Marsad;
  const LIMIT = 50;
  let offset = 0;

  async function load() {
    const sort = document.getElementById("sort").value;
    const params = filterParams();
    params.set("sort", sort);
    for (const format of ["csv", "json"]) {
      const link = new URLSearchParams(params);
      link.set("format", format);
      document.getElementById(`download-${format}`).href = `/api/events/export?${link}`;
    }
    params.set("limit", LIMIT);
    params.set("offset", offset);
    const body = document.querySelector("#results tbody");
    try {
      const data = await getJSON(`/api/events?${params}`);
      showError(null);
      body.replaceChildren(...data.events.map(eventRow));
      if (!data.events.length) {
        body.append(el("tr", {}, el("td", { colspan: 6, class: "muted", "data-i18n": "no_results" }, L("no_results"))));
      }
      document.getElementById("total").replaceChildren(`${data.total} `, Marsad.label("events"));
      const last = Math.min(offset + LIMIT, data.total);
      document.getElementById("page").textContent = data.total ? `${offset + 1}–${last} / ${data.total}` : "";
      document.getElementById("prev").disabled = offset === 0;
      document.getElementById("next").disabled = last >= data.total;
      document.body.dataset.loaded = "true";
    } catch (error) {
      showError(error);
      body.replaceChildren();
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    const sort = new URLSearchParams(location.search).get("sort");
    if (sort) document.getElementById("sort").value = sort;
    document.getElementById("sort").addEventListener("change", () => { offset = 0; load(); });
    document.getElementById("prev").addEventListener("click", () => { offset = Math.max(0, offset - LIMIT); load(); });
    document.getElementById("next").addEventListener("click", () => { offset += LIMIT; load(); });
    load();
  });
})();
