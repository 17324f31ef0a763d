// Huopan API reference: DOM built from text nodes only (never innerHTML), since the document and responses hold Chinese text and user data.
"use strict";

const TOKEN_KEY = "huopan.apidocs.token";
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];
const BODY_LIMIT = 200000; // a metrics dump or a big page must not freeze the tab
const EXAMPLE_DEPTH = 4;   // enough for SearchRequest.filters; stops self-referencing schemas
const refreshers = [];     // every curl depends on the shared token, so a token change redraws them all
let spec = null;

const $ = (sel) => document.querySelector(sel);

function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") el.className = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const kid of kids.flat(Infinity)) {
    if (kid !== null && kid !== undefined && kid !== false) el.append(kid instanceof Node ? kid : String(kid));
  }
  return el;
}

// Backticks in the document mark code; everything else stays plain text.
function inline(text) {
  return String(text ?? "").split(/`([^`]*)`/).map((part, i) => (i % 2 ? h("code", null, part) : part));
}

function rich(text) {
  const wrap = h("div", { class: "md" });
  for (const para of String(text ?? "").trim().split(/\n\s*\n/)) {
    if (para.trim()) wrap.append(h("p", null, inline(para.replace(/\s*\n\s*/g, " "))));
  }
  return wrap;
}

function store(action, value) {
  try {
    if (action === "get") return sessionStorage.getItem(TOKEN_KEY) || "";
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch { /* storage disabled: the token still works for this page view */ }
  return "";
}

const tokenValue = () => $("#token").value.trim();

/* ---------- schemas ---------- */

const refName = (ref) => String(ref).split("/").pop();

function resolve(ref) {
  if (!String(ref).startsWith("#/")) return undefined;
  return ref.slice(2).split("/").reduce((o, k) => (o ? o[k.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined), spec);
}

function deref(s) {
  for (let hops = 0; s && s.$ref && hops < 10; hops++) s = resolve(s.$ref);
  return s || {};
}

function typeOf(s) {
  return s.type || (s.properties || s.additionalProperties ? "object" : s.items ? "array" : "any");
}

function typeNodes(s) {
  if (!s) return ["any"];
  if (s.$ref) {
    const n = refName(s.$ref);
    return [h("a", { href: "#schema-" + n, class: "ref" }, n)];
  }
  const alts = s.allOf || s.oneOf || s.anyOf;
  if (alts) return alts.flatMap((x, i) => [i ? (s.allOf ? " & " : " | ") : "", ...typeNodes(x)]);
  const t = typeOf(s);
  let out;
  if (t === "array") out = ["array of ", ...typeNodes(s.items)];
  else if (t === "object" && !s.properties && s.additionalProperties && typeof s.additionalProperties === "object") {
    out = ["map of ", ...typeNodes(s.additionalProperties)];
  } else out = [t + (s.format ? ` (${s.format})` : "")];
  if (s.nullable) out.push(", nullable");
  return out;
}

const typeText = (s) => h("span", null, typeNodes(s)).textContent;

function constraints(s) {
  const c = [];
  const enumOf = s.enum || (s.items && !s.items.$ref && s.items.enum);
  if (enumOf) c.push("one of: " + enumOf.join(", "));
  if (s.minimum !== undefined) c.push("min " + s.minimum);
  if (s.maximum !== undefined) c.push("max " + s.maximum);
  if (s.minLength !== undefined) c.push("min length " + s.minLength);
  if (s.maxLength !== undefined) c.push("max length " + s.maxLength);
  if (s.pattern) c.push("pattern " + s.pattern);
  if (s.default !== undefined) c.push("default " + JSON.stringify(s.default));
  return c;
}

// Placeholder instance of a schema: required members only, so the prefill is short and valid.
function example(schema, depth = 0) {
  const s = deref(schema);
  if (depth > EXAMPLE_DEPTH) return null;
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (s.enum) return s.enum[0];
  if (s.allOf) return Object.assign({}, ...s.allOf.map((x) => example(x, depth + 1)).filter((x) => x && typeof x === "object"));
  if (s.oneOf || s.anyOf) return example((s.oneOf || s.anyOf)[0], depth + 1);
  switch (typeOf(s)) {
    case "object": {
      const o = {};
      for (const k of s.required || []) o[k] = example((s.properties || {})[k] || {}, depth + 1);
      return o;
    }
    case "array": return s.items ? [example(s.items, depth + 1)] : [];
    case "integer": case "number": return s.minimum ?? 1;
    case "boolean": return false;
    case "string": return "string";
    default: return null;
  }
}

function bodyExample(type, schema) {
  if (/ndjson|jsonl/i.test(type)) {
    const offer = spec.components?.schemas?.Offer;
    return JSON.stringify(Object.assign({ id: "ofr-demo" }, offer ? example(offer) : {}, { id: "ofr-demo" }));
  }
  if (/json/i.test(type)) return JSON.stringify(example(schema) ?? {}, null, 2);
  const ex = example(schema);
  return typeof ex === "string" && ex !== "string" ? ex : "";
}

// Walks into arrays and maps so nested objects (price_tiers[].min_qty, facets.*[].count) get their own rows.
function nestedObject(p) {
  let suffix = "";
  for (let i = 0; i < 3 && p && !p.$ref; i++) {
    if (p.properties) return [p, suffix];
    if (p.items) { p = p.items; suffix += "[]"; }
    else if (p.additionalProperties && typeof p.additionalProperties === "object") { p = p.additionalProperties; suffix += ".*"; }
    else break;
  }
  return null;
}

function collectRows(s, prefix, rows, depth) {
  const req = new Set(s.required || []);
  for (const [name, p] of Object.entries(s.properties || {})) {
    const path = prefix + name;
    rows.push({ path, schema: p, required: req.has(name), depth });
    const n = nestedObject(p);
    if (n && depth < 5) collectRows(n[0], path + n[1] + ".", rows, depth + 1);
  }
  for (const part of s.allOf || []) if (!part.$ref) collectRows(part, prefix, rows, depth);
}

function schemaBody(s) {
  const out = [];
  if (s.allOf) {
    out.push(h("p", null, "All of: ", s.allOf.map((p, i) => [i ? " + " : "", p.$ref ? typeNodes(p) : "the properties below"])));
  }
  const c = constraints(s);
  if (c.length) out.push(h("p", { class: "meta" }, c.join(" · ")));
  const rows = [];
  collectRows(s, "", rows, 0);
  if (rows.length) {
    out.push(h("div", { class: "table-wrap" }, h("table", null,
      h("thead", null, h("tr", null, ["Property", "Type", "Required", "Notes"].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", null, rows.map((r) => {
        const notes = constraints(r.schema).join(" · ");
        return h("tr", null,
          h("td", null, h("code", { class: "prop d" + r.depth }, r.path)),
          h("td", null, typeNodes(r.schema)),
          h("td", null, r.required ? h("span", { class: "req" }, "required") : ""),
          h("td", null, r.schema.description ? inline(r.schema.description) : null,
            r.schema.description && notes ? " · " : null, notes ? h("span", { class: "meta" }, notes) : null));
      })))));
  } else if (typeOf(s) === "object" && !s.allOf && !(s.additionalProperties && typeof s.additionalProperties === "object")) {
    out.push(h("p", { class: "muted" }, s.additionalProperties === false ? "No members." : "Free-form object: any members."));
  }
  if (s.additionalProperties === false && rows.length) out.push(h("p", { class: "muted" }, "No other members are accepted."));
  return out;
}

function renderSchemas() {
  const list = $("#schema-list");
  for (const [name, s] of Object.entries(spec.components?.schemas || {})) {
    list.append(h("details", { class: "schema", id: "schema-" + name, "data-schema": name },
      h("summary", null, h("code", { class: "name" }, name), " ", h("span", { class: "muted" }, typeText(s))),
      h("div", { class: "schema-body" }, s.description ? rich(s.description) : null, schemaBody(s))));
  }
  $("#schemas").hidden = list.childElementCount === 0;
}

/* ---------- requests ---------- */

const shq = (s) => "'" + String(s).replace(/'/g, "'\\''") + "'";
const NON_ASCII = /[^\x00-\x7f]/;
const encodePairs = (pairs) => pairs.map(([k, v]) => encodeURIComponent(k) + "=" + encodeURIComponent(v)).join("&");

function buildRequest(ui) {
  const missing = [];
  const value = (p) => ui.params.find((x) => x.p.in === p.in && x.p.name === p.name)?.el.value ?? "";
  const path = ui.path.replace(/\{([^}]+)\}/g, (m, name) => {
    const v = value({ in: "path", name }).trim();
    if (!v) missing.push(name);
    return v ? encodeURIComponent(v) : m;
  });
  const query = [];
  const headers = {};
  for (const { p, el } of ui.params) {
    if (p.in === "path") continue;
    if (el.value === "") { if (p.required) missing.push(p.name); continue; }
    if (p.in === "query") query.push([p.name, el.value]);
    else if (p.in === "header") headers[p.name] = el.value;
  }
  if (tokenValue()) headers.Authorization = "Bearer " + tokenValue();
  let body;
  if (ui.bodyEl && (ui.bodyEl.value.trim() || ui.bodyRequired)) {
    body = ui.bodyEl.value;
    headers["Content-Type"] = ui.contentType();
  }
  const qs = encodePairs(query);
  return { method: ui.method.toUpperCase(), path, query, url: path + (qs ? "?" + qs : ""), headers, body, missing };
}

function curlFor(req) {
  // curl -G sends --data-urlencode pairs in the query string; it only fits when there is no body.
  const useG = req.body === undefined && req.query.some(([, v]) => NON_ASCII.test(v));
  const inUrl = useG ? req.query.filter(([, v]) => !NON_ASCII.test(v)) : req.query;
  const qs = encodePairs(inUrl);
  const parts = ["curl -sS -i"];
  if (useG) parts.push("-G");
  if (req.method !== "GET" && !(req.method === "POST" && req.body !== undefined)) parts.push("-X " + req.method);
  parts.push(shq(location.origin + req.path + (qs ? "?" + qs : "")));
  if (useG) for (const [k, v] of req.query) if (NON_ASCII.test(v)) parts.push("--data-urlencode " + shq(k + "=" + v));
  for (const [k, v] of Object.entries(req.headers)) parts.push("-H " + shq(k + ": " + v));
  let tail = "";
  if (req.body !== undefined) {
    const ct = req.headers["Content-Type"] || "";
    if (/json/i.test(ct) && !/ndjson/i.test(ct)) {
      let compact = req.body;
      try { compact = JSON.stringify(JSON.parse(req.body)); } catch { /* send what was typed */ }
      parts.push("-d " + shq(compact));
    } else {
      let tag = "EOF";
      const lines = req.body.replace(/\n+$/, "").split("\n");
      while (lines.includes(tag)) tag += "_";
      parts.push(`--data-binary @- <<'${tag}'`);
      tail = "\n" + lines.join("\n") + "\n" + tag;
    }
  }
  return parts.join(" \\\n  ") + tail;
}

function pretty(text, ctype) {
  let out = text;
  if (/json/i.test(ctype || "") || /^\s*[[{]/.test(text)) {
    try { out = JSON.stringify(JSON.parse(text), null, 2); } catch { /* not one JSON value: show as is */ }
  }
  if (out === "") return "(empty body)";
  if (out.length > BODY_LIMIT) out = out.slice(0, BODY_LIMIT) + `\n… (${out.length - BODY_LIMIT} more characters not shown)`;
  return out;
}

function setStatus(ui, text, kind) {
  ui.status.textContent = text;
  ui.status.className = "status " + kind;
}

async function send(ui) {
  const req = buildRequest(ui);
  ui.result.hidden = false;
  ui.headers.replaceChildren();
  ui.elapsed.textContent = "";
  ui.body.textContent = "";
  if (req.missing.length) { setStatus(ui, "Missing required: " + req.missing.join(", "), "err"); return; }
  ui.sendBtn.disabled = true;
  setStatus(ui, "Sending…", "pending");
  const t0 = performance.now();
  try {
    const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body, credentials: "same-origin", cache: "no-store" });
    const text = await res.text();
    ui.elapsed.textContent = Math.round(performance.now() - t0) + " ms";
    setStatus(ui, `${res.status} ${res.statusText}`.trim(), res.ok ? "ok" : "err");
    for (const name of ["content-type", "x-request-id", "retry-after"]) {
      const v = res.headers.get(name);
      if (v !== null) ui.headers.append(h("dt", null, name), h("dd", null, v));
    }
    ui.body.textContent = pretty(text, res.headers.get("content-type"));
  } catch (e) {
    ui.elapsed.textContent = Math.round(performance.now() - t0) + " ms";
    setStatus(ui, "Request failed: " + e.message, "err");
  } finally {
    ui.sendBtn.disabled = false;
  }
}

async function copy(text, btn) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const ta = h("textarea", { class: "offscreen", "aria-hidden": "true", tabindex: "-1" });
    ta.value = text;
    document.body.append(ta);
    ta.select();
    document.execCommand("copy");
    ta.remove();
  }
  btn.textContent = "Copied";
  setTimeout(() => { btn.textContent = "Copy"; }, 1200);
}

/* ---------- operations ---------- */

function paramField(opId, p) {
  const s = deref(p.schema);
  const id = `${opId}--${p.in}-${p.name}`;
  const common = { id, name: p.name, "data-in": p.in, "aria-describedby": id + "-help", required: !!p.required };
  let input;
  if (s.enum || s.type === "boolean") {
    const none = s.default !== undefined ? `(not set: ${s.default})` : "(not set)";
    input = h("select", common, h("option", { value: "" }, none), (s.enum || [true, false]).map((v) => h("option", { value: String(v) }, String(v))));
  } else if (s.type === "integer" || s.type === "number") {
    input = h("input", { ...common, type: "number", min: s.minimum, max: s.maximum, step: s.type === "integer" ? 1 : "any", placeholder: s.default });
  } else {
    input = h("input", { ...common, type: "text", maxlength: s.maxLength, placeholder: s.default ?? "", spellcheck: "false" });
  }
  const meta = [p.in, " · ", typeNodes(p.schema), constraints(s).map((c) => " · " + c)];
  const field = h("div", { class: "field" },
    h("label", { for: id }, h("code", null, p.name), " ", p.required ? h("span", { class: "req" }, "required") : h("span", { class: "muted" }, "optional")),
    input,
    h("small", { id: id + "-help", class: "meta" }, meta, p.description ? [" — ", inline(p.description)] : null));
  return { p, el: input, field };
}

function renderOperation(path, method, op, item) {
  const id = op.operationId || `${method}-${path}`;
  const byKey = new Map();
  for (const raw of [...(item.parameters || []), ...(op.parameters || [])]) {
    const p = deref(raw);
    if (["path", "query", "header"].includes(p.in)) byKey.set(p.in + ":" + p.name, p); // operation level overrides path level
  }
  const params = [...byKey.values()].map((p) => paramField(id, p));
  const sec = op.security ?? spec.security;
  const needsToken = Array.isArray(sec) && sec.some((r) => Object.keys(r).length);
  const ui = { path, method, params, bodyEl: null, bodyRequired: false, contentType: () => "" };

  const form = h("form", { class: "try", novalidate: true, "aria-label": "Try " + id });
  if (params.length) form.append(h("fieldset", null, h("legend", null, "Parameters"), h("div", { class: "fields" }, params.map((x) => x.field))));

  const rb = op.requestBody && deref(op.requestBody);
  if (rb && rb.content) {
    const types = Object.keys(rb.content);
    const bodyId = id + "--body";
    ui.bodyRequired = !!rb.required;
    ui.bodyEl = h("textarea", { id: bodyId, class: "req-body", rows: 8, spellcheck: "false", "aria-describedby": bodyId + "-help" });
    const fill = (t) => { ui.bodyEl.value = bodyExample(t, rb.content[t].schema); };
    let ctSelect = null;
    if (types.length > 1) {
      ctSelect = h("select", { id: bodyId + "-type", "aria-label": "Request body content type", onchange: () => { fill(ctSelect.value); refresh(); } },
        types.map((t) => h("option", { value: t }, t)));
    }
    ui.contentType = () => (ctSelect ? ctSelect.value : types[0]);
    fill(types[0]);
    form.append(h("fieldset", null, h("legend", null, "Request body"),
      h("div", { class: "body-head" },
        h("label", { for: bodyId }, "Body ", rb.required ? h("span", { class: "req" }, "required") : h("span", { class: "muted" }, "optional, sent when not empty")),
        ctSelect || h("code", null, types[0])),
      ui.bodyEl,
      h("small", { id: bodyId + "-help", class: "meta" }, types.map((t, i) => [i ? "; " : "", t, ": ", typeNodes(rb.content[t].schema)]),
        rb.description ? [" — ", inline(rb.description)] : null)));
  }

  ui.sendBtn = h("button", { type: "submit", class: "send" }, "Send");
  form.append(h("div", { class: "actions" }, ui.sendBtn));
  form.addEventListener("submit", (e) => { e.preventDefault(); send(ui); });

  const curl = h("pre", { class: "curl", "aria-label": "Equivalent curl command" });
  const copyBtn = h("button", { type: "button", class: "copy", "aria-label": "Copy curl command" }, "Copy");
  copyBtn.addEventListener("click", () => copy(curl.textContent, copyBtn));
  const refresh = () => { curl.textContent = curlFor(buildRequest(ui)); };
  form.addEventListener("input", refresh);
  form.addEventListener("change", refresh);
  refreshers.push(refresh);
  refresh();

  ui.status = h("span", { class: "status", role: "status" });
  ui.elapsed = h("span", { class: "elapsed muted" });
  ui.headers = h("dl", { class: "headers" });
  ui.body = h("pre", { class: "body", tabindex: "0", "aria-label": "Response body" });
  ui.result = h("div", { class: "result", hidden: true, "aria-live": "polite" },
    h("div", { class: "result-head" }, ui.status, ui.elapsed), ui.headers, ui.body);

  const responses = Object.entries(op.responses || {}).map(([code, r]) => {
    const rr = deref(r);
    const media = Object.entries(rr.content || {});
    return h("li", null, h("span", { class: "code c" + code[0] }, code), " ", inline(rr.description || ""),
      media.length ? [" — ", media.map(([t, m], i) => [i ? ", " : "", h("code", null, t), m.schema ? [" ", typeNodes(m.schema)] : null])] : null);
  });

  return h("details", { class: "op", id: "op-" + id, "data-operation-id": id, "data-method": method },
    h("summary", null,
      h("span", { class: "method m-" + method }, method.toUpperCase()),
      h("code", { class: "path" }, path),
      h("span", { class: "summary" }, inline(op.summary || "")),
      needsToken ? h("span", { class: "lock", title: "needs a bearer token" }, "token") : null),
    h("div", { class: "op-body" },
      op.description ? rich(op.description) : null,
      needsToken ? h("p", { class: "security" }, "Needs a bearer token: sent as ", h("code", null, "Authorization: Bearer …"), " from the field at the top.") : null,
      op.deprecated ? h("p", { class: "security" }, "Deprecated.") : null,
      form,
      h("div", { class: "curl-box" }, h("div", { class: "curl-head" }, h("span", null, "curl"), copyBtn), curl),
      ui.result,
      responses.length ? h("div", { class: "responses" }, h("h4", null, "Responses"), h("ul", null, responses)) : null));
}

function renderOperations() {
  const groups = new Map();
  for (const t of spec.tags || []) groups.set(t.name, { tag: t, ops: [] });
  for (const [path, item] of Object.entries(spec.paths || {})) {
    for (const m of METHODS) {
      if (!item[m]) continue;
      const tag = item[m].tags?.[0] ?? "other"; // first tag only, so ids stay unique
      if (!groups.has(tag)) groups.set(tag, { tag: { name: tag }, ops: [] });
      groups.get(tag).ops.push([path, m, item[m], item]);
    }
  }
  const nav = h("nav", { class: "tags", "aria-label": "Tags" });
  const root = $("#operations");
  for (const { tag, ops } of groups.values()) {
    if (!ops.length) continue;
    nav.append(h("a", { href: "#tag-" + tag.name }, tag.name, h("span", { class: "count" }, ops.length)));
    root.append(h("section", { class: "tag", id: "tag-" + tag.name, "data-tag": tag.name },
      h("h2", null, tag.name), tag.description ? rich(tag.description) : null,
      ops.map(([path, m, op, item]) => renderOperation(path, m, op, item))));
  }
  nav.append(h("a", { href: "#schemas" }, "schemas"));
  $("#info").append(nav);
}

function renderInfo() {
  const info = spec.info || {};
  document.title = (info.title || "API") + " · reference";
  $("#title").textContent = info.title || "API";
  $("#version").textContent = info.version ? "v" + info.version : "";
  $("#info").append(h("p", { class: "muted" }, "OpenAPI ", spec.openapi || "3"), rich(info.description || ""));
}

// Opens the <details> an anchor points at (and its ancestors), so links into collapsed parts work.
function openTarget(hash, scroll) {
  let id = hash.replace(/^#/, "");
  try { id = decodeURIComponent(id); } catch { /* keep as is */ }
  const el = id && document.getElementById(id);
  if (!el) return;
  for (let d = el; d; d = d.parentElement) if (d.tagName === "DETAILS") d.open = true;
  if (scroll) el.scrollIntoView();
}

function setAll(open) {
  for (const d of document.querySelectorAll("details.op, details.schema")) d.open = open;
}

async function main() {
  const token = $("#token");
  token.value = store("get");
  token.addEventListener("input", () => { store("set", tokenValue()); refreshers.forEach((f) => f()); });
  $("#expand-all").addEventListener("click", () => setAll(true));
  $("#collapse-all").addEventListener("click", () => setAll(false));
  document.addEventListener("click", (e) => {
    const a = e.target.closest && e.target.closest('a[href^="#"]');
    if (a) openTarget(a.getAttribute("href"), false);
  });
  window.addEventListener("hashchange", () => openTarget(location.hash, true));
  try {
    const res = await fetch("/openapi.json", { headers: { Accept: "application/json" }, cache: "no-store" });
    if (!res.ok) throw new Error(`${res.status} ${res.statusText}`.trim());
    spec = await res.json();
  } catch (e) {
    $("#loading").textContent = "Could not load /openapi.json: " + e.message;
    $("#loading").className = "error";
    return;
  }
  $("#loading").remove();
  renderInfo();
  renderOperations();
  renderSchemas();
  document.body.dataset.ready = "true";
  if (location.hash) openTarget(location.hash, true);
}

main();
