"""A static report of a build's top talking points, fit to paste into a brief.

``claimgraph report OUTDIR`` writes ``report.md``, ``report.html`` and one
``timeline-<n>.svg`` per talking point into ``OUTDIR/report/`` (or ``--out``).
Everything is read from the graph through :mod:`graph.families` (the rows of
:func:`~graph.families.family_table` and the variants of
:func:`~graph.families.family_variants`) and from the build's summary
(build.json), so the report says what ``claimgraph families`` says, ranked.

The timelines are SVG drawn here (no plotting library): one mark per dated
appearance at its publication date; appearances without a date are counted
as "undated", never placed on a made-up date.  The same build gives the same
report, byte for byte: nothing in it depends on the clock or on where the
build lies (links to the build's pages are relative).

Text from documents is untrusted.  In HTML and SVG every piece of it goes
through :func:`html.escape`, and the page's Content-Security-Policy forbids
scripts; in Markdown the characters that would make it markup (``<``, ``>``
and ``&`` as entities; ``[ ] * _ ` | ~ # \\`` with a backslash) are escaped
and line breaks are folded, so a document cannot add a link, an image, a
table cell or raw HTML to the report.
"""

from __future__ import annotations

import datetime
import html
import json
import os
import pathlib
import re
import shutil
import tempfile
import urllib.parse
from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx

from extract.errors import ClaimgraphError

from .families import family_table, family_variants, talking_point_rank
from .outputs import exchange_folders

__all__ = [
    "DEFAULT_TOP",
    "DEFAULT_VARIANTS",
    "ReportError",
    "md_escape",
    "report_files",
    "timeline_svg",
    "top_families",
    "write_report",
]

#: How many talking points a report holds unless told otherwise.
DEFAULT_TOP = 20
#: How many variants of each talking point a report lists (in date order).
DEFAULT_VARIANTS = 10

#: The files a report folder holds; a folder with anything else is not overwritten.
_REPORT_FILE = re.compile(r"(report\.md|report\.html|timeline-[0-9]+\.svg)\Z")
_STAGING = ".claimgraph-report-"

_POSITION_COLOURS = {"asserts": "#2b6cb0", "denies": "#c53030", "reports": "#718096"}
_OTHER_COLOUR = "#2b6cb0"


class ReportError(ClaimgraphError):
    """A report that cannot be made as asked (a filter that matches nothing, a folder in the way)."""

    code = "CG540"


# --------------------------------------------------------------------------- choosing


def _speaker_count(G: nx.MultiDiGraph, family: str) -> int:
    node = G.nodes[family]
    return len(node.get("speaker_counts") or node.get("speakers") or ())


def _resolve_speaker(G: nx.MultiDiGraph, speaker: str) -> str:
    """The actor id of ``speaker``: an id (with or without ``actor:``) or a name, any case."""
    actors = {n: a for n, a in G.nodes(data=True) if a.get("kind") == "actor"}
    for candidate in (speaker, f"actor:{speaker}"):
        if candidate in actors:
            return candidate
    wanted = " ".join(speaker.split()).casefold()
    named = sorted(
        n
        for n, a in actors.items()
        if wanted in {str(a.get("label") or "").casefold(), str(a.get("name") or "").casefold()}
    )
    if len(named) == 1:
        return named[0]
    if named:
        raise ReportError(
            f"speaker {speaker!r} names {len(named)} actors ({', '.join(named[:5])}); give an id"
        )
    raise ReportError(
        f"no actor {speaker!r} in this graph; give an actor id or name "
        "(claimgraph families lists the speakers)"
    )


def _appears(variant: Mapping[str, Any], speaker: str | None, since: str | None, until: str | None):
    """Whether one appearance matches the filters (by that speaker or claimant, in the dates)."""
    if speaker is not None and speaker not in (variant.get("speaker"), variant.get("claimant")):
        return False
    if since is None and until is None:
        return True
    day = variant.get("published")
    if not day:
        return False
    return (since is None or day >= since) and (until is None or day <= until)


def top_families(
    G: nx.MultiDiGraph,
    top: int = DEFAULT_TOP,
    *,
    speaker: str | None = None,
    since: datetime.date | str | None = None,
    until: datetime.date | str | None = None,
) -> list[dict]:
    """The ``top`` rows of :func:`~graph.families.family_table`, ranked by :func:`~graph.families.talking_point_rank`.

    With ``speaker`` (an actor id or name), ``since`` or ``until`` (dates), a
    talking point is kept when at least one of its appearances is by that
    speaker (or claimant) and published within the dates; its figures stay
    those of the whole family.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for fid, docs, first in (("a", 2, "2019-07-10"), ("b", 3, "2021-05-01")):
    ...     G.add_node(f"family:{fid}", kind="family", label=fid, first_seen=first,
    ...                last_seen="2023-09-14", documents=[f"doc:{i}" for i in range(docs)],
    ...                claims=[f"c{i}" for i in range(docs)])
    >>> [r["id"] for r in top_families(G)]
    ['family:b', 'family:a']
    >>> [r["id"] for r in top_families(G, 1)]
    ['family:b']
    """
    if top < 1:
        raise ReportError(f"top must be 1 or more, not {top}")
    since_s = _iso(since, "since")
    until_s = _iso(until, "until")
    if since_s and until_s and since_s > until_s:
        raise ReportError(f"since ({since_s}) is after until ({until_s}); swap them")
    actor = _resolve_speaker(G, speaker) if speaker else None
    rows = family_table(G)
    if actor or since_s or until_s:
        rows = [
            r
            for r in rows
            if any(
                _appears(v, actor, since_s, until_s)
                for v in family_variants(G, r["id"])["variants"]
            )
        ]
    return sorted(
        rows,
        key=lambda r: talking_point_rank(
            r["documents"], _speaker_count(G, r["id"]), r["size"], r["first_seen"], r["id"]
        ),
    )[:top]


def _iso(value: datetime.date | str | None, name: str) -> str | None:
    if value is None or isinstance(value, datetime.date):
        return value.isoformat() if value else None
    try:
        return datetime.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ReportError(f"{name} {value!r} is not a date; write it as YYYY-MM-DD") from None


# --------------------------------------------------------------------------- timelines


def _day(value: str | None) -> datetime.date | None:
    """A publication date (``YYYY-MM-DD``; ``YYYY-MM`` and ``YYYY`` read as their first day)."""
    if not value:
        return None
    parts = str(value)[:10].split("-")
    try:
        numbers = [int(p) for p in parts] + [1] * (3 - len(parts))
        return datetime.date(*numbers[:3])
    except (TypeError, ValueError):
        return None


def _num(x: float) -> str:
    """A coordinate as fixed-point text: the same figure gives the same bytes."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _short(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def timeline_svg(
    variants: Sequence[Mapping[str, Any]], *, title: str = "", width: int = 640
) -> str:
    """A talking point's appearances by date, as an SVG picture (one ``<circle class="mark">``
    per dated appearance; those of one day stacked; undated ones counted, not drawn).

    ``variants`` are those of :func:`~graph.families.family_variants` (``published``,
    ``position``, ``claimant_name`` or ``speaker``, ``text``).  Every text is escaped.

    Examples
    --------
    >>> svg = timeline_svg([{"published": "2019-07-10", "position": "asserts", "text": "A <b>"},
    ...                     {"published": "2023-09-14", "position": "asserts", "text": "B"},
    ...                     {"published": None, "position": "reports", "text": "C"}])
    >>> svg.count('class="mark"'), "+1 undated" in svg, "A &lt;b&gt;" in svg, "<b>" in svg
    (2, True, True, False)
    """
    e = html.escape
    left, right, top_pad, radius = 48, 48, 10, 3.5
    plot = width - left - right
    columns: dict[datetime.date, list[Mapping[str, Any]]] = {}
    undated = 0
    for v in variants:
        day = _day(v.get("published"))
        if day is None:
            undated += 1
        else:
            columns.setdefault(day, []).append(v)
    dated = sum(len(c) for c in columns.values())
    tallest = max((len(c) for c in columns.values()), default=1)
    step = 8.0 if tallest <= 12 else 96.0 / tallest  # tall stacks squeeze; every mark stays
    axis_y = top_pad + max(tallest * step, 2 * radius + 2) + radius
    positions = {v.get("position") or "" for c in columns.values() for v in c}
    legend = (
        ["asserts", *sorted(positions - {"", "asserts"})] if positions - {"", "asserts"} else []
    )
    height = int(axis_y + (48 if legend else 36))
    first, last = (min(columns), max(columns)) if columns else (None, None)

    def x_of(day: datetime.date) -> float:
        if first is None or last is None or first == last:
            return left + plot / 2
        return left + plot * (day - first).days / (last - first).days

    summary = f"{dated} dated appearance{'' if dated == 1 else 's'}"
    if first is not None:
        summary += f", {first} to {last}" if first != last else f", {first}"
    if undated:
        summary += f"; {undated} undated"
    label = f"{title or 'Timeline of a talking point'}: {summary}"
    axis = _num(axis_y)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{e(label)}" '
        'font-family="sans-serif" font-size="10">',
        f"<title>{e(label)}</title>",
        f'<line x1="{left}" y1="{axis}" x2="{width - right}" y2="{axis}" stroke="#4a5568"/>',
    ]
    if first is not None and last is not None and first != last:
        years = list(range(first.year + 1, last.year + 1))
        every = max(1, -(-len(years) // 10))  # at most ten year ticks
        for year in years[::every]:
            x = _num(x_of(datetime.date(year, 1, 1)))
            out.append(
                f'<line x1="{x}" y1="{axis}" x2="{x}" y2="{_num(axis_y + 4)}" stroke="#4a5568"/>'
                f'<text x="{x}" y="{_num(axis_y + 14)}" text-anchor="middle" '
                f'fill="#4a5568">{year}</text>'
            )
        out.append(f'<text x="{left}" y="{_num(axis_y + 28)}" text-anchor="start">{first}</text>')
        out.append(
            f'<text x="{width - right}" y="{_num(axis_y + 28)}" text-anchor="end">{last}</text>'
        )
    else:
        note = str(first) if first is not None else "no dated appearance"
        out.append(
            f'<text x="{_num(left + plot / 2)}" y="{_num(axis_y + 28)}" '
            f'text-anchor="middle">{note}</text>'
        )
    for day in sorted(columns):
        x = _num(x_of(day))
        for n, v in enumerate(columns[day]):
            position = v.get("position") or ""
            colour = _POSITION_COLOURS.get(position, _OTHER_COLOUR)
            who = v.get("claimant_name") or v.get("speaker") or "unknown speaker"
            tip = (
                f"{day} · {who}{' · ' + position if position else ''}: {_short(v.get('text'), 200)}"
            )
            out.append(
                f'<circle class="mark" cx="{x}" cy="{_num(axis_y - radius - 1 - n * step)}" '
                f'r="{_num(radius)}" fill="{colour}" fill-opacity="0.8">'
                f"<title>{e(tip)}</title></circle>"
            )
    if undated:
        out.append(
            f'<text x="{width - 4}" y="{_num(axis_y + 14)}" text-anchor="end" '
            f'fill="#4a5568">+{undated} undated</text>'
        )
    for k, position in enumerate(legend):
        at = left + 70 * k
        out.append(
            f'<circle cx="{at}" cy="{_num(axis_y + 40)}" r="3" '
            f'fill="{_POSITION_COLOURS.get(position, _OTHER_COLOUR)}"/>'
            f'<text x="{at + 6}" y="{_num(axis_y + 43)}">{e(position)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- text


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")


def md_escape(text: Any) -> str:
    """Document text as inert Markdown: one line, no markup, no raw HTML.

    >>> md_escape('<script>x</script> [a](javascript:b) *c* | d_e\\n# f')
    '&lt;script&gt;x&lt;/script&gt; \\\\[a\\\\](javascript:b) \\\\*c\\\\* \\\\| d\\\\_e \\\\# f'
    """
    # whitespace folded, not stripped: pieces of one sentence keep their spaces
    text = re.sub(r"\s+", " ", str(text if text is not None else ""))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def _marked(text: str, figures: Sequence[str], escape, opening: str, closing: str) -> str:
    """``text`` escaped with ``escape``, each of ``figures`` (first occurrence) wrapped."""
    text = " ".join((text or "").split())
    spans: list[tuple[int, int]] = []
    for figure in figures:
        figure = " ".join(figure.split())
        at = text.find(figure) if figure else -1
        if at >= 0 and all(at >= b or at + len(figure) <= a for a, b in spans):
            spans.append((at, at + len(figure)))
    pieces, cursor = [], 0
    for a, b in sorted(spans):
        pieces.append(escape(text[cursor:a]))
        pieces.append(opening + escape(text[a:b]) + closing)
        cursor = b
    pieces.append(escape(text[cursor:]))
    return "".join(pieces)


def _changed_figures(variants: Sequence[Mapping[str, Any]]) -> list[list[str]]:
    """For each variant, its figures that the variant before it did not state."""
    changed: list[list[str]] = []
    before: list[str] | None = None
    for v in variants:
        figures = list(v.get("figures") or [])
        if before is None:
            changed.append([])
        else:
            seen = {" ".join(f.split()).casefold() for f in before}
            changed.append([f for f in figures if " ".join(f.split()).casefold() not in seen])
        before = figures
    return changed


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _families(n: int) -> str:
    return f"{n:,} claim famil{'y' if n == 1 else 'ies'}"


def _actor_name(G: nx.MultiDiGraph, actor: str | None) -> str:
    if not actor:
        return "unknown speaker"
    return str(G.nodes[actor].get("label") or actor) if actor in G else actor


# --------------------------------------------------------------------------- the report


def _talking_point(G: nx.MultiDiGraph, rank: int, row: Mapping[str, Any]) -> dict:
    """What the report says of one family: its row, its variants and its figures."""
    family = family_variants(G, row["id"])
    node = G.nodes[row["id"]]
    counts = node.get("speaker_counts") or {s: 1 for s in node.get("speakers", [])}
    speakers = sorted(
        ((_actor_name(G, s), n) for s, n in counts.items()), key=lambda x: (-x[1], x[0])
    )
    variants = family["variants"]
    for v in variants:
        if not v.get("claimant_name"):
            v["claimant_name"] = _actor_name(G, v.get("claimant") or v.get("speaker"))
    return {
        "rank": rank,
        "row": row,
        "family": family,
        "label": row["label"] or family.get("label") or row["id"],
        "speakers": speakers,
        "undated": sum(1 for v in variants if not v.get("published")),
        "changed": _changed_figures(variants),
    }


def _build_facts(G: nx.MultiDiGraph, build: Mapping[str, Any] | None) -> dict:
    """What was built: documents, their date span, and the counts (build.json, else the graph)."""
    documents = list((build or {}).get("documents") or [])
    if not documents:
        documents = [
            {"id": n, "published": a.get("published"), "title": a.get("title"), "claims": None}
            for n, a in sorted(G.nodes(data=True))
            if a.get("kind") == "document"
        ]
    documents.sort(key=lambda d: (d.get("published") or "9999", d.get("id") or ""))
    dates = sorted(d["published"] for d in documents if d.get("published"))
    kinds = [a.get("kind") for _, a in G.nodes(data=True)]
    links = [k for _, _, k in G.edges(keys=True)]
    counts = {
        "claims": kinds.count("claim"),
        "actors": kinds.count("actor"),
        "families": kinds.count("family"),
        "recurring_links": links.count("RECURS"),
        "contesting_links": links.count("CONTESTS"),
    }
    counts.update(
        {
            k: v
            for k, v in ((build or {}).get("counts") or {}).items()
            if k in counts and v is not None
        }
    )
    return {
        "documents": documents,
        "first": dates[0] if dates else None,
        "last": dates[-1] if dates else None,
        "undated": len(documents) - len(dates),
        "counts": counts,
        "threshold": (build or {}).get("threshold"),
    }


def _filters_text(speaker: str | None, since: str | None, until: str | None, G) -> str:
    parts = []
    if speaker:
        parts.append(f"said by {_actor_name(G, speaker)} ({speaker})")
    if since:
        parts.append(f"seen on or after {since}")
    if until:
        parts.append(f"seen on or before {until}")
    return "; ".join(parts)


def _permalink(page: str, key: str, node: str) -> str:
    """``page#key=node``, the node id percent-escaped (a claim id holds a ``#``)."""
    return f"{page}#{key}={urllib.parse.quote(node, safe=':')}"


def report_files(
    G: nx.MultiDiGraph,
    build: Mapping[str, Any] | None = None,
    *,
    top: int = DEFAULT_TOP,
    variants: int = DEFAULT_VARIANTS,
    speaker: str | None = None,
    since: datetime.date | str | None = None,
    until: datetime.date | str | None = None,
    pages: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The files of a report, by name: ``report.md``, ``report.html``, ``timeline-<n>.svg``.

    ``build`` is the build's summary (build.json) for the header; ``pages``
    maps ``"graph"`` and ``"explorer"`` to the relative paths of the build's
    graph.html and explorer.html, linked from each talking point where given.
    Nothing is written: :func:`write_report` writes these.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("doc:a", kind="document", published="2019-07-10")
    >>> G.add_node("doc:b", kind="document", published="2023-09-14")
    >>> for c, d in (("claim:a#s1", "2019-07-10"), ("claim:b#s1", "2023-09-14")):
    ...     G.add_node(c, kind="claim", text="No <b>attack</b> for years.", published=d,
    ...                document="doc:" + c[6], family="family:a-s1")
    >>> G.add_node("family:a-s1", kind="family", label="No <b>attack</b> for years.",
    ...            first_seen="2019-07-10", last_seen="2023-09-14",
    ...            documents=["doc:a", "doc:b"], claims=["claim:a#s1", "claim:b#s1"])
    >>> files = report_files(G)
    >>> sorted(files)
    ['report.html', 'report.md', 'timeline-1.svg']
    >>> "No &lt;b&gt;attack&lt;/b&gt; for years." in files["report.md"]
    True
    >>> files["timeline-1.svg"].count('class="mark"')
    2
    """
    since_s, until_s = _iso(since, "since"), _iso(until, "until")
    actor = _resolve_speaker(G, speaker) if speaker else None
    rows = top_families(G, top, speaker=actor, since=since_s, until=until_s)
    points = [_talking_point(G, n, row) for n, row in enumerate(rows, start=1)]
    facts = _build_facts(G, build)
    filters = _filters_text(actor, since_s, until_s, G)
    svgs = {
        f"timeline-{p['rank']}.svg": timeline_svg(
            p["family"]["variants"], title=f"Talking point {p['rank']}: {_short(p['label'], 100)}"
        )
        for p in points
    }
    files = {
        "report.md": _markdown(points, facts, filters, variants, pages or {}),
        "report.html": _html(points, facts, filters, variants, pages or {}, svgs),
    }
    files.update(svgs)
    return files


def _header_sentence(facts: Mapping[str, Any]) -> str:
    c = facts["counts"]
    docs = len(facts["documents"])
    if facts["first"] and facts["first"] != facts["last"]:
        span = f"published {facts['first']} to {facts['last']}"
    elif facts["first"]:
        span = f"published {facts['first']}"
    else:
        span = "none of them dated"
    if facts["undated"] and facts["first"]:
        span += f" ({facts['undated']} undated)"
    threshold = (
        f" Claims were linked at a threshold of {facts['threshold']}."
        if facts["threshold"] is not None
        else ""
    )
    return (
        f"Built from {_plural(docs, 'document')}, {span}: {_plural(c['claims'], 'claim')}, "
        f"{_plural(c['actors'], 'actor')}, {_plural(c['recurring_links'], 'recurring link')}, "
        f"{_plural(c['contesting_links'], 'contesting link')}, "
        f"{_families(c['families'])}.{threshold}"
    )


_RANKING = (
    "Ranked by the number of documents a talking point appears in, then by its number "
    "of speakers, then of claims. Positions (asserts, denies, reports) and links are the linker's: "
    "check them against the sentences before quoting."
)


def _counts_line(p: Mapping[str, Any]) -> str:
    row = p["row"]
    text = f"{_plural(row['size'], 'claim')} in {_plural(row['documents'], 'document')}"
    return text + (f", by {_plural(len(p['speakers']), 'speaker')}" if p["speakers"] else "")


def _seen_line(p: Mapping[str, Any]) -> str:
    row = p["row"]
    text = f"first seen {row['first_seen'] or 'undated'}, last seen {row['last_seen'] or 'undated'}"
    if p["undated"]:
        text += f" ({p['undated']} undated)"
    return text


def _consistency(family: Mapping[str, Any]) -> str | None:
    if family.get("consistent") is None:
        return None
    return (
        "running count consistent (the figures imply one start)"
        if family["consistent"]
        else "running count INCONSISTENT (the figures imply different starts)"
    )


def _variant_facts(v: Mapping[str, Any]) -> list[str]:
    facts = [v.get("published") or "undated", v.get("claimant_name") or "unknown speaker"]
    if v.get("position"):
        facts.append(v["position"])
    relation = (v.get("link") or {}).get("relation")
    if relation:
        facts.append(relation)
    return facts


def _markdown(points, facts, filters, limit, pages) -> str:
    lines = ["# Talking points", ""]
    total = facts["counts"]["families"]
    lines.append(
        f"The top {_plural(len(points), 'talking point')} of {_families(total)}"
        + (f" ({md_escape(filters)})" if filters else "")
        + ". "
        + md_escape(_header_sentence(facts))
    )
    lines += ["", md_escape(_RANKING), ""]
    if not points:
        lines += [
            "No talking point recurs in this build" + (" with these filters." if filters else "."),
            "",
        ]
    else:
        lines += [
            "| # | talking point | claims | documents | first seen | last seen |",
            "|---:|---|---:|---:|---|---|",
        ]
        for p in points:
            row = p["row"]
            lines.append(
                f"| {p['rank']} | {md_escape(_short(p['label'], 90))} | {row['size']} | "
                f"{row['documents']} | {row['first_seen'] or 'undated'} | "
                f"{row['last_seen'] or 'undated'} |"
            )
        lines.append("")
    for p in points:
        row, family = p["row"], p["family"]
        lines += [f"## {p['rank']}. {md_escape(p['label'])}", ""]
        where = [f"`{row['id']}`"]
        if "graph" in pages:
            where.append(f"[in the graph](<{_permalink(pages['graph'], 'node', row['id'])}>)")
        if "explorer" in pages:
            where.append(
                f"[in the explorer](<{_permalink(pages['explorer'], 'family', row['id'])}>)"
            )
        lines += [" · ".join(where), ""]
        speakers = ", ".join(f"{md_escape(name)} ({n})" for name, n in p["speakers"])
        lines.append(f"- {_counts_line(p)}{': ' + speakers if speakers else ''}")
        lines.append(f"- {_seen_line(p)}")
        if family.get("sides"):
            mark = "contested: " if family.get("contested") else ""
            lines.append(f"- {mark}{md_escape(family['sides'])}")
        consistency = _consistency(family)
        if consistency:
            lines.append(f"- {consistency}")
        lines += [
            "",
            f"![Timeline of talking point {p['rank']}: appearances by publication date]"
            f"(timeline-{p['rank']}.svg)",
            "",
            "Appearances in date order (figures that changed from the one before in bold):",
            "",
        ]
        shown = family["variants"][:limit]
        for n, (v, changed) in enumerate(zip(shown, p["changed"], strict=False), start=1):
            text = _marked(v.get("text") or "", changed, md_escape, "**", "**")
            lines.append(f"{n}. {md_escape(' · '.join(_variant_facts(v)))}: {text}")
        rest = len(family["variants"]) - len(shown)
        if rest > 0:
            lines.append(
                f"\n… and {_plural(rest, 'more appearance')}: "
                f"`claimgraph families OUTDIR --family {row['id']}` lists them all."
            )
        lines.append("")
    if facts["documents"]:
        lines += ["## Documents", ""]
        for d in facts["documents"]:
            name = d.get("title") or d.get("path") or d.get("id")
            claims = f", {_plural(d['claims'], 'claim')}" if d.get("claims") is not None else ""
            lines.append(
                f"- {d.get('published') or 'undated'}: {md_escape(name)} (`{d.get('id')}`{claims})"
            )
        lines.append("")
    return "\n".join(lines)


_CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1a202c;max-width:880px;
margin:2em auto;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:2em;border-top:1px solid #e2e8f0;
padding-top:1em}
table{border-collapse:collapse;width:100%;font-size:.9em}th,td{text-align:left;padding:.25em .5em;
border-bottom:1px solid #e2e8f0;vertical-align:top}td.n{text-align:right}td.d{white-space:nowrap}
.facts{margin:.3em 0;padding-left:1.2em}.id{font-family:monospace;font-size:.85em;color:#4a5568}
.note{color:#4a5568;font-size:.9em}ol.variants li{margin:.35em 0}
.meta{color:#4a5568;font-size:.9em}mark{background:#fefcbf;font-weight:600}
svg.timeline{max-width:100%;height:auto;display:block;margin:.6em 0}
@media print{h2{break-before:auto}section{break-inside:avoid}}
"""


def _html(points, facts, filters, limit, pages, svgs) -> str:
    e = html.escape
    total = facts["counts"]["families"]
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Talking points</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<h1>Talking points</h1>",
        "<p>"
        + e(
            f"The top {_plural(len(points), 'talking point')} of {_families(total)}"
            + (f" ({filters})" if filters else "")
            + ". "
            + _header_sentence(facts)
        )
        + "</p>",
        f'<p class="note">{e(_RANKING)}</p>',
    ]
    if not points:
        out.append(
            "<p>No talking point recurs in this build"
            + (" with these filters." if filters else ".")
            + "</p>"
        )
    else:
        out.append(
            "<table><thead><tr><th>#</th><th>talking point</th><th>claims</th>"
            "<th>documents</th><th>first seen</th><th>last seen</th></tr></thead><tbody>"
        )
        for p in points:
            row = p["row"]
            out.append(
                f'<tr><td class="n">{p["rank"]}</td>'
                f'<td><a href="#talking-point-{p["rank"]}">{e(_short(p["label"], 90))}</a></td>'
                f'<td class="n">{row["size"]}</td><td class="n">{row["documents"]}</td>'
                f'<td class="d">{e(row["first_seen"] or "undated")}</td>'
                f'<td class="d">{e(row["last_seen"] or "undated")}</td></tr>'
            )
        out.append("</tbody></table>")
    for p in points:
        row, family = p["row"], p["family"]
        out.append(
            f'<section id="talking-point-{p["rank"]}" data-family="{e(row["id"])}">'
            f"<h2>{p['rank']}. {e(p['label'])}</h2>"
        )
        where = [f'<span class="id">{e(row["id"])}</span>']
        if "graph" in pages:
            href = _permalink(pages["graph"], "node", row["id"])
            where.append(f'<a href="{e(href)}">in the graph</a>')
        if "explorer" in pages:
            href = _permalink(pages["explorer"], "family", row["id"])
            where.append(f'<a href="{e(href)}">in the explorer</a>')
        out.append(f'<p class="meta">{" · ".join(where)}</p>')
        speakers = ", ".join(f"{name} ({n})" for name, n in p["speakers"])
        items = [_counts_line(p) + (": " + speakers if speakers else ""), _seen_line(p)]
        if family.get("sides"):
            items.append(("contested: " if family.get("contested") else "") + family["sides"])
        consistency = _consistency(family)
        if consistency:
            items.append(consistency)
        out.append('<ul class="facts">' + "".join(f"<li>{e(i)}</li>" for i in items) + "</ul>")
        out.append(svgs[f"timeline-{p['rank']}.svg"].rstrip("\n"))
        out.append(
            '<p class="note">Appearances in date order (figures that changed from the one '
            "before are marked):</p>"
        )
        out.append('<ol class="variants">')
        shown = family["variants"][:limit]
        for v, changed in zip(shown, p["changed"], strict=False):
            text = _marked(v.get("text") or "", changed, e, "<mark>", "</mark>")
            out.append(
                f'<li><span class="meta">{e(" · ".join(_variant_facts(v)))}</span><br>{text}</li>'
            )
        out.append("</ol>")
        rest = len(family["variants"]) - len(shown)
        if rest > 0:
            out.append(
                f'<p class="note">… and {_plural(rest, "more appearance")}: '
                f"<code>claimgraph families OUTDIR --family {e(row['id'])}</code> lists them all.</p>"
            )
        out.append("</section>")
    if facts["documents"]:
        out.append("<h2>Documents</h2><ul>")
        for d in facts["documents"]:
            name = d.get("title") or d.get("path") or d.get("id")
            claims = f", {_plural(d['claims'], 'claim')}" if d.get("claims") is not None else ""
            out.append(
                f"<li>{e(d.get('published') or 'undated')}: {e(str(name))} "
                f'(<span class="id">{e(str(d.get("id")))}</span>{e(claims)})</li>'
            )
        out.append("</ul>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


# --------------------------------------------------------------------------- writing


def _read_build_summary(build_dir: pathlib.Path) -> dict | None:
    path = build_dir / "build.json"
    if not path.is_file():
        return None
    try:
        summary = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise ReportError(
            "build.json is not JSON; rebuild with claimgraph build", path=str(path)
        ) from None
    return summary if isinstance(summary, dict) else None


def _check_target(target: pathlib.Path) -> None:
    """Refuse to replace a folder that holds anything but a report's files."""
    if not target.exists():
        return
    if not target.is_dir():
        raise ReportError(
            "is a file, not a folder; give --out a new folder or a report folder",
            path=str(target),
        )
    foreign = sorted(entry.name for entry in target.iterdir() if not _REPORT_FILE.match(entry.name))
    if foreign:
        raise ReportError(
            f"holds files that are not a report's ({', '.join(foreign[:3])}"
            f"{' …' if len(foreign) > 3 else ''}); give --out a new folder or a report folder",
            path=str(target),
        )


def _write_file(path: pathlib.Path, content: str) -> None:
    with open(path, "wb") as fh:
        fh.write(content.encode("utf-8"))
        fh.flush()
        os.fsync(fh.fileno())


def _replace_folder(target: pathlib.Path, files: Mapping[str, str]) -> None:
    """Write ``files`` into a staging folder beside ``target``, then put it in place at once."""
    target = target.absolute()
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    for stale in parent.glob(f".{target.name}{_STAGING}*"):
        shutil.rmtree(stale, ignore_errors=True)  # left by a report that was killed
    staging = pathlib.Path(tempfile.mkdtemp(prefix=f".{target.name}{_STAGING}", dir=parent))
    try:
        for name, content in files.items():
            _write_file(staging / name, content)
        os.chmod(staging, 0o755)  # mkdtemp makes it 0700: a report is for reading
        if not target.exists():
            os.rename(staging, target)
        elif not exchange_folders(staging, target):
            # no atomic swap on this system: move the old report aside, then the new one in
            old = staging.with_name(staging.name + "-old")
            os.rename(target, old)
            try:
                os.rename(staging, target)
            except OSError:
                os.rename(old, target)
                raise
            staging = old
        # after a swap, staging holds the previous report
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def write_report(
    source: str | os.PathLike[str] | nx.MultiDiGraph,
    out: str | os.PathLike[str] | None = None,
    *,
    top: int = DEFAULT_TOP,
    variants: int = DEFAULT_VARIANTS,
    speaker: str | None = None,
    since: datetime.date | str | None = None,
    until: datetime.date | str | None = None,
) -> pathlib.Path:
    """Write the report of a build into ``out`` (default: the build folder's ``report/``).

    ``source`` is a build folder (its graph.json and build.json are read) or
    a graph that :func:`graph.api.build` or :func:`graph.api.load` gave (its
    folder, if it has one, is the build folder).  The report folder is
    written whole or not at all: the files go to a staging folder that then
    takes the place of ``out``, so a failed run leaves the previous report as
    it was.  ``out`` must be new, or a folder holding only a report's files.
    Returns ``out``.

    Raises
    ------
    BuildNotFound
        When the build folder holds no graph.json a build wrote.
    ReportError
        When a filter matches no actor or is not a date, when ``out`` holds
        other files or is not given for a graph without a folder, or when
        the files cannot be written.
    """
    from .export import load_graph

    if isinstance(source, nx.MultiDiGraph):
        G = source
        folder = G.graph.get("out_dir")
        build_path = pathlib.Path(folder) if folder else None
        build = G.graph.get("report")
        if build is None and build_path is not None:
            build = _read_build_summary(build_path)
    else:
        build_path = pathlib.Path(source)
        G = load_graph(build_path)
        build = _read_build_summary(build_path)
    if out is not None:
        target = pathlib.Path(out)
    elif build_path is not None:
        target = build_path / "report"
    else:
        raise ReportError("this graph was built without a folder; say where the report goes: out=")
    _check_target(target)
    pages = {}
    if build_path is not None:
        base = pathlib.Path(os.path.relpath(build_path.absolute(), target.absolute())).as_posix()
        pages = {
            key: f"{base}/{name}"
            for key, name in (("graph", "graph.html"), ("explorer", "explorer.html"))
            if (build_path / name).is_file()
        }
    files = report_files(
        G, build, top=top, variants=variants, speaker=speaker, since=since, until=until, pages=pages
    )
    try:
        _replace_folder(target, files)
    except OSError as err:
        raise ReportError(
            f"cannot write the report ({err.strerror or err}); check that the folder is "
            "writable and the disk has room",
            path=str(target),
        ) from None
    return target
