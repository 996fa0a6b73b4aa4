// The network diagram of ui/diagram.py: layers of circles joined by arrows, the
// forward values on the nodes, the weights on the arrows, the backward slopes in a
// badge at the bottom of each node.
//
// The layout is computed here once per network shape and container width (layers left
// to right when they fit, top to bottom on a narrow screen) and kept; a rerun with new
// numbers only rewrites texts and classes, so a slider move costs no layout. Colours
// come from the active Streamlit theme (its --st-* CSS variables), see the CSS.

const SVG = "http://www.w3.org/2000/svg";
const PAD = 8;              // px around the drawing
const LABEL_FONT = 12;      // px, weights on the arrows
const MIN_LAYER_GAP = 150;  // px between layers, left to right, room for the labels
const ROW_GAP = 150;        // px between layers, top to bottom
const MAX_RADIUS = 42;
const PILL_HEIGHT = 84;     // px, a node drawn as a rounded box when a circle is too small

function el(name, attrs, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
  if (parent) parent.appendChild(node);
  return node;
}

// Where every node goes for this width: {wide, width, height, radius, at: [[x, y]...]}.
function place(sizes, width) {
  const gaps = sizes.length - 1;
  const most = Math.max(...sizes);
  const wideRadius = MAX_RADIUS;
  const wideNeeds = 2 * PAD + 2 * wideRadius + gaps * MIN_LAYER_GAP;
  if (width >= wideNeeds) {
    const r = wideRadius;
    const gap = (width - 2 * PAD - 2 * r) / gaps;
    const row = 2 * r + 28;
    const height = 2 * PAD + most * row;
    const at = sizes.map((size, layer) => Array.from({length: size}, (_, i) => [
      PAD + r + layer * gap,
      PAD + (most - size) * row / 2 + row / 2 + i * row,
    ]));
    return {wide: true, width, height, radius: r, halfHeight: r, pill: false, at};
  }
  const column = (width - 2 * PAD) / most;
  const r = Math.min(MAX_RADIUS, column / 2 - 4);
  // Below this a circle cannot hold a name like node_1_2 and a slope like -0.0002084 at
  // 11 px: such nodes become rounded boxes as wide as their column.
  const pill = r < 38;
  const halfWidth = pill ? Math.min(column / 2 - 3, 48) : r;
  const halfHeight = pill ? PILL_HEIGHT / 2 : r;
  const height = 2 * PAD + 2 * halfHeight + gaps * ROW_GAP;
  const at = sizes.map((size, layer) => Array.from({length: size}, (_, i) => [
    PAD + (most - size) * column / 2 + column / 2 + i * column,
    PAD + halfHeight + layer * ROW_GAP,
  ]));
  return {wide: false, width, height, radius: halfWidth, halfHeight, pill, at};
}

function overlaps(a, b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

// A spot for every weight's label along its arrow where it covers no node and no label
// placed before it (the picked weight first); null when there is none.
function placeLabels(edges, layout, picked) {
  const boxes = [];
  const rx = layout.radius + 3, ry = layout.halfHeight + 3;
  for (const row of layout.at) {
    for (const [x, y] of row) boxes.push({x: x - rx, y: y - ry, w: 2 * rx, h: 2 * ry});
  }
  const order = edges.map((_, i) => i);
  order.sort((i, j) => (edges[j].id === picked) - (edges[i].id === picked));
  const spots = new Array(edges.length).fill(null);
  const fractions = [0.5, 0.38, 0.62, 0.3, 0.7, 0.44, 0.56, 0.25, 0.75];
  for (const i of order) {
    const edge = edges[i];
    const [x1, y1] = layout.at[edge.l - 1][edge.s];
    const [x2, y2] = layout.at[edge.l][edge.t];
    const w = edge.text.length * LABEL_FONT * 0.62 + 6;
    const h = LABEL_FONT + 4;
    for (const f of fractions) {
      const box = {x: x1 + f * (x2 - x1) - w / 2, y: y1 + f * (y2 - y1) - h / 2, w, h};
      if (!boxes.some((other) => overlaps(box, other))) {
        boxes.push(box);
        spots[i] = [box.x + w / 2, box.y + h / 2];
        break;
      }
    }
  }
  return spots;
}

// Draw the network's shape: the arrows, the nodes with their text rows, the labels.
function build(root, data, width) {
  const layout = place(data.sizes, width);
  root.innerHTML = "";
  // A picture (role img) or, when its arrows and nodes are buttons, a group of them.
  const svg = el("svg", {
    width: layout.width, height: layout.height, role: data.clickable ? "group" : "img",
    "aria-label": data.alt, "aria-roledescription": "network diagram",
  }, root);
  el("title", {}, svg).textContent = data.alt;
  const defs = el("defs", {}, svg);
  for (const kind of ["plain", "picked"]) {
    const marker = el("marker", {
      id: `arrow-${kind}`, viewBox: "0 0 10 10", refX: 10, refY: 5,
      markerUnits: "userSpaceOnUse", markerWidth: kind === "picked" ? 12 : 9,
      markerHeight: kind === "picked" ? 12 : 9, orient: "auto-start-reverse",
    }, defs);
    el("path", {d: "M0,0 L10,5 L0,10 z", class: `arrow-head ${kind}`}, marker);
  }
  const edgeLayer = el("g", {class: "edges"}, svg);
  const labelLayer = el("g", {class: "labels"}, svg);
  const nodeLayer = el("g", {class: "nodes"}, svg);
  const items = {};
  const r = layout.radius, hh = layout.halfHeight;
  // How far from a node's centre its outline is, along the unit direction (ux, uy).
  const reach = (ux, uy) => layout.pill
    ? Math.min(r / Math.max(Math.abs(ux), 1e-9), hh / Math.max(Math.abs(uy), 1e-9))
    : r;
  for (const edge of data.edges) {
    const [x1, y1] = layout.at[edge.l - 1][edge.s];
    const [x2, y2] = layout.at[edge.l][edge.t];
    const length = Math.hypot(x2 - x1, y2 - y1);
    const ux = (x2 - x1) / length, uy = (y2 - y1) / length;
    const g = el("g", {class: "edge", "data-id": edge.id}, edgeLayer);
    const d = reach(ux, uy);
    const ends = {x1: x1 + ux * d, y1: y1 + uy * d, x2: x2 - ux * (d + 2), y2: y2 - uy * (d + 2)};
    el("line", {...ends, class: "hit"}, g);
    el("line", {...ends, class: "stroke"}, g);
    const label = el("text", {class: "weight", "text-anchor": "middle",
                              "dominant-baseline": "central"}, labelLayer);
    items[edge.id] = {g, label, edge};
  }
  for (const [layer, row] of data.nodes.entries()) {
    for (const [index, node] of row.entries()) {
      const [x, y] = layout.at[layer][index];
      const g = el("g", {class: "node", "data-id": node.id,
                         transform: `translate(${x},${y})`}, nodeLayer);
      if (layout.pill) {
        el("rect", {x: -r, y: -hh, width: 2 * r, height: 2 * hh, rx: 16, class: "body"}, g);
        el("rect", {x: -r - 4, y: -hh - 4, width: 2 * r + 8, height: 2 * hh + 8, rx: 19,
                    class: "ring"}, g);
      } else {
        el("circle", {r, class: "body"}, g);
        el("circle", {r: r + 4, class: "ring"}, g);
      }
      const texts = {
        name: el("text", {y: -hh * 0.52, class: "name"}, g),
        value: el("text", {y: -hh * 0.14, class: "value"}, g),
        input: el("text", {y: hh * 0.2, class: "input"}, g),
      };
      const badge = el("g", {class: "badge", transform: `translate(0,${hh * 0.58})`}, g);
      const badgeWidth = layout.pill ? 2 * r - 8 : r * 1.24;
      el("rect", {x: -badgeWidth / 2, y: -9, width: badgeWidth, height: 18, rx: 9}, badge);
      texts.slope = el("text", {class: "slope"}, badge);
      for (const text of Object.values(texts)) {
        text.setAttribute("text-anchor", "middle");
        text.setAttribute("dominant-baseline", "central");
      }
      items[node.id] = {g, texts, badge, node};
    }
  }
  root.__view = {svg, items, width, layout, labelLayer};
}

function setText(text, value) {
  const shown = value === null || value === undefined ? "" : String(value);
  if (text.textContent !== shown) text.textContent = shown;
}

// Write the numbers of this rerun into the drawing: texts, classes, label spots.
function update(root, data) {
  const view = root.__view;
  const spots = placeLabels(data.edges, view.layout, data.picked);
  for (const [i, edge] of data.edges.entries()) {
    const item = view.items[edge.id];
    const picked = edge.id === data.picked;
    item.g.classList.toggle("picked", picked);
    item.g.querySelector(".stroke").setAttribute(
      "marker-end", `url(#arrow-${picked ? "picked" : "plain"})`);
    const showLabel = spots[i] !== null && (data.edgeLabels || picked);
    item.label.classList.toggle("picked", picked);
    item.label.style.display = showLabel ? "" : "none";
    if (showLabel) {
      item.label.setAttribute("x", spots[i][0]);
      item.label.setAttribute("y", spots[i][1]);
    }
    setText(item.label, edge.text);
    describe(item.g, edge.aria, picked, data.clickable);
  }
  for (const row of data.nodes) {
    for (const node of row) {
      const item = view.items[node.id];
      setText(item.texts.name, node.name);
      setText(item.texts.value, node.value);
      setText(item.texts.input, node.input);
      setText(item.texts.slope, node.slope);
      item.badge.style.display = node.slope ? "" : "none";
      item.g.classList.toggle("off", Boolean(node.off));
      item.g.classList.toggle("picked", node.id === data.pickedNode);
      describe(item.g, node.aria, node.id === data.pickedNode, data.clickable);
    }
  }
  view.svg.setAttribute("aria-label", data.alt);
  view.svg.querySelector("title").textContent = data.alt;
}

// An arrow or a node is a button with its own label when the diagram is clickable; in a
// picture (role img) its parts are not announced one by one, and ARIA allows no label or
// pressed state on an element without a role.
function describe(g, label, picked, clickable) {
  if (clickable) {
    g.setAttribute("role", "button");
    g.setAttribute("aria-label", label);
    g.setAttribute("aria-pressed", String(picked));
  } else {
    for (const name of ["role", "aria-label", "aria-pressed"]) g.removeAttribute(name);
  }
}

// Clicks and keys: every arrow and node is a button; one of them is in the Tab order
// at a time (arrow keys move between them), Enter or Space picks it.
function makeInteractive(root) {
  const view = root.__view;
  const targets = [...view.svg.querySelectorAll(".edge, .node")];
  let current = 0;
  const focusAt = (i) => {
    targets[current].setAttribute("tabindex", "-1");
    current = (i + targets.length) % targets.length;
    targets[current].setAttribute("tabindex", "0");
    targets[current].focus();
  };
  targets.forEach((target, i) => {
    target.setAttribute("role", "button");
    target.setAttribute("tabindex", i === 0 ? "0" : "-1");
    target.addEventListener("click", () => {
      current = i;
      root.__pick(target.dataset.id);
    });
    target.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        root.__pick(target.dataset.id);
      } else if (event.key === "ArrowRight" || event.key === "ArrowDown") {
        event.preventDefault();
        focusAt(i + 1);
      } else if (event.key === "ArrowLeft" || event.key === "ArrowUp") {
        event.preventDefault();
        focusAt(i - 1);
      }
    });
  });
  view.svg.classList.add("clickable");
}

function draw(root) {
  const data = root.__data;
  const shape = JSON.stringify([data.sizes, data.clickable]);
  const width = Math.floor(root.clientWidth || 600);
  if (!root.__view || root.__shape !== shape || root.__view.width !== width) {
    build(root, data, width);
    root.__shape = shape;
    if (data.clickable) makeInteractive(root);
  }
  update(root, data);
}

export default function (component) {
  const {data, parentElement, setStateValue} = component;
  let root = parentElement.querySelector(".network-diagram");
  if (!root) {
    root = document.createElement("div");
    root.className = "network-diagram";
    parentElement.appendChild(root);
  }
  root.__data = data;
  root.__pick = (id) => setStateValue("picked", {id, at: Date.now()});
  draw(root);
  if (!root.__resize) {
    let last = root.clientWidth;
    root.__resize = new ResizeObserver(() => {
      if (Math.abs(root.clientWidth - last) >= 1) {
        last = root.clientWidth;
        draw(root);
      }
    });
    root.__resize.observe(root);
  }
}
