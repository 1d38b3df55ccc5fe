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
          li.appendChild(link("/articles/" + e.article_id, e.title || "article " + e.article_id));
          list.appendChild(li);
        });
        if (data.has_next) { list.appendChild(el("li", "… more in the events table", "empty")); }
        if (!data.items.length) { list.appendChild(el("li", "No events.", "empty")); }
      })
      .catch(function (err) { list.replaceChildren(el("li", "Could not load: " + err.message, "error")); });
  }

  fetch(box.dataset.api, { headers: { Accept: "application/json" } })
    .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
    .then(function (data) {
      var names = {};
      var maxW = 1;
      data.nodes.forEach(function (n) { names[n.id] = n.name; });
      data.edges.forEach(function (e) { maxW = Math.max(maxW, Math.abs(e.score)); });
      var elements = data.nodes.map(function (n) {
        return { data: { id: "n" + n.id, actor: n.id, label: n.name, weight: n.weight } };
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
          { selector: "node", style: { label: "data(label)", "font-size": 10,
            "background-color": "#556", width: 14, height: 14, color: "#222" } },
          { selector: "edge", style: { width: "data(width)", "curve-style": "bezier",
            opacity: 0.8 } },
          { selector: "edge[kind = 'coop']", style: { "line-color": "#2b8a3e" } },
          { selector: "edge[kind = 'conflict']", style: { "line-color": "#c92a2a" } },
          { selector: "edge[kind = 'neutral']", style: { "line-color": "#999" } },
          { selector: "edge:selected", style: { opacity: 1, "overlay-opacity": 0.2 } }
        ],
        layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 8000 }
      });
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
