"""Faults during `kg build`: killed builds, concurrent builds, read-only and full output folders.

Each test drives the real command in a subprocess and checks that out/ holds either the previous
complete build or the new complete build - graph, HTML, JSON and store agreeing - never a mix.
"""

from __future__ import annotations

import importlib.util
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import api, builder as build

ROOT = Path(__file__).resolve().parent.parent
FILES = ("graph.ttl", "graph.html", "extraction.json")


def _make_corpus():
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "scripts" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_corpus"] = module
    spec.loader.exec_module(module)
    return module.make_corpus


make_corpus = _make_corpus()


def kg(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "kg.cli", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs
    )


def run_kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, timeout=600)


def snapshot(out: Path) -> dict:
    """What a reader of out/ sees: the files' bytes and the store's document graphs."""
    files = {name: (out / name).read_bytes() for name in FILES}
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    files["manifest"] = ([(d["name"], d["sha256"]) for d in manifest["documents"]], manifest["summary"])
    rows = api.open_graph(out).query("SELECT ?g WHERE { GRAPH ?g { ?g a kg:Document } }", union=False)
    files["store"] = sorted(row[0].value for row in rows)
    return files


def _listing(folder: Path) -> list[tuple[str, str]]:
    return [(p.name, hashlib.sha256(p.read_bytes()).hexdigest()) for p in sorted(folder.iterdir())]


def complete_build_of(out: Path, corpora: dict) -> str:
    """Which corpus out/ holds a complete, self-consistent build of ("old" or "new"); fails on a mix.

    Checked without reference outputs, so the check holds while the extractor changes: every file
    and the store must describe the same documents, graph.ttl must be exactly the store's union, and
    graph.html must show this build's documents and no other's.
    """
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    listing = [(d["name"], d["sha256"]) for d in manifest["documents"]]
    which = [name for name in ("old", "new") if _listing(corpora[name]) == listing]
    assert which, "manifest.json describes neither corpus"
    extraction = json.loads((out / "extraction.json").read_text(encoding="utf-8"))
    assert [d["doc"] for d in extraction["documents"]] == [name for name, _ in listing]
    assert sum(len(d["claims"]) for d in extraction["documents"]) == manifest["summary"]["claims"]
    assert len(extraction["contests"]) == manifest["summary"]["contests"]
    kg_graph = api.open_graph(out)
    rows = kg_graph.query("SELECT ?g ?sha WHERE { GRAPH ?g { ?g a kg:Document ; kg:sha256 ?sha } }", union=False)
    assert sorted((row[0].value, row[1].value) for row in rows) == sorted(
        (d["graph"], d["sha256"]) for d in manifest["documents"]
    )
    union = {(q.subject, q.predicate, q.object) for q in kg_graph.quads()}
    parsed = {(t.subject, t.predicate, t.object) for t in ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)}
    assert parsed == union, "graph.ttl and the store disagree"
    html = (out / "graph.html").read_text(encoding="utf-8")
    names = {name for name, _ in listing}
    others = {p.name for p in corpora["new" if which[0] == "old" else "old"].iterdir()} - names
    assert all(name in html for name in names) and not any(name in html for name in others), "graph.html is of another build"
    return which[0]


@pytest.fixture(scope="module")
def corpora(tmp_path_factory) -> dict:
    """Two versions of a corpus: 12 documents, then one of them changed and 12 more."""
    root = tmp_path_factory.mktemp("faults")
    old, new = root / "old", root / "new"
    make_corpus(old, 12, seed=21)
    make_corpus(new, 24, seed=21)  # the same first 12 documents, and 12 more
    first = sorted(new.iterdir())[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nNot every manager is a leader.\n", encoding="utf-8")
    return {"old": old, "new": new}


def test_killed_builds_leave_the_old_or_the_new_complete_build(corpora, tmp_path):
    out = tmp_path / "out"
    build.build([corpora["old"]], out, jobs=2)
    assert complete_build_of(out, corpora) == "old"
    started = time.perf_counter()
    done = run_kg("build", str(corpora["new"]), "--out", str(out), "--full", "--quiet")
    duration = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    assert complete_build_of(out, corpora) == "new"

    rng = random.Random(9)
    seen = []
    for fraction in (0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.9, 0.97, 1.02):
        if complete_build_of(out, corpora) != "old":
            build.build([corpora["old"]], out, jobs=2)
        process = kg("build", str(corpora["new"]), "--out", str(out), "--full", "--quiet")
        time.sleep(duration * fraction * rng.uniform(0.9, 1.1))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        seen.append(complete_build_of(out, corpora))
    assert "old" in seen
    finished = run_kg("build", str(corpora["new"]), "--out", str(out), "--quiet")
    assert finished.returncode == 0, finished.stderr
    assert complete_build_of(out, corpora) == "new"
    # Unpublished generations of killed builds are cleared; the last one superseded may stay.
    assert len(list((out / ".builds").iterdir())) <= 2
    assert not [p for p in (out / "cache").iterdir() if p.suffix != ".pickle"]


def test_a_second_build_on_the_same_folder_is_refused_with_a_clear_message(corpora, tmp_path):
    out = tmp_path / "out"
    build.build([corpora["old"]], out, jobs=2)
    before = snapshot(out)
    with build.lock(out):
        result = run_kg("build", str(corpora["new"]), "--out", str(out))
    assert result.returncode == 1
    assert result.stderr == (
        f"kg: error: {out}/: another kg build holds the lock - wait for it or remove {out}/.lock if no build runs\n"
    )
    assert snapshot(out) == before


def test_the_lock_of_a_killed_build_does_not_block_the_next(corpora, tmp_path):
    out = tmp_path / "out"
    process = kg("build", str(corpora["old"]), "--out", str(out), "--quiet")
    while not (out / build.LOCK_NAME).exists():
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    result = run_kg("build", str(corpora["old"]), "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    assert complete_build_of(out, corpora) == "old"


def test_two_builds_at_once_give_one_complete_build(corpora, tmp_path):
    out = tmp_path / "out"
    build.build([corpora["old"]], out, jobs=2)
    first = kg("build", str(corpora["new"]), "--out", str(out), "--full", "--quiet")
    second = kg("build", str(corpora["new"]), "--out", str(out), "--full", "--quiet")
    results = [(p.wait(timeout=600), p.stderr.read()) for p in (first, second)]
    refused = f"kg: error: {out}/: another kg build holds the lock - wait for it or remove {out}/.lock if no build runs\n"
    assert all(code == 0 or (code == 1 and err == refused) for code, err in results), results
    assert any(code == 0 for code, _ in results)
    assert complete_build_of(out, corpora) == "new"


# ------------------------------------------------------------------ read-only and full folders


def _mount_tmpfs(path: Path, size: str) -> None:
    path.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.decode().strip()}); needs root")


@pytest.fixture
def tmpfs(tmp_path):
    mounts: list[Path] = []

    def mount(size: str) -> Path:
        path = tmp_path / f"fs{len(mounts)}"
        _mount_tmpfs(path, size)
        mounts.append(path)
        return path

    yield mount
    for path in mounts:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def _make_read_only(folder: Path) -> None:
    if os.geteuid() == 0:
        # root writes through permission bits: make the file system itself read-only.
        subprocess.run(["mount", "-o", "remount,ro", str(folder.parent)], check=True)
    else:
        for root, dirs, _files in os.walk(folder):
            for name in dirs:
                os.chmod(os.path.join(root, name), 0o555)
        os.chmod(folder, 0o555)


def test_a_read_only_output_folder_gives_a_clear_error_and_keeps_the_old_build(corpora, tmp_path, tmpfs):
    base = tmpfs("64m") if os.geteuid() == 0 else tmp_path
    out = base / "out"
    build.build([corpora["old"]], out, jobs=2)
    before = snapshot(out)
    _make_read_only(out)
    result = run_kg("build", str(corpora["new"]), "--out", str(out))
    assert result.returncode == 1
    reason = "Read-only file system" if os.geteuid() == 0 else "Permission denied"
    assert result.stderr == (
        f"kg: error: {out}/: cannot write here ({reason}) - make the folder writable or pass another --out\n"
    )
    assert snapshot(out) == before


def test_a_full_output_folder_gives_a_clear_error_and_keeps_the_old_build(corpora, tmpfs):
    base = tmpfs("48m")
    out = base / "out"
    build.build([corpora["old"]], out, jobs=2)
    before = snapshot(out)
    # Fill the file system, leaving a little room so the build fails part of the way through.
    with open(base / "filler", "wb") as filler:
        try:
            while True:
                filler.write(b"\0" * (1 << 20))
                filler.flush()
        except OSError:
            pass
    os.truncate(base / "filler", max(0, (base / "filler").stat().st_size - (256 << 10)))
    result = run_kg("build", str(corpora["new"]), "--out", str(out), "--full")
    assert result.returncode == 1
    assert result.stderr == f"kg: error: {out}/: no space left on the device - free some space or pass another --out\n"
    assert snapshot(out) == before
    current = os.readlink(out / "current").rsplit("/", 1)[-1]
    assert [p.name for p in (out / ".builds").iterdir()] == [current]
    (base / "filler").unlink()
    again = run_kg("build", str(corpora["new"]), "--out", str(out), "--quiet")
    assert again.returncode == 0, again.stderr
    assert complete_build_of(out, corpora) == "new"
