"""Reading documents: encodings, damaged and binary files, folders, line ends, large files."""

from __future__ import annotations

import hashlib
import warnings
from pathlib import Path

import pytest

from kg import corpus
from kg.corpus import BinaryFileError, decode, iter_documents, read_document, read_documents
from kg.errors import InputError, KgWarning, UsageError
from kg.rules import extract_document

TEXT = "Managers “plan” budgets:\n• leaders inspire\n‘Every manager is a leader’, said Ann – café.\n"


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _decode_quietly(data: bytes, encoding: str | None = None) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning fails the test
        return decode(data, "f.txt", encoding)


def _messages(caught) -> list[str]:
    return [str(w.message) for w in caught if issubclass(w.category, KgWarning)]


# ------------------------------------------------------------------------------------ encodings


def test_utf8_without_bom_is_read_as_is():
    assert _decode_quietly(TEXT.encode("utf-8")) == TEXT


def test_utf8_bom_is_dropped():
    assert _decode_quietly(b"\xef\xbb\xbf" + TEXT.encode("utf-8")) == TEXT


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(codec):
    data = TEXT.encode(codec) if codec in ("utf-16", "utf-32") else ("\ufeff" + TEXT).encode(codec)
    assert _decode_quietly(data) == TEXT


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised_by_its_zero_bytes(codec):
    assert _decode_quietly(TEXT.encode(codec)) == TEXT


def test_cp1252_quotes_and_bullets_are_detected_with_a_warning():
    data = "“Leaders” • inspire – café".encode("cp1252")
    with pytest.warns(KgWarning) as caught:
        text = decode(data, "old.txt")
    assert text == "“Leaders” • inspire – café"
    assert _messages(caught) == ["old.txt: not UTF-8, read as CP-1252 - pass --encoding if it is another encoding"]


def test_encoding_option_reads_latin1_without_warning():
    assert _decode_quietly("café déjà".encode("latin-1"), "latin-1") == "café déjà"


def test_encoding_option_utf8_drops_the_bom():
    assert _decode_quietly(b"\xef\xbb\xbfab", "UTF8") == "ab"


def test_invalid_utf8_byte_names_file_offset_and_line():
    data = "café\nLeaders ".encode("utf-8") + b"\xff" + b" inspire"
    with pytest.raises(InputError) as err:
        decode(data, "notes.txt")
    assert str(err.value) == (
        "notes.txt: invalid UTF-8 byte 0xff at byte offset 14 (line 2)"
        " - fix or re-save the file as UTF-8, or pass --encoding if it is in another encoding"
    )


def test_byte_that_is_neither_utf8_nor_cp1252():
    with pytest.raises(InputError) as err:
        decode(b"caf\xe9 \x81", "odd.txt")
    assert str(err.value) == "odd.txt: byte 0x81 at byte offset 5 (line 1) is neither UTF-8 nor CP-1252 - pass --encoding (latin-1 reads any byte)"


def test_invalid_bytes_for_the_given_encoding():
    with pytest.raises(InputError) as err:
        decode(b"ab\xffcd", "x.txt", "utf-8")
    assert str(err.value) == "x.txt: invalid UTF-8 data at byte offset 2 (invalid start byte) - fix the file, or pass the --encoding it is written in"


def test_truncated_utf16():
    with pytest.raises(InputError) as err:
        decode("\ufeffab".encode("utf-16-le") + b"a", "t.txt")
    assert str(err.value) == "t.txt: invalid UTF-16 data at byte offset 6 (truncated data) - fix the file, or pass the --encoding it is written in"


@pytest.mark.parametrize("name", ["nope", "rot13", "zlib"])
def test_unknown_or_non_text_encoding_is_a_usage_error(name):
    with pytest.raises(UsageError) as err:
        decode(b"abc", "x.txt", name)
    assert err.value.exit_code == 2
    assert str(err.value) == f"--encoding: unknown text encoding '{name}' - use a name such as utf-8, utf-16, cp1252 or latin-1"


def test_binary_data_with_zero_bytes():
    with pytest.raises(BinaryFileError) as err:
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "logo.txt")
    assert str(err.value) == "logo.txt: binary data, not text (a zero byte at byte offset 8) - pass text files only"


def test_binary_data_without_zero_bytes():
    with pytest.raises(BinaryFileError) as err:
        decode(bytes(range(1, 9)) * 20, "blob.txt")
    assert str(err.value) == "blob.txt: binary data, not text (160 control characters in the first 160) - pass text files only"


# ----------------------------------------------------------------------------- files and folders


def test_read_document_hashes_the_bytes_and_names_the_file(tmp_path):
    path = _write(tmp_path, "a.txt", b"\xef\xbb\xbfLeaders inspire.")
    doc = read_document(path)
    assert (doc.name, doc.text) == ("a.txt", "Leaders inspire.")
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_unreadable_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError) as err:
        read_document(tmp_path / "gone.txt")
    assert str(err.value) == f"{tmp_path / 'gone.txt'}: No such file or directory - check the path and permissions"


def test_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError) as err:
        list(read_documents([tmp_path / "nowhere"]))
    assert str(err.value) == f"{tmp_path / 'nowhere'}: no such file or folder - check the path"


def test_folder_skips_binary_empty_and_non_text_files_with_warnings(tmp_path):
    _write(tmp_path, "a.txt", b"Managers plan.")
    _write(tmp_path, "b.txt", b"GIF89a\x00\x01")
    _write(tmp_path, "c.md", b"   \n")
    _write(tmp_path, "d.pdf", b"%PDF-1.7")
    _write(tmp_path, "sub/e.text", b"Leaders inspire.")
    _write(tmp_path, ".hidden.txt", b"not read")
    _write(tmp_path, ".git/config.txt", b"not read")
    with pytest.warns(KgWarning) as caught:
        found = list(iter_documents([tmp_path]))
    assert [(p.relative_to(tmp_path).as_posix(), d.text) for p, d in found] == [
        ("a.txt", "Managers plan."),
        ("sub/e.text", "Leaders inspire."),
    ]
    assert _messages(caught) == [
        f"{tmp_path / 'b.txt'}: binary data, not text (a zero byte at byte offset 6), skipped - remove it or move it out of the folder",
        f"{tmp_path / 'c.md'}: empty file, skipped - add text to it or remove it",
        f"{tmp_path / 'd.pdf'}: not a text file (.pdf), skipped - name it directly to read it anyway",
    ]


def test_binary_file_named_directly_is_an_error(tmp_path):
    path = _write(tmp_path, "logo.txt", b"\x89PNG\x00\x00")
    with pytest.raises(BinaryFileError) as err:
        list(read_documents([path]))
    assert str(err.value) == f"{path}: binary data, not text (a zero byte at byte offset 4) - pass text files only"


def test_file_named_directly_is_read_whatever_its_suffix(tmp_path):
    path = _write(tmp_path, "thread.log", b"Leaders inspire.")
    assert [d.text for d in read_documents([path])] == ["Leaders inspire."]


def test_folder_without_documents_is_an_error(tmp_path):
    _write(tmp_path, "empty.txt", b"")
    with pytest.warns(KgWarning), pytest.raises(InputError) as err:
        list(read_documents([tmp_path]))
    assert str(err.value) == f"{tmp_path}: no text documents found - pass .txt or .md files, or folders that hold some"


def test_two_documents_with_one_name_are_an_error(tmp_path):
    _write(tmp_path, "a/notes.txt", b"Managers plan.")
    _write(tmp_path, "b/notes.txt", b"Leaders inspire.")
    with pytest.raises(InputError) as err:
        list(read_documents([tmp_path]))
    assert str(err.value) == (
        f"{tmp_path / 'b/notes.txt'}: same file name as {tmp_path / 'a/notes.txt'}"
        " - rename one of them; documents are identified by their file name"
    )


def test_iter_paths_lists_text_files_sorted(tmp_path):
    for name in ("b.txt", "a.md", "c/d.txt"):
        _write(tmp_path, name, b"x")
    assert [p.relative_to(tmp_path).as_posix() for p in corpus.iter_paths([tmp_path])] == ["a.md", "b.txt", "c/d.txt"]


# ------------------------------------------------------------------------- line ends and size


def test_crlf_line_ends_are_kept(tmp_path):
    path = _write(tmp_path, "crlf.txt", TEXT.replace("\n", "\r\n").encode("utf-8"))
    doc = read_document(path)
    assert doc.text == TEXT.replace("\n", "\r\n")
    assert doc.text.index("• leaders") == TEXT.index("• leaders") + 1


def test_crlf_document_gives_exact_offsets_and_the_same_claims(tmp_path):
    seed = (Path(__file__).resolve().parent.parent / "seeds" / "000_b06b74fee8466084.txt").read_bytes()
    lf = extract_document(read_document(_write(tmp_path, "lf.txt", seed.replace(b"\r\n", b"\n"))))
    crlf_doc = read_document(_write(tmp_path, "crlf.txt", seed.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")))
    crlf = extract_document(crlf_doc)
    assert "\r\n" in crlf_doc.text
    spans = [c.evidence for c in crlf.claims] + [a.evidence for a in crlf.attributions]
    spans += [m for concept in crlf.concepts for m in concept.mentions]
    assert spans
    for span in spans:
        assert crlf_doc.text[span.start : span.end] == span.text
    assert [(c.subject, c.relation, c.object, c.polarity) for c in crlf.claims] == [
        (c.subject, c.relation, c.object, c.polarity) for c in lf.claims
    ]


def test_unicode_quotes_and_bullets_survive_extraction_offsets():
    doc = corpus.document_from_text("q.txt", "Managers:\n• “plan” budgets\n• don’t inspire\nLeaders:\n• inspire people\n")
    result = extract_document(doc)
    for concept in result.concepts:
        for span in concept.mentions:
            assert doc.text[span.start : span.end] == span.text
    assert {c.label for c in result.concepts} >= {"manager", "leader"}


def test_one_line_of_50_mb(tmp_path):
    line = ("Leaders inspire “people” • managers plan – café. " * 1_000_000)[: 50 * 1024 * 1024]
    path = _write(tmp_path, "long.txt", line.encode("utf-8", "ignore"))
    doc = read_document(path)
    assert "\n" not in doc.text
    assert doc.text == path.read_bytes().decode("utf-8")
    assert len(path.read_bytes()) >= 50 * 1024 * 1024 - 4


def test_document_of_5_mb_in_cp1252(tmp_path):
    block = "Managers plan.\r\n• “Leaders” inspire – café.\r\n"
    data = (block * (5 * 1024 * 1024 // len(block) + 1)).encode("cp1252")
    path = _write(tmp_path, "big.txt", data)
    with pytest.warns(KgWarning):
        doc = read_document(path)
    assert len(data) > 5 * 1024 * 1024
    assert doc.text == data.decode("cp1252")
    assert doc.text.count("\r\n") == data.count(b"\r\n")
