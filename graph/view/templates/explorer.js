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
  }
  function overview() {  // the story's main component at a readable scale; the rest is a zoom away
    fitTo(DATA.main.length > 1 && DATA.main.length < NODE.length ? DATA.main : NODE.map(function (d, i) { return i; }));
  }
  var ORIGIN = DATA.vis.nodes.map(function (n) { return {x: n.x, y: n.y}; });
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
    }
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
  function evidenceBlock(k, extra) {
    var ev = EV[k], a = ART[ev.doc] || {};
    var meta = el("div", {"class": "meta"});
    meta.append(el("span", {"class": "badge kind", text: ev.stance}), el("span", {"class": "badge kind", text: ev.kind}));
    if (ev.mode && ev.mode !== "statement") meta.append(el("span", {"class": "badge kind", text: ev.mode}));
    if (ev.hedged) meta.append(el("span", {"class": "badge kind", text: "hedged"}));
    if (ev.negated) meta.append(el("span", {"class": "badge kind", text: "negated",
                                            title: "negated on the surface; a denial only of what another source asserts"}));
    if (extra) meta.append(extra);
    meta.append(el("b", {text: a.outlet ? a.outlet + " · " : ""}), a.title || a.id || "");
    if (a.title) meta.append(" (" + a.id + ")");
    if (a.published) meta.append(" · " + a.published);
    if (a.url && /^https?:\/\//i.test(a.url)) {
      meta.append(" · ", el("a", {href: a.url, rel: "noopener noreferrer nofollow", target: "_blank", text: "source"}));
    }
    meta.append(" · record " + ev.record + ", sentence at character " + ev.begin);
    var box = el("div", {"class": "ev"}, meta, highlighted(ev));
    if (ev.source_text && ev.source_sieve) {  // why this speaker: the words and the sieve that named them
      box.append(el("div", {"class": "why", text: "speaker: “" + ev.source_text + "”, named by the " + ev.source_sieve + " sieve"}));
    }
    // A cue or content the parser put in a neighbouring sentence is shown on its own line.
    if (ev.content[0] === ev.content[1] && ev.content_text) {
      box.append(el("blockquote", null, "… ", el("mark", {"class": "content", text: ev.content_text})));
    }
    if (ev.cue[0] === ev.cue[1] && ev.cue_text) {
      box.append(el("blockquote", null, "… ", el("mark", {"class": "cue", text: ev.cue_text}), " …"));
    }
    var parts = (ev.context_parts || []).filter(function (p) { return p[0] < p[1]; });
    if (ev.act && parts.length) {  // one utterance kept as several claims: shown once, every part marked
      meta.append(el("span", {"class": "badge kind", text: "one utterance · " + (parts.length + 1) + " claims",
                              title: "a quote split by its cue or going on without one: each sentence is a claim of its own"}));
    }
    if (ev.context) {  // the paragraph around it, the passage between cue and content included
      var ctx = el("details", {"class": "context"}, el("summary", {text: parts.length ? "The whole utterance" : "In context"}));
      ctx.append(highlighted({sentence: ev.context, cue: ev.context_cue, content: ev.context_content,
                              pieces: parts.length ? [ev.context_content].concat(parts) : []}));
      var cut = ev.cue[0] === ev.cue[1] || ev.content[0] === ev.content[1];
      if (cut || parts.length) ctx.open = true;  // the sentence alone shows it cut, or one part of it: open the passage
      box.append(ctx);
    }
    if (ev.said) meta.append(" · said " + ev.said + (ev.said_as ? " (“" + ev.said_as + "”)" : ""));
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
      box.append(head, el("div", {"class": "pair"}, evidenceBlock(v.a), evidenceBlock(v.b)));
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
    e.ev.slice(0, 200).forEach(function (k) { if (firstOfUtterance(acts, k)) details.append(evidenceBlock(k)); });
    tab("details");
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
          details.append(evidenceBlock(k, el("b", {text: NODE[e.from].label + " · "})));
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


  /* ---- the story view: one claim, its sides, its timeline ------------------------------- */
  function storyIds(s) { return s.pos.map(function (p) { return p[0]; }); }
  function showStory(k) {
    if (!DATA.story.length) { showFull(); return; }
    storyAt = (k + DATA.story.length) % DATA.story.length;
    var s = DATA.story[storyAt], keep = {};
    mode = "story";
    s.pos.forEach(function (p) { keep[p[0]] = {id: p[0], x: p[1], y: p[2], hidden: false}; });
    nodes.update(NODE.map(function (d, i) { return keep[i] || {id: i, hidden: true}; }));
    edges.update(EDGE.map(function (e) {
      return {id: e.id, hidden: !(keep[e.from] && keep[e.to]) || e.rel === "contradicts"};
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
    title.append(el("span", {"class": "sides", text: (d.contested ? "contested · " : "") + pro + " for (left) · " + con + " against (right)"}));
    title.title = d.label;
    countEl.textContent = s.pos.length + " of " + NODE.length + " nodes shown · story view";
    fitTo(storyIds(s));
    showNode(s.claim);
    remember();
  }
  function leaveStory() {
    mode = "graph";
    nodes.update(ORIGIN.map(function (o, i) { return {id: i, x: o.x, y: o.y}; }));
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
        details.replaceChildren(el("h3", {text: NODE[i].label}), evidenceBlock(r.k, el("b", {text: NODE[r.from].label + " · "})));
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
  function byLabel(label) {
    for (var i = 0; i < NODE.length; i++) if (NODE[i].label === label) return i;
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
      focusNode = f;
      mode = "graph"; $("b-full").classList.add("on");
      apply();
      if (f === null && !h.get("q") && !h.get("actor") && !h.get("outlet") && !h.get("mode")) overview();
      if (f !== null) { network.selectNodes([f]); showNode(f); }
      return;
    }
    var want = h.get("claim"), k = 0;
    if (want) DATA.story.forEach(function (s, j) { if (NODE[s.claim].label === want) k = j; });
    showStory(k);
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
