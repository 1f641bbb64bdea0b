// argmap serve: the page. Vanilla JS, no build step. Everything it shows
// comes from the JSON API (docs/serve.md); the numbers are computed by the
// server, the page only draws them.
"use strict";

const $ = (id) => document.getElementById(id);
const S = {
  files: [],
  file: 0,
  version: 0,
  model: null,
  edges: [],
  removed: new Set(),
  tags: new Set(),
  groups: new Set(),
  base: {},
  weight: {},
  semantics: "",
  selected: null,
  view: null,
  classroom: false,
  step: null,
  seq: 0,
  zoom: "fit",
};

// ---------- helpers ----------

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? "" : v);
  }
  for (const k of kids.flat()) if (k !== null && k !== undefined) e.append(k instanceof Node ? k : String(k));
  return e;
}
const tidy = (x) => (Math.abs(x) < 5e-5 ? 0 : x);
const num = (x) => tidy(x).toFixed(4);
const signed = (x) => (tidy(x) >= 0 ? "+" : "") + tidy(x).toFixed(4);
const span = (cls, text) => el("span", { class: cls }, text);
// Replaces an element's children, leaving out null and undefined (which the
// DOM's replaceChildren would write as text).
const put = (e, ...kids) => e.replaceChildren(...kids.flat().filter((k) => k !== null && k !== undefined && k !== false));

async function api(path, body) {
  const url = `${path}?file=${S.file}`;
  const init = body === undefined ? {} : {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  };
  const res = await fetch(url, init);
  const type = res.headers.get("Content-Type") || "";
  const data = type.includes("json") ? await res.json() : await res.text();
  if (!res.ok) {
    const err = new Error((data && data.error) || `${res.status}`);
    err.status = res.status;
    err.data = data;
    throw err;
  }
  return data;
}

function status(text) {
  $("status").textContent = text || "";
}

// ---------- the model ----------

// The edges of the JSON model, as {kind, from: [ids], to, weight, id}.
function edgesOf(model) {
  return (model.edges || []).map((e) => {
    let kind = e.kind || e.type;
    let d = e;
    if (!kind) {
      kind = Object.keys(e)[0];
      d = e[kind];
    }
    const from = Array.isArray(d.from) ? d.from : [d.from];
    return { kind, from, to: d.to, weight: d.weight === undefined ? 1 : d.weight, id: d.id };
  });
}

const node = (id) => S.model.nodes.find((n) => n.id === id);
const wkey = (from, to) => `${from}\u0001${to}`;

// The request body of the current what-if.
function mods(extra) {
  const b = {};
  if (S.semantics) b.semantics = S.semantics;
  if (S.removed.size) b.remove = [...S.removed];
  if (S.tags.size) b.remove_tag = [...S.tags];
  if (S.groups.size) b.remove_group = [...S.groups];
  if (Object.keys(S.base).length) b.set_base = { ...S.base };
  const w = Object.entries(S.weight);
  if (w.length) {
    b.set_weight = w.map(([k, weight]) => {
      const [from, to] = k.split("\u0001");
      return { from, to, weight };
    });
  }
  return Object.assign(b, extra || {});
}

// ---------- the URL: the what-if, to share ----------

function writeHash() {
  const p = new URLSearchParams();
  p.set("file", S.file);
  if (S.semantics) p.set("semantics", S.semantics);
  if (S.removed.size) p.set("remove", [...S.removed].join(","));
  if (S.tags.size) p.set("tag", [...S.tags].join(","));
  if (S.groups.size) p.set("group", [...S.groups].join(","));
  const b = Object.entries(S.base).map(([k, v]) => `${k}=${v}`);
  if (b.length) p.set("base", b.join(","));
  const w = Object.entries(S.weight).map(([k, v]) => `${k.replace("\u0001", ":")}=${v}`);
  if (w.length) p.set("weight", w.join(","));
  if (S.selected) p.set("node", S.selected);
  if (S.classroom) p.set("classroom", "1");
  if (S.classroom && S.step) p.set("step", S.step);
  if (S.zoom !== "fit") p.set("zoom", S.zoom);
  history.replaceState(null, "", "#" + p.toString());
}

function readHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  const list = (k) => (p.get(k) ? p.get(k).split(",").filter(Boolean) : []);
  S.file = Number(p.get("file") || 0) || 0;
  S.semantics = p.get("semantics") || "";
  S.removed = new Set(list("remove"));
  S.tags = new Set(list("tag"));
  S.groups = new Set(list("group"));
  S.base = {};
  for (const kv of list("base")) {
    const [k, v] = kv.split("=");
    if (k && v !== undefined && !isNaN(Number(v))) S.base[k] = Number(v);
  }
  S.weight = {};
  for (const kv of list("weight")) {
    const [edge, v] = kv.split("=");
    const [from, to] = (edge || "").split(":");
    if (from && to && v !== undefined && !isNaN(Number(v))) S.weight[wkey(from, to)] = Number(v);
  }
  S.selected = p.get("node") || null;
  S.classroom = p.get("classroom") === "1";
  S.startStep = Number(p.get("step") || 0) || 0;
  S.zoom = p.get("zoom") || "auto";
}

// Drops the toggles and values whose ids the (reloaded) map no longer has.
function keepExisting() {
  const ids = new Set(S.model.nodes.map((n) => n.id));
  const tags = new Set(S.model.nodes.flatMap((n) => n.tags || []));
  const groups = new Set((S.model.groups || []).map((g) => g.id));
  const edges = new Set(S.edges.map((e) => wkey(e.from[0], e.to)));
  S.removed = new Set([...S.removed].filter((x) => ids.has(x) && x !== S.model.conclusion));
  S.tags = new Set([...S.tags].filter((x) => tags.has(x)));
  S.groups = new Set([...S.groups].filter((x) => groups.has(x)));
  for (const k of Object.keys(S.base)) if (!ids.has(k)) delete S.base[k];
  for (const k of Object.keys(S.weight)) if (!edges.has(k)) delete S.weight[k];
  if (S.selected && !ids.has(S.selected)) S.selected = null;
}

// ---------- loading ----------

async function loadFiles() {
  S.files = await api("/api/files");
  const sel = $("file");
  put(sel, ...S.files.map((f) => el("option", { value: f.file }, f.name)));
  if (!S.files[S.file]) S.file = 0;
  sel.value = S.file;
}

async function loadMap() {
  const f = S.files[S.file];
  S.version = f.version;
  if (!f.ok) {
    showDiagnostics(f);
    return;
  }
  $("diagnostics").hidden = true;
  let model, svg;
  try {
    [model, svg] = await Promise.all([api("/api/graph"), api("/api/svg")]);
  } catch (e) {
    if (e.status === 422) return showDiagnostics({ name: f.name, diagnostics: e.data.diagnostics || [] });
    throw e;
  }
  S.model = model;
  S.edges = edgesOf(model);
  keepExisting();
  $("title").textContent = model.title || "argmap";
  document.title = `${model.title || f.name} · argmap`;
  $("map").innerHTML = svg;
  const root = $("map").querySelector("svg");
  if (root) {
    root.removeAttribute("width");
    root.removeAttribute("height");
    zoom(S.zoom);
  }
  // Classroom mode hides ids and numbers: mark the lines that are an id
  // (a node's id line) or a number (an edge's weight).
  for (const g of $("map").querySelectorAll("g.node[data-id]")) {
    for (const t of g.querySelectorAll("text")) if (t.textContent.trim() === g.dataset.id) t.classList.add("id");
  }
  for (const t of $("map").querySelectorAll("g.edge text")) {
    if (!/^[0-9.]+$/.test(t.textContent.trim())) continue;
    t.classList.add("num");
    // Graphviz draws a weight's underline and its line to the edge (`decorate`)
    // right after the text: it goes with the number.
    const line = t.nextElementSibling;
    if (line && line.tagName === "polyline") line.classList.add("num");
  }
  for (const g of $("map").querySelectorAll("g.node[data-id]")) {
    g.addEventListener("click", (ev) => {
      const id = g.dataset.id;
      if (ev.shiftKey) toggleNode(id);
      else select(id);
    });
  }
  drawToggles();
  S.step = S.classroom ? 0 : null;
  await refresh();
}

// The drawing's size: "fit" (the pane's width) or a scale of its own size.
function zoom(z) {
  const root = $("map").querySelector("svg");
  if (!root) return;
  const vb = root.viewBox && root.viewBox.baseVal;
  // "auto": fit, unless that would make the text too small to read (a wide
  // map), then half size, scrolled.
  if (z === "auto") z = !vb || !vb.width || $("map").clientWidth / vb.width >= 0.35 ? "fit" : "0.5";
  S.zoom = z;
  if (z === "fit" || !vb || !vb.width) {
    root.style.width = "";
    root.style.maxWidth = "100%";
  } else {
    root.style.maxWidth = "none";
    root.style.width = `${vb.width * Number(z)}px`;
  }
  $("zoom").value = z;
}

function showDiagnostics(f) {
  const box = $("diagnostics");
  box.hidden = false;
  const lines = (f.diagnostics || []).map((d) => {
    const at = d.line ? `:${d.line}:${d.column}` : "";
    return `${d.file}${at}: ${d.severity}[${d.code}]: ${d.message}${d.help ? ` (help: ${d.help})` : ""}`;
  });
  put(box, 
    el("strong", {}, `${f.name} does not check; the page follows the file and updates when it is fixed:`),
    el("div", { class: "diag" }, lines.join("\n")),
  );
  put($("map"), );
}

// ---------- the what-if ----------

async function refresh() {
  if (!S.model) return;
  writeHash();
  const seq = ++S.seq;
  status("…");
  try {
    const view = await api("/api/view", mods());
    if (seq !== S.seq) return; // a newer change is on its way
    S.view = view;
    paint();
    status("");
    drawChanges();
    if (S.selected) showNode(S.selected);
    // The expectations come when they come: the map does not wait for them.
    api("/api/test", mods())
      .then((expect) => { if (seq === S.seq) drawExpect(expect); })
      .catch((e) => put($("expect"), el("p", { class: "fail" }, e.message)));
  } catch (e) {
    if (seq === S.seq) status(`error: ${e.message}`);
  }
}

// Colours every node by its strength after the what-if, writes before ->
// after under the nodes that moved, greys what was removed.
function paint() {
  const v = S.view;
  const w = v.whatif;
  const removed = new Set(w.removed);
  const moved = new Map(w.changed.map((c) => [c.id, c]));
  const hidden = revealHidden();
  for (const g of $("map").querySelectorAll("g.node[data-id]")) {
    const id = g.dataset.id;
    const c = v.colours[id];
    const box = g.querySelector("polygon, path, rect, ellipse");
    if (box) box.classList.add("box");
    const colours = c && (c.after || c.before);
    if (box && colours) box.setAttribute("fill", colours[0]);
    for (const t of g.querySelectorAll("text:not(.badge)")) if (colours) t.setAttribute("fill", colours[1]);
    g.classList.toggle("removed", removed.has(id));
    g.classList.toggle("moved", moved.has(id) && Math.abs(moved.get(id).change) >= 5e-5);
    g.classList.toggle("selected", id === S.selected);
    g.classList.toggle("hidden", hidden.has(id));
    let badge = g.querySelector("text.badge");
    const m = moved.get(id);
    if (m && Math.abs(m.change) >= 5e-5 && box) {
      if (!badge) {
        badge = document.createElementNS("http://www.w3.org/2000/svg", "text");
        badge.setAttribute("class", "badge");
        const bb = box.getBBox();
        badge.setAttribute("x", bb.x + bb.width / 2);
        badge.setAttribute("y", bb.y + bb.height + 12);
        badge.setAttribute("text-anchor", "middle");
        g.append(badge);
      }
      badge.textContent = `${num(m.before)} → ${num(m.after)}`;
    } else if (badge) {
      badge.remove();
    }
  }
  paintEdges(removed, hidden);
  // The verdict: the line `argmap whatif` prints first, and in words.
  const after = w.after === null ? "removed by the scenario" : `${num(w.after)} (${signed(w.change)})`;
  const line = w.after === null
    ? `${w.topic}: ${num(w.before)} -> removed by the scenario, under ${w.semantics}`
    : `${w.topic}: ${num(w.before)} -> ${num(w.after)} (${signed(w.change)}) under ${w.semantics}`;
  $("conclusion").textContent = line;
  $("conclusion").dataset.after = w.after === null ? "" : num(w.after);
  const text = node(w.topic) ? node(w.topic).text : w.topic;
  const words = v.verdict.after || "removed";
  put($("verdict-words"), 
    el("div", {}, `“${text}”`),
    el("div", {}, "verdict: ", span(words, words), v.verdict.after && v.verdict.after !== v.verdict.before ? ` (was ${v.verdict.before})` : "",
      span("num", ` · strength ${after}`)),
    ...(w.still_standing || []).map((x) => el("div", { class: "hint" },
      `the linked edge ${x.edge} still stands on ${x.on.join(", ")} without ${x.without.join(", ")}: ` +
      "a removed premise leaves the inference to the others (set its base to 0 to make it false)")),
  );
  put($("legend"), 
    "strength ", span("num", "0 "),
    el("span", { class: "ramp", style: `background: linear-gradient(to right, ${v.ramp.join(", ")})` }),
    span("num", " 1"), `  ·  under ${w.semantics}`,
  );
}

function toggleNode(id) {
  if (id === S.model.conclusion) {
    status("the conclusion stays: switch off what bears on it");
    return;
  }
  if (S.removed.has(id)) S.removed.delete(id);
  else S.removed.add(id);
  refresh();
}

function drawToggles() {
  const tags = [...new Set(S.model.nodes.flatMap((n) => n.tags || []))].sort();
  const groups = (S.model.groups || []).map((g) => g.id);
  const chips = (list, set, label) => list.map((x) => {
    const box = el("input", { type: "checkbox", checked: !set.has(x), onchange: () => {
      if (set.has(x)) set.delete(x);
      else set.add(x);
      drawToggles();
      refresh();
    } });
    return el("label", { class: `toggle chip${set.has(x) ? " off" : ""}`, title: `${label} ${x}` }, box, ` ${x}`);
  });
  put($("toggles"), 
    groups.length ? el("h3", {}, "groups") : null, ...chips(groups, S.groups, "group"),
    tags.length ? el("h3", {}, "tags") : null, ...chips(tags, S.tags, "tag"),
  );
}

// The list of what the user changed, each with its own undo.
function drawChanges() {
  const items = [];
  for (const id of S.removed) items.push([`without ${id}`, () => S.removed.delete(id)]);
  for (const t of S.tags) items.push([`without tag ${t}`, () => S.tags.delete(t)]);
  for (const g of S.groups) items.push([`without group ${g}`, () => S.groups.delete(g)]);
  for (const [id, x] of Object.entries(S.base)) items.push([`base of ${id}: ${x}`, () => delete S.base[id]]);
  for (const [k, x] of Object.entries(S.weight)) items.push([`weight ${k.replace("\u0001", " → ")}: ${x}`, () => delete S.weight[k]]);
  put($("changes"), ...items.map(([text, undo]) => el("div", {}, el("button", { title: "undo", onclick: () => {
    undo();
    drawToggles();
    refresh();
  } }, "↺"), " ", text)));
  const w = S.view.whatif;
  const moved = w.changed.filter((c) => Math.abs(c.change) >= 5e-5);
  put($("moved"), moved.length
    ? el("table", {}, el("tr", {}, el("th", {}, "moved"), el("th", { class: "n num" }, "before"), el("th", { class: "n num" }, "after"), el("th", { class: "n num" }, "change")),
      moved.slice(0, 30).map((c) => el("tr", { onclick: () => select(c.id) },
        el("td", { class: "id" }, c.id), el("td", { class: "n num" }, num(c.before)), el("td", { class: "n num" }, num(c.after)), el("td", { class: "n num" }, signed(c.change)))))
    : el("p", { class: "hint" }, items.length ? "nothing moved by 0.0001 or more" : ""));
}

// ---------- one node ----------

function select(id) {
  S.selected = id;
  paint();
  writeHash();
  showNode(id);
  const g = nodeOf(id);
  if (g) g.scrollIntoView({ block: "nearest", inline: "nearest" });
}

async function showNode(id) {
  const n = node(id);
  if (!n) return;
  const box = $("node");
  box.hidden = false;
  const c = S.view && S.view.whatif.changed.find((x) => x.id === id);
  const removed = S.removed.has(id);
  const cite = n.cite;
  const link = cite && cite.url && /^https?:\/\//.test(cite.url) ? el("a", { href: cite.url, target: "_blank", rel: "noopener" }, "link") : null;
  const slider = (value, onset, max) => {
    const out = span("num", ` ${Number(value).toFixed(2)}`);
    const input = el("input", { type: "range", min: 0, max: max || 1, step: 0.01, value });
    input.addEventListener("input", () => { out.textContent = ` ${Number(input.value).toFixed(2)}`; });
    input.addEventListener("change", () => { onset(Number(input.value)); refresh(); });
    return [input, out];
  };
  const base = id in S.base ? S.base[id] : n.base;
  const edges = S.edges.filter((e) => e.kind !== "Undercut" && e.from.length === 1 && (e.to === id || e.from[0] === id));
  put(box, 
    el("h2", {}, span("id", `${id} · `), n.kind),
    el("p", {}, n.text),
    cite ? el("p", { class: "cite" }, "source: ", cite.ref || "", cite.locator ? `, ${cite.locator}` : "", " ", link) : null,
    cite && cite.quote ? el("blockquote", {}, cite.quote) : null,
    n.note ? el("p", { class: "hint" }, n.note) : null,
    el("p", { class: "num" }, `base ${num(n.base)}`, c ? ` · strength ${num(c.before)} → ${num(c.after)} (${signed(c.change)})` : ""),
    id === S.model.conclusion ? null : el("label", {}, el("input", { type: "checkbox", id: "in-map", checked: !removed, onchange: () => toggleNode(id) }), " in the map"),
    el("h3", {}, "base score"), ...slider(base, (x) => { S.base[id] = x; }),
    edges.length ? el("h3", {}, "edge weights") : null,
    ...edges.map((e) => {
      const k = wkey(e.from[0], e.to);
      const w = k in S.weight ? S.weight[k] : e.weight;
      return el("div", {}, `${e.kind} ${e.from[0]} → ${e.to}`, ...slider(w, (x) => { S.weight[k] = x; }, Math.max(1, e.weight)));
    }),
    el("div", { id: "explain" }, el("p", { class: "hint" }, "explaining…")),
  );
  try {
    const x = await api("/api/explain", mods({ node: id }));
    if (S.selected === id) drawExplain(x);
  } catch (e) {
    put($("explain"), el("p", { class: "hint" }, `no explanation: ${e.message}`));
  }
}

function drawExplain(x) {
  const rows = x.inputs.map((t) => el("tr", {},
    el("td", {}, t.kind === "Attack" ? "attacked by" : t.kind === "Support" ? "supported by" : "undercut by"),
    el("td", { class: "id" }, t.from),
    el("td", { class: "n num" }, `${num(t.weight)} × ${num(t.strength)} = ${num(t.input)}`)));
  const decisive = x.decisive.map((d) => el("tr", { onclick: () => select(d.id) },
    el("td", { class: "id" }, d.id), el("td", { class: "n num" }, signed(d.contribution)), el("td", { class: "n num" }, `without: ${num(d.without)}`)));
  put($("explain"), 
    el("h3", {}, `why (${x.semantics})`),
    el("p", { class: "num" }, `1. base τ = ${num(x.base)}`),
    rows.length ? el("table", {}, rows) : el("p", {}, "nothing attacks or supports it: its strength is its base"),
    rows.length ? el("p", { class: "num" }, `aggregate (${x.aggregation}) = ${num(x.aggregate)}; influence ${x.influence} → ${num(x.result)}`) : null,
    decisive.length ? el("h3", {}, "most decisive underneath") : null,
    decisive.length ? el("table", {}, decisive) : null,
  );
}

// ---------- expectations, contributions, flips ----------

function drawExpect(t) {
  if (!t.results.length) {
    put($("expect"), el("p", { class: "hint" }, "the file has no expect list"));
    return;
  }
  put($("expect"), 
    el("p", {}, `${t.passed} passed, ${t.failed} failed`),
    ...t.results.map((r) => el("div", { class: r.ok ? "ok" : "fail" }, r.ok ? "ok " : "FAIL ", r.expectation || "",
      r.value === null ? "" : span("num", `: ${num(r.value)}`), r.message ? el("div", { class: "hint" }, r.message) : null)),
  );
}

async function contrib() {
  put($("analysis"), el("p", { class: "hint" }, "computing…"));
  try {
    const c = await api("/api/contrib", mods({ method: $("method").value, players: "evidence" }));
    const rows = Object.entries(c.contributions).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
    put($("analysis"), 
      el("h3", {}, `contributions to ${c.topic} (${c.method})`),
      el("table", {}, rows.slice(0, 25).map(([id, x]) => el("tr", { onclick: () => select(id) }, el("td", { class: "id" }, id), el("td", { class: "n num" }, signed(x))))),
    );
  } catch (e) {
    put($("analysis"), el("p", { class: "fail" }, e.message));
  }
}

async function flip() {
  put($("analysis"), el("p", { class: "hint" }, "searching…"));
  try {
    const f = await api("/api/flip", mods());
    put($("analysis"), 
      el("h3", {}, `smallest sets of evidence whose removal flips ${f.topic} (threshold ${f.threshold})`),
      f.sets.length
        ? el("table", {}, f.sets.slice(0, 20).map((s) => el("tr", {},
          el("td", {}, el("button", { onclick: () => { for (const id of s.remove) S.removed.add(id); refresh(); } }, "apply")),
          el("td", { class: "id" }, s.remove.join(", ")), el("td", { class: "n num" }, num(s.strength)))))
        : el("p", {}, `none up to size ${f.complete_up_to} (${f.stopped})`),
    );
  } catch (e) {
    put($("analysis"), el("p", { class: "fail" }, e.message));
  }
}

// Greys the edges the what-if removed and hides those classroom mode has not
// revealed yet. Every piece of an edge's drawing (its lines, its junction,
// its label) carries the edge's data (docs/diagrams.md). An edge goes when
// all its premises go (a linked edge stands while one premise is left,
// docs/semantics.md) or its target goes, an undercut with the edge it
// undercuts; a removed premise's own line into a linked edge's junction goes
// with the premise. An edge shows once its premises and its target show.
function paintEdges(removed, hidden) {
  const groups = [...$("map").querySelectorAll("g[data-edge][data-from]")];
  const edges = new Map();
  for (const g of groups) {
    if (edges.has(g.dataset.edge)) continue;
    const from = g.dataset.from.split(/[ ,+]+/).filter(Boolean);
    edges.set(g.dataset.edge, { from, to: g.dataset.to, undercut: g.dataset.kind === "undercut" });
  }
  const state = (key, seen) => {
    const e = edges.get(key);
    seen.add(key);
    const target = e.undercut && edges.has(e.to) && !seen.has(e.to)
      ? state(e.to, seen)
      : { gone: removed.has(e.to), hidden: hidden.has(e.to) };
    return {
      gone: e.from.every((f) => removed.has(f)) || target.gone,
      hidden: e.from.some((f) => hidden.has(f)) || target.hidden,
    };
  };
  const states = new Map([...edges.keys()].map((k) => [k, state(k, new Set())]));
  for (const g of groups) {
    const s = states.get(g.dataset.edge);
    const premise = g.classList.contains("edge") ? premiseOf(g, edges.get(g.dataset.edge).from) : null;
    g.classList.toggle("removed", s.gone || (premise !== null && removed.has(premise)));
    g.classList.toggle("hidden", s.hidden);
  }
}

// The premise whose line into a linked edge's junction `g` draws, or null
// (the arrow from the junction on, or an edge of one premise): the drawing
// gives each line the whole edge's data, so the line that ends on a
// premise's box is that premise's. Found once per drawing.
function premiseOf(g, from) {
  if (from.length < 2) return null;
  if (g.dataset.premise !== undefined) return g.dataset.premise || null;
  const line = g.querySelector("path, polyline, line");
  const m = line && line.getCTM && line.getCTM();
  if (!m) return null;
  const n = line.getTotalLength();
  const ends = [line.getPointAtLength(0), line.getPointAtLength(n)]
    .map((p) => new DOMPoint(p.x, p.y).matrixTransform(m));
  // In the drawing's units: a line ends on its box's border, give or take
  // a pixel; a junction is further from every premise's box than that.
  let best = 4;
  let found = "";
  for (const f of from) {
    for (const b of boxesOf(f)) for (const p of ends) {
      const d = Math.hypot(Math.max(b.x0 - p.x, 0, p.x - b.x1), Math.max(b.y0 - p.y, 0, p.y - b.y1));
      if (d < best) {
        best = d;
        found = f;
      }
    }
  }
  g.dataset.premise = found;
  return found || null;
}

// Node `id` as the drawing draws it: the node itself, not one of its stubs
// (docs/diagrams.md: a stub is a copy of the node drawn in another group,
// `<g class="node" data-id="ID" data-stub="true">`, wherever it comes in the
// SVG), or null.
function nodeOf(id) {
  return $("map").querySelector(`g.node[data-id="${CSS.escape(id)}"]:not([data-stub])`);
}

// The boxes node `id` is drawn with, in the drawing's coordinates: its own
// and those of its stubs (an edge from a node in another group starts at its
// stub).
function boxesOf(id) {
  const out = [];
  for (const g of $("map").querySelectorAll(`g.node[data-id="${CSS.escape(id)}"]`)) {
    const box = g.querySelector("polygon, path, rect, ellipse");
    const m = box && box.getCTM();
    if (!m) continue;
    const b = box.getBBox();
    const a = new DOMPoint(b.x, b.y).matrixTransform(m);
    const c = new DOMPoint(b.x + b.width, b.y + b.height).matrixTransform(m);
    out.push({ x0: Math.min(a.x, c.x), y0: Math.min(a.y, c.y), x1: Math.max(a.x, c.x), y1: Math.max(a.y, c.y) });
  }
  return out;
}

// ---------- classroom mode: reveal step by step ----------

// The reveal order: steps of node ids. By level, evidence first, then each
// claim after everything under it, the conclusion last; by group, one group
// at a time in file order, the nodes without a group last.
function steps() {
  const ids = S.model.nodes.map((n) => n.id);
  if ($("reveal-mode").value === "group") {
    const out = (S.model.groups || []).map((g) => S.model.nodes.filter((n) => n.group === g.id).map((n) => n.id)).filter((s) => s.length);
    const rest = S.model.nodes.filter((n) => !n.group).map((n) => n.id);
    if (rest.length) out.push(rest);
    return out;
  }
  const under = new Map(ids.map((id) => [id, []]));
  for (const e of S.edges) if (under.has(e.to)) under.get(e.to).push(...e.from);
  const level = new Map();
  const depth = (id, seen) => {
    if (level.has(id)) return level.get(id);
    if (seen.has(id)) return 0;
    seen.add(id);
    const d = under.get(id).length ? 1 + Math.max(...under.get(id).map((f) => depth(f, seen))) : 0;
    level.set(id, d);
    return d;
  };
  for (const id of ids) depth(id, new Set());
  const top = Math.max(...level.values());
  level.set(S.model.conclusion, top + 1);
  const out = [];
  for (let d = 0; d <= top + 1; d++) {
    const s = ids.filter((id) => level.get(id) === d);
    if (s.length) out.push(s);
  }
  return out;
}

function revealHidden() {
  if (!S.classroom || S.step === null) return new Set();
  const all = steps();
  $("reveal-step").textContent = `step ${Math.min(S.step + 1, all.length)} of ${all.length}`;
  writeHash();
  return new Set(all.slice(S.step + 1).flat());
}

function setClassroom(on) {
  S.classroom = on;
  document.body.classList.toggle("classroom", on);
  $("reveal").hidden = !on;
  $("classroom").textContent = on ? "leave classroom" : "classroom";
  S.step = on ? 0 : null;
  if (S.view) paint();
  writeHash();
}

// ---------- watching the file ----------

async function poll() {
  try {
    const files = await fetch("/api/files").then((r) => r.json());
    const f = files[S.file];
    if (f && f.version !== S.version) {
      S.files = files;
      status("the file changed: reloading");
      await loadMap();
    }
  } catch (e) {
    status("the server does not answer");
  }
  setTimeout(poll, 1000);
}

// ---------- save as ----------

async function save() {
  const name = S.files[S.file].name.split(/[\\/]/).pop();
  const suggested = name.replace(/\.ron$/, "") + "-whatif.ron";
  const path = prompt("Save the modified map as (a new .ron file next to this one):", suggested);
  if (!path) return;
  try {
    const r = await api("/api/save", mods({ path }));
    status(`wrote ${r.written}`);
  } catch (e) {
    if (e.status === 409 && confirm(`${e.message}.\nReplace it with the modified map?`)) {
      const r = await api("/api/save", mods({ path, overwrite: true }));
      status(`wrote ${r.written}`);
    } else {
      status(`not saved: ${e.message}`);
    }
  }
}

// ---------- start ----------

async function start() {
  readHash();
  const names = ["", "quadratic-energy", "df-quad", "sd-df-quad", "euler-based", "euler-based-top", "mlp-based", "weighted-h-categorizer", "weighted-max-based", "weighted-card-based"];
  put($("semantics"), ...names.map((n) => el("option", { value: n }, n || "the file's")));
  $("semantics").value = S.semantics;
  $("semantics").addEventListener("change", () => { S.semantics = $("semantics").value; refresh(); });
  $("file").addEventListener("change", async () => {
    S.file = Number($("file").value);
    S.removed.clear(); S.tags.clear(); S.groups.clear(); S.base = {}; S.weight = {}; S.selected = null;
    $("node").hidden = true;
    await loadMap();
  });
  $("reset").addEventListener("click", () => {
    S.removed.clear(); S.tags.clear(); S.groups.clear(); S.base = {}; S.weight = {};
    drawToggles();
    refresh();
  });
  $("classroom").addEventListener("click", () => setClassroom(!S.classroom));
  $("reveal-mode").addEventListener("change", () => { S.step = 0; paint(); });
  $("reveal-next").addEventListener("click", () => { S.step = Math.min(S.step + 1, steps().length - 1); paint(); });
  $("reveal-prev").addEventListener("click", () => { S.step = Math.max(S.step - 1, 0); paint(); });
  $("reveal-all").addEventListener("click", () => { S.step = steps().length - 1; paint(); });
  $("share").addEventListener("click", async () => {
    writeHash();
    try { await navigator.clipboard.writeText(location.href); status("link copied"); } catch (e) { status(location.href); }
  });
  $("save").addEventListener("click", save);
  $("zoom").addEventListener("change", () => zoom($("zoom").value));
  $("contrib").addEventListener("click", contrib);
  $("flip").addEventListener("click", flip);
  await loadFiles();
  const classroom = S.classroom;
  await loadMap();
  if (classroom) {
    setClassroom(true);
    S.step = Math.min(S.startStep, steps().length - 1);
    paint();
  }
  if (S.selected) select(S.selected);
  // From the start of the navigation to a coloured map (docs/performance.md).
  document.body.dataset.loadMs = String(Math.round(performance.now()));
  document.body.dataset.ready = "1";
  setTimeout(poll, 1000);
}

start().catch((e) => status(`error: ${e.message}`));
