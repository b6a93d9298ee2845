/* claimgraph talking-points explorer: ranked claim families, their timelines and variants.
 *
 * Every string that comes from the graph (and so from documents) is written
 * with textContent, as a text node or as an attribute value set from script,
 * never as HTML. Only the first rows are drawn; more on demand.
 */
(function () {
  "use strict";

  const payload = JSON.parse(document.getElementById("explorer-data").textContent);
  const actors = payload.actors; // [id, name]
  const documentTable = payload.documents; // [id, title, published day or null]
  const families = payload.families; // in default rank order
  const graphHref = typeof payload.graph === "string" && payload.graph ? payload.graph : null;
  const byId = new Map(families.map((f) => [f.id, f]));
  const actorIndex = new Map(actors.map(([id], index) => [id, index]));
  const POSITIONS = ["asserts", "denies", "reports"];
  const PAGE = 200; // rows drawn at once
  const SVG_NS = "http://www.w3.org/2000/svg"; // a namespace name, never fetched

  /* ---- DOM, text only -------------------------------------------------- */

  function present(value) {
    return value !== null && value !== undefined && value !== "";
  }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (present(text)) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function svg(tag, attributes) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, String(value));
    return node;
  }

  function shorten(text, limit) {
    const line = String(text).replace(/\s+/g, " ").trim();
    return line.length <= limit ? line : line.slice(0, limit - 1).trimEnd() + "…";
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many || one + "s");
  }

  function actorName(index) {
    const actor = actors[index];
    return actor ? String(actor[1]) : "unattributed";
  }

  function positionBadge(position) {
    // A fixed word from POSITIONS, never document text, names the class.
    return POSITIONS.includes(position) ? el("span", position, "position " + position) : null;
  }

  function nodeHref(id) {
    return graphHref + "#node=" + encodeURIComponent(id);
  }

  /* ---- dates and timelines --------------------------------------------- */

  function dayNumber(day) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof day === "string" ? day : "");
    return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86400000 : null;
  }

  // One time axis for every row, so the timelines can be compared.
  let firstDay = null;
  let lastDay = null;
  let busiest = 1;
  for (const f of families) {
    for (const [day, count] of f.dates) {
      const n = dayNumber(day);
      if (n === null) continue;
      if (firstDay === null || n < firstDay) firstDay = n;
      if (lastDay === null || n > lastDay) lastDay = n;
      if (count > busiest) busiest = count;
    }
  }

  function timeline(f, width, height, withAxis) {
    // The family's appearances by date as an inline SVG: one bar per day
    // (taller for more claims that day); undated ones are counted beside it.
    const box = el("span", null, "timeline");
    const dated = f.dates.filter(([day]) => dayNumber(day) !== null);
    if (dated.length) {
      const axis = withAxis ? 14 : 0;
      const base = height - axis - 1.5;
      const chart = svg("svg", { width, height, viewBox: "0 0 " + width + " " + height, class: "chart", role: "img" });
      const claims = dated.reduce((sum, [, count]) => sum + count, 0);
      chart.setAttribute("aria-label", plural(claims, "dated claim") + " on " + plural(dated.length, "day") + ", " + dated[0][0] + " to " + dated[dated.length - 1][0]);
      chart.append(svg("line", { x1: 2, y1: base, x2: width - 2, y2: base, class: "axis" }));
      const span = lastDay - firstDay;
      for (const [day, count] of dated) {
        const x = span > 0 ? 3 + ((dayNumber(day) - firstDay) / span) * (width - 6) : width / 2;
        const tall = Math.max(3, Math.sqrt(count / busiest) * (base - 2));
        const bar = svg("rect", { x: (x - 1.5).toFixed(1), y: (base - tall).toFixed(1), width: 3, height: tall.toFixed(1), class: "bar" });
        const tip = svg("title");
        tip.textContent = day + ": " + plural(count, "claim");
        bar.append(tip);
        chart.append(bar);
      }
      if (withAxis && firstDay !== null) {
        const from = new Date(firstDay * 86400000).toISOString().slice(0, 10);
        const to = new Date(lastDay * 86400000).toISOString().slice(0, 10);
        const left = svg("text", { x: 2, y: height - 2, class: "tick" });
        left.textContent = from;
        const right = svg("text", { x: width - 2, y: height - 2, class: "tick end" });
        right.textContent = to;
        chart.append(left, right);
      }
      box.append(chart);
    }
    if (f.undated) box.append(el("span", (dated.length ? "+" : "") + f.undated + " undated", "undated"));
    return box;
  }

  /* ---- rows ------------------------------------------------------------- */

  function speakersCell(f) {
    const cell = el("td", null, "speakers");
    cell.append(el("span", f.speakers.length, "count"));
    const named = f.speakers.slice(0, 2).map(([who, n]) => shorten(actorName(who), 28) + " (" + n + ")");
    if (named.length) cell.append(" " + named.join(", ") + (f.speakers.length > 2 ? ", …" : ""));
    cell.title = f.speakers.map(([who, n]) => actorName(who) + " (" + n + ")").join("\n");
    return cell;
  }

  function sidesCell(f) {
    const cell = el("td", null, "sides");
    for (const [position, who] of [["asserts", f.asserts], ["denies", f.denies], ["reports", f.reports]]) {
      if (!who.length) continue;
      const line = el("div");
      line.append(positionBadge(position), " " + who.slice(0, 2).map((a) => shorten(actorName(a), 24)).join(", ") + (who.length > 2 ? " +" + (who.length - 2) : ""));
      cell.append(line);
    }
    if (!cell.childNodes.length) cell.append(el("span", "–", "none"));
    return cell;
  }

  function row(f) {
    const tr = el("tr");
    tr.dataset.family = f.id;
    tr.tabIndex = 0;
    const label = el("td", null, "label");
    if (f.contested) label.append(el("span", "contested", "contested"), " ");
    label.append(shorten(f.label, 160));
    const dates = el("td", null, "timeline-cell");
    dates.append(timeline(f, 140, 26, false));
    tr.append(
      el("td", f.rank, "num"),
      label,
      el("td", f.claims, "num"),
      el("td", f.documents, "num"),
      speakersCell(f),
      el("td", f.first || "undated", "day"),
      el("td", f.last || "undated", "day"),
      sidesCell(f),
      dates,
    );
    if (f.id === state.open) markOpen(tr);
    return tr;
  }

  function markOpen(tr) {
    tr.classList.add("open");
    tr.setAttribute("aria-selected", "true");
  }

  /* ---- sorting and filtering ---------------------------------------------- */

  // Each column: its sort key and the direction of a first click (1 ascending).
  const columns = {
    rank: { key: (f) => f.rank, first: 1 },
    label: { key: (f) => f.label.toLowerCase(), first: 1 },
    claims: { key: (f) => f.claims, first: -1 },
    documents: { key: (f) => f.documents, first: -1 },
    speakers: { key: (f) => f.speakers.length, first: -1 },
    first: { key: (f) => f.first, first: 1 },
    last: { key: (f) => f.last, first: -1 },
    sides: { key: (f) => [f.contested ? 1 : 0, f.denies.length + f.asserts.length + f.reports.length], first: -1 },
    timeline: { key: (f) => f.dates.length, first: -1 },
  };

  function compareValues(x, y) {
    if (Array.isArray(x)) {
      for (let i = 0; i < x.length; i++) {
        const c = compareValues(x[i], y[i]);
        if (c) return c;
      }
      return 0;
    }
    return x < y ? -1 : x > y ? 1 : 0;
  }

  function comparator(name, direction) {
    const key = columns[name].key;
    return (a, b) => {
      const x = key(a);
      const y = key(b);
      // Undated rows go last whichever way dates are sorted; ties keep the rank.
      if (x === null || y === null) return x === y ? a.rank - b.rank : x === null ? 1 : -1;
      return direction * compareValues(x, y) || a.rank - b.rank;
    };
  }

  const whoCache = new Map();
  function whoOf(f) {
    // Everyone whose claim is in the family: speakers and claimants.
    let who = whoCache.get(f);
    if (!who) {
      who = new Set();
      for (const v of f.variants) {
        if (v.speaker !== null && v.speaker !== undefined) who.add(v.speaker);
        if (v.claimant !== null && v.claimant !== undefined) who.add(v.claimant);
      }
      whoCache.set(f, who);
    }
    return who;
  }

  const textCache = new Map();
  function textOf(f) {
    let text = textCache.get(f);
    if (text === undefined) {
      text = [f.label].concat(f.variants.map((v) => v.text)).join("\n").toLowerCase();
      textCache.set(f, text);
    }
    return text;
  }

  // The rows drawn are listed[start, end): a page at a time, more on demand.
  const state = { sort: "rank", direction: 1, text: "", speaker: "", from: "", to: "", open: null, start: 0, end: PAGE };
  let listed = families.slice();

  function passes(f) {
    if (state.speaker) {
      const index = actorIndex.get(state.speaker);
      if (index === undefined || !whoOf(f).has(index)) return false;
    }
    if (state.from || state.to) {
      const inRange = f.dates.some(([day]) => (!state.from || day >= state.from) && (!state.to || day <= state.to));
      if (!inRange) return false;
    }
    if (state.text && !textOf(f).includes(state.text)) return false;
    return true;
  }

  function filtering() {
    return Boolean(state.text || state.speaker || state.from || state.to);
  }

  /* ---- the list ------------------------------------------------------------ */

  const tbody = document.querySelector("#families tbody");
  const moreButton = document.getElementById("more");
  const earlierButton = document.getElementById("earlier");
  const emptyNote = document.getElementById("empty");
  const statusLine = document.getElementById("status");
  const headings = Array.from(document.querySelectorAll("#families th[data-sort]"));

  function drawRows() {
    tbody.replaceChildren(...listed.slice(state.start, state.end).map(row));
    drawStatus();
  }

  function drawStatus() {
    const end = Math.min(state.end, listed.length);
    const after = listed.length - end;
    moreButton.hidden = after <= 0;
    moreButton.textContent = "Show " + Math.min(PAGE, after) + " more (" + after + " below)";
    earlierButton.hidden = state.start <= 0;
    earlierButton.textContent = "Show " + Math.min(PAGE, state.start) + " earlier rows (" + state.start + " above)";
    emptyNote.hidden = listed.length > 0;
    const parts = [listed.length + " of " + plural(families.length, "talking point")];
    if (state.start > 0 || after > 0) parts.push((state.start > 0 ? "rows " + (state.start + 1) + "–" + end : "the first " + end) + " shown");
    if (state.from && state.to && state.from > state.to) parts.push("“from” is after “to”");
    statusLine.textContent = parts.join("; ") + ".";
  }

  function showMore() {
    // Appends the next rows; the rows drawn stay as they are.
    if (state.end >= listed.length) return;
    const from = state.end;
    state.end = Math.min(from + PAGE, listed.length);
    tbody.append(...listed.slice(from, state.end).map(row));
    drawStatus();
  }

  function showEarlier() {
    // Prepends the rows above, keeping the rows in view where they are.
    if (state.start <= 0) return;
    const to = state.start;
    state.start = Math.max(0, to - PAGE);
    const list = document.getElementById("list");
    const before = list.scrollHeight;
    tbody.prepend(...listed.slice(state.start, to).map(row));
    list.scrollTop += list.scrollHeight - before;
    drawStatus();
  }

  function refresh() {
    listed = (filtering() ? families.filter(passes) : families.slice()).sort(comparator(state.sort, state.direction));
    state.start = 0;
    state.end = PAGE;
    drawRows();
    for (const th of headings) {
      if (th.dataset.sort === state.sort) th.setAttribute("aria-sort", state.direction > 0 ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    }
  }

  function sortBy(name, direction) {
    if (!Object.prototype.hasOwnProperty.call(columns, name)) return;
    if (direction === 1 || direction === -1) state.direction = direction;
    else state.direction = state.sort === name ? -state.direction : columns[name].first;
    state.sort = name;
    refresh();
  }

  for (const th of headings) th.querySelector("button").addEventListener("click", () => sortBy(th.dataset.sort));

  tbody.addEventListener("click", (event) => {
    const tr = event.target.closest("tr");
    if (tr && tr.dataset.family) openFamily(tr.dataset.family, true);
  });
  tbody.addEventListener("keydown", (event) => {
    const tr = event.target.closest("tr");
    if (event.key === "Enter" && tr && tr.dataset.family) openFamily(tr.dataset.family, true);
  });
  moreButton.addEventListener("click", showMore);
  earlierButton.addEventListener("click", showEarlier);
  if ("IntersectionObserver" in window) {
    // Scrolling to the end of the list draws the next rows.
    const seen = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) showMore();
    }, { root: document.getElementById("list") });
    seen.observe(moreButton);
  }

  /* ---- filters ------------------------------------------------------------- */

  const inputs = {
    text: document.getElementById("filter-text"),
    speaker: document.getElementById("filter-speaker"),
    from: document.getElementById("filter-from"),
    to: document.getElementById("filter-to"),
  };

  function normalised(name, value) {
    const text = String(value ?? "");
    if (name === "text") return text.trim().toLowerCase();
    if (name === "from" || name === "to") return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : "";
    return text;
  }

  function setFilter(name, value) {
    if (!Object.prototype.hasOwnProperty.call(inputs, name)) return;
    if (inputs[name].value !== String(value ?? "")) inputs[name].value = String(value ?? "");
    state[name] = normalised(name, inputs[name].value);
    refresh();
  }

  for (const name of Object.keys(inputs)) {
    for (const event of ["input", "change"]) {
      inputs[name].addEventListener(event, () => {
        const value = normalised(name, inputs[name].value);
        if (value !== state[name]) {
          state[name] = value;
          refresh();
        }
      });
    }
  }

  function resetFilters() {
    for (const name of Object.keys(inputs)) {
      inputs[name].value = "";
      state[name] = "";
    }
    refresh();
  }

  document.getElementById("reset-filters").addEventListener("click", resetFilters);

  // Speakers (and claimants) by the number of talking points they take part in.
  const involved = new Map();
  for (const f of families) for (const who of whoOf(f)) involved.set(who, (involved.get(who) || 0) + 1);
  const speakerRows = Array.from(involved.entries()).sort((x, y) => y[1] - x[1] || compareValues(actorName(x[0]), actorName(y[0])) || x[0] - y[0]);
  for (const [who, n] of speakerRows) {
    inputs.speaker.append(new Option(shorten(actorName(who), 60) + " (" + n + ")", actors[who][0]));
  }
  inputs.speaker.disabled = !speakerRows.length;
  const allDays = families.flatMap((f) => (f.first ? [f.first, f.last] : [])).sort();
  if (allDays.length) {
    for (const input of [inputs.from, inputs.to]) {
      input.min = allDays[0];
      input.max = allDays[allDays.length - 1];
    }
  }

  /* ---- one family: its variants ----------------------------------------------- */

  const detailKind = document.getElementById("detail-kind");
  const detailBody = document.getElementById("detail-body");

  function fields(rows) {
    const list = el("dl");
    for (const [name, value] of rows) {
      if (!present(value) || (Array.isArray(value) && !value.length)) continue;
      const dd = el("dd");
      if (value instanceof Node) dd.append(value);
      else dd.textContent = Array.isArray(value) ? value.join(", ") : String(value);
      list.append(el("dt", name), dd);
    }
    return list;
  }

  function markedText(v) {
    // The claim's text as text nodes, its figures in <mark> elements.
    const text = String(v.text);
    const out = document.createDocumentFragment();
    let done = 0;
    for (const [start, end, changed] of v.figures) {
      if (!(start >= done && end > start && end <= text.length)) continue;
      if (start > done) out.append(text.slice(done, start));
      out.append(el("mark", text.slice(start, end), changed ? "figure changed" : "figure"));
      done = end;
    }
    if (done < text.length) out.append(text.slice(done));
    return out;
  }

  function variantItem(v) {
    const item = el("li");
    const meta = el("div", null, "meta");
    meta.append(el("time", v.date || "undated"), " · " + shorten(actorName(v.speaker), 60));
    if (v.claimant !== undefined && v.claimant !== null) meta.append(" · claimant " + shorten(actorName(v.claimant), 60));
    const badge = positionBadge(v.position);
    if (badge) meta.append(" · ", badge);
    if (present(v.relation)) meta.append(el("span", " · " + v.relation + (typeof v.score === "number" ? " (score " + v.score.toFixed(2) + ")" : ""), "relation"));
    const quote = el("blockquote");
    quote.append(markedText(v));
    const source = el("div", null, "meta source");
    const doc = documentTable[v.document];
    source.append("in " + (doc ? shorten(doc[1], 80) : "no document"));
    if (graphHref) {
      const there = el("a", "in the graph", "graph");
      there.href = nodeHref(v.claim);
      source.append(" · ", there);
    }
    item.append(meta, quote, source);
    return item;
  }

  function showFamily(f) {
    detailKind.textContent = "Talking point #" + f.rank;
    const actions = el("p", null, "actions");
    if (graphHref) {
      const graph = el("a", "Show in the graph", "graph");
      graph.id = "open-in-graph";
      graph.href = nodeHref(f.id);
      actions.append(graph, " · ");
    }
    const permalink = el("a", "Permalink", "permalink");
    permalink.href = "#family=" + encodeURIComponent(f.id);
    actions.append(permalink);
    const held = POSITIONS.map((p) => [p, f.variants.filter((v) => v.position === p).length]).filter(([, n]) => n);
    const names = (list) => list.map(actorName).join(", ");
    const changed = f.variants.some((v) => v.figures.some((figure) => figure[2]));
    const chart = el("div", null, "big-timeline");
    chart.append(timeline(f, 320, 56, true));
    const variants = el("ol", null, "variants");
    variants.append(...f.variants.map(variantItem));
    detailBody.replaceChildren(
      ...[
        el("h3", f.label),
        f.contested ? el("p", "Contested: some assert this proposition, others deny it.", "contested-note") : null,
        actions,
        fields([
          ["Claims", f.claims],
          ["Documents", f.documents],
          ["Speakers", f.speakers.map(([who, n]) => actorName(who) + " (" + n + ")")],
          ["First seen", f.first || "undated"],
          ["Last seen", f.last || "undated"],
          ["Asserted by", names(f.asserts)],
          ["Denied by", names(f.denies)],
          ["Reported by", names(f.reports)],
          ["Positions", held.map(([p, n]) => n + " " + p).join(", ")],
        ]),
        chart,
        el("h4", "Variants (" + f.variants.length + ")"),
        variants,
        changed ? el("p", "Marked: the figures that differ from the claim before (or, for the first, after).", "hint") : null,
      ].filter(Boolean),
    );
    detailBody.scrollTop = 0;
  }

  function openFamily(id, updateUrl) {
    const f = byId.get(id);
    if (!f) {
      detailKind.textContent = "Variants";
      detailBody.replaceChildren(el("p", "No talking point “" + shorten(String(id), 80) + "” in this build.", "hint"));
      return false;
    }
    state.open = id;
    for (const tr of tbody.querySelectorAll("tr.open")) {
      tr.classList.remove("open");
      tr.removeAttribute("aria-selected");
    }
    const at = listed.indexOf(f);
    if (at >= 0 && (at < state.start || at >= state.end)) {
      // Draw the page of rows that holds the family's, so it is seen in the list.
      state.start = Math.floor(at / PAGE) * PAGE;
      state.end = state.start + PAGE;
      drawRows();
    }
    const tr = at >= 0 ? tbody.children[at - state.start] : null;
    if (tr) {
      markOpen(tr);
      // A row out of sight (a permalink, a row far down) is brought to the middle.
      const list = document.getElementById("list").getBoundingClientRect();
      const box = tr.getBoundingClientRect();
      const header = document.querySelector("#families thead").getBoundingClientRect().height;
      if (box.top < list.top + header || box.bottom > list.bottom) tr.scrollIntoView({ block: "center" });
    }
    showFamily(f);
    if (updateUrl) {
      const hash = "#family=" + encodeURIComponent(id);
      if (window.location.hash !== hash) window.location.hash = hash;
    }
    return true;
  }

  function familyFromHash() {
    const match = /^#family=(.+)$/.exec(window.location.hash);
    if (!match) return;
    let id;
    try {
      id = decodeURIComponent(match[1]);
    } catch (error) {
      return; // a malformed link opens nothing
    }
    if (id !== state.open) openFamily(id, false);
  }

  window.addEventListener("hashchange", familyFromHash);

  drawRows();
  familyFromHash();

  window.explorer = {
    ready: true,
    state,
    open: (id) => openFamily(id, true),
    sortBy,
    setFilter,
    resetFilters,
    showMore,
    showEarlier,
    listedIds: () => listed.map((f) => f.id),
    drawnIds: () => Array.from(tbody.children, (tr) => tr.dataset.family),
  };
})();
