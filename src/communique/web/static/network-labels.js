// Network labels: which nodes carry a label at the current zoom, and how large.
// Every label shown is drawn at >= 12 px on screen. The busiest nodes (most events) are
// placed first; a label goes below, above, beside or diagonally off its node, in the first
// place where it lies wholly in view and covers no label already placed and no labelled
// node, else it is left off. Zooming in spreads the nodes apart under labels of the same
// screen size, so more of them fit. "All labels" adds every other label at the layout's
// size (11, growing with the zoom), for reading zoomed in.
// tests/web/test_browser.py measures the sizes, the overlap and the zoom.
(function () {
  "use strict";
  var BASE = 11;      // the layout's label font size (model units): network.js's style
  var MIN_PX = 12;    // no label shown smaller than this on screen
  var GAP_PX = 2;     // screen pixels kept free around a placed label
  var CELL_PX = 80;   // the spatial grid's cell, screen pixels
  var KEEP = 10;      // the busiest nodes, never drawn under another node's label
  // where a label may go, in this order: vertical (bottom, top, centre) and horizontal
  // (centre, right, left) alignment to its node
  var SIDES = ["bc", "tc", "cr", "cl", "br", "tr", "bl", "tl"];
  var SIDE_CLASSES = "lab-vb lab-vt lab-vc lab-hc lab-hr lab-hl";

  // the rules network.js adds to its stylesheet; the sizes are per node data, set below
  var STYLE = [
    { selector: "node.lab-off", style: { label: "" } },
    { selector: "node.lab-all", style: { "min-zoomed-font-size": 0 } },
    { selector: "node.lab", style: { "font-size": "data(labFont)",
      "text-outline-width": "data(labOutline)", "text-margin-x": "data(labMx)",
      "text-margin-y": "data(labMy)", "min-zoomed-font-size": 0, "z-index": 10 } },
    { selector: "node.lab-vb", style: { "text-valign": "bottom" } },
    { selector: "node.lab-vt", style: { "text-valign": "top" } },
    { selector: "node.lab-vc", style: { "text-valign": "center" } },
    { selector: "node.lab-hc", style: { "text-halign": "center" } },
    { selector: "node.lab-hr", style: { "text-halign": "right" } },
    { selector: "node.lab-hl", style: { "text-halign": "left" } }
  ];

  // a uniform grid of rectangles [x1, y1, x2, y2, owner]
  function Grid(cell) { this.cell = cell; this.cells = new Map(); }
  Grid.prototype.each = function (r, fn) {
    var c = this.cell;
    var i1 = Math.floor(r[2] / c), j1 = Math.floor(r[3] / c);
    for (var i = Math.floor(r[0] / c); i <= i1; i++) {
      for (var j = Math.floor(r[1] / c); j <= j1; j++) {
        if (fn(i + "," + j)) { return true; }
      }
    }
    return false;
  };
  Grid.prototype.add = function (r) {
    var cells = this.cells;
    this.each(r, function (k) {
      var list = cells.get(k);
      if (!list) { list = []; cells.set(k, list); }
      list.push(r);
      return false;
    });
  };
  Grid.prototype.hits = function (r, owner) { // owner: a rectangle [4] that does not count
    var cells = this.cells;
    return this.each(r, function (k) {
      var list = cells.get(k) || [];
      for (var m = 0; m < list.length; m++) {
        var o = list[m];
        if (o[4] !== owner && r[0] < o[2] && o[0] < r[2] && r[1] < o[3] && o[1] < r[3]) {
          return true;
        }
      }
      return false;
    });
  };

  // the label's box (model units) on one side of its node at the label scale k. Cytoscape
  // bounds a label by its text, shifted by the margin (2k), then the outline (2k) and a
  // fixed pad on each side: its width is a*k + b, a and b measured per node (attach)
  function box(n, half, side, k) {
    var p = n.position(), c = n.scratch("lab"), m = 2 * k;
    var w = c.aw * k + c.bw, h = c.ah * k + c.bh;
    var ox = 2 * k + c.bw / 2, oy = 2 * k + c.bh / 2; // outline and pad, each side
    var v = side.charAt(0), hz = side.charAt(1);
    var y1 = v === "b" ? p.y + half + m - oy : v === "t" ? p.y - half - m + oy - h : p.y - h / 2;
    var x1 = hz === "r" ? p.x + half + m - ox : hz === "l" ? p.x - half - m + ox - w : p.x - w / 2;
    return [x1, y1, x1 + w, y1 + h];
  }

  function labelBoxes(cy) {
    return cy.nodes().map(function (n) {
      return n.boundingBox({ includeLabels: true, includeNodes: false, includeOverlays: false });
    });
  }

  // each node's label box at the layout's size (k = 1) and at twice it: the two points
  // of its line (all labels are on, at the bottom, when the page calls attach)
  function measure(cy) {
    var one = labelBoxes(cy);
    cy.batch(function () {
      cy.nodes().forEach(function (n) {
        n.data({ labFont: 2 * BASE, labOutline: 4, labMx: 0, labMy: 4 });
        n.addClass("lab lab-vb lab-hc");
      });
    });
    var two = labelBoxes(cy);
    cy.batch(function () { cy.nodes().removeClass("lab lab-vb lab-hc"); });
    cy.nodes().forEach(function (n, i) {
      var a = one[i], b = two[i];
      var ok = a.w > 0 && a.h > 0 && b.w > a.w && b.h > a.h;
      n.scratch("lab", ok ? { aw: b.w - a.w, bw: 2 * a.w - b.w, ah: b.h - a.h, bh: 2 * a.h - b.h }
        : null);
    });
  }

  function pad(r, d) { return [r[0] - d, r[1] - d, r[2] + d, r[3] + d]; }

  function attach(cy) {
    var state = { all: false, zoom: null, shown: 0, pending: false };
    measure(cy);
    // the busiest first: most events, then most partners, then the id (a stable order)
    var order = cy.nodes().filter(function (n) { return n.scratch("lab"); }).map(function (n) {
      return { n: n, id: n.id(), events: n.data("events") || 0, degree: n.degree(),
        half: n.width() / 2, key: null, k: null };
    });
    order.sort(function (a, b) {
      return (b.events - a.events) || (b.degree - a.degree) || (a.id < b.id ? -1 : 1);
    });
    var unlabelled = cy.nodes().filter(function (n) { return !n.scratch("lab"); });

    // place the labels at the current zoom; touch only the nodes whose label changed
    function update() {
      state.pending = false;
      var z = cy.zoom();
      var k = Math.max(1, MIN_PX / (BASE * z)); // the label scale: >= 12 px on screen
      var gap = GAP_PX / z;
      // placed labels and the bodies of labelled nodes: a label covers neither
      var taken = new Grid(CELL_PX / z);
      var shown = 0;
      var view = cy.extent();
      var inView = function (r) {
        return r[0] >= view.x1 && r[1] >= view.y1 && r[2] <= view.x2 && r[3] <= view.y2;
      };
      var visible = order.filter(function (o) { return o.n.pstyle("display").value !== "none"; });
      var bodyOf = function (o) {
        var p = o.n.position();
        return [p.x - o.half, p.y - o.half, p.x + o.half, p.y + o.half, o.id];
      };
      visible.slice(0, KEEP).forEach(function (o) { taken.add(bodyOf(o)); });
      var keys = {};
      visible.forEach(function (o, i) {
        var p = o.n.position(), body = bodyOf(o);
        if (p.x < view.x1 || p.x > view.x2 || p.y < view.y1 || p.y > view.y2) { return; }
        if (i >= KEEP && taken.hits(body, o.id)) { return; } // under a label already placed
        for (var s = 0; s < SIDES.length; s++) {
          var r = pad(box(o.n, o.half, SIDES[s], k), gap);
          if (inView(r) && !taken.hits(r, o.id)) {
            taken.add(r);
            if (i >= KEEP) { taken.add(body); }
            shown++;
            keys[o.id] = SIDES[s];
            return;
          }
        }
      });
      cy.batch(function () {
        order.forEach(function (o) {
          var key = keys[o.id] || (state.all ? "all" : "off");
          var placed = key.length === 2;
          if (key !== o.key) {
            o.n.removeClass("lab lab-off lab-all " + SIDE_CLASSES);
            o.n.addClass(placed ? "lab lab-v" + key.charAt(0) + " lab-h" + key.charAt(1)
              : "lab-" + key);
            o.key = key;
            o.k = null;
          }
          if (placed && o.k !== k) { // the size and margins: per zoom and side
            var v = key.charAt(0), hz = key.charAt(1);
            o.n.data({ labFont: BASE * k, labOutline: 2 * k,
              labMx: hz === "r" ? 2 * k : hz === "l" ? -2 * k : 0,
              labMy: v === "b" ? 2 * k : v === "t" ? -2 * k : 0 });
            o.k = k;
          }
        });
        unlabelled.addClass("lab-off");
      });
      state.zoom = z;
      state.shown = shown;
    }

    function schedule() {
      if (state.pending) { return; }
      state.pending = true;
      window.requestAnimationFrame(update);
    }

    cy.on("zoom pan resize", schedule);
    cy.on("dragfree", "node", schedule); // a node moved by hand
    update();
    var api = {
      update: update,
      setAll: function (on) { state.all = !!on; update(); },
      state: state
    };
    cy.scratch("labels", api);
    return api;
  }

  window.communiqueLabels = { attach: attach, style: STYLE };
}());
