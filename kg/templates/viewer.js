// The kg debate viewer. All text from documents arrives as JSON and reaches the DOM only through
// textContent, option.value and vis-network's canvas labels; nothing here builds HTML from strings.
(function () {
  "use strict";

  performance.mark("kg-start");
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  performance.mark("kg-parsed");
  var meta = data.meta;
  var options = typeof data.options === "string" ? JSON.parse(data.options) : data.options;
  var kindLabel = {};
  meta.kinds.forEach(function (k) { kindLabel[k.kind] = k.label; });
  var byIri = {};

  // Styles, tooltips and labels are derived here rather than shipped per item, to keep the file small.
  // A string title is shown by vis-network with innerText, never parsed as HTML.
  data.nodes.forEach(function (n) {
    byIri[n.iri] = n.id;
    var c = meta.claims[n.id];
    if (c) {
      n.status = c.status;
      n.title = ["Claim (" + (c.status || "no status") + ")", c.text, c.form]
        .concat(c.speaker ? ["said by " + c.speaker] : [])
        .concat(c.document ? ["in " + c.document] : [])
        .concat(c.contestedBy.length ? ["contested by " + c.contestedBy.length + " claim(s)"] : [])
        .join("\n");
    } else {
      var docs = n.docs.map(function (i) { return meta.documents[i]; });
      n.title = kindLabel[n.kind] + ": " + n.label + (docs.length && n.kind !== "document" ? "\nin: " + docs.join(", ") : "");
    }
  });
  data.edges.forEach(function (e) {
    var style = meta.edgeKinds[e.kind];
    e.evidence = e.evidence || [];
    e.color = style.color;
    e.contest = style.contest;
    if (style.dashes) e.dashes = style.dashes;
    if (style.contest) {
      e.width = 3;
      e.arrows = { to: { enabled: true, scaleFactor: 0.6 } };
    }
    if (e.kind === "denied") e.arrows = { to: { enabled: true, type: "bar", scaleFactor: 0.6 } };
    e.title = e.relation + e.evidence.map(function (q) { return "\n\u201c" + q + "\u201d"; }).join("");
    // Structural links (subject, said by, in) are told apart by colour; only claims about roles are labelled.
    if (meta.edgeLabels && style.labelled) e.label = e.relation;
  });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  performance.mark("kg-datasets");

  var state = { kinds: {}, doc: -1, speaker: -1, contestedOnly: false, focus: null };
  meta.kinds.forEach(function (k) { state.kinds[k.kind] = true; });

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function nodeVisible(n) {
    if (!state.kinds[n.kind]) return false;
    if (state.doc >= 0 && n.docs.indexOf(state.doc) < 0) return false;
    if (state.speaker >= 0 && n.speakers.indexOf(state.speaker) < 0) return false;
    if (state.contestedOnly && !n.inContest) return false;
    if (state.focus && !state.focus.has(n.id)) return false;
    return true;
  }

  var nodesView = new vis.DataView(nodes, { filter: nodeVisible });
  var edgesView = new vis.DataView(edges, {
    filter: function (e) {
      if (state.contestedOnly && !e.contest) return false;
      var a = nodes.get(e.from), b = nodes.get(e.to);
      return !!a && !!b && nodeVisible(a) && nodeVisible(b);
    }
  });

  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, options);
  performance.mark("kg-network");
  var firstFrame = null;
  network.once("afterDrawing", function () {
    firstFrame = performance.now();
    document.body.setAttribute("data-kg-drawn", "1");
  });
  if (!meta.physics) document.body.setAttribute("data-kg-stable", "1");
  network.once("stabilized", function () { document.body.setAttribute("data-kg-stable", "1"); });
  network.once("stabilizationIterationsDone", function () {
    document.body.setAttribute("data-kg-stable", "1");
  });

  // --- details panel ---------------------------------------------------------------------------
  var details = document.getElementById("kg-details");

  function field(parent, name, value, cls) {
    if (value === undefined || value === null || value === "") return;
    var p = el("div", null, "kg-field");
    p.appendChild(el("b", name));
    p.appendChild(document.createTextNode(" "));
    p.appendChild(el("span", value, cls));
    parent.appendChild(p);
  }

  function claimText(id) {
    var c = meta.claims[id];
    return c ? c.text : (nodes.get(id) || { label: id }).label;
  }

  function contestBlock(parent, item, heading) {
    var box = el("div", null, "kg-contest");
    var other = meta.claims[item.id] || {};
    box.appendChild(el("div", heading + " (" + item.kind + ")"));
    var text = claimText(item.id);
    // When the contest's evidence is the other claim itself, the claim is shown once, as the evidence.
    box.appendChild(el("blockquote", text, "kg-other-claim" + (item.evidence === text ? " kg-evidence" : "")));
    field(box, "speaker", other.speaker);
    field(box, "document", other.document);
    if (item.evidence && item.evidence !== text) {
      box.appendChild(el("div", "evidence:"));
      box.appendChild(el("blockquote", item.evidence, "kg-evidence"));
    }
    field(box, "rule", item.rule);
    if (item.id === null) { parent.appendChild(box); return; }
    var link = el("button", "show this claim");
    link.type = "button";
    link.addEventListener("click", function () { select(item.id); });
    box.appendChild(link);
    parent.appendChild(box);
  }

  function showNode(id) {
    var n = nodes.get(id);
    details.replaceChildren();
    if (!n) return;
    details.setAttribute("data-node", id);
    details.appendChild(el("h3", kindLabel[n.kind] + ": " + n.label));
    var c = meta.claims[id];
    if (c) {
      details.appendChild(el("blockquote", c.text, "kg-claim-text"));
      field(details, "normal form", c.form);
      field(details, "speaker", c.speaker);
      if (c.addressees.length) field(details, "addressed to", c.addressees.join(", "));
      field(details, "document", c.document);
      field(details, "status", c.status || "no status", "kg-status-" + (c.status || "none"));
      field(details, "why", c.reason);
      if (c.contestedBy.length) details.appendChild(el("h3", "Contested by " + c.contestedBy.length));
      c.contestedBy.forEach(function (item) { contestBlock(details, item, "contested by"); });
      if (c.contests.length) details.appendChild(el("h3", "Contests " + c.contests.length));
      c.contests.forEach(function (item) { contestBlock(details, item, "contests"); });
    } else {
      if (n.kind !== "document") field(details, "documents", n.docs.map(function (i) { return meta.documents[i]; }).join(", "));
      var links = network.getConnectedEdges(id).map(function (eid) { return edges.get(eid); });
      var list = el("ul");
      links.forEach(function (e) {
        var other = e.from === id ? e.to : e.from;
        var o = nodes.get(other);
        var text = (e.from === id ? "" : (o ? o.label : other) + " ") + e.relation + (e.from === id ? " " + (o ? o.label : other) : "");
        var li = el("li", text);
        e.evidence.forEach(function (q) { li.appendChild(el("blockquote", q, "kg-evidence")); });
        list.appendChild(li);
      });
      if (links.length) {
        details.appendChild(el("h3", "Links (" + links.length + ")"));
        details.appendChild(list);
      }
    }
  }

  function showEdge(id) {
    var e = edges.get(id);
    details.replaceChildren();
    if (!e) return;
    details.removeAttribute("data-node");
    var a = nodes.get(e.from), b = nodes.get(e.to);
    details.appendChild(el("h3", e.relation));
    field(details, "from", a ? a.label : e.from);
    field(details, "to", b ? b.label : e.to);
    if (e.contest) field(details, "contest", e.kind);
    e.evidence.forEach(function (q) { details.appendChild(el("blockquote", q, "kg-evidence")); });
  }

  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });

  function select(id) {
    if (!nodesView.get(id)) return false;
    network.selectNodes([id]);
    network.focus(id, { scale: 1.3, animation: { duration: 300 } });
    showNode(id);
    return true;
  }

  // --- search ----------------------------------------------------------------------------------
  var labels = document.getElementById("kg-labels");
  var seen = {};
  data.nodes.forEach(function (n) {
    if (n.kind === "claim" || seen[n.label]) return;
    seen[n.label] = true;
    var o = document.createElement("option");
    o.value = n.label;
    labels.appendChild(o);
  });

  function findNodes(query) {
    var q = query.trim().toLowerCase();
    if (!q) return [];
    var visible = nodesView.get();
    var exact = visible.filter(function (n) { return n.label.toLowerCase() === q; });
    if (exact.length) return exact;
    return visible.filter(function (n) { return n.label.toLowerCase().indexOf(q) >= 0; });
  }

  var searchStatus = document.getElementById("kg-search-status");
  document.getElementById("kg-search").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var query = document.getElementById("kg-search-input").value;
    var found = findNodes(query);
    if (!found.length) {
      searchStatus.textContent = "no node matches";
      return;
    }
    select(found[0].id);
    searchStatus.textContent = "found: " + found[0].label + (found.length > 1 ? " (+" + (found.length - 1) + " more)" : "");
  });

  // --- filters ---------------------------------------------------------------------------------
  var counts = document.getElementById("kg-counts");
  function refresh() {
    nodesView.refresh();
    edgesView.refresh();
    counts.textContent = nodesView.length + " of " + meta.counts.nodes + " nodes, " +
      edgesView.length + " of " + meta.counts.edges + " links shown" +
      (meta.whole ? ". The graph has " + meta.whole.nodes + " nodes and " + meta.whole.edges +
        " links; this page holds its most connected nodes (kg render --focus LABEL draws any part)." : "");
  }

  var kindBox = document.getElementById("kg-kind-filters");
  meta.kinds.forEach(function (k) {
    var label = el("label", null, "kg-check");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-kind", k.kind);
    box.addEventListener("change", function () { state.kinds[k.kind] = box.checked; refresh(); });
    label.appendChild(box);
    label.appendChild(document.createTextNode(" " + k.label));
    kindBox.appendChild(label);
  });

  function fillSelect(id, values, key) {
    var sel = document.getElementById(id);
    values.forEach(function (v, i) {
      var o = document.createElement("option");
      o.value = String(i);
      o.textContent = v;
      sel.appendChild(o);
    });
    sel.addEventListener("change", function () { state[key] = sel.value === "" ? -1 : parseInt(sel.value, 10); refresh(); });
  }
  fillSelect("kg-doc-filter", meta.documents, "doc");
  fillSelect("kg-speaker-filter", meta.speakers, "speaker");

  var contested = document.getElementById("kg-contested-only");
  contested.addEventListener("change", function () { state.contestedOnly = contested.checked; refresh(); });

  // --- focus mode ------------------------------------------------------------------------------
  var focusStatus = document.getElementById("kg-focus-status");
  function neighbourhood(start, depth) {
    var adjacent = {};
    edges.forEach(function (e) {
      (adjacent[e.from] = adjacent[e.from] || []).push(e.to);
      (adjacent[e.to] = adjacent[e.to] || []).push(e.from);
    });
    var dist = new Map();
    var queue = [];
    start.forEach(function (id) { dist.set(id, 0); queue.push(id); });
    while (queue.length) {
      var id = queue.shift();
      if (dist.get(id) >= depth) continue;
      (adjacent[id] || []).forEach(function (other) {
        if (!dist.has(other)) { dist.set(other, dist.get(id) + 1); queue.push(other); }
      });
    }
    return new Set(dist.keys());
  }

  function applyFocus() {
    var query = document.getElementById("kg-focus-input").value.trim().toLowerCase();
    var depth = Math.max(0, parseInt(document.getElementById("kg-focus-depth").value, 10) || 0);
    var all = nodes.get();
    var start = all.filter(function (n) { return n.label.toLowerCase() === query; });
    if (!start.length && query) start = all.filter(function (n) { return n.kind !== "claim" && n.label.toLowerCase().indexOf(query) >= 0; });
    if (!start.length) {
      focusStatus.textContent = "no node matches";
      return;
    }
    state.focus = neighbourhood(start.map(function (n) { return n.id; }), depth);
    refresh();
    focusStatus.textContent = state.focus.size + " nodes within " + depth + " of " + start[0].label;
    network.fit({ nodes: nodesView.getIds(), animation: false });
  }
  document.getElementById("kg-focus-apply").addEventListener("click", applyFocus);
  document.getElementById("kg-focus-input").addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") applyFocus();
  });
  document.getElementById("kg-focus-clear").addEventListener("click", function () {
    state.focus = null;
    focusStatus.textContent = "";
    refresh();
    network.fit({ animation: false });
  });

  // --- legend ----------------------------------------------------------------------------------
  var legendNodes = document.getElementById("kg-legend-nodes");
  meta.kinds.forEach(function (k) {
    var li = el("li");
    var sw = el("span", null, "kg-swatch " + k.shape);
    sw.style.background = k.color;
    sw.style.setProperty("--c", k.color);
    li.appendChild(sw);
    li.appendChild(document.createTextNode(k.label));
    legendNodes.appendChild(li);
  });
  var contestedItem = el("li");
  var ring = el("span", null, "kg-swatch hexagon");
  ring.style.background = "#d62728";
  contestedItem.appendChild(ring);
  contestedItem.appendChild(document.createTextNode("contested claim (red border)"));
  legendNodes.appendChild(contestedItem);
  var legendEdges = document.getElementById("kg-legend-edges");
  Object.keys(meta.edgeKinds).forEach(function (kind) {
    var k = meta.edgeKinds[kind];
    var li = el("li");
    var line = el("span", null, "kg-line" + (k.dashes ? " dashed" : "") + (k.contest ? " thick" : ""));
    line.style.setProperty("--c", k.color);
    li.appendChild(line);
    li.appendChild(document.createTextNode(k.label));
    legendEdges.appendChild(li);
  });

  refresh();

  // A small handle for tests and benchmarks.
  window.kgViewer = {
    network: network,
    nodes: nodes,
    edges: edges,
    nodesView: nodesView,
    edgesView: edgesView,
    firstFrame: function () { return firstFrame; },
    visibleNodeIds: function () { return nodesView.getIds(); },
    visibleEdgeIds: function () { return edgesView.getIds(); },
    drawnNodeCount: function () { return network.body.nodeIndices.length; },
    drawnEdgeCount: function () { return network.body.edgeIndices.length; },
    select: select,
    idOf: function (iri) { return byIri[iri]; }
  };
})();
