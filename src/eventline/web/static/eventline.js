/* eventline report and review UI.
 *
 * Every event field and every article text is untrusted. This script never
 * uses innerHTML (or Leaflet's string content, which is innerHTML) with data:
 * it builds the DOM with createElement + textContent, and sets href only after
 * checking the scheme is http(s).
 */
(function () {
  "use strict";

  function readJSON(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  var CONFIG = readJSON("eventline-config") || {};
  var DATA = readJSON("eventline-data") || { events: [] };
  var COUNTRIES = readJSON("eventline-countries");
  var REVIEW = CONFIG.mode === "review";
  var CAN_WRITE = REVIEW && !CONFIG.read_only;

  var TYPE_COLORS = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad",
    "Protests": "#2471a3",
    "Riots": "#138d75",
    "Strategic developments": "#7f8c8d"
  };
  var TYPE_ORDER = Object.keys(TYPE_COLORS);

  var COLUMNS = [
    { key: "event_date", label: "Date" },
    { key: "event_type", label: "Type" },
    { key: "sub_event_type", label: "Sub-event type" },
    { key: "actor1", label: "Actor 1" },
    { key: "actor2", label: "Actor 2" },
    { key: "location", label: "Location" },
    { key: "country", label: "Country" },
    { key: "fatalities", label: "Fatalities", num: true },
    { key: "n_sources", label: "Sources", num: true },
    { key: "confidence", label: "Confidence", num: true },
    { key: "status", label: "Review" }
  ];

  // Fields shown in the detail panel, in data-contract order.
  var DETAIL_FIELDS = [
    "event_id", "event_date", "date_end", "time_precision", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
    "fatalities", "fatalities_low", "fatalities_best", "fatalities_high", "confidence", "notes"
  ];
  var EDITABLE = DETAIL_FIELDS.filter(function (f) { return f !== "event_id"; });

  var state = {
    events: [],
    filtered: [],
    sortKey: "event_date",
    sortDir: 1,
    selected: null,
    editField: null
  };

  // ------------------------------------------------------------------ helpers

  function el(tag, props, children) {
    var node = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (k) {
        var v = props[k];
        if (v === null || v === undefined || v === false) return;
        if (k === "text") node.textContent = String(v);
        else if (k === "className") node.className = v;
        else if (k === "onclick") node.addEventListener("click", v);
        else node.setAttribute(k, String(v)); // never an on* attribute: callers pass fixed names
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function svgEl(tag, attrs) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function show(value) {
    if (value === null || value === undefined || value === "") return "\u2014";
    if (Array.isArray(value)) return value.length ? value.join("; ") : "\u2014";
    return String(value);
  }

  function safeHref(url) {
    if (typeof url !== "string") return null;
    try {
      var u = new URL(url);
      return (u.protocol === "http:" || u.protocol === "https:") ? u.href : null;
    } catch (e) { return null; }
  }

  function typeColor(t) { return TYPE_COLORS[t] || "#555"; }

  function dayNumber(iso) {
    if (typeof iso !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
    return Math.floor(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86400000);
  }

  function isoOfDay(n) { return new Date(n * 86400000).toISOString().slice(0, 10); }

  function prepare(events) {
    events.forEach(function (e) {
      e.n_sources = (e.sources || []).length;
      var parts = [e.event_id, e.event_type, e.sub_event_type, e.actor1, e.actor2,
        (e.assoc_actor_1 || []).join(" "), (e.assoc_actor_2 || []).join(" "),
        e.country, e.admin1, e.admin2, e.location, e.notes];
      (e.sources || []).forEach(function (s) { parts.push(s.quote, s.source, s.doc); });
      e._search = parts.filter(function (p) { return p; }).join(" \u0001 ").toLowerCase();
    });
    return events;
  }

  // ------------------------------------------------------------------ filters

  var F = {
    text: document.getElementById("f-text"),
    type: document.getElementById("f-type"),
    country: document.getElementById("f-country"),
    from: document.getElementById("f-from"),
    to: document.getElementById("f-to"),
    status: document.getElementById("f-status"),
    disagree: document.getElementById("f-disagree"),
    clearBtn: document.getElementById("f-clear"),
    count: document.getElementById("count")
  };

  function fillSelect(select, values) {
    var keep = select.value;
    while (select.options.length > 1) select.remove(1);
    values.forEach(function (v) { select.appendChild(el("option", { value: v, text: v })); });
    if (values.indexOf(keep) >= 0) select.value = keep;
  }

  function refreshFilterOptions() {
    var types = {}, countries = {};
    state.events.forEach(function (e) {
      if (e.event_type) types[e.event_type] = 1;
      if (e.country) countries[e.country] = 1;
    });
    fillSelect(F.type, Object.keys(types).sort());
    fillSelect(F.country, Object.keys(countries).sort());
  }

  function matches(e) {
    var q = F.text.value.trim().toLowerCase();
    if (q) {
      var words = q.split(/\s+/);
      for (var i = 0; i < words.length; i++) if (e._search.indexOf(words[i]) < 0) return false;
    }
    if (F.type.value && e.event_type !== F.type.value) return false;
    if (F.country.value && e.country !== F.country.value) return false;
    if (F.from.value && !(e.event_date && (e.date_end || e.event_date) >= F.from.value)) return false;
    if (F.to.value && !(e.event_date && e.event_date <= F.to.value)) return false;
    var st = F.status.value;
    if (st === "active" && e.status === "rejected") return false;
    if ((st === "new" || st === "confirmed" || st === "rejected") && e.status !== st) return false;
    if (st === "reviewed" && !(e.reviewed && e.status !== "rejected")) return false;
    if (F.disagree.checked && !(e.disagreements && e.disagreements.length)) return false;
    return true;
  }

  function compare(a, b) {
    var col = COLUMNS.filter(function (c) { return c.key === state.sortKey; })[0] || COLUMNS[0];
    var x = a[col.key], y = b[col.key];
    var xn = x === null || x === undefined || x === "", yn = y === null || y === undefined || y === "";
    if (xn && yn) return a.event_id < b.event_id ? -1 : 1;
    if (xn) return 1; // blanks last whatever the direction
    if (yn) return -1;
    var r = col.num ? (Number(x) - Number(y)) : String(x).localeCompare(String(y));
    if (r === 0) r = a.event_id < b.event_id ? -1 : (a.event_id > b.event_id ? 1 : 0);
    return r * state.sortDir;
  }

  function apply() {
    state.filtered = state.events.filter(matches).sort(compare);
    renderTable();
    renderMarkers();
    renderTimeline();
    F.count.textContent = state.filtered.length + " of " + state.events.length + " events";
  }

  [F.text, F.type, F.country, F.from, F.to, F.status, F.disagree].forEach(function (input) {
    input.addEventListener(input === F.text ? "input" : "change", apply);
  });
  F.clearBtn.addEventListener("click", function () {
    F.text.value = ""; F.type.value = ""; F.country.value = ""; F.from.value = "";
    F.to.value = ""; F.status.value = "active"; F.disagree.checked = false;
    apply();
  });

  // ------------------------------------------------------------------ table

  var table = document.getElementById("events");
  var thead = table.querySelector("thead tr");
  var tbody = table.querySelector("tbody");

  COLUMNS.forEach(function (c) {
    var th = el("th", { scope: "col", "data-key": c.key, tabindex: 0, text: c.label });
    if (c.num) th.className = "num";
    function sortBy() {
      if (state.sortKey === c.key) state.sortDir = -state.sortDir;
      else { state.sortKey = c.key; state.sortDir = c.num ? -1 : 1; }
      apply();
    }
    th.addEventListener("click", sortBy);
    th.addEventListener("keydown", function (ev) { if (ev.key === "Enter") sortBy(); });
    thead.appendChild(th);
  });

  function cellText(e, key) {
    if (key === "event_date") return e.event_date ? e.event_date + (e.date_end ? " \u2192 " + e.date_end : "") : "undated";
    if (key === "confidence") return typeof e.confidence === "number" ? e.confidence.toFixed(2) : "";
    if (key === "status") return e.status === "new" ? (e.reviewed ? "edited" : "") : e.status;
    return show(e[key]) === "\u2014" ? "" : show(e[key]);
  }

  function renderTable() {
    Array.prototype.forEach.call(thead.children, function (th) {
      var key = th.getAttribute("data-key");
      th.setAttribute("aria-sort", key === state.sortKey ? (state.sortDir > 0 ? "ascending" : "descending") : "none");
    });
    clear(tbody);
    var frag = document.createDocumentFragment();
    state.filtered.forEach(function (e) {
      var tr = el("tr", { "data-event-id": e.event_id, tabindex: 0,
        className: "status-" + e.status + (e.event_id === state.selected ? " selected" : "") });
      COLUMNS.forEach(function (c) {
        var td = el("td", { text: cellText(e, c.key) });
        if (c.num) td.className = "num";
        if (c.key === "event_type") {
          td.insertBefore(el("span", { className: "swatch", style: "background:" + typeColor(e.event_type) }), td.firstChild);
        }
        if (c.key === "n_sources" && e.disagreements && e.disagreements.length) {
          td.appendChild(el("span", { className: "flag", title: "sources disagree", text: " \u26a0" }));
        }
        tr.appendChild(td);
      });
      tr.addEventListener("click", function () { select(e.event_id, true); });
      tr.addEventListener("keydown", function (ev) { if (ev.key === "Enter") select(e.event_id, true); });
      frag.appendChild(tr);
    });
    tbody.appendChild(frag);
    if (!state.filtered.length) {
      tbody.appendChild(el("tr", { className: "empty" }, [el("td", { colspan: COLUMNS.length, text: "No event matches the filters." })]));
    }
  }

  // ------------------------------------------------------------------ map

  var map = null, markerLayer = null, markersById = {}, fitted = false;
  var mapNote = document.getElementById("map-note");

  function initMap() {
    if (typeof L === "undefined") { mapNote.textContent = "The map library did not load."; return; }
    map = L.map("map", { worldCopyJump: true, attributionControl: true }).setView([14, 2], 4);
    map.attributionControl.setPrefix("Leaflet");
    // Country outlines sit in a pane BELOW the tiles (tilePane is z-index 200): when tiles
    // load they cover them, when tiles fail (offline) the outlines still show.
    map.createPane("outlines");
    map.getPane("outlines").style.zIndex = 150;
    if (COUNTRIES) {
      L.geoJSON(COUNTRIES, {
        pane: "outlines",
        interactive: false,
        style: { color: "#8a8a8a", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1, className: "outline" }
      }).addTo(map);
      map.attributionControl.addAttribution("Outlines: Natural Earth");
    }
    if (CONFIG.tile_url) {
      L.tileLayer(CONFIG.tile_url, { maxZoom: 18, attribution: CONFIG.tile_attribution || "" }).addTo(map);
    }
    markerLayer = L.layerGroup().addTo(map);
  }

  function tooltipNode(e) {
    // Leaflet would innerHTML a string; a DOM node is appended as is.
    return el("div", { className: "tip" }, [
      el("strong", { text: (e.event_date || "undated") + " \u00b7 " + e.sub_event_type }),
      el("br"),
      document.createTextNode(show(e.location || e.admin1 || e.country) + (e.fatalities ? " \u00b7 " + e.fatalities + " killed" : ""))
    ]);
  }

  function renderMarkers() {
    if (!map) return;
    markerLayer.clearLayers();
    markersById = {};
    var bounds = [], missing = 0;
    state.filtered.forEach(function (e) {
      if (typeof e.latitude !== "number" || typeof e.longitude !== "number") { missing++; return; }
      var m = L.circleMarker([e.latitude, e.longitude], {
        radius: Math.min(18, 5 + Math.sqrt(e.fatalities || 0) * 1.6),
        color: e.event_id === state.selected ? "#000" : "#333",
        weight: e.event_id === state.selected ? 3 : 1,
        fillColor: typeColor(e.event_type),
        fillOpacity: e.status === "rejected" ? 0.25 : 0.8,
        className: "ev-marker"
      });
      m.bindTooltip(function () { return tooltipNode(e); });
      m.on("click", function () { select(e.event_id, false); });
      m.addTo(markerLayer);
      var path = m.getElement();
      if (path) path.setAttribute("data-event-id", e.event_id);
      markersById[e.event_id] = m;
      bounds.push([e.latitude, e.longitude]);
    });
    mapNote.textContent = missing ? missing + " event" + (missing > 1 ? "s have" : " has") + " no coordinates and " + (missing > 1 ? "are" : "is") + " not on the map." : "";
    if (!fitted && bounds.length) {
      map.fitBounds(bounds, { padding: [30, 30], maxZoom: 6 });
      fitted = true;
    }
  }

  // ------------------------------------------------------------------ timeline

  var timeline = document.getElementById("timeline");
  var timelineTitle = document.getElementById("timeline-title");
  var legend = document.getElementById("legend");

  function renderTimeline() {
    clear(timeline); clear(legend);
    var dated = state.filtered.filter(function (e) { return dayNumber(e.event_date) !== null; });
    var undated = state.filtered.length - dated.length;
    if (!dated.length) {
      timeline.appendChild(el("p", { className: "note", text: "No dated event to plot." }));
      return;
    }
    var days = dated.map(function (e) { return dayNumber(e.event_date); });
    var lo = Math.min.apply(null, days), hi = Math.max.apply(null, days);
    // Per day for short spans; per week or month for long ones so bars stay readable.
    var unit = hi - lo <= 120 ? "day" : (hi - lo <= 900 ? "week" : "month");
    function bucketOf(n) {
      if (unit === "day") return n;
      if (unit === "week") return n - ((new Date(n * 86400000).getUTCDay() + 6) % 7);
      var d = new Date(n * 86400000);
      return Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 86400000);
    }
    function nextBucket(b) {
      if (unit === "day") return b + 1;
      if (unit === "week") return b + 7;
      var d = new Date(b * 86400000);
      return Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 86400000);
    }
    var buckets = [], index = {};
    for (var b = bucketOf(lo); b <= hi; b = nextBucket(b)) { index[b] = buckets.length; buckets.push({ start: b, counts: {}, total: 0 }); }
    var typesSeen = {};
    dated.forEach(function (e) {
      var bk = buckets[index[bucketOf(dayNumber(e.event_date))]];
      bk.counts[e.event_type] = (bk.counts[e.event_type] || 0) + 1;
      bk.total++;
      typesSeen[e.event_type] = 1;
    });
    timelineTitle.textContent = "Events per " + unit + " by type" + (undated ? " (" + undated + " undated not shown)" : "");
    var maxTotal = Math.max.apply(null, buckets.map(function (x) { return x.total; }));
    var W = 1000, H = 170, left = 34, bottom = 22, top = 8;
    var bw = (W - left - 6) / buckets.length;
    var svg = svgEl("svg", { viewBox: "0 0 " + W + " " + H, width: "100%", height: H, role: "img", "aria-label": "Timeline of events", "class": "timeline-svg" });
    var scale = (H - bottom - top) / maxTotal;
    svg.appendChild(svgEl("line", { x1: left, x2: W, y1: H - bottom, y2: H - bottom, stroke: "#999" }));
    var yLabel = svgEl("text", { x: left - 4, y: top + 10, "text-anchor": "end", "class": "axis" });
    yLabel.textContent = String(maxTotal);
    svg.appendChild(yLabel);
    var order = TYPE_ORDER.concat(Object.keys(typesSeen).filter(function (t) { return TYPE_ORDER.indexOf(t) < 0; }));
    buckets.forEach(function (bk, i) {
      var y = H - bottom;
      var x = left + i * bw + (bw > 4 ? 1 : 0);
      order.forEach(function (t) {
        var c = bk.counts[t];
        if (!c) return;
        var h = c * scale;
        y -= h;
        var rect = svgEl("rect", { x: x.toFixed(2), y: y.toFixed(2), width: Math.max(1, bw - (bw > 4 ? 2 : 0)).toFixed(2), height: h.toFixed(2), fill: typeColor(t), "class": "tl-bar", "data-start": isoOfDay(bk.start) });
        var title = svgEl("title", {});
        title.textContent = isoOfDay(bk.start) + (unit === "day" ? "" : " (" + unit + ")") + " \u2014 " + t + ": " + c;
        rect.appendChild(title);
        rect.addEventListener("click", function () {
          F.from.value = isoOfDay(bk.start);
          F.to.value = isoOfDay(nextBucket(bk.start) - 1);
          apply();
        });
        svg.appendChild(rect);
      });
    });
    var ticks = Math.min(buckets.length, 6);
    for (var k = 0; k < ticks; k++) {
      var i = ticks === 1 ? 0 : Math.round(k * (buckets.length - 1) / (ticks - 1));
      var label = svgEl("text", { x: (left + i * bw + bw / 2).toFixed(1), y: H - 6, "text-anchor": "middle", "class": "axis" });
      label.textContent = unit === "month" ? isoOfDay(buckets[i].start).slice(0, 7) : isoOfDay(buckets[i].start);
      svg.appendChild(label);
    }
    timeline.appendChild(svg);
    order.forEach(function (t) {
      if (!typesSeen[t]) return;
      legend.appendChild(el("span", { className: "legend-item" }, [
        el("span", { className: "swatch", style: "background:" + typeColor(t) }), t
      ]));
    });
  }

  // ------------------------------------------------------------------ detail

  var detail = document.getElementById("detail");

  function byId(id) {
    for (var i = 0; i < state.events.length; i++) if (state.events[i].event_id === id) return state.events[i];
    return null;
  }

  function select(id, pan) {
    state.selected = id;
    Array.prototype.forEach.call(tbody.querySelectorAll("tr.selected"), function (tr) { tr.classList.remove("selected"); });
    Array.prototype.forEach.call(tbody.querySelectorAll("tr"), function (tr) {
      if (tr.getAttribute("data-event-id") === id) tr.classList.add("selected");
    });
    var e = byId(id);
    renderDetail(e);
    if (map) {
      Object.keys(markersById).forEach(function (k) {
        markersById[k].setStyle({ color: k === id ? "#000" : "#333", weight: k === id ? 3 : 1 });
      });
      if (pan && e && typeof e.latitude === "number" && typeof e.longitude === "number") map.panTo([e.latitude, e.longitude]);
    }
  }

  function sourceBlock(e, s, i) {
    var ctx = (e.contexts || [])[i] || { before: "", quote: s.quote, after: "", exact: false };
    var head = el("div", { className: "source-head" }, [
      el("strong", { text: (i + 1) + ". " + (s.source || "unknown outlet") }),
      " \u00b7 " + show(s.published) + " \u00b7 ",
      el("code", { text: s.doc })
    ]);
    var href = safeHref(s.url);
    if (href) {
      head.appendChild(document.createTextNode(" \u00b7 "));
      head.appendChild(el("a", { href: href, rel: "noopener noreferrer", target: "_blank", text: "original" }));
    }
    var quote = el("blockquote", { className: "context" }, [
      ctx.before, el("mark", { text: ctx.quote }), ctx.after
    ]);
    var box = el("div", { className: "source", "data-source-index": i }, [head, quote]);
    if (!ctx.exact) {
      box.appendChild(el("p", { className: "note", text: "The stored article text does not hold this quote at its offsets: showing the quote as recorded." }));
    }
    var values = (e.field_values || []).filter(function (v) { return v.doc === s.doc; });
    if (values.length) {
      box.appendChild(el("p", { className: "values" }, [
        "This source says: ",
        values.map(function (v) { return v.field + " = " + show(v.value); }).join(", ")
      ]));
    }
    if (CAN_WRITE && e.sources.length > 1) {
      box.appendChild(el("button", { type: "button", className: "split", text: "Split this source off into a new event",
        onclick: function () { act("POST", "/api/events/" + encodeURIComponent(e.event_id) + "/split", { source_index: i }); } }));
    }
    return box;
  }

  function renderDetail(e) {
    clear(detail);
    if (!e) { detail.hidden = true; return; }
    detail.hidden = false;
    detail.appendChild(el("h2", { text: e.event_type + " \u2014 " + e.sub_event_type }));
    var badges = el("p", { className: "badges" }, [
      el("span", { className: "badge status-" + e.status, text: e.status }),
      e.reviewed ? el("span", { className: "badge reviewed", text: "reviewed" }) : null,
      (e.disagreements && e.disagreements.length) ? el("span", { className: "badge disagree", text: "sources disagree on " + e.disagreements.join(", ") }) : null
    ]);
    detail.appendChild(badges);
    var dl = el("dl", { className: "fields" });
    DETAIL_FIELDS.forEach(function (f) {
      var dt = el("dt", { text: f });
      var dd = el("dd", { "data-field": f, text: show(e[f]) });
      if ((e.disagreements || []).indexOf(f) >= 0) dd.className = "disagree";
      if ((e.reviewed_fields || []).indexOf(f) >= 0) dd.classList.add("edited");
      dl.appendChild(dt); dl.appendChild(dd);
    });
    detail.appendChild(dl);
    detail.appendChild(el("h3", { text: "Sources (" + e.sources.length + ")" }));
    e.sources.forEach(function (s, i) { detail.appendChild(sourceBlock(e, s, i)); });
    if (REVIEW) renderReview(e);
  }

  // ------------------------------------------------------------------ review

  var whoInput = document.getElementById("who");
  var tokenInput = document.getElementById("token");
  var message = null;

  function setMessage(text, bad) {
    if (!message) return;
    message.textContent = text;
    message.className = "message" + (bad ? " bad" : " good");
  }

  function api(method, path, body) {
    var headers = { "Accept": "application/json" };
    if (method !== "GET") {
      headers["Content-Type"] = "application/json";
      headers["X-CSRF-Token"] = CONFIG.csrf_token;
      if (tokenInput.value) headers["X-Eventline-Token"] = tokenInput.value;
    }
    return fetch(path, { method: method, headers: headers, credentials: "same-origin",
      body: body ? JSON.stringify(body) : undefined }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) {
        if (!r.ok) throw new Error(data.error || (data.detail && JSON.stringify(data.detail)) || r.statusText);
        return data;
      });
    });
  }

  function act(method, path, body) {
    var who = whoInput.value.trim();
    if (!who) { setMessage("Type your name first: every change is recorded with who made it.", true); whoInput.focus(); return; }
    body.who = who;
    setMessage("Saving\u2026", false);
    return api(method, path, body).then(function (res) {
      var next = res.event_id || state.selected;
      return reload().then(function () {
        select(byId(next) ? next : null, false);
        setMessage(res.message || "Saved.", false);
      });
    }).catch(function (err) { setMessage(String(err.message || err), true); });
  }

  function reload() {
    return api("GET", "/api/events?include_rejected=true").then(function (data) {
      state.events = prepare(data.events);
      refreshFilterOptions();
      summary();
      apply();
    });
  }

  function renderReview(e) {
    var box = el("div", { className: "review" }, [el("h3", { text: "Review" })]);
    message = el("p", { className: "message", role: "status", id: "review-msg" });
    if (!CAN_WRITE) {
      box.appendChild(el("p", { className: "note", text: "Read-only: review actions are disabled." }));
    } else {
      var path = "/api/events/" + encodeURIComponent(e.event_id);
      box.appendChild(el("div", { className: "actions" }, [
        el("button", { type: "button", id: "btn-confirm", text: "Confirm", onclick: function () { act("POST", path + "/confirm", {}); } }),
        el("button", { type: "button", id: "btn-reject", text: "Reject", onclick: function () { act("POST", path + "/reject", {}); } }),
        el("button", { type: "button", id: "btn-reset", text: "Reset status", onclick: function () { act("POST", path + "/reset", {}); } })
      ]));
      var fieldSel = el("select", { id: "edit-field", "aria-label": "Field to edit" });
      EDITABLE.forEach(function (f) { fieldSel.appendChild(el("option", { value: f, text: f })); });
      var valueIn = el("input", { id: "edit-value", type: "text", "aria-label": "New value", size: 30 });
      // Keep the analyst's field choice across re-renders (after a save, the next edit
      // is usually on the same field of another event).
      if (state.editField) fieldSel.value = state.editField;
      function prefill() { var v = e[fieldSel.value]; valueIn.value = Array.isArray(v) ? v.join("; ") : (v === null || v === undefined ? "" : String(v)); }
      fieldSel.addEventListener("change", function () { state.editField = fieldSel.value; prefill(); });
      prefill();
      var form = el("form", { className: "edit", id: "edit-form" }, [
        fieldSel, valueIn, el("button", { type: "submit", id: "btn-save", text: "Save field" })
      ]);
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        act("POST", path + "/field", { field: fieldSel.value, value: valueIn.value });
      });
      box.appendChild(form);
      var mergeIn = el("input", { id: "merge-id", type: "text", list: "event-ids", placeholder: "id of the duplicate event", "aria-label": "Event to merge into this one" });
      var datalist = el("datalist", { id: "event-ids" });
      state.filtered.forEach(function (o) {
        if (o.event_id !== e.event_id) datalist.appendChild(el("option", { value: o.event_id, text: (o.event_date || "undated") + " " + o.sub_event_type + " " + (o.location || "") }));
      });
      var mergeForm = el("form", { className: "merge", id: "merge-form" }, [
        "Merge ", mergeIn, datalist, " into this event ", el("button", { type: "submit", id: "btn-merge", text: "Merge" })
      ]);
      mergeForm.addEventListener("submit", function (ev) {
        ev.preventDefault();
        act("POST", "/api/merge", { keep_id: e.event_id, drop_id: mergeIn.value.trim() });
      });
      box.appendChild(mergeForm);
    }
    box.appendChild(message);
    var history = el("div", { className: "history" }, [el("h3", { text: "History" })]);
    box.appendChild(history);
    detail.appendChild(box);
    api("GET", "/api/events/" + encodeURIComponent(e.event_id)).then(function (data) {
      var list = el("ul", { className: "audit" });
      (data.audit || []).forEach(function (a) {
        var change = a.field ? a.field + ": " + JSON.stringify(a.old) + " \u2192 " + JSON.stringify(a.new) : JSON.stringify(a.new);
        list.appendChild(el("li", {}, [el("time", { text: a.at }), " " + a.who + " " + a.action + " " + change]));
      });
      (data.merged_from || []).forEach(function (m) {
        list.appendChild(el("li", { text: "merged from " + m.dropped_id + " (" + m.reason + ")" }));
      });
      if (!list.children.length) list.appendChild(el("li", { text: "No change yet." }));
      history.appendChild(list);
    }).catch(function (err) { history.appendChild(el("p", { className: "note", text: String(err.message || err) })); });
  }

  function initReviewBar() {
    var bar = document.getElementById("review-bar");
    if (!REVIEW) return;
    bar.hidden = false;
    var stored = null;
    try { stored = window.localStorage.getItem("eventline-who"); } catch (e) { stored = null; }
    whoInput.value = stored || CONFIG.default_who || "";
    whoInput.addEventListener("change", function () {
      try { window.localStorage.setItem("eventline-who", whoInput.value.trim()); } catch (e) { /* private mode */ }
    });
    if (CONFIG.token_required) document.getElementById("token-label").hidden = false;
    var note = document.getElementById("mode-note");
    note.textContent = CONFIG.read_only ? "Read-only: changes are disabled." : "Changes are saved at once and recorded with your name.";
  }

  // ------------------------------------------------------------------ start

  function summary() {
    var s = document.getElementById("summary");
    var rejected = state.events.filter(function (e) { return e.status === "rejected"; }).length;
    var n = state.events.length - rejected;
    var fatal = state.events.reduce(function (acc, e) { return acc + (e.status === "rejected" ? 0 : (e.fatalities || 0)); }, 0);
    var docs = {};
    state.events.forEach(function (e) { (e.sources || []).forEach(function (x) { docs[x.doc] = 1; }); });
    s.textContent = n + " events" + (rejected ? " (+" + rejected + " rejected)" : "") + " \u00b7 " + Object.keys(docs).length + " articles \u00b7 " + fatal + " reported fatalities (conservative)";
  }

  state.events = prepare(DATA.events || []);
  initReviewBar();
  initMap();
  refreshFilterOptions();
  summary();
  apply();
  document.body.setAttribute("data-ready", "1");
})();
