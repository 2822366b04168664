// The classroom page: choose a counterfactual, move its levers, run, and
// read the answer beside the baseline and the article's figures.
"use strict";

const state = { scenarios: [], current: null, result: null, plot: null };
const $ = (id) => document.getElementById(id);

function fmt(v) {
  if (v === null || v === undefined) return "–";
  const a = Math.abs(v);
  if (a >= 1000) return Math.round(v).toLocaleString("en-GB");
  if (a >= 10) return v.toFixed(1);
  if (a === 0) return "0";
  return v.toPrecision(3);
}
function signed(v) { return v === null ? "–" : (v > 0 ? "+" : v < 0 ? "−" : "") + fmt(Math.abs(v)); }

async function load() {
  const r = await fetch("api/scenarios");
  const data = await r.json();
  state.scenarios = data.scenarios;
  const sel = $("scenario");
  for (const s of data.scenarios) {
    const o = document.createElement("option");
    o.value = s.name; o.textContent = s.title + (s.name === data.base ? " (baseline)" : "");
    sel.appendChild(o);
  }
  sel.onchange = () => choose(sel.value);
  $("run").onclick = run;
  $("reset").onclick = () => choose(sel.value);
  $("series").onchange = draw;
  choose(data.scenarios[0].name);
  $("status").textContent = `Ready: ${data.runs} runs at scale ${data.scale} per answer.`;
  $("run").disabled = false;
  document.body.dataset.state = "ready";
}

function choose(name) {
  const s = state.scenarios.find((x) => x.name === name);
  state.current = s;
  $("question").textContent = s.question || s.description;
  $("passage").textContent = s.passage || "";
  const box = $("levers");
  box.innerHTML = "";
  for (const l of s.levers) {
    const div = document.createElement("div");
    div.className = "lever";
    const id = "lever-" + l.name;
    let input;
    if (l.kind === "switch") {
      input = document.createElement("input");
      input.type = "checkbox"; input.checked = l.value === 1;
    } else {
      input = document.createElement("input");
      input.type = "number"; input.value = l.value;
      input.min = l.never ? 0 : l.min; input.max = l.max; input.step = l.step || "any";
    }
    input.id = id; input.dataset.lever = l.name; input.dataset.initial = l.value;
    input.onchange = () => div.classList.toggle("changed", leverValue(input) !== l.value);
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = l.label + (l.unit ? ` (${l.unit})` : "") + (l.never ? " (0: never)" : "");
    const ex = document.createElement("p"); ex.className = "explain"; ex.textContent = l.explain;
    const det = document.createElement("details");
    const sum = document.createElement("summary"); sum.textContent = "The article";
    det.appendChild(sum); det.appendChild(document.createTextNode(l.passage));
    if (l.kind === "switch") { label.prepend(input); div.append(label, ex, det); } else { div.append(label, input, ex, det); }
    box.appendChild(div);
  }
}

function leverValue(input) {
  return input.type === "checkbox" ? (input.checked ? 1 : 0) : Number(input.value);
}

async function run() {
  const levers = {};
  for (const input of document.querySelectorAll("[data-lever]")) levers[input.dataset.lever] = leverValue(input);
  $("run").disabled = true;
  document.body.dataset.state = "running";
  $("status").textContent = "Sending…";
  $("progress").value = 0;
  try {
    const r = await fetch("api/run?stream=1", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ scenario: state.current.name, levers }) });
    if (!r.ok) {
      const e = await r.json().catch(() => ({ error: r.statusText }));
      throw new Error(e.error || r.statusText);
    }
    const reader = r.body.getReader();
    const dec = new TextDecoder();
    let buf = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += dec.decode(value, { stream: true });
      let nl;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, nl); buf = buf.slice(nl + 1);
        if (line.trim()) handle(JSON.parse(line));
      }
    }
  } catch (e) {
    $("status").textContent = "Refused: " + e.message;
    document.body.dataset.state = "error";
  } finally {
    $("run").disabled = false;
  }
}

function handle(msg) {
  if (msg.progress) {
    const p = msg.progress;
    const what = { baseline: "Simulating the baseline first", queued: "Waiting for the runs before yours", runs: "Simulating" }[p.stage] || p.stage;
    $("status").textContent = `${what}: ${p.done} of ${p.total} runs`;
    $("progress").value = p.total ? p.done / p.total : 0;
  } else if (msg.error) {
    throw new Error(msg.error);
  } else if (msg.result) {
    state.result = msg.result;
    $("progress").value = 1;
    const r = msg.result;
    $("status").textContent = msg.cached ? "Answered from the cache." : `Done in ${r.seconds.toFixed(1)} s.`;
    show();
    document.body.dataset.state = "done";
    document.body.dataset.resultHash = r.hash;
  }
}

function show() {
  const r = state.result;
  const sel = $("series");
  const keep = sel.value || (r.differences.find((d) => d.expect !== 0) || { series: "firms_total" }).series;
  sel.innerHTML = "";
  for (const s of r.series) {
    const o = document.createElement("option"); o.value = s.name; o.textContent = s.name; sel.appendChild(o);
  }
  sel.value = r.series.some((s) => s.name === keep) ? keep : "firms_total";
  const from = r.branched_from ? `continued from the baseline's state at the start of ${r.branched_from}` : "run from 1978";
  const change = r.first_change ? `First change: ${r.first_change.what}, ${r.first_change.month}.` : "The levers change nothing: this is the baseline.";
  $("summary").textContent = `${r.title}: ${r.runs} runs at scale ${r.scale}, ${from}. ${change}`;
  const tb = $("differences").querySelector("tbody");
  tb.innerHTML = "";
  for (const d of r.differences) {
    const tr = document.createElement("tr");
    const exp = d.expect === 0 ? "" : (d.expect > 0 ? "higher" : "lower") + ((d.diff_p50 > 0) === (d.expect > 0) && d.clears_zero ? ": as expected" : ": not shown");
    cells(tr, [d.series, d.year, fmt(d.base_p50), fmt(d.cf_p50), signed(d.diff_p50), `${signed(d.diff_low)} to ${signed(d.diff_high)}`, d.clears_zero ? "yes" : "no", exp]);
    if (d.clears_zero) tr.children[6].className = "yes";
    tb.appendChild(tr);
  }
  const fb = $("fit").querySelector("tbody");
  fb.innerHTML = "";
  r.fit.forEach((f, i) => {
    const b = r.base_fit[i];
    if (f.simulated === null && b.simulated === null) return; // a figure the model does not simulate
    const tr = document.createElement("tr");
    cells(tr, [f.what, f.role, f.year, fmt(f.observed), `${fmt(f.low)}–${fmt(f.high)}`, fmt(b.simulated), fmt(f.simulated)]);
    tr.children[5].className = b.within ? "yes" : "miss";
    tr.children[6].className = f.within ? "yes" : "miss";
    fb.appendChild(tr);
  });
  draw();
}

function cells(tr, values) {
  for (const v of values) { const td = document.createElement("td"); td.textContent = v; tr.appendChild(td); }
}

function draw() {
  const r = state.result;
  if (!r) return;
  const name = $("series").value;
  const s = r.series.find((x) => x.name === name);
  $("series-doc").textContent = s.doc ? s.doc + (s.unit ? ` (${s.unit})` : "") : "";
  const years = r.years;
  const article = years.map(() => null), lo = years.map(() => null), hi = years.map(() => null);
  for (const a of r.article) {
    if (a.series !== name) continue;
    const i = years.indexOf(a.year);
    if (i >= 0) { article[i] = a.observed; lo[i] = a.low; hi[i] = a.high; }
  }
  const data = [years, s.base.p05, s.base.p95, s.base.p50, s.cf.p05, s.cf.p95, s.cf.p50, article];
  const differ = differingMarks(r);
  const opts = {
    width: Math.max(400, $("chart").clientWidth - 2), height: 380,
    scales: { x: { time: false } },
    axes: [{ values: (u, v) => v.map((x) => String(x)) }, { size: 70, values: (u, v) => v.map(fmt) }],
    series: [
      { label: "year" },
      { label: "baseline p05", stroke: "rgba(31,119,180,0.25)" },
      { label: "baseline p95", stroke: "rgba(31,119,180,0.25)" },
      { label: "baseline", stroke: "#1f77b4", width: 2 },
      { label: "counterfactual p05", stroke: "rgba(217,95,2,0.25)" },
      { label: "counterfactual p95", stroke: "rgba(217,95,2,0.25)" },
      { label: "counterfactual", stroke: "#d95f02", width: 2 },
      { label: "article", stroke: "#000", width: 0, points: { show: true, size: 8, fill: "#000" } },
    ],
    bands: [{ series: [2, 1], fill: "rgba(31,119,180,0.15)" }, { series: [5, 4], fill: "rgba(217,95,2,0.15)" }],
    hooks: { draw: [(u) => drawMarks(u, differ, years, lo, hi)] },
    legend: { show: false },
  };
  if (state.plot) state.plot.destroy();
  $("chart").innerHTML = "";
  state.plot = new uPlot(opts, data, $("chart"));
}

// differingMarks are the dated events and regime starts that are not in
// both scenarios.
function differingMarks(r) {
  const key = (m) => m.month + " " + m.what;
  const base = new Set(r.marks.base.map(key)), cf = new Set(r.marks.cf.map(key));
  const byYear = new Map(); // one line per year and side, its labels joined
  const add = (m, side) => {
    const k = side + m.year;
    if (byYear.has(k)) byYear.get(k).what += ", " + m.what;
    else byYear.set(k, { year: m.year, what: m.what, side });
  };
  for (const m of r.marks.cf) if (!base.has(key(m))) add(m, "cf");
  for (const m of r.marks.base) if (!cf.has(key(m))) add(m, "base");
  return [...byYear.values()];
}

function drawMarks(u, marks, years, lo, hi) {
  const ctx = u.ctx;
  ctx.save();
  ctx.lineWidth = 2;
  ctx.font = `${11 * devicePixelRatio}px system-ui`;
  marks.forEach((m, k) => {
    const x = u.valToPos(m.year, "x", true);
    ctx.strokeStyle = m.side === "cf" ? "#d95f02" : "#1f77b4";
    ctx.setLineDash(m.side === "cf" ? [] : [4, 4]);
    ctx.beginPath(); ctx.moveTo(x, u.bbox.top); ctx.lineTo(x, u.bbox.top + u.bbox.height); ctx.stroke();
    ctx.fillStyle = ctx.strokeStyle;
    ctx.fillText(m.what, x + 3, u.bbox.top + 14 * devicePixelRatio * (1 + (k % 4)));
  });
  ctx.setLineDash([]);
  ctx.strokeStyle = "#000";
  years.forEach((y, i) => {
    if (lo[i] === null) return;
    const x = u.valToPos(y, "x", true);
    ctx.beginPath(); ctx.moveTo(x, u.valToPos(lo[i], "y", true)); ctx.lineTo(x, u.valToPos(hi[i], "y", true)); ctx.stroke();
  });
  ctx.restore();
}

load().catch((e) => { $("status").textContent = "Could not load the scenarios: " + e.message; document.body.dataset.state = "error"; });
