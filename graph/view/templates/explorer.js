/* claimgraph explorer: filters, focus and evidence over a vis-network graph.
   Article text is untrusted: it only ever enters the page through textContent / text nodes. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("cg-data").textContent);
  var P = DATA.palette;
  var NODE = DATA.nodes, EDGE = DATA.edges, EV = DATA.evidence, ART = DATA.articles;

  function el(tag, attrs) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "class") e.className = attrs[k];
        else if (k === "text") e.textContent = attrs[k];
        else e.setAttribute(k, attrs[k]);
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      e.append(c);  // strings become text nodes
    }
    return e;
  }
  function $(id) { return document.getElementById(id); }
  function norm(s) { return String(s || "").replace(/\s+/g, " ").trim().toLowerCase(); }
  function articleLabel(i) {
    var a = ART[i]; if (!a) return "";
    return (a.outlet ? a.outlet + " — " : "") + (a.title || a.id);
  }

  /* ---- header, legend ------------------------------------------------------------------ */
  $("cg-title").textContent = DATA.title;
  var countEl = $("cg-count");
  if (DATA.note) $("cg-note").textContent = DATA.note;
  if (DATA.shown.nodes < DATA.total.nodes) {
    $("cg-note").textContent = (DATA.note ? DATA.note + " · " : "") + "showing the " + DATA.shown.nodes +
      " most connected of " + DATA.total.nodes + " nodes (claimgraph view --max-nodes 0 shows all)";
  }
  var baseNote = $("cg-note").textContent;
  var legend = $("cg-legend");
  Object.keys(P.nodes).forEach(function (k) {
    var s = P.nodes[k];
    var sw = el("span", {"class": "swatch " + s.shape, style: "background:" + s.colour + ";--c:" + s.colour});
    legend.append(el("li", null, sw, s.label));
  });
  legend.append(el("li", null, el("span", {"class": "swatch", style: "background:" + P.nodes.claim.colour + ";border:3px solid " + P.contested}), "contested claim (asserted and denied)"));
  Object.keys(P.edges).forEach(function (k) {
    var s = P.edges[k];
    legend.append(el("li", null, el("span", {"class": "line" + (s.dashed ? " dashed" : ""), style: "border-color:" + s.colour}), s.label));
  });
  legend.append(el("li", null, el("span", {"class": "line dashed", style: "border-color:" + P.flip}), "quote flips polarity between articles"));
  legend.append(el("li", null, "Edge width: number of occurrences"));

  /* ---- network ------------------------------------------------------------------------- */
  function titleFor(n) {
    var d = NODE[n.id];
    var box = el("div", {style: "max-width:320px;white-space:normal"});
    box.append(el("b", {text: d.label}));
    box.append(el("div", {text: d.kind + " · " + d.mentions + " mention(s)" + (d.contested ? " · contested" : "")}));
    return box;
  }
  NODE.forEach(function (d, i) { DATA.vis.nodes[i].title = titleFor(DATA.vis.nodes[i]); });
  DATA.vis.edges.forEach(function (e) {
    var m = EDGE[e.id];
    e.title = el("div", {text: NODE[m.from].label + " — " + m.rel + " (" + m.weight + "×) → " + NODE[m.to].label});
  });
  var nodes = new vis.DataSet(DATA.vis.nodes);
  var edges = new vis.DataSet(DATA.vis.edges);
  var network = new vis.Network($("cg-graph"), {nodes: nodes, edges: edges}, DATA.vis.options);
  network.once("afterDrawing", function () {
    $("cg-loading").classList.add("done");
    window.claimgraphReady = {nodes: DATA.shown.nodes, edges: DATA.shown.edges, at: performance.now()};
    document.body.setAttribute("data-ready", "1");
  });
  var MAX_SCALE = 1.4;  // a filter that leaves two nodes does not blow them up
  function fitTo(ids) {  // the view re-fits to what is shown, whatever was shown before
    if (!ids.length) return;
    network.fit({nodes: ids, animation: false});
    if (network.getScale() > MAX_SCALE) network.moveTo({scale: MAX_SCALE, animation: false});
    declutter();
  }
  /* Graph mode shows fewer labels, not smaller ones: at the current zoom every label is drawn at
     MIN_PX or more on screen, and a label is kept only where it overlaps no label already kept (the
     most connected nodes first) and no other node, inside the view; zooming in brings the rest back. */
  function boxesMeet(a, b) { return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom; }
  function declutter() {
    if (mode !== "graph") return;
    var scale = network.getScale(), px = Math.max(14, (MIN_PX + 1.5) / scale);  // vis fades labels near its threshold
    var shown = [];
    NODE.forEach(function (d, i) { if (!nodes.get(i).hidden) shown.push(i); });
    nodes.update(shown.map(function (i) {
      var o = ORIGIN[i], u = {id: i, label: o.label, font: Object.assign({}, o.font, {size: px})};
      if (NODE[i].kind === "claim") { u.shape = "box"; u.widthConstraint = {maximum: 150 * px / 12}; }
      return u;
    }));
    network.redraw();
    var where = network.getPositions(shown), c = canvasSize();
    var a = network.DOMtoCanvas({x: 0, y: 0}), b = network.DOMtoCanvas({x: c.w, y: c.h});
    var view = {left: a.x, top: a.y, right: b.x, bottom: b.y};
    var shapes = shown.map(function (i) {
      var r = NODE[i].kind === "claim" ? 6 : radius(i), p = where[i];
      return {id: i, left: p.x - r, right: p.x + r, top: p.y - r, bottom: p.y + r};
    });
    var kept = [], hide = [];
    shown.forEach(function (i, at) {  // shown is in importance order (the page numbers nodes so)
      var box = network.getBoundingBox(i);
      // a label may cover a less important node's mark, not a more important one's, nor a kept label
      var ok = box && box.left >= view.left && box.right <= view.right && box.top >= view.top && box.bottom <= view.bottom &&
        !kept.some(function (k) { return boxesMeet(box, k); }) &&
        !shapes.slice(0, at).some(function (sh) { return boxesMeet(box, sh); });
      if (ok) kept.push(box);  // a claim without its text is a small square (a box keeps a line's height)
      else hide.push(NODE[i].kind === "claim" ? {id: i, label: "", shape: "square", size: 7} : {id: i, label: ""});
    });
    nodes.update(hide);
    network.redraw();  // drawn now: whoever measures the boxes next sees the labels kept, not the ones dropped
  }
  var declutterTimer = null;
  function declutterSoon() { clearTimeout(declutterTimer); declutterTimer = setTimeout(declutter, 150); }
  network.on("zoom", declutterSoon);
  network.on("dragEnd", declutterSoon);
  function overview() {  // the story's main component at a readable scale; the rest is a zoom away
    fitTo(DATA.main.length > 1 && DATA.main.length < NODE.length ? DATA.main : NODE.map(function (d, i) { return i; }));
  }
  var ORIGIN = DATA.vis.nodes.map(function (n) {  // what the story view and the declutter change
    return {x: n.x, y: n.y, label: n.label, size: n.size, font: n.font, shape: n.shape,
            widthConstraint: n.widthConstraint || false};
  });
  var mode = "graph", storyAt = -1;

  /* ---- filters ------------------------------------------------------------------------- */
  var actorList = $("actor-list");
  NODE.filter(function (d) { return d.kind !== "claim"; }).slice(0, 2000).forEach(function (d) {
    actorList.append(el("option", {value: d.label}));
  });
  var outlets = {};
  ART.forEach(function (a) { if (a.outlet) outlets[a.outlet] = true; });
  NODE.forEach(function (d) { if (d.kind === "outlet") outlets[d.label] = true; });
  Object.keys(outlets).sort().forEach(function (o) { $("f-outlet").append(el("option", {value: o, text: o})); });
  ART.forEach(function (a, i) { $("f-article").append(el("option", {value: String(i), text: articleLabel(i)})); });
  var modes = {};
  EV.forEach(function (ev) { modes[ev.mode] = true; });
  P.modes.forEach(function (m) { if (modes[m]) $("f-mode").append(el("option", {value: m, text: m})); });
  var relations = Object.keys(P.edges);
  relations.forEach(function (r) {
    if (!EDGE.some(function (e) { return e.rel === r; })) return;
    var box = el("input", {type: "checkbox", value: r, "data-rel": r});
    box.checked = true;
    $("f-stances").append(el("label", null, box, P.edges[r].label));
  });

  var focusNode = null;
  function state() {
    var rels = {};
    Array.prototype.forEach.call(document.querySelectorAll("#f-stances input"), function (b) { rels[b.value] = b.checked; });
    return {
      claim: norm($("f-claim").value), actor: norm($("f-actor").value), outlet: $("f-outlet").value,
      article: $("f-article").value, mode: $("f-mode").value, contested: $("f-contested").checked, rels: rels,
      radius: parseInt($("f-radius").value, 10) || 1
    };
  }
  var claimText = NODE.map(function (d, i) {
    if (d.kind !== "claim") return "";
    var parts = [d.label];
    EDGE.forEach(function (e) { if (e.to === i) e.ev.forEach(function (k) { parts.push(EV[k].content_text); }); });
    return norm(parts.join(" | "));
  });
  var outletDocs = function (o) {
    var s = {}; ART.forEach(function (a, i) { if (a.outlet === o) s[i] = true; }); return s;
  };

  function apply() {
    if (mode === "story") leaveStory();
    var st = state();
    var docs = st.outlet ? outletDocs(st.outlet) : null;
    var visibleEdge = {}, visibleNode = {};
    EDGE.forEach(function (e) {
      if (e.rel === "contradicts" || !st.rels[e.rel]) return;
      var from = NODE[e.from], to = NODE[e.to];
      var claimEnd = to.kind === "claim" ? e.to : null;
      if (st.claim && (claimEnd === null || claimText[claimEnd].indexOf(st.claim) < 0)) return;
      if (st.actor && norm(from.label).indexOf(st.actor) < 0 && norm(to.label).indexOf(st.actor) < 0) return;
      if (st.contested && !(claimEnd !== null && to.contested)) return;
      if (st.article !== "" && !e.ev.some(function (k) { return String(EV[k].doc) === st.article; })) return;
      if (st.mode && !e.ev.some(function (k) { return EV[k].mode === st.mode; })) return;
      if (docs && !(e.ev.some(function (k) { return docs[EV[k].doc]; }) || from.label === st.outlet || to.label === st.outlet)) return;
      visibleEdge[e.id] = true; visibleNode[e.from] = true; visibleNode[e.to] = true;
    });
    EDGE.forEach(function (e) {
      if (e.rel === "contradicts" && st.rels[e.rel] && visibleNode[e.from] && visibleNode[e.to]) visibleEdge[e.id] = true;
    });
    var filtering = st.claim || st.actor || st.outlet || st.article !== "" || st.mode || st.contested;
    if (!filtering) NODE.forEach(function (d, i) { visibleNode[i] = true; });
    if (focusNode !== null) {
      var keep = {}; keep[focusNode] = true;
      var frontier = [focusNode];
      for (var r = 0; r < st.radius; r++) {
        var next = [];
        EDGE.forEach(function (e) {
          if (!visibleEdge[e.id]) return;
          [[e.from, e.to], [e.to, e.from]].forEach(function (p) {
            if (frontier.indexOf(p[0]) >= 0 && !keep[p[1]]) { keep[p[1]] = true; next.push(p[1]); }
          });
        });
        frontier = next;
      }
      visibleNode = keep;
      Object.keys(visibleEdge).forEach(function (id) {
        var e = EDGE[id]; if (!keep[e.from] || !keep[e.to]) delete visibleEdge[id];
      });
    }
    var nUpd = [], eUpd = [], shown = 0;
    NODE.forEach(function (d, i) {
      var hide = !visibleNode[i]; if (!hide) shown++;
      if (nodes.get(i).hidden !== hide) nUpd.push({id: i, hidden: hide});
    });
    EDGE.forEach(function (e) {
      var hide = !visibleEdge[e.id];
      if (edges.get(e.id).hidden !== hide) eUpd.push({id: e.id, hidden: hide});
    });
    nodes.update(nUpd); edges.update(eUpd);
    countEl.textContent = shown + " of " + NODE.length + " nodes shown" + (focusNode !== null ? " · focus: " + NODE[focusNode].label : "");
    if (focusNode !== null || filtering) {
      fitTo(NODE.map(function (d, i) { return i; }).filter(function (i) { return visibleNode[i]; }));
    } else declutter();
    remember();
  }
  ["f-claim", "f-actor"].forEach(function (id) { $(id).addEventListener("input", apply); });
  ["f-outlet", "f-article", "f-mode", "f-contested", "f-radius"].forEach(function (id) { $(id).addEventListener("change", apply); });
  $("f-stances").addEventListener("change", apply);
  $("b-focus").addEventListener("click", function () {
    var sel = network.getSelectedNodes();
    if (sel.length) { focusNode = sel[0]; apply(); }
  });
  $("b-reset").addEventListener("click", function () {
    focusNode = null;
    ["f-claim", "f-actor"].forEach(function (id) { $(id).value = ""; });
    $("f-outlet").value = ""; $("f-article").value = ""; $("f-mode").value = ""; $("f-contested").checked = false;
    Array.prototype.forEach.call(document.querySelectorAll("#f-stances input"), function (b) { b.checked = true; });
    apply(); overview();
  });
  $("f-claim").addEventListener("change", remember);

  /* ---- details panel ------------------------------------------------------------------- */
  var details = $("cg-details"), statsEl = $("cg-stats");
  function tab(which) {
    details.hidden = which !== "details"; statsEl.hidden = which !== "stats";
    $("t-details").classList.toggle("on", which === "details"); $("t-stats").classList.toggle("on", which === "stats");
  }
  $("t-details").addEventListener("click", function () { tab("details"); });
  $("t-stats").addEventListener("click", function () { tab("stats"); });

  function jump(nodeId, text) {
    if (nodeId === null || nodeId === undefined) return el("span", {text: text});
    var a = el("a", {"class": "jump", role: "button", tabindex: "0", text: text});
    a.addEventListener("click", function () { select(nodeId); });
    return a;
  }
  function highlighted(ev) {
    var s = ev.sentence, n = s.length;
    // A content in pieces ("“X,” he said, “Y.”") is marked piece by piece, the cue left between.
    var pieces = ev.pieces && ev.pieces.length ? ev.pieces : [ev.content];
    var cuts = [0, n, ev.cue[0], ev.cue[1]];
    pieces.forEach(function (p) { cuts.push(p[0], p[1]); });
    cuts = cuts.filter(function (x) { return x >= 0 && x <= n; }).sort(function (a, b) { return a - b; });
    var q = el("blockquote");
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1];
      if (a === b) continue;
      var inCue = ev.cue[0] < ev.cue[1] && a >= ev.cue[0] && b <= ev.cue[1];
      var inContent = pieces.some(function (p) { return p[0] < p[1] && a >= p[0] && b <= p[1]; });
      var text = s.slice(a, b);
      if (inCue || inContent) q.append(el("mark", {"class": (inCue ? "cue" : "") + (inContent ? " content" : ""), text: text}));
      else q.append(text);
    }
    return q;
  }
  // The parts of one utterance ("“A,” she said. “B.”") share an act: a list shows the first only.
  function firstOfUtterance(shown, k) {
    var ev = EV[k];
    if (!ev.act) return true;
    var key = ev.doc + "\u0000" + ev.act;
    if (shown[key]) return false;
    shown[key] = true;
    return true;
  }
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"];
  function day(iso) {  // "2022-03-14" → "14 March 2022"; anything else as written
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso || ""));
    return m ? parseInt(m[3], 10) + " " + MONTHS[parseInt(m[2], 10) - 1] + " " + m[1] : String(iso || "");
  }
  var STANCE_WORDS = {asserts: "asserts", denies: "denies", warns: "warns", questions: "questions", hedged: "hedges on"};
  var KIND_WORDS = {direct: "in a direct quote", indirect: "paraphrased", mixed: "partly quoted"};
  // The reader's evidence: the sentence first, then who says it which way and where, in words; the
  // record's ids, offsets and the sieve that named the speaker fold under "details".
  function evidenceBlock(k, who) {
    var ev = EV[k], a = ART[ev.doc] || {};
    var box = el("div", {"class": "ev"}, highlighted(ev));
    // A cue or content the parser put in a neighbouring sentence is shown on its own line.
    if (ev.content[0] === ev.content[1] && ev.content_text) {
      box.append(el("blockquote", null, "… ", el("mark", {"class": "content", text: ev.content_text})));
    }
    if (ev.cue[0] === ev.cue[1] && ev.cue_text) {
      box.append(el("blockquote", null, "… ", el("mark", {"class": "cue", text: ev.cue_text}), " …"));
    }
    var said = el("div", {"class": "said"});
    said.append(el("b", {text: (who || ev.source_text || "someone") + " " + (STANCE_WORDS[ev.stance] || ev.stance)}),
                " " + (KIND_WORDS[ev.kind] || ev.kind));
    if (ev.mode && ev.mode !== "statement") said.append(" · as " + (ev.mode === "evidence" ? "evidence" : "a " + ev.mode));
    if (ev.hedged) said.append(" · hedged");
    if (ev.negated) said.append(el("span", {title: "negated on the surface; a denial only of what another source asserts"}, " · negated"));
    if (ev.said) said.append(" · said " + (/^\d{4}-\d{2}-\d{2}$/.test(ev.said) ? day(ev.said) : ev.said) + (ev.said_as ? " (“" + ev.said_as + "”)" : ""));
    var parts = (ev.context_parts || []).filter(function (p) { return p[0] < p[1]; });
    if (ev.act && parts.length) {  // one utterance kept as several claims: shown once, every part marked
      said.append(" ", el("span", {"class": "badge kind", text: "one utterance · " + (parts.length + 1) + " claims",
                                   title: "a quote split by its cue or going on without one: each sentence is a claim of its own"}));
    }
    box.append(said);
    var where = el("div", {"class": "where"});
    where.append(a.outlet ? el("b", {text: a.outlet}) : "", a.outlet ? " · " : "", a.published ? day(a.published) : "date unknown",
                 " · ", el("i", {text: a.title || a.id || ""}));
    if (a.url && /^https?:\/\//i.test(a.url)) {
      where.append(" · ", el("a", {href: a.url, rel: "noopener noreferrer nofollow", target: "_blank", text: "read the article"}));
    }
    if (a.also && a.also.length) {  // the same text run by others: counted once, listed here
      where.append(el("div", {"class": "also", text: "also run by: " + a.also.slice(0, 8).join("; ") +
                              (a.also.length > 8 ? " and " + (a.also.length - 8) + " more" : "")}));
    }
    box.append(where);
    if (ev.context) {  // the paragraph around it, the passage between cue and content included
      var ctx = el("details", {"class": "context"}, el("summary", {text: parts.length ? "The whole utterance" : "In context"}));
      ctx.append(highlighted({sentence: ev.context, cue: ev.context_cue, content: ev.context_content,
                              pieces: parts.length ? [ev.context_content].concat(parts) : []}));
      var cut = ev.cue[0] === ev.cue[1] || ev.content[0] === ev.content[1];
      if (cut || parts.length) ctx.open = true;  // the sentence alone shows it cut, or one part of it: open the passage
      box.append(ctx);
    }
    (ev.corrected_by || []).forEach(function (cid) {  // what a reviewer changed here, who and why
      var c = (DATA.corrections || {})[cid] || {};
      box.append(el("div", {"class": "reviewed"}, el("span", {"class": "badge reviewed", text: "corrected"}),
        " " + (c.action || "") + (c.by ? " by " + c.by : "") + (c.at ? ", " + day(c.at) : "") + (c.note ? ": " + c.note : "")));
    });
    box.append(correctThis(ev, who));
    var tech = el("details", {"class": "tech"}, el("summary", {text: "details"}));
    var dl = el("ul", {"class": "plain"});
    dl.append(el("li", {text: "record " + ev.record + " in " + a.id}),
              el("li", {text: "sentence at character " + ev.begin + "; cue " + (ev.begin + ev.cue[0]) + "–" + (ev.begin + ev.cue[1]) +
                              ", content " + (ev.begin + ev.content[0]) + "–" + (ev.begin + ev.content[1])}),
              el("li", {text: "stance " + ev.stance + " · " + ev.kind + " · mode " + ev.mode}));
    if (ev.source_text && ev.source_sieve) {  // why this speaker: the words and the sieve that named them
      dl.append(el("li", {"class": "why", text: "speaker: “" + ev.source_text + "”, named by the " + ev.source_sieve + " sieve"}));
    }
    if (ev.act) dl.append(el("li", {text: "utterance " + ev.act}));
    tech.append(dl);
    box.append(tech);
    return box;
  }
  function variantsFor(claimId, speakerId) {
    var vs = DATA.variants.filter(function (v) {
      return (claimId === null || v.claim === claimId) && (speakerId === null || v.speaker === speakerId);
    });
    if (!vs.length) return null;
    var box = el("div", {"class": "variants"}, el("h3", {text: "Quote variants across articles"}));
    vs.forEach(function (v) {
      var head = el("div", null, jump(v.speaker, NODE[v.speaker].label), " · similarity " + v.similarity.toFixed(2) + " ");
      if (v.flip) head.append(el("span", {"class": "badge flip", text: "polarity flip"}));
      box.append(head, el("div", {"class": "pair"}, evidenceBlock(v.a, NODE[v.speaker].label), evidenceBlock(v.b, NODE[v.speaker].label)));
    });
    return box;
  }
  function showEdge(id) {
    var e = EDGE[id];
    details.replaceChildren();
    details.append(el("h3", null, jump(e.from, NODE[e.from].label), " — " + e.rel + " → ", jump(e.to, NODE[e.to].label)));
    if (e.flip) {
      details.append(el("p", null, el("span", {"class": "badge flip", text: "polarity flip"}),
        "This speaker's quote reads with opposite polarity in different articles (translations)."));
      var vf = variantsFor(e.to, e.from);
      if (vf) details.append(vf);
    }
    if (e.rel === "contradicts") details.append(el("p", {text: "These actors are on opposite sides of at least one claim; open the Story tab."}));
    details.append(el("p", {"class": "hint", text: e.weight + " occurrence(s)" +
      (e.ev.length < e.weight ? "; the first " + e.ev.length + " in article order below (the SPARQL queries list all)" : "")}));
    var acts = {};
    e.ev.slice(0, 200).forEach(function (k) {
      if (firstOfUtterance(acts, k)) details.append(evidenceBlock(k, P.stances.indexOf(e.rel) >= 0 ? NODE[e.from].label : null));
    });
    tab("details");
  }
  // "Who says what": those for, then against, then the rest (questions, hedges), then outlets that
  // reported it; the heaviest first within each, anonymous and unspecified sources last of all.
  var RELATION_ORDER = P.positive.concat(P.negative, P.stances, ["reports", "cites", "relays", "contradicts"]);
  function rank(e, other) {
    var who = NODE[other(e)], vague = who.kind === "anonymous" ? 1 : 0;
    return [vague, ("0" + RELATION_ORDER.indexOf(e.rel)).slice(-2), ("00000000" + (99999999 - e.weight)).slice(-8), who.label].join("|");
  }
  function showNode(i) {
    var d = NODE[i];
    if (d.kind === "claim") timeline(i);
    details.replaceChildren();
    var h = el("h3", {text: d.label});
    details.append(h);
    var meta = el("p", null, el("span", {"class": "badge kind", text: d.kind}), d.mentions + " mention(s) in " + d.docs.length + " article(s) ");
    if (d.contested) meta.append(el("span", {"class": "badge contested", text: "contested"}));
    details.append(meta);
    if (d.roles.length) details.append(el("p", {text: "Roles: " + d.roles.join("; ")}));
    var inE = EDGE.filter(function (e) { return e.to === i; }), outE = EDGE.filter(function (e) { return e.from === i; });
    function group(list, other, title) {
      if (!list.length) return;
      list = list.slice().sort(function (x, y) { return rank(x, other) < rank(y, other) ? -1 : rank(x, other) > rank(y, other) ? 1 : 0; });
      details.append(el("h3", {text: title}));
      var ul = el("ul", {"class": "plain"});
      list.forEach(function (e) {
        var li = el("li", null, el("span", {"class": "badge kind", style: "background:" + P.edges[e.rel].colour, text: e.rel}),
          jump(other(e), NODE[other(e)].label), " (" + e.weight + "×) ");
        var more = el("a", {"class": "jump", role: "button", tabindex: "0", text: "evidence"});
        more.addEventListener("click", function () { showEdge(e.id); });
        li.append(more);
        if (e.flip) li.append(" ", el("span", {"class": "badge flip", text: "polarity flip"}));
        ul.append(li);
      });
      details.append(ul);
    }
    if (d.kind === "claim") {
      group(inE, function (e) { return e.from; }, "Who says what about it");
      var vs = variantsFor(i, null);
      if (vs) details.append(vs);
      details.append(el("h3", {text: "Evidence"}));
      var seen = {}, acts = {}, n = 0;
      inE.forEach(function (e) {
        if (P.stances.indexOf(e.rel) < 0) return;  // reports/cites edges repeat the same sentences
        e.ev.forEach(function (k) {
          if (seen[k] || n >= 100 || !firstOfUtterance(acts, k)) return;
          seen[k] = true; n++;
          details.append(evidenceBlock(k, NODE[e.from].label));
        });
      });
    } else {
      group(outE, function (e) { return e.to; }, "Statements and citations");
      group(inE, function (e) { return e.from; }, "Cited or relayed by");
      var va = variantsFor(null, i);
      if (va) details.append(va);
    }
    tab("details");
  }
  function select(i) {
    network.selectNodes([i]);
    network.focus(i, {scale: Math.max(network.getScale(), 0.8), animation: false});
    showNode(i);
  }
  network.on("click", function (p) {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
  });
  network.on("doubleClick", function (p) {
    if (p.nodes.length) { focusNode = p.nodes[0]; apply(); }
  });



  /* ---- review and correct: a reviewer's corrections, written as claimgraph correct reads them --- */
  var REVIEW = [];  // the corrections made on this page, in order
  var reviewer = "";
  function reviewBar() {
    var bar = $("cg-review");
    bar.hidden = REVIEW.length === 0;
    $("cg-review-count").textContent = REVIEW.length + " correction" + (REVIEW.length === 1 ? "" : "s") + " to apply";
  }
  function reviewFile() { return REVIEW.map(function (r) { return JSON.stringify(r); }).join("\n") + "\n"; }
  $("b-review-download").addEventListener("click", function () {  // the file `claimgraph correct` takes
    var a = el("a", {download: "corrections.jsonl", href: URL.createObjectURL(new Blob([reviewFile()], {type: "application/x-ndjson"}))});
    document.body.append(a); a.click(); a.remove();
  });
  var served = /^https?:$/.test(location.protocol);  // served: the server can take them (serve --allow-update)
  $("b-review-send").hidden = !served; $("f-review-token").hidden = !served;
  $("b-review-send").addEventListener("click", function () {
    var token = $("f-review-token").value.trim(), out = $("cg-review-said");
    fetch("corrections", {method: "POST", headers: {"Content-Type": "application/x-ndjson", "Authorization": "Bearer " + token},
                          body: reviewFile()})
      .then(function (r) { return r.text().then(function (t) { return {ok: r.ok, text: t}; }); })
      .then(function (r) {
        out.textContent = r.ok ? "Applied. Reload the page to see the corrected graph." : "Refused: " + r.text;
        if (r.ok) { REVIEW = []; reviewBar(); }
      })
      .catch(function (e) { out.textContent = "Could not send: " + e; });
  });
  function correctThis(ev, who) {  // "correct this": speaker, stance, claim, not an attribution
    var d = el("details", {"class": "correct"}, el("summary", {text: "correct this"}));
    var speaker = el("input", {type: "text", placeholder: who || ev.source_text || "speaker", "aria-label": "Speaker"});
    var stance = el("select", {"aria-label": "Stance"}, el("option", {value: "", text: "stance as read (" + ev.stance + ")"}));
    P.stances.forEach(function (st) { stance.append(el("option", {value: st, text: st})); });
    var claim = el("input", {type: "text", placeholder: "claim: another attribution's id or a claim IRI", "aria-label": "Claim"});
    var reject = el("input", {type: "checkbox"});
    var note = el("input", {type: "text", placeholder: "why (kept with the correction)", "aria-label": "Note"});
    var by = el("input", {type: "text", placeholder: "your name", value: reviewer, "aria-label": "Reviewer"});
    var add = el("button", {type: "button", text: "Add correction"});
    var said = el("span", {"class": "hint"});
    add.addEventListener("click", function () {
      var row = {attribution: ev.record};
      if (reject.checked) row.reject = true;
      else {
        var set = {};
        if (speaker.value.trim()) set.source = speaker.value.trim();
        if (stance.value) set.stance = stance.value;
        if (claim.value.trim()) set.claim = claim.value.trim();
        if (!Object.keys(set).length) { said.textContent = "Nothing to correct yet."; return; }
        row.set = set;
      }
      reviewer = by.value.trim();
      if (reviewer) row.by = reviewer;
      if (note.value.trim()) row.note = note.value.trim();
      REVIEW.push(row); reviewBar();
      said.textContent = "Added (" + REVIEW.length + " to apply: download them or send them, above the graph).";
    });
    d.append(el("label", null, "Speaker ", speaker), el("label", null, "Stance ", stance), el("label", null, "Claim ", claim),
             el("label", {"class": "check"}, reject, " not an attribution"), el("label", null, "Note ", note),
             el("label", null, "By ", by), add, " ", said);
    return d;
  }

  /* ---- the story view: one claim, its sides, its timeline ------------------------------- */
  /* The browser places the story itself: how many of a side fit, and where, depends on the window.
     Everything is laid out in screen pixels at scale 1, so no label is drawn under LABEL_PX and no
     box leaves the canvas; who does not fit is counted in the bar and listed in the panel. */
  var LABEL_PX = 14, LINE = 19, GAP = 12, EDGE_ROOM = 48, MARGIN = 16, MIN_PX = DATA.label_min_px || 11;
  var measureCtx = document.createElement("canvas").getContext("2d");
  function textWidth(t, px) { measureCtx.font = px + "px sans-serif"; return measureCtx.measureText(t).width; }
  function fitText(t, px, width) {  // the label cut (with an ellipsis) to ``width`` pixels
    if (textWidth(t, px) <= width) return t;
    var lo = 0, hi = t.length;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (textWidth(t.slice(0, mid) + "…", px) <= width) lo = mid; else hi = mid - 1; }
    return t.slice(0, Math.max(lo, 1)) + "…";
  }
  function radius(i) { return ORIGIN[i].size || 12; }
  function canvasSize() { var w = $("cg-graph-wrap"); return {w: w.clientWidth, h: w.clientHeight}; }
  function placeStory(s) {  // → {pos: {id: {x, y, label}}, left: {side: n not drawn}, claimWidth}
    var c = canvasSize(), W = Math.max(c.w, 200), H = Math.max(c.h, 200);
    var pos = {}, left = {"for": 0, against: 0, other: 0, outlets: 0};
    var stacked = W < 640;  // a narrow window: the claim on top, its two sides below it
    var cw = stacked ? Math.min(W - 2 * MARGIN, 340) : Math.max(150, Math.min(280, W * 0.3));
    var claimLabel = NODE[s.claim].label, lines = 1, words = claimLabel.split(/\s+/), line = "";
    words.forEach(function (w) {  // the claim's box wraps its text: count the lines it takes
      var t = line ? line + " " + w : w;
      if (textWidth(t, LABEL_PX) > cw - 14 && line) { lines++; line = w; } else line = t;
    });
    var maxLines = Math.max(2, Math.floor((H * (stacked ? 0.3 : 0.6)) / LINE));
    if (lines > maxLines) { claimLabel = claimLabel.slice(0, Math.floor(claimLabel.length * maxLines / lines) - 1) + "…"; lines = maxLines; }
    var ch = lines * LINE + 14;
    function block(i) { return 2 * radius(i) + LINE + 6; }  // a dot and its label below it
    function column(ids, x, width, top, bottom, side, fromTop) {  // as many as fit between top and bottom, centred
      var n = 0, used = 0;
      while (n < ids.length && used + block(ids[n]) + (n ? GAP : 0) <= bottom - top) { used += block(ids[n]) + (n ? GAP : 0); n++; }
      left[side] += ids.length - n;
      var y = fromTop ? top : top + (bottom - top - used) / 2;
      ids.slice(0, n).forEach(function (i) {
        pos[i] = {x: x, y: y + radius(i), label: fitText(NODE[i].label, LABEL_PX, width)};
        y += block(i) + GAP;
      });
    }
    function row(ids, top, side) {  // as many as fit across the canvas, centred
      var width = W - 2 * MARGIN, items = [], used = 0;
      ids.forEach(function (i) {
        var label = fitText(NODE[i].label, LABEL_PX, 170), w = Math.max(2 * radius(i), textWidth(label, LABEL_PX)) + 2 * GAP;
        if (used + w <= width && !pos[i]) { items.push([i, label, w]); used += w; } else if (!pos[i]) left[side]++;
      });
      var x = -used / 2;
      items.forEach(function (it) { pos[it[0]] = {x: x + it[2] / 2, y: top + radius(it[0]), label: it[1]}; x += it[2]; });
      return items.length;
    }
    var top = -H / 2 + MARGIN, bottom = H / 2 - MARGIN;
    var rowH = 2 * 24 + LINE + 6 + GAP;  // a row holds the largest dot
    if (stacked) {
      pos[s.claim] = {x: 0, y: top + ch / 2};
      var colW = (W - 2 * MARGIN - EDGE_ROOM) / 2;
      column(s.sides["for"], -(colW + EDGE_ROOM) / 2, colW, top + ch + EDGE_ROOM, bottom, "for", true);
      column(s.sides.against, (colW + EDGE_ROOM) / 2, colW, top + ch + EDGE_ROOM, bottom, "against", true);
      left.outlets += s.sides.outlets.filter(function (i) { return !pos[i]; }).length;
      left.other += s.sides.other.filter(function (i) { return !pos[i]; }).length;
    } else {
      var colW2 = (W - 2 * MARGIN - cw - 2 * EDGE_ROOM) / 2;
      var hasTop = s.sides.outlets.length > 0 && H > 420, hasBottom = s.sides.other.length > 0 && H > 420;
      if (hasTop) row(s.sides.outlets, top, "outlets"); else left.outlets += s.sides.outlets.length;
      if (hasBottom) row(s.sides.other, bottom - (2 * 24 + LINE + 6), "other"); else left.other += s.sides.other.length;
      var bandTop = top + (hasTop ? rowH : 0), bandBottom = bottom - (hasBottom ? rowH : 0);
      pos[s.claim] = {x: 0, y: (bandTop + bandBottom) / 2};
      var cx = cw / 2 + EDGE_ROOM + colW2 / 2;
      column(s.sides["for"].filter(function (i) { return !pos[i]; }), -cx, colW2, bandTop, bandBottom, "for");
      column(s.sides.against.filter(function (i) { return !pos[i]; }), cx, colW2, bandTop, bandBottom, "against");
    }
    pos[s.claim].label = claimLabel;
    return {pos: pos, left: left, claimWidth: cw};
  }
  function showStory(k) {
    if (!DATA.story.length) { showFull(); return; }
    storyAt = (k + DATA.story.length) % DATA.story.length;
    var s = DATA.story[storyAt], placed = placeStory(s), keep = placed.pos;
    mode = "story";
    nodes.update(NODE.map(function (d, i) {
      var p = keep[i];
      if (!p) return {id: i, hidden: true};
      var u = {id: i, x: p.x, y: p.y, hidden: false, label: p.label, shape: ORIGIN[i].shape,
               font: Object.assign({}, ORIGIN[i].font, {size: LABEL_PX})};
      if (i === s.claim) u.widthConstraint = {minimum: placed.claimWidth, maximum: placed.claimWidth};
      return u;
    }));
    edges.update(EDGE.map(function (e) {  // only what is said of the claim: who cites whom is a click away
      return {id: e.id, hidden: !(keep[e.from] && keep[e.to]) || e.to !== s.claim};
    }));
    $("b-full").classList.remove("on");
    var d = NODE[s.claim], title = $("cg-story-title");
    title.replaceChildren(el("span", {text: (storyAt + 1) + "/" + DATA.story.length + " · " + d.label}));
    var pro = 0, con = 0;
    EDGE.forEach(function (e) {
      if (e.to !== s.claim || !keep[e.from]) return;
      if (P.positive.indexOf(e.rel) >= 0) pro++;
      if (P.negative.indexOf(e.rel) >= 0) con++;
    });
    var more = placed.left["for"] + placed.left.against + placed.left.outlets + placed.left.other;
    title.append(el("span", {"class": "sides", text: (d.contested ? "contested · " : "") + pro + " for (left) · " + con +
      " against (right)" + (more ? " · " + more + " more in the panel" : "")}));
    title.title = d.label;
    var drawn = Object.keys(keep).length;
    countEl.textContent = drawn + " of " + NODE.length + " nodes shown · story view";
    network.moveTo({position: {x: 0, y: 0}, scale: 1, animation: false});
    showNode(s.claim);
    remember();
  }
  function leaveStory() {
    mode = "graph";
    nodes.update(ORIGIN.map(function (o, i) {
      return {id: i, x: o.x, y: o.y, label: o.label, font: o.font, widthConstraint: o.widthConstraint, shape: o.shape};
    }));
    graphTitle();
  }
  function graphTitle() {
    $("b-full").classList.add("on");
    $("cg-story-title").replaceChildren(el("span", {text: "Full graph"}),
      el("span", {"class": "sides", text: "◀ / Next claim ▶ return to one claim at a time"}));
  }
  function showFull() {
    if (mode === "story") leaveStory();
    mode = "graph"; $("b-full").classList.add("on");
    apply(); overview();
  }
  $("b-next").addEventListener("click", function () { showStory(storyAt + 1); });
  $("b-prev").addEventListener("click", function () { showStory(storyAt - 1); });
  $("b-full").addEventListener("click", showFull);

  function timeline(i) {  // the claim's mentions in time order, coloured by stance
    var strip = $("cg-timeline");
    strip.replaceChildren();
    if (i === null || NODE[i].kind !== "claim") {
      strip.append(el("span", {"class": "label", text: "Select a claim to see its mentions in time order."}));
      return;
    }
    var seen = {}, rows = [];
    EDGE.forEach(function (e) {
      if (e.to !== i || P.stances.indexOf(e.rel) < 0) return;
      e.ev.forEach(function (k) { if (!seen[k]) { seen[k] = true; rows.push({k: k, from: e.from}); } });
    });
    function key(r) {
      var ev = EV[r.k], a = ART[ev.doc] || {};
      return [a.published ? "0" + String(a.published).slice(0, 10) : "1", ev.said ? "0" + ev.said : "1",
              a.id || "", ("000000000" + ev.begin).slice(-9)].join("|");
    }
    rows.sort(function (a, b) { return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0; });
    strip.append(el("span", {"class": "label", text: "Timeline · " + rows.length + " mention(s) →"}));
    rows.forEach(function (r, n) {
      var ev = EV[r.k], a = ART[ev.doc] || {};
      var day = a.published ? String(a.published).slice(0, 10) : "undated";
      var b = el("button", {type: "button", "class": "mention", "data-published": a.published ? day : "",
                            style: "--c:" + ((P.edges[ev.stance] || {}).colour || "#868e96"),
                            title: NODE[r.from].label + " " + ev.stance + ": " + ev.content_text},
        el("span", {"class": "when", text: day + (ev.said ? " · said " + ev.said : "") + (n === 0 ? " · first" : "")}),
        el("span", {"class": "who", text: NODE[r.from].label + " " + ev.stance}));
      b.addEventListener("click", function () {
        details.replaceChildren(el("h3", {text: NODE[i].label}), evidenceBlock(r.k, NODE[r.from].label));
        tab("details");
      });
      strip.append(b);
    });
  }

  /* ---- the view in the URL: #claim=…, #view=graph&focus=…&q=… ---------------------------- */
  function remember() {
    var h = new URLSearchParams();
    if (mode === "story" && storyAt >= 0) h.set("claim", NODE[DATA.story[storyAt].claim].label);
    else {
      h.set("view", "graph");
      if (focusNode !== null) h.set("focus", NODE[focusNode].label);
      [["q", "f-claim"], ["actor", "f-actor"], ["outlet", "f-outlet"], ["mode", "f-mode"]].forEach(function (p) {
        if ($(p[1]).value) h.set(p[0], $(p[1]).value);
      });
      if ($("f-contested").checked) h.set("contested", "1");
    }
    var url = "#" + h.toString();
    if (location.hash !== url) history.replaceState(null, "", url);
  }
  function byLabel(label) {  // the exact name, else the same name in any case
    for (var i = 0; i < NODE.length; i++) if (NODE[i].label === label) return i;
    for (var j = 0; j < NODE.length; j++) if (norm(NODE[j].label) === norm(label)) return j;
    return null;
  }
  function restore() {
    var h = new URLSearchParams(location.hash.replace(/^#/, ""));
    if (h.get("view") === "graph") {
      [["q", "f-claim"], ["actor", "f-actor"], ["outlet", "f-outlet"], ["mode", "f-mode"]].forEach(function (p) {
        if (h.get(p[0])) $(p[1]).value = h.get(p[0]);
      });
      $("f-contested").checked = h.get("contested") === "1";
      var f = h.get("focus") ? byLabel(h.get("focus")) : null;
      $("cg-note").textContent = h.get("focus") && f === null ?
        "No actor or claim on this page is called “" + h.get("focus") + "”; showing the whole graph." : baseNote;
      focusNode = f;
      mode = "graph"; graphTitle();
      apply();
      if (f === null && !h.get("q") && !h.get("actor") && !h.get("outlet") && !h.get("mode")) overview();
      if (f !== null) { network.selectNodes([f]); showNode(f); }
      return;
    }
    var want = h.get("claim"), k = 0, missed = null;
    if (want) {  // the exact wording, else the first claim whose wording holds the words asked for
      var w = norm(want), exact = -1, part = -1;
      DATA.story.forEach(function (s, j) {
        var label = norm(NODE[s.claim].label);
        if (label === w && exact < 0) exact = j;
        if (label.indexOf(w) >= 0 && part < 0) part = j;
      });
      k = exact >= 0 ? exact : part >= 0 ? part : 0;
      if (exact < 0 && part < 0) missed = want;
    }
    showStory(k);
    if (missed !== null) {  // an unknown claim says so instead of showing another one silently
      $("cg-note").textContent = "No claim on this page matches “" + missed + "”; showing the first claim instead.";
    } else $("cg-note").textContent = baseNote;
  }

  /* ---- story panel (analytics) --------------------------------------------------------- */
  function table(title, head, rows) {
    if (!rows.length) return;
    statsEl.append(el("h3", {text: title}));
    var t = el("table", {"class": "stats"});
    t.append(el("tr", null, ...head.map(function (h) { return el("th", {text: h}); })));
    rows.forEach(function (r) {
      t.append(el("tr", null, ...r.map(function (c, j) {
        return el("td", j > 0 && typeof c === "number" ? {"class": "n"} : null, typeof c === "number" ? String(c) : c);
      })));
    });
    statsEl.append(t);
  }
  var S = DATA.stats;
  table("Most contested claims", ["claim", "asserted by", "denied by", "mentions"], S.contested.map(function (r) {
    return [jump(r.node, r.name), r.asserted.join(", "), r.denied.join(", "), r.mentions];
  }));
  table("Who contradicts whom", ["actors", "on"], S.contradictions.map(function (r) {
    return [r.a + " ↔ " + r.b, r.claims.join(" | ")];
  }));
  table("Most cited sources", ["source", "kind", "statements", "articles"], S.cited.map(function (r) {
    return [jump(r.node, r.name), r.kind, r.statements, r.articles];
  }));
  table("Outlets relying on anonymous sources", ["outlet", "anonymous", "named"], S.reliance.map(function (r) {
    return [jump(r.node, r.name), r.anonymous, r.named];
  }));
  table("Reporting chains (outlet → source → claim)", ["outlet", "source", "claim", "×"], S.chains.map(function (r) {
    return [r.outlet, r.source + " (" + r.stance + ")", r.claim, r.occurrences];
  }));
  if (DATA.variants.length) {
    statsEl.append(el("h3", {text: "Quote variants"}));
    var ul = el("ul", {"class": "plain"});
    DATA.variants.forEach(function (v) {
      var li = el("li", null, jump(v.claim, NODE[v.speaker].label + ": " + EV[v.a].content_text.slice(0, 70) + "…"));
      if (v.flip) li.append(" ", el("span", {"class": "badge flip", text: "polarity flip"}));
      ul.append(li);
    });
    statsEl.append(ul);
  }
  timeline(null);
  restore();
  window.addEventListener("hashchange", restore);
  window.claimgraphExplorer = {network: network, showNode: showNode, showEdge: showEdge, apply: apply,
                               showStory: showStory, showFull: showFull, state: function () {
                                 return {mode: mode, story: storyAt, claim: storyAt >= 0 ? DATA.story[storyAt].claim : null,
                                         focus: focusNode};
                               }};
})();
