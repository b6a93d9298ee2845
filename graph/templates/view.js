/* claimgraph view: side panel, search and filters over a vis-network graph.
 *
 * Every string that comes from the graph (and so from documents) is written
 * with textContent or as a text node, never as HTML.
 */
(function () {
  "use strict";

  const payload = JSON.parse(document.getElementById("claimgraph-data").textContent);
  const attrs = payload.attrs; // node id -> the node's attributes in the graph
  const edgeAttrs = payload.edgeAttrs; // edge id -> the edge's attributes

  const outgoing = new Map();
  const incoming = new Map();
  for (const edge of payload.edges) {
    listIn(outgoing, edge.from).push(edge);
    listIn(incoming, edge.to).push(edge);
  }

  function listIn(map, key) {
    let list = map.get(key);
    if (!list) {
      list = [];
      map.set(key, list);
    }
    return list;
  }

  function edgesFrom(id, kind) {
    return (outgoing.get(id) || []).filter((edge) => edge.kind === kind);
  }

  function edgesTo(id, kind) {
    return (incoming.get(id) || []).filter((edge) => edge.kind === kind);
  }

  /* ---- text of a node ------------------------------------------------- */

  function present(value) {
    return value !== null && value !== undefined && value !== "";
  }

  function nameOf(id) {
    const a = attrs[id];
    if (!a) return String(id);
    for (const key of ["name", "title", "value", "label"]) {
      if (present(a[key])) return String(a[key]);
    }
    return String(id);
  }

  function publishedOf(id) {
    const a = attrs[id] || {};
    if (present(a.published)) return String(a.published);
    const doc = attrs[a.document];
    return doc && present(doc.published) ? String(doc.published) : "";
  }

  function byDate(a, b) {
    // Claims in date order; undated last, then in document and sentence order.
    const da = publishedOf(a) || "\uffff";
    const db = publishedOf(b) || "\uffff";
    if (da !== db) return da < db ? -1 : 1;
    const sa = (attrs[a] || {}).sentence ?? 0;
    const sb = (attrs[b] || {}).sentence ?? 0;
    const ka = String((attrs[a] || {}).document) + "\u0000" + String(sa).padStart(8, "0");
    const kb = String((attrs[b] || {}).document) + "\u0000" + String(sb).padStart(8, "0");
    if (ka !== kb) return ka < kb ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
  }

  function timeText(t) {
    const parts = [String(t.text ?? "")];
    if (present(t.value)) parts.push("→ " + String(t.value));
    const notes = [t.type, t.modifier].filter(present).map(String);
    if (notes.length) parts.push("(" + notes.join(", ") + ")");
    return parts.join(" ");
  }

  function quantityText(q) {
    const parts = [String(q.text ?? "")];
    if (present(q.value)) parts.push("→ " + [q.value, q.unit].filter(present).join(" "));
    if (present(q.modifier)) parts.push("(" + String(q.modifier) + ")");
    return parts.join(" ");
  }

  function shorten(text, limit) {
    const line = String(text).replace(/\s+/g, " ").trim();
    return line.length <= limit ? line : line.slice(0, limit - 1).trimEnd() + "…";
  }

  /* ---- DOM, text only -------------------------------------------------- */

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (present(text)) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function link(id, text) {
    if (!attrs[id]) return el("span", text ?? id);
    const button = el("button", text ?? nameOf(id), "link");
    button.type = "button";
    button.addEventListener("click", () => goTo(id));
    return button;
  }

  function links(ids) {
    if (ids.length < 2) return ids.length ? link(ids[0]) : null;
    const list = el("ul", null, "plain");
    for (const id of ids) {
      const item = el("li");
      item.append(link(id));
      list.append(item);
    }
    return list;
  }

  function fields(rows) {
    const list = el("dl");
    for (const [name, value] of rows) {
      if (!present(value) || (Array.isArray(value) && !value.length)) continue;
      const dd = el("dd");
      if (value instanceof Node) dd.append(value);
      else dd.textContent = Array.isArray(value) ? value.map(String).join(", ") : String(value);
      list.append(el("dt", name), dd);
    }
    return list;
  }

  function section(title, items, listTag) {
    if (!items.length) return null;
    const list = el(listTag || "ul");
    for (const item of items) {
      const li = el("li");
      li.append(...(Array.isArray(item) ? item : [item]));
      list.append(li);
    }
    const box = el("section");
    box.append(el("h4", title + " (" + items.length + ")"), list);
    return box;
  }

  function claimLine(id, extra) {
    // One claim in a list: its date and speaker, then the sentence as a link.
    const a = attrs[id] || {};
    const meta = el("div", null, "meta");
    const date = publishedOf(id);
    if (date) meta.append(el("time", date), " ");
    meta.append(a.speaker ? shorten(nameOf(a.speaker), 60) : "unattributed");
    if (present(extra)) meta.append(" · " + shorten(extra, 60));
    return [meta, link(id, a.text || a.label || id)];
  }

  /* ---- tooltips: DOM elements, so vis-network never parses HTML ------- */

  function tooltip(id) {
    const a = attrs[id] || {};
    const box = el("div", null, "claimgraph-tip");
    box.append(el("div", a.kind, "tip-kind"));
    if (a.kind === "claim") {
      box.append(el("div", shorten(a.text || a.label || id, 280)));
      const where = [a.speaker ? nameOf(a.speaker) : "", nameOf(a.document), publishedOf(id)];
      box.append(el("div", where.filter(present).join(" · "), "meta"));
    } else if (a.kind === "family") {
      box.append(el("div", a.label));
      box.append(el("div", [a.size + " claims", a.first_seen, a.last_seen].filter(present).join(" · "), "meta"));
    } else if (a.kind === "document") {
      box.append(el("div", nameOf(id)));
      box.append(el("div", [a.issuer, a.published, a.place].filter(present).join(" · "), "meta"));
    } else if (a.kind === "actor") {
      box.append(el("div", nameOf(id)));
      box.append(el("div", a.actor_kind, "meta"));
    } else {
      box.append(el("div", nameOf(id)));
    }
    return box;
  }

  function edgeTooltip(edge) {
    const a = edgeAttrs[edge.id] || {};
    const notes = [a.role, a.relation].filter(present).map(String);
    if (typeof a.score === "number") notes.push("score " + a.score.toFixed(2));
    return el("div", edge.kind + (notes.length ? " (" + notes.join(", ") + ")" : ""), "claimgraph-tip");
  }

  /* ---- the side panel -------------------------------------------------- */

  const panelKind = document.getElementById("panel-kind");
  const panelBody = document.getElementById("panel-body");

  const panels = {
    claim(id, a) {
      const doc = a.document;
      const recurs = edgesFrom(id, "RECURS").map((e) => [e.to, e]).concat(edgesTo(id, "RECURS").map((e) => [e.from, e]));
      return [
        el("blockquote", a.text || a.label),
        fields([
          ["Document", doc ? link(doc) : null],
          ["Published", publishedOf(id)],
          ["Speaker", a.speaker ? link(a.speaker) : "unattributed"],
          ["Stance", present(a.stance) ? a.stance + (a.negated ? " (negated)" : "") : null],
          ["Family", a.family ? link(a.family) : null],
          ["Sentence", present(a.sentence) ? "#" + a.sentence + ", characters " + a.start + "–" + a.end : null],
        ]),
        section("Times", (a.times || []).map(timeText)),
        section("Quantities", (a.quantities || []).map(quantityText)),
        section("Mentions", edgesFrom(id, "MENTIONS").map((e) => [link(e.to), el("span", roleNote(e) && " · " + roleNote(e), "meta")])),
        section("Reports", edgesFrom(id, "REPORTS").map((e) => link(e.to))),
        section("Recurs with", recurs.sort((x, y) => byDate(x[0], y[0])).map(([other, e]) => claimLine(other, recursNote(e)))),
      ];
    },

    family(id, a) {
      const members = edgesTo(id, "MEMBER_OF").map((e) => e.from).sort(byDate);
      return [
        el("h3", a.label),
        fields([
          ["Claims", a.size],
          ["First seen", a.first_seen],
          ["Last seen", a.last_seen],
          ["Documents", links(a.documents || [])],
          ["Speakers", links(a.speakers || [])],
        ]),
        section("Timeline", members.map((m) => claimLine(m, nameOf((attrs[m] || {}).document))), "ol"),
      ];
    },

    actor(id, a) {
      return [
        el("h3", nameOf(id)),
        fields([
          ["Kind", a.actor_kind],
          ["Also called", a.aliases || []],
        ]),
        section("Asserts", edgesTo(id, "ASSERTS").map((e) => e.from).sort(byDate).map((c) => claimLine(c))),
        section("Mentioned in", edgesTo(id, "MENTIONS").sort((x, y) => byDate(x.from, y.from)).map((e) => claimLine(e.from, roleNote(e)))),
        section("Reported as source in", edgesTo(id, "REPORTS").map((e) => e.from).sort(byDate).map((c) => claimLine(c))),
      ];
    },

    document(id, a) {
      const claims = edgesFrom(id, "CONTAINS").map((e) => e.to).sort(byDate);
      return [
        el("h3", nameOf(id)),
        fields([
          ["Issuer", a.issuer],
          ["Published", a.published],
          ["Place", a.place],
          ["File", a.path],
          ["SHA-256", a.sha256],
          ["Claims", claims.length],
        ]),
        section("Claims", claims.map((c) => claimLine(c)), "ol"),
      ];
    },

    date(id, a) {
      return [
        el("h3", nameOf(id)),
        section("Claims referring to it", edgesTo(id, "REFERS_TO").map((e) => e.from).sort(byDate).map((c) => claimLine(c))),
        section("Documents published", edgesTo(id, "PUBLISHED_ON").map((e) => link(e.from))),
      ];
    },
  };

  function otherPanel(id, a) {
    const rows = Object.keys(a).sort().map((key) => {
      const value = a[key];
      return [key, typeof value === "object" && value !== null ? JSON.stringify(value) : value];
    });
    return [el("h3", nameOf(id)), fields(rows)];
  }

  function roleNote(edge) {
    const role = (edgeAttrs[edge.id] || {}).role;
    return present(role) ? String(role) : "";
  }

  function recursNote(edge) {
    const a = edgeAttrs[edge.id] || {};
    const notes = [a.relation].filter(present).map(String);
    if (typeof a.score === "number") notes.push("score " + a.score.toFixed(2));
    return notes.join(", ");
  }

  function showNode(id) {
    const a = attrs[id];
    if (!a) return;
    const build = Object.prototype.hasOwnProperty.call(panels, a.kind) ? panels[a.kind] : otherPanel;
    panelKind.textContent = a.kind === "family" ? "Claim family" : String(a.kind);
    panelBody.replaceChildren(...build(id, a).filter(Boolean));
    panelBody.scrollTop = 0;
  }

  /* ---- the network ----------------------------------------------------- */

  for (const node of payload.nodes) node.title = tooltip(node.id);
  for (const edge of payload.edges) edge.title = edgeTooltip(edge);
  const nodes = new vis.DataSet(payload.nodes);
  const edges = new vis.DataSet(payload.edges);
  const network = new vis.Network(document.getElementById("network"), { nodes, edges }, payload.options);

  network.on("click", (params) => {
    if (params.nodes.length) showNode(params.nodes[0]);
  });

  function goTo(id) {
    const node = nodes.get(id);
    if (!node) return;
    if (node.hidden) setKindVisible(node.kind, true);
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1), animation: { duration: 300 } });
    showNode(id);
  }

  /* ---- search and filters ---------------------------------------------- */

  const searchBox = document.getElementById("search");
  const searchStatus = document.getElementById("search-status");
  const kindBoxes = Array.from(document.querySelectorAll('#kinds input[name="kind"]'));

  const haystacks = new Map();
  for (const node of payload.nodes) {
    const a = attrs[node.id] || {};
    const words = [a.label, a.text, a.name, a.title, a.value].concat(a.aliases || []);
    haystacks.set(node.id, words.filter(present).map(String).join("\n").toLowerCase());
  }

  function search(query) {
    const needle = String(query).trim().toLowerCase();
    const hits = needle
      ? nodes.getIds({ filter: (node) => !node.hidden && haystacks.get(node.id).includes(needle) })
      : [];
    network.selectNodes(hits, false);
    searchStatus.textContent = needle ? hits.length + (hits.length === 1 ? " match" : " matches") : "";
    return hits;
  }

  searchBox.addEventListener("input", () => search(searchBox.value));
  searchBox.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    const hits = search(searchBox.value);
    if (hits.length) network.fit({ nodes: hits, animation: { duration: 300 } });
    if (hits.length === 1) showNode(hits[0]);
  });

  function setKindVisible(kind, visible) {
    const changes = nodes.get({ filter: (node) => node.kind === kind }).map((node) => ({ id: node.id, hidden: !visible }));
    nodes.update(changes);
    for (const box of kindBoxes) if (box.value === kind) box.checked = visible;
    if (searchBox.value.trim()) search(searchBox.value);
  }

  for (const box of kindBoxes) box.addEventListener("change", () => setKindVisible(box.value, box.checked));

  window.claimgraph = { network, nodes, edges, attrs, showNode, goTo, search, setKindVisible };
})();
