// Actor page: the event types over time chart, from the data embedded in the page.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const data = JSON.parse(document.getElementById("actor-timeline").textContent);
  Charts.drawTimeline(data, document.getElementById("chart-actor"), document.getElementById("legend-actor"));
});
