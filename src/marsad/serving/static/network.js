// Network page: actors as nodes, shared events as weighted edges, laid out by a small force
// simulation run to rest before drawing (no animation, so a node stays where it is clicked).
"use strict";

(() => {
  const { svg, L, getJSON, filterParams, showError, actorHref } = Marsad;
  const WIDTH = 960, HEIGHT = 640, STEPS = 300, EDGES = 80;
  let graph = null;

  function layout(nodes, edges) {
    const index = new Map(nodes.map((n, i) => [n.actor_id, i]));
    nodes.forEach((n, i) => {  // start on a circle, heaviest first, so the result is repeatable
      const angle = (2 * Math.PI * i) / nodes.length;
      n.x = WIDTH / 2 + (WIDTH / 3) * Math.cos(angle);
      n.y = HEIGHT / 2 + (HEIGHT / 3) * Math.sin(angle);
    });
    const links = edges.map((e) => [index.get(e.source), index.get(e.target), e.weight]);
    const ideal = Math.sqrt((WIDTH * HEIGHT) / Math.max(1, nodes.length)) * 0.6;
    for (let step = 0; step < STEPS; step++) {
      const heat = 1 - step / STEPS;
      const force = nodes.map(() => [0, 0]);
      for (let i = 0; i < nodes.length; i++) {
        for (let j = i + 1; j < nodes.length; j++) {
          const dx = nodes[i].x - nodes[j].x, dy = nodes[i].y - nodes[j].y;
          const d2 = Math.max(25, dx * dx + dy * dy), push = (ideal * ideal) / d2 / 25;
          force[i][0] += dx * push; force[i][1] += dy * push;
          force[j][0] -= dx * push; force[j][1] -= dy * push;
        }
      }
      for (const [a, b, weight] of links) {
        const dx = nodes[b].x - nodes[a].x, dy = nodes[b].y - nodes[a].y;
        const d = Math.max(1, Math.hypot(dx, dy)), pull = ((d - ideal) / d) * Math.min(3, 1 + Math.log(weight)) * 0.05;
        force[a][0] += dx * pull; force[a][1] += dy * pull;
        force[b][0] -= dx * pull; force[b][1] -= dy * pull;
      }
      nodes.forEach((n, i) => {
        const fx = force[i][0] + (WIDTH / 2 - n.x) * 0.03, fy = force[i][1] + (HEIGHT / 2 - n.y) * 0.03;
        const move = Math.hypot(fx, fy), cap = 20 * heat + 1;
        const scale = move > cap ? cap / move : 1;
        n.x = Math.min(WIDTH - 30, Math.max(30, n.x + fx * scale));
        n.y = Math.min(HEIGHT - 20, Math.max(20, n.y + fy * scale));
      });
    }
  }

  // A generic actor ("the Saudi army") is its country's name and its sector.
  const nodeName = (n) => {
    const name = (Marsad.lang === "ar" && n.arabic && n.arabic.length ? n.arabic[0] : null) || n.name;
    if (n.name) return name;
    return `${name || n.country || "?"} · ${n.sector || "UNK"}`;
  };

  function draw() {
    const canvas = document.getElementById("graph");
    canvas.replaceChildren();
    if (!graph.nodes.length) {
      canvas.append(svg("text", { x: WIDTH / 2, y: HEIGHT / 2, "text-anchor": "middle", class: "muted" }, L("no_results")));
      return;
    }
    const byId = new Map(graph.nodes.map((n) => [n.actor_id, n]));
    const heaviest = Math.max(...graph.edges.map((e) => e.weight));
    const edges = svg("g", { class: "edges" });
    for (const e of graph.edges) {
      const a = byId.get(e.source), b = byId.get(e.target);
      if (!a || !b) continue;
      const kind = e.cooperation * 2 >= e.weight ? "coop" : "conf";
      edges.append(svg("line", {
        x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: `edge ${kind}`, "stroke-width": 1 + (5 * e.weight) / heaviest,
      }, svg("title", {}, `${nodeName(a)} — ${nodeName(b)}: ${e.weight}`)));
    }
    const nodes = svg("g", { class: "nodes" });
    const strongest = Math.max(...graph.nodes.map((n) => n.weight));
    for (const n of graph.nodes) {
      const radius = 5 + 14 * Math.sqrt(n.weight / strongest);
      nodes.append(svg("a", { href: actorHref(n.actor_id), class: "node", "data-id": n.actor_id },
        svg("circle", { cx: n.x, cy: n.y, r: radius, class: `sector-${n.sector || "UNK"}` }),
        svg("text", { x: n.x, y: n.y - radius - 3, "text-anchor": "middle" }, nodeName(n)),
        svg("title", {}, `${nodeName(n)} (${n.country || "?"}, ${n.sector || "?"}): ${n.weight}`)));
    }
    canvas.append(edges, nodes);
  }

  async function load() {
    try {
      const params = filterParams();
      params.set("edges", EDGES);
      graph = await getJSON(`/api/network?${params}`);
      showError(null);
      layout(graph.nodes, graph.edges);
      draw();
      document.body.dataset.loaded = "true";
    } catch (error) {
      showError(error);
    }
  }

  document.addEventListener("DOMContentLoaded", load);
  document.addEventListener("marsad:lang", () => { if (graph) draw(); });
})();
