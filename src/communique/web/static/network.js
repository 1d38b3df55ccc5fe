// Network page: draws /api/network with Cytoscape.js; clicking an edge lists its events.
// Stored strings are put in the page with textContent only, never as HTML.
(function () {
  "use strict";
  var box = document.getElementById("network");
  if (!box) { return; }
  var status = document.getElementById("network-status");

  function el(tag, text, cls) {
    var n = document.createElement(tag);
    if (text !== undefined && text !== null) { n.textContent = String(text); }
    if (cls) { n.className = cls; }
    return n;
  }

  function link(href, text) {
    var a = el("a", text);
    a.href = href;
    return a;
  }

  function showEdge(edge) {
    var d = edge.data();
    var params = new URLSearchParams({ a: d.a, b: d.b, per_page: "50" });
    ["since", "until", "type"].forEach(function (k) {
      var v = box.dataset[k];
      if (v) { params.set(k, v); }
    });
    // the edge's events as files: the same filters, the files' own page size
    var files = new URLSearchParams(params);
    files.delete("per_page");
    var downloads = document.getElementById("edge-downloads");
    downloads.querySelectorAll("a[data-format]").forEach(function (a) {
      a.href = "/api/network/edge." + a.dataset.format + "?" + files.toString();
    });
    downloads.hidden = false;
    var title = document.getElementById("edge-title");
    var list = document.getElementById("edge-events");
    document.getElementById("edge-hint").hidden = true;
    title.textContent = d.aName + " — " + d.bName + " (" + d.score + ")";
    list.replaceChildren(el("li", "loading…"));
    fetch("/api/network/edge?" + params.toString(), { headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
      .then(function (data) {
        list.replaceChildren();
        data.items.forEach(function (e) {
          var li = el("li", null, "edge-event");
          li.appendChild(el("span", e.date || "undated", "date"));
          li.appendChild(document.createTextNode(" "));
          li.appendChild(el("span", e.type, "etype"));
          li.appendChild(el("span", " " + (e.score === null ? "—" : e.score.toFixed(1)) + " ",
            "score " + (e.score > 0 ? "coop" : e.score < 0 ? "conflict" : "neutral")));
          li.appendChild(el("div", (e.actor_name || "?") + " → " + (e.recipient_name || "—")));
          li.appendChild(el("div", e.sentence, "sentence"));
          li.appendChild(link("/articles/" + e.article_id, e.heading || e.title || "article " + e.article_id));
          list.appendChild(li);
        });
        if (data.has_next) { list.appendChild(el("li", "… more in the events table", "empty")); }
        if (!data.items.length) { list.appendChild(el("li", "No events.", "empty")); }
      })
      .catch(function (err) { list.replaceChildren(el("li", "Could not load: " + err.message, "error")); });
  }

  var KIND_COLOURS = { person: "#1f77b4", country: "#2ca02c", state: "#2ca02c",
    organization: "#9467bd", group: "#ff7f0e", other: "#7f7f7f" };
  var PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
    "#e377c2", "#17becf", "#bcbd22", "#393b79", "#637939", "#843c39"];

  function colourOf(value, fixed) {
    if (fixed && fixed[value]) { return fixed[value]; }
    var h = 0;
    for (var i = 0; i < value.length; i++) { h = (h * 31 + value.charCodeAt(i)) >>> 0; }
    return PALETTE[h % PALETTE.length];
  }

  function legend(cy, by) {
    var box = document.getElementById("node-legend");
    if (!box) { return; }
    var seen = {};
    cy.nodes().forEach(function (n) {
      var v = n.data(by);
      seen[v] = (seen[v] || 0) + 1;
    });
    box.replaceChildren(el("span", (by === "kind" ? "Node colour: kind" : "Node colour: country") + " · size: events · "));
    Object.keys(seen).sort(function (a, b) { return seen[b] - seen[a]; }).slice(0, 14).forEach(function (v) {
      var sw = el("span", null, "swatch");
      sw.style.backgroundColor = colourOf(v, by === "kind" ? KIND_COLOURS : null);
      var item = el("span", null, "legend-item");
      item.dataset.value = v;
      item.appendChild(sw);
      item.appendChild(document.createTextNode(" " + v + " (" + seen[v] + ") "));
      box.appendChild(item);
    });
  }

  function recolour(cy, by) {
    cy.nodes().forEach(function (n) {
      n.data("colour", colourOf(n.data(by), by === "kind" ? KIND_COLOURS : null));
    });
    legend(cy, by);
  }

  function filterStrength(cy, min) {
    cy.batch(function () {
      cy.edges().forEach(function (e) {
        e.style("display", Math.abs(e.data("score")) >= min ? "element" : "none");
      });
      cy.nodes().forEach(function (n) {
        var shown = n.connectedEdges().filter(function (e) { return e.style("display") !== "none"; });
        n.style("display", shown.length || min <= 0 ? "element" : "none");
      });
    });
    var out = document.getElementById("strength-value");
    if (out) { out.textContent = String(min); }
  }

  fetch(box.dataset.api, { headers: { Accept: "application/json" } })
    .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
    .then(function (data) {
      var names = {};
      var maxW = 1;
      var events = {};
      var maxEvents = 1;
      data.nodes.forEach(function (n) { names[n.id] = n.name; events[n.id] = 0; });
      data.edges.forEach(function (e) {
        maxW = Math.max(maxW, Math.abs(e.score));
        events[e.a] = (events[e.a] || 0) + e.events;
        events[e.b] = (events[e.b] || 0) + e.events;
      });
      data.nodes.forEach(function (n) { maxEvents = Math.max(maxEvents, events[n.id] || 0); });
      var elements = data.nodes.map(function (n) {
        var k = events[n.id] || 0;
        return { data: { id: "n" + n.id, actor: n.id, label: n.name, weight: n.weight,
          events: k, kind: n.kind || "other", country: n.country || "none",
          size: 12 + 40 * Math.sqrt(k / maxEvents),
          colour: colourOf(n.kind || "other", KIND_COLOURS) } };
      }).concat(data.edges.map(function (e) {
        return { data: {
          id: "e" + e.a + "-" + e.b, source: "n" + e.a, target: "n" + e.b, a: e.a, b: e.b,
          aName: names[e.a], bName: names[e.b], score: e.score, events: e.events,
          width: 1 + 9 * Math.abs(e.score) / maxW,
          kind: e.score > 0 ? "coop" : e.score < 0 ? "conflict" : "neutral"
        } };
      }));
      status.textContent = data.nodes.length + " actors, " + data.edges.length + " pairs, " +
        (data.period.since || "…") + " to " + (data.period.until || "…") + ".";
      if (!data.edges.length) { status.textContent += " No events in this period."; }
      var cy = cytoscape({
        container: box,
        elements: elements,
        wheelSensitivity: 0.3,
        style: [
          { selector: "node", style: { label: "data(label)", "font-size": 11,
            "background-color": "data(colour)", width: "data(size)", height: "data(size)",
            color: "#222", "text-outline-color": "#fff", "text-outline-width": 2,
            "text-valign": "bottom", "text-margin-y": 2, "min-zoomed-font-size": 4 } },
          { selector: "edge", style: { width: "data(width)", "curve-style": "bezier",
            opacity: 0.8 } },
          { selector: "edge[kind = 'coop']", style: { "line-color": "#2b8a3e" } },
          { selector: "edge[kind = 'conflict']", style: { "line-color": "#c92a2a" } },
          { selector: "edge[kind = 'neutral']", style: { "line-color": "#999" } },
          { selector: "edge:selected", style: { opacity: 1, "overlay-opacity": 0.2 } }
        ].concat(window.communiqueLabels.style),
        // repulsion grows with the node count: a dense graph of hundreds of actors keeps
        // its labels apart (tests/web/test_browser.py measures the overlap)
        layout: { name: "cose", animate: false, randomize: false,
          nodeRepulsion: Math.max(400000, 10000 * data.nodes.length),
          idealEdgeLength: 90, nodeOverlap: 20, nodeDimensionsIncludeLabels: true,
          componentSpacing: 80, numIter: 1000 }
      });
      var colourBy = document.getElementById("colour-by");
      recolour(cy, colourBy ? colourBy.value : "kind");
      if (colourBy) { colourBy.addEventListener("change", function () { recolour(cy, colourBy.value); }); }
      // which labels show at this zoom (network-labels.js); the toggle shows them all
      var labels = window.communiqueLabels.attach(cy);
      var allLabels = document.getElementById("all-labels");
      if (allLabels) {
        labels.setAll(allLabels.checked);
        allLabels.addEventListener("change", function () { labels.setAll(allLabels.checked); });
      }
      var slider = document.getElementById("min-strength");
      if (slider) {
        slider.max = String(Math.ceil(maxW));
        slider.addEventListener("input", function () {
          filterStrength(cy, Number(slider.value));
          labels.update();
        });
        filterStrength(cy, Number(slider.value));
        labels.update();
      }
      cy.on("tap", "edge", function (evt) { showEdge(evt.target); });
      cy.on("tap", "node", function (evt) { window.location.href = "/actors/" + evt.target.data("actor"); });
      window.communiqueNetwork = cy;
      box.dataset.ready = "1";
    })
    .catch(function (err) {
      status.textContent = "Could not load the network: " + err.message;
      box.dataset.ready = "error";
    });
}());
