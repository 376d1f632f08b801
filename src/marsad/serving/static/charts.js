// Stacked bar charts in plain SVG: one bar per period, one colour per series.
"use strict";

const Charts = (() => {
  const { el, svg, L } = Marsad;
  const PALETTE = ["#1b6ca8", "#e07b39", "#3a9e5c", "#c0392b", "#8e5bb5", "#8c6d4f", "#d16ba5", "#7f8c8d",
    "#b5a82a", "#17a2b8", "#2c3e50", "#f39c12", "#27ae60", "#e74c3c", "#6c5ce7", "#a0522d"];
  const QUAD_COLOURS = { "verbal cooperation": "#7fbf7b", "material cooperation": "#1b7837",
    "verbal conflict": "#f4a582", "material conflict": "#b2182b" };

  // series: [{key, labelKey, colour, values}], values aligned with periods.
  function stacked(chart, legend, periods, series) {
    const width = 960, height = 280, left = 44, bottom = 40, top = 10;
    chart.replaceChildren();
    legend.replaceChildren();
    chart.setAttribute("viewBox", `0 0 ${width} ${height}`);
    chart.setAttribute("direction", "ltr");
    const totals = periods.map((_, i) => series.reduce((sum, s) => sum + s.values[i], 0));
    const most = Math.max(1, ...totals);
    const band = (width - left - 10) / Math.max(1, periods.length);
    const barWidth = Math.max(1, Math.min(48, band * 0.8));
    const y = (v) => top + (height - top - bottom) * (1 - v / most);
    for (const tick of [0, Math.round(most / 2), most]) {
      chart.append(svg("line", { x1: left, x2: width - 10, y1: y(tick), y2: y(tick), class: "grid" }),
        svg("text", { x: left - 6, y: y(tick) + 4, "text-anchor": "end", class: "axis" }, tick));
    }
    const every = Math.ceil(periods.length / 12);
    periods.forEach((period, i) => {
      const x = left + i * band;
      let base = 0;
      for (const s of series) {
        const v = s.values[i];
        if (!v) continue;
        chart.append(svg("rect", {
          x: x + (band - barWidth) / 2, width: barWidth, y: y(base + v), height: y(base) - y(base + v),
          fill: s.colour, "data-series": s.key, "data-period": period, "data-count": v,
        }, svg("title", {}, `${period} · ${L(s.labelKey)}: ${v}`)));
        base += v;
      }
      if (i % every === 0) {
        chart.append(svg("text", { x: x + band / 2, y: height - bottom + 16, "text-anchor": "middle", class: "axis" },
          period));
      }
    });
    for (const s of series) {
      const swatch = el("span", { class: "swatch" });
      swatch.style.background = s.colour;
      legend.append(el("li", {}, swatch, el("span", { "data-i18n": s.labelKey }, L(s.labelKey)),
        ` (${s.values.reduce((a, b) => a + b, 0)})`));
    }
  }

  // A /api/timeline answer drawn by type (and by quad class when a second chart is given).
  function drawTimeline(data, typeChart, typeLegend, quadChart, quadLegend) {
    const types = Object.entries(data.by_type).map(([type, values], i) => (
      { key: type, labelKey: `type_${type}`, colour: PALETTE[i % PALETTE.length], values }));
    stacked(typeChart, typeLegend, data.periods, types);
    if (quadChart) {
      const quads = Object.entries(data.by_quad).map(([name, values]) => (
        { key: name, labelKey: `quad_${name}`, colour: QUAD_COLOURS[name], values }));
      stacked(quadChart, quadLegend, data.periods, quads);
    }
  }

  return { stacked, drawTimeline };
})();
