// Timeline page: events over time for the filters in the URL, by type and by quad class.
"use strict";

(() => {
  const { getJSON, filterParams, showError } = Marsad;
  const $ = (id) => document.getElementById(id);

  async function load() {
    const params = filterParams();
    params.set("interval", $("interval").value);
    try {
      const data = await getJSON(`/api/timeline?${params}`);
      showError(null);
      Charts.drawTimeline(data, $("chart-type"), $("legend-type"), $("chart-quad"), $("legend-quad"));
      const total = Object.values(data.by_quad).flat().reduce((a, b) => a + b, 0);
      $("total").replaceChildren(`${total} `, Marsad.label("events"));
      $("outside").hidden = !data.outside;
      $("outside").replaceChildren(`${data.outside} `, Marsad.label("outside"));
      document.body.dataset.loaded = "true";
    } catch (error) {
      showError(error);
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("interval").addEventListener("change", load);
    load();
  });
})();
