"""Every error ends in one line ``kg: error: WHERE: WHAT - WHAT TO DO``; exit 2 for usage, 1 otherwise."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import api
from kg.cli import main
from kg.errors import InputError

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_b06b74fee8466084.txt"


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


# ---------------------------------------------------------------------------------- usage: exit 2


def test_unknown_command():
    result = run("frobnicate")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "kg: error: kg: No such command 'frobnicate' - run 'kg --help' for usage\n"


def test_unknown_option_of_the_group():
    result = run("--frob")
    assert (result.exit_code, result.stderr) == (2, "kg: error: kg: No such option '--frob' - run 'kg --help' for usage\n")


def test_unknown_option_of_a_command():
    result = run("extract", "--nope", str(SEED))
    assert result.exit_code == 2
    assert result.stderr == "kg: error: kg extract: No such option '--nope' - run 'kg extract --help' for usage\n"


def test_missing_argument():
    result = run("extract")
    assert (result.exit_code, result.stderr) == (
        2,
        "kg: error: kg extract: Missing argument 'PATHS...' - run 'kg extract --help' for usage\n",
    )


def test_bad_option_value():
    result = run("render", "--depth", "-1")
    assert result.exit_code == 2
    assert result.stderr == (
        "kg: error: kg render: Invalid value for '--depth': -1 is not in the range x>=0 - run 'kg render --help' for usage\n"
    )


def test_unknown_encoding_is_a_usage_error():
    result = run("extract", "--encoding", "klingon", str(SEED))
    assert result.exit_code == 2
    assert result.stderr == "kg: error: --encoding: unknown text encoding 'klingon' - use a name such as utf-8, utf-16, cp1252 or latin-1\n"


# ---------------------------------------------------------------------------------- input: exit 1


def test_missing_file(tmp_path):
    result = run("extract", tmp_path / "nope.txt")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"kg: error: {tmp_path / 'nope.txt'}: no such file or folder - check the path\n"


def test_missing_file_in_build(tmp_path):
    result = run("build", tmp_path / "nope", "--out", tmp_path / "out", "--quiet")
    assert (result.exit_code, result.stderr) == (1, f"kg: error: {tmp_path / 'nope'}: no such file or folder - check the path\n")


def test_invalid_utf8_names_the_file_and_byte_offset(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("Managers plan ".encode() + "café".encode() + b"\n\xfe")
    result = run("extract", bad)
    assert result.exit_code == 1
    assert result.stderr == (
        f"kg: error: {bad}: invalid UTF-8 byte 0xfe at byte offset 20 (line 2)"
        " - fix or re-save the file as UTF-8, or pass --encoding if it is in another encoding\n"
    )


def test_binary_file_named_directly(tmp_path):
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    result = run("extract", binary)
    assert (result.exit_code, result.stderr) == (
        1,
        f"kg: error: {binary}: binary data, not text (a zero byte at byte offset 4) - pass text files only\n",
    )


def test_empty_folder(tmp_path):
    result = run("extract", tmp_path)
    assert (result.exit_code, result.stderr) == (
        1,
        f"kg: error: {tmp_path}: no text documents found - pass .txt or .md files, or folders that hold some\n",
    )


def test_output_into_a_missing_parent_that_is_a_file(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("extract", SEED, "-o", blocker / "x.json")
    assert result.exit_code == 1
    assert result.stderr == f"kg: error: {blocker / 'x.json'}: File exists - check that the folder is writable\n"


# ------------------------------------------------------------------------------------- warnings


def test_skipped_files_are_warnings_and_the_rest_is_extracted(tmp_path):
    (tmp_path / "a.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "b.txt").write_bytes(b"PK\x03\x04\x00\x00")
    (tmp_path / "c.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "d.txt").write_bytes(b"")
    out = tmp_path / "x.json"
    result = run("extract", tmp_path, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"kg: warning: {tmp_path / 'b.txt'}: binary data, not text (a zero byte at byte offset 4), skipped"
        " - remove it or move it out of the folder\n"
        f"kg: warning: {tmp_path / 'c.docx'}: not a text file (.docx), skipped - name it directly to read it anyway\n"
        f"kg: warning: {tmp_path / 'd.txt'}: empty file, skipped - add text to it or remove it\n"
    )
    assert [d["doc"] for d in json.loads(out.read_text())["documents"]] == ["a.txt"]


def test_guessed_encoding_is_a_warning(tmp_path):
    old = tmp_path / "old.txt"
    old.write_bytes("“Every manager is a leader” – Ann".encode("cp1252"))
    result = run("extract", old, "-o", tmp_path / "x.json")
    assert (result.exit_code, result.stderr) == (
        0,
        f"kg: warning: {old}: not UTF-8, read as CP-1252 - pass --encoding if it is another encoding\n",
    )
    assert json.loads((tmp_path / "x.json").read_text())["documents"][0]["doc"] == "old.txt"


def test_encoding_option_silences_the_guess(tmp_path):
    old = tmp_path / "old.txt"
    old.write_bytes("Leaders inspire – café".encode("cp1252"))
    result = run("extract", "--encoding", "cp1252", old, "-o", tmp_path / "x.json")
    assert (result.exit_code, result.stderr) == (0, "")


# ------------------------------------------------------------------------- --debug, internal errors


def test_debug_lets_the_traceback_through(tmp_path):
    result = run("--debug", "extract", tmp_path / "nope.txt")
    assert result.exit_code == 1
    assert isinstance(result.exception, InputError)
    assert "kg: error" not in result.output


def test_debug_traceback_on_the_real_command(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "kg.cli", "--debug", "extract", str(tmp_path / "nope.txt")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert proc.returncode == 1
    assert proc.stderr.startswith("Traceback (most recent call last):")
    assert proc.stderr.endswith(f"kg.errors.InputError: {tmp_path / 'nope.txt'}: no such file or folder - check the path\n")


def test_without_debug_the_real_command_prints_one_line(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "kg.cli", "extract", str(tmp_path / "nope.txt")], capture_output=True, text=True, cwd=tmp_path
    )
    assert (proc.returncode, proc.stdout) == (1, "")
    assert proc.stderr == f"kg: error: {tmp_path / 'nope.txt'}: no such file or folder - check the path\n"


@pytest.fixture
def broken_extract(monkeypatch):
    def boom(paths, *, encoding=None):
        raise ZeroDivisionError("division by zero\nsecond line")

    monkeypatch.setattr(api, "extract", boom)


def test_an_unexpected_exception_is_one_line_too(broken_extract):
    result = run("extract", SEED)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "kg: error: kg extract: internal error: ZeroDivisionError: division by zero second line"
        " - rerun with kg --debug and report the traceback\n"
    )


def test_an_unexpected_exception_with_debug_is_raised(broken_extract):
    result = run("--debug", "extract", SEED)
    assert result.exit_code == 1
    assert isinstance(result.exception, ZeroDivisionError)


def test_kg_alone_prints_the_help():
    result = CliRunner().invoke(main, [], prog_name="kg")
    assert result.exit_code == 2
    assert result.output.startswith("Usage: kg [OPTIONS] COMMAND [ARGS]...\n")


def test_a_multi_line_message_is_printed_on_one_line(monkeypatch):
    def fail(paths, *, encoding=None):
        raise InputError("first\nsecond", where="x.txt", hint="fix it")

    monkeypatch.setattr(api, "extract", fail)
    result = run("extract", SEED)
    assert (result.exit_code, result.stderr) == (1, "kg: error: x.txt: first second - fix it\n")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_build_warns_once_per_file_whatever_the_processes(tmp_path, jobs):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Managers plan budgets. Leaders inspire people.", encoding="utf-8")
    (docs / "b.txt").write_bytes("“Every manager is a leader” – Ann".encode("cp1252"))
    (docs / "c.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00")
    proc = subprocess.run(
        [sys.executable, "-m", "kg.cli", "build", "docs", "--out", "out", "--quiet", "--jobs", jobs],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert (proc.returncode, proc.stdout) == (0, "")
    assert proc.stderr == (
        "kg: warning: docs/b.txt: not UTF-8, read as CP-1252 - pass --encoding if it is another encoding\n"
        "kg: warning: docs/c.txt: binary data, not text (a zero byte at byte offset 7), skipped"
        " - remove it or move it out of the folder\n"
    )
    names = [d["doc"] for d in json.loads((tmp_path / "out" / "extraction.json").read_text())["documents"]]
    assert names == ["a.txt", "b.txt"]
