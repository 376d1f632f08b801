// Every page's "last updated" line, from /api/status; while the server writes (--watch, --review) it is
// polled, and a button offers a reload once new data has arrived.
"use strict";

(() => {
  const POLL_MS = 15000;
  let first = null;
  let last = null;

  function show(status) {
    last = status;
    if (!status.updated_at) return;
    const time = document.getElementById("updated-at");
    time.dateTime = status.updated_at;
    time.textContent = new Date(status.updated_at).toLocaleString(Marsad.lang === "ar" ? "ar" : "en-GB",
      { dateStyle: "medium", timeStyle: "short" });
    document.getElementById("updated").hidden = false;
    const watching = document.getElementById("watching");
    if (status.watching) {
      watching.textContent = ` · ${status.watching.length} ${Marsad.L("watching_sources")}`;
      watching.title = status.watching.map((s) => `${s.name}: ${s.last_status || "…"}`).join("\n");
      watching.hidden = false;
    }
    const key = `${status.updated_at} ${status.events}`;
    if (first === null) first = key;
    else if (key !== first) document.getElementById("new-data").hidden = false;
  }

  async function poll() {
    let writable = false;
    try {
      const status = await Marsad.getJSON("/api/status");
      writable = status.writable;
      show(status);
    } catch (error) {
      writable = true; // a courtesy line: try again later rather than show an error
    }
    if (writable) setTimeout(poll, POLL_MS);
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.getElementById("new-data").addEventListener("click", () => location.reload());
    document.addEventListener("marsad:lang", () => { if (last) show(last); });
    poll();
  });
})();
