"""Beyond one machine, measured: a LocalCluster against one process, and a SPARQL server.

1. **Cluster overhead.**  A quarter of the debates corpus (12 transcripts, as
   ``bench_build.py`` writes them) is built cold, without cache, in a fresh
   process each time: once as usual, once with ``--scheduler local:2``.  On
   2 cores no speed-up is expected; the point is the same outputs (checked,
   byte for byte) and the overhead, printed as a ratio (issue 15 asks for
   at most 1.3).
2. **Adding a short document.**  The same transcripts are built cold with
   the cache (a whole process, model loading included), then the first seed
   document is added and the folder rebuilt (again a whole process): issue
   15 asks that this cost at most a tenth of the cold build.  The outputs of
   the rebuild are compared with a cold build of the same 13 documents
   without cache.
3. **The server.**  The claim graph of ``bench_rdf.py`` (just over a million
   triples) is written to a build folder and pushed into a fresh
   ``oxigraph serve``: into the empty store, again with nothing changed, and
   one query (docs/queries/who-repeats-whose-claims.rq) is timed on the
   server and on the folder.

Writes benchmarks/results/scale-<date>.json and scale-latest.json.

Usage: python benchmarks/bench_scale.py [--fraction 0.25] [--skip-cluster] [--skip-incremental]
                                        [--skip-server]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
RESULTS = ROOT / "benchmarks" / "results"
CORPUS = ROOT.parent / "shared" / "corpora" / "debates"
OUTPUTS = ("graph.json", "graph.ttl", "graph.html", "explorer.html", "claims.csv")
QUERY = ROOT / "docs" / "queries" / "who-repeats-whose-claims.rq"


def _timed(command: list[str]) -> float:
    started = time.monotonic()
    subprocess.run(command, cwd=ROOT, check=True, env=dict(os.environ, HF_HUB_OFFLINE="1"))
    return round(time.monotonic() - started, 2)


def cluster(fraction: float, work: pathlib.Path) -> dict:
    from bench_build import transcripts_to_documents

    documents = work / "documents"
    documents.mkdir()
    count = max(1, round(50 * fraction))
    lines = transcripts_to_documents(CORPUS, documents, limit=count)
    base = [sys.executable, "-m", "graph.cli", "build", str(documents), "--quiet", "--no-cache"]
    one = _timed([*base, "--out", str(work / "one")])
    on_cluster = _timed([*base, "--out", str(work / "cluster"), "--scheduler", "local:2"])
    same = all(
        (work / "one" / n).read_bytes() == (work / "cluster" / n).read_bytes() for n in OUTPUTS
    )
    return {
        "transcripts": count,
        "transcript_lines": lines,
        "one_process_s": one,
        "local_cluster_2_s": on_cluster,
        "ratio": round(on_cluster / one, 3),
        "same_outputs": same,
    }


def incremental(fraction: float, work: pathlib.Path) -> dict:
    from bench_build import transcripts_to_documents

    documents = work / "documents"
    documents.mkdir()
    count = max(1, round(50 * fraction))
    transcripts_to_documents(CORPUS, documents, limit=count)
    base = [sys.executable, "-m", "graph.cli", "build", "--quiet"]
    out = work / "out"
    cold = _timed([*base, str(documents), "--out", str(out)])
    seed = sorted((ROOT / "seeds").glob("*.txt"))[0]
    shutil.copy(seed, documents / seed.name)
    added = _timed([*base, str(documents), "--out", str(out)])
    _timed([*base, str(documents), "--out", str(work / "cold"), "--no-cache"])
    same = all((out / n).read_bytes() == (work / "cold" / n).read_bytes() for n in OUTPUTS)
    return {
        "transcripts": count,
        "added": seed.name,
        "cold_s": cold,
        "added_s": added,
        "ratio": round(added / cold, 3),
        "same_as_cold": same,
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server(work: pathlib.Path) -> dict:
    from bench_rdf import DEFAULT_CLAIMS, synthetic_graph

    from graph.query import load_store, run_query
    from graph.rdf import write_rdf
    from graph.sparql import push, remote_query

    out = work / "million"
    out.mkdir()
    write_rdf(synthetic_graph(DEFAULT_CLAIMS), out / "graph.ttl")
    binary = shutil.which("oxigraph") or str(pathlib.Path(sys.executable).parent / "oxigraph")
    url = f"http://127.0.0.1:{_free_port()}"
    process = subprocess.Popen(
        [binary, "serve", "--location", str(work / "store"), "--bind", url[7:]],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        first = push(out, url)
        again = push(out, url)
        sparql = QUERY.read_text("utf-8")
        started = time.monotonic()
        remote_query(url, sparql)
        on_server = time.monotonic() - started
        started = time.monotonic()
        run_query(load_store(out), sparql)
        on_folder = time.monotonic() - started
    finally:
        process.terminate()
        process.wait(timeout=30)
    return {
        "triples": first.triples,
        "documents": first.documents,
        "push_empty_store_s": round(first.seconds, 2),
        "push_empty_store_requests": first.requests,
        "push_unchanged_s": round(again.seconds, 2),
        "push_unchanged_requests": again.requests,
        "query_on_server_s": round(on_server, 2),
        "query_on_folder_s": round(on_folder, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--fraction", type=float, default=0.25)
    parser.add_argument("--skip-cluster", action="store_true")
    parser.add_argument("--skip-incremental", action="store_true")
    parser.add_argument("--skip-server", action="store_true")
    args = parser.parse_args()
    result: dict = {
        "date": datetime.date.today().isoformat(),
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
    }
    with tempfile.TemporaryDirectory() as folder:
        work = pathlib.Path(folder)
        if not args.skip_cluster and CORPUS.is_dir():
            (work / "c").mkdir()
            result["cluster"] = cluster(args.fraction, work / "c")
            c = result["cluster"]
            print(
                f"{c['transcripts']} transcripts, cold, no cache: one process {c['one_process_s']} s, "
                f"LocalCluster of 2 {c['local_cluster_2_s']} s (ratio {c['ratio']}); "
                f"same outputs: {c['same_outputs']}"
            )
        if not args.skip_incremental and CORPUS.is_dir():
            (work / "i").mkdir()
            result["incremental"] = i = incremental(args.fraction, work / "i")
            print(
                f"{i['transcripts']} transcripts, whole processes: cold {i['cold_s']} s, "
                f"adding {i['added']} {i['added_s']} s (ratio {i['ratio']}); "
                f"the same outputs as a cold build of the 13: {i['same_as_cold']}"
            )
        if not args.skip_server:
            (work / "s").mkdir()
            result["server"] = s = server(work / "s")
            print(
                f"push of {s['triples']:,} triples ({s['documents']} documents) to oxigraph serve: "
                f"{s['push_empty_store_s']} s into an empty store, {s['push_unchanged_s']} s "
                f"unchanged ({s['push_unchanged_requests']} request); a query: "
                f"{s['query_on_server_s']} s on the server, {s['query_on_folder_s']} s on the folder"
            )
    RESULTS.mkdir(parents=True, exist_ok=True)
    latest = RESULTS / "scale-latest.json"
    if latest.is_file():
        # a phase skipped this time keeps the figures (and date) it had
        earlier = json.loads(latest.read_text("utf-8"))
        for phase in ("cluster", "incremental", "server"):
            if phase not in result and phase in earlier:
                result[phase] = earlier[phase]
                result.setdefault("earlier_phases_date", earlier.get("date"))
    text = json.dumps(result, indent=1, sort_keys=True) + "\n"
    for name in (f"scale-{result['date']}.json", "scale-latest.json"):
        (RESULTS / name).write_text(text, encoding="utf-8")
    print(f"wrote {RESULTS / 'scale-latest.json'}")


if __name__ == "__main__":
    main()
