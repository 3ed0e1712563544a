"""Read documents from disk: decode, hash, and split threads into posts and sections."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.records import Document

TEXT_SUFFIXES = (".txt", ".md", ".text")


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named directly, and the text files of named folders, in sorted order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
        elif path.is_file():
            yield path
        else:
            raise InputError("no such file or folder", where=str(path), hint="check the path")


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Bytes to text: the given encoding, else UTF-8 (BOM stripped), UTF-16 by BOM, else CP-1252."""
    if encoding:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputError(f"cannot decode as {encoding}: {exc}", where=name, hint="pass the right --encoding") from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise InputError("binary file, not text", where=name, hint="remove it or pass only text files")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(
                f"invalid UTF-8 at byte {exc.start}", where=name, hint="convert the file to UTF-8 or pass --encoding"
            ) from exc


def read_document(path: str | Path, encoding: str | None = None) -> Document:
    """Read one file into a Document (posts and sections are filled in by ``kg.rules.discourse``)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), where=str(path), hint="check the path and permissions") from exc
    text = decode(data, str(path), encoding)
    return Document(name=path.name, text=text, sha256=hashlib.sha256(data).hexdigest())


def document_from_text(name: str, text: str) -> Document:
    """A Document from a string (tests, notebooks)."""
    return Document(name=name, text=text, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())
