/* The network page's explorer (templates/_network.md.j2, macro explorer): pan and zoom, find an
   actor, filter relations by type and by year, over api/network.json, drawn by the vendored
   cytoscape (assets/vendor/). Progressive enhancement: the page's map and tables say the same
   without JavaScript, and the explorer stays hidden until its data has loaded.
   The explorer's state is mirrored in data attributes of its section (data-focused: the actor
   found; data-shown-edges / data-shown-nodes: what the filters leave), for tests and styles. */
(function () {
  "use strict";

  var root = document.getElementById("network-explorer");
  if (!root || typeof window.cytoscape !== "function" || !window.fetch) return;

  var PAN_STEP = 80; // px an arrow key moves the drawing
  var ZOOM_STEP = 1.25;
  var GROUP_COLOURS = ["#3949ab", "#00796b", "#c2185b", "#6d4c41", "#5e35b1", "#0277bd",
                       "#2e7d32", "#ad1457", "#455a64", "#ef6c00"];

  var canvas = root.querySelector(".network-explorer__canvas");
  var status = root.querySelector(".network-explorer__status");
  var detail = root.querySelector(".network-explorer__detail");
  var find = root.querySelector(".network-explorer__find");
  var findInput = find.querySelector("input");

  fetch(root.dataset.src)
    .then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    })
    .then(function (document_) { start(document_.network); })
    .catch(function () { /* the explorer stays hidden: the page still has its map and tables */ });

  function start(data) {
    root.hidden = false; // shown before drawing: cytoscape measures its container
    var cy = window.cytoscape({
      container: canvas,
      elements: elements(data),
      layout: { name: "preset" },
      style: style(),
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: false,
      autoungrabify: true,
    });
    cy.fit(undefined, 20);
    fillNames(data.nodes);
    wireFind(cy, data.nodes);
    wireFilters(cy);
    wireZoom(cy);
    cy.on("tap", "node", function (event) { focus(cy, event.target); });
    cy.on("tap", function (event) { if (event.target === cy) unfocus(cy); });
    applyFilters(cy);
  }

  function elements(data) {
    var nodes = data.nodes.map(function (n) {
      return { group: "nodes", data: { id: n.id, name: n.name, colour: colour(n.group) },
               position: { x: n.x, y: n.y } };
    });
    var edges = data.edges.map(function (e, i) {
      return { group: "edges", data: { id: "e" + i, source: e.source, target: e.target,
               type: e.type, years: e.years, label: e.type.replace(/-/g, " ") },
               classes: e.type === "member-of" ? "membership" : "" };
    });
    return nodes.concat(edges);
  }

  function colour(group) { return GROUP_COLOURS[(group - 1) % GROUP_COLOURS.length]; }

  function style() {
    var text = getComputedStyle(root).color || "#000";
    var background = getComputedStyle(document.body).backgroundColor || "#fff";
    return [
      { selector: "node", style: {
        "background-color": "data(colour)", label: "data(name)", color: text, "font-size": 11,
        "text-valign": "bottom", "text-margin-y": 3, width: 12, height: 12,
        "min-zoomed-font-size": 7, // names appear as one zooms in, not piled up at overview
        "text-outline-width": 2, "text-outline-color": background } },
      { selector: "edge", style: {
        width: 1.2, "line-color": "#888", "target-arrow-color": "#888",
        "target-arrow-shape": "triangle", "arrow-scale": 0.7, "curve-style": "bezier",
        opacity: 0.7 } },
      { selector: "edge.membership", style: {
        "line-style": "dashed", "target-arrow-shape": "tee" } },
      { selector: ".hidden", style: { display: "none" } },
      { selector: "node.focused", style: {
        width: 20, height: 20, "border-width": 3, "border-color": "#ff6d00", "font-size": 14,
        "font-weight": "bold", "min-zoomed-font-size": 0, "z-index": 10 } },
      { selector: "edge.near", style: { label: "data(label)", "font-size": 9, color: text, width: 2,
        opacity: 1, "line-color": "#ff6d00", "target-arrow-color": "#ff6d00",
        "text-rotation": "autorotate",
        "text-background-color": background, "text-background-opacity": 0.8 } },
      { selector: "node.near", style: { "min-zoomed-font-size": 0 } },
      { selector: ".faded", style: { opacity: 0.15, "min-zoomed-font-size": 100 } },
    ];
  }

  function fillNames(nodes) {
    var list = document.getElementById(findInput.getAttribute("list"));
    var byName = nodes.slice().sort(function (a, b) { return a.name.localeCompare(b.name); });
    byName.forEach(function (n) {
      var option = document.createElement("option");
      option.value = n.name;
      list.appendChild(option);
    });
  }

  /* The actor named (whole name first, else the first whose name starts with, else contains,
     what was typed, ignoring case). */
  function lookUp(nodes, typed) {
    var wanted = typed.trim().toLocaleLowerCase();
    if (!wanted) return null;
    var tests = [
      function (name) { return name === wanted; },
      function (name) { return name.indexOf(wanted) === 0; },
      function (name) { return name.indexOf(wanted) >= 0; },
    ];
    for (var t = 0; t < tests.length; t++) {
      for (var i = 0; i < nodes.length; i++) {
        if (tests[t](nodes[i].name.toLocaleLowerCase())) return nodes[i];
      }
    }
    return null;
  }

  function wireFind(cy, nodes) {
    find.addEventListener("submit", function (event) {
      event.preventDefault();
      var found = lookUp(nodes, findInput.value);
      if (!found) {
        say("No actor is named “" + findInput.value.trim() + "”.");
        return;
      }
      focus(cy, cy.getElementById(found.id));
    });
  }

  /* Centres on an actor, rings it and its relations, and says who it is and where its page is. */
  function focus(cy, node) {
    unfocus(cy);
    node.removeClass("hidden").addClass("focused");
    var edges = node.connectedEdges().not(".hidden");
    edges.addClass("near");
    edges.connectedNodes().addClass("near");
    cy.elements().not(edges).not(edges.connectedNodes()).not(node).addClass("faded");
    // The actor and its neighbours fill the view (a lone actor: centred, names readable).
    var neighbourhood = edges.connectedNodes().union(node);
    var view = neighbourhood.length > 1 ? { fit: { eles: neighbourhood, padding: 60 } }
      : { center: { eles: node }, zoom: Math.max(cy.zoom(), 1.5) };
    cy.animate(view, { duration: 200 });
    root.dataset.focused = node.id();
    var link = detail.querySelector("a");
    link.textContent = node.data("name");
    link.href = root.dataset.actorHref.replace("actor-id-placeholder", node.id());
    var count = edges.length + (edges.length === 1 ? " relation" : " relations") + " shown";
    detail.querySelector("span").textContent = count;
    detail.hidden = false;
    say(node.data("name") + ": " + count + ".");
  }

  /* Back to the whole network: nothing ringed, nothing faded. */
  function unfocus(cy) {
    cy.elements().removeClass("focused near faded");
    delete root.dataset.focused;
    detail.hidden = true;
  }

  function wireFilters(cy) {
    root.querySelectorAll(".network-explorer__filters input, .network-explorer__filters select")
      .forEach(function (control) {
        control.addEventListener("change", function () { applyFilters(cy); });
      });
  }

  /* Shows the relations of the checked types reported within the years chosen (memberships have
     no year: shown at any time), and the actors they join; the actor found stays shown. */
  function applyFilters(cy) {
    var types = {};
    root.querySelectorAll('.network-explorer__types input:checked').forEach(function (box) {
      types[box.value] = true;
    });
    var from = yearOf("from", -Infinity);
    var to = yearOf("to", Infinity);
    if (from > to) { var swap = from; from = to; to = swap; }
    cy.batch(function () {
      cy.edges().forEach(function (edge) {
        var years = edge.data("years");
        var inTime = years.length === 0
          || years.some(function (y) { return y >= from && y <= to; });
        edge.toggleClass("hidden", !(types[edge.data("type")] && inTime));
      });
      cy.nodes().forEach(function (node) {
        var joined = node.connectedEdges().not(".hidden").length > 0;
        node.toggleClass("hidden", !joined && !node.hasClass("focused"));
      });
    });
    var edges = cy.edges().not(".hidden").length;
    var nodes = cy.nodes().not(".hidden").length;
    root.dataset.shownEdges = edges;
    root.dataset.shownNodes = nodes;
    say("Showing " + nodes + " actors and " + edges + " relations.");
  }

  function yearOf(name, otherwise) {
    var select = root.querySelector('select[name="' + name + '"]');
    return select ? Number(select.value) : otherwise;
  }

  function wireZoom(cy) {
    root.querySelectorAll("[data-zoom]").forEach(function (button) {
      button.addEventListener("click", function () { zoom(cy, button.dataset.zoom); });
    });
    canvas.addEventListener("keydown", function (event) {
      var moves = { ArrowLeft: [PAN_STEP, 0], ArrowRight: [-PAN_STEP, 0],
                    ArrowUp: [0, PAN_STEP], ArrowDown: [0, -PAN_STEP] };
      if (moves[event.key]) {
        cy.panBy({ x: moves[event.key][0], y: moves[event.key][1] });
      } else if (event.key === "+" || event.key === "=") {
        zoom(cy, "in");
      } else if (event.key === "-" || event.key === "−") {
        zoom(cy, "out");
      } else if (event.key === "0") {
        zoom(cy, "fit");
      } else {
        return;
      }
      event.preventDefault();
    });
  }

  function zoom(cy, how) {
    if (how === "fit") {
      unfocus(cy);
      cy.fit(cy.elements().not(".hidden"), 20);
      return;
    }
    var centre = { x: cy.width() / 2, y: cy.height() / 2 };
    var factor = how === "in" ? ZOOM_STEP : 1 / ZOOM_STEP;
    cy.zoom({ level: cy.zoom() * factor, renderedPosition: centre });
  }

  function say(message) { status.textContent = message; }
})();
