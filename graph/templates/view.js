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
  // A large graph opens without its claims; they are shown on demand.
  const onDemand = Boolean(payload.onDemand);
  // At most this many search matches among hidden claims are drawn at once.
  const SEARCH_REVEAL_MAX = 300;

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

  function neighbours(id) {
    return (outgoing.get(id) || []).map((edge) => edge.to).concat((incoming.get(id) || []).map((edge) => edge.from));
  }

  function kindOf(id) {
    return (attrs[id] || {}).kind;
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

  /* ---- figures (times and quantities) inside a claim's sentence ------- */

  function figuresOf(id) {
    const a = attrs[id] || {};
    const times = (Array.isArray(a.times) ? a.times : []).map((t) => ({
      text: t.text,
      start: t.start,
      key: ["time", t.type, t.value, t.modifier].map((v) => String(v ?? "")).join("|"),
      note: timeText(t),
    }));
    const quantities = (Array.isArray(a.quantities) ? a.quantities : []).map((q) => ({
      text: q.text,
      start: q.start,
      key: ["quantity", q.value, q.unit, q.modifier].map((v) => String(v ?? "")).join("|"),
      note: quantityText(q),
    }));
    return times.concat(quantities);
  }

  function changedFigures(members) {
    // For each claim of a family (in date order): the indices of its figures
    // that its neighbour in time does not carry (the first claim is compared
    // with the second, every other with the one before it).
    const keys = members.map((m) => new Set(figuresOf(m).map((f) => f.key)));
    return new Map(
      members.map((m, i) => {
        const other = i > 0 ? keys[i - 1] : keys[1];
        const changed = new Set();
        if (other) figuresOf(m).forEach((f, index) => other.has(f.key) || changed.add(index));
        return [m, changed];
      }),
    );
  }

  function markedSentence(id, changed) {
    // The claim's sentence as text nodes, its figures in <mark> elements.
    // Offsets of figures are relative to the document; the claim's own start
    // makes them relative to the sentence. Where they do not fit the text
    // (an edited graph), the figure's first occurrence is marked instead.
    const a = attrs[id] || {};
    const text = String(a.text ?? a.label ?? id);
    const base = typeof a.start === "number" ? a.start : null;
    const spans = [];
    figuresOf(id).forEach((figure, index) => {
      const needle = String(figure.text ?? "");
      if (!needle) return;
      let at = base !== null && typeof figure.start === "number" ? figure.start - base : -1;
      if (!(at >= 0 && text.slice(at, at + needle.length) === needle)) at = text.indexOf(needle);
      if (at < 0) return;
      spans.push({ at, end: at + needle.length, figure, changed: Boolean(changed && changed.has(index)) });
    });
    spans.sort((x, y) => x.at - y.at || y.end - x.end);
    const out = document.createDocumentFragment();
    let done = 0;
    for (const span of spans) {
      if (span.at < done) continue; // overlaps a figure already marked
      if (span.at > done) out.append(text.slice(done, span.at));
      const mark = el("mark", text.slice(span.at, span.end), span.changed ? "figure changed" : "figure");
      mark.title = span.figure.note + (span.changed ? " (changed)" : "");
      out.append(mark);
      done = span.end;
    }
    if (done < text.length) out.append(text.slice(done));
    return out;
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

  function section(title, items, listTag, className) {
    if (!items.length) return null;
    const list = el(listTag || "ul", null, className);
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
    if (present(extra)) meta.append(" · " + shorten(extra, 160));
    return [meta, link(id, a.text || a.label || id)];
  }

  /* ---- positions: who holds a proposition, from which side ------------ */

  const POSITIONS = ["asserts", "denies", "reports"];

  function positionOf(id) {
    // A claim's position toward its family's proposition: on the claim, or on
    // its MEMBER_OF edge (graphs built before claims carried it).
    const a = attrs[id] || {};
    if (POSITIONS.includes(a.position)) return a.position;
    for (const edge of edgesFrom(id, "MEMBER_OF")) {
      const position = (edgeAttrs[edge.id] || {}).position;
      if (POSITIONS.includes(position)) return position;
    }
    return "";
  }

  function positionBadge(position) {
    // A fixed word from POSITIONS, never document text, names the class.
    return POSITIONS.includes(position) ? el("span", position, "position " + position) : null;
  }

  function claimantOf(id) {
    const a = attrs[id] || {};
    return present(a.claimant) ? a.claimant : present(a.speaker) ? a.speaker : null;
  }

  function contestLine(other, edge, verb) {
    // A claim on the other side: its date and claimant, then the sentence as a link.
    const line = claimLine(other, recursNote(edge));
    const who = claimantOf(other);
    const side = el("div", null, "meta contest");
    side.append(el("strong", verb));
    if (who) side.append(" · claimant " + shorten(nameOf(who), 60));
    const badge = positionBadge(positionOf(other));
    if (badge) side.append(" · ", badge);
    return [side, ...line];
  }

  function contestNote(other, edge, verb) {
    // In a family's timeline: how this variant stands against an earlier one.
    const a = edgeAttrs[edge.id] || {};
    const note = el("div", null, "recurs contests");
    note.append(el("strong", verb + (present(a.relation) ? " (" + String(a.relation) + ")" : "")));
    const who = claimantOf(other);
    note.append(" " + (publishedOf(other) || nameOf((attrs[other] || {}).document)) + (who ? " · " + shorten(nameOf(who), 50) : ""));
    if (typeof a.score === "number") note.append(" · score " + a.score.toFixed(2));
    if (present(a.evidence)) note.append(el("div", a.evidence, "evidence"));
    return note;
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
      const position = positionOf(id);
      const who = claimantOf(id);
      if (position || (who && who !== a.speaker)) {
        box.append(el("div", [position, who && who !== a.speaker ? "claimant " + nameOf(who) : ""].filter(present).join(" · "), "meta"));
      }
    } else if (a.kind === "family") {
      box.append(el("div", a.label));
      box.append(el("div", [a.contested ? "contested" : "", a.size + " claims", a.first_seen, a.last_seen].filter(present).join(" · "), "meta"));
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
      const contests = edgesFrom(id, "CONTESTS").sort((x, y) => byDate(x.to, y.to));
      const contestedBy = edgesTo(id, "CONTESTS").sort((x, y) => byDate(x.from, y.from));
      const quote = el("blockquote");
      quote.append(markedSentence(id));
      let claimant = null;
      if (present(a.claimant)) {
        claimant = el("span");
        claimant.append(link(a.claimant));
        if (a.claimant !== a.speaker) claimant.append(el("span", " · quoted by the speaker", "meta"));
        if (a.relays) claimant.append(el("span", " · relayed, not endorsed", "meta"));
      }
      return [
        quote,
        fields([
          ["Document", doc ? link(doc) : null],
          ["Published", publishedOf(id)],
          ["Speaker", a.speaker ? link(a.speaker) : "unattributed"],
          ["Claimant", claimant],
          ["Stance", present(a.stance) ? a.stance + (a.negated ? " (negated)" : "") : null],
          ["Position", positionBadge(positionOf(id))],
          ["Rebuts", present(a.rebuts) ? "“" + String(a.rebuts) + "”" : null],
          ["Family", a.family ? link(a.family) : null],
          ["Sentence", present(a.sentence) ? "#" + a.sentence + ", characters " + a.start + "–" + a.end : null],
        ]),
        section("Times", (a.times || []).map(timeText)),
        section("Quantities", (a.quantities || []).map(quantityText)),
        section("Mentions", edgesFrom(id, "MENTIONS").map((e) => [link(e.to), el("span", roleNote(e) && " · " + roleNote(e), "meta")])),
        section("Reports", edgesFrom(id, "REPORTS").map((e) => link(e.to))),
        section("Recurs with", recurs.sort((x, y) => byDate(x[0], y[0])).map(([other, e]) => claimLine(other, recursNote(e)))),
        section("Contests", contests.map((e) => contestLine(e.to, e, "contests")), "ul", "contests"),
        section("Contested by", contestedBy.map((e) => contestLine(e.from, e, "contested by")), "ul", "contests"),
      ];
    },

    family(id, a) {
      const members = edgesTo(id, "MEMBER_OF").map((e) => e.from).sort(byDate);
      const changed = changedFigures(members);
      const focus = el("button", "Show this family only", "action");
      focus.type = "button";
      focus.addEventListener("click", () => chooseFamily(id, true));
      const held = new Map(POSITIONS.map((p) => [p, 0]));
      for (const m of members) if (held.has(positionOf(m))) held.set(positionOf(m), held.get(positionOf(m)) + 1);
      const counts = POSITIONS.filter((p) => held.get(p)).map((p) => held.get(p) + " " + p);
      return [
        el("h3", a.label),
        a.contested ? el("p", "Contested: some assert this proposition, others deny it.", "contested-note") : null,
        fields([
          ["Claims", a.size],
          ["Positions", counts.join(", ")],
          ["First seen", a.first_seen],
          ["Last seen", a.last_seen],
          ["Asserted by", links(Array.isArray(a.asserted_by) ? a.asserted_by : [])],
          ["Denied by", links(Array.isArray(a.denied_by) ? a.denied_by : [])],
          ["Reported by", links(Array.isArray(a.reported_by) ? a.reported_by : [])],
          ["Documents", links(a.documents || [])],
          ["Speakers", links(a.speakers || [])],
        ]),
        focus,
        section("Timeline", members.map((m, i) => timelineEntry(m, members.slice(0, i), changed.get(m))), "ol", "timeline"),
        members.some((m) => changed.get(m).size) ? el("p", "Marked: the figures that differ from the claim before (or, for the first, after).", "hint") : null,
      ];
    },

    actor(id, a) {
      return [
        el("h3", nameOf(id)),
        fields([
          ["Kind", a.actor_kind],
          ["Also called", a.aliases || []],
        ]),
        section("Asserts", edgesFrom(id, "ASSERTS").map((e) => e.to).sort(byDate).map((c) => claimLine(c))),
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
          ["Published", present(a.published) ? a.published + (present(a.published_by) ? " (from the " + a.published_by + ")" : "") : "undated"],
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

  function timelineEntry(id, earlier, changed) {
    // One variant of a family: when, where, who, the sentence with its
    // figures marked, and how it recurs from the variants before it.
    const a = attrs[id] || {};
    const meta = el("div", null, "meta");
    meta.append(el("time", publishedOf(id) || "undated"));
    const who = claimantOf(id);
    meta.append(" · " + (who ? shorten(nameOf(who), 50) : "unattributed"));
    if (who && a.speaker && who !== a.speaker) meta.append(" (in " + shorten(nameOf(a.speaker), 40) + ")");
    const badge = positionBadge(positionOf(id));
    if (badge) meta.append(" · ", badge);
    else if (present(a.stance)) meta.append(" · " + a.stance);
    const sentence = el("button", null, "link sentence");
    sentence.type = "button";
    sentence.append(markedSentence(id, changed));
    sentence.addEventListener("click", () => goTo(id));
    const source = el("div", "in ", "meta");
    source.append(a.document ? link(a.document, shorten(nameOf(a.document), 40)) : "no document");
    const parts = [meta, sentence, source];
    const before = new Set(earlier);
    const links = edgesTo(id, "RECURS").map((e) => [e.from, e]).concat(edgesFrom(id, "RECURS").map((e) => [e.to, e]));
    for (const [other, edge] of links.filter(([other]) => before.has(other)).sort((x, y) => byDate(x[0], y[0]))) {
      parts.push(recurrenceNote(other, edge));
    }
    // The other side: the earlier variants this one denies, or that deny it.
    const against = edgesFrom(id, "CONTESTS").map((e) => [e.to, e, "contests"]).concat(edgesTo(id, "CONTESTS").map((e) => [e.from, e, "contested by"]));
    for (const [other, edge, verb] of against.filter(([other]) => before.has(other)).sort((x, y) => byDate(x[0], y[0]))) {
      parts.push(contestNote(other, edge, verb));
    }
    return parts;
  }

  function recurrenceNote(other, edge) {
    const a = edgeAttrs[edge.id] || {};
    const note = el("div", null, "recurs");
    note.append(el("strong", present(a.relation) ? String(a.relation) : "recurs"));
    note.append(" from " + (publishedOf(other) || nameOf((attrs[other] || {}).document)));
    if (typeof a.score === "number") note.append(" · score " + a.score.toFixed(2));
    if (a.consistent === true) note.append(" · consistent");
    if (a.consistent === false) note.append(el("span", " · inconsistent", "inconsistent"));
    if (present(a.evidence)) note.append(el("div", a.evidence, "evidence"));
    return note;
  }

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
    if (typeof a.consistent === "boolean") notes.push(a.consistent ? "consistent" : "inconsistent");
    if (present(a.evidence)) notes.push(String(a.evidence));
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

  /* ---- what is shown: kinds, filters, focus, claims on demand ------------ */

  const searchBox = document.getElementById("search");
  const searchStatus = document.getElementById("search-status");
  const viewStatus = document.getElementById("view-status");
  const kindBoxes = Array.from(document.querySelectorAll('#kinds input[name="kind"]'));
  const pickers = {
    document: document.getElementById("filter-document"),
    speaker: document.getElementById("filter-speaker"),
    family: document.getElementById("filter-family"),
    from: document.getElementById("filter-from"),
    to: document.getElementById("filter-to"),
  };
  const familyOnlyBox = document.getElementById("family-only");

  const state = { document: "", speaker: "", family: "", from: "", to: "", familyOnly: false };
  const claimIds = payload.nodes.filter((node) => node.kind === "claim").map((node) => node.id);
  const otherIds = payload.nodes.filter((node) => node.kind !== "claim").map((node) => node.id);
  // Claims drawn on demand although "claim" is not ticked: those around the
  // node last clicked (revealed) and the search matches (found).
  let revealed = new Set();
  let found = new Set();

  function kindTicked(kind) {
    const box = kindBoxes.find((b) => b.value === kind);
    return box ? box.checked : true;
  }

  function tickKind(kind, ticked) {
    for (const box of kindBoxes) if (box.value === kind) box.checked = ticked;
  }

  function claimsAround(id) {
    return neighbours(id).filter((other) => kindOf(other) === "claim");
  }

  function filtering() {
    return Boolean(state.document || state.speaker || state.family || state.from || state.to);
  }

  function passes(id) {
    // Does a claim pass the document, speaker, family and date filters?
    const a = attrs[id] || {};
    if (state.document && a.document !== state.document) return false;
    if (state.speaker && a.speaker !== state.speaker) return false;
    if (state.family && a.family !== state.family) return false;
    if (state.from || state.to) {
      const date = publishedOf(id).slice(0, 10);
      if (!date) return false;
      if (state.from && date < state.from) return false;
      if (state.to && date > state.to) return false;
    }
    return true;
  }

  function visibleNodes() {
    const matching = filtering() ? claimIds.filter(passes) : claimIds;
    const visible = new Set();
    if (state.familyOnly && state.family) {
      // The focus: the family, its claims, their documents and speakers.
      visible.add(state.family);
      for (const id of matching) {
        const a = attrs[id] || {};
        visible.add(id);
        if (a.document && attrs[a.document]) visible.add(a.document);
        if (a.speaker && attrs[a.speaker]) visible.add(a.speaker);
        if (a.claimant && attrs[a.claimant]) visible.add(a.claimant);
      }
      return { visible, matching };
    }
    const allClaims = kindTicked("claim");
    for (const id of matching) {
      if (allClaims || revealed.has(id) || found.has(id)) visible.add(id);
    }
    if (!filtering()) {
      for (const id of otherIds) if (kindTicked(kindOf(id))) visible.add(id);
      return { visible, matching };
    }
    // Filters keep the claims that pass, and the nodes around them (documents,
    // actors, families, dates and the dates their documents were published).
    const around = new Set();
    for (const id of matching) {
      for (const other of neighbours(id)) {
        around.add(other);
        if (kindOf(other) === "document") for (const e of edgesFrom(other, "PUBLISHED_ON")) around.add(e.to);
      }
    }
    for (const id of otherIds) if (around.has(id) && kindTicked(kindOf(id))) visible.add(id);
    return { visible, matching };
  }

  function applyVisibility() {
    const { visible, matching } = visibleNodes();
    syncNetwork(visible);
    const parts = [shown.size + " of " + payload.nodes.length + " nodes shown"];
    if (filtering()) parts.push(matching.length ? matching.length + (matching.length === 1 ? " claim matches" : " claims match") : "no claim matches these filters");
    viewStatus.textContent = parts.join("; ") + ".";
  }

  /* ---- the network: it holds only the nodes and edges shown ------------ */

  // Building a vis-network node or edge (options merged, label measured) is
  // the slowest part of opening a large graph, so hidden ones are left out of
  // the network's data sets, not merely flagged hidden, and tooltips are made
  // when an item is first added.
  const nodes = new vis.DataSet();
  const edges = new vis.DataSet();
  const shown = new Set();
  const edgesShown = new Set();
  const edgeById = new Map(payload.edges.map((edge) => [edge.id, edge]));
  let network = null;

  function syncNetwork(visible) {
    const goneEdges = [];
    for (const id of edgesShown) {
      const edge = edgeById.get(id);
      if (!visible.has(edge.from) || !visible.has(edge.to)) goneEdges.push(id);
    }
    const goneNodes = Array.from(shown).filter((id) => !visible.has(id));
    const newNodes = payload.nodes.filter((node) => visible.has(node.id) && !shown.has(node.id));
    const newEdges = payload.edges.filter((edge) => !edgesShown.has(edge.id) && visible.has(edge.from) && visible.has(edge.to));
    for (const id of goneEdges) edgesShown.delete(id);
    for (const id of goneNodes) shown.delete(id);
    for (const node of newNodes) shown.add(node.id);
    for (const edge of newEdges) edgesShown.add(edge.id);
    if (goneEdges.length) edges.remove(goneEdges);
    if (goneNodes.length) nodes.remove(goneNodes);
    for (const node of newNodes) if (node.title === undefined) node.title = tooltip(node.id);
    for (const edge of newEdges) if (edge.title === undefined) edge.title = edgeTooltip(edge);
    if (newNodes.length) nodes.add(newNodes);
    if (newEdges.length) edges.add(newEdges);
  }

  function createNetwork() {
    network = new vis.Network(document.getElementById("network"), { nodes, edges }, payload.options);
    // vis-network fits the nodes, not their labels, to the canvas: step back
    // a little so the labels at the edges can be read.
    network.moveTo({ scale: network.getScale() * 0.92 });
    network.once("afterDrawing", () => {
      api.drawn = true;
    });
    network.on("click", (params) => {
      if (!params.nodes.length) return;
      const id = params.nodes[0];
      if (onDemand && kindOf(id) !== "claim") {
        revealed = new Set(claimsAround(id));
        applyVisibility();
      }
      showNode(id);
    });
  }

  function goTo(id) {
    const a = attrs[id];
    if (!a) return;
    if (onDemand && a.kind === "claim") revealed.add(id);
    else if (onDemand) revealed = new Set(claimsAround(id));
    if (!kindTicked(a.kind) && !(onDemand && a.kind === "claim") && !(state.familyOnly && state.family)) {
      tickKind(a.kind, true);
    }
    refresh();
    showNode(id);
    if (shown.has(id)) {
      network.selectNodes([id]);
      const around = onDemand && a.kind !== "claim" ? Array.from(revealed).filter((other) => shown.has(other)) : [];
      if (around.length) network.fit({ nodes: [id, ...around], animation: { duration: 300 } });
      else network.focus(id, { scale: Math.max(network.getScale(), 1), animation: { duration: 300 } });
    } else {
      viewStatus.textContent = "“" + shorten(nameOf(id), 40) + "” is hidden by the filters.";
    }
  }

  /* ---- search ------------------------------------------------------------ */

  const haystacks = new Map();
  for (const node of payload.nodes) {
    const a = attrs[node.id] || {};
    const words = [a.label, a.text, a.name, a.title, a.value].concat(a.aliases || []);
    haystacks.set(node.id, words.filter(present).map(String).join("\n").toLowerCase());
  }

  function needleOf(query) {
    return String(query ?? "").trim().toLowerCase();
  }

  function refresh() {
    // Apply the current kinds, filters and search; select the search matches.
    const needle = needleOf(searchBox.value);
    found = new Set();
    let capped = false;
    if (onDemand && needle && !kindTicked("claim")) {
      for (const id of claimIds) {
        if (!haystacks.get(id).includes(needle) || !passes(id)) continue;
        if (found.size >= SEARCH_REVEAL_MAX) {
          capped = true;
          break;
        }
        found.add(id);
      }
    }
    applyVisibility();
    if (!needle) {
      searchStatus.textContent = "";
      return [];
    }
    const hits = payload.nodes.filter((node) => shown.has(node.id) && haystacks.get(node.id).includes(needle)).map((node) => node.id);
    network.selectNodes(hits, false);
    searchStatus.textContent = hits.length + (hits.length === 1 ? " match" : " matches") + (capped ? " (the first " + SEARCH_REVEAL_MAX + " claims drawn)" : "");
    return hits;
  }

  function search(query) {
    if (searchBox.value !== String(query ?? "")) searchBox.value = String(query ?? "");
    const hits = refresh();
    if (!needleOf(query)) network.selectNodes([], false);
    return hits;
  }

  searchBox.addEventListener("input", () => search(searchBox.value));
  searchBox.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    const hits = search(searchBox.value);
    if (hits.length) network.fit({ nodes: hits, animation: { duration: 300 } });
    if (hits.length === 1) showNode(hits[0]);
  });

  /* ---- filters ----------------------------------------------------------- */

  function fitShown() {
    const ids = Array.from(shown);
    if (ids.length) network.fit({ nodes: ids, animation: { duration: 300 } });
  }

  function fillPicker(select, rows) {
    for (const [value, text] of rows) select.append(new Option(text, value));
    select.disabled = !rows.length;
  }

  function sortedBy(ids, key) {
    return ids
      .map((id) => [key(id), id])
      .sort((x, y) => {
        for (let i = 0; i < x[0].length; i++) if (x[0][i] !== y[0][i]) return x[0][i] < y[0][i] ? -1 : 1;
        return x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0;
      })
      .map(([, id]) => id);
  }

  const documentIds = otherIds.filter((id) => kindOf(id) === "document");
  fillPicker(
    pickers.document,
    sortedBy(documentIds, (id) => [publishedOf(id) || "\uffff", nameOf(id)]).map((id) => [id, [publishedOf(id), shorten(nameOf(id), 60)].filter(present).join(" · ")]),
  );
  const spoken = new Map();
  for (const id of claimIds) {
    const speaker = (attrs[id] || {}).speaker;
    if (speaker) spoken.set(speaker, (spoken.get(speaker) || 0) + 1);
  }
  fillPicker(
    pickers.speaker,
    sortedBy(Array.from(spoken.keys()), (id) => [-spoken.get(id), nameOf(id)]).map((id) => [id, shorten(nameOf(id), 50) + " (" + spoken.get(id) + ")"]),
  );
  const familyIds = otherIds.filter((id) => kindOf(id) === "family");
  const familySize = (id) => edgesTo(id, "MEMBER_OF").length;
  fillPicker(
    pickers.family,
    sortedBy(familyIds, (id) => [-familySize(id), String((attrs[id] || {}).first_seen ?? ""), nameOf(id)]).map((id) => [id, shorten(attrs[id].label ?? id, 60) + " (" + familySize(id) + ")"]),
  );
  const published = documentIds.map((id) => publishedOf(id).slice(0, 10)).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort();
  for (const picker of [pickers.from, pickers.to]) {
    if (published.length) {
      picker.min = published[0];
      picker.max = published[published.length - 1];
    }
  }

  function chooseFamily(id, only) {
    state.family = id || "";
    pickers.family.value = state.family;
    state.familyOnly = Boolean(state.family && only);
    familyOnlyBox.checked = state.familyOnly;
    familyOnlyBox.disabled = !state.family;
    refresh();
    if (state.family) {
      showNode(state.family);
      if (shown.has(state.family)) network.selectNodes([state.family], false);
    }
    fitShown();
  }

  for (const name of ["document", "speaker", "from", "to"]) {
    pickers[name].addEventListener("change", () => {
      state[name] = pickers[name].value;
      refresh();
      fitShown();
    });
  }
  pickers.family.addEventListener("change", () => chooseFamily(pickers.family.value, familyOnlyBox.checked));
  familyOnlyBox.addEventListener("change", () => chooseFamily(state.family, familyOnlyBox.checked));

  function resetFilters() {
    for (const name of ["document", "speaker", "from", "to"]) {
      state[name] = "";
      pickers[name].value = "";
    }
    chooseFamily("", false);
  }

  document.getElementById("reset-filters").addEventListener("click", resetFilters);

  function setKindVisible(kind, visible) {
    tickKind(kind, visible);
    refresh();
  }

  for (const box of kindBoxes) box.addEventListener("change", () => refresh());

  function setFilter(name, value) {
    if (name === "family") return chooseFamily(value, state.familyOnly);
    if (name === "familyOnly") return chooseFamily(state.family, Boolean(value));
    state[name] = value || "";
    pickers[name].value = state[name];
    refresh();
    fitShown();
  }

  applyVisibility();
  createNetwork();

  const api = {
    network,
    nodes,
    edges,
    attrs,
    state,
    drawn: false,
    showNode,
    goTo,
    search,
    setKindVisible,
    setFilter,
    resetFilters,
    shownIds: () => Array.from(shown).sort(),
    edgeCount: () => edgesShown.size,
    drawnNodeCount: () => network.body.nodeIndices.length,
  };
  window.claimgraph = api;

  /* ---- #node=ID in the URL: select and focus that node ------------------- */

  function nodeFromHash() {
    // A link such as graph.html#node=family%3A12 (from the talking-points
    // explorer) opens on that node, its claims shown if they are on demand.
    // An id the graph does not hold, or a malformed link, changes nothing.
    const match = /^#node=(.+)$/.exec(window.location.hash);
    if (!match) return;
    let id;
    try {
      id = decodeURIComponent(match[1]);
    } catch (error) {
      return;
    }
    if (Object.prototype.hasOwnProperty.call(attrs, id)) goTo(id);
  }

  window.addEventListener("hashchange", nodeFromHash);
  nodeFromHash();
})();
