"""RDF at scale: serialise and re-parse a claim graph of at least 1,000,000 triples.

The graph is the claim graph of the 50 CheckThat! 2020 debate transcripts
(../shared/corpora/debates): one document per transcript, one claim per line
(42,776, real text), its speaker as actor, two mentions per claim, time
expressions, quantities and claim families with RECURS links in the shapes
``graph.build`` gives them.  Without the corpus, synthetic sentences stand in.
``--claims`` repeats the lines (under new document ids) to reach a size.

Each step runs in its own process, so its time and peak memory (ru_maxrss)
are its own; building the networkx graph is timed apart and left out:

- Oxigraph (what claimgraph uses): ``graph.rdf.write_rdf`` to Turtle and
  N-Triples (triples generated from the graph and written in one streaming
  pass), ``pyoxigraph.parse`` of each file, ``Store.bulk_load`` of the Turtle
  (what ``claimgraph query`` does);
- rdflib: ``graph.rdf.to_rdf`` (the rdflib model, timed apart as
  ``model_seconds``), ``Graph.serialize`` to Turtle and N-Triples,
  ``Graph.parse`` of the Oxigraph-written files.  rdflib's Turtle serializer
  is stopped after ``--rdflib-timeout`` seconds (its peak memory until then is
  read from /proc) and also timed on a tenth of the graph.

Prints a table, checks every parser read the same number of triples, and
writes benchmarks/results/rdf-<date>.json and rdf-latest.json.

Usage: python benchmarks/bench_rdf.py [--claims N] [--skip-rdflib] [--rdflib-timeout S]
"""

from __future__ import annotations

import argparse
import csv
import datetime
import hashlib
import json
import os
import pathlib
import platform
import resource
import subprocess
import sys
import tempfile
import time

import networkx as nx

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "debates"
RESULTS = ROOT / "benchmarks" / "results"

#: About 32.7 triples a claim: 31,000 claims of the debates give just over a million.
DEFAULT_CLAIMS = 31_000
#: rdflib's Turtle serializer slows down with every new namespace it meets (one per
#: claim here: it keeps looking for a prefix for .../claim/<doc>/s12/); stop it there.
DEFAULT_RDFLIB_TIMEOUT = 600


def _lines(corpus: pathlib.Path) -> list[tuple[str, str, str]]:
    """(transcript stem, speaker, text) of every line of the corpus, or synthetic ones."""
    csv.field_size_limit(sys.maxsize)
    rows: list[tuple[str, str, str]] = []
    for tsv in sorted(corpus.glob("*.tsv")):
        with open(tsv, encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) >= 3 and row[2].strip():
                    rows.append((tsv.stem, row[1].strip() or "SPEAKER", row[2].strip()))
    if rows:
        return rows
    speakers = [f"Speaker {n}" for n in range(40)]
    return [
        (
            f"2016{1 + n // 1000 % 12:02d}01_synthetic_{n // 1000}",
            speakers[n % 40],
            f'Claim {n}: the "rate" rose by {n % 97} per cent in {2000 + n % 24} — or so we\'re told.',
        )
        for n in range(DEFAULT_CLAIMS)
    ]


def synthetic_graph(n_claims: int, corpus: pathlib.Path = DEFAULT_CORPUS) -> nx.MultiDiGraph:
    """A claim graph of ``n_claims`` claims shaped as ``graph.build.build_graph`` makes it."""
    from extract.load import slugify

    lines = _lines(corpus)
    nodes: dict[str, dict] = {}
    edges: dict[tuple[str, str, str], dict] = {}
    speakers = sorted({s for _, s, _ in lines})
    actor_ids = {s: "actor:" + slugify(s) for s in speakers}
    by_doc: dict[str, list[str]] = {}
    offsets: dict[str, int] = {}
    for n in range(n_claims):
        stem, speaker, text = lines[n % len(lines)]
        repeat = n // len(lines)
        doc = "doc:" + slugify(stem) + (f"-{repeat + 1}" if repeat else "")
        stamp = stem[:8] if stem[:8].isdigit() else "20160101"
        published = f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}"
        if doc not in nodes:
            nodes[doc] = {
                "kind": "document",
                "label": stem,
                "title": stem.replace("_", " "),
                "issuer": speaker,
                "published": published,
                "place": None,
                "path": f"debates/{stem}.txt",
                "sha256": hashlib.sha256(doc.encode()).hexdigest(),
                "format": "txt",
                "sentences": 0,
                "claims": 0,
            }
            nodes[f"date:{published}"] = {"kind": "date", "label": published, "value": published}
            edges[(doc, f"date:{published}", "PUBLISHED_ON")] = {"kind": "PUBLISHED_ON"}
        claims = by_doc.setdefault(doc, [])
        claim = f"claim:{doc[4:]}#s{len(claims)}"
        claims.append(claim)
        start = offsets.get(doc, 0)
        offsets[doc] = start + len(text) + 1
        speaker_id = actor_ids[speaker]
        attrs: dict = {
            "kind": "claim",
            "label": text[:80],
            "text": text,
            "content": text,
            "document": doc,
            "sentence": len(claims) - 1,
            "start": start,
            "end": start + len(text),
            "speaker": speaker_id,
            "source": None,
            "stance": ("asserts", "asserts", "denies", "reports")[n % 4],
            "negated": n % 5 == 0,
            "published": published,
            "family": None,
            "times": [],
            "quantities": [],
        }
        if n % 10 == 0:
            year = int(published[:4])
            attrs["times"].append(
                {
                    "text": "for almost three years",
                    "start": start,
                    "end": start + 5,
                    "type": "DURATION",
                    "value": "P3Y",
                    "modifier": "APPROX",
                    "anchor": published,
                    "begin": f"{year - 3}{published[4:]}",
                    "end_value": published,
                }
            )
        if n % 10 == 5:
            attrs["times"].append(
                {"text": "2012", "start": start, "end": start + 4, "type": "DATE", "value": "2012"}
            )
            nodes.setdefault("date:2012", {"kind": "date", "label": "2012", "value": "2012"})
            edges[(claim, "date:2012", "REFERS_TO")] = {"kind": "REFERS_TO", "text": "2012"}
        if n % 8 == 0:
            attrs["quantities"].append(
                {
                    "text": "nearly 100 countries",
                    "start": start,
                    "end": start + 3,
                    "value": 100.0,
                    "unit": "countries",
                    "modifier": "APPROX",
                }
            )
        nodes[claim] = attrs
        edges[(doc, claim, "CONTAINS")] = {"kind": "CONTAINS"}
        edges[(speaker_id, claim, "ASSERTS")] = {"kind": "ASSERTS"}
        for k, role in ((1, "target"), (7, "mentioned")):
            other = actor_ids[speakers[(n * 31 + k) % len(speakers)]]
            if other != speaker_id:
                edges[(claim, other, "MENTIONS")] = {
                    "kind": "MENTIONS",
                    "role": role,
                    "roles": [role],
                }
    for speaker, actor in actor_ids.items():
        nodes[actor] = {
            "kind": "actor",
            "label": speaker,
            "name": speaker,
            "actor_kind": "person",
            "aliases": [speaker.title()] if speaker.title() != speaker else [],
        }
    # families: claim i of one document with claim i of the next, every 20th claim
    docs = sorted(by_doc)
    for a, b in zip(docs, docs[1:], strict=False):
        for i in range(0, min(len(by_doc[a]), len(by_doc[b])), 20):
            first, later = by_doc[a][i], by_doc[b][i]
            family = "family:" + first[6:].replace("#", "-")
            if nodes[first]["family"] or nodes[later]["family"]:
                continue
            dates = sorted([nodes[first]["published"], nodes[later]["published"]])
            nodes[family] = {
                "kind": "family",
                "label": nodes[first]["label"],
                "label_claim": first,
                "size": 2,
                "first_seen": dates[0],
                "last_seen": dates[1],
                "documents": [a, b],
                "speakers": sorted({nodes[first]["speaker"], nodes[later]["speaker"]}),
                "claims": [first, later]
                if dates[0] == nodes[first]["published"]
                else [later, first],
            }
            for c in (first, later):
                nodes[c]["family"] = family
                edges[(c, family, "MEMBER_OF")] = {"kind": "MEMBER_OF"}
            edges[(first, later, "RECURS")] = {
                "kind": "RECURS",
                "score": 0.8123,
                "relation": "reworded",
            }
    G = nx.MultiDiGraph()
    for node in sorted(nodes):
        G.add_node(node, **nodes[node])
    for u, v, kind in sorted(edges):
        G.add_edge(u, v, key=kind, **edges[(u, v, kind)])
    return G


# --------------------------------------------------------------------------- steps


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _run_step(step: str, n_claims: int, work: pathlib.Path) -> dict:
    """Run one step in this process; return its time, triples and memory."""
    import pyoxigraph as ox
    import rdflib

    from graph.rdf import to_rdf, write_rdf

    ttl, nt = work / "graph.ttl", work / "graph.nt"
    needs_graph = step.startswith(("oxigraph-write", "rdflib-write", "graph"))
    if step.endswith("-tenth"):
        n_claims //= 10
    t0 = time.perf_counter()
    G = synthetic_graph(n_claims) if needs_graph else None
    graph_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    g = to_rdf(G) if step.startswith("rdflib-write") else None
    model_seconds = time.perf_counter() - t0
    baseline = _rss_mb()
    triples = None
    t0 = time.perf_counter()
    if step == "graph":
        t0 -= graph_seconds  # this step times building the claim graph
    elif step == "oxigraph-write-ttl":
        write_rdf(G, ttl, "ttl")
    elif step == "oxigraph-write-nt":
        write_rdf(G, nt, "nt")
    elif step in ("oxigraph-parse-ttl", "oxigraph-parse-nt"):
        path = ttl if step.endswith("ttl") else nt
        fmt = ox.RdfFormat.TURTLE if step.endswith("ttl") else ox.RdfFormat.N_TRIPLES
        triples = sum(1 for _ in ox.parse(path=str(path), format=fmt))
    elif step == "oxigraph-load-ttl":
        store = ox.Store()
        store.bulk_load(path=str(ttl), format=ox.RdfFormat.TURTLE)
        triples = len(store)
    elif step in ("rdflib-write-ttl", "rdflib-write-ttl-tenth"):
        g.serialize(work / "rdflib.ttl", format="turtle")
    elif step == "rdflib-write-nt":
        g.serialize(work / "rdflib.nt", format="nt", encoding="utf-8")
    elif step in ("rdflib-parse-ttl", "rdflib-parse-nt"):
        path = ttl if step.endswith("ttl") else nt
        triples = len(rdflib.Graph().parse(path, format="turtle" if path == ttl else "nt"))
    else:
        raise SystemExit(f"unknown step {step}")
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out = {
        "step": step,
        "seconds": round(seconds, 2),
        "peak_mb": round(peak),
        "base_mb": round(baseline),
    }
    if triples is not None:
        out["triples"] = triples
    if step.startswith("rdflib-write"):
        out["model_seconds"] = round(model_seconds, 2)
        out["model_triples"] = len(g)
    if step.startswith(("oxigraph-write", "rdflib-write")):
        name = {"oxigraph-write-ttl": ttl, "oxigraph-write-nt": nt}.get(
            step, work / ("rdflib.nt" if step.endswith("nt") else "rdflib.ttl")
        )
        out["bytes"] = name.stat().st_size
    if step == "graph":
        out["nodes"], out["edges"] = G.number_of_nodes(), G.number_of_edges()
    return out


OXIGRAPH_STEPS = (
    "oxigraph-write-ttl",
    "oxigraph-write-nt",
    "oxigraph-parse-ttl",
    "oxigraph-parse-nt",
    "oxigraph-load-ttl",
)
RDFLIB_STEPS = (
    "rdflib-write-nt",
    "rdflib-parse-ttl",
    "rdflib-parse-nt",
    "rdflib-write-ttl-tenth",
    "rdflib-write-ttl",
)


def _spawn(step: str, claims: int, work: str, timeout: float | None) -> dict:
    """Run one step in a fresh process; past ``timeout`` seconds, stop it and say so."""
    command = [sys.executable, __file__, "--step", step, "--claims", str(claims), "--work", work]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as child:
        try:
            stdout, _ = child.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            with open(f"/proc/{child.pid}/status") as fh:
                peak_kb = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM"))
            child.kill()
            child.communicate()
            return {"step": step, "timed_out_after": timeout, "peak_mb": round(peak_kb / 1024)}
    if child.returncode:
        raise SystemExit(f"step {step} failed with exit code {child.returncode}")
    return json.loads(stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=DEFAULT_CLAIMS)
    parser.add_argument("--skip-rdflib", action="store_true", help="Only the Oxigraph steps.")
    parser.add_argument(
        "--rdflib-timeout",
        type=float,
        default=DEFAULT_RDFLIB_TIMEOUT,
        help="Stop rdflib's Turtle serializer after this many seconds.",
    )
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        print(json.dumps(_run_step(args.step, args.claims, pathlib.Path(args.work))))
        return
    steps = ("graph", *OXIGRAPH_STEPS, *(() if args.skip_rdflib else RDFLIB_STEPS))
    load_before = os.getloadavg()
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-rdf-") as work:
        for step in steps:
            timeout = args.rdflib_timeout if step == "rdflib-write-ttl" else None
            result = _spawn(step, args.claims, work, timeout)
            results.append(result)
            if "timed_out_after" in result:
                print(
                    f"{step:<22} stopped after {result['timed_out_after']:.0f} s"
                    f"  peak {result['peak_mb']:>6,} MB (not finished)",
                    flush=True,
                )
                continue
            extra = f"  {result['triples']:>9,} triples" if "triples" in result else ""
            if "model_triples" in result:
                extra = (
                    f"  (+ {result['model_seconds']:.2f} s to build the rdflib model of "
                    f"{result['model_triples']:,} triples)"
                )
            print(
                f"{step:<22} {result['seconds']:>8.2f} s  peak {result['peak_mb']:>6,} MB"
                f"  (before the step {result['base_mb']:,} MB){extra}",
                flush=True,
            )
    counts = {r["triples"] for r in results if "triples" in r}
    if len(counts) != 1:
        raise SystemExit(f"parsers disagree on the number of triples: {sorted(counts)}")
    triples = counts.pop()
    by_step = {r["step"]: r for r in results}

    def round_trip(write: str, read: str, model: float = 0.0) -> dict:
        w, r = by_step[write], by_step[read]
        if "timed_out_after" in w:
            return {
                "seconds": None,
                "more_than_seconds": w["timed_out_after"] + r["seconds"] + model,
            }
        return {
            "seconds": round(model + w["seconds"] + r["seconds"], 2),
            "peak_mb": max(w["peak_mb"], r["peak_mb"]),
        }

    summary = {
        "oxigraph_ttl": round_trip("oxigraph-write-ttl", "oxigraph-parse-ttl"),
        "oxigraph_nt": round_trip("oxigraph-write-nt", "oxigraph-parse-nt"),
    }
    if not args.skip_rdflib:
        model = by_step["rdflib-write-nt"]["model_seconds"]
        summary["rdflib_ttl"] = round_trip("rdflib-write-ttl", "rdflib-parse-ttl", model)
        summary["rdflib_nt"] = round_trip("rdflib-write-nt", "rdflib-parse-nt", model)
    if triples < 1_000_000:
        print(f"note: {triples:,} triples, fewer than a million; raise --claims")
    graph = by_step["graph"]
    print(f"\n{triples:,} triples ({graph['nodes']:,} nodes, {graph['edges']:,} edges)")
    for name, s in summary.items():
        if s["seconds"] is None:
            print(
                f"{name:<14} serialise + parse: more than {s['more_than_seconds']:,.0f} s (stopped)"
            )
        else:
            print(f"{name:<14} serialise + parse: {s['seconds']:>8.2f} s, peak {s['peak_mb']:,} MB")
    record = {
        "date": datetime.date.today().isoformat(),
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            # other work on the machine slows every step; say how busy it was
            "load_average_1min": {"start": load_before[0], "end": os.getloadavg()[0]},
        },
        "claims": args.claims,
        "triples": triples,
        "steps": results,
        "turtle_round_trip": summary,
        "notes": "rdflib round trips include building the rdflib Graph from the claim graph "
        "(model_seconds); Oxigraph generates the triples from the claim graph while writing. "
        "Peak is the process's ru_maxrss (VmHWM for a stopped step), the claim graph itself "
        "included (see base_mb).",
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    text = json.dumps(record, indent=1) + "\n"
    (RESULTS / f"rdf-{record['date']}.json").write_text(text, encoding="utf-8")
    (RESULTS / "rdf-latest.json").write_text(text, encoding="utf-8")
    print(f"wrote {RESULTS / 'rdf-latest.json'}")


if __name__ == "__main__":
    main()
