"""Documents from files: plain text, Markdown, HTML and PDF, with the metadata found in them.

:func:`load_document` reads one file into a :class:`~extract.records.Document`:
its text (what every character offset of the extraction points into), a stable
id, a content hash, and the metadata that could be found for it -- title,
issuer, date of publication, place.  Metadata comes, strongest first, from
keyword options, a ``NAME.meta.json`` sidecar, Markdown front matter, HTML
``<meta>`` tags, the text itself (headings, datelines, letterheads, the
"presents its compliments" formula of a note verbale) and, weakest, the PDF
information dictionary.  Nothing is guessed from file times.

:func:`iter_document_paths` turns files and folders into the list of documents
to load, and says which files it left out and why.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime
import hashlib
import io
import json
import os
import pathlib
import re
import unicodedata
import warnings
from collections.abc import Iterable, Mapping
from html.parser import HTMLParser
from typing import Any

from .errors import DocumentError, EmptyDocument, UnsupportedFormat
from .records import Document

__all__ = [
    "SUPPORTED_SUFFIXES",
    "iter_document_paths",
    "load_document",
    "slugify",
]

#: File name endings that :func:`load_document` reads (compared case-insensitively).
SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")

_FORMAT_OF_SUFFIX = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}
_SIDECAR_SUFFIX = ".meta.json"
_METADATA_FIELDS = ("title", "issuer", "published", "place", "language", "url")
_SLUG_MAX = 80

# Where a metadata value may come from, strongest first.
_SOURCES = ("option", "sidecar", "front-matter", "html-meta", "text", "url", "pdf-info")
#: Document.published_by of a date taken from each source (the text says "dateline" or "header")
_PUBLISHED_BY = {"front-matter": "metadata", "html-meta": "metadata", "pdf-info": "metadata"}


# --------------------------------------------------------------------------- slugs


# Letters NFKD does not decompose into ASCII.
_TRANSLITERATION = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l", "þ": "th", "ð": "d", "ı": "i"}
)


def slugify(text: str) -> str:
    """Return a readable, ASCII, lower-case slug of ``text`` for use in ids.

    Accents are removed (NFKD), every run of characters other than ``a-z`` and
    ``0-9`` becomes one ``-``, and the slug is cut to 80 characters.  Text with
    nothing to keep (``"中文"``, ``"!!!"``) gives ``"document"``.

    Parameters
    ----------
    text : str
        Any text: a file stem, an actor's name.

    Returns
    -------
    str
        The slug; never empty, never starting or ending with ``-``.

    Examples
    --------
    >>> slugify("2019-07-10_China Mission (Geneva)")
    '2019-07-10-china-mission-geneva'
    >>> slugify("Ministère des Affaires étrangères")
    'ministere-des-affaires-etrangeres'
    >>> slugify("外交部")
    'document'
    """
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_TRANSLITERATION))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    slug = slug[:_SLUG_MAX].rstrip("-")
    return slug or "document"


# --------------------------------------------------------------------------- paths


def iter_document_paths(
    paths: Iterable[str | os.PathLike[str]],
) -> tuple[list[pathlib.Path], list[tuple[str, str]]]:
    """Expand files and folders into the documents to load, and the files left out.

    Folders are walked recursively in sorted order, so two runs over the same
    tree give the same list.  Hidden files and folders (names starting with
    ``.``) and ``*.meta.json`` sidecars are passed over silently; files with an
    extension claimgraph does not read, and paths that do not exist, are
    reported in the second list instead of raising.  A file reached twice is
    listed once.

    Parameters
    ----------
    paths : iterable of str or os.PathLike
        Files and folders, in the order the user gave them.  A single path is
        accepted too.

    Returns
    -------
    files : list of pathlib.Path
        The documents to pass to :func:`load_document`.
    skipped : list of (str, str)
        ``(path, reason)`` for every file or path that was left out.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("b.txt", "a.md", "c.docx", "a.md.meta.json", ".draft.txt"):
    ...     _ = (folder / name).write_text("Statement")
    >>> files, skipped = iter_document_paths([folder, folder / "missing.txt"])
    >>> [path.name for path in files]
    ['a.md', 'b.txt']
    >>> [(pathlib.Path(path).name, reason.split(" (")[0]) for path, reason in skipped]
    [('c.docx', "unsupported extension '.docx'"), ('missing.txt', 'not found')]
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    files: list[pathlib.Path] = []
    skipped: list[tuple[str, str]] = []
    seen: set[str] = set()

    def keep(path: pathlib.Path) -> None:
        key = os.path.abspath(path)
        if key not in seen:
            seen.add(key)
            files.append(path)

    for given in paths:
        root = pathlib.Path(given)
        if root.is_dir():
            found, left_out = _walk_folder(root)
            for path in found:
                keep(path)
            skipped.extend(left_out)
        elif root.is_file():
            reason = _skip_reason(root, explicit=True)
            if reason:
                skipped.append((str(root), reason))
            else:
                keep(root)
        elif os.path.lexists(root):
            reason = "broken symbolic link" if root.is_symlink() else "not a regular file"
            skipped.append((str(root), reason))
        else:
            skipped.append((str(root), "not found"))
    return files, skipped


def _walk_folder(root: pathlib.Path) -> tuple[list[pathlib.Path], list[tuple[str, str]]]:
    """Documents under ``root`` and the files left out, both sorted by path."""
    found: list[pathlib.Path] = []
    left_out: list[tuple[pathlib.Path, str]] = []

    def unreadable(err: OSError) -> None:
        left_out.append((pathlib.Path(err.filename), f"cannot read folder ({err.strerror})"))

    for folder, dirnames, filenames in os.walk(root, onerror=unreadable):
        dirnames[:] = sorted(name for name in dirnames if not name.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or name.lower().endswith(_SIDECAR_SUFFIX):
                continue
            path = pathlib.Path(folder, name)
            reason = _skip_reason(path, explicit=False)
            if reason:
                left_out.append((path, reason))
            else:
                found.append(path)

    def order(path: pathlib.Path) -> tuple[str, ...]:
        return path.relative_to(root).parts

    found.sort(key=order)
    left_out.sort(key=lambda item: order(item[0]))
    return found, [(str(path), reason) for path, reason in left_out]


def _skip_reason(path: pathlib.Path, *, explicit: bool) -> str | None:
    """Why a file is not a document to load, or None if it is one."""
    if explicit and path.name.lower().endswith(_SIDECAR_SUFFIX):
        return "metadata sidecar (read together with its document)"
    if not explicit and not path.is_file() and not path.is_symlink():
        # a broken link is not skipped: loading it fails and says so
        return "not a regular file"
    suffix = path.suffix.lower()
    if suffix in _FORMAT_OF_SUFFIX:
        return None
    readable = ", ".join(SUPPORTED_SUFFIXES)
    if not suffix:
        return f"no file extension (claimgraph reads {readable})"
    return f"unsupported extension '{suffix}' (claimgraph reads {readable})"


def _display_path(path: pathlib.Path) -> str:
    """POSIX path relative to the working folder when inside it, else absolute."""
    absolute = pathlib.Path(os.path.abspath(path))
    cwd = pathlib.Path(os.getcwd())
    if absolute.is_relative_to(cwd):
        return absolute.relative_to(cwd).as_posix()
    try:
        resolved, real_cwd = absolute.resolve(), cwd.resolve()
    except OSError:
        return absolute.as_posix()
    if resolved.is_relative_to(real_cwd):
        return resolved.relative_to(real_cwd).as_posix()
    return absolute.as_posix()


# --------------------------------------------------------------------------- loading


def load_document(
    path: str | os.PathLike[str],
    *,
    published: datetime.date | None = None,
    issuer: str | None = None,
) -> Document:
    """Read a text, Markdown, HTML or PDF file into a :class:`~extract.records.Document`.

    The text is decoded (UTF-8 with or without BOM, UTF-16/32 with BOM, else
    the declared HTML charset, else detected; Western files fall back to
    cp1252), a leading BOM is dropped and newlines become ``"\\n"``.  Plain
    text is otherwise kept as it is, so offsets into ``Document.text`` are
    offsets into the file's text.  Markdown loses its front matter, HTML its
    markup (paragraphs joined by blank lines), PDF gives its text layer with
    pages joined by blank lines.

    Metadata is taken, strongest first, from the keyword options, the sidecar
    (``NAME.txt.meta.json`` or ``NAME.meta.json`` next to the file: keys
    ``title``, ``issuer``, ``published`` as ``YYYY-MM-DD``, ``place``,
    ``language``, ``url``), Markdown front matter, HTML ``<title>``/``<meta>``/
    ``<time>``/canonical link, the text itself, the date in the folders of
    the web address (``/2023/05/11/``), and the PDF information dictionary.
    ``Document.metadata_source`` records which one gave each field and
    ``Document.published_by`` the evidence for the date of publication: a
    date only *named* in a sentence is never taken for it.

    Parameters
    ----------
    path : str or os.PathLike
        The file to read.
    published : datetime.date, optional
        Date of publication; overrides whatever the file or its sidecar says.
    issuer : str, optional
        Who issued the document; overrides whatever the file or its sidecar says.

    Returns
    -------
    Document
        ``id`` is ``"doc:" + slugify(file stem)``; the caller makes ids unique
        when two files share a stem.  ``encoding`` is the codec that decodes
        the raw bytes (``"pdf"`` for PDF text layers).

    Raises
    ------
    UnsupportedFormat
        The extension is not one of :data:`SUPPORTED_SUFFIXES`.
    EmptyDocument
        The file holds no text (empty, only whitespace or markup, or a PDF
        without a text layer).
    DocumentError
        The file is missing, unreadable, binary, an encrypted or broken PDF,
        or its sidecar or front matter is invalid.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> note = folder / "water-note.txt"
    >>> _ = note.write_text(
    ...     "Statement on the Use of Transboundary Rivers\\n\\n"
    ...     "Ministry of Water Resources\\n\\n"
    ...     "The ministry rejects the report.\\n\\n"
    ...     "Geneva, 3 March 2021\\n"
    ... )
    >>> doc = load_document(note)
    >>> doc.id, doc.title
    ('doc:water-note', 'Statement on the Use of Transboundary Rivers')
    >>> doc.issuer
    'Ministry of Water Resources'
    >>> doc.published, doc.place
    (datetime.date(2021, 3, 3), 'Geneva')
    >>> load_document(note, published=datetime.date(2021, 3, 4)).metadata_source
    (('issuer', 'text'), ('place', 'text'), ('published', 'option'), ('title', 'text'))
    """
    file = pathlib.Path(path)
    shown = _display_path(file)
    doc_format = _FORMAT_OF_SUFFIX.get(file.suffix.lower())
    if not file.exists():
        raise DocumentError("file not found; check the path", shown)
    if file.is_dir():
        raise DocumentError("is a folder, not a file; pass the files in it instead", shown)
    if doc_format is None:
        suffix = file.suffix.lower() or "(no extension)"
        raise UnsupportedFormat(
            f"unsupported file type '{suffix}'; convert it to one of "
            f"{', '.join(SUPPORTED_SUFFIXES)} and pass that",
            shown,
        )
    try:
        raw = file.read_bytes()
    except OSError as err:
        raise DocumentError(
            f"cannot read the file ({err.strerror}); check its permissions", shown
        ) from err
    if not raw.strip():
        raise EmptyDocument("file is empty; nothing to extract, leave it out", shown)

    layers: dict[str, dict[str, object]] = {source: {} for source in _SOURCES}
    layers["option"] = {
        "published": _as_date(published),
        "issuer": " ".join(issuer.split()) or None if issuer is not None else None,
    }
    sidecar = _find_sidecar(file)
    if sidecar is not None:
        layers["sidecar"] = _read_sidecar(sidecar)

    if doc_format == "pdf":
        text, layers["pdf-info"] = _read_pdf(raw, shown)
        encoding = "pdf"
    elif doc_format == "html":
        decoded, encoding = _decode(raw, shown, declared=_declared_html_charset(raw))
        text, layers["html-meta"] = _html_to_text(decoded)
        if not text.strip():
            raise EmptyDocument(
                "no readable text left after removing the markup (scripts, menus, "
                "headers); save the page's article text and pass that",
                shown,
            )
    else:
        text, encoding = _decode(raw, shown)
        if doc_format == "md":
            text, layers["front-matter"] = _split_front_matter(text, shown)
        if not text.strip():
            what = "only front matter" if doc_format == "md" else "only whitespace"
            raise EmptyDocument(f"file holds {what}; nothing to extract, leave it out", shown)

    layers["text"] = _metadata_from_text(text, markdown=doc_format == "md")
    url = next((layers[s]["url"] for s in _SOURCES if layers[s].get("url")), None)
    if isinstance(url, str):
        layers["url"] = {"published": url_date(url)}
        # A date line with no label that is later than the dated folders of the address is
        # the page's clock or banner (the day the page was saved or updated): the folders
        # were written when the story was filed, and a story is not filed before it is
        # written.  (An earlier date line is the day the text was written: a letter posted
        # the day after.)
        folder_date = layers["url"]["published"]
        text_date = layers["text"].get("published")
        if (
            layers["text"].pop("unlabelled_date", False)
            and isinstance(folder_date, datetime.date)
            and isinstance(text_date, datetime.date)
            and text_date > folder_date
        ):
            del layers["text"]["published"], layers["text"]["published_by"]
    layers["text"].pop("unlabelled_date", None)
    if not any(layers[s].get("published") for s in _SOURCES):
        layers["text"].update(_weak_published(layers["text"], url))

    chosen: dict[str, object] = {}
    sources: list[tuple[str, str]] = []
    for field in _METADATA_FIELDS:
        for source in _SOURCES:
            value = layers[source].get(field)
            if value is not None:
                chosen[field] = value
                sources.append((field, source))
                break

    language = chosen.get("language")
    # why the date of publication is that date (see Document.published_by)
    published_by = None
    if chosen.get("published") is not None:
        source = dict(sources)["published"]
        published_by = (
            str(layers["text"].get("published_by", "header"))
            if source == "text"
            else _PUBLISHED_BY.get(source, source)
        )
    return Document(
        id="doc:" + slugify(file.stem),
        path=shown,
        sha256=hashlib.sha256(raw).hexdigest(),
        text=text,
        format=doc_format,
        encoding=encoding,
        title=_as_optional_str(chosen.get("title")),
        issuer=_as_optional_str(chosen.get("issuer")),
        published=_as_date(chosen.get("published")),
        place=_as_optional_str(chosen.get("place")),
        language=language if isinstance(language, str) else "en",
        metadata_source=tuple(sorted(sources)),
        published_by=published_by,
        url=_as_optional_str(chosen.get("url")),
    )


_WEB_ADDRESS = re.compile(r"https?://[^\s/?#]+[^\s]*\Z", re.I)
# A date written as folders of the address's path: /2023/05/11/, /2019-07/30/,
# /2020/0703/, /20220803/, /2022-08-03/, and with one section folder between the
# year and the day (/2003/POLITICS/05/15/).  Only whole path segments count,
# never the query or a file name's stamp (t20200523_751357.htm): a content
# system names folders by the day of publication, while a file's stamp may be
# the day it was uploaded.
_URL_DATE = re.compile(
    r"/(?P<year>(?:19|20)\d{2})(?:"
    r"/(?P<m1>\d{2})/(?P<d1>\d{2})"
    r"|-(?P<m2>\d{2})/(?P<d2>\d{2})"
    r"|/(?P<m3>\d{2})(?P<d3>\d{2})"
    r"|(?P<m4>\d{2})(?P<d4>\d{2})"
    r"|-(?P<m5>\d{2})-(?P<d5>\d{2})"
    r"|/[A-Za-z][A-Za-z_-]{0,30}/(?P<m6>\d{2})/(?P<d6>\d{2})"
    r")(?=/)"
)
# An ISO date inside a slug (/a-13-2009-05-14-voa24-68687822/, /article/2004-07-09-title):
# a content system stamps the day of posting in that form, while a title turned into a
# slug writes its dates in words ("...-findings-28-march-2024").  Not in a file name with
# an extension (report-2019-05-14.pdf may be named after the day it reports on).
_URL_SLUG_DATE = re.compile(
    r"/(?:[^/.]*[-_])?(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:[-_][^/.]*)?(?=/|\Z)"
)
# The year (and month) of an address's folders: /2011/, /2011/02/, /2011-02/, /201102/,
# /022011/ -- with a dateline that gives only the month and day, the day of publication.
_URL_YEAR = re.compile(r"/(?P<year>(?:19|20)\d{2})(?:[-/]?(?P<month>\d{2}))?(?=/)")
_URL_MONTH_YEAR = re.compile(r"/(?P<month>\d{2})(?P<year>(?:19|20)\d{2})(?=/)")


def url_date(url: str) -> datetime.date | None:
    """The date of publication written in the folders of a web address, or None.

    Examples
    --------
    >>> url_date("https://news.example.org/archives/2023/05/11/2003799577")
    datetime.date(2023, 5, 11)
    >>> url_date("http://example.cn/n3/2020/0703/c90000-9706605.html")
    datetime.date(2020, 7, 3)
    >>> url_date("http://example.gov/eng/202005/t20200523_751357.htm") is None
    True
    >>> url_date("https://news.example.com/2003/POLITICS/05/15/list/index.html")
    datetime.date(2003, 5, 15)
    >>> url_date("https://news.example.com/a/a-13-2009-05-14-wire-6868/408969.html")
    datetime.date(2009, 5, 14)
    """
    if not _WEB_ADDRESS.match(url):
        return None
    path = _url_path(url)
    for match in _URL_DATE.finditer(path):
        month = next(match[f"m{k}"] for k in range(1, 7) if match[f"m{k}"])
        day = next(match[f"d{k}"] for k in range(1, 7) if match[f"d{k}"])
        try:
            return datetime.date(int(match["year"]), int(month), int(day))
        except ValueError:
            continue
    for match in _URL_SLUG_DATE.finditer(path):
        date = _calendar(int(match["year"]), int(match["month"]), int(match["day"]))
        if date is not None:
            return date
    return None


def _url_path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url).split("?", 1)[0].split("#", 1)[0]


def url_year_month(url: str) -> tuple[int, int | None] | None:
    """The year, and the month if written, of the first dated folder of a web address.

    Examples
    --------
    >>> url_year_month("http://news.example.by/belarusnews/022011/264.html")
    (2011, 2)
    >>> url_year_month("https://example.org/news/2020/joint-statement/id27")
    (2020, None)
    >>> url_year_month("https://example.org/stories/202212230065.html") is None
    True
    """
    if not _WEB_ADDRESS.match(url):
        return None
    path = _url_path(url)
    found = []
    for pattern in (_URL_YEAR, _URL_MONTH_YEAR):
        match = pattern.search(path)
        if match is not None:
            month = int(match["month"]) if match["month"] else None
            if month is None or 1 <= month <= 12:
                found.append((match.start(), int(match["year"]), month))
    if not found:
        return None
    _, year, month = min(found)
    return year, month


def _weak_published(found: Mapping[str, object], url: object) -> dict[str, object]:
    """The date of publication from weaker evidence, when nothing else gives one.

    A dateline without a year ("MINSK, February 17 (Agency) -") takes its year
    from the dated folders of the page's address when their month, if written,
    is the dateline's; else a heading that names a briefing or press conference
    and closes on its day gives that day.
    """
    dateline_day = found.get("dateline_day")
    folders = url_year_month(url) if isinstance(url, str) else None
    if isinstance(dateline_day, tuple) and folders is not None:
        (month, day), (year, folder_month) = dateline_day, folders
        date = _calendar(year, month, day)
        if date is not None and folder_month in (None, month):
            return {"published": date, "published_by": "dateline"}
    title_date = found.get("title_date")
    if isinstance(title_date, datetime.date):
        return {"published": title_date, "published_by": "header"}
    return {}


def _as_optional_str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _as_date(value: object) -> datetime.date | None:
    """A date from a date or datetime (a datetime keeps only its day)."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if value is None:
        return None
    raise TypeError(f"published must be a datetime.date, not {type(value).__name__}")


# --------------------------------------------------------------------------- decoding

_BOMS = (
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)

_BINARY_MESSAGE = (
    "looks like a binary file, not text; pass the document as .txt (UTF-8), .md, .html or .pdf"
)


def _decode(raw: bytes, shown: str, declared: str | None = None) -> tuple[str, str]:
    """Decode ``raw`` and normalise newlines; return the text and the codec used."""
    text, encoding = _decode_bytes(raw, shown, declared)
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if _mostly_not_text(text):
        raise DocumentError(_BINARY_MESSAGE, shown)
    return text, encoding


def _decode_bytes(raw: bytes, shown: str, declared: str | None) -> tuple[str, str]:
    for bom, codec, name in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec), codec
            except UnicodeDecodeError as err:
                raise DocumentError(
                    f"starts with a {name} byte-order mark but is not valid {name} "
                    f"({err.reason} at byte {err.start}); re-save it as UTF-8",
                    shown,
                ) from err
    bomless = _sniff_utf16(raw)
    if bomless is not None:
        return raw.decode(bomless), bomless
    if b"\x00" in raw:
        raise DocumentError(_BINARY_MESSAGE, shown)
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared is not None:
        try:
            return raw.decode(declared), declared
        except UnicodeDecodeError:
            pass
    return _detect_encoding(raw, shown)


def _sniff_utf16(raw: bytes) -> str | None:
    """UTF-16 without a BOM, recognised by ASCII text with a NUL in every other byte."""
    sample = raw[:4096]
    if len(sample) < 8 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _detect_encoding(raw: bytes, shown: str) -> tuple[str, str]:
    """Guess a legacy 8-bit encoding, preferring cp1252 when it fits as well as the best guess.

    On short Western texts charset-normalizer often ranks cp1250 or cp775 first
    with the same score as cp1252 ("Genève" read as "Genčve"); statements in
    English and Western languages are far more often cp1252.
    """
    import charset_normalizer

    matches = list(charset_normalizer.from_bytes(raw))
    if not matches:
        raise DocumentError(_BINARY_MESSAGE, shown)
    best = matches[0]
    chosen = best.encoding
    for match in matches:
        if (
            match.encoding == "cp1252"
            and match.chaos <= best.chaos + 0.02
            and match.coherence >= best.coherence - 0.1
        ):
            chosen = "cp1252"
            break
    try:
        return raw.decode(chosen), chosen
    except (UnicodeDecodeError, LookupError):
        return str(best), best.encoding


def _mostly_not_text(text: str) -> bool:
    """True when more than a tenth of the characters are control or replacement characters."""
    sample = text[:8192]
    if not sample:
        return False
    odd = sum(
        1
        for char in sample
        if char == "\ufffd"
        or (unicodedata.category(char) in {"Cc", "Co", "Cn"} and char not in "\t\n\f\v")
    )
    return odd > 0.1 * len(sample)


# --------------------------------------------------------------------------- sidecar & front matter


def _find_sidecar(file: pathlib.Path) -> pathlib.Path | None:
    """``a/b.txt.meta.json``, else ``a/b.meta.json``, if either exists."""
    for candidate in (
        file.with_name(file.name + _SIDECAR_SUFFIX),
        file.with_name(file.stem + _SIDECAR_SUFFIX),
    ):
        if candidate.is_file():
            return candidate
    return None


def _read_sidecar(sidecar: pathlib.Path) -> dict[str, object]:
    shown = _display_path(sidecar)
    try:
        content = sidecar.read_text(encoding="utf-8-sig")
    except OSError as err:
        raise DocumentError(
            f"cannot read the metadata sidecar ({err.strerror}); check its permissions", shown
        ) from err
    except UnicodeDecodeError as err:
        raise DocumentError("metadata sidecar is not UTF-8; re-save it as UTF-8", shown) from err
    try:
        entries = json.loads(content)
    except json.JSONDecodeError as err:
        raise DocumentError(
            f"metadata sidecar is not valid JSON ({err.msg} at line {err.lineno}, "
            f"column {err.colno}); fix it or delete it",
            shown,
        ) from err
    if not isinstance(entries, dict):
        raise DocumentError(
            "metadata sidecar must be a JSON object with keys "
            f"{', '.join(_METADATA_FIELDS)}; fix it or delete it",
            shown,
        )
    return _checked_metadata(entries, "metadata sidecar", shown)


def _checked_metadata(entries: Mapping[str, object], origin: str, shown: str) -> dict[str, object]:
    """The known metadata fields of ``entries``, validated; unknown keys are ignored."""
    checked: dict[str, object] = {}
    for key in _METADATA_FIELDS:
        value = entries.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise DocumentError(
                f"{origin} key '{key}' must be a string, not {type(value).__name__}; fix it",
                shown,
            )
        value = " ".join(value.split())
        if not value:
            continue
        if key == "url" and not _WEB_ADDRESS.match(value):
            raise DocumentError(
                f"{origin} key 'url' is not a web address ({value!r}); write it as https://...",
                shown,
            )
        if key == "published":
            date = _parse_iso_date(value)
            if date is None:
                raise DocumentError(
                    f"{origin} key 'published' is not a date ({value!r}); write it as YYYY-MM-DD",
                    shown,
                )
            checked[key] = date
        else:
            checked[key] = value
    return checked


def _parse_iso_date(value: str) -> datetime.date | None:
    """``2019-07-10`` or an ISO timestamp starting with it."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z ]*)?", value.strip())
    if match is None:
        return None
    try:
        return datetime.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>(?:.*?\n)??)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FRONT_MATTER_ALIASES = {"date": "published", "author": "issuer", "lang": "language"}


def _split_front_matter(text: str, shown: str) -> tuple[str, dict[str, object]]:
    """Remove a leading ``---`` block of ``key: value`` lines; return the rest and its values."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return text, {}
    entries: dict[str, str] = {}
    aliased: dict[str, str] = {}
    for line in match["body"].split("\n"):
        # Nested YAML, list items and comments carry nothing we use.
        if not line or line[0] in " \t#-":
            continue
        key, colon, value = line.partition(":")
        if not colon:
            continue
        key = key.strip().lower()
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        if key in _METADATA_FIELDS:
            entries[key] = value
        elif key in _FRONT_MATTER_ALIASES:
            aliased.setdefault(_FRONT_MATTER_ALIASES[key], value)
    for key, value in aliased.items():
        entries.setdefault(key, value)
    published = entries.get("published")
    if published and _parse_iso_date(published) is None:
        found = _find_full_date(published)
        if found is not None:
            entries["published"] = found[0].isoformat()
    return text[match.end() :], _checked_metadata(entries, "front matter", shown)


# --------------------------------------------------------------------------- HTML

_HTML_SKIPPED = frozenset(
    """
    script style noscript template svg math head nav header footer aside
    iframe object canvas select button
    """.split()  # noqa: SIM905 -- a word list reads best as words
)
_HTML_BLOCKS = frozenset(
    """
    p div br li ul ol dl dt dd h1 h2 h3 h4 h5 h6 tr table section article main
    blockquote pre hr figure figcaption address body
    """.split()  # noqa: SIM905 -- a word list reads best as words
)
_HTML_CELLS = frozenset({"td", "th"})
_HTML_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "dcterms.issued",
    "dcterms.date",
    "dcterms.created",
    "dc.date.issued",
    "dc.date",
    "citation_publication_date",
    "pubdate",
    "publish-date",
    "date",
)


class _HTMLText(HTMLParser):
    """Collects the readable paragraphs of a page and the metadata in its markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.meta: dict[str, str] = {}
        self.title: str | None = None
        self.first_h1: str | None = None
        self.time: str | None = None
        self.lang: str | None = None
        self._current: list[str] = []
        self._skipping: list[str] = []
        self._title_parts: list[str] | None = None
        self._h1_parts: list[str] | None = None
        self.canonical: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "html" and values.get("lang"):
            self.lang = values["lang"]
        elif tag == "body" and "head" in self._skipping:
            # </head> is optional: the body starts where the head ends.
            del self._skipping[self._skipping.index("head") :]
        elif tag == "meta":
            name = values.get("name") or values.get("property") or values.get("itemprop", "")
            if name and values.get("content", "").strip():
                self.meta.setdefault(name.strip().lower(), " ".join(values["content"].split()))
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.canonical = self.canonical or values.get("href", "").strip() or None
        elif tag == "time" and self.time is None and values.get("datetime"):
            self.time = values["datetime"]
        elif tag == "title" and self.title is None:
            self._title_parts = []
        elif tag == "h1" and self.first_h1 is None and self._h1_parts is None:
            self._h1_parts = []
        if tag in _HTML_SKIPPED:
            self._skipping.append(tag)
        elif tag in _HTML_BLOCKS:
            self._flush()
        elif tag in _HTML_CELLS:
            self._current.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._title_parts is not None:
            self.title = _collapse("".join(self._title_parts)) or None
            self._title_parts = None
        elif tag == "h1" and self._h1_parts is not None:
            self.first_h1 = _collapse("".join(self._h1_parts)) or None
            self._h1_parts = None
        if tag in self._skipping:
            position = len(self._skipping) - 1 - self._skipping[::-1].index(tag)
            del self._skipping[position:]
        elif tag in _HTML_BLOCKS:
            self._flush()
        elif tag in _HTML_CELLS:
            self._current.append(" ")

    def handle_data(self, data: str) -> None:
        if self._title_parts is not None:
            self._title_parts.append(data)
            return
        in_code = any(tag in {"script", "style", "template", "noscript"} for tag in self._skipping)
        if self._h1_parts is not None and not in_code:
            self._h1_parts.append(data)
        if not self._skipping:
            self._current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        paragraph = _collapse("".join(self._current))
        if paragraph:
            self.paragraphs.append(paragraph)
        self._current = []


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _html_to_text(page: str) -> tuple[str, dict[str, object]]:
    """Readable text of an HTML page (paragraphs joined by blank lines) and its metadata."""
    parser = _HTMLText()
    parser.feed(page)
    parser.close()
    meta = parser.meta
    found: dict[str, object] = {}

    site = meta.get("og:site_name")
    title = parser.title or parser.first_h1
    if title and site:
        for separator in (" | ", " - ", " – ", " — ", " :: "):
            if title.endswith(separator + site) and len(title) > len(separator + site):
                title = title[: -len(separator + site)].strip()
                break
    if title:
        found["title"] = title
    if meta.get("author") or site:
        found["issuer"] = meta.get("author") or site
    for name in _HTML_DATE_META:
        date = _parse_iso_date(meta.get(name, "")) or _first_full_date(meta.get(name, ""))
        if date is not None:
            found["published"] = date
            break
    else:
        if parser.time:
            found["published"] = _parse_iso_date(parser.time)
    if parser.lang:
        found["language"] = parser.lang.split("-")[0].strip().lower() or None
    url = parser.canonical or meta.get("og:url")
    if url and _WEB_ADDRESS.match(url):
        found["url"] = url
    return "\n\n".join(parser.paragraphs), {k: v for k, v in found.items() if v is not None}


def _declared_html_charset(raw: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag, as a Python codec name."""
    match = re.search(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", raw[:4096], re.I)
    if match is None:
        return None
    try:
        codec = codecs.lookup(match[1].decode("ascii")).name
    except LookupError:
        return None
    # As browsers do (WHATWG Encoding): these labels mean windows-1252.
    if codec in {"latin-1", "iso8859-1", "ascii"}:
        return "cp1252"
    return codec


# --------------------------------------------------------------------------- PDF


def _read_pdf(raw: bytes, shown: str) -> tuple[str, dict[str, object]]:
    """Text layer of a PDF (pages joined by blank lines) and the hints of its info dictionary."""
    import pypdf

    try:
        with warnings.catch_warnings():
            # pypdf warns about every irregularity it repairs; a repaired file is fine here.
            warnings.simplefilter("ignore")
            reader = pypdf.PdfReader(io.BytesIO(raw))
            if reader.is_encrypted and not _decrypt_with_empty_password(reader):
                raise DocumentError(
                    "PDF is password-protected; decrypt it (e.g. qpdf --decrypt) "
                    "and pass the result",
                    shown,
                )
            pages = [page.extract_text() or "" for page in reader.pages]
            info = reader.metadata
            hints = _pdf_info_hints(info) if info is not None else {}
    except DocumentError:
        raise
    except Exception as err:  # pypdf raises many exception types on malformed files
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise DocumentError(
            f"cannot read this PDF ({reason}); check the file is complete, or export it again",
            shown,
        ) from err
    if not pages:
        raise EmptyDocument("PDF has no pages; nothing to extract", shown)
    texts = [page.replace("\r\n", "\n").replace("\r", "\n").strip("\n") for page in pages]
    text = "\n\n".join(page for page in texts if page.strip())
    if not text.strip():
        raise EmptyDocument(
            "no text layer in this PDF; run OCR (e.g. ocrmypdf) and pass the result", shown
        )
    return text, hints


def _decrypt_with_empty_password(reader: Any) -> bool:
    """Open a PDF that is encrypted only against editing (empty user password)."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # missing crypto backend, unknown algorithm: treat as locked
        return False


def _pdf_info_hints(info: Any) -> dict[str, object]:
    """Title, author and creation date of a PDF's information dictionary (a ``pypdf`` object)."""
    hints: dict[str, object] = {}
    title = _collapse(str(info.title or ""))
    # Titles such as "Microsoft Word - draft3.docx" name the file, not the document.
    if (
        title
        and not re.search(r"\.(?:docx?|odt|rtf|pdf|txt|indd|pptx?)$|^microsoft\b", title, re.I)
        and title.lower() not in {"untitled", "title", "document"}
    ):
        hints["title"] = title
    author = _collapse(str(info.author or ""))
    if author:
        hints["issuer"] = author
    match = re.match(r"(?:D:)?(\d{4})(\d{2})(\d{2})", str(info.creation_date_raw or ""))
    if match:
        with contextlib.suppress(ValueError):  # a malformed date is no hint
            hints["published"] = datetime.date(int(match[1]), int(match[2]), int(match[3]))
    return hints


# --------------------------------------------------------------------------- metadata in the text

_HEAD_LINES = 15
_TAIL_LINES = 8
_LINE_CAP = 1000

_MONTH_NUMBERS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
# "10 July 2019", "10th of July, 2019"
_DAY_MONTH_YEAR = re.compile(
    rf"(?<![\w.])(?P<day>\d{{1,2}}){_ORDINAL}(?:\s+of)?\s+{_MONTH},?\s+(?P<year>\d{{4}})(?![\w])",
    re.I,
)
# "July 10, 2019", "Sept. 14, 2023"
_MONTH_DAY_YEAR = re.compile(
    rf"(?<![\w]){_MONTH}\s+(?P<day>\d{{1,2}}){_ORDINAL},?\s+(?P<year>\d{{4}})(?![\w])", re.I
)
# "2019-07-10", "2019/07/10", "2019.07.10": year first is never ambiguous.
_YEAR_MONTH_DAY = re.compile(
    r"(?<![\w/.-])(?P<year>(?:19|20)\d{2})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?![\w/-])"
)
# "14/09/2023", "09.14.2023": day and month either way round; taken only when one
# reading alone is a date (14/09 cannot be the 9th of the 14th month).
_NUMERIC_DATE = re.compile(
    r"(?<![\w/.-])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})(?![\w/-])"
)
# The start of a date with or without a year, for datelines.
_DATE_START = (
    r"(?:\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?\s+"
    + _MONTH.replace("?P<month>", "?:")
    + r"|"
    + _MONTH.replace("?P<month>", "?:")
    + r"\s+\d{1,2}(?!\d)|(?:19|20)\d{2}-\d{2}-\d{2})"
)
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
# "New York, 14 September 2023", "Beijing, Wednesday, 3 March 2021 -"
# "Washington, D.C., Sept. 14, 2023 —": a region may follow the place.
_DATELINE = re.compile(
    rf"^(?P<place>[^\W\d_][^,()\d\n]{{0,40}}?)\s*,\s*"
    rf"(?:(?!{_WEEKDAY}\b)(?P<region>[^\W\d_][^,()\d\n]{{0,30}}?)\s*,\s*)?"
    rf"(?:{_WEEKDAY}\s*,?\s*)?(?={_DATE_START})",
    re.I,
)
# "GENEVA (Reuters) -", "BEIJING, March 3 (Xinhua) --"
_WIRE_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'’-]{1,40}?)\s*(?:,[^()\n]{1,40}?)?\s*\([^()\n]{1,40}\)\s*(?:[-–—]|:)"
)
_NOT_PLACES = frozenset(
    """
    today yesterday tomorrow on dated date published updated issued released posted
    last since until by from however moreover also furthermore therefore thus indeed
    finally meanwhile then now and but as of in at ref reference no note
    """.split()  # noqa: SIM905 -- a word list reads best as words
)

_SMALL_WORDS = frozenset(
    """
    a an and as at but by de del der des du en et for from in into la le of on or
    per the to und upon via with
    """.split()  # noqa: SIM905 -- a word list reads best as words
)
_ACRONYMS = frozenset(
    """
    UN UNGA UNHRC HRC OHCHR UNESCO UNICEF UNHCR UNDP UNEP UNOG WHO WTO ILO IAEA ICC ICJ
    IMF NATO ASEAN OSCE OECD OAS EU AU US USA UK UAE PRC DPRK ROK ROC SAR BRICS SCO
    NGO NGOS MFA CPC II III IV
    """.split()  # noqa: SIM905 -- a word list reads best as words
)
_ABBREVIATED_WORDS = frozenset({"mr", "mrs", "ms", "dr", "st", "jr"})

_ORG_NOUN = (
    r"(?:Permanent\s+Mission|Permanent\s+Representation|Mission|Ministry|Embassy|"
    r"Consulate(?:[-\s]General)?|High\s+Commission|Commission|Office|Department|Government|"
    r"Delegation|Secretariat|Council|Committee|Presidency|Parliament|Agency|Bureau|"
    r"Spokesperson|White\s+House)"
)
_ORG_WORD = re.compile(rf"\b{_ORG_NOUN}\b")
# "The Permanent Mission of X presents its compliments to ..."
_COMPLIMENTS = re.compile(
    rf"^(?:The\s+)?(?P<org>(?:[A-Z][\w.'’-]*\s+){{0,5}}?{_ORG_NOUN}\b[^,;:]{{0,200}}?)\s+"
    r"(?:presents\s+(?:its|his|her)\s+compliments|has\s+the\s+hono(?:u)?r\s+to|"
    r"avails\s+itself)"
)
# "Statement by the Ministry of Foreign Affairs of X on Y"
_ISSUER_IN_TITLE = re.compile(
    rf"\bby\s+(?:the\s+)?(?P<org>(?:[A-Z][\w.'’-]*\s+){{0,5}}?{_ORG_NOUN}\b.*?)"
    r"(?=\s+(?:on|regarding|concerning|about|at|following|in\s+response)\s|[.:;]?$)"
)
_GENRE = re.compile(
    r"\b(?:remarks|statement|speech|letter|note|address|briefing|readout|transcript|"
    r"interview|report|press\s+(?:release|conference)|fact\s+sheet|communiqu[eé]|"
    r"declaration|resolution|op-ed|article)\b",
    re.I,
)
_GENRE_LABEL = re.compile(
    r"^(?:joint\s+|press\s+|official\s+)?(?:statement|press\s+release|note\s+verbale|"
    r"news|for\s+immediate\s+release|embargoed.*|check\s+against\s+delivery|"
    r"unofficial\s+translation|translation|draft|speech|remarks|transcript)\W*$",
    re.I,
)
_NOT_TITLE_OPENINGS = re.compile(
    r"^(?:dear\b|thank\s+you|excellenc|your\s+excellenc|mr\.?\s|mrs\.?\s|ms\.?\s|madam\b|"
    r"ladies\s+and|distinguished\b|good\s+(?:morning|afternoon|evening)|to:|from:|cc:|attn)",
    re.I,
)
_NOT_ISSUER_OPENINGS = re.compile(r"^(?:all|to|dear|attn|cc|for|h\.e\.|his|her|from)\b", re.I)
_REFERENCE_LINE = re.compile(r"^(?:ref(?:erence)?\b|our\s+ref|no\.\s*\d|[A-Z]{1,6}/\S*\d)", re.I)
_CONTINUATION = re.compile(r"(?:to|of|at|in|for|and)\s", re.I)
_SUBJECT = re.compile(r"^(?:subject|re|subj)\s*:\s*(?P<rest>.+)$", re.I)


def _metadata_from_text(text: str, *, markdown: bool = False) -> dict[str, object]:
    """Title, issuer, published and place found in the opening and closing lines of ``text``."""
    # Metadata sits in short lines; a cap keeps one huge line (a text without newlines) cheap.
    lines = [
        _strip_markdown(line[:_LINE_CAP]) if markdown else line[:_LINE_CAP].strip()
        for line in text.split("\n")
    ]
    numbered = [(index, line) for index, line in enumerate(lines) if line]
    head = numbered[:_HEAD_LINES]
    tail = numbered[-_TAIL_LINES:]

    found: dict[str, object] = {}
    title_index = _find_title(head)
    if title_index is not None:
        found["title"] = _title_text(lines[title_index])
    published = _find_published(
        [line for _, line in head],
        [line for _, line in tail],
        [line for _, line in numbered],
        text=text,
    )
    if published is not None:
        found["published"], found["published_by"] = published
        if published[1] == "date line":
            found["published_by"] = "header"
            found["unlabelled_date"] = True
    else:
        # weaker evidence, for load_document to weigh against the web address
        dateline_day = _dateline_day([line for _, line in head])
        if dateline_day is not None:
            found["dateline_day"] = dateline_day
        if title_index is not None:
            title_date = _title_date(lines[title_index])
            if title_date is not None:
                found["title_date"] = title_date
    place = _find_place([line for _, line in head + tail])
    if place is not None:
        found["place"] = place
    issuer = _find_issuer(lines, head, tail, title_index)
    if issuer is not None:
        found["issuer"] = issuer
    return found


def _strip_markdown(line: str) -> str:
    line = re.sub(r"^\s{0,3}#{1,6}\s+", "", line.strip())
    line = re.sub(r"\s+#+$", "", line)
    line = re.sub(r"^\s*>\s?", "", line)
    match = re.fullmatch(r"(\*\*|__|\*|_)(.+)\1", line)
    if match:
        line = match[2]
    if re.fullmatch(r"[=\-*_]{3,}", line):
        return ""
    return line.strip()


# ---- dates


def _find_full_date(
    line: str, day_first: bool | None = None
) -> tuple[datetime.date, re.Match[str]] | None:
    """The first complete, valid calendar date written in ``line``.

    A numeric date that reads both ways ("11/09/2020") is taken only when
    ``day_first`` says which order the document writes its dates in.
    """
    best: tuple[datetime.date, re.Match[str]] | None = None
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _YEAR_MONTH_DAY):
        for match in pattern.finditer(line):
            month_text = match["month"]
            month = (
                int(month_text) if month_text.isdigit() else _MONTH_NUMBERS[month_text[:3].lower()]
            )
            year, day = int(match["year"]), int(match["day"])
            if not 1900 <= year <= 2100:
                continue
            try:
                date = datetime.date(year, month, day)
            except ValueError:
                continue
            if best is None or match.start() < best[1].start():
                best = (date, match)
            break
    for match in _NUMERIC_DATE.finditer(line):
        year, a, b = int(match["year"]), int(match["a"]), int(match["b"])
        readings = {d for d in (_calendar(year, b, a), _calendar(year, a, b)) if d is not None}
        if len(readings) == 2 and day_first is not None:
            chosen = _calendar(year, b, a) if day_first else _calendar(year, a, b)
            readings = {chosen} if chosen is not None else set()
        if len(readings) == 1 and 1900 <= year <= 2100:
            if best is None or match.start() < best[1].start():
                best = (readings.pop(), match)
            break
    return best


def _calendar(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _first_full_date(line: str) -> datetime.date | None:
    found = _find_full_date(line)
    return found[0] if found else None


# What may stand on a date line beside the date: a weekday, a label, a time of day,
# a time zone.  Anything else ("Anniversary of", "Remarks on") makes the line a
# heading or a sentence that names a date, not the date of the text.
_DATE_LINE_REST = re.compile(
    rf"(?:(?:{_WEEKDAY}|on|dated?|issued|published|released|posted|first|story|article|at|the|"
    r"transcript|statement|press\s+release|speech|remarks|readout|briefing|news)\b|"
    r"\(?(?:utc|gmt)\s*[+-]\s*\d{1,2}(?::?\d{2})?\)?|"
    r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\.?)?|(?-i:\[?[A-Z]{2,4}\b\]?)|"
    # the page and issue of a periodical ("26 FEBRUARY 1943, Page 14", "Vol. 3, No. 12")
    r"(?:page|p|vol(?:ume)?|no|issue)\.?\s*\d{1,4}\b|"
    r"[,.\-–—()|/:@•·▪\s])*",
    re.I,
)
# "Published: 4 August 2022", "Story first published: Thursday, August 4, 2022, 14:58 [IST]",
# "Date: 3 March 2021", "Issued on 10 July 2019", "Released March 3, 2021"
# "[Date] November 23, 2002": a database's field label in brackets.
_DATE_LABEL = re.compile(
    r"^\[?(?:(?:story|article|page|news)\s+)?(?:first\s+)?"
    r"(?:published|posted|issued|released|date(?:d|\s+of\s+(?:publication|issue))?)"
    r"(?:\s+(?:on|at))?\]?\s*[:\-–—]?\s*",
    re.I,
)
# "A/57/100 General Assembly Distr.: General 14 June 2002": the head of a United
# Nations document gives its distribution and, after it, the day the document was issued.
_DISTRIBUTION = re.compile(r"\bDistr\.?\s*:?\s*(?:General|Limited|Restricted)\b\W*", re.I)


# A byline before the date: "By Jane Roe, 20 Nov 2020", "Reuters and staff reporters 20 Nov 2020",
# the posting line of a content system ("Posted by admin on March 3, 2015", "Contributed by ...")
_BYLINE = re.compile(
    r"(?:(?:(?:posted|contributed|submitted|written|filed)\s+)?by\s[^.;:!?]{1,60}"
    r"|[^.;:!?]{0,60}\b(?:reporters?|correspondents?|staff|writers?|editors?|newsroom|desk))"
    r"[\s,|–—-]*\Z",
    re.I,
)


_CLOCK = re.compile(r"[\s,]*(?:at\s+)?\d{1,2}[:.]\d{2}\b")
# The cells of a bar of page furniture: "Xinhua | May 11, 2023", "May 28, 2019     Reading
# Time: 5 minutes" (a page laid out in columns comes out as text with wide gaps between them).
_CELL_BREAK = re.compile(r"\||\s/\s|\s{3,}|\t")
# "Published: 2 July 2023 - 15:02 Updated: 3 July 2023": what follows the label of a revision
# is the day the page was changed, the date before it the day it was published.
_REVISION = re.compile(r"\b(?:last\s+)?(?:updated?|modified|edited|revised)\b", re.I)
# A timestamp with its clock time and the name of its source: "Friday, May 9, 2025, 5:01 p.m.
# Ministry of Foreign Affairs", "World News Tuesday March 31, 2009 10:37 —Ministry of ...".
_STAMP_SOURCE = re.compile(
    r"[\s,]*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?![\w:])\s*[-–—|,]?\s*(?P<source>\D{3,80})\Z",
    re.I,
)


def _name_words(text: str, most: int) -> bool:
    """``text`` is a name or a label and no sentence: at most ``most`` words, every one
    capitalised but the small words ("Ministry of Foreign Affairs", "World News")."""
    words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)*", text)
    return len(words) <= most and all(
        word[0].isupper() or word.lower() in _SMALL_WORDS for word in words
    )


def _date_line(line: str, day_first: bool | None = None) -> datetime.date | None:
    """The date of a line that is a date and little else ("3 March 2021", "Date: 3 March 2021"),
    or of a bar of page furniture that holds one ("Xinhua | May 11, 2023")."""
    if _CELL_BREAK.search(line):
        for segment in _CELL_BREAK.split(line):
            date = _date_line(segment.strip(), day_first)
            if date is not None:
                return date
        return None
    revision = _REVISION.search(line)
    if revision is not None:
        line = line[: revision.start()]
    found = _find_full_date(line, day_first)
    if found is None:
        return None
    before, after = line[: found[1].start()], line[found[1].end() :]
    stamp = _STAMP_SOURCE.match(after)
    if (
        stamp is not None
        and len(line) <= 100
        and _ORG_WORD.search(stamp["source"])
        and _name_words(stamp["source"], 8)
        and (_DATE_LINE_REST.fullmatch(before) or _name_words(before, 4))
    ):
        return found[0]
    if not _DATE_LINE_REST.fullmatch(after):
        return None
    if _DATE_LINE_REST.fullmatch(before) or _BYLINE.match(before.strip()):
        return found[0]
    # a date stamped with its clock time on a short line is the page's timestamp
    # ("Politics Materials 7 March 2012 15:16 (UTC +04:00)"), not an event named
    if _CLOCK.match(after) and len(line) <= 80 and not line.rstrip().endswith((".", "!", "?")):
        return found[0]
    return None


# "GENEVA (10 December 2013) -": the date of a dateline in brackets after the place
_BRACKETED_DATELINE = re.compile(
    rf"^(?P<place>[^\W\d_][^,()\d\n]{{0,40}}?)\s*,?\s*\(\s*(?:{_WEEKDAY},?\s*)?(?={_DATE_START})",
    re.I,
)


# A dateline set in brackets before the dash that opens the story, with the date first or
# last inside: "(June 01, 2016, (Cairo))--", "(CARICOM Secretariat, Georgetown, Guyana –
# Wednesday, 7 July 2021) –", "WASHINGTON (Pakistan Point News / Sputnik - 20th May, 2021) –".
# A sentence never opens with a bracket and a dash; a heading that names a day in brackets
# ("International Day of Peace (21 September 2019)") has no dash and text after it.
# (U+FFFD stands for a dash lost in decoding.)
_OPENING_BRACKET = re.compile(
    r"^(?:(?P<place>[A-Z][A-Z .'’-]{1,40}?)\s*)?"
    r"\((?P<inside>(?:[^()\n]|\([^()\n]{1,40}\)){6,120})\)\s*(?:-{1,2}|[–—\ufffd])\s*\w"
)


def _opening_bracket_date(line: str) -> datetime.date | None:
    """The date of a dateline in brackets opening the text (see :data:`_OPENING_BRACKET`)."""
    match = _OPENING_BRACKET.match(line)
    if match is None or (match["place"] and not _clean_place(match["place"])):
        return None
    if match["place"] and not _is_all_caps(match["place"]):
        return None
    inside = match["inside"]
    found = _find_full_date(inside)
    if found is None:
        return None
    before, after = inside[: found[1].start()], inside[found[1].end() :]
    first = re.fullmatch(rf"\s*(?:{_WEEKDAY},?\s*)?", before, re.I) is not None
    last = re.fullmatch(r"[\s.,]*", after) is not None and re.search(r"[-–—,]\s*\Z", before)
    if not (first or last):
        return None
    return found[0] if _name_words(before + " " + after, 10) else None


def _dateline_date(line: str) -> datetime.date | None:
    """The date of a dateline: a place, then at once the date ("GENEVA, 10 July 2019 –",
    "New York, 14 September 2023", "BEIJING, March 3, 2021 (Xinhua) --",
    "GENEVA (10 December 2013) -", "(CARICOM Secretariat, Guyana – 7 July 2021) –")."""
    date = _opening_bracket_date(line)
    if date is not None:
        return date
    match = _DATELINE.match(line)
    if match is not None and _clean_place(match["place"]):
        found = _find_full_date(line[match.end() :])
        if found is not None and found[1].start() == 0:
            return found[0]
    match = _BRACKETED_DATELINE.match(line)
    if match is not None and _clean_place(match["place"]):
        rest = line[match.end() :]
        found = _find_full_date(rest)
        # a heading "International Day of Peace (21 September 2019)" names a day; a
        # dateline runs on into its text, or sets its place in capitals
        closing = re.compile(
            r"\s*\)\s*(?:[-–—:]\s*\S|\Z)"
            if _is_all_caps(match["place"])
            else r"\s*\)\s*[-–—:]\s*\S"
        )
        if found is not None and found[1].start() == 0 and closing.match(rest[found[1].end() :]):
            return found[0]
    return None


# "..., Media Centre, Union Buildings, Pretoria, Friday 4 July 2008": a heading that
# closes on the place and day it was given
_PLACE_BEFORE_DATE = re.compile(
    rf",\s*(?P<place>[^,()\d]{{2,40}}?),?\s*(?:{_WEEKDAY},?\s*)?\Z", re.I
)


def _closing_dateline_date(line: str) -> datetime.date | None:
    """The date of a heading that ends with its place and date ("..., Pretoria, Friday 4 July
    2008"); a heading that ends with a date alone names an event, not its own day."""
    found = _find_full_date(line)
    if found is None or not _DATE_LINE_REST.fullmatch(line[found[1].end() :]):
        return None
    match = _PLACE_BEFORE_DATE.search(line[: found[1].start()])
    return found[0] if match and _clean_place(match["place"]) else None


def _labelled_date(line: str, day_first: bool | None = None) -> datetime.date | None:
    """The date after a publication label at the start of a line ("Published: ...")."""
    match = _DATE_LABEL.match(line)
    if match is None or match.end() == 0:
        return None
    return _date_line(line[match.end() :], day_first)


def _distribution_date(lines: list[str]) -> datetime.date | None:
    """The day of issue in the head of a United Nations document ("Distr.: General 14 June
    2002"), on the line of the distribution or the next."""
    for index, line in enumerate(lines):
        match = _DISTRIBUTION.search(line)
        if match is None:
            continue
        rest = line[match.end() :].strip()
        if not rest and index + 1 < len(lines):
            rest = lines[index + 1]
        found = _find_full_date(rest)
        if found is not None and found[1].start() == 0:
            return found[0]
    return None


def _unbracketed(line: str) -> str:
    """A line without the brackets around it: "(Paris, October 23, 2006)" is a date line."""
    match = re.fullmatch(r"\((?P<inside>[^()]+)\)[.\s]*", line)
    return match["inside"].strip() if match else line


def _head_datelines(head: list[str]) -> list[str]:
    """The lines of the head, each followed by itself joined with the next when it is a place
    alone in capitals ("GENEVA" over "(10 December 2013) - The ..."): a dateline broken in two."""
    candidates = []
    for index, line in enumerate(head):
        candidates.append(_unbracketed(line))
        if (
            index + 1 < len(head)
            and len(line) <= 40
            and _is_all_caps(line)
            and not re.search(r"\d", line)
            and _clean_place(line)
        ):
            following = head[index + 1]
            joint = " " if following.startswith("(") else ", "
            candidates.append(line + joint + following)
    return candidates


# The order a document writes its dates in: "9 September", "11 August 2020" (day first)
# or "September 9", "Aug. 11, 2020" (month first).
_DAY_BEFORE_MONTH = re.compile(rf"(?<![\w.])\d{{1,2}}{_ORDINAL}(?:\s+of)?\s+{_MONTH}", re.I)
_MONTH_BEFORE_DAY = re.compile(rf"(?<![\w]){_MONTH}\s+\d{{1,2}}{_ORDINAL}(?![\d:.])", re.I)


def _date_order(text: str) -> bool | None:
    """True when the text writes its dates day first, False when month first, None when it does
    not say: at least two dates in one order and none in the other."""
    day_first = len(_DAY_BEFORE_MONTH.findall(text))
    month_first = len(_MONTH_BEFORE_DAY.findall(text))
    if day_first >= 2 and month_first == 0:
        return True
    if month_first >= 2 and day_first == 0:
        return False
    return None


# What opens a letter after its date: the salutation or the subject line.
_SALUTATION = re.compile(
    r"\s*(?:(?-i:Dear)\b|(?:re|subject|subj)\s*:|(?-i:Your\s+Excellenc)|(?-i:Excellenc)|"
    r"(?-i:Sir|Madam)\b)",
    re.I,
)
# Before a letter's date: the start of a line, the end of the address block, or its place.
_BEFORE_LETTER_DATE = re.compile(
    r"(?:\A|\n|[.;:!?)]\s+|(?<![\w'’])(?-i:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}),\s*)"
    rf"(?:{_WEEKDAY},?\s+)?\Z",
    re.I,
)
#: how far into a text the date of a letter is looked for
_LETTER_HEAD_CHARS = 4000


def _letter_date(text: str) -> datetime.date | None:
    """The date of a letter: a date that stands just before the salutation or the subject line
    ("Europe, 27 June 2016 Re : ...", "... Prime Minister of Sweden. 7th May 2019 Dear ..."),
    also where a letter's text runs as one paragraph.  A date inside a sentence ("met on
    7 May 2019") is not before a salutation."""
    head = text[:_LETTER_HEAD_CHARS]
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        for match in pattern.finditer(head):
            if not _SALUTATION.match(head, match.end()):
                continue
            if not _BEFORE_LETTER_DATE.search(head[max(0, match.start() - 80) : match.start()]):
                continue
            found = _find_full_date(match[0])
            if found is not None:
                return found[0]
    return None


# A heading that names its act of speech and closes on the day, set apart:
# "Press Conference: the Committee's findings - 28 March 2024",
# "Briefing by the Minister on One Year in Government (May 31, 2015)".
_SPEECH_ACT_TITLE = re.compile(
    r"\b(?:press\s+conference|(?:press|media|news)\s+briefing|briefing|remarks|speech|"
    r"interview|transcript|readout|press\s+statement)\b",
    re.I,
)
# "Remarks at the commemoration of ... (11 July 1995)": the day closing such a heading is
# the day remembered
_COMMEMORATION = re.compile(
    r"\b(?:anniversary|commemorat\w*|memorial|remembrance|remembering|events?\s+of|since)\b",
    re.I,
)
_SET_APART_DATE = re.compile(r"(?:\s[-–—|]\s*|\s*\()\s*(?P<date>[^()\-–—|]+?)\s*\)?\s*\Z")


def _title_date(title: str) -> datetime.date | None:
    """The day closing a heading that names a press conference, briefing, speech or interview,
    set apart by a dash or brackets: the day the words were spoken.  Weaker evidence than any
    other (the page may be dated later), so it is taken only when nothing else dates the text."""
    if not _SPEECH_ACT_TITLE.search(title) or _COMMEMORATION.search(title):
        return None
    match = _SET_APART_DATE.search(title)
    if match is None or not _SPEECH_ACT_TITLE.search(title[: match.start()]):
        return None
    found = _find_full_date(match["date"])
    if found is None or found[1].start() != 0:
        return None
    return found[0] if _DATE_LINE_REST.fullmatch(match["date"][found[1].end() :]) else None


def _find_published(
    head: list[str], tail: list[str], lines: list[str] | None = None, text: str = ""
) -> tuple[datetime.date, str] | None:
    """The date of publication and the evidence for it, or None when there is none.

    Evidence, strongest first: a publication label anywhere ("Published:",
    "Date:", "Issued on", "[Date]", in ``lines``, else the head and tail) or
    the distribution line of a United Nations document; a dateline at the
    start of a line of the head ("GENEVA, 10 July 2019 –", "GENEVA (10
    December 2013) -", also broken over two lines); a line of the head or the
    tail that is a date and little else (the date line of a letter or a note,
    "(Paris, October 23, 2006)"); the date before a letter's salutation.  A
    numeric date that reads both ways ("11/09/2020") is read in the order the
    text writes its other dates, when it says.  A date inside a sentence is
    the date of something the text speaks of ("On 12 July 2016 the tribunal
    ruled ...", "the riot of 21 July 2019") and is never taken: without
    evidence the date stays unknown.  Returns ``(date, "header")`` or
    ``(date, "dateline")``, or ``(date, "date line")`` for an unlabelled date line (a
    ``"header"`` that the dated folders of the page's address overrule when they differ).

    Examples
    --------
    >>> _find_published(["Remarks on the anniversary of 12 July 2016", "Geneva, 12 July 2024"], [])
    (datetime.date(2024, 7, 12), 'dateline')
    >>> _find_published(["On 12 July 2016, the tribunal issued its award."], []) is None
    True
    """
    day_first = _date_order(text) if text else None
    for line in lines if lines is not None else head + tail:
        date = _labelled_date(line, day_first)
        if date is not None:
            return date, "header"
    date = _distribution_date(head)
    if date is not None:
        return date, "header"
    for line in _head_datelines(head):
        date = _dateline_date(line)
        if date is not None:
            return date, "dateline"
    for line in head + tail:
        # at the foot of a letter, "Berlin, 5 May 2023" is its date line
        line = _unbracketed(line)
        date = _date_line(line, day_first)
        if date is not None:
            return date, "date line"
        date = _dateline_date(line) if line in tail else None
        if date is not None:
            return date, "header"
    for line in head[:3]:
        date = _closing_dateline_date(line)
        if date is not None:
            return date, "header"
    date = _letter_date(text)
    if date is not None:
        return date, "header"
    return None


# "MINSK, February 17 (Agency) -", "BAKU, Azerbaijan, December 4.": a dateline with the day
# but not the year; the folders of the page's address may give the year.
_DAY_WITHOUT_YEAR = re.compile(
    rf"(?:{_MONTH}\s+(?P<day>\d{{1,2}}){_ORDINAL}|(?P<day2>\d{{1,2}}){_ORDINAL}\s+"
    rf"{_MONTH.replace('?P<month>', '?P<month2>')})"
    r"(?![\d:])(?!,?\s*\d{4})(?=\s*(?:\([^()\n]{1,40}\)\s*)?(?:[-–—:.]|\Z))",
    re.I,
)


def _dateline_day(head: list[str]) -> tuple[int, int] | None:
    """The month and day of a dateline without a year opening the text, or None."""
    for line in head[:5]:
        match = _DATELINE.match(line)
        if match is None or not _clean_place(match["place"]):
            continue
        day = _DAY_WITHOUT_YEAR.match(line, match.end())
        if day is not None:
            month = _MONTH_NUMBERS[(day["month"] or day["month2"])[:3].lower()]
            return month, int(day["day"] or day["day2"])
    return None


# ---- place


def _find_place(lines: list[str]) -> str | None:
    """The place of the first dateline: "New York, 14 September 2023", "GENEVA (Reuters) -"."""
    for line in lines:
        place = _dateline_place(line)
        if place is not None:
            return place
    return None


def _dateline_place(line: str) -> str | None:
    match = _DATELINE.match(line)
    if match is not None:
        after = line[match.end() :]
        date = re.match(_DATE_START + r"(?:,?\s+\d{4})?", after, re.I)
        rest = after[date.end() :] if date else after
        # On a long line the dateline must stand apart from the sentence after it.
        region = match["region"]
        if (len(line) <= 80 or re.match(r"\s*(?:[-–—:(]|$)", rest)) and (
            region is None or _clean_place(region) is not None
        ):
            place = _clean_place(match["place"])
            if place:
                return place
    match = _WIRE_DATELINE.match(line)
    if match is not None:
        return _clean_place(match["place"])
    return None


def _clean_place(candidate: str) -> str | None:
    # "Done at Velmora, 2 March 2023": the closing formula of a communiqué or a treaty
    candidate = re.sub(
        r"^(?:done|given|signed|issued|made)\s+(?:at|in)\s+", "", candidate.strip(), flags=re.I
    )
    candidate = candidate.strip(" .-")
    words = candidate.split()
    if not 1 <= len(words) <= 4 or candidate.lower() in _NOT_PLACES:
        return None
    if ":" in candidate:  # "Published: Tuesday" is a label, not a place
        return None
    if words[0].lower() in _NOT_PLACES or re.fullmatch(_WEEKDAY, words[0], re.I):
        return None
    if re.fullmatch(_MONTH, candidate, re.I):
        return None
    if not all(word[0].isupper() or word.lower() in _SMALL_WORDS for word in words):
        return None
    return _title_case(candidate) if _is_all_caps(candidate) else candidate


# ---- title


def _is_all_caps(text: str) -> bool:
    return any(char.isupper() for char in text) and not any(char.islower() for char in text)


def _title_case(text: str) -> str:
    """Title case for an all-caps name: small words lowered, acronyms kept."""
    position = 0

    def word(match: re.Match[str]) -> str:
        nonlocal position
        token = match[0]
        first = position == 0
        position += 1
        if token.upper() in _ACRONYMS:
            return token.upper()
        if not first and token.lower() in _SMALL_WORDS:
            return token.lower()
        if (
            len(token) > 1
            and token.lower() not in _ABBREVIATED_WORDS
            and not any(char in "AEIOUY" for char in token.upper())
        ):
            return token  # "HRC", "CPC": no vowel, an abbreviation
        return token[0].upper() + token[1:].lower()

    return re.sub(r"[^\W\d_]+(?:['’][^\W\d_]+)*", word, text)


def _mostly_latin(line: str) -> bool:
    letters = [char for char in line if char.isalpha()]
    if not letters:
        return False
    latin = sum(1 for char in letters if ord(char) < 0x250 or 0x1E00 <= ord(char) <= 0x1EFF)
    return latin >= 0.5 * len(letters)


def _letter_share(line: str) -> float:
    visible = [char for char in line if not char.isspace()]
    return sum(char.isalpha() for char in visible) / len(visible) if visible else 0.0


def _is_date_line(line: str) -> bool:
    """A line that is a date or a dateline and little else."""
    found = _find_full_date(line)
    if found is not None:
        rest = line[: found[1].start()] + line[found[1].end() :]
        if len(rest.strip(" ,.-–—()")) <= 30:
            return True
    return _DATELINE.match(line) is not None and len(line) <= 60


def _find_title(head: list[tuple[int, str]]) -> int | None:
    """Index of the heading line among the first lines, or None.

    Letterheads, reference numbers, date lines and lines in another script are
    passed over; the first paragraph or salutation ends the search.
    """
    after_letterhead = False
    for index, line in head[:5]:
        if not _mostly_latin(line) or _letter_share(line) < 0.5 or _REFERENCE_LINE.match(line):
            continue
        if _is_date_line(line) or _GENRE_LABEL.match(line):
            continue
        subject = _SUBJECT.match(line)
        if subject is not None:
            return index if _looks_like_heading(subject["rest"].strip()) else None
        if _is_organisation_line(line) or (after_letterhead and _CONTINUATION.match(line)):
            after_letterhead = True
            continue
        after_letterhead = False
        if _is_all_caps(line) and len(line.split()) < 4:
            continue  # "UNITED NATIONS", "CONFIDENTIAL": a label, not a title
        if _looks_like_heading(line):
            return index
        return None
    return None


def _looks_like_heading(line: str) -> bool:
    if len(line) > 200 or _NOT_TITLE_OPENINGS.match(line):
        return False
    if line.endswith((",", ";", ":")):
        return False
    # A full stop ends a sentence, unless it ends an initial ("by the U.S.").
    if line.endswith(".") and not re.search(r"\b[A-Z]\.$", line):
        return False
    words = re.findall(r"[^\W\d_][\w'’.-]*", line)
    return 3 <= len(words) <= 40


def _title_text(line: str) -> str:
    subject = _SUBJECT.match(line)
    title = subject["rest"].strip() if subject else line.strip()
    return _title_case(title) if _is_all_caps(title) else title


# ---- issuer


def _capitalised_share(line: str) -> float:
    """Share of the words, small words aside, that start with a capital."""
    words: list[str] = re.findall(r"[^\W\d_][\w'’.-]*", line)
    content = [word for word in words if word.lower() not in _SMALL_WORDS]
    if not content:
        return 0.0
    return sum(word[0].isupper() for word in content) / len(content)


def _is_organisation_line(line: str) -> bool:
    """A line that is the name of an organisation and nothing else (a letterhead)."""
    if len(line) > 250 or len(line.split()) > 40 or not _mostly_latin(line) or ":" in line:
        return False
    if line.endswith((".", "!", "?", ",", ";")) and not re.search(r"\b[A-Z]\.$", line):
        return False
    if _NOT_ISSUER_OPENINGS.match(line) or _GENRE.search(line) or _find_full_date(line):
        return False
    name = _title_case(line) if _is_all_caps(line) else line
    return _ORG_WORD.search(name) is not None and _capitalised_share(name) >= 0.6


def _organisation_name(text: str) -> str:
    name = " ".join(text.split()).strip(" ,;:")
    name = re.sub(r"^the\s+", "", name, flags=re.I)
    return _title_case(name) if _is_all_caps(name) else name


def _find_issuer(
    lines: list[str],
    head: list[tuple[int, str]],
    tail: list[tuple[int, str]],
    title_index: int | None,
) -> str | None:
    """Who issued the text, from the clues that name it most surely.

    In order: the subject of the note-verbale formula ("The Embassy of X
    presents its compliments"), a letterhead line in the opening lines, an
    organisation named in the title ("Statement by the Ministry of ..."), a
    letterhead line in the closing lines.
    """
    for _, line in head + tail:
        match = _COMPLIMENTS.match(line)
        if match is not None:
            return _organisation_name(match["org"])

    def letterhead(candidates: list[tuple[int, str]]) -> str | None:
        for index, line in candidates:
            if index == title_index or not _is_organisation_line(line):
                continue
            name = line
            # A letterhead broken over lines: "PERMANENT MISSION OF X" / "TO THE UNITED NATIONS".
            following = index + 1
            while (
                following < len(lines)
                and lines[following]
                and _CONTINUATION.match(lines[following])
                and _is_organisation_line(name + " " + lines[following])
            ):
                name = name + " " + lines[following]
                following += 1
            return _organisation_name(name)
        return None

    found = letterhead(head)
    if found is not None:
        return found
    if title_index is not None:
        match = _ISSUER_IN_TITLE.search(_title_text(lines[title_index]))
        if match is not None:
            return _organisation_name(match["org"])
    return letterhead(tail)
