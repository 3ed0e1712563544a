"""kg query: named queries on both engines, safety refusals, formats, errors, timeouts, --graph files."""

from __future__ import annotations

import io
import json
import socket
import threading
from pathlib import Path

import psutil
import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner

from kg import export, graph, results, sparql
from kg import store as kg_store
from kg.cli import main
from kg.errors import InputError, QueryError, UsageError
from kg.store import Store


@pytest.fixture
def sample_out(tmp_path, sample_extraction) -> Path:
    """A built folder whose store holds the hand-made extraction."""
    store = Store(tmp_path / "store")
    store.load(graph.extraction_quads(sample_extraction))
    store.close()
    return tmp_path


def kg(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def run_json(out: Path, *args: str) -> list[dict[str, str]]:
    result = kg("query", *args, "--out", str(out), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    return [{k: v["value"] for k, v in row.items()} for row in data["results"]["bindings"]]


def _rows_oxigraph(store: Store, text: str) -> set[tuple]:
    solutions = store.oxigraph.query(text, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return {tuple(None if s[n] is None else s[n].value for n in names) for s in solutions}


def _rows_rdflib(dataset: rdflib.Dataset, text: str) -> set[tuple]:
    return {tuple(None if v is None else str(v) for v in row) for row in dataset.query(text)}


def _both_engines(sample_extraction):
    store = Store()
    store.load(graph.extraction_quads(sample_extraction))
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(data=ox.serialize(store.oxigraph, format=ox.RdfFormat.N_QUADS), format="nquads")
    return store, dataset


NAMED = sorted(sparql.named_queries())


def test_shipped_queries_include_the_ones_users_ask_for():
    assert {"contested", "claims", "speakers", "leader-traits-managers-lack", "explain", "concepts", "attributions"} <= set(NAMED)


@pytest.mark.parametrize("name", NAMED)
def test_named_query_gives_the_same_rows_on_pyoxigraph_and_rdflib(name, sample_extraction):
    store, dataset = _both_engines(sample_extraction)
    named = sparql.named_query(name)
    values = {p: sparql.term("manager") for p, _ in named.params}
    prepared = sparql.prepare(named.text, source=named.source, bindings=values)
    # rdflib gets no predeclared prefixes: a shipped query must declare its own, as an endpoint needs.
    oxigraph_rows, rdflib_rows = _rows_oxigraph(store, prepared.text), _rows_rdflib(dataset, prepared.text)
    assert oxigraph_rows == rdflib_rows
    assert oxigraph_rows, f"{name} finds nothing in the sample extraction"


@pytest.mark.parametrize("name", NAMED)
def test_named_query_starts_with_a_description_and_runs_on_the_seeds(name, built_seeds):
    out, _ = built_seeds
    named = sparql.named_query(name)
    assert named.text.startswith("# ") and len(named.description) > 20
    args = ["manager"] if named.params else []
    result = kg("query", name, *args, "--out", str(out), "--format", "json")
    assert result.exit_code == 0, result.output
    assert "bindings" in json.loads(result.stdout)["results"]


def test_contested_lists_each_attacker_with_kind_speaker_and_evidence(sample_out):
    rows = run_json(sample_out, "contested")
    assert {r["text"] for r in rows} == {"Every manager is a leader."}
    assert all(r["status"] == "defeated" and r["document"] == "thread.txt" and r["speaker"] == "Ann" for r in rows)
    attackers = {(r["attackerText"], r["kind"], r.get("attackerSpeaker"), r["evidence"]) for r in rows}
    assert attackers == {
        ("Not every manager is a leader.", "rebuttal", "Bob", "But you said every manager is a leader."),
        ("Some managers are not leaders.", "contradiction", None, "Some managers are not leaders."),
    }


def test_explain_finds_a_claim_by_text_and_by_iri(sample_out, sample_extraction):
    by_text = run_json(sample_out, "explain", "NOT EVERY manager")
    assert {(r["text"], r["direction"], r["otherText"]) for r in by_text} == {
        ("Not every manager is a leader.", "attacks", "Every manager is a leader.")
    }
    claim = sample_extraction.documents[0].claims[0]
    iri = graph.claim_iri(claim).value
    by_iri = run_json(sample_out, "explain", f"<{iri}>")
    assert {r["claim"] for r in by_iri} == {iri}
    assert {(r["direction"], r["kind"], r["otherStatus"]) for r in by_iri} == {
        ("attacked by", "rebuttal", "accepted"),
        ("attacked by", "contradiction", "accepted"),
    }
    assert {r["reason"] for r in by_iri} == {"attacked by 2 accepted claim(s)"} or all(r["reason"] for r in by_iri)


def test_explain_without_its_argument_says_what_it_needs(sample_out):
    result = kg("query", "explain", "--out", str(sample_out))
    assert result.exit_code == 2
    assert result.stderr.startswith("kg: error: query: explain needs target:")


def test_leader_traits_managers_lack_names_charisma(sample_out):
    rows = run_json(sample_out, "leader-traits-managers-lack")
    assert [(r["quality"], r["type"], r["managers"]) for r in rows] == [("charisma", "trait", "never said")]


def test_list_shows_every_shipped_query_with_its_description():
    result = kg("query", "--list")
    assert result.exit_code == 0
    for name, named in sparql.named_queries().items():
        assert any(line.startswith(name) and named.description in line for line in result.stdout.splitlines())
    assert "explain TARGET" in result.stdout


def test_unknown_named_query_lists_the_known_ones(sample_out):
    result = kg("query", "contestd", "--out", str(sample_out))
    assert result.exit_code == 2
    assert "no named query 'contestd'" in result.stderr and "contested" in result.stderr


# ------------------------------------------------------------------ safety


@pytest.fixture
def listener():
    """A loopback socket that records whether anything connected to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(5)
    hits: list[bool] = []

    def accept():
        try:
            conn, _ = server.accept()
            hits.append(True)
            conn.close()
        except OSError:
            pass

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/sparql", hits, thread
    server.close()


REFUSED = [
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }", "SERVICE <http://127.0.0.1:1/sparql>", "--allow-remote"),
    ("SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE ?where { ?s ?p ?o } } }", "SERVICE ?variable", "--allow-remote"),
    ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "FROM <file:///etc/passwd>", "--allow-remote"),
    ("SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }", "FROM <http://example.org/g>", "--allow-remote"),
    ("INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }", "INSERT DATA changes the store", "--update"),
    ("DELETE WHERE { ?s ?p ?o }", "DELETE WHERE changes the store", "--update"),
    ("CLEAR ALL", "CLEAR changes the store", "--update"),
    ("DROP GRAPH <http://e/g>", "DROP changes the store", "--update"),
    ("LOAD <file:///etc/passwd>", "LOAD changes the store", "--update"),
    ("PREFIX x: <http://e/> DELETE { ?s ?p ?o } USING x:g WHERE { ?s ?p ?o }", "DELETE/INSERT changes the store", "--update"),
]


@pytest.mark.parametrize("text,message,hint", REFUSED)
def test_refused_query_ends_in_one_line_naming_the_option(sample_out, text, message, hint):
    result = kg("query", text, "--out", str(sample_out))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("kg: error: query: ")
    assert message in result.stderr and hint in result.stderr


def test_load_needs_allow_remote_even_with_update(sample_out):
    result = kg("query", "--update", "LOAD <file:///etc/passwd>", "--out", str(sample_out))
    assert result.exit_code == 2 and "LOAD reads a file or the network" in result.stderr


def test_using_outside_the_store_is_refused_in_updates(sample_out):
    text = "DELETE { ?s ?p ?o } USING <http://elsewhere.example/g> WHERE { ?s ?p ?o }"
    result = kg("query", "--update", text, "--out", str(sample_out))
    assert result.exit_code == 2 and "FROM <http://elsewhere.example/g>" in result.stderr


def test_service_is_refused_before_any_connection_and_made_with_allow_remote(sample_out, listener):
    url, hits, thread = listener
    text = f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"
    refused = kg("query", text, "--out", str(sample_out))
    assert refused.exit_code == 2
    thread.join(0.5)
    assert hits == []
    allowed = kg("query", text, "--out", str(sample_out), "--allow-remote")
    thread.join(5)
    assert hits == [True]
    # the listener is no SPARQL server: the failure is one line, not a traceback
    assert allowed.exit_code == 2 and allowed.stderr.startswith("kg: error: query: ") and allowed.stderr.count("\n") == 1


def test_from_a_graph_of_the_store_selects_only_that_graph(sample_out):
    doc = graph.document_iri("essay.txt").value
    rows = run_json(sample_out, f"SELECT DISTINCT ?text FROM <{doc}> WHERE {{ ?c a kg:Claim ; schema:text ?text }}")
    assert {r["text"] for r in rows} == {"Some managers are not leaders.", "Managers do not focus on people."}


def test_update_is_written_when_allowed(sample_out):
    insert = 'INSERT DATA { GRAPH <http://e/g> { <http://e/a> schema:name "added" } }'
    assert kg("query", "--update", insert, "--out", str(sample_out)).exit_code == 0
    rows = run_json(sample_out, "SELECT ?n WHERE { <http://e/a> schema:name ?n }")
    assert rows == [{"n": "added"}]


def test_a_query_rdflib_cannot_read_is_refused_when_it_mentions_service(sample_out):
    # rdflib's parser has no triple terms; the engine may judge such a query only when nothing in it is risky.
    risky = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } BIND(<<( ?s ?p ?o )>> AS ?t) }"
    result = kg("query", risky, "--out", str(sample_out))
    assert result.exit_code == 2 and "checked strictly" in result.stderr
    plain = kg("query", "SELECT ?t WHERE { BIND(<<( <http://e/a> <http://e/b> <http://e/c> )>> AS ?t) }", "--out", str(sample_out), "--format", "csv")
    assert plain.exit_code == 0, plain.output


# ------------------------------------------------------------------ errors


def test_syntax_error_names_position_and_what_was_expected(sample_out):
    result = kg("query", "SELECT * WHERE { ?s ?p ?o } LIMT 3", "--out", str(sample_out))
    assert result.exit_code == 2
    assert result.stderr.startswith("kg: error: query:1:29: syntax error at 'LIMT'")
    assert result.stderr.count("\n") == 1


def test_syntax_error_in_a_query_file_names_the_file_and_line(sample_out, tmp_path):
    path = tmp_path / "bad.rq"
    path.write_text("SELECT ?s\nWHERE {\n  ?s ?p\n}\n")
    result = kg("query", "-f", str(path), "--out", str(sample_out))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"kg: error: {path}:3:3: syntax error at '?s'")


def test_unfinished_query_says_it_ends_too_early(sample_out):
    result = kg("query", "SELECT * WHERE { ?s ?p ?o ", "--out", str(sample_out))
    assert result.exit_code == 2
    assert result.stderr.startswith("kg: error: query:1:27: the query ends too early: expected one of")


def test_undeclared_prefix_names_the_prefixes_the_graph_knows(sample_out):
    result = kg("query", "SELECT * WHERE {\n  ?s foo:bar ?o }", "--out", str(sample_out))
    assert result.exit_code == 2
    assert result.stderr.startswith("kg: error: query:2:6: undeclared prefix foo: - declare it (PREFIX foo: <IRI>)")
    assert "kg, kgc" in result.stderr and "schema" in result.stderr


def test_undeclared_prefix_after_a_bound_parameter_keeps_the_users_position(sample_out):
    result = kg("query", "SELECT * WHERE { ?s ?p ?x . ?s foo:bar ?o }", "--bind", "x=value", "--out", str(sample_out))
    assert result.exit_code == 2
    assert "query:1:32: undeclared prefix foo:" in result.stderr


def test_missing_store_says_to_build(tmp_path):
    result = kg("query", "ASK {}", "--out", str(tmp_path / "nowhere"))
    assert result.exit_code == 1 and "run `kg build` first" in result.stderr


# ------------------------------------------------------------------ formats


def test_predeclared_prefixes_and_tsv_in_a_pipe(sample_out):
    result = kg("query", "SELECT ?q WHERE { ?c a kg:Claim ; kg:quantifier ?q } ORDER BY ?q", "--out", str(sample_out))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "?q"
    assert set(lines[1:]) == {"<https://w3id.org/kg-debate/vocab#All>", "<https://w3id.org/kg-debate/vocab#Some>", "<https://w3id.org/kg-debate/vocab#Generic>"}


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "xml"])
def test_w3c_result_formats_read_back_to_the_same_rows(sample_out, fmt):
    text = "SELECT ?c ?text WHERE { ?c a kg:Claim ; schema:text ?text }"
    result = kg("query", text, "--out", str(sample_out), "--format", fmt)
    assert result.exit_code == 0
    if fmt == "csv":  # W3C CSV is lossy and not read back by pyoxigraph; the csv module reads it
        import csv

        texts = {row["text"] for row in csv.DictReader(io.StringIO(result.stdout_bytes.decode()))}
    else:
        parsed = ox.parse_query_results(result.stdout_bytes, format=results.SOLUTION_FORMATS[fmt])
        texts = {row["text"].value for row in parsed}
    assert texts == {"Every manager is a leader.", "Not every manager is a leader.", "Some managers are not leaders.", "Managers do not focus on people."}


def test_output_file_format_follows_its_extension(sample_out, tmp_path):
    target = tmp_path / "claims.json"
    result = kg("query", "claims", "--out", str(sample_out), "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert len(json.loads(target.read_text())["results"]["bindings"]) == 4


def test_output_file_with_unknown_extension_is_refused(sample_out, tmp_path):
    result = kg("query", "claims", "--out", str(sample_out), "-o", str(tmp_path / "claims.docx"))
    assert result.exit_code == 2 and "cannot tell the format from '.docx'" in result.stderr


def test_ask_prints_true_or_false_and_sets_the_exit_status(sample_out):
    yes = kg("query", "ASK { ?c a kg:Claim }", "--out", str(sample_out))
    no = kg("query", "ASK { ?c a kg:Nothing }", "--out", str(sample_out))
    assert (yes.exit_code, yes.stdout, no.exit_code, no.stdout) == (0, "true\n", 1, "false\n")
    as_json = kg("query", "ASK { ?c a kg:Claim }", "--out", str(sample_out), "--format", "json")
    assert json.loads(as_json.stdout)["boolean"] is True


def test_construct_gives_turtle_that_reads_back(sample_out):
    text = "CONSTRUCT { ?c schema:text ?t } WHERE { ?c a kg:Claim ; schema:text ?t }"
    result = kg("query", text, "--out", str(sample_out))
    assert result.exit_code == 0
    assert "@prefix schema: <https://schema.org/>" in result.stdout
    assert len(list(ox.parse(result.stdout_bytes, format=ox.RdfFormat.TURTLE))) == 4
    nt = kg("query", text, "--out", str(sample_out), "--format", "ntriples")
    assert len(nt.stdout.splitlines()) == 4


def test_format_that_does_not_fit_the_query_form(sample_out):
    result = kg("query", "claims", "--out", str(sample_out), "--format", "turtle")
    assert result.exit_code == 2 and "SELECT gives solutions, not turtle" in result.stderr


def test_table_aligns_columns_and_cuts_long_cells(sample_out):
    result = kg("query", "SELECT ?c ?text WHERE { ?c a kg:Claim ; schema:text ?text } ORDER BY ?text", "--out", str(sample_out), "--format", "table", "--max-width", "12")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("| c ") and lines[-1] == "4 rows"
    assert len({len(line) for line in lines[:-1]}) == 1
    assert "| Every manag… |" in result.stdout
    assert "| id:claim/th… |" in result.stdout


def test_table_shortens_iris_by_known_prefixes():
    assert results.show(ox.NamedNode("https://w3id.org/kg-debate/vocab#Claim")) == "kg:Claim"
    assert results.show(ox.NamedNode("http://unknown.example/x")) == "<http://unknown.example/x>"
    assert results.show(ox.Literal("manager", language="en")) == "manager"
    assert results.show(None) == ""


# ------------------------------------------------------------------ query sources and parameters


def test_query_from_standard_input_and_from_a_file(sample_out, tmp_path):
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?c a kg:Claim }"
    from_stdin = kg("query", "-", "--out", str(sample_out), "--format", "csv", input=text)
    path = tmp_path / "count.rq"
    path.write_text(text)
    from_file = kg("query", "-f", str(path), "--out", str(sample_out), "--format", "csv")
    assert from_stdin.stdout_bytes == from_file.stdout_bytes == b"n\r\n4\r\n"


def test_no_union_queries_the_stores_own_default_graph(sample_out):
    result = kg("query", "ASK { ?c a kg:Claim }", "--out", str(sample_out), "--no-union")
    assert result.exit_code == 1


def test_bind_sets_a_variable_to_an_iri_or_a_string(sample_out):
    rows = run_json(sample_out, "SELECT ?text WHERE { ?c kg:polarity ?p ; schema:text ?text }", "--bind", "p=kg:Positive")
    assert rows == [{"text": "Every manager is a leader."}]
    rows = run_json(sample_out, 'SELECT ?c WHERE { ?c schema:text ?t FILTER(?t = ?want) }', "--bind", "want=Some managers are not leaders.")
    assert len(rows) == 1


def test_bind_goes_into_the_where_clause_not_a_construct_template():
    text, inserted = sparql.bind("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": "<http://e/a>"})
    assert text == "CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?s { <http://e/a> }  ?s ?p ?o }"
    assert inserted == (30, 28)


def test_term_reads_iris_prefixed_names_and_strings():
    assert sparql.term("<http://e/a>") == "<http://e/a>"
    assert sparql.term("kg:Claim") == "<https://w3id.org/kg-debate/vocab#Claim>"
    assert sparql.term("https://example.org/x") == "<https://example.org/x>"
    assert sparql.term('say "no": now') == '"say \\"no\\": now"'
    with pytest.raises(UsageError):
        sparql.term("<http://bad iri>")


def test_too_many_arguments_for_a_named_query(sample_out):
    result = kg("query", "claims", "extra", "--out", str(sample_out))
    assert result.exit_code == 2 and "claims takes 0" in result.stderr


def test_prepare_reports_form_and_graphs():
    prepared = sparql.prepare("CONSTRUCT WHERE { ?s ?p ?o }")
    assert prepared.form == "construct" and not prepared.is_update
    with pytest.raises(QueryError, match="empty"):
        sparql.prepare("  \n")
    allowed = sparql.prepare(f"SELECT * FROM <{graph.CONTESTS_GRAPH.value}> WHERE {{ ?s ?p ?o }}", graphs=lambda: [graph.CONTESTS_GRAPH.value])
    assert allowed.datasets == (graph.CONTESTS_GRAPH.value,)


# ------------------------------------------------------------------ timeouts


def test_timeout_stops_a_runaway_query_and_leaves_no_process(sample_out):
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    result = kg("query", runaway, "--out", str(sample_out), "--timeout", "1")
    assert result.exit_code == 1
    assert result.stderr.startswith("kg: error: query: stopped after 1 s - narrow the query")
    after = {p.pid for p in psutil.Process().children(recursive=True) if p.status() != psutil.STATUS_ZOMBIE}
    assert after <= before


def test_query_with_a_timeout_gives_the_same_answer(sample_out):
    plain = kg("query", "contested", "--out", str(sample_out), "--format", "json")
    timed = kg("query", "contested", "--out", str(sample_out), "--format", "json", "--timeout", "60")
    assert timed.exit_code == 0 and json.loads(timed.stdout) == json.loads(plain.stdout)
    error = kg("query", "SELECT * WHERE { ?s foo:bar ?o }", "--out", str(sample_out), "--timeout", "60")
    assert error.exit_code == 2 and "query:1:21: undeclared prefix foo:" in error.stderr


def test_update_with_a_timeout_is_written(sample_out):
    insert = 'INSERT DATA { GRAPH <http://e/g> { <http://e/a> schema:name "late" } }'
    assert kg("query", "--update", "--timeout", "60", insert, "--out", str(sample_out)).exit_code == 0
    assert run_json(sample_out, "SELECT ?n WHERE { <http://e/a> schema:name ?n }") == [{"n": "late"}]


# ------------------------------------------------------------------ --graph FILE


def test_graph_file_is_queried_with_its_own_prefixes(tmp_path):
    path = tmp_path / "g.ttl"
    path.write_text("@prefix ex: <http://example.org/> .\nex:ann ex:says ex:claim1 .\n")
    result = kg("query", "SELECT ?c WHERE { ex:ann ex:says ?c }", "--graph", str(path), "--format", "csv")
    assert result.exit_code == 0 and result.stdout_bytes == b"c\r\nhttp://example.org/claim1\r\n"
    timed = kg("query", "SELECT ?c WHERE { ex:ann ex:says ?c }", "--graph", str(path), "--format", "csv", "--timeout", "60")
    assert timed.stdout == result.stdout


def test_bad_graph_file_names_line_and_column(tmp_path):
    path = tmp_path / "bad.ttl"
    path.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b\n  ex:c ex:d .\n")
    result = kg("query", "ASK {}", "--graph", str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"kg: error: {path}:3:")


def test_graph_file_of_unknown_kind_is_refused(tmp_path):
    path = tmp_path / "g.xyz"
    path.write_text("{}")
    result = kg("query", "ASK {}", "--graph", str(path))
    assert result.exit_code == 1 and "cannot tell the RDF format from the extension '.xyz'" in result.stderr


def test_graph_file_in_json_ld_is_queried_and_a_remote_context_refused(tmp_path):
    path = tmp_path / "g.jsonld"
    path.write_text('{"@context": {"ex": "http://example.org/"}, "@id": "ex:ann", "ex:says": {"@id": "ex:claim1"}}')
    result = kg("query", "SELECT ?c WHERE { ?a <http://example.org/says> ?c }", "--graph", str(path), "--format", "csv")
    assert result.exit_code == 0 and result.stdout_bytes == b"c\r\nhttp://example.org/claim1\r\n"
    remote = tmp_path / "remote.jsonld"
    remote.write_text('{"@context": "https://example.org/ctx.jsonld", "@id": "https://example.org/a"}')
    refused = kg("query", "ASK {}", "--graph", str(remote))
    assert refused.exit_code == 1 and "remote @context" in refused.stderr


def test_store_run_refuses_updates_on_a_read_only_store(sample_out):
    store = Store(sample_out / "store", read_only=True)
    prepared = sparql.prepare("CLEAR ALL", allow_update=True)
    with pytest.raises(QueryError, match="read-only"):
        store.run(prepared)


def test_results_write_table_of_triples():
    buffer = io.BytesIO()
    triple = ox.Triple(ox.NamedNode("https://schema.org/a"), ox.NamedNode("https://schema.org/b"), ox.Literal("c"))
    results.write([triple], "table", buffer)
    assert "| schema:a | schema:b  | c      |" in buffer.getvalue().decode()


def _quad_set(store: ox.Store) -> set[str]:
    return {str(q) for q in store}


def test_bulk_load_in_chunks_holds_the_same_quads_as_one_load(tmp_path, sample_extraction):
    quads = list(graph.extraction_quads(sample_extraction))
    path = tmp_path / "graph.nq"
    path.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    chunked = ox.Store(str(tmp_path / "store"))
    assert kg_store.bulk_load(chunked, path, ox.RdfFormat.N_QUADS, chunk_lines=50) > 3
    one = ox.Store()
    one.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    assert _quad_set(chunked) == _quad_set(one)


def test_bulk_load_cuts_kg_trig_between_graph_blocks(tmp_path, sample_extraction):
    quads = list(graph.extraction_quads(sample_extraction))
    path = tmp_path / "graph.trig"
    path.write_bytes(export.to_trig(quads))
    chunked = Store(tmp_path / "store")
    assert kg_store.bulk_load(chunked.oxigraph, path, ox.RdfFormat.TRIG, chunk_lines=10) > 1
    one = ox.Store()
    one.bulk_extend(quads)
    assert _quad_set(chunked.oxigraph) == _quad_set(one)


def test_bulk_load_keeps_a_files_blank_nodes_in_one_call(tmp_path):
    lines = [f'_:someone <http://example.org/p> "{i}" <http://example.org/g> .' for i in range(20)]
    path = tmp_path / "blank.nq"
    path.write_text("\n".join(lines) + "\n")
    store = ox.Store()
    assert kg_store.bulk_load(store, path, ox.RdfFormat.N_QUADS, chunk_lines=2) == 1
    assert len(store) == 20 and len({q.subject for q in store}) == 1


def test_bulk_load_reads_trig_with_a_prefix_below_the_top_in_one_call(tmp_path):
    path = tmp_path / "late.trig"
    path.write_text(
        "@prefix a: <http://example.org/a#> .\n<http://example.org/g1> {\n\ta:s a:p a:o .\n}\n"
        "@prefix b: <http://example.org/b#> .\n<http://example.org/g2> {\n\tb:s b:p b:o .\n}\n"
    )
    store = ox.Store()
    assert kg_store.bulk_load(store, path, ox.RdfFormat.TRIG, chunk_lines=1) == 1
    assert len(store) == 2


def test_bulk_load_error_names_the_line_in_the_file_not_in_the_chunk(tmp_path):
    lines = [f"<http://example.org/s{i}> <http://example.org/p> <http://example.org/o> ." for i in range(30)]
    lines.insert(22, "<http://example.org/s> <http://example.org/p> oops .")
    path = tmp_path / "bad.nq"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError) as caught:
        Store(tmp_path / "store").load_file(path)
    assert caught.value.where.startswith(f"{path}:23:")
