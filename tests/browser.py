"""Debian's chromium under Playwright, as the browser tests run it; generated claim graphs.

Used by the browser tests and by ``benchmarks/bench_view.py`` (which puts
``tests/`` on ``sys.path``), so both measure the same page the same way.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import random
from pathlib import Path

import networkx as nx
import pytest

__all__ = [
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "launch",
    "require_chromium",
    "settle_seconds",
    "synthetic_claim_graph",
]

CHROMIUM = Path("/usr/bin/chromium")
# `playwright install` cannot download here; Debian's chromium is driven directly.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def require_chromium() -> None:
    """Skip the calling test when chromium is missing; fail instead on CI."""
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} not found; install Debian's chromium (apt-get install chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def launch(playwright):
    """Start chromium with the project's flags; returns a Playwright ``Browser``."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


# Resolves once the network has been drawn and no node has moved between two
# animation frames; the value is performance.now(), i.e. milliseconds since
# the navigation started.
_STILL_SCRIPT = """() => new Promise(done => {
    const frame = () => new Promise(next => requestAnimationFrame(next));
    const check = async () => {
        const view = window.claimgraph;
        if (!view || !view.drawn) { setTimeout(check, 10); return; }
        const before = JSON.stringify(view.network.getPositions());
        await frame(); await frame();
        const after = JSON.stringify(view.network.getPositions());
        if (before === after) done(performance.now());
        else setTimeout(check, 10);
    };
    check();
})"""


def settle_seconds(page, url: str, timeout_ms: int = 120_000) -> float:
    """Open ``url`` in ``page`` and return seconds from navigation until the graph is still.

    "Still": the network has drawn its first frame and no node position
    changes across two animation frames.
    """
    page.set_default_timeout(timeout_ms)
    page.goto(url, wait_until="commit")
    return page.evaluate(_STILL_SCRIPT) / 1000.0


def synthetic_claim_graph(
    documents: int = 40,
    claims: int = 1500,
    families: int = 200,
    actors: int = 200,
    dates: int = 60,
    seed: int = 0,
) -> nx.MultiDiGraph:
    """A claim graph with the attributes graph.build gives, made of generated text.

    Every family has at least two claims of different documents, linked by
    RECURS edges in date order; every claim has a speaker and mentions one to
    three actors; some claims refer to a date. The same arguments give the
    same graph.

    >>> G = synthetic_claim_graph(documents=3, claims=12, families=2, actors=4, dates=3)
    >>> sorted({kind for _, kind in G.nodes(data="kind")})
    ['actor', 'claim', 'date', 'document', 'family']
    """
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    words = (
        "border trade water sanctions election vaccine tariff pipeline treaty drought "
        "refugees troops grain loans reform strike currency harbour census forest"
    ).split()
    day0 = datetime.date(2015, 1, 1)
    date_values = sorted(
        {(day0 + datetime.timedelta(days=rng.randrange(3650))).isoformat() for _ in range(dates)}
    )
    while len(date_values) < dates:  # collisions: fill with days after the last
        last = datetime.date.fromisoformat(date_values[-1])
        date_values.append((last + datetime.timedelta(days=1)).isoformat())
    for value in date_values:
        G.add_node(f"date:{value}", kind="date", label=value, value=value)

    actor_ids = [f"actor:actor-{i:04d}" for i in range(actors)]
    for i, node in enumerate(actor_ids):
        name = f"Actor {i} of the {words[i % len(words)]} ministry"
        G.add_node(
            node,
            kind="actor",
            label=name,
            name=name,
            actor_kind=("state", "organisation", "person", "group")[i % 4],
            aliases=[f"A{i}"],
        )

    doc_ids = [f"doc:generated-{i:04d}" for i in range(documents)]
    doc_dates = {}
    for i, node in enumerate(doc_ids):
        published = date_values[rng.randrange(len(date_values))]
        doc_dates[node] = published
        title = f"Statement {i} on {words[i % len(words)]}"
        G.add_node(
            node,
            kind="document",
            label=title,
            title=title,
            issuer=G.nodes[actor_ids[i % len(actor_ids)]]["name"],
            published=published,
            place="Geneva",
            path=f"generated/{node[4:]}.txt",
            sha256=hashlib.sha256(node.encode()).hexdigest(),
        )
        G.add_edge(node, f"date:{published}", key="PUBLISHED_ON", kind="PUBLISHED_ON")

    claim_ids = []
    for i in range(claims):
        doc = doc_ids[i % len(doc_ids)]
        sentence = i // len(doc_ids)
        node = f"claim:{doc[4:]}#s{sentence}"
        claim_ids.append(node)
        years = rng.randrange(2, 12)
        prefix = f"The {words[rng.randrange(len(words))]} talks with "
        figure = f"for {years} years"
        text = f"{prefix}{words[i % len(words)]} partners went on {figure} (claim {i})."
        start = 100 * sentence
        figure_at = text.index(figure)
        speaker = actor_ids[rng.randrange(len(actor_ids))]
        G.add_node(
            node,
            kind="claim",
            label=text[:80],
            text=text,
            content=text,
            document=doc,
            sentence=sentence,
            start=start,
            end=start + len(text),
            speaker=speaker,
            source=None,
            stance=("asserts", "denies", "reports")[i % 3],
            negated=i % 3 == 1,
            published=doc_dates[doc],
            family=None,
            times=[
                {
                    "text": figure,
                    "start": start + figure_at,
                    "end": start + figure_at + len(figure),
                    "type": "DURATION",
                    "value": f"P{years}Y",
                }
            ],
            quantities=[],
        )
        G.add_edge(doc, node, key="CONTAINS", kind="CONTAINS")
        G.add_edge(speaker, node, key="ASSERTS", kind="ASSERTS")
        for actor in rng.sample(actor_ids, rng.randrange(1, 4)):
            if actor != speaker:
                G.add_edge(node, actor, key="MENTIONS", kind="MENTIONS", role="mentioned")
        if rng.random() < 0.3:
            value = date_values[rng.randrange(len(date_values))]
            G.add_edge(node, f"date:{value}", key="REFERS_TO", kind="REFERS_TO", text=value)

    # Families: 2-5 claims of different documents each, drawn without reuse.
    pool = claim_ids[:]
    rng.shuffle(pool)
    for f in range(families):
        members: list[str] = []
        size = rng.randrange(2, 6)
        while pool and len(members) < size:
            candidate = pool.pop()
            if all(G.nodes[m]["document"] != G.nodes[candidate]["document"] for m in members):
                members.append(candidate)
        if len(members) < 2:
            break
        members.sort(key=lambda m: (G.nodes[m]["published"], m))
        family = f"family:generated-{f:04d}"
        speakers = sorted({G.nodes[m]["speaker"] for m in members})
        G.add_node(
            family,
            kind="family",
            label=G.nodes[members[0]]["label"],
            label_claim=members[0],
            size=len(members),
            first_seen=G.nodes[members[0]]["published"],
            last_seen=G.nodes[members[-1]]["published"],
            documents=sorted({G.nodes[m]["document"] for m in members}),
            speakers=speakers,
            claims=members,
        )
        for earlier, later in zip(members, members[1:], strict=False):
            G.add_edge(
                earlier,
                later,
                key="RECURS",
                kind="RECURS",
                score=round(rng.uniform(0.6, 0.95), 4),
                relation=rng.choice(["repeated", "reworded", "updated"]),
            )
        for member in members:
            G.nodes[member]["family"] = family
            G.add_edge(member, family, key="MEMBER_OF", kind="MEMBER_OF")
    return G
