"""--endpoint and kg push against a real Oxigraph server started on a free loopback port."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg import endpoint, graph
from kg.cli import main
from kg.store import Store


def _oxigraph() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    assert Path(found).exists(), "the oxigraph server comes with the test extra (pip install -e .[test])"
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    """``oxigraph serve`` with the union default graph, as kg's own store queries; stopped afterwards."""
    port = _free_port()
    process = subprocess.Popen(
        [_oxigraph(), "serve", "--location", str(tmp_path / "server"), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"oxigraph serve did not start: {process.stderr.read().decode()}")
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def sample_out(tmp_path, sample_extraction) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    store = Store(out / "store")
    store.load(graph.extraction_quads(sample_extraction))
    store.close()
    return out


def kg(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def remote_counts(base: str) -> dict[str, int]:
    text = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    return {row["g"].value: int(row["n"].value) for row in endpoint.query(f"{base}/query", text, "select")}


def test_push_uploads_every_named_graph(server, sample_out):
    result = kg("push", "--endpoint", f"{server}/store", "--out", str(sample_out))
    assert result.exit_code == 0, result.output
    local = Store(sample_out / "store", read_only=True)
    expected = {iri: len(local.graph_triples(iri)) for iri in local.named_graphs()}
    assert remote_counts(server) == expected
    assert len(result.stdout.splitlines()) == len(expected)
    assert f"graphs to {server}/store" in result.stderr


def test_push_replaces_a_document_graph_and_leaves_the_others(server, sample_out, sample_extraction):
    assert kg("push", "--endpoint", f"{server}/store", "--out", str(sample_out)).exit_code == 0
    before = remote_counts(server)
    doc = graph.document_iri("essay.txt")
    store = Store(sample_out / "store")
    kept = [q for q in store.oxigraph.quads_for_pattern(None, None, None, doc)][:5]
    store.replace_graph(doc, kept)
    store.close()
    assert kg("push", "--endpoint", f"{server}/store", "--out", str(sample_out)).exit_code == 0
    after = remote_counts(server)
    assert after[doc.value] == 5 < before[doc.value]
    assert {g: n for g, n in after.items() if g != doc.value} == {g: n for g, n in before.items() if g != doc.value}


def test_named_query_on_the_endpoint_matches_the_local_store(server, sample_out):
    assert kg("push", "--endpoint", f"{server}/store", "--out", str(sample_out)).exit_code == 0
    for name in ("contested", "claims", "concepts"):
        remote = kg("query", name, "--endpoint", f"{server}/query", "--format", "json")
        local = kg("query", name, "--out", str(sample_out), "--format", "json")
        assert remote.exit_code == 0, remote.output
        assert json.loads(remote.stdout)["results"] == json.loads(local.stdout)["results"]


def test_predeclared_prefixes_bindings_and_ask_work_on_the_endpoint(server, sample_out):
    kg("push", "--endpoint", f"{server}/store", "--out", str(sample_out))
    url = f"{server}/query"
    assert kg("query", "ASK { ?c a kg:Claim }", "--endpoint", url).exit_code == 0
    assert kg("query", "ASK { ?c a kg:Nothing }", "--endpoint", url).exit_code == 1
    explained = kg("query", "explain", "not every", "--endpoint", url, "--format", "csv")
    assert explained.exit_code == 0 and "Not every manager is a leader." in explained.stdout
    construct = kg("query", "CONSTRUCT { ?c schema:text ?t } WHERE { ?c a kg:Claim ; schema:text ?t }", "--endpoint", url, "--format", "ntriples")
    assert len(construct.stdout.splitlines()) == 4


def test_update_on_the_endpoint_needs_the_flag(server):
    insert = 'INSERT DATA { GRAPH <http://e/g> { <http://e/a> schema:name "x" } }'
    refused = kg("query", insert, "--endpoint", f"{server}/update")
    assert refused.exit_code == 2 and "--update" in refused.stderr
    assert kg("query", "--update", insert, "--endpoint", f"{server}/update").exit_code == 0
    assert remote_counts(server) == {"http://e/g": 1}


def test_from_a_graph_the_endpoint_holds_is_allowed_and_others_refused(server, sample_out):
    kg("push", "--endpoint", f"{server}/store", "--out", str(sample_out))
    doc = graph.document_iri("essay.txt").value
    ok = kg("query", f"SELECT (COUNT(*) AS ?n) FROM <{doc}> WHERE {{ ?c a kg:Claim }}", "--endpoint", f"{server}/query", "--format", "csv")
    # (an Oxigraph server started with --union-default-graph answers over the union even with FROM)
    assert ok.exit_code == 0 and ok.stdout_bytes.startswith(b"n\r\n")
    refused = kg("query", "SELECT * FROM <http://elsewhere.example/g> WHERE { ?s ?p ?o }", "--endpoint", f"{server}/query")
    assert refused.exit_code == 2 and "FROM <http://elsewhere.example/g> names a graph the store does not hold" in refused.stderr


def test_service_is_refused_before_the_endpoint_is_asked(server):
    result = kg("query", "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }", "--endpoint", f"{server}/query")
    assert result.exit_code == 2 and "SERVICE <http://127.0.0.1:1/>" in result.stderr


def test_server_side_error_is_one_line(server):
    # a valid query for rdflib's parser that Oxigraph rejects: an undeclared prefix is only the server's to judge
    result = kg("query", "SELECT * WHERE { ?s nope:p ?o }", "--endpoint", f"{server}/query")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"kg: error: {server}/query: HTTP 400: ")
    assert result.stderr.count("\n") == 1


def test_unreachable_endpoint_and_non_http_urls(tmp_path):
    closed = f"http://127.0.0.1:{_free_port()}/query"
    result = kg("query", "ASK {}", "--endpoint", closed)
    assert result.exit_code == 1 and result.stderr.startswith(f"kg: error: {closed}: cannot reach the server")
    for url in ("file:///etc/passwd", "ftp://example.org/x"):
        refused = kg("query", "ASK {}", "--endpoint", url)
        assert refused.exit_code == 2 and "is not an http(s) URL" in refused.stderr


def test_put_graph_with_no_triples_empties_it(server):
    endpoint.put_graph(f"{server}/store", "http://e/g", [ox.Triple(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/b"), ox.Literal("c"))])
    assert remote_counts(server) == {"http://e/g": 1}
    endpoint.put_graph(f"{server}/store", "http://e/g", [])
    assert remote_counts(server) == {}
