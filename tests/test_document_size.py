"""The document-size limit: a file over it is refused before any work (named) or skipped (in a folder)."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import corpus
from kg.cli import ByteSize, main
from kg.corpus import DocumentTooLargeError, document_size_limit, iter_documents
from kg.errors import KgWarning

TEXT = b"Every manager is a leader. Leaders inspire people; managers plan budgets.\n"
GOLD = Path(__file__).resolve().parent / "gold"
HINT = "split it, or raise the limit with --max-document-size"


def run(*args) -> object:
    return CliRunner().invoke(main, [str(a) for a in args])


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _sparse(path: Path, size: int) -> Path:
    """A file of ``size`` bytes that takes no room on disk: the limit is checked from its size, unread."""
    with open(path, "wb") as handle:
        handle.truncate(size)
    return path


def _documents(extraction_json: Path) -> list[str]:
    return [d["doc"] for d in json.loads(extraction_json.read_text(encoding="utf-8"))["documents"]]


# ------------------------------------------------------------------------------- a file named directly


def test_a_file_over_the_default_limit_is_refused_with_its_size_in_megabytes(tmp_path):
    big = _sparse(tmp_path / "big.txt", 50 * 2**20)
    result = run("extract", big, "-o", tmp_path / "x.json")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"kg: error: {big}: 52.4 MB is more than one document may hold (limit 10 MB) - {HINT}\n"
    assert not (tmp_path / "x.json").exists()


def test_sizes_that_round_alike_are_given_in_bytes(tmp_path):
    big = _sparse(tmp_path / "big.txt", corpus.MAX_DOCUMENT_BYTES + 1)
    result = run("extract", big)
    assert (result.exit_code, result.stderr) == (
        1,
        f"kg: error: {big}: 10,000,001 bytes is more than one document may hold (limit 10,000,000 bytes) - {HINT}\n",
    )


def test_a_file_at_the_limit_is_extracted_and_one_byte_more_is_refused(tmp_path):
    doc = _write(tmp_path / "doc.txt", TEXT)
    out = tmp_path / "x.json"
    at_limit = run("extract", doc, "-o", out, "--max-document-size", len(TEXT))
    assert (at_limit.exit_code, at_limit.stderr) == (0, "")
    assert _documents(out) == ["doc.txt"]
    below = run("extract", doc, "-o", out, "--max-document-size", len(TEXT) - 1)
    assert (below.exit_code, below.stderr) == (
        1,
        f"kg: error: {doc}: 74 bytes is more than one document may hold (limit 73 bytes) - {HINT}\n",
    )


def test_the_limit_is_checked_on_every_file_named_before_any_is_read(tmp_path):
    small = _write(tmp_path / "a.txt", TEXT)
    big = _write(tmp_path / "b.txt", TEXT * 20)
    documents = iter_documents([small, big])
    with document_size_limit(1000), pytest.raises(DocumentTooLargeError) as err:
        next(documents)  # the first document is never handed out
    assert str(err.value) == f"{big}: 1.5 kB is more than one document may hold (limit 1 kB) - {HINT}"


def test_build_of_an_over_size_file_fails_and_leaves_the_previous_build(tmp_path):
    doc = _write(tmp_path / "docs" / "a.txt", TEXT)
    out = tmp_path / "out"
    first = run("build", doc.parent, "--out", out, "--quiet", "--jobs", "1")
    assert (first.exit_code, first.stderr) == (0, "")
    before = (out / "graph.ttl").read_bytes()
    big = _sparse(tmp_path / "big.txt", 20_000_000)
    result = run("build", doc, big, "--out", out, "--quiet", "--jobs", "1")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"kg: error: {big}: 20 MB is more than one document may hold (limit 10 MB) - {HINT}\n"
    assert (out / "graph.ttl").read_bytes() == before


# ------------------------------------------------------------------------------------- in a folder


def test_extract_skips_an_over_size_file_in_a_folder_with_a_warning(tmp_path):
    _write(tmp_path / "docs" / "a.txt", TEXT)
    big = _write(tmp_path / "docs" / "b.txt", TEXT * 2)
    _write(tmp_path / "docs" / "c.txt", TEXT)
    out = tmp_path / "x.json"
    result = run("extract", tmp_path / "docs", "-o", out, "--max-document-size", "100B")
    assert (result.exit_code, result.stderr) == (
        0,
        f"kg: warning: {big}: 148 bytes is more than one document may hold (limit 100 bytes), skipped - {HINT}\n",
    )
    assert _documents(out) == ["a.txt", "c.txt"]


def test_build_skips_an_over_size_file_in_a_folder_and_builds_the_rest(tmp_path):
    docs = tmp_path / "docs"
    _write(docs / "a.txt", TEXT)
    big = _sparse(docs / "big.txt", 50 * 2**20)
    out = tmp_path / "out"
    result = run("build", docs, "--out", out, "--quiet", "--jobs", "1")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"kg: warning: {big}: 52.4 MB is more than one document may hold (limit 10 MB), skipped - {HINT}\n"
    assert _documents(out / "extraction.json") == ["a.txt"]


def test_raising_the_limit_builds_the_file_a_lower_limit_skipped(tmp_path):
    docs = tmp_path / "docs"
    _write(docs / "a.txt", TEXT)
    _write(docs / "b.txt", TEXT * 2)
    out = tmp_path / "out"
    low = run("build", docs, "--out", out, "--quiet", "--jobs", "1", "--max-document-size", "100")
    assert low.exit_code == 0 and "b.txt: 148 bytes is more than" in low.stderr
    high = run("build", docs, "--out", out, "--quiet", "--jobs", "1", "--max-document-size", "1kB")
    assert (high.exit_code, high.stderr) == (0, "")
    assert _documents(out / "extraction.json") == ["a.txt", "b.txt"]


def test_a_folder_of_only_over_size_files_has_no_documents(tmp_path):
    big = _write(tmp_path / "docs" / "b.txt", TEXT)
    result = run("extract", big.parent, "--max-document-size", "10")
    assert (result.exit_code, result.stderr) == (
        1,
        f"kg: warning: {big}: 74 bytes is more than one document may hold (limit 10 bytes), skipped - {HINT}\n"
        f"kg: error: {big.parent}: no text documents found - pass .txt or .md files, or folders that hold some\n",
    )


# ----------------------------------------------------------------------------------- the option


@pytest.mark.parametrize(
    ("given", "size"),
    [("64MB", 64_000_000), ("64mb", 64_000_000), ("64M", 64_000_000), ("1.5kB", 1_500), ("2 GB", 2_000_000_000),
     ("1GiB", 2**30), ("512KiB", 512 * 2**10), ("3MiB", 3 * 2**20), ("4096", 4096), ("10B", 10)],
)
def test_sizes_the_option_reads(given, size):
    assert ByteSize().convert(given, None, None) == size


@pytest.mark.parametrize("given", ["0", "-3", "", "MB", "16 parsecs", "1.2.3MB", "0.0001kB"])
def test_a_value_that_is_not_a_size_is_a_usage_error(given):
    result = run("extract", "seeds", "--max-document-size", given)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"kg: error: kg extract: Invalid value for '--max-document-size': {given!r} is not a size such as 64MB, 500kB"
        " or 1GiB - run 'kg extract --help' for usage\n"
    )


def test_eval_takes_the_limit_too(tmp_path):
    doc = _write(tmp_path / "doc.txt", TEXT)
    result = run("eval", doc, "--gold", GOLD, "--max-document-size", "50")
    assert (result.exit_code, result.stderr) == (
        1,
        f"kg: error: {doc}: 74 bytes is more than one document may hold (limit 50 bytes) - {HINT}\n",
    )


def test_the_limit_holds_only_inside_its_block(tmp_path):
    doc = _write(tmp_path / "doc.txt", TEXT)
    with document_size_limit(10), pytest.raises(DocumentTooLargeError):
        list(iter_documents([doc]))
    with warnings.catch_warnings():
        warnings.simplefilter("error", KgWarning)
        assert [d.name for _, d in iter_documents([doc])] == ["doc.txt"]
