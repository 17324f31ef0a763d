// Huopan operator console: search as a buyer, explain, retune a draft, compare,
// evaluate, publish and roll back. All state that defines a view lives in the URL
// (so a link reproduces it); the token (operator or admin) lives only in this page's memory.
"use strict";

const $ = (id) => document.getElementById(id);
// Labels and kinds come from GET /v1/schema (filled in by init).
let KINDS = {};
const state = {
  schema: null,         // the server's search vocabulary: filters and their kinds, intents, profiles
  tab: "offers",
  filters: {},          // name -> [values]
  features: [],         // [{name, target, group, summary}]
  published: null,      // the published profile being edited
  draft: null,          // its draft weights
  lastRequest: null,    // the search request last sent
  token: "",            // operator or admin token, never stored outside this variable
};

function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

// `role` is the token a route needs: "operator" (compare, evaluate, history) or "admin" (publish).
async function api(method, path, body, role) {
  const headers = {};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (role) {
    if (!state.token) throw new Error(`enter the ${role} token first (top right)`);
    headers["Authorization"] = "Bearer " + state.token;
  }
  const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  let data = {};
  try { data = text ? JSON.parse(text) : {}; } catch { data = { error: { message: text } }; }
  if (!r.ok) throw new Error((data.error && data.error.message) || r.statusText);
  return data;
}

function setStatus(text, isError) {
  $("status").textContent = text;
  $("status").className = isError ? "error" : "";
}

// ---------- URL state ----------

function readURL() {
  const p = new URLSearchParams(location.search);
  $("q").value = p.get("q") || "";
  $("intent").value = p.get("intent") || "";
  $("qty").value = p.get("qty") || "";
  $("channel").value = p.get("channel") || "";
  $("sort").value = p.get("sort") || "relevance";
  state.pendingProfile = p.get("profile") || "";
  state.tab = p.get("tab") === "suppliers" ? "suppliers" : "offers";
  state.filters = {};
  for (const [k, v] of p.entries()) {
    if (k.startsWith("filter.")) (state.filters[k.slice(7)] ||= []).push(v);
  }
}

function writeURL() {
  const p = new URLSearchParams();
  for (const id of ["q", "intent", "qty", "channel", "profile"]) if ($(id).value) p.set(id, $(id).value);
  if ($("sort").value !== "relevance") p.set("sort", $("sort").value);
  if (state.tab !== "offers") p.set("tab", state.tab);
  for (const [k, vs] of Object.entries(state.filters)) for (const v of vs) p.append("filter." + k, v);
  history.replaceState(null, "", "/?" + p.toString());
}

function request() {
  const r = { q: $("q").value, size: 20, explain: true, facets: ["category", "region", "supplier_kind"], sort: $("sort").value, filters: {} };
  if ($("intent").value) r.intent = $("intent").value;
  if ($("qty").value) r.qty = parseInt($("qty").value, 10);
  if ($("channel").value) r.channel = $("channel").value;
  if ($("profile").value) r.profile = $("profile").value;
  for (const [k, vs] of Object.entries(state.filters)) r.filters[k] = filterValue(k, vs);
  return r;
}

// A filter's values (as strings, from the URL or a facet) in the JSON the server takes:
// lists stay lists; numbers, integers and booleans take the last value given.
function filterValue(name, values) {
  const field = (state.schema?.filters || []).find((f) => f.name === name);
  const last = values[values.length - 1];
  switch (field?.kind) {
    case "number": return Number(last);
    case "integer": return Number.isInteger(Number(last)) ? Number(last) : last;
    case "boolean": return last === "true" || last === "1" ? true : last === "false" || last === "0" ? false : last;
    default: return values;
  }
}

// ---------- search ----------

async function search() {
  writeURL();
  const r = request();
  state.lastRequest = r;
  setStatus("searching…");
  try {
    if (state.tab === "suppliers") {
      const qs = new URLSearchParams({ q: r.q, size: "20", explain: "true", facets: "belt,supplier_kind" });
      for (const k of ["intent", "qty", "channel"]) if (r[k]) qs.set(k, r[k]);
      for (const [k, vs] of Object.entries(state.filters)) for (const v of vs) qs.append("filter." + k, v);
      renderSuppliers(await api("GET", "/v1/suppliers/search?" + qs.toString()));
      return;
    }
    const res = await api("POST", "/v1/search", r);
    renderResults(res);
    await loadProfileForEditing(res.profile);
  } catch (e) {
    setStatus(e.message, true);
  }
}

function renderAnalysis(res) {
  const q = res.query;
  const parts = [
    `<b>${res.total}${res.total_exact === false ? "+" : ""}</b> ${state.tab === "suppliers" ? "suppliers" : "offers"} · ${res.took_ms} ms`,
    `profile <b>${esc(res.profile)}</b>`,
    `intent <b>${esc(res.intent || "none")}</b> (${esc(res.intent_source)})`,
    `qty <b>${res.qty}</b> (${esc(res.qty_source)})`,
    `units ${q.units.map((u) => `<b>${esc(u)}</b>`).join(" · ") || "—"}`,
  ];
  if (q.cues.length) parts.push("cues " + q.cues.map((c) => `${esc(c.text)}→${esc(c.value)}`).join(", "));
  for (const [u, alts] of Object.entries(q.alternatives || {})) parts.push(`${esc(u)} also as ${alts.map(esc).join(", ")}`);
  if (q.relaxed) parts.push(`relaxed, dropped ${q.dropped.map(esc).join(", ")}`);
  if (q.categories && q.categories.length) parts.push("likely " + q.categories.map((c) => `${esc(c.category)} ${Math.round(c.share * 100)}%`).join(", "));
  if (res.partial) parts.push(`<span class="error">partial: shards ${res.missing_shards.join(", ")} missing</span>`);
  $("analysis").innerHTML = parts.join(" &nbsp;|&nbsp; ");
}

function renderFacets(facets) {
  const names = { category: "Category", region: "Region", supplier_kind: "Supplier kind", belt: "Industrial belt" };
  let html = "";
  for (const [name, values] of Object.entries(facets || {})) {
    html += `<h3>${names[name] || name}</h3>`;
    for (const v of values.slice(0, 12)) {
      const on = (state.filters[name] || []).includes(v.value);
      const label = name === "supplier_kind" ? KINDS[v.value] || v.value : v.value;
      html += `<span class="chip ${on ? "on" : ""}" data-facet="${esc(name)}" data-value="${esc(v.value)}">${esc(label)} ${v.count}</span>`;
    }
  }
  for (const [name, vs] of Object.entries(state.filters)) {
    if (facets && facets[name]) continue;
    for (const v of vs) html += `<span class="chip on" data-facet="${esc(name)}" data-value="${esc(v)}">${esc(name)}: ${esc(v)} ✕</span>`;
  }
  $("facets").innerHTML = html;
}

function bars(explanation) {
  const entries = Object.entries(explanation.contributions).sort((a, b) => b[1] - a[1]);
  const max = Math.max(...entries.map((e) => e[1]), 1e-9);
  return entries.map(([f, c]) =>
    `<div class="bar"><span title="value ${explanation.values[f].toFixed(3)} × weight ${explanation.weights[f]}">${esc(f)}</span>` +
    `<div class="fill" style="width:${(100 * c / max).toFixed(1)}%"></div><span>${c.toFixed(3)}</span></div>`).join("");
}

function renderResults(res) {
  renderAnalysis(res);
  renderFacets(res.facets);
  setStatus("");
  $("results").innerHTML = res.hits.map((h) => {
    const s = h.supplier || {}, st = h.stats || {};
    const badges = (h.dropship ? '<span class="badge drop">一件代发</span>' : "") +
      ((h.customization || []).length ? `<span class="badge custom">定制 ${h.customization.join("/")}</span>` : "") +
      (h.tier > 0 ? `<span class="badge tier">relaxed</span>` : "");
    const e = h.explanation;
    return `<div class="card" data-id="${esc(h.id)}">
      <div class="top"><span class="rank">${h.rank}</span><span class="title">${esc(h.title)}</span><span class="price">¥${h.price_at_qty.toFixed(2)}</span></div>
      <div class="meta">${badges} MOQ ${h.moq} · ${esc(s.name)} · ${esc(KINDS[s.kind] || s.kind)} · ${esc(s.region || "")}
        · 72h ship ${Math.round((st.ship_72h_rate || 0) * 100)}% · reply ${Math.round((st.reply_rate || 0) * 100)}% · score ${h.score.toFixed(3)}</div>
      ${e && e.diversity ? `<div class="note">${esc(e.diversity)}</div>` : ""}
      <div class="why"><a href="#" class="explain" data-id="${esc(h.id)}">why this rank?</a></div>
      <div class="bars" hidden>${e ? bars(e) : ""}</div>
    </div>`;
  }).join("") || "<p>No offers match. Try fewer words.</p>";
}

function renderSuppliers(res) {
  renderAnalysis(res);
  renderFacets(res.facets);
  setStatus("");
  $("results").innerHTML = res.suppliers.map((s) => `<div class="card supplier">
      <div class="top"><span class="rank">${s.rank}</span><span class="title">${esc(s.name)}</span><span class="price">${s.score.toFixed(2)}</span></div>
      <div class="meta">${esc(KINDS[s.kind] || s.kind)} · ${esc(s.region)} · ${esc(s.belt || "")} · ${s.years} yrs · ${s.matching_offers} matching offers</div>
      <div class="offers">${s.offers.map((o) => `${esc(o.title)} <b>¥${o.price_at_qty.toFixed(2)}</b>`).join("<br>")}</div>
      <div class="why"><a href="#" class="explain">why this rank?</a></div>
      <div class="bars" hidden>${s.explanation ? bars(s.explanation) : ""}</div>
    </div>`).join("") || "<p>No supplier has a matching offer.</p>";
}

// ---------- retune, compare, evaluate, publish ----------

async function loadProfileForEditing(name) {
  if (state.published && state.published.name === name) return;
  const v = await api("GET", "/v1/profiles/" + encodeURIComponent(name));
  // GET returns the profile itself with its version and date; the version goes back with
  // a publish so a publish by someone else in between is refused instead of overwritten.
  const { version, at, ...profile } = v;
  state.published = profile;
  state.publishedVersion = version;
  state.draft = JSON.parse(JSON.stringify(profile));
  $("editing").textContent = `${name} · v${version} of ${at}`;
  renderWeights();
  await loadHistory();
  await loadExperiments();
}

function renderWeights() {
  const w = state.draft.weights, pub = state.published.weights;
  const target = state.published.target || "offers";
  $("weights").innerHTML = state.features.filter((f) => f.target === target).map((f) => {
    const value = w[f.name] || 0, max = Math.max(5, Math.ceil(2 * (pub[f.name] || 0)));
    const changed = Math.abs(value - (pub[f.name] || 0)) > 1e-9;
    return `<div class="weight ${changed ? "changed" : ""}" title="${esc(f.summary)}">
      <label for="w-${f.name}">${esc(f.name)}</label>
      <input type="range" id="w-${f.name}" data-feature="${f.name}" min="0" max="${max}" step="0.05" value="${value}">
      <input type="number" data-feature="${f.name}" step="0.05" value="${value}" aria-label="${esc(f.name)} weight">
    </div>`;
  }).join("");
}

function draftProfile() {
  const p = JSON.parse(JSON.stringify(state.draft));
  p.weights = Object.fromEntries(Object.entries(p.weights).filter(([, v]) => v !== 0));
  return p;
}

async function compare() {
  $("draft-error").textContent = "";
  try {
    const res = await api("POST", `/v1/profiles/${encodeURIComponent(state.published.name)}/preview`,
      { request: { ...state.lastRequest, explain: false, facets: [] }, draft: draftProfile() }, "operator");
    const moves = Object.fromEntries(res.moves.map((m) => [m.id, m]));
    const mark = (m) => !m ? "" : m.change === "up" ? `<span class="up">▲${m.published_rank - m.draft_rank}</span>` :
      m.change === "down" ? `<span class="down">▼${m.draft_rank - m.published_rank}</span>` :
      m.change === "new" ? `<span class="new">new</span>` : m.change === "gone" ? `<span class="gone">gone</span>` : "·";
    const gone = res.moves.filter((m) => m.change === "gone").map((m) => m.id);
    $("comparison").innerHTML = `<h2>Published vs draft for “${esc(state.lastRequest.q)}”</h2><div class="cols">
      <div><h3>Published (${esc(res.published.profile)})</h3><ol>${res.published.hits.map((h) =>
        `<li class="${gone.includes(h.id) ? "gone" : ""}">${esc(h.title)}</li>`).join("")}</ol></div>
      <div><h3>Draft</h3><ol>${res.draft.hits.map((h) => `<li data-change="${moves[h.id] ? moves[h.id].change : ""}">${mark(moves[h.id])} ${esc(h.title)}</li>`).join("")}</ol></div>
    </div>`;
    $("comparison").scrollIntoView({ behavior: "smooth" });
  } catch (e) {
    $("draft-error").textContent = e.message;
  }
}

async function evaluate() {
  $("evaluation").textContent = "evaluating…";
  try {
    const res = await api("POST", "/v1/eval", { set: $("eval-set").value, profile: state.published.name, draft: draftProfile() }, "operator");
    const rows = res.comparison.rows.map((r) => `<tr><td>${esc(r.metric)}</td><td class="num">${r.mean_a.toFixed(3)}</td>
      <td class="num">${r.mean_b.toFixed(3)}</td><td class="num ${r.delta > 0 ? "up" : r.delta < 0 ? "down" : ""}">${r.delta >= 0 ? "+" : ""}${r.delta.toFixed(3)}</td>
      <td class="num">${r.wins}/${r.ties}/${r.losses}</td><td class="num">${r.p_value < 0.001 ? "&lt;.001" : r.p_value.toFixed(3)}</td></tr>`).join("");
    $("evaluation").innerHTML = `<p class="hint">${res.queries} judged queries · ${res.seconds.toFixed(1)} s</p><table id="eval-table">
      <tr><th>metric</th><th>published</th><th>draft</th><th>Δ</th><th>W/T/L</th><th>p</th></tr>${rows}</table>`;
  } catch (e) {
    $("evaluation").innerHTML = `<span class="error">${esc(e.message)}</span>`;
  }
}

async function loadSuggestion() {
  $("draft-error").textContent = "";
  try {
    const p = await api("GET", `/v1/profiles/${encodeURIComponent(state.published.name)}/suggestion`, undefined, "operator");
    state.draft.weights = p.weights;
    renderWeights();
    $("draft-error").textContent = "tuned suggestion loaded into the draft (not published)";
  } catch (e) {
    $("draft-error").textContent = e.message;
  }
}

async function publish() {
  try {
    const v = await api("PUT", `/v1/profiles/${encodeURIComponent(state.published.name)}`,
      { ...draftProfile(), version: state.publishedVersion }, "admin");
    $("publish-status").textContent = `published ${v.name} v${v.version} by ${v.author}`;
    state.published = null;
    await search();
  } catch (e) {
    $("publish-status").innerHTML = `<span class="error">${esc(e.message)}</span>`;
  }
}

async function rollback() {
  try {
    const v = await api("POST", `/v1/profiles/${encodeURIComponent(state.published.name)}/rollback`, undefined, "admin");
    $("publish-status").textContent = `rolled back ${v.name} to the content of v${v.restored_version} (now v${v.version})`;
    state.published = null;
    await search();
  } catch (e) {
    $("publish-status").innerHTML = `<span class="error">${esc(e.message)}</span>`;
  }
}

async function loadHistory() {
  if (!state.published) return;
  if (!state.token) {
    $("history").innerHTML = `<p class="hint">enter a token (top right) to see who changed what</p>`;
    return;
  }
  let h;
  try {
    h = await api("GET", `/v1/profiles/${encodeURIComponent(state.published.name)}/history`, undefined, "operator");
  } catch (e) {
    $("history").innerHTML = `<span class="error">${esc(e.message)}</span>`;
    return;
  }
  $("history").innerHTML = `<table><tr><th>v</th><th>action</th><th>who</th><th>when</th></tr>${h.versions.slice().reverse().map((v) =>
    `<tr><td>${v.version}</td><td>${esc(v.action)}${v.restored_version ? " → v" + v.restored_version : ""}</td><td>${esc(v.author)}</td><td>${esc(v.at)}</td></tr>`).join("")}</table>`;
}

// ---------- experiments ----------

// The running preference (treatment over control) with its 95% band, over the experiment's searches.
function preferenceChart(timeline) {
  if (!timeline.length) return '<p class="hint">no searches in this experiment yet</p>';
  const W = 320, H = 120, pad = 4;
  const lo = Math.min(0, ...timeline.map((p) => p.ci95[0])), hi = Math.max(0, ...timeline.map((p) => p.ci95[1]));
  const x = (i) => pad + (timeline.length === 1 ? (W - 2 * pad) / 2 : (i * (W - 2 * pad)) / (timeline.length - 1));
  const y = (v) => pad + ((hi - v) * (H - 2 * pad)) / Math.max(1e-9, hi - lo);
  const line = timeline.map((p, i) => `${x(i).toFixed(1)},${y(p.effect).toFixed(1)}`).join(" ");
  const band = timeline.map((p, i) => `${x(i).toFixed(1)},${y(p.ci95[1]).toFixed(1)}`)
    .concat(timeline.map((p, i) => `${x(i).toFixed(1)},${y(p.ci95[0]).toFixed(1)}`).reverse()).join(" ");
  const last = timeline[timeline.length - 1];
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="preference over time">
    <polygon points="${band}" class="band"/><line x1="0" x2="${W}" y1="${y(0)}" y2="${y(0)}" class="zero"/>
    <polyline points="${line}" class="effect"/></svg>
    <p class="hint">${esc(timeline[0].at)} → ${esc(last.at)} · ${last.impressions} searches · above the line favours the draft</p>`;
}

async function loadExperiments() {
  if (!state.published || !state.token) { $("experiments").innerHTML = ""; return; }
  let list;
  try {
    list = (await api("GET", "/v1/experiments", undefined, "operator")).experiments
      .filter((e) => e.experiment.control === state.published.name);
  } catch (e) {
    $("experiments").innerHTML = `<span class="error">${esc(e.message)}</span>`;
    return;
  }
  if (!list.length) { $("experiments").innerHTML = '<p class="hint">no experiment on this profile yet</p>'; return; }
  const current = list.find((e) => e.experiment.status === "running") || list[list.length - 1];
  let report = null;
  try { report = await api("GET", `/v1/experiments/${encodeURIComponent(current.experiment.name)}`, undefined, "operator"); } catch (e) { /* the table still shows */ }
  const rows = list.slice().reverse().map((e) => `<tr><td>${esc(e.experiment.name)}</td><td>${esc(e.experiment.status)}</td>
    <td class="num">${e.impressions}</td><td class="num">${e.effect >= 0 ? "+" : ""}${e.effect.toFixed(3)}</td>
    <td class="num">${e.p_value < 0.001 ? "&lt;.001" : e.p_value.toFixed(3)}</td><td>${esc(e.decision.replaceAll("_", " "))}</td></tr>`).join("");
  const o = report && report.interleaving;
  $("experiments").innerHTML = `<table id="exp-table"><tr><th>name</th><th>status</th><th>searches</th><th>pref.</th><th>p</th><th>decision</th></tr>${rows}</table>
    ${report ? `<h4>${esc(current.experiment.name)}</h4>${o ? `<p>wins ${o.wins} · losses ${o.losses} · ties ${o.ties} · 95% [${o.ci95[0].toFixed(3)}, ${o.ci95[1].toFixed(3)}]${report.impressions_needed ? ` · about ${report.impressions_needed} searches to tell` : ""}</p>` : ""}
      ${preferenceChart(report.timeline)}` : ""}
    ${current.experiment.status !== "concluded" ? `<div class="row">
      ${current.experiment.status === "running" ? `<button type="button" data-exp-action="stop" data-exp="${esc(current.experiment.name)}">Stop</button>` : ""}
      <button type="button" data-exp-action="conclude" data-exp="${esc(current.experiment.name)}" data-winner="treatment">Conclude: publish draft</button>
      <button type="button" data-exp-action="conclude" data-exp="${esc(current.experiment.name)}" data-winner="control">Conclude: keep published</button></div>` : ""}
    <div id="exp-status"></div>`;
}

async function startExperiment() {
  try {
    const body = { name: $("exp-name").value.trim(), control: state.published.name, treatment: draftProfile(), share: parseFloat($("exp-share").value) };
    const e = await api("POST", "/v1/experiments", body, "admin");
    await loadExperiments();
    $("exp-status").textContent = `started ${e.name} on ${e.control} for ${Math.round(e.share * 100)}% of clients`;
  } catch (e) {
    $("experiments").insertAdjacentHTML("afterbegin", `<p class="error" id="exp-error">${esc(e.message)}</p>`);
  }
}

async function experimentAction(button) {
  const name = button.dataset.exp, action = button.dataset.expAction;
  try {
    const body = action === "conclude" ? { winner: button.dataset.winner } : undefined;
    await api("POST", `/v1/experiments/${encodeURIComponent(name)}/${action}`, body, "admin");
    state.published = null;
    await search();
    await loadExperiments();
    $("exp-status").textContent = `${name}: ${action === "stop" ? "stopped" : "concluded"}`;
  } catch (e) {
    $("exp-status").innerHTML = `<span class="error">${esc(e.message)}</span>`;
  }
}

// ---------- wiring ----------

function setWeight(feature, raw, source) {
  // The value goes to the draft as typed (negative included): the server's validation is the
  // one operators must learn, so the page shows its message rather than clamping silently.
  const v = parseFloat(raw);
  if (!Number.isFinite(v)) return;
  state.draft.weights[feature] = v;
  const slider = document.getElementById("w-" + feature);
  if (v > parseFloat(slider.max)) slider.max = String(Math.ceil(v));
  for (const el of document.querySelectorAll(`[data-feature="${feature}"]`)) if (el !== source) el.value = v;
  slider.parentElement.classList.toggle("changed", Math.abs(v - (state.published.weights[feature] || 0)) > 1e-9);
}

async function init() {
  readURL();
  $("token").addEventListener("change", (e) => { state.token = e.target.value; loadHistory(); loadExperiments(); });
  $("exp-start").addEventListener("click", startExperiment);
  $("experiments").addEventListener("click", (e) => { const b = e.target.closest("[data-exp-action]"); if (b) experimentAction(b); });
  $("token").addEventListener("input", (e) => { state.token = e.target.value; });
  $("search").addEventListener("submit", (e) => { e.preventDefault(); search(); });
  for (const id of ["intent", "channel", "profile", "sort"]) $(id).addEventListener("change", () => { state.published = null; search(); });
  $("facets").addEventListener("click", (e) => {
    const chip = e.target.closest(".chip");
    if (!chip) return;
    const { facet, value } = chip.dataset;
    const list = state.filters[facet] || [];
    state.filters[facet] = list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
    if (!state.filters[facet].length) delete state.filters[facet];
    search();
  });
  $("results").addEventListener("click", (e) => {
    const link = e.target.closest(".explain");
    if (!link) return;
    e.preventDefault();
    const b = link.closest(".card").querySelector(".bars");
    b.hidden = !b.hidden;
  });
  $("weights").addEventListener("input", (e) => { if (e.target.dataset.feature) setWeight(e.target.dataset.feature, e.target.value, e.target); });
  $("preview").addEventListener("click", compare);
  $("evaluate").addEventListener("click", evaluate);
  $("suggestion").addEventListener("click", loadSuggestion);
  $("reset").addEventListener("click", () => { state.draft = JSON.parse(JSON.stringify(state.published)); renderWeights(); });
  $("publish").addEventListener("click", publish);
  $("rollback").addEventListener("click", rollback);
  for (const b of document.querySelectorAll("#tabs button")) {
    b.classList.toggle("active", b.dataset.tab === state.tab);
    b.addEventListener("click", () => {
      state.tab = b.dataset.tab;
      for (const o of document.querySelectorAll("#tabs button")) o.classList.toggle("active", o === b);
      $("tuning").hidden = state.tab === "suppliers";
      state.filters = {};
      search();
    });
  }
  $("tuning").hidden = state.tab === "suppliers";
  try {
    state.features = (await api("GET", "/v1/features")).features;
    state.schema = await api("GET", "/v1/schema");
    KINDS = Object.fromEntries(state.schema.supplier_kinds.map((k) => [k.name, k.label]));
    const intent = new URLSearchParams(location.search).get("intent") || "";
    $("intent").innerHTML = '<option value="">intent: from the query</option>' +
      state.schema.intents.map((i) => `<option value="${esc(i.name)}">${esc(i.label)} ${esc(i.name.replaceAll("_", " "))}</option>`).join("");
    $("intent").value = intent;
    const channel = new URLSearchParams(location.search).get("channel") || "";
    $("channel").innerHTML = '<option value="">any channel</option>' +
      state.schema.channels.map((c) => `<option value="${esc(c)}">${esc(c)}</option>`).join("");
    $("channel").value = channel;
    $("profile").innerHTML = '<option value="">profile: by intent and channel</option>' +
      state.schema.profiles.filter((p) => p.target === "offers").map((p) => `<option value="${esc(p.name)}">${esc(p.name)}</option>`).join("");
    $("profile").value = state.pendingProfile;
  } catch (e) {
    setStatus(e.message, true);
  }
  if ($("q").value || Object.keys(state.filters).length) search();
  else setStatus("Type what a buyer would search for.");
}

init();
