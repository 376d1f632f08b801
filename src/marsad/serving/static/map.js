// Map page: the bundled world outline, countries shaded by their events, a circle per place sized by
// its events and coloured by the share of cooperation. Degrees are drawn as they are (x = longitude,
// y = -latitude); the view fits the places that have events.
"use strict";

(() => {
  const { svg, L, getJSON, filterParams, showError } = Marsad;
  const WIDTH = 960, LABELS = 12, FOCUS = 0.75;
  const SHADES = ["#eef3f3", "#d3e6e4", "#a8cfcb", "#73b2ab", "#3f8f87"];
  let outline = null, data = null;

  // The smallest 2:1 box holding the points, padded, at least 24° wide; the world when there is none.
  function view(points) {
    if (!points.length) return [-180, -85, 360, 180];
    const xs = points.map((p) => p[0]), ys = points.map((p) => -p[1]);
    let [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    let w = Math.max(24, (x1 - x0) * 1.3), h = Math.max(12, (y1 - y0) * 1.3);
    if (w < 2 * h) w = 2 * h; else h = w / 2;
    const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    return [cx - w / 2, cy - h / 2, w, h];
  }

  function shade(count, most) {
    if (!count) return SHADES[0];
    const step = Math.ceil((Math.log(count + 1) / Math.log(most + 1)) * (SHADES.length - 1));
    return SHADES[Math.max(1, Math.min(SHADES.length - 1, step))];
  }

  function link(params) {
    const query = filterParams();
    query.delete("place");
    for (const [key, value] of Object.entries(params)) query.set(key, value);
    return `/?${query}`;
  }

  // The places (or, without any, the countries) that hold FOCUS of the events: a handful of far-off
  // mentions should not shrink the region the news is about to a corner of the world.
  function focus() {
    const weighted = data.places.length
      ? data.places.map((p) => [[p.lon, p.lat], p.events])
      : Object.entries(data.countries).filter(([code]) => outline.countries[code])
        .map(([code, n]) => [outline.countries[code].centroid, n]);
    const total = weighted.reduce((sum, [, n]) => sum + n, 0);
    const points = [];
    let seen = 0;
    for (const [point, n] of weighted.sort((a, b) => b[1] - a[1])) {
      if (seen >= FOCUS * total && points.length) break;
      points.push(point);
      seen += n;
    }
    return points;
  }

  // A label is drawn unless it would cover one drawn before it.
  function fits(boxes, box) {
    const clear = boxes.every((b) => box[0] > b[2] || box[2] < b[0] || box[1] > b[3] || box[3] < b[1]);
    if (clear) boxes.push(box);
    return clear;
  }

  function draw() {
    const canvas = document.getElementById("map");
    canvas.replaceChildren();
    const [x, y, w, h] = view(focus());
    canvas.setAttribute("viewBox", `${x} ${y} ${w} ${h}`);
    canvas.setAttribute("preserveAspectRatio", "xMidYMid meet");
    const unit = w / WIDTH;  // degrees per pixel
    const most = Math.max(1, ...Object.values(data.countries));
    const land = svg("g", { class: "land" });
    for (const [code, country] of Object.entries(outline.countries)) {
      const count = data.countries[code] || 0;
      const shape = svg("path", { d: country.path, fill: shade(count, most), "data-code": code,
        "vector-effect": "non-scaling-stroke" }, svg("title", {}, `${country.name}: ${count}`));
      land.append(count ? svg("a", { href: link({ place: code }), class: "country" }, shape) : shape);
    }
    const heaviest = Math.max(1, ...data.places.map((p) => p.events));
    const marks = svg("g", { class: "places" });
    const names = svg("g", { class: "names" });  // above every circle
    const labels = [];
    data.places.forEach((p, i) => {
      const r = (3 + 14 * Math.sqrt(p.events / heaviest)) * unit;
      const kind = p.cooperation * 2 >= p.events ? "coop" : "conf";
      const where = [p.name, p.admin1, p.country].filter(Boolean).join(", ");
      const mark = svg("a", { href: link({ place: p.name }), class: `place ${kind}`, "data-place": p.name },
        svg("circle", { cx: p.lon, cy: -p.lat, r, "vector-effect": "non-scaling-stroke" }),
        svg("title", {}, `${where}: ${p.events}`));
      const half = p.name.length * 3.5 * unit, top = -p.lat - r - 15 * unit;
      if (i < LABELS && fits(labels, [p.lon - half, top, p.lon + half, top + 14 * unit])) {
        names.append(svg("text", { x: p.lon, y: -p.lat - r - 3 * unit, "font-size": 12 * unit,
          "stroke-width": 3 * unit, "text-anchor": "middle" }, p.name));
      }
      marks.append(mark);
    });
    canvas.append(land, marks, names);
    document.getElementById("unplaced").textContent = `${data.unplaced} ${L("no_place")}`;
  }

  async function load() {
    try {
      [outline, data] = await Promise.all([getJSON("/map/world.json"), getJSON(`/api/map?${filterParams()}`)]);
      showError(null);
      draw();
      document.body.dataset.loaded = "true";
    } catch (error) {
      showError(error);
    }
  }

  document.addEventListener("DOMContentLoaded", load);
})();
