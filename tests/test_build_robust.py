"""Hostile and broken input, lost output, incremental and parallel builds (issue 7)."""

from __future__ import annotations

import json
import os
import pathlib
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner
from conftest import ROOT, SEED_2019, SEED_2023, kill_build_and_find_live_workers

from graph.cli import cli
from graph.pipeline import BuildReport, build, load_documents

GOOD = (
    "Ministry of Foreign Affairs of the Republic of Ruritania\n\n"
    "Strelsau, 3 March 2021\n\n"
    "The ministry firmly rejects the report on the border incident. "
    "No soldier has crossed the border for over five years.\n"
)


def _good(folder: pathlib.Path, name: str = "good.txt", text: str = GOOD) -> pathlib.Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _built_texts(out: pathlib.Path) -> set[str]:
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    return {n["text"] for n in data["nodes"] if n["kind"] == "claim"}


def _cli_build(folder, out, *extra):
    return CliRunner().invoke(cli, ["build", str(folder), "--out", str(out), "--no-cache", *extra])


def _failure_lines(result, name):
    return [
        line
        for line in result.output.splitlines()
        if name in line and line.startswith("claimgraph:")
    ]


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\n   \n", "empty"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "binary"),
        ("archive.md", b"PK\x03\x04" + b"\x00\x13\x87" * 500, "binary"),
        ("scan.pdf", None, "no text layer"),
    ],
)
def test_bad_file_is_one_line_and_good_documents_are_kept(tmp_path, name, content, reason):
    folder = tmp_path / "in"
    folder.mkdir()
    _good(folder)
    if content is None:
        content = _blank_pdf()
    (folder / name).write_bytes(content)
    result = _cli_build(folder, tmp_path / "out")
    assert result.exit_code == 1, result.output
    (line,) = _failure_lines(result, name)
    assert reason in line.lower()
    assert "The ministry firmly rejects the report on the border incident." in _built_texts(
        tmp_path / "out"
    )


def _blank_pdf() -> bytes:
    """A valid one-page PDF with no text on it (a scan without OCR)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("latin1.txt", GOOD.replace("Strelsau", "Zürich").encode("latin-1")),
        ("utf16.txt", GOOD.replace("Strelsau", "Zürich").encode("utf-16")),  # with BOM
        ("bad-utf8.txt", GOOD.encode("utf-8").replace(b"Strelsau", b"Z\xfcrich \xff\xfe")),
    ],
)
def test_other_encodings_are_decoded(tmp_path, name, raw):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_bytes(raw)
    result = _cli_build(folder, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "No soldier has crossed the border for over five years." in _built_texts(
        tmp_path / "out"
    )


def test_html_scripts_styles_and_navigation_are_not_claims(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.html").write_text(
        "<html><head><title>Statement</title><style>p { color: red }</style>"
        "<script>var claim = 'The moon is made of cheese.';</script></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/news'>News</a> | Menu items are listed here.</nav>"
        "<p>The ministry firmly rejects the report on the border incident.</p>"
        "<footer>Copyright notice: all rights are reserved by the ministry.</footer></body></html>",
        encoding="utf-8",
    )
    assert _cli_build(folder, tmp_path / "out").exit_code == 0
    texts = _built_texts(tmp_path / "out")
    assert texts == {"The ministry firmly rejects the report on the border incident."}


def test_too_large_file_is_refused_in_bounded_memory(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _good(folder)
    big = folder / "big.txt"
    line = b"The committee has met every week for many years and it will meet again. " * 100 + b"\n"
    with open(big, "wb") as fh:
        while fh.tell() < 50_000_000:
            fh.write(line)
    result = _cli_build(folder, tmp_path / "out")
    assert result.exit_code == 1
    (message,) = _failure_lines(result, "big.txt")
    assert "50 MB" in message and "--max-size" in message
    assert "No soldier has crossed the border for over five years." in _built_texts(
        tmp_path / "out"
    )


def test_unreadable_file_and_broken_link(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    _good(folder)
    locked = _good(folder, "locked.txt", GOOD.replace("Ruritania", "Elbonia"))
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    if os.geteuid() == 0:
        # root reads any file: refuse this one the way the kernel would
        real = pathlib.Path.read_bytes

        def read_bytes(self):
            if self.name == "locked.txt":
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    else:
        locked.chmod(0)
    result = _cli_build(folder, tmp_path / "out")
    assert result.exit_code == 1
    assert "permission denied" in " ".join(_failure_lines(result, "locked.txt")).lower()
    assert "gone.txt" in result.output and "broken" in result.output
    assert "No soldier has crossed the border for over five years." in _built_texts(
        tmp_path / "out"
    )


def test_duplicates_are_kept_once_and_reported(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _good(folder, "a.txt")
    _good(folder, "copy-of-a.txt")
    result = _cli_build(folder, tmp_path / "out")
    assert result.exit_code == 0
    assert "same content as" in result.output
    summary = json.loads((tmp_path / "out" / "build.json").read_text(encoding="utf-8"))
    assert len(summary["documents"]) == 1 and len(summary["duplicates"]) == 1


def test_strict_stops_at_the_first_bad_file(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _good(folder, "b.txt")
    (folder / "a-empty.txt").write_text("", encoding="utf-8")
    result = _cli_build(folder, tmp_path / "out", "--strict")
    assert result.exit_code == 2
    assert "a-empty.txt" in result.output
    assert not (tmp_path / "out" / "graph.json").exists()


def test_a_folder_of_5000_files(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(5000):
        if i % 10 == 9:
            (folder / f"skip-{i:04d}.csv").write_text("a,b\n", encoding="utf-8")
        else:
            (folder / f"note-{i:04d}.txt").write_text(
                f"Note {i}\n\n{1 + i % 28} May 2020\n\n"
                f"The council met and approved budget line {i}.\n",
                encoding="utf-8",
            )
    report = BuildReport()
    documents = load_documents([folder], report)
    assert len(documents) == 4500
    assert len(report.skipped) == 500 and not report.failed
    assert len({d.id for d in documents}) == 4500
    assert {d.published.month for d in documents} == {5}


# ---------------------------------------------------------------- no lost output


@pytest.mark.slow
def test_killed_build_leaves_previous_output_intact(tmp_path):
    """kill -9 a build at several moments: the previous output stays whole and readable."""
    out = tmp_path / "out"
    first = tmp_path / "first"
    first.mkdir()
    (first / SEED_2019.name).write_bytes(SEED_2019.read_bytes())
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    command = [
        sys.executable,
        "-m",
        "graph.cli",
        "build",
        "--out",
        str(out),
        "--quiet",
        "--no-cache",
    ]
    subprocess.run([*command, str(first)], cwd=ROOT, env=env, check=True)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert set(before) >= {
        "graph.json",
        "graph.ttl",
        "graph.html",
        "explorer.html",
        "claims.csv",
        "build.json",
    }

    second = tmp_path / "second"
    second.mkdir()
    for seed in (SEED_2019, SEED_2023):
        (second / seed.name).write_bytes(seed.read_bytes())
    staging = f".{out.name}.claimgraph-staging-"
    moments = ["start", 2.0, 6.0, "writing"]
    for moment in moments:
        proc = subprocess.Popen([*command, str(second)], cwd=ROOT, env=env)
        started = time.monotonic()
        if moment == "start":
            time.sleep(0.2)
        elif moment == "writing":
            # the moment the build starts writing its outputs
            while proc.poll() is None and not any(
                p.name.startswith(staging) for p in tmp_path.iterdir()
            ):
                time.sleep(0.005)
        else:
            time.sleep(max(0.0, moment - (time.monotonic() - started)))
        finished = proc.poll() is not None
        if not finished:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
        after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
        if finished:
            break  # the build was faster than the kill: its output is whole (checked below)
        print(f"killed at {moment}: previous output intact")
        assert after == before, f"output changed by a build killed at {moment}"
        json.loads(after["graph.json"])
    # a complete build afterwards replaces everything at once and cleans up
    subprocess.run([*command, str(second)], cwd=ROOT, env=env, check=True)
    assert len(json.loads((out / "graph.json").read_text("utf-8"))["nodes"]) > len(
        json.loads(before["graph.json"])["nodes"]
    )
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(staging)]


@pytest.mark.slow
def test_workers_die_with_a_killed_build(tmp_path):
    """kill -9 of a build that parses in worker processes leaves none of them running."""

    from graph.pipeline import OVERLAP_MIN_CHARACTERS

    folder = tmp_path / "in"
    folder.mkdir()
    rivers = ["Arven", "Belmora", "Kestra", "Velmora", "Delta", "Ostra", "Lumen", "Corva"]
    for n, river in enumerate(rivers):
        lines = [
            f"Statement {n} on the {river} basin\n\n{1 + n} March 2021\n\n",
            *(
                f"The ministry of water said on day {k} that the dam on the {river} will not "
                f"reduce the flow to the {rivers[(n + k) % len(rivers)]} delta by {k} percent.\n\n"
                for k in range(300)
            ),
        ]
        (folder / f"basin-{n}.txt").write_text("".join(lines), encoding="utf-8")
    size = sum(len(p.read_text("utf-8")) for p in folder.iterdir())
    assert size >= OVERLAP_MIN_CHARACTERS  # so the build parses in workers
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    command = [sys.executable, "-m", "graph.cli", "build", str(folder), "--out"]
    command += [str(tmp_path / "out"), "--quiet", "--no-cache", "--jobs", "2"]
    for _ in range(2):
        # settle: the workers are loading spaCy or parsing when the build is killed
        alive = kill_build_and_find_live_workers(
            command, env=env, at_least=1, settle=1.0, timeout=60
        )
        assert not alive, f"{len(alive)} worker(s) of a killed build still running after 5 s"


# ---------------------------------------------------------------- incremental and parallel


def test_incremental_build_extracts_only_the_new_document(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(4):
        _good(folder, f"note-{i}.txt", GOOD.replace("3 March 2021", f"{3 + i} March 2021"))
    out = tmp_path / "out"
    _, cold = build([folder], out)
    assert (cold.counts["extracted"], cold.counts["from_cache"]) == (4, 0)
    _, warm = build([folder], out)
    assert (warm.counts["extracted"], warm.counts["from_cache"]) == (0, 4)
    _good(folder, "note-new.txt", GOOD.replace("Ruritania", "Elbonia"))
    G, one_more = build([folder], out)
    assert (one_more.counts["extracted"], one_more.counts["from_cache"]) == (1, 4)
    # a cached build gives the same graph as a fresh one
    _, _ = build([folder], tmp_path / "fresh", use_cache=False)
    assert (out / "graph.json").read_bytes() == (tmp_path / "fresh" / "graph.json").read_bytes()
    # a new extractor version misses the whole cache
    monkeypatch.setattr("graph.pipeline.EXTRACTOR_VERSION", "test-new-version")
    _, changed = build([folder], out)
    assert (changed.counts["extracted"], changed.counts["from_cache"]) == (5, 0)


def _seeds_and_good(folder: pathlib.Path) -> pathlib.Path:
    """A folder with the two seeds and the Ruritanian statement."""
    folder.mkdir()
    for seed in (SEED_2019, SEED_2023):
        (folder / seed.name).write_bytes(seed.read_bytes())
    _good(folder)
    return folder


@pytest.mark.slow
def test_parallel_extraction_gives_the_same_graph(tmp_path):
    folder = _seeds_and_good(tmp_path / "in")
    build([folder], tmp_path / "one", jobs=1, use_cache=False)
    build([folder], tmp_path / "two", jobs=2, use_cache=False)
    for name in ("graph.json", "graph.ttl", "claims.csv"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), (
            name
        )


def test_a_claim_said_again_word_for_word_is_embedded_once(tmp_path, monkeypatch):
    import graph.embed

    folder = tmp_path / "in"
    folder.mkdir()
    repeated = "No soldier has crossed the border for over five years."
    _good(folder, "a.txt", GOOD)
    _good(
        folder,
        "b.txt",
        "Ministry of Defence of the Republic of Ruritania\n\nStrelsau, 9 May 2022\n\n"
        f"The army will hold manoeuvres in the north next month. {repeated}\n",
    )
    seen: list[list[str]] = []
    original = graph.embed.embed_texts

    def counting(texts, *args, **kwargs):
        seen.append(list(texts))
        return original(texts, *args, **kwargs)

    monkeypatch.setattr(graph.embed, "embed_texts", counting)
    G, _ = build([folder], tmp_path / "out", use_cache=False)
    # one batch per document, each text once: the repeated claim only with a.txt
    assert len(seen) == 2
    for batch in seen:
        assert len(batch) == len(set(batch))
    assert [sum(t == repeated for t in batch) for batch in seen] == [1, 0]
    assert any("manoeuvres" in t for t in seen[1])
    # both documents still have the claim, and the two are linked as repeated
    with_text = [n for n, a in G.nodes(data=True) if a["kind"] == "claim" and a["text"] == repeated]
    assert len(with_text) == 2
    links = [
        a
        for u, v, k, a in G.edges(keys=True, data=True)
        if k == "RECURS" and {u, v} == set(with_text)
    ]
    assert [a["relation"] for a in links] == ["repeated"]


@pytest.mark.slow
def test_parsing_in_a_worker_while_embedding_gives_the_same_graph(tmp_path, monkeypatch):
    import graph.embed
    import graph.pipeline

    folder = _seeds_and_good(tmp_path / "in")
    build([folder], tmp_path / "plain", jobs=1, use_cache=False)
    # the seeds are below the size where parsing and embedding overlap: lower it
    monkeypatch.setattr(graph.pipeline, "OVERLAP_MIN_CHARACTERS", 0)
    modes: list[bool] = []
    original = graph.pipeline.extract_documents

    def recording(documents, **kwargs):
        modes.append(kwargs.get("workers", False))
        return original(documents, **kwargs)

    monkeypatch.setattr(graph.pipeline, "extract_documents", recording)
    build([folder], tmp_path / "overlap", jobs=1)
    assert modes == [True]
    for name in ("graph.json", "graph.ttl", "claims.csv"):
        assert (tmp_path / "plain" / name).read_bytes() == (
            tmp_path / "overlap" / name
        ).read_bytes(), name
    # a warm rebuild embeds nothing: claim and view vectors come from the cache
    calls: list[int] = []
    real = graph.embed.embed_texts
    monkeypatch.setattr(
        graph.embed,
        "embed_texts",
        lambda texts, *a, **k: calls.append(len(texts)) or real(texts, *a, **k),
    )
    build([folder], tmp_path / "overlap", jobs=1)
    assert calls == []
    assert (tmp_path / "overlap" / "graph.ttl").read_bytes() == (
        tmp_path / "plain" / "graph.ttl"
    ).read_bytes()
