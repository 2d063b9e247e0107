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

  // Wiki markup in encyclopedia articles ("==Battle==", "'''bold'''", "[[Gao|town]]"),
  // shown as the words a reader would see. Display only: offsets stay on the stored text.
  function plainText(t) {
    if (typeof t !== "string") return "";
    return t.replace(/^[ \t]*(={2,6})[ \t]*([^=\n]*?)[ \t]*\1[ \t]*$/gm, "$2")
      .replace(/={2,6}[ \t]*([^=\n]+?)[ \t]*={2,6}/g, "$1")
      .replace(/'{2,5}/g, "")
      .replace(/\[\[(?:[^\]|]*\|)?([^\]]*)\]\]/g, "$1");
  }

  // ------------------------------------------------------------------ filters

  var F = {
    text: document.getElementById("f-text"),
    type: document.getElementById("f-type"),
    sub: document.getElementById("f-sub"),
    country: document.getElementById("f-country"),
    admin1: document.getElementById("f-admin1"),
    actor: document.getElementById("f-actor"),
    from: document.getElementById("f-from"),
    to: document.getElementById("f-to"),
    status: document.getElementById("f-status"),
    disagree: document.getElementById("f-disagree"),
    queue: document.getElementById("f-queue"),
    clearBtn: document.getElementById("f-clear"),
    count: document.getElementById("count")
  };

  function fillSelect(select, values) {
    var keep = select.value;
    while (select.options.length > 1) select.remove(1);
    values.forEach(function (v) { select.appendChild(el("option", { value: v, text: v })); });
    if (values.indexOf(keep) >= 0) select.value = keep;
  }

  function actorsOf(e) { return [e.actor1, e.actor2].filter(function (a) { return a; }); }

  function refreshFilterOptions() {
    var sets = { type: {}, sub: {}, country: {}, admin1: {}, actor: {} };
    state.events.forEach(function (e) {
      if (e.event_type) sets.type[e.event_type] = 1;
      if (e.sub_event_type) sets.sub[e.sub_event_type] = 1;
      if (e.country) sets.country[e.country] = 1;
      if (e.admin1) sets.admin1[e.admin1] = 1;
      actorsOf(e).forEach(function (a) { sets.actor[a] = 1; });
    });
    Object.keys(sets).forEach(function (k) { fillSelect(F[k], Object.keys(sets[k]).sort()); });
  }

  function matches(e) {
    var q = F.text.value.trim().toLowerCase();
    if (q) {
      var words = q.split(/\s+/);
      for (var i = 0; i < words.length; i++) if (e._search.indexOf(words[i]) < 0) return false;
    }
    if (F.type.value && e.event_type !== F.type.value) return false;
    if (F.sub.value && e.sub_event_type !== F.sub.value) return false;
    if (F.country.value && e.country !== F.country.value) return false;
    if (F.admin1.value && e.admin1 !== F.admin1.value) return false;
    if (F.actor.value && actorsOf(e).indexOf(F.actor.value) < 0) return false;
    if (F.from.value && !(e.event_date && (e.date_end || e.event_date) >= F.from.value)) return false;
    if (F.to.value && !(e.event_date && e.event_date <= F.to.value)) return false;
    var st = F.status.value;
    if (st === "active" && e.status === "rejected") return false;
    if ((st === "new" || st === "confirmed" || st === "rejected") && e.status !== st) return false;
    if (st === "reviewed" && !(e.reviewed && e.status !== "rejected")) return false;
    if (F.disagree.checked && !(e.disagreements && e.disagreements.length)) return false;
    if (F.queue.checked && !(e.need > 0)) return false;
    return true;
  }

  function compare(a, b) {
    if (F.queue.checked && a.need !== b.need) return b.need - a.need; // most in need first
    if (F.queue.checked && a.confidence !== b.confidence) return a.confidence - b.confidence;
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
    renderCharts();
    F.count.textContent = state.filtered.length + " of " + state.events.length + " events";
    var bulk = document.getElementById("bulk-confirm");
    if (CAN_WRITE) {
      var todo = state.filtered.filter(function (e) { return e.status === "new"; }).length;
      bulk.hidden = !todo;
      bulk.textContent = "Confirm all " + todo + " shown";
      bulk.removeAttribute("data-armed");
    }
  }

  [F.text, F.type, F.sub, F.country, F.admin1, F.actor, F.from, F.to, F.status, F.disagree, F.queue].forEach(function (input) {
    input.addEventListener(input === F.text ? "input" : "change", apply);
  });
  F.clearBtn.addEventListener("click", function () {
    F.text.value = ""; F.type.value = ""; F.sub.value = ""; F.country.value = ""; F.admin1.value = "";
    F.actor.value = ""; F.from.value = ""; F.to.value = ""; F.status.value = "active";
    F.disagree.checked = false; F.queue.checked = false;
    apply();
  });

  // ------------------------------------------------------------------ table

  var table = document.getElementById("events");
  var thead = table.querySelector("thead tr");
  var tbody = table.querySelector("tbody");
  var undatedTable = document.getElementById("undated");
  var undatedBody = undatedTable.querySelector("tbody");

  function headRow(tr, sortable) {
    COLUMNS.forEach(function (c) {
      var th = el("th", { scope: "col", "data-key": c.key, tabindex: sortable ? 0 : null, text: c.label });
      if (c.num) th.className = "num";
      if (sortable) {
        var sortBy = function () {
          if (state.sortKey === c.key) state.sortDir = -state.sortDir;
          else { state.sortKey = c.key; state.sortDir = c.num ? -1 : 1; }
          apply();
        };
        th.addEventListener("click", sortBy);
        th.addEventListener("keydown", function (ev) { if (ev.key === "Enter") sortBy(); });
      }
      tr.appendChild(th);
    });
  }
  headRow(thead, true);
  headRow(undatedTable.querySelector("thead tr"), false);

  function cellText(e, key) {
    if (key === "event_date") return e.event_date ? e.event_date + (e.date_end ? " \u2192 " + e.date_end : "") : "undated";
    if (key === "confidence") return typeof e.confidence === "number" ? e.confidence.toFixed(2) : "";
    if (key === "status") return e.status === "new" ? (e.reviewed ? "edited" : "") : e.status;
    var text = show(e[key]) === "\u2014" ? "" : show(e[key]);
    // "Explosions/Remote violence" may break after the slash, and a run of 17 or more
    // characters without a space every 12: no cell can push its column out of the panel.
    return text.replace(/\//g, "/\u200b").replace(/[^\s\u200b]{17,}/g, function (w) {
      return w.replace(/(.{12})/g, "$1\u200b");
    });
  }

  function rowFor(e) {
    var tr = el("tr", { "data-event-id": e.event_id, tabindex: 0,
      className: "status-" + e.status + (e.event_id === state.selected ? " selected" : "") });
    COLUMNS.forEach(function (c) {
      var td = el("td", { text: cellText(e, c.key), "data-key": c.key });
      if (c.num) td.className = "num";
      if (c.key === "event_type") {
        td.insertBefore(el("span", { className: "swatch", style: "background:" + typeColor(e.event_type) }), td.firstChild);
      }
      if (c.key === "n_sources" && e.disagreements && e.disagreements.length) {
        td.appendChild(el("span", { className: "flag", title: "sources disagree", text: " \u26a0" }));
      }
      if (c.key === "status" && F.queue.checked && e.need_reasons && e.need_reasons.length) {
        td.appendChild(el("span", { className: "need", text: e.need_reasons.join("; ") }));
      }
      tr.appendChild(td);
    });
    tr.addEventListener("click", function () { select(e.event_id, true); });
    tr.addEventListener("keydown", function (ev) { if (ev.key === "Enter") select(e.event_id, true); });
    return tr;
  }

  function renderTable() {
    Array.prototype.forEach.call(thead.children, function (th) {
      var key = th.getAttribute("data-key");
      th.setAttribute("aria-sort", key === state.sortKey ? (state.sortDir > 0 ? "ascending" : "descending") : "none");
    });
    clear(tbody); clear(undatedBody);
    var frag = document.createDocumentFragment(), ufrag = document.createDocumentFragment(), nu = 0;
    state.filtered.forEach(function (e) {
      // the queue is one list in order of need; otherwise undated events sit apart
      if (e.event_date || F.queue.checked) frag.appendChild(rowFor(e));
      else { ufrag.appendChild(rowFor(e)); nu++; }
    });
    tbody.appendChild(frag);
    undatedBody.appendChild(ufrag);
    ["undated", "undated-title", "undated-note"].forEach(function (id) { document.getElementById(id).hidden = !nu; });
    document.getElementById("undated-title").textContent = "Undated events (" + nu + ")";
    if (!state.filtered.length) {
      tbody.appendChild(el("tr", { className: "empty" }, [el("td", { colspan: COLUMNS.length, text: "No event matches the filters." })]));
    }
  }

  // rows in the order shown: dated table, then undated
  function shownOrder() {
    if (F.queue.checked) return state.filtered.slice();
    var dated = state.filtered.filter(function (e) { return e.event_date; });
    return dated.concat(state.filtered.filter(function (e) { return !e.event_date; }));
  }

  // ------------------------------------------------------------------ map

  var map = null, markerLayer = null, labelLayer = null, markersById = {}, fitted = false;
  var groupOf = {}, expanded = null;
  var mapNote = document.getElementById("map-note");

  function radiusFor(fatalities) { return Math.min(18, 5 + Math.sqrt(fatalities || 0) * 1.6); }

  // Label point of a country: the middle of its largest ring's bounding box.
  function countryLabelPoint(geom) {
    var polys = geom.type === "Polygon" ? [geom.coordinates] : (geom.type === "MultiPolygon" ? geom.coordinates : []);
    var best = null, bestArea = -1;
    polys.forEach(function (poly) {
      var ring = poly[0] || [];
      var x0 = 180, x1 = -180, y0 = 90, y1 = -90;
      ring.forEach(function (p) { x0 = Math.min(x0, p[0]); x1 = Math.max(x1, p[0]); y0 = Math.min(y0, p[1]); y1 = Math.max(y1, p[1]); });
      var area = (x1 - x0) * (y1 - y0);
      if (area > bestArea) { bestArea = area; best = [(y0 + y1) / 2, (x0 + x1) / 2, area]; }
    });
    return best;
  }

  function initMap() {
    if (typeof L === "undefined") { mapNote.textContent = "The map library did not load."; return; }
    map = L.map("map", { worldCopyJump: true, attributionControl: true }).setView([14, 2], 4);
    map.attributionControl.setPrefix("Leaflet");
    // Country outlines sit in a pane BELOW the tiles (tilePane is z-index 200): when tiles
    // load they cover them, when tiles fail (offline) the outlines still show.
    map.createPane("outlines");
    map.getPane("outlines").style.zIndex = 150;
    map.createPane("countryLabels");
    map.getPane("countryLabels").style.zIndex = 350;
    map.getPane("countryLabels").style.pointerEvents = "none";
    if (COUNTRIES) {
      L.geoJSON(COUNTRIES, {
        pane: "outlines",
        interactive: false,
        style: { color: "#8a8a8a", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1, className: "outline" }
      }).addTo(map);
      map.attributionControl.addAttribution("Outlines: Natural Earth");
      // Country names from the outlines the page already holds (no tiles needed).
      (COUNTRIES.features || []).forEach(function (f) {
        var name = f.properties && f.properties.name;
        var at = f.geometry && countryLabelPoint(f.geometry);
        if (!name || !at || at[2] < 4) return; // too small to label at this scale
        L.marker([at[0], at[1]], { pane: "countryLabels", interactive: false, keyboard: false,
          icon: L.divIcon({ className: "country-label", html: el("span", { text: name }), iconSize: null })
        }).addTo(map);
      });
    }
    if (CONFIG.tile_url) {
      L.tileLayer(CONFIG.tile_url, { maxZoom: 18, attribution: CONFIG.tile_attribution || "" }).addTo(map);
    }
    labelLayer = L.layerGroup().addTo(map);
    markerLayer = L.layerGroup().addTo(map);
    addSizeLegend();
    map.on("zoomend", function () { if (expanded) renderMarkers(); });
    map.on("click", function () { if (expanded) { expanded = null; renderMarkers(); } });
  }

  function addSizeLegend() {
    var ctl = L.control({ position: "bottomleft" });
    ctl.onAdd = function () {
      var box = el("div", { className: "size-legend", id: "size-legend" }, [el("strong", { text: "Killed" })]);
      [0, 5, 20, 50].forEach(function (n) {
        var r = radiusFor(n);
        var d = Math.ceil(2 * r + 2);
        var svg = svgEl("svg", { width: d, height: d, viewBox: "0 0 " + d + " " + d, "aria-hidden": "true" });
        svg.appendChild(svgEl("circle", { cx: d / 2, cy: d / 2, r: r, fill: "#bbb", stroke: "#333", "stroke-width": 1 }));
        box.appendChild(el("span", { className: "size-item" }, [svg, String(n)]));
      });
      box.appendChild(el("span", { className: "size-item" }, [el("span", { className: "cluster-swatch", text: "3" }), "events at one place"]));
      return box;
    };
    ctl.addTo(map);
  }

  function tooltipNode(e) {
    // Leaflet would innerHTML a string; a DOM node is appended as is.
    return el("div", { className: "tip" }, [
      el("strong", { text: (e.event_date || "undated") + " \u00b7 " + e.sub_event_type }),
      el("br"),
      document.createTextNode(show(e.location || e.admin1 || e.country) + (e.fatalities ? " \u00b7 " + e.fatalities + " killed" : ""))
    ]);
  }

  function eventMarker(e, latlng) {
    var m = L.circleMarker(latlng, {
      radius: radiusFor(e.fatalities),
      color: e.event_id === state.selected ? "#000" : "#333",
      weight: e.event_id === state.selected ? 3 : 1,
      fillColor: typeColor(e.event_type),
      fillOpacity: e.status === "rejected" ? 0.25 : 0.8,
      className: "ev-marker"
    });
    m.bindTooltip(function () { return tooltipNode(e); });
    m.on("click", function (ev) { L.DomEvent.stopPropagation(ev); select(e.event_id, false); });
    m.addTo(markerLayer);
    var path = m.getElement();
    if (path) path.setAttribute("data-event-id", e.event_id);
    markersById[e.event_id] = m;
    return m;
  }

  function renderMarkers() {
    if (!map) return;
    markerLayer.clearLayers(); labelLayer.clearLayers();
    markersById = {}; groupOf = {};
    var bounds = [], missing = 0, groups = {}, keys = [];
    state.filtered.forEach(function (e) {
      if (typeof e.latitude !== "number" || typeof e.longitude !== "number") { missing++; return; }
      // co-located: the same point to about 100 m
      var key = e.latitude.toFixed(3) + "," + e.longitude.toFixed(3);
      if (!groups[key]) { groups[key] = []; keys.push(key); }
      groups[key].push(e);
      groupOf[e.event_id] = key;
      bounds.push([e.latitude, e.longitude]);
    });
    if (expanded && !groups[expanded]) expanded = null;
    keys.forEach(function (key) {
      var list = groups[key], first = list[0], at = L.latLng(first.latitude, first.longitude);
      var name = first.location || first.admin1 || first.country;
      if (name) {
        labelLayer.addLayer(L.tooltip({ permanent: true, direction: "right", offset: [10, 0], className: "place-label", interactive: false })
          .setLatLng(at).setContent(el("span", { text: name })));
      }
      if (list.length === 1) { eventMarker(first, at); return; }
      if (key === expanded) {
        // spread the events on a ring around the place, each with a leg to it
        var centre = map.latLngToLayerPoint(at), r = Math.max(28, list.length * 7);
        list.forEach(function (e, i) {
          var a = 2 * Math.PI * i / list.length - Math.PI / 2;
          var p = map.layerPointToLatLng(L.point(centre.x + r * Math.cos(a), centre.y + r * Math.sin(a)));
          L.polyline([at, p], { color: "#555", weight: 1, interactive: false }).addTo(markerLayer);
          eventMarker(e, p);
        });
        return;
      }
      var killed = list.reduce(function (s, e) { return s + (e.fatalities || 0); }, 0);
      var size = Math.round(2 * radiusFor(killed)) + 8;
      var c = L.marker(at, { keyboard: true, title: list.length + " events at " + show(name),
        icon: L.divIcon({ className: "ev-cluster", iconSize: [size, size],
          html: el("span", { text: String(list.length) }) }) });
      c.on("click", function (ev) { L.DomEvent.stopPropagation(ev); expanded = key; renderMarkers(); });
      c.bindTooltip(el("div", { className: "tip" }, [el("strong", { text: list.length + " events at " + show(name) }), el("br"),
        document.createTextNode(killed + " killed \u00b7 click to show each")]));
      c.addTo(markerLayer);
      var node = c.getElement();
      if (node) { node.setAttribute("data-key", key); node.setAttribute("data-count", String(list.length)); }
    });
    mapNote.textContent = missing ? missing + " event" + (missing > 1 ? "s have" : " has") + " no coordinates and " + (missing > 1 ? "are" : "is") + " not on the map." : "";
    if (!fitted && bounds.length) {
      // room at the bottom for the size legend, so no marker starts under it
      map.fitBounds(bounds, { paddingTopLeft: [30, 30], paddingBottomRight: [30, 70], maxZoom: 6 });
      fitted = true;
    }
  }

  // ------------------------------------------------------------------ charts

  var timeline = document.getElementById("timeline");
  var timelineTitle = document.getElementById("timeline-title");
  var legend = document.getElementById("legend");

  function buckets(dated) {
    var days = dated.map(function (e) { return dayNumber(e.event_date); });
    var lo = Math.min.apply(null, days), hi = Math.max.apply(null, days);
    // Per week for most spans (per day when short, per month when long) so bars stay readable.
    var unit = hi - lo <= 31 ? "day" : (hi - lo <= 900 ? "week" : "month");
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
    var list = [], index = {};
    for (var b = bucketOf(lo); b <= hi; b = nextBucket(b)) { index[b] = list.length; list.push({ start: b, counts: {}, total: 0, killed: 0 }); }
    dated.forEach(function (e) {
      var bk = list[index[bucketOf(dayNumber(e.event_date))]];
      bk.counts[e.event_type] = (bk.counts[e.event_type] || 0) + 1;
      bk.total++;
      bk.killed += e.fatalities || 0;
    });
    return { list: list, unit: unit, next: nextBucket };
  }

  // A round tick step (1, 2 or 5 times a power of ten) giving about four steps.
  function tickStep(max) {
    if (max <= 5) return 1;
    var raw = max / 4, p = Math.pow(10, Math.floor(Math.log10(raw))), m = raw / p;
    return (m <= 1 ? 1 : (m <= 2 ? 2 : (m <= 5 ? 5 : 10))) * p;
  }

  // A bar chart over time: stacked by type (counts) or one series (fatalities).
  function timeChart(holder, bk, valueOf, stacks, label) {
    // Drawn at the holder's pixel width, so labels keep their size on any screen.
    var W = Math.max(280, Math.floor(holder.clientWidth || 600)), H = 180, left = 40, right = 8, bottom = 24, top = 10;
    var list = bk.list, unit = bk.unit;
    var step = tickStep(Math.max.apply(null, list.map(valueOf)));
    var max = Math.max(1, Math.ceil(Math.max.apply(null, list.map(valueOf)) / step)) * step;
    var bw = (W - left - right) / list.length;
    var svg = svgEl("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H, role: "img", "aria-label": label, "class": "timeline-svg" });
    var scale = (H - bottom - top) / max;
    for (var v = 0; v <= max; v += step) {
      var y = H - bottom - v * scale, t = v;
      svg.appendChild(svgEl("line", { x1: left, x2: W - right, y1: y, y2: y, stroke: t ? "#e4e4e4" : "#999" }));
      var yl = svgEl("text", { x: left - 6, y: y + 4, "text-anchor": "end", "class": "axis y-tick" });
      yl.textContent = String(v);
      svg.appendChild(yl);
    }
    list.forEach(function (b, i) {
      var x = left + i * bw + (bw > 4 ? 1 : 0), y = H - bottom, w = Math.max(1, bw - (bw > 4 ? 2 : 0));
      stacks(b).forEach(function (part) {
        if (!part.value) return;
        var h = part.value * scale;
        y -= h;
        var rect = svgEl("rect", { x: x.toFixed(2), y: y.toFixed(2), width: w.toFixed(2), height: h.toFixed(2), fill: part.color, "class": part.cls, "data-start": isoOfDay(b.start) });
        var title = svgEl("title", {});
        title.textContent = isoOfDay(b.start) + (unit === "day" ? "" : " (" + unit + ")") + " \u2014 " + part.label + ": " + part.value;
        rect.appendChild(title);
        rect.addEventListener("click", function () {
          F.from.value = isoOfDay(b.start);
          F.to.value = isoOfDay(bk.next(b.start) - 1);
          apply();
        });
        svg.appendChild(rect);
      });
    });
    var ticks = Math.min(list.length, Math.max(2, Math.floor((W - left) / 110)));
    for (var k = 0; k < ticks; k++) {
      var i = ticks === 1 ? 0 : Math.round(k * (list.length - 1) / (ticks - 1));
      // first label starts at its bar, last ends at it: none runs off the chart
      var anchor = ticks > 1 && k === 0 ? "start" : (ticks > 1 && k === ticks - 1 ? "end" : "middle");
      var x = anchor === "start" ? left + i * bw : (anchor === "end" ? left + (i + 1) * bw : left + i * bw + bw / 2);
      var xl = svgEl("text", { x: x.toFixed(1), y: H - 6, "text-anchor": anchor, "class": "axis x-tick" });
      xl.textContent = unit === "month" ? isoOfDay(list[i].start).slice(0, 7) : isoOfDay(list[i].start);
      svg.appendChild(xl);
    }
    holder.appendChild(svg);
  }

  function renderTimeline() {
    clear(timeline); clear(legend);
    var fatalHolder = document.getElementById("chart-fatal");
    clear(fatalHolder);
    var dated = state.filtered.filter(function (e) { return dayNumber(e.event_date) !== null; });
    var undated = state.filtered.length - dated.length;
    if (!dated.length) {
      timeline.appendChild(el("p", { className: "note", text: "No dated event to plot." }));
      fatalHolder.appendChild(el("p", { className: "note", text: "No dated event to plot." }));
      return;
    }
    var bk = buckets(dated), typesSeen = {};
    dated.forEach(function (e) { typesSeen[e.event_type] = 1; });
    var order = TYPE_ORDER.concat(Object.keys(typesSeen).filter(function (t) { return TYPE_ORDER.indexOf(t) < 0; }));
    timelineTitle.textContent = "Events per " + bk.unit + " by type" + (undated ? " (" + undated + " undated not shown)" : "");
    timeChart(timeline, bk, function (b) { return b.total; }, function (b) {
      return order.map(function (t) { return { value: b.counts[t] || 0, color: typeColor(t), label: t, cls: "tl-bar" }; });
    }, "Events per " + bk.unit + " by type");
    document.getElementById("fatal-title").textContent = "Fatalities per " + bk.unit;
    timeChart(fatalHolder, bk, function (b) { return b.killed; }, function (b) {
      return [{ value: b.killed, color: "#7b241c", label: "killed", cls: "fatal-bar" }];
    }, "Fatalities per " + bk.unit);
    order.forEach(function (t) {
      if (!typesSeen[t]) return;
      legend.appendChild(el("span", { className: "legend-item" }, [
        el("span", { className: "swatch", style: "background:" + typeColor(t) }), t
      ]));
    });
  }

  // Horizontal bars: the ten largest groups; a click filters the table by that value.
  function barChart(holderId, select, keysOf) {
    var holder = document.getElementById(holderId);
    clear(holder);
    var counts = {};
    state.filtered.forEach(function (e) { keysOf(e).forEach(function (k) { counts[k] = (counts[k] || 0) + 1; }); });
    var keys = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || a.localeCompare(b); });
    if (!keys.length) { holder.appendChild(el("p", { className: "note", text: "None in the events shown." })); return; }
    var max = counts[keys[0]];
    keys.slice(0, 10).forEach(function (k) {
      var row = el("button", { type: "button", className: "bar-row" + (select.value === k ? " active" : ""), title: k + ": " + counts[k] + " events", "data-value": k }, [
        el("span", { className: "bar-label", text: k }),
        el("span", { className: "bar-track" }, [el("span", { className: "bar-fill", style: "width:" + (100 * counts[k] / max).toFixed(1) + "%" })]),
        el("span", { className: "bar-n", text: String(counts[k]) })
      ]);
      row.addEventListener("click", function () { select.value = select.value === k ? "" : k; apply(); });
      holder.appendChild(row);
    });
    if (keys.length > 10) holder.appendChild(el("p", { className: "note", text: "and " + (keys.length - 10) + " more (see the filter list)" }));
  }

  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(renderTimeline, 150);
  });

  function renderCharts() {
    barChart("chart-admin1", F.admin1, function (e) { return e.admin1 ? [e.admin1] : []; });
    barChart("chart-actor", F.actor, actorsOf);
    barChart("chart-sub", F.sub, function (e) { return e.sub_event_type ? [e.sub_event_type] : []; });
  }

  // ------------------------------------------------------------------ detail

  var detail = document.getElementById("detail");
  var lower = document.querySelector(".lower");

  function byId(id) {
    for (var i = 0; i < state.events.length; i++) if (state.events[i].event_id === id) return state.events[i];
    return null;
  }

  function select(id, pan) {
    state.selected = id;
    Array.prototype.forEach.call(document.querySelectorAll("tr.selected"), function (tr) { tr.classList.remove("selected"); });
    Array.prototype.forEach.call(document.querySelectorAll("tbody tr"), function (tr) {
      if (tr.getAttribute("data-event-id") === id) tr.classList.add("selected");
    });
    var e = byId(id);
    renderDetail(e);
    if (map) {
      if (e && groupOf[id] && expanded !== groupOf[id] && !markersById[id]) { expanded = groupOf[id]; renderMarkers(); }
      Object.keys(markersById).forEach(function (k) {
        markersById[k].setStyle({ color: k === id ? "#000" : "#333", weight: k === id ? 3 : 1 });
      });
      if (pan && e && typeof e.latitude === "number" && typeof e.longitude === "number") map.panTo([e.latitude, e.longitude]);
    }
  }

  var PRECISION = { 1: "exact day", 2: "within the week", 3: "within the month" };
  var GEO_PRECISION = { 1: "town or village", 2: "near a town, or a district", 3: "region or country only" };

  function fatalityText(e) {
    var n = e.fatalities || 0;
    var lo = e.fatalities_low, hi = e.fatalities_high;
    var text = n === 0 && lo === null && hi === null ? "none reported" : String(n);
    if (lo !== null && lo !== undefined && hi !== null && hi !== undefined && lo !== hi) text += " (reports say " + lo + " to " + hi + ")";
    return text;
  }

  function sureText(e) {
    var c = typeof e.confidence === "number" ? e.confidence : 0;
    var word = c >= 0.75 ? "fairly sure" : (c >= 0.5 ? "unsure" : "doubtful");
    var docs = {};
    (e.sources || []).forEach(function (s) { docs[s.doc] = 1; });
    var n = Object.keys(docs).length;
    return c.toFixed(2) + " \u2014 " + word + ", " + n + " article" + (n === 1 ? "" : "s") +
      ((e.disagreements || []).length ? "; sources disagree on " + e.disagreements.join(", ") : "");
  }

  function summaryList(e) {
    var who = [e.actor1, e.actor2].filter(function (a) { return a; });
    var assoc = (e.assoc_actor_1 || []).concat(e.assoc_actor_2 || []);
    var where = [e.location, e.admin2 !== e.location ? e.admin2 : null, e.admin1, e.country].filter(function (p, i, a) { return p && a.indexOf(p) === i; }).join(", ");
    var rows = [
      ["What", e.event_type + " \u2014 " + e.sub_event_type, "what"],
      ["Where", (where || "unknown place") + (e.geo_precision ? " (" + (GEO_PRECISION[e.geo_precision] || "") + ")" : ""), "where"],
      ["When", e.event_date ? e.event_date + (e.date_end ? " to " + e.date_end : "") + " (" + (PRECISION[e.time_precision] || "") + ")" : "no date in the sources", "when"],
      ["Who", who.length ? who.join(" vs ") + (assoc.length ? " (with " + assoc.join(", ") + ")" : "") : "no actor named", "who"],
      ["Killed", fatalityText(e), "killed"],
      ["How sure", sureText(e), "sure"]
    ];
    var dl = el("dl", { className: "summary-fields" });
    rows.forEach(function (r) {
      dl.appendChild(el("dt", { text: r[0] }));
      var dd = el("dd", { text: r[1], "data-summary": r[2] });
      if ((r[2] === "killed" && (e.disagreements || []).indexOf("fatalities") >= 0)) dd.className = "disagree";
      dl.appendChild(dd);
    });
    return dl;
  }

  // Sources grouped by article: one entry per article, its sentences under it.
  function articles(e) {
    var out = [], index = {};
    (e.sources || []).forEach(function (s, i) {
      if (!(s.doc in index)) { index[s.doc] = out.length; out.push({ doc: s.doc, head: s, items: [] }); }
      out[index[s.doc]].items.push({ s: s, i: i });
    });
    return out;
  }

  function same(a, b) { return JSON.stringify(a === undefined ? null : a) === JSON.stringify(b === undefined ? null : b); }

  function shortContext(ctx, width) {
    width = width || 110;
    var b = ctx.before || "", a = ctx.after || "";
    if (b.length > width) { var cut = b.indexOf(" ", b.length - width); b = "\u2026" + b.slice(cut < 0 ? b.length - width : cut + 1); }
    if (a.length > width) { var cut2 = a.lastIndexOf(" ", width); a = a.slice(0, cut2 < 0 ? width : cut2) + "\u2026"; }
    return { before: b, quote: ctx.quote, after: a, exact: ctx.exact };
  }

  function articleBlock(e, art, n) {
    var s = art.head;
    var head = el("div", { className: "source-head" }, [
      el("strong", { text: n + ". " + (s.source || "unknown outlet") }),
      " \u00b7 " + show(s.published) + " \u00b7 ",
      el("code", { text: s.doc })
    ]);
    var href = safeHref(s.url);
    if (href) {
      head.appendChild(document.createTextNode(" \u00b7 "));
      head.appendChild(el("a", { href: href, rel: "noopener noreferrer", target: "_blank", text: "original" }));
    }
    if (art.items.length > 1) head.appendChild(el("span", { className: "note", text: " \u00b7 " + art.items.length + " sentences" }));
    var box = el("div", { className: "source article", "data-doc": s.doc }, [head]);
    // What this article says only where it differs from the event (once per article).
    var seen = {}, differs = [];
    (e.field_values || []).forEach(function (v) {
      if (v.doc !== s.doc || seen[v.field] || !(v.field in e)) return;
      seen[v.field] = 1;
      var value = v.value, mine = e[v.field];
      if (v.field === "fatalities" && Array.isArray(value)) {
        // [low, best, high] as the article gives them
        mine = [e.fatalities_low, e.fatalities_best, e.fatalities_high];
        var nums = value.filter(function (n) { return n !== null && n !== undefined; });
        value = nums.length ? (Math.min.apply(null, nums) === Math.max.apply(null, nums) ? nums[0] : Math.min.apply(null, nums) + " to " + Math.max.apply(null, nums)) : null;
        if (same(v.value, mine) || value === e.fatalities) return; // it gave the event's figure
      } else if (same(value, mine)) return;
      // a source silent on a field (null) does not disagree with anything
      if (value !== null && value !== "") differs.push(v.field + " = " + show(value));
    });
    if (articles(e).length < 2) differs = []; // one article: it is what the event says
    if (differs.length) box.appendChild(el("p", { className: "values" }, ["This source says: ", differs.join(", ")]));
    art.items.forEach(function (it) {
      var ctx = (e.contexts || [])[it.i] || { before: "", quote: it.s.quote, after: "", exact: false };
      if (art.items.length > 1) ctx = shortContext(ctx); // sentences of one article: less repeated text
      var sent = el("div", { className: "sentence", "data-source-index": it.i }, [
        el("blockquote", { className: "context" }, [plainText(ctx.before), el("mark", { text: plainText(ctx.quote) }), plainText(ctx.after)])
      ]);
      if (!ctx.exact) sent.appendChild(el("p", { className: "note", text: "The stored article text does not hold this quote at its offsets: showing the quote as recorded." }));
      if (CAN_WRITE && e.sources.length > 1) {
        sent.appendChild(el("button", { type: "button", className: "split", text: "Split this sentence off into a new event",
          onclick: function () { act("POST", "/api/events/" + encodeURIComponent(e.event_id) + "/split", { source_index: it.i }); } }));
      }
      box.appendChild(sent);
    });
    return box;
  }

  function renderDetail(e) {
    clear(detail);
    if (!e) { detail.hidden = true; lower.classList.remove("has-detail"); return; }
    detail.hidden = false;
    lower.classList.add("has-detail");
    detail.appendChild(el("button", { type: "button", className: "close", "aria-label": "Close the detail", text: "\u00d7",
      onclick: function () { select(null, false); } }));
    detail.appendChild(el("h2", { text: e.sub_event_type + (e.location ? " in " + e.location : "") + (e.event_date ? ", " + e.event_date : "") }));
    var badges = el("p", { className: "badges" }, [
      el("span", { className: "badge status-" + e.status, text: e.status }),
      e.reviewed ? el("span", { className: "badge reviewed", text: "reviewed" }) : null,
      (e.disagreements && e.disagreements.length) ? el("span", { className: "badge disagree", text: "sources disagree on " + e.disagreements.join(", ") }) : null,
      (REVIEW && e.need_reasons && e.need_reasons.length) ? el("span", { className: "badge need", text: "needs review: " + e.need_reasons.join("; ") }) : null
    ]);
    detail.appendChild(badges);
    detail.appendChild(summaryList(e));
    if (e.notes) detail.appendChild(el("p", { className: "notes-text", text: plainText(e.notes) }));
    if (REVIEW) renderReview(e);
    var arts = articles(e), outlets = {};
    arts.forEach(function (a) { outlets[a.head.source || a.doc] = 1; });
    var no = Object.keys(outlets).length;
    detail.appendChild(el("h3", { id: "evidence-title", text: "Evidence: " + arts.length + " article" + (arts.length === 1 ? "" : "s") + " from " + no + " outlet" + (no === 1 ? "" : "s") + ", " + e.sources.length + " sentence" + (e.sources.length === 1 ? "" : "s") }));
    arts.forEach(function (a, k) { detail.appendChild(articleBlock(e, a, k + 1)); });
    var raw = el("details", { className: "raw" }, [el("summary", { text: "All fields" })]);
    var dl = el("dl", { className: "fields" });
    DETAIL_FIELDS.forEach(function (f) {
      var dt = el("dt", { text: f });
      var dd = el("dd", { "data-field": f, text: show(e[f]) });
      if ((e.disagreements || []).indexOf(f) >= 0) dd.className = "disagree";
      if ((e.reviewed_fields || []).indexOf(f) >= 0) dd.classList.add("edited");
      dl.appendChild(dt); dl.appendChild(dd);
    });
    raw.appendChild(dl);
    detail.appendChild(raw);
    if (REVIEW) renderHistory(e);
    if (window.matchMedia && window.matchMedia("(max-width: 1279px)").matches && typeof detail.scrollIntoView === "function") {
      detail.scrollIntoView({ block: "nearest" });
    }
  }

  // ------------------------------------------------------------------ review

  var whoInput = document.getElementById("who");
  var tokenInput = document.getElementById("token");
  var message = null;
  var actorNames = null;

  function setMessage(text, bad) {
    if (!message) return;
    clear(message);
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
        if (!r.ok) {
          var text = data.error || (data.detail && JSON.stringify(data.detail)) || r.statusText;
          var err = new Error(text + (data.hint ? " " + data.hint : ""));
          err.data = data; err.status = r.status;
          throw err;
        }
        return data;
      });
    });
  }

  // After a change, stay on the same row of the list (the next one when it left it).
  function act(method, path, body, opts) {
    opts = opts || {};
    var who = whoInput.value.trim();
    if (!who) { setMessage("Type your name first: every change is recorded with who made it.", true); whoInput.focus(); return Promise.resolve(); }
    body.who = who;
    setMessage("Saving\u2026", false);
    var order = shownOrder().map(function (e) { return e.event_id; });
    var at = order.indexOf(state.selected);
    return api(method, path, body).then(function (res) {
      var next = res.event_id || state.selected;
      return reload().then(function () {
        var shown = shownOrder();
        if (opts.advance || !shown.some(function (e) { return e.event_id === next; })) {
          var nextIdx = opts.advance ? at + 1 : at;
          var cand = order.slice(nextIdx).filter(function (id) { return shown.some(function (e) { return e.event_id === id; }) && id !== state.selected; })[0];
          next = cand || (byId(next) ? next : null);
        }
        select(byId(next) ? next : null, false);
        setMessage(res.message || "Saved.", false);
      });
    }).catch(function (err) {
      setMessage(String(err.message || err), true);
      if (err.data && err.data.ask && opts.retry) {
        message.appendChild(document.createTextNode(" "));
        message.appendChild(el("button", { type: "button", id: "btn-anyway", text: opts.retryLabel || "Save anyway",
          onclick: function () { act(method, path, opts.retry(body), {}); } }));
      }
      if (err.data && err.data.suggestions && err.data.suggestions.length && opts.suggest) {
        err.data.suggestions.forEach(function (sug) {
          message.appendChild(document.createTextNode(" "));
          message.appendChild(el("button", { type: "button", className: "suggestion", text: sug, onclick: function () { opts.suggest(sug); } }));
        });
      }
    });
  }

  function reload() {
    return api("GET", "/api/events?include_rejected=true").then(function (data) {
      state.events = prepare(data.events);
      refreshFilterOptions();
      summary();
      apply();
    });
  }

  function valueOf(e, f) {
    var v = e[f];
    return Array.isArray(v) ? v.join("; ") : (v === null || v === undefined ? "" : String(v));
  }

  function subEventTypes() {
    var out = [];
    Object.keys(DATA.event_types || {}).forEach(function (t) { (DATA.event_types[t] || []).forEach(function (s) { out.push(s); }); });
    return out;
  }

  function renderReview(e) {
    var box = el("div", { className: "review" }, [el("h3", { text: "Review" })]);
    message = el("p", { className: "message", role: "status", id: "review-msg" });
    if (!CAN_WRITE) {
      box.appendChild(el("p", { className: "note", text: "Read-only: review actions are disabled." }));
      box.appendChild(message);
      detail.appendChild(box);
      return;
    }
    var path = "/api/events/" + encodeURIComponent(e.event_id);
    box.appendChild(el("div", { className: "actions" }, [
      el("button", { type: "button", id: "btn-confirm", text: "Confirm (c)", onclick: function () { act("POST", path + "/confirm", {}, { advance: F.queue.checked }); } }),
      el("button", { type: "button", id: "btn-reject", text: "Reject (x)", onclick: function () { act("POST", path + "/reject", {}, { advance: F.queue.checked }); } }),
      el("button", { type: "button", id: "btn-reset", text: "Reset status", onclick: function () { act("POST", path + "/reset", {}); } })
    ]));
    var fieldSel = el("select", { id: "edit-field", "aria-label": "Field to edit" });
    EDITABLE.forEach(function (f) { fieldSel.appendChild(el("option", { value: f, text: f })); });
    if (state.editField) fieldSel.value = state.editField;
    var slot = el("span", { className: "edit-slot" });
    var results = el("div", { id: "place-results", className: "place-results" });
    var control = null, searchTimer = null;
    function build() {
      clear(slot); clear(results);
      var f = fieldSel.value;
      if (f === "sub_event_type" || f === "event_type") {
        control = el("select", { id: "edit-value", "aria-label": "New value" });
        (f === "sub_event_type" ? subEventTypes() : Object.keys(DATA.event_types || {})).forEach(function (v) {
          control.appendChild(el("option", { value: v, text: v }));
        });
        control.value = valueOf(e, f);
      } else {
        control = el("input", { id: "edit-value", type: f === "location" ? "search" : "text", "aria-label": "New value", size: 30, autocomplete: "off" });
        control.value = valueOf(e, f);
        if (f === "actor1" || f === "actor2") {
          control.setAttribute("list", "actor-names");
          var dl = el("datalist", { id: "actor-names" });
          slot.appendChild(dl);
          var fill = function () { (actorNames || []).forEach(function (n) { dl.appendChild(el("option", { value: n })); }); };
          if (actorNames) fill(); else api("GET", "/api/actors").then(function (d) { actorNames = d.actors || []; fill(); }).catch(function () { /* offline list */ });
        }
        if (f === "location") {
          control.setAttribute("placeholder", "search the gazetteer");
          control.addEventListener("input", function () {
            clearTimeout(searchTimer);
            var q = control.value.trim();
            searchTimer = setTimeout(function () { searchPlaces(q); }, 150);
          });
        }
        if (f === "fatalities") control.setAttribute("placeholder", "12, or a range: 4-6");
      }
      slot.insertBefore(control, slot.firstChild);
    }
    function searchPlaces(q) {
      clear(results);
      if (q.length < 2) return;
      api("GET", "/api/places?q=" + encodeURIComponent(q)).then(function (d) {
        clear(results);
        if (!(d.places || []).length) { results.appendChild(el("p", { className: "note", text: "No place in the local gazetteer starts with \u201c" + q + "\u201d." })); return; }
        d.places.forEach(function (p) {
          results.appendChild(el("button", { type: "button", className: "place-option", "data-geonameid": p.geonameid,
            text: p.label + " \u00b7 " + p.feature + " \u00b7 " + p.latitude.toFixed(2) + ", " + p.longitude.toFixed(2),
            onclick: function () { act("POST", path + "/field", { field: "location", value: p.name, geonameid: p.geonameid }); } }));
        });
      }).catch(function (err) { results.appendChild(el("p", { className: "note", text: String(err.message || err) })); });
    }
    fieldSel.addEventListener("change", function () { state.editField = fieldSel.value; build(); });
    build();
    var form = el("form", { className: "edit", id: "edit-form" }, [
      fieldSel, slot, el("button", { type: "submit", id: "btn-save", text: "Save field" })
    ]);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var f = fieldSel.value;
      if (f === "location" && control.value.trim()) { searchPlaces(control.value.trim()); setMessage("Pick the place from the list below the box, so its coordinates and region come with it.", true); return; }
      act("POST", path + "/field", { field: f, value: control.value }, {
        retry: function (b) { b.confirm = true; return b; },
        suggest: function (sug) { control.value = sug; act("POST", path + "/field", { field: f, value: sug }); }
      });
    });
    box.appendChild(form);
    box.appendChild(results);
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
      act("POST", "/api/merge", { keep_id: e.event_id, drop_id: mergeIn.value.trim() },
        { retry: function (b) { b.force = true; return b; }, retryLabel: "Merge anyway" });
    });
    box.appendChild(mergeForm);
    box.appendChild(message);
    detail.appendChild(box);
  }

  function renderHistory(e) {
    var history = el("div", { className: "history" }, [el("h3", { text: "History" })]);
    detail.appendChild(history);
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
    document.getElementById("queue-label").hidden = false;
    document.getElementById("keys-note").hidden = !CAN_WRITE;
    var stored = null;
    try { stored = window.localStorage.getItem("eventline-who"); } catch (e) { stored = null; }
    whoInput.value = stored || CONFIG.default_who || "";
    whoInput.addEventListener("change", function () {
      try { window.localStorage.setItem("eventline-who", whoInput.value.trim()); } catch (e) { /* private mode */ }
    });
    if (CONFIG.token_required) document.getElementById("token-label").hidden = false;
    var note = document.getElementById("mode-note");
    note.textContent = CONFIG.read_only ? "Read-only: changes are disabled." : "Changes are saved at once and recorded with your name.";
    if (!CAN_WRITE) return;
    var bulk = document.getElementById("bulk-confirm");
    bulk.addEventListener("click", function () {
      var ids = state.filtered.filter(function (e) { return e.status === "new"; }).map(function (e) { return e.event_id; });
      if (!ids.length) return;
      // two clicks: a bulk change must be meant
      if (!bulk.getAttribute("data-armed")) {
        bulk.setAttribute("data-armed", "1");
        bulk.textContent = "Really confirm these " + ids.length + " events? Click again";
        return;
      }
      if (!message) { message = el("p", { className: "message", role: "status", id: "review-msg" }); }
      act("POST", "/api/confirm", { event_ids: ids }).then(function () {
        F.count.textContent += " \u00b7 confirmed " + ids.length;
      });
    });
    document.addEventListener("keydown", function (ev) {
      var t = ev.target && ev.target.tagName;
      if (t === "INPUT" || t === "SELECT" || t === "TEXTAREA" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
      var order = shownOrder(), at = -1;
      for (var i = 0; i < order.length; i++) if (order[i].event_id === state.selected) at = i;
      if (ev.key === "j" || ev.key === "n") { if (order.length) select(order[Math.min(order.length - 1, at + 1)].event_id, true); ev.preventDefault(); }
      else if (ev.key === "k" || ev.key === "p") { if (order.length) select(order[Math.max(0, at - 1)].event_id, true); ev.preventDefault(); }
      else if ((ev.key === "c" || ev.key === "x") && state.selected) {
        var path = "/api/events/" + encodeURIComponent(state.selected) + (ev.key === "c" ? "/confirm" : "/reject");
        act("POST", path, {}, { advance: true });
        ev.preventDefault();
      }
    });
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
