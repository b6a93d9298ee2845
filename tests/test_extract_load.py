"""Tests of extract.load: walking folders, decoding, formats, metadata, errors."""

from __future__ import annotations

import datetime
import doctest
import hashlib
import io
import json
import pathlib
import tempfile

import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import extract.load
from extract.errors import DocumentError, EmptyDocument, UnsupportedFormat
from extract.load import SUPPORTED_SUFFIXES, iter_document_paths, load_document, slugify
from extract.records import Document

REPO = pathlib.Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
FORMATS = REPO / "tests" / "data" / "formats"
SEED_2019 = SEEDS / "2019-07-10_china-mission-geneva_spokesperson-remarks.txt"
SEED_2023 = SEEDS / "2023-09-14_china-mission-new-york_note-verbale.txt"


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    """Run the test from the repository root, so Document.path is relative to it."""
    monkeypatch.chdir(REPO)
    return REPO


def write_text(folder: pathlib.Path, name: str, text: str) -> pathlib.Path:
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path


# --------------------------------------------------------------------------- PDF builders


def minimal_pdf(content: bytes, info: bytes | None = None) -> bytes:
    """A one-page PDF with Helvetica, written object by object with a correct xref table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 200] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    if info is not None:
        objects.append(info)
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        pdf += b"%010d 00000 n \n" % offset
    trailer = b"<< /Size %d /Root 1 0 R" % (len(objects) + 1)
    if info is not None:
        trailer += b" /Info %d 0 R" % len(objects)
    pdf += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(pdf)


def text_operators(*lines: str) -> bytes:
    """A content stream that writes each line 20 points below the one before."""
    shown = b" 0 -20 Td ".join(b"(%s) Tj" % line.encode("latin-1") for line in lines)
    return b"BT /F1 12 Tf 40 170 Td " + shown + b" ET"


PDF_INFO = b"<< /Title (Annual Water Report) /Author (Ruritania Water Office) " + (
    b"/CreationDate (D:20200102120000Z) >>"
)


# --------------------------------------------------------------------------- slugify


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        (
            "2019-07-10_china-mission-geneva_spokesperson-remarks",
            "2019-07-10-china-mission-geneva-spokesperson-remarks",
        ),
        ("  Ministère des Affaires étrangères ", "ministere-des-affaires-etrangeres"),
        ("Straße--über___Øresund", "strasse-uber-oresund"),
        ("People's Republic of China", "people-s-republic-of-china"),
        ("外交部", "document"),
        ("!!!", "document"),
        ("", "document"),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_slugify_cuts_at_80_characters_without_a_trailing_dash() -> None:
    slug = slugify("word " * 40)
    assert len(slug) <= 80
    assert not slug.endswith("-")
    assert slug.startswith("word-word-")


@given(st.text())
def test_slugify_is_always_a_clean_id(text: str) -> None:
    slug = slugify(text)
    assert slug
    assert len(slug) <= 80
    assert set(slug) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
    assert not slug.startswith("-") and not slug.endswith("-") and "--" not in slug


# --------------------------------------------------------------------------- the seeds


def test_seed_2019_metadata(in_repo: pathlib.Path) -> None:
    doc = load_document(SEED_2019)
    assert doc.id == "doc:2019-07-10-china-mission-geneva-spokesperson-remarks"
    assert doc.path == "seeds/2019-07-10_china-mission-geneva_spokesperson-remarks.txt"
    assert doc.format == "txt"
    assert doc.encoding == "utf-8"
    assert doc.published == datetime.date(2019, 7, 10)
    assert doc.title == (
        "Spokesperson's Remarks on the Letter by Some Western Countries to the President "
        "of the UN HRC and the High Commissioner for Human Rights"
    )
    assert doc.issuer == (
        "Permanent Mission of the People's Republic of China to the United Nations Office "
        "at Geneva and other international organizations in Switzerland"
    )
    assert doc.place is None
    assert doc.language == "en"
    assert doc.metadata_source == (("issuer", "text"), ("published", "text"), ("title", "text"))


def test_seed_2023_metadata(in_repo: pathlib.Path) -> None:
    doc = load_document(SEED_2023)
    assert doc.id == "doc:2023-09-14-china-mission-new-york-note-verbale"
    assert doc.published == datetime.date(2023, 9, 14)
    assert doc.place == "New York"
    assert doc.issuer == "Permanent Mission of the People's Republic of China to the United Nations"
    # Neither the Chinese letterhead nor the reference "CMS (2023)" is a title.
    assert doc.title is None
    assert doc.metadata_source == (("issuer", "text"), ("place", "text"), ("published", "text"))


@pytest.mark.parametrize("seed", [SEED_2019, SEED_2023], ids=["2019", "2023"])
def test_seed_text_is_the_file_text_so_offsets_hold(seed: pathlib.Path) -> None:
    raw = seed.read_bytes()
    doc = load_document(seed)
    assert doc.text == raw.decode("utf-8")
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()


@pytest.mark.parametrize(
    ("seed", "claim"),
    [
        (SEED_2019, "No violent or terrorist activities have occurred in Xinjiang"),
        (SEED_2023, "there has been no violent terrorist incident in Xinjiang"),
    ],
    ids=["2019", "2023"],
)
def test_seed_offsets_point_at_the_same_words(seed: pathlib.Path, claim: str) -> None:
    doc = load_document(seed)
    start = doc.text.index(claim)
    assert seed.read_text(encoding="utf-8")[start : start + len(claim)] == claim
    assert doc.text[start : start + len(claim)] == claim


def test_path_outside_the_working_folder_is_absolute(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    doc = load_document(SEED_2019)
    assert doc.path == SEED_2019.as_posix()
    assert pathlib.PurePosixPath(doc.path).is_absolute()


def test_relative_path_inside_the_working_folder(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "notes").mkdir()
    write_text(tmp_path / "notes", "a.txt", "Statement on the Water Treaty\n\nText.\n")
    monkeypatch.chdir(tmp_path)
    assert load_document("notes/a.txt").path == "notes/a.txt"
    assert load_document(tmp_path / "notes" / "a.txt").path == "notes/a.txt"


def test_documents_are_frozen_records() -> None:
    doc = load_document(SEED_2019)
    assert isinstance(doc, Document)
    assert hash(doc) == hash(load_document(SEED_2019))
    with pytest.raises(AttributeError):
        doc.title = "changed"  # type: ignore[misc]


# --------------------------------------------------------------------------- walking folders


def test_iter_document_paths_walks_sorted_and_reports_unsupported(in_repo: pathlib.Path) -> None:
    files, skipped = iter_document_paths(["tests/data/formats"])
    assert [path.relative_to("tests/data/formats").as_posix() for path in files] == [
        "binary.txt",
        "cp1252-page.html",
        "empty.txt",
        "latin1.txt",
        "nested/deeper/inner.txt",
        "press-release.html",
        "statement.md",
        "stem-sidecar.txt",
        "utf16-bom.txt",
        "with-sidecar.txt",
    ]
    assert all(isinstance(path, pathlib.Path) for path in files)
    # Hidden files and folders and sidecars are passed over without a word.
    assert [pathlib.Path(path).name for path, _ in skipped] == ["picture.png", "report.docx"]
    assert all("unsupported extension" in reason for _, reason in skipped)
    assert "'.png'" in skipped[0][1]


def test_iter_document_paths_reports_missing_and_deduplicates(in_repo: pathlib.Path) -> None:
    files, skipped = iter_document_paths(
        [SEEDS, SEED_2019, "no/such/file.txt", FORMATS / "report.docx"]
    )
    assert [path.name for path in files] == [SEED_2019.name, SEED_2023.name]
    assert skipped[0] == ("no/such/file.txt", "not found")
    assert skipped[1][0].endswith("report.docx")
    assert "unsupported extension '.docx'" in skipped[1][1]


def test_iter_document_paths_orders_deterministically(tmp_path: pathlib.Path) -> None:
    for name in ("b/z.txt", "b/a.md", "a.txt", "c.HTML", "b/.secret/x.txt", "b/a.md.meta.json"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Statement on something")
    files, skipped = iter_document_paths(tmp_path)  # a single path is accepted too
    assert [path.relative_to(tmp_path).as_posix() for path in files] == [
        "a.txt",
        "b/a.md",
        "b/z.txt",
        "c.HTML",
    ]
    assert skipped == []
    again, _ = iter_document_paths([str(tmp_path)])
    assert again == files


def test_iter_document_paths_reports_an_explicit_sidecar(tmp_path: pathlib.Path) -> None:
    sidecar = tmp_path / "a.txt.meta.json"
    sidecar.write_text("{}")
    files, skipped = iter_document_paths([sidecar])
    assert files == []
    assert skipped == [(str(sidecar), "metadata sidecar (read together with its document)")]


# --------------------------------------------------------------------------- encodings


def test_cp1252_text_is_detected() -> None:
    doc = load_document(FORMATS / "latin1.txt")
    assert doc.encoding == "cp1252"
    assert doc.text == (FORMATS / "latin1.txt").read_bytes().decode("cp1252")
    assert "Zürich" in doc.text and "“naïve” résumé" in doc.text and "—" in doc.text
    assert doc.title == "Statement on Cooperation with Zürich and Genève"
    assert doc.place == "Genève"
    assert doc.published == datetime.date(2021, 3, 3)


def test_utf16_with_bom_is_decoded_and_newlines_normalised() -> None:
    doc = load_document(FORMATS / "utf16-bom.txt")
    assert doc.encoding == "utf-16"
    assert not doc.text.startswith("\ufeff")
    assert "\r" not in doc.text
    assert doc.text == (
        "Note on Rivers and Lakes\n\nGeneva, 14 September 2023\n\n"
        "The mission welcomes the report on Lake Léman.\n"
    )
    assert (doc.place, doc.published) == ("Geneva", datetime.date(2023, 9, 14))


def test_utf8_bom_is_stripped_and_mixed_newlines_normalised(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfStatement on Lakes\r\n\r\nOne line.\rAnother line.\n")
    doc = load_document(path)
    assert doc.encoding == "utf-8-sig"
    assert doc.text == "Statement on Lakes\n\nOne line.\nAnother line.\n"


def test_text_is_otherwise_kept_as_is(tmp_path: pathlib.Path) -> None:
    text = "  Indented first line  \n\n\tA tab,  two  spaces and trailing blanks   \n\n\n"
    doc = load_document(write_text(tmp_path, "kept.txt", text))
    assert doc.text == text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn"))
        | st.sampled_from("\n\t"),
        min_size=1,
    ).filter(lambda text: text.strip() and not text.startswith("\ufeff"))
)
def test_any_utf8_text_loads_unchanged(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = pathlib.Path(folder, "any.txt")
        path.write_bytes(text.encode("utf-8"))
        doc = load_document(path)
    assert doc.text == text
    assert doc.encoding == "utf-8"


@settings(max_examples=60, deadline=None)
@given(st.binary(min_size=1, max_size=400))
def test_any_bytes_load_or_raise_a_document_error(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = pathlib.Path(folder, "any.txt")
        path.write_bytes(raw)
        try:
            doc = load_document(path)
        except DocumentError as err:
            assert "\n" not in str(err)
        else:
            assert doc.text.strip()
            assert "\r" not in doc.text


# --------------------------------------------------------------------------- formats


def test_markdown_front_matter(in_repo: pathlib.Path) -> None:
    doc = load_document("tests/data/formats/statement.md")
    assert doc.format == "md"
    assert doc.title == "Statement on the Water Treaty"
    assert doc.issuer == "Ministry of Water Resources of Ruritania"
    assert doc.published == datetime.date(2021, 3, 3)
    assert doc.place == "Geneva"
    assert doc.language == "en"
    assert doc.metadata_source == tuple(
        (field, "front-matter") for field in ("issuer", "language", "place", "published", "title")
    )
    # The front matter is gone, the Markdown is kept as it is.
    assert doc.text.startswith("# Statement on the Water Treaty\n\nThe ministry rejects")
    assert "*Water Treaty*" in doc.text
    assert "tags" not in doc.text and "---" not in doc.text


def test_markdown_without_front_matter_takes_the_heading(tmp_path: pathlib.Path) -> None:
    text = "## Remarks on the **Border** Talks ##\n\nBeijing, 3 March 2021 - The talks went well.\n"
    doc = load_document(write_text(tmp_path, "talks.markdown", text))
    assert doc.format == "md"
    assert doc.text == text
    assert doc.title == "Remarks on the **Border** Talks"
    assert (doc.place, doc.published) == ("Beijing", datetime.date(2021, 3, 3))


def test_markdown_front_matter_aliases_and_bad_date(tmp_path: pathlib.Path) -> None:
    doc = load_document(
        write_text(
            tmp_path, "aliases.md", "---\ndate: July 10, 2019\nauthor: 'Office of X'\n---\nBody.\n"
        )
    )
    assert (doc.published, doc.issuer, doc.text) == (
        datetime.date(2019, 7, 10),
        "Office of X",
        "Body.\n",
    )
    bad = write_text(tmp_path, "bad.md", "---\npublished: someday\n---\nBody.\n")
    with pytest.raises(DocumentError, match=r"front matter key 'published' is not a date"):
        load_document(bad)


def test_html_markup_is_stripped(in_repo: pathlib.Path) -> None:
    doc = load_document(FORMATS / "press-release.html")
    assert doc.format == "html"
    assert doc.encoding == "utf-8"
    assert doc.text == (
        'The minister said the report on Fish & Chips was "biased" and ignored the facts.'
        "\n\nCafé owners in Zürich agreed.\n\nThey said so twice.\n\nFirst point\n\nSecond point"
    )
    for hidden in (
        "script text",
        "late script",
        "color: red",
        "News archive",
        "Enable JavaScript",
        "Related",
        "Copyright",
        "Template text",
        "Chart label",
        "Ruritania Foreign Ministry",
    ):
        assert hidden not in doc.text


def test_html_metadata(in_repo: pathlib.Path) -> None:
    doc = load_document(FORMATS / "press-release.html")
    # The site name is cut from the <title>; entities are unescaped.
    assert doc.title == "Minister rejects “biased” report"
    assert doc.issuer == "Ministry of Foreign Affairs of Ruritania"
    # article:published_time beats <time datetime> and the text.
    assert doc.published == datetime.date(2021, 3, 3)
    assert doc.language == "en"
    assert dict(doc.metadata_source) == {
        "issuer": "html-meta",
        "language": "html-meta",
        "published": "html-meta",
        "title": "html-meta",
    }


def test_html_declared_charset_is_used() -> None:
    doc = load_document(FORMATS / "cp1252-page.html")
    assert doc.encoding == "cp1252"
    assert doc.title == "Déclaration on Genève"
    assert doc.text == "Genève welcomes the “naïve” résumé."


def test_html_falls_back_to_h1_time_and_text(tmp_path: pathlib.Path) -> None:
    page = (
        "<html><head><meta property='og:site_name' content='Ruritania Mission'>"
        "<body><h1>Mission welcomes the vote</h1>"
        "<p>Posted <time datetime='2022-05-06T10:00'>6 May</time></p>"
        "<div>New York, 6 May 2022</div><p>The mission welcomes the vote.</p>"
        "<table><tr><td>a</td><td>b</td></tr></table></body></html>"
    )
    doc = load_document(write_text(tmp_path, "page.htm", page))
    assert doc.format == "html"
    assert doc.title == "Mission welcomes the vote"  # no <title>: the first <h1>
    assert doc.issuer == "Ruritania Mission"
    assert doc.published == datetime.date(2022, 5, 6)
    assert doc.place == "New York"
    assert dict(doc.metadata_source)["place"] == "text"
    assert doc.text.split("\n\n") == [
        "Mission welcomes the vote",
        "Posted 6 May",
        "New York, 6 May 2022",
        "The mission welcomes the vote.",
        "a b",
    ]


def test_html_with_only_markup_is_empty(tmp_path: pathlib.Path) -> None:
    path = write_text(tmp_path, "menu.html", "<html><nav>Home</nav><script>x()</script></html>")
    with pytest.raises(EmptyDocument, match="no readable text"):
        load_document(path)


def test_pdf_text_layer_and_metadata_from_text(tmp_path: pathlib.Path) -> None:
    pdf = minimal_pdf(
        text_operators(
            "Statement on the Water Treaty", "Geneva, 3 March 2021", "The committee met today."
        ),
        PDF_INFO,
    )
    path = tmp_path / "water.pdf"
    path.write_bytes(pdf)
    # The hand-written file is a valid PDF that pypdf reads on its own.
    assert "Water Treaty" in pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    doc = load_document(path)
    assert doc.format == "pdf"
    assert doc.encoding == "pdf"
    assert doc.text.split("\n") == [
        "Statement on the Water Treaty",
        "Geneva, 3 March 2021",
        "The committee met today.",
    ]
    # What the text says beats the information dictionary ...
    assert doc.title == "Statement on the Water Treaty"
    assert doc.published == datetime.date(2021, 3, 3)
    assert doc.place == "Geneva"
    # ... which fills only what the text leaves open.
    assert doc.issuer == "Ruritania Water Office"
    assert dict(doc.metadata_source) == {
        "issuer": "pdf-info",
        "place": "text",
        "published": "text",
        "title": "text",
    }
    assert doc.sha256 == hashlib.sha256(pdf).hexdigest()


def test_pdf_info_is_the_fallback(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(minimal_pdf(text_operators("The committee met today."), PDF_INFO))
    doc = load_document(path)
    assert doc.title == "Annual Water Report"
    assert doc.published == datetime.date(2020, 1, 2)
    assert doc.metadata_source == (
        ("issuer", "pdf-info"),
        ("published", "pdf-info"),
        ("title", "pdf-info"),
    )


def test_pdf_without_text_layer(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(minimal_pdf(b""))
    with pytest.raises(DocumentError) as caught:
        load_document(path)
    assert "no text layer in this PDF; run OCR (e.g. ocrmypdf)" in str(caught.value)
    assert isinstance(caught.value, EmptyDocument)


def test_encrypted_pdf(tmp_path: pathlib.Path) -> None:
    writer = pypdf.PdfWriter(
        clone_from=pypdf.PdfReader(io.BytesIO(minimal_pdf(text_operators("Secret note text"))))
    )
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "locked.pdf"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(DocumentError, match="password-protected; decrypt it"):
        load_document(path)


def test_pdf_encrypted_with_an_empty_password_opens(tmp_path: pathlib.Path) -> None:
    writer = pypdf.PdfWriter(
        clone_from=pypdf.PdfReader(io.BytesIO(minimal_pdf(text_operators("Open note text"))))
    )
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "restricted.pdf"
    path.write_bytes(buffer.getvalue())
    assert load_document(path).text == "Open note text"


@pytest.mark.parametrize(
    "raw",
    [b"%PDF-1.4\nthis is not a pdf", minimal_pdf(text_operators("Cut short"))[:150]],
    ids=["garbage", "truncated"],
)
def test_broken_pdf(tmp_path: pathlib.Path, raw: bytes) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(raw)
    with pytest.raises(
        DocumentError, match=r"cannot read this PDF \(.+\); check the file"
    ) as caught:
        load_document(path)
    assert "\n" not in str(caught.value)


# --------------------------------------------------------------------------- sidecars & options


def test_sidecar_beats_text(in_repo: pathlib.Path) -> None:
    doc = load_document(FORMATS / "with-sidecar.txt")
    assert doc.published == datetime.date(2020, 1, 2)  # the text says 10 July 2019
    assert doc.issuer == "Ministry of Rivers of Ruritania"
    assert doc.place == "Vienna"
    assert doc.title == "Statement on the Danube Dams"
    assert doc.metadata_source == (
        ("issuer", "sidecar"),
        ("place", "sidecar"),
        ("published", "sidecar"),
        ("title", "text"),
    )


def test_sidecar_named_after_the_stem() -> None:
    doc = load_document(FORMATS / "stem-sidecar.txt")
    assert doc.title == "Glaciers statement (from the sidecar)"
    assert dict(doc.metadata_source) == {"language": "sidecar", "title": "sidecar"}


def test_full_name_sidecar_is_preferred(tmp_path: pathlib.Path) -> None:
    path = write_text(tmp_path, "n.txt", "Statement on the Water Treaty\n")
    (tmp_path / "n.txt.meta.json").write_text(json.dumps({"place": "Bern"}))
    (tmp_path / "n.meta.json").write_text(json.dumps({"place": "Basel"}))
    assert load_document(path).place == "Bern"


def test_options_beat_sidecar_and_text() -> None:
    doc = load_document(
        FORMATS / "with-sidecar.txt", published=datetime.date(2021, 1, 1), issuer="Someone Else"
    )
    assert (doc.published, doc.issuer) == (datetime.date(2021, 1, 1), "Someone Else")
    assert dict(doc.metadata_source)["published"] == "option"
    assert dict(doc.metadata_source)["issuer"] == "option"
    assert dict(doc.metadata_source)["place"] == "sidecar"


def test_option_published_accepts_a_datetime() -> None:
    doc = load_document(SEED_2019, published=datetime.datetime(2019, 7, 11, 8, 30))
    assert doc.published == datetime.date(2019, 7, 11)


@pytest.mark.parametrize(
    ("sidecar", "message"),
    [
        ('{"published": "2019-07-10",', "is not valid JSON"),
        ('{"published": "10/07/2019"}', "key 'published' is not a date ('10/07/2019')"),
        ('{"published": "2019-02-30"}', "key 'published' is not a date"),
        ('{"title": ["a", "b"]}', "key 'title' must be a string, not list"),
        ('["title"]', "must be a JSON object"),
    ],
)
def test_invalid_sidecar(tmp_path: pathlib.Path, sidecar: str, message: str) -> None:
    path = write_text(tmp_path, "note.txt", "Statement on the Water Treaty\n")
    (tmp_path / "note.txt.meta.json").write_text(sidecar)
    with pytest.raises(DocumentError) as caught:
        load_document(path)
    assert message in str(caught.value)
    assert "note.txt.meta.json" in str(caught.value)
    assert "\n" not in str(caught.value)


# --------------------------------------------------------------------------- errors


def test_unsupported_format(in_repo: pathlib.Path) -> None:
    with pytest.raises(UnsupportedFormat) as caught:
        load_document(FORMATS / "report.docx")
    message = str(caught.value)
    assert message.startswith("tests/data/formats/report.docx: unsupported file type '.docx'")
    assert all(suffix in message for suffix in SUPPORTED_SUFFIXES)
    assert caught.value.code == "CG101"


def test_binary_content_in_a_text_file(in_repo: pathlib.Path) -> None:
    with pytest.raises(DocumentError, match="looks like a binary file, not text") as caught:
        load_document(FORMATS / "binary.txt")
    assert caught.value.path == "tests/data/formats/binary.txt"


def test_mostly_control_characters_is_binary(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "controls.txt"
    path.write_bytes(bytes(range(1, 9)) * 20 + b"some text")
    with pytest.raises(DocumentError, match="looks like a binary file"):
        load_document(path)


def test_empty_file(in_repo: pathlib.Path) -> None:
    with pytest.raises(EmptyDocument, match="file is empty") as caught:
        load_document(FORMATS / "empty.txt")
    assert caught.value.code == "CG102"


def test_whitespace_only_file(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes("\ufeff \n\t\n".encode())
    with pytest.raises(EmptyDocument, match="only whitespace"):
        load_document(path)


def test_missing_file_and_folder(tmp_path: pathlib.Path) -> None:
    with pytest.raises(DocumentError, match="file not found; check the path"):
        load_document(tmp_path / "missing.txt")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(DocumentError, match="is a folder"):
        load_document(folder)


# --------------------------------------------------------------------------- metadata in text


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("10 July 2019", datetime.date(2019, 7, 10)),
        ("July 10, 2019", datetime.date(2019, 7, 10)),
        ("2019-07-10", datetime.date(2019, 7, 10)),
        ("Date: 2019/07/10", datetime.date(2019, 7, 10)),
        ("10th July 2019", datetime.date(2019, 7, 10)),
        ("the 1st of March, 2021", datetime.date(2021, 3, 1)),
        ("Sept. 14, 2023", datetime.date(2023, 9, 14)),
        ("Thursday, 14 SEPTEMBER 2023", datetime.date(2023, 9, 14)),
        ("Feb 29, 2024", datetime.date(2024, 2, 29)),
        ("10.07.2019", None),  # day and month could be either way round
        ("07/10/2019", None),
        ("Feb 30, 2023", None),
        ("September 19", None),
        ("March 2021", None),
    ],
)
def test_published_date_formats(tmp_path: pathlib.Path, line: str, date: object) -> None:
    text = f"Statement on the Water Treaty\n\n{line}\n\nThe ministry met.\n"
    assert load_document(write_text(tmp_path, "d.txt", text)).published == date


def test_published_is_found_at_the_end_of_a_note(tmp_path: pathlib.Path) -> None:
    body = "\n\n".join(f"Paragraph {n} of the note, with no date in it." for n in range(30))
    text = f"{body}\n\nBerlin, 5 May 2023\n\nMinistry of Foreign Affairs\nBerlin\n"
    doc = load_document(write_text(tmp_path, "end.txt", text))
    assert (doc.published, doc.place) == (datetime.date(2023, 5, 5), "Berlin")


def test_a_date_in_the_middle_is_not_the_publication_date(tmp_path: pathlib.Path) -> None:
    middle = ["Paragraph with no date."] * 20 + ["It happened on 1 May 2001."] + ["More."] * 20
    doc = load_document(write_text(tmp_path, "mid.txt", "\n\n".join(middle)))
    assert doc.published is None  # never a guess, never the file's time


def test_a_short_date_line_beats_an_event_date_in_the_first_paragraph(
    tmp_path: pathlib.Path,
) -> None:
    text = (
        "Statement on the Flood\n\n"
        "The ministry recalls that on 1 May 2001, long ago, the river flooded the old town.\n\n"
        "Issued on 10 July 2019\n"
    )
    assert load_document(write_text(tmp_path, "f.txt", text)).published == datetime.date(
        2019, 7, 10
    )


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("New York, 14 September 2023\n", "New York"),
        ("GENEVA (Reuters) - The U.N. office said on Tuesday it was concerned.\n", "Geneva"),
        ("BEIJING, March 3 (Xinhua) -- The State Council released a report.\n", "Beijing"),
        ("Beijing, 3 March 2021 – The spokesperson said the report was biased.\n", "Beijing"),
        ("Washington, D.C., Sept. 14, 2023 — The ministers met and agreed.\n", "Washington"),
        ("Geneva, Wednesday, 10 July 2019\n", "Geneva"),
        ("UNITED NATIONS, 14 September 2023\n", "United Nations"),
        ("Moreover, 10 July 2019 marks a turning point for the people of the region.\n", None),
        ("Today, 10 July 2019\n", None),
        ("The report of 10 July 2019 is wrong.\n", None),
    ],
)
def test_place_from_a_dateline(tmp_path: pathlib.Path, text: str, place: str | None) -> None:
    assert load_document(write_text(tmp_path, "p.txt", text)).place == place


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Remarks on Water\n\nText.", "Remarks on Water"),
        ("The ministry rejects the report.\n\nMore.", None),
        ("10 July 2019\n\nThe ministry rejects the report.", None),
        ("中华人民共和国外交部\n\nThe ministry rejects the report.", None),
        ("Dear colleagues\n\nThe ministry rejects the report.", None),
        ("UNITED NATIONS\n\nHuman Rights Council\n\nText of the council.", None),
        (
            "PERMANENT MISSION OF RURITANIA\nTO THE UNITED NATIONS\n\n"
            "STATEMENT ON THE SITUATION IN THE REGION\n\nText.",
            "Statement on the Situation in the Region",
        ),
        (
            "No. 123/2023\n\nPress release\n\nMinister visits the Dam Site\n\nText.",
            "Minister visits the Dam Site",
        ),
        ("Note Verbale\n\nThe Embassy presents its compliments.", None),
        (
            "Subject: Visit of the Delegation to Geneva\n\nText.",
            "Visit of the Delegation to Geneva",
        ),
        ("x" * 201 + " y z\n\nText.", None),
    ],
)
def test_title_from_the_first_lines(tmp_path: pathlib.Path, text: str, title: str | None) -> None:
    assert load_document(write_text(tmp_path, "t.txt", text)).title == title


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        (
            "PERMANENT MISSION OF THE PEOPLE'S REPUBLIC OF CHINA TO THE UNITED NATIONS\n\nText.",
            "Permanent Mission of the People's Republic of China to the United Nations",
        ),
        (
            "No. 12/2023\n\nThe Embassy of the Republic of Ruritania presents its compliments to "
            "the Ministry of Foreign Affairs of Freedonia and has the honour to inform it.\n\n"
            "Berlin, 5 May 2023\n\nMinistry of Foreign Affairs\nFreedonia",
            "Embassy of the Republic of Ruritania",
        ),
        (
            "Statement by the Ministry of Foreign Affairs of the Russian Federation on Syria\n\n"
            "10 March 2021\n\nMoscow is concerned.",
            "Ministry of Foreign Affairs of the Russian Federation",
        ),
        (
            "Office of the Spokesperson\n\nStatement on Human Rights Day\n\n10 December 2020",
            "Office of the Spokesperson",
        ),
        (
            "PERMANENT MISSION OF RURITANIA\nTO THE UNITED NATIONS OFFICE AT GENEVA\n\nText.",
            "Permanent Mission of Ruritania to the United Nations Office at Geneva",
        ),
        (
            "Remarks on Water\n\nThe council met.\n\nAll Permanent Missions to the United Nations",
            None,
        ),
        ("Remarks on Water\n\nThe ministry of water met on Tuesday.", None),
    ],
)
def test_issuer_from_the_text(tmp_path: pathlib.Path, text: str, issuer: str | None) -> None:
    assert load_document(write_text(tmp_path, "i.txt", text)).issuer == issuer


@given(st.text(max_size=2000))
def test_metadata_from_text_never_crashes(text: str) -> None:
    found = extract.load._metadata_from_text(text)
    assert set(found) <= {"title", "issuer", "published", "place"}


# --------------------------------------------------------------------------- documentation


def test_docstring_examples_run() -> None:
    result = doctest.testmod(extract.load, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 8
    assert result.failed == 0


def test_public_api() -> None:
    assert extract.load.__all__ == [
        "SUPPORTED_SUFFIXES",
        "iter_document_paths",
        "load_document",
        "slugify",
    ]
    assert SUPPORTED_SUFFIXES == (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")


# --------------------------------------------------------------------------- publication date: evidence only
#
# The four kinds of wrong date seen on unseen statements, rewritten with other
# names and dates: a date *named* in the head (an anniversary's event, an
# earlier disaster, a riot recalled at a press conference, an earlier event a
# declaration mentions) must never become the date of publication.  With real
# evidence (a dateline, a date line, a label, metadata) that date is taken and
# ``published_by`` says which evidence it was.

ANNIVERSARY = (
    "Statement on the eighth anniversary of the Lakeside Accord\n\n"
    "On 14 March 2017, the governments of Arvenia and Belmora signed the Lakeside Accord.\n\n"
    "Eight years on, the Accord still keeps the peace on the lake.\n"
)
COMMUNIQUE = (
    "Joint Communiqué of the Ministers of the Delta Basin\n\n"
    "The ministers recalled the flooding of 3 June 2022 and its victims.\n\n"
    "They agreed to share river gauge data every day.\n"
)
PRESS_CONFERENCE = (
    "Regular press conference of the Ministry of the Interior\n\n"
    "Spokesperson Lina Ostrova said the riot of 21 July 2019 was planned abroad.\n\n"
    "She said the investigation is closed.\n"
)
DECLARATION = (
    "Declaration on the events of 5 October 2018\n\n"
    "The signatories condemn the attack on the Kestra observers.\n"
)


@pytest.mark.parametrize(
    "text",
    [ANNIVERSARY, COMMUNIQUE, PRESS_CONFERENCE, DECLARATION],
    ids=["anniversary", "communique", "press-conference", "declaration"],
)
def test_a_date_named_in_the_head_is_not_the_publication_date(
    tmp_path: pathlib.Path, text: str
) -> None:
    doc = load_document(write_text(tmp_path, "named.txt", text))
    assert (doc.published, doc.published_by) == (None, None)
    assert "published" not in dict(doc.metadata_source)


@pytest.mark.parametrize(
    ("text", "date", "why"),
    [
        ("ARVEN CITY, 14 March 2025 –\n\n" + ANNIVERSARY, datetime.date(2025, 3, 14), "dateline"),
        (
            COMMUNIQUE + "\n" + "They met again.\n\n" * 20 + "Done at Velmora, 2 March 2023\n",
            datetime.date(2023, 3, 2),
            "header",
        ),
        (
            PRESS_CONFERENCE + "\nPublished: Tuesday, 9 February 2021, 15:02 [CET]\n",
            datetime.date(2021, 2, 9),
            "header",
        ),
        ("Issued on 11 December 2018\n\n" + DECLARATION, datetime.date(2018, 12, 11), "header"),
        ("Newswire | 9 Feb 2021\n\n" + PRESS_CONFERENCE, datetime.date(2021, 2, 9), "header"),
        (
            "Top Stories | Newswire staff reporters 9 Feb 2021\n\n" + PRESS_CONFERENCE,
            datetime.date(2021, 2, 9),
            "header",
        ),
        ("Water news\n\n23/02/2021\n\n" + PRESS_CONFERENCE, datetime.date(2021, 2, 23), "header"),
        ("9 Feb 2021 - Transcript:\n\n" + PRESS_CONFERENCE, datetime.date(2021, 2, 9), "header"),
        (
            "February 9, 2021 / 2:25 PM / in 5 years\n\n" + PRESS_CONFERENCE,
            datetime.date(2021, 2, 9),
            "header",
        ),
        (
            "9 February 2021 15:16 (UTC +04:00)\n\n" + PRESS_CONFERENCE,
            datetime.date(2021, 2, 9),
            "header",
        ),
        (
            "Water Materials 9 February 2021 15:16\n\n" + PRESS_CONFERENCE,
            datetime.date(2021, 2, 9),
            "header",
        ),
        (
            "Notes of the media briefing, Government House, Arven City, Tuesday 9 February 2021\n\n"
            + PRESS_CONFERENCE,
            datetime.date(2021, 2, 9),
            "header",
        ),
    ],
    ids=[
        "dateline",
        "foot-of-communique",
        "published-label",
        "issued-on",
        "page-bar",
        "byline",
        "day-first-numbers",
        "genre-label",
        "slash-bar",
        "utc-offset",
        "timestamp",
        "heading-closing-on-place-and-day",
    ],
)
def test_with_evidence_the_date_of_publication_is_taken(
    tmp_path: pathlib.Path, text: str, date: datetime.date, why: str
) -> None:
    doc = load_document(write_text(tmp_path, "dated.txt", text))
    assert (doc.published, doc.published_by) == (date, why)
    assert doc.place in (None, "Arven City", "Velmora")  # "Done at" is no part of the place


def test_numbers_that_read_both_ways_give_no_date(tmp_path: pathlib.Path) -> None:
    doc = load_document(
        write_text(tmp_path, "both.txt", "News | Date: 11/09/2020\n\n" + PRESS_CONFERENCE)
    )
    assert doc.published is None  # 11 September or 9 November: no guess


def test_a_wire_dateline_without_a_year_gives_no_date(tmp_path: pathlib.Path) -> None:
    text = "KESTRA, March 3 (Newswire) -- The ministry denied the report of 2 March 2020.\n"
    doc = load_document(write_text(tmp_path, "wire.txt", text))
    assert doc.published is None  # the year is not written: no guess


def test_html_metadata_dates_the_page_not_the_event_in_its_head(tmp_path: pathlib.Path) -> None:
    body = (
        "<h1>Eight years of the Lakeside Accord</h1><p>On 14 March 2017 the Accord was signed.</p>"
    )
    with_meta = tmp_path / "meta.html"
    with_meta.write_text(
        '<html><head><meta property="article:published_time" content="2025-03-14T09:00:00Z">'
        f"</head><body>{body}</body></html>",
        encoding="utf-8",
    )
    with_time = tmp_path / "time.html"
    with_time.write_text(
        f'<html><body><time datetime="2025-03-15">15 March</time>{body}</body></html>',
        encoding="utf-8",
    )
    without = tmp_path / "plain.html"
    without.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    assert (load_document(with_meta).published, load_document(with_meta).published_by) == (
        datetime.date(2025, 3, 14),
        "metadata",
    )
    assert load_document(with_time).published == datetime.date(2025, 3, 15)
    assert (load_document(without).published, load_document(without).published_by) == (None, None)


def test_pdf_dates_from_information_not_from_an_event_in_the_text(tmp_path: pathlib.Path) -> None:
    lines = text_operators("Report on the flooding of 3 June 2022", "The basin was flooded.")
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(minimal_pdf(lines))
    informed = tmp_path / "informed.pdf"
    informed.write_bytes(minimal_pdf(lines, PDF_INFO))
    assert load_document(plain).published is None
    doc = load_document(informed)
    assert (doc.published, doc.published_by) == (datetime.date(2020, 1, 2), "metadata")


def test_a_sidecar_or_the_option_says_so(tmp_path: pathlib.Path) -> None:
    path = write_text(tmp_path, "named.txt", ANNIVERSARY)
    assert load_document(path, published=datetime.date(2025, 3, 14)).published_by == "option"
    (tmp_path / "named.meta.json").write_text('{"published": "2025-03-13"}', encoding="utf-8")
    doc = load_document(path)
    assert (doc.published, doc.published_by) == (datetime.date(2025, 3, 13), "sidecar")


def test_the_folders_of_the_web_address_date_a_saved_page(tmp_path: pathlib.Path) -> None:
    path = write_text(tmp_path, "saved.txt", PRESS_CONFERENCE)
    (tmp_path / "saved.meta.json").write_text(
        '{"url": "https://news.example.org/archives/2021/02/09/2003799577"}', encoding="utf-8"
    )
    doc = load_document(path)
    assert (doc.published, doc.published_by, doc.url) == (
        datetime.date(2021, 2, 9),
        "url",
        "https://news.example.org/archives/2021/02/09/2003799577",
    )
    # a date line of the text is stronger than the address
    dated = write_text(tmp_path, "dated.txt", "8 February 2021\n\n" + PRESS_CONFERENCE)
    (tmp_path / "dated.meta.json").write_text(
        '{"url": "https://news.example.org/2021/02/09/x"}', encoding="utf-8"
    )
    assert load_document(dated).published_by == "header"


@pytest.mark.parametrize(
    "url",
    [
        "https://ministry.example.gov/eng/202102/t20210210_751357.htm",  # a file's upload stamp
        "https://news.example.org/story?date=2021-02-09",  # the query, not the path
        "https://news.example.org/2021/02/31/impossible",
        "https://news.example.org/section/11/224954/title",
    ],
)
def test_an_address_without_dated_folders_gives_no_date(tmp_path: pathlib.Path, url: str) -> None:
    path = write_text(tmp_path, "saved.txt", PRESS_CONFERENCE)
    (tmp_path / "saved.meta.json").write_text(json.dumps({"url": url}), encoding="utf-8")
    doc = load_document(path)
    assert (doc.published, doc.url) == (None, url)


def test_a_sidecar_url_that_is_no_web_address_is_refused(tmp_path: pathlib.Path) -> None:
    path = write_text(tmp_path, "saved.txt", PRESS_CONFERENCE)
    (tmp_path / "saved.meta.json").write_text('{"url": "javascript:alert(1)"}', encoding="utf-8")
    with pytest.raises(DocumentError, match="saved.meta.json.*'url' is not a web address"):
        load_document(path)


def test_an_html_page_gives_its_canonical_address_and_its_date(tmp_path: pathlib.Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<html><head><link rel="canonical" href="https://example.cn/n3/2020/0703/c9-97.html">'
        "</head><body><p>The riot of 21 July 2019 was planned abroad, she said.</p></body></html>",
        encoding="utf-8",
    )
    doc = load_document(page)
    assert (doc.url, doc.published, doc.published_by) == (
        "https://example.cn/n3/2020/0703/c9-97.html",
        datetime.date(2020, 7, 3),
        "url",
    )


# ---- publication dates from the forms real pages use (issue 14, second round)

LETTER_ONE_PARAGRAPH = (
    "Open letter to the Council To: President of the Council of Arvenia, Mara Lind; Prime "
    "Minister of Belmora, Jon Vesk. 12th April 2022 Dear President, Dear Prime Minister, "
    "On behalf of 40 organisations we ask you to reopen the river talks before the summit "
    "of 30 April 2022.\n"
)


@pytest.mark.parametrize(
    ("text", "date", "why"),
    [
        (
            "[Title] Communiqué of the Delta Ministers\n[Place] Velmora\n[Date] June 3, 2022\n\n"
            + COMMUNIQUE,
            datetime.date(2022, 6, 3),
            "header",
        ),
        (
            "R/12/44\nRiver Council Distr.: General 2 May 2022\nOriginal: English\n\n" + COMMUNIQUE,
            datetime.date(2022, 5, 2),
            "header",
        ),
        (
            "Riverside Council\nDistr.: Limited\n2 May 2022\n\n" + COMMUNIQUE,
            datetime.date(2022, 5, 2),
            "header",
        ),
        (
            "Daily Press Briefing\n(Arven City, October 9, 2021)\n\n" + PRESS_CONFERENCE,
            datetime.date(2021, 10, 9),
            "dateline",
        ),
        ("KESTRA (9 October 2021) - " + PRESS_CONFERENCE, datetime.date(2021, 10, 9), "dateline"),
        (
            "KESTRA\n(9 October 2021) - The spokesperson of the ministry said the riot was planned.\n",
            datetime.date(2021, 10, 9),
            "dateline",
        ),
        (
            "Water news\nMonday 11 October 2021 @ 3.15 p.m. | Water | Courts\n\n"
            + PRESS_CONFERENCE,
            datetime.date(2021, 10, 11),
            "header",
        ),
        (LETTER_ONE_PARAGRAPH, datetime.date(2022, 4, 12), "header"),
        (
            "To the Ministers of the Delta Basin Velmora, 12 April 2022 Re: the gauges Dear "
            "Ministers, we ask you to share the data.",
            datetime.date(2022, 4, 12),
            "header",
        ),
    ],
    ids=[
        "bracketed-label",
        "un-distribution",
        "un-distribution-next-line",
        "bracketed-place-and-date",
        "bracketed-dateline",
        "dateline-over-two-lines",
        "bar-with-at-sign",
        "letter-date-before-salutation",
        "letter-date-before-subject",
    ],
)
def test_more_forms_of_evidence_date_the_text(
    tmp_path: pathlib.Path, text: str, date: datetime.date, why: str
) -> None:
    doc = load_document(write_text(tmp_path, "dated.txt", text))
    assert (doc.published, doc.published_by) == (date, why)


@pytest.mark.parametrize(
    "text",
    [
        # a date in a sentence, right before a salutation-like word
        "The ministers met on 12 April 2022 Dear friends of the river were there too.\n",
        "The summit was held in Arven City. The talks of 12 April 2022. Dear Minister, we ask.\n",
        # a heading that names a day in brackets, with no place in capitals and no text after it
        "International Day of Rivers (14 March 2019)\n\n" + ANNIVERSARY,
        # a numeric date that reads both ways, with only one other date to tell the order
        "News | Date: 11/09/2020\n\n" + PRESS_CONFERENCE,
        # numbers both ways, and the text writes dates in both orders
        "Date: 11/09/2020\n\nThe talks of 9 September and of August 11 were held.\n",
    ],
    ids=["on-date-dear", "date-ends-a-sentence", "day-of-heading", "one-date", "mixed-order"],
)
def test_near_misses_of_the_new_forms_give_no_date(tmp_path: pathlib.Path, text: str) -> None:
    assert load_document(write_text(tmp_path, "named.txt", text)).published is None


@pytest.mark.parametrize(
    ("order_text", "date"),
    [
        (
            "They met in Velmora 9 September; their statement of 11 August 2020 stands.",
            datetime.date(2020, 9, 11),
        ),
        (
            "They met in Velmora September 9; their statement of August 11, 2020 stands.",
            datetime.date(2020, 11, 9),
        ),
    ],
    ids=["day-first", "month-first"],
)
def test_numbers_that_read_both_ways_follow_the_order_of_the_text(
    tmp_path: pathlib.Path, order_text: str, date: datetime.date
) -> None:
    text = f"Joint statement of the Delta Ministers\nNews | Date: 11/09/2020\n{order_text}\n"
    assert load_document(write_text(tmp_path, "order.txt", text)).published == date


def _with_url(tmp_path: pathlib.Path, text: str, url: str) -> Document:
    path = write_text(tmp_path, "saved.txt", text)
    (tmp_path / "saved.meta.json").write_text(json.dumps({"url": url}), encoding="utf-8")
    return load_document(path)


WIRE = "KESTRA, March 3 (Newswire) -- The ministry denied the report of 2 March 2020.\n"


@pytest.mark.parametrize(
    ("url", "date"),
    [
        ("https://wire.example.org/news/032021/264.html", datetime.date(2021, 3, 3)),
        ("https://wire.example.org/2021/03/river-talks", datetime.date(2021, 3, 3)),
        ("https://wire.example.org/archive/2021/river-talks", datetime.date(2021, 3, 3)),
        # the folders name another month: the dateline is not of that month's pages
        ("https://wire.example.org/2021/04/river-talks", None),
        # a story number is no folder of dates
        ("https://wire.example.org/stories/202103030065.html", None),
    ],
    ids=["month-year-folder", "year-month-folders", "year-folder", "other-month", "story-number"],
)
def test_a_dateline_without_a_year_takes_the_year_of_the_address(
    tmp_path: pathlib.Path, url: str, date: datetime.date | None
) -> None:
    doc = _with_url(tmp_path, WIRE, url)
    assert (doc.published, doc.published_by) == (date, "dateline" if date else None)


@pytest.mark.parametrize(
    ("url", "date"),
    [
        ("https://news.example.com/2021/WORLD/03/09/talks/index.html", datetime.date(2021, 3, 9)),
        (
            "https://news.example.com/a/a-13-2021-03-09-wire-6868/4089.html",
            datetime.date(2021, 3, 9),
        ),
        ("https://news.example.com/article/2021-03-09-ministry-denies", datetime.date(2021, 3, 9)),
        # a file named after the day it reports on, and a title's day in words
        ("https://news.example.com/files/flood-report-2021-03-09.pdf", None),
        ("https://news.example.com/press-conference-findings-9-march-2021", None),
    ],
    ids=["section-folder", "iso-in-folder", "iso-slug", "file-name", "day-in-words"],
)
def test_more_dated_folders_of_the_web_address(
    tmp_path: pathlib.Path, url: str, date: datetime.date | None
) -> None:
    assert _with_url(tmp_path, PRESS_CONFERENCE, url).published == date


@pytest.mark.parametrize(
    ("title", "date"),
    [
        (
            "Press Conference: the Water Committee's findings - 9 March 2021",
            datetime.date(2021, 3, 9),
        ),
        (
            "Briefing by the Minister on One Year in Office (May 31, 2021)",
            datetime.date(2021, 5, 31),
        ),
        # no act of speech named: the day is the day of an event
        ("Attack in Kestra (Arvenia) - 17 January 2021", None),
        ("Remarks at the commemoration of the flood (3 June 2012)", None),
        # not set apart
        ("Remarks on the flood of 3 June 2012", None),
    ],
    ids=["press-conference", "briefing", "no-speech-act", "commemoration", "not-set-apart"],
)
def test_a_briefing_heading_closing_on_its_day_dates_the_transcript(
    tmp_path: pathlib.Path, title: str, date: datetime.date | None
) -> None:
    text = f"{title}\n\nThe spokesperson said the river talks will resume.\n"
    assert load_document(write_text(tmp_path, "briefing.txt", text)).published == date


def test_a_briefing_heading_yields_to_the_page_date_and_the_address(tmp_path: pathlib.Path) -> None:
    title = "Transcript of Media Briefing by the Spokesperson (June 16, 2021)\n"
    dated = load_document(write_text(tmp_path, "dated.txt", title + "June 19, 2021\n\nText.\n"))
    assert dated.published == datetime.date(2021, 6, 19)
    doc = _with_url(
        tmp_path, title + "\nThe spokesperson spoke.\n", "https://x.example/2021/06/18/b"
    )
    assert (doc.published, doc.published_by) == (datetime.date(2021, 6, 18), "url")


# ---- evidence forms found missing on unseen pages (issue 14, the fresh half)

STORY = "The spokesperson of the ministry said the river talks would resume next week.\n"


@pytest.mark.parametrize(
    ("text", "date", "why"),
    [
        (
            "River talks resume\nBy Ana Kovač\n"
            "Published : Mar 4, 2022 - 09:12       Updated : Mar 6, 2022 - 17:40\n\n" + STORY,
            datetime.date(2022, 3, 4),
            "header",
        ),
        (
            "River talks resume\nMarch 4, 2022          Reading Time: 4 minutes\n\n" + STORY,
            datetime.date(2022, 3, 4),
            "header",
        ),
        (
            "World, Rivers\nRiver talks resume\nAna Kovač  | 24.03.2022 - Update : 27.03.2022\n\n"
            + STORY,
            datetime.date(2022, 3, 24),
            "header",
        ),
        (
            "Articles: River talks resume\nPosted by deltanews on Mar 4, 2022 - 10:15 AM\n\n"
            + STORY,
            datetime.date(2022, 3, 4),
            "header",
        ),
        (
            "Press Conferences\nPress Conference by the Minister\n"
            "Friday, March 4, 2022, 4:07 p.m. Ministry of Water Resources\n\n" + STORY,
            datetime.date(2022, 3, 4),
            "header",
        ),
        (
            "Lecture on river diplomacy\nWorld News Friday March 4, 2022 11:52 —Ministry of Water\n\n"
            + STORY,
            datetime.date(2022, 3, 4),
            "header",
        ),
        (
            "River talks resume\n• 14/03/2022\n• News > Press Releases\n\n" + STORY,
            datetime.date(2022, 3, 14),
            "header",
        ),
        (
            "4 MARCH 2022, Page 12\nSIR,—The river talks deserve a fairer hearing.\n",
            datetime.date(2022, 3, 4),
            "header",
        ),
        (
            "(March 04, 2022, (Velmora))--The minister said on Thursday that the dam is built.\n",
            datetime.date(2022, 3, 4),
            "dateline",
        ),
        (
            "Delta Heads of Government\n(Delta Secretariat, Kestra, Arvenia – Friday, 4 March 2022)"
            "   –   The Fifth Meeting of the Heads was held on 2-3 March 2022.\n",
            datetime.date(2022, 3, 4),
            "dateline",
        ),
        (
            "KESTRA (Delta Point News / Newswire - 4th March, 2022) \ufffd The ministers met.\n",
            datetime.date(2022, 3, 4),
            "dateline",
        ),
    ],
    ids=[
        "label-then-update-in-columns",
        "date-beside-reading-time",
        "byline-bar-then-update",
        "posted-by-on",
        "stamp-with-clock-and-source",
        "section-stamp-source",
        "bullet-date",
        "issue-line-with-page",
        "bracket-date-then-place",
        "bracket-place-then-date",
        "place-bracket-agency-date",
    ],
)
def test_common_page_forms_date_the_text(
    tmp_path: pathlib.Path, text: str, date: datetime.date, why: str
) -> None:
    doc = load_document(write_text(tmp_path, "page.txt", text))
    assert (doc.published, doc.published_by) == (date, why)


@pytest.mark.parametrize(
    "text",
    [
        # a revision alone is not the day of publication
        "River talks resume\nUpdated : Mar 6, 2022 - 17:40\n\n" + STORY,
        # a heading that names a day in brackets, then a dash: no dateline (lower-case words)
        "(the flood of 4 March 2022) - what the ministers did not say\n\n" + STORY,
        # an event in brackets opening a sentence, with no dash after the bracket
        "(Kestra, 4 March 2022) The ministers met and talked.\n",
        # a clock time followed by a sentence, not by the name of a source
        "Friday, March 4, 2022, 4:07 p.m. the ministers walked out of the talks\n\n" + STORY,
        # a wide gap inside a sentence that names the day of an event
        "The ministers met on 4 March 2022   and agreed to resume the talks.\n",
        # posted by ... a date inside a narrating sentence
        "The statement was posted by the ministry after the talks of 4 March 2022 failed.\n",
    ],
    ids=[
        "update-only",
        "bracketed-event-heading",
        "bracket-without-dash",
        "clock-then-sentence",
        "gap-in-sentence",
        "posted-by-in-sentence",
    ],
)
def test_near_misses_of_the_page_forms_give_no_date(tmp_path: pathlib.Path, text: str) -> None:
    assert load_document(write_text(tmp_path, "named.txt", text)).published is None


def test_a_date_line_that_differs_from_the_dated_folders_yields_to_them(
    tmp_path: pathlib.Path,
) -> None:
    # a banner with the day the page was saved, over an opinion piece filed months before
    text = "Kestra, AR\nTuesday, May 31 2022, 17:39 PM\nOpinion\nRiver talks untimely\n\n" + STORY
    doc = _with_url(tmp_path, text, "https://paper.example/news/2022/02/21/river-talks.html")
    assert (doc.published, doc.published_by) == (datetime.date(2022, 2, 21), "url")
    # the same banner on a page filed that day, and a labelled date, are kept
    same = _with_url(tmp_path, text, "https://paper.example/news/2022/05/31/river-talks.html")
    assert (same.published, same.published_by) == (datetime.date(2022, 5, 31), "header")
    labelled = _with_url(
        tmp_path,
        "Published: 31 May 2022\n\n" + STORY,
        "https://paper.example/news/2022/02/21/river-talks.html",
    )
    assert (labelled.published, labelled.published_by) == (datetime.date(2022, 5, 31), "header")
