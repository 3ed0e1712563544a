"""Read documents from disk: find the text files, decode them, hash them.

The text is kept exactly as decoded - line ends included - because every offset in the graph
indexes it. Only a leading byte-order mark is dropped (it is not text).
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from kg.errors import InputError, KgWarning, UsageError
from kg.records import Document

TEXT_SUFFIXES = (".txt", ".md", ".text")

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SAMPLE = 8192  # how much of a file is looked at to tell text from binary
_TEXT_CONTROLS = frozenset("\t\n\v\f\r\x1b")  # control characters that ordinary text holds (ESC: terminal colours)
_NON_ASCII = re.compile("[^\x00-\x7f\ufffd]")


# Extraction holds every record of a document until the document ends, and contests and standings
# are computed over all of them: memory grows with the document (measured with
# scripts/benchmark_document_size.py; see README, "Inputs and errors").
MAX_DOCUMENT_BYTES = 10_000_000
_max_document_bytes: ContextVar[int] = ContextVar("max_document_bytes", default=MAX_DOCUMENT_BYTES)


class BinaryFileError(InputError):
    """A file that holds binary data, not text (skipped when found in a folder)."""


class DocumentTooLargeError(InputError):
    """A file larger than the document-size limit (skipped when found in a folder)."""


@contextmanager
def document_size_limit(max_bytes: int) -> Iterator[None]:
    """Within the block, documents of more than ``max_bytes`` bytes are refused (default ``MAX_DOCUMENT_BYTES``)."""
    token = _max_document_bytes.set(max_bytes)
    try:
        yield
    finally:
        _max_document_bytes.reset(token)


def _walk(paths: Iterable[str | Path]) -> Iterator[tuple[Path, bool]]:
    """(file, named directly?) for the files named and the visible files under the folders named."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = []
            for folder, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                found.extend(Path(folder, f) for f in files if not f.startswith("."))
            for file in sorted(found):
                if file.is_file():
                    yield file, False
        elif path.is_file():
            yield path, True
        elif path.exists():
            raise InputError("not a regular file or folder", where=str(path), hint="pass text files or folders")
        else:
            raise InputError("no such file or folder", where=str(path), hint="check the path")


def _text_files(paths: Iterable[str | Path]) -> Iterator[tuple[Path, bool]]:
    for path, named in _walk(paths):
        if named or path.suffix.lower() in TEXT_SUFFIXES:
            yield path, named
        else:
            _warn(str(path), f"not a text file ({path.suffix or 'no suffix'}), skipped", "name it directly to read it anyway")


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named directly, and the text files (.txt, .md, .text) of named folders, in sorted order.

    Other files in a folder are skipped with a ``KgWarning``; hidden files and folders silently.
    """
    for path, _named in _text_files(paths):
        yield path


def read_documents(paths: Iterable[str | Path], encoding: str | None = None) -> Iterator[Document]:
    """Every readable document under ``paths``, in sorted order (see ``iter_documents``)."""
    for _path, document in iter_documents(paths, encoding):
        yield document


def iter_documents(paths: Iterable[str | Path], encoding: str | None = None) -> Iterator[tuple[Path, Document]]:
    """(file, document) for every readable document under ``paths``, in sorted order.

    Binary, empty and over-size files (see ``document_size_limit``) are skipped with a
    ``KgWarning``, except that a binary or over-size file named directly is an error, raised before
    any file is read. Two documents with the same file name, or none at all, are errors.
    """
    paths = [Path(p) for p in paths]
    limit = _max_document_bytes.get()
    for path in paths:
        if path.is_file():
            _check_size(path, limit)
    seen: dict[str, Path] = {}
    for path, named in _text_files(paths):
        try:
            _check_size(path, limit)
            document = read_document(path, encoding)
        except DocumentTooLargeError as exc:
            if named:
                raise
            _warn(str(path), f"{exc.message}, skipped", exc.hint)
            continue
        except BinaryFileError as exc:
            if named:
                raise
            _warn(str(path), f"{exc.message}, skipped", "remove it or move it out of the folder")
            continue
        if not document.text.strip():
            _warn(str(path), "empty file, skipped", "add text to it or remove it")
            continue
        if document.name in seen:
            raise InputError(
                f"same file name as {seen[document.name]}",
                where=str(path),
                hint="rename one of them; documents are identified by their file name",
            )
        seen[document.name] = path
        yield path, document
    if not seen:
        where = ", ".join(str(p) for p in paths) or "."
        raise InputError("no text documents found", where=where, hint="pass .txt or .md files, or folders that hold some")


def _check_size(path: Path, limit: int) -> None:
    """Refuse a file over ``limit`` bytes from its size on disk, before reading it."""
    try:
        size = path.stat().st_size
    except OSError:
        return  # reading it reports the problem
    if size > limit:
        said, allowed = _size(size), _size(limit)
        if said == allowed:  # rounded alike: only the exact counts show the difference
            said, allowed = f"{size:,} bytes", f"{limit:,} bytes"
        raise DocumentTooLargeError(
            f"{said} is more than one document may hold (limit {allowed})",
            where=str(path),
            hint="split it, or raise the limit with --max-document-size",
        )


def _size(n: int) -> str:
    """Bytes as people say them: 52.4 MB, 16 MB, 1.5 kB, 200 bytes (1 MB = 1,000,000 bytes)."""
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n:,} bytes"


def read_document(path: str | Path, encoding: str | None = None) -> Document:
    """Read one file into a Document (posts and sections are filled in by ``kg.rules``)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), where=str(path), hint="check the path and permissions") from exc
    text = decode(data, str(path), encoding)
    return Document(name=path.name, text=text, sha256=hashlib.sha256(data).hexdigest())


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Bytes to text without touching line ends.

    With ``encoding``: exactly that codec (a UTF-8 or UTF-16 byte-order mark is dropped). Without:
    a byte-order mark decides (UTF-8, UTF-16, UTF-32); UTF-16 without one is recognised by its
    zero bytes; other data with zero bytes is binary; then strict UTF-8; then, for a file with no
    UTF-8 sequence at all, CP-1252 with a ``KgWarning``. Bytes that fit none of these are an
    ``InputError`` naming the byte offset.
    """
    if encoding:
        text = _decode_as(data, name, _codec(encoding))
        _check_text(text, name)
        return text
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_as(data, name, codec)
    if b"\x00" in data:
        codec = _utf16_without_bom(data)
        if codec is None:
            offset = data.index(b"\x00")
            raise BinaryFileError(f"binary data, not text (a zero byte at byte offset {offset})", where=name, hint="pass text files only")
        text = _decode_as(data, name, codec)
        _check_text(text, name)
        return text
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if _has_utf8_sequence(data):
            raise InputError(
                f"invalid UTF-8 byte 0x{data[exc.start]:02x} at byte offset {exc.start} (line {_line(data, exc.start)})",
                where=name,
                hint="fix or re-save the file as UTF-8, or pass --encoding if it is in another encoding",
            ) from exc
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc2:
            raise InputError(
                f"byte 0x{data[exc2.start]:02x} at byte offset {exc2.start} (line {_line(data, exc2.start)}) is neither UTF-8 nor CP-1252",
                where=name,
                hint="pass --encoding (latin-1 reads any byte)",
            ) from exc2
        _warn(name, "not UTF-8, read as CP-1252", "pass --encoding if it is another encoding")
    _check_text(text, name)
    return text


def document_from_text(name: str, text: str) -> Document:
    """A Document from a string (tests, notebooks); the hash is that of its UTF-8 bytes."""
    return Document(name=name, text=text, sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())


def _codec(encoding: str) -> str:
    """The codec for ``--encoding``; UTF-8 drops a byte-order mark like UTF-16 does."""
    try:
        info = codecs.lookup(encoding)
        if not getattr(info, "_is_text_encoding", True):  # rot13, zlib, base64: not bytes -> text
            raise LookupError(encoding)
    except LookupError:
        raise UsageError(
            f"unknown text encoding {encoding!r}", where="--encoding", hint="use a name such as utf-8, utf-16, cp1252 or latin-1"
        ) from None
    return "utf-8-sig" if info.name == "utf-8" else info.name


def _decode_as(data: bytes, name: str, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        label = {"utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-32": "UTF-32"}.get(codec, codec)
        raise InputError(
            f"invalid {label} data at byte offset {exc.start} ({exc.reason})",
            where=name,
            hint="fix the file, or pass the --encoding it is written in",
        ) from exc


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the zero bytes fall where UTF-16 text puts them, else None."""
    sample = data[:_SAMPLE]
    if len(data) % 2 or len(sample) < 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    # Mostly Latin-script text: one byte of each pair is zero, the other almost never.
    if odd >= half // 2 and even == 0:
        return "utf-16-le"
    if even >= half // 2 and odd == 0:
        return "utf-16-be"
    return None


def _check_text(text: str, name: str) -> None:
    """Refuse data that decodes but is mostly control characters (binary without zero bytes)."""
    sample = text[:_SAMPLE]
    controls = sum(1 for ch in sample if ch < " " and ch not in _TEXT_CONTROLS or ch == "\x7f")
    if sample and controls * 10 > len(sample):
        raise BinaryFileError(f"binary data, not text ({controls} control characters in the first {len(sample)})", where=name, hint="pass text files only")


def _has_utf8_sequence(data: bytes) -> bool:
    """True when some non-ASCII bytes form valid UTF-8: the file is UTF-8 with damage, not CP-1252."""
    return _NON_ASCII.search(data.decode("utf-8", "replace")) is not None


def _line(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _warn(where: str, message: str, hint: str) -> None:
    warnings.warn(KgWarning(message, where=where, hint=hint), stacklevel=3)
