"""Graph and records to files: the extraction JSON contract, RDF formats, networks, tables and arguments.

Every exporter takes the quads of a built store and returns bytes; the same quads give the same
bytes (sorted input, fixed prefixes), except where a format stamps a date, which comes from the
build, never from the clock at export time.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cache, lru_cache
from importlib import metadata, resources
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError, UsageError
from kg.fsutil import atomic_write
from kg.graph import claim_iris, concept_iri
from kg.records import Extraction
from kg.vocab import ID, PREFIXES

EXTRACTION_FORMAT = "kg-extraction/1"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_TYPE = ox.NamedNode(RDF + "type")
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV = "http://www.w3.org/ns/prov#"
KG_NS = PREFIXES["kg"]
SCHEMA = PREFIXES["schema"]

# name -> what it is; the order is the order of `kg export --help`.
FORMATS: dict[str, str] = {
    "turtle": "Turtle, the union of all graphs (sorted, prefixed, grouped by subject)",
    "trig": "TriG, one named graph per document, PROV-O provenance in the default graph",
    "nquads": "N-Quads, the same dataset as trig, one quad a line",
    "ntriples": "N-Triples, the union of all graphs, one triple a line",
    "jsonld": "JSON-LD with the compact context of ontology/context.jsonld inline",
    "rdfxml": "RDF/XML, the union of all graphs",
    "graphml": "GraphML network for yEd, Gephi, networkx",
    "gexf": "GEXF network for Gephi, networkx",
    "csv": "claims and contests tables (FILE.csv + FILE-contests.csv, or FILE.zip)",
    "aif": "Argument Interchange Format JSON: I-nodes for claims, CA-nodes for contests",
    "argdown": "Argdown text: claims as statements, contests as attacks",
}
RDF_FORMATS = ("turtle", "trig", "nquads", "ntriples", "jsonld", "rdfxml")
DATASET_FORMATS = ("trig", "nquads", "jsonld")

_EXTENSIONS = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".trig": "trig",
    ".nq": "nquads",
    ".nquads": "nquads",
    ".nt": "ntriples",
    ".ntriples": "ntriples",
    ".jsonld": "jsonld",
    ".json-ld": "jsonld",
    ".rdf": "rdfxml",
    ".owl": "rdfxml",
    ".xml": "rdfxml",
    ".graphml": "graphml",
    ".gexf": "gexf",
    ".csv": "csv",
    ".zip": "csv",
    ".aif": "aif",
    ".argdown": "argdown",
    ".ad": "argdown",
}


def format_from_path(path: str | Path) -> str:
    """The export format a file name asks for (``.ttl`` -> turtle, ``.aif.json`` -> aif, ...)."""
    name = Path(path).name.lower()
    if name.endswith(".aif.json"):
        return "aif"
    suffix = Path(name).suffix
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    known = ", ".join(sorted(_EXTENSIONS) + [".aif.json"])
    raise UsageError(
        f"cannot tell the format from the extension {suffix or '(none)'!r}",
        where=str(path),
        hint=f"name the file with one of {known}, or pass --format",
    )


# ------------------------------------------------------------------ provenance


@dataclass(frozen=True)
class Provenance:
    """When and by which tool the graphs were extracted: stamped on each named graph (PROV-O)."""

    generated_at: datetime
    tool_version: str

    @property
    def timestamp(self) -> str:
        return self.generated_at.astimezone(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def tool_version() -> str:
    try:
        return metadata.version("kg")
    except metadata.PackageNotFoundError:
        return "0"


def provenance_quads(quads: Iterable[ox.Quad], prov: Provenance) -> list[ox.Quad]:
    """PROV-O statements about each named graph, in the default graph: source file, sha256, time, tool.

    A document's graph IRI is the document IRI, so the graph's source file and hash are the ones the
    document carries (schema:name, kg:sha256).
    """
    # TODO(lead): these two IRIs belong in kg/graph.py (the only minter); proposed in the report.
    tool = ox.NamedNode(f"{ID}tool/kg/{_iri_safe(prov.tool_version)}")
    activity = ox.NamedNode(f"{ID}extraction/{_short_hash(prov.tool_version, prov.timestamp)}")
    when = ox.Literal(prov.timestamp, datatype=ox.NamedNode(XSD + "dateTime"))
    graphs: set[ox.NamedNode] = set()
    names: dict[ox.NamedNode, str] = {}
    hashes: dict[ox.NamedNode, str] = {}
    for q in quads:
        if isinstance(q.graph_name, ox.NamedNode):
            graphs.add(q.graph_name)
            if q.subject == q.graph_name and isinstance(q.object, ox.Literal):
                if q.predicate.value == SCHEMA + "name":
                    names[q.graph_name] = q.object.value
                elif q.predicate.value == KG_NS + "sha256":
                    hashes[q.graph_name] = q.object.value
    d = ox.DefaultGraph()
    out = [
        ox.Quad(tool, RDF_TYPE, ox.NamedNode(PROV + "SoftwareAgent"), d),
        ox.Quad(tool, ox.NamedNode(SCHEMA + "name"), ox.Literal("kg"), d),
        ox.Quad(tool, ox.NamedNode(SCHEMA + "softwareVersion"), ox.Literal(prov.tool_version), d),
        ox.Quad(activity, RDF_TYPE, ox.NamedNode(PROV + "Activity"), d),
        ox.Quad(activity, ox.NamedNode(PROV + "endedAtTime"), when, d),
        ox.Quad(activity, ox.NamedNode(PROV + "wasAssociatedWith"), tool, d),
    ]
    documents = sorted(g for g in graphs if g in hashes)
    for g in sorted(graphs):
        out.append(ox.Quad(g, RDF_TYPE, ox.NamedNode(PROV + "Entity"), d))
        out.append(ox.Quad(g, ox.NamedNode(PROV + "wasGeneratedBy"), activity, d))
        out.append(ox.Quad(g, ox.NamedNode(PROV + "generatedAtTime"), when, d))
        if g in hashes:
            out.append(ox.Quad(g, ox.NamedNode(PREFIXES["dcterms"] + "source"), ox.Literal(names.get(g, "")), d))
            out.append(ox.Quad(g, ox.NamedNode(KG_NS + "sha256"), ox.Literal(hashes[g]), d))
            out.append(ox.Quad(activity, ox.NamedNode(PROV + "used"), g, d))
        elif g.value == f"{ID}graph/contests":
            out.extend(ox.Quad(g, ox.NamedNode(PROV + "wasDerivedFrom"), doc, d) for doc in documents)
    return out


def _iri_safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text) or "0"


def _short_hash(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


# ------------------------------------------------------------------ RDF


Source = Iterable[ox.Quad] | ox.Store

_TYPE_NT = " <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
# Raw control characters never occur in N-Triples output (they are escaped), so this stand-in for
# rdf:type is unambiguous; it sorts before every IRI, which puts each subject's types first.
_TYPE_FIRST = " <\x01> "


def _store(source: Source) -> ox.Store:
    if isinstance(source, ox.Store):
        return source
    store = ox.Store()
    store.bulk_extend(source)
    return store


def _sorted_ntriples(data: bytes) -> str:
    """N-Triples lines sorted (subject, then rdf:type first, then predicate, object), duplicates dropped.

    Sorting serialised lines keeps the work in C and Rust: a million triples sort in about a second.
    """
    lines = set(data.decode("utf-8").replace(_TYPE_NT, _TYPE_FIRST).split("\n"))
    lines.discard("")
    return "".join(line + "\n" for line in sorted(lines)).replace(_TYPE_FIRST, _TYPE_NT)


def _union_ntriples(store: ox.Store, *, without: ox.NamedNode | None = None) -> str:
    """Every graph's triples as one sorted, deduplicated N-Triples text (``without`` one graph)."""
    if without is None:
        query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
        result = store.query(query, use_default_graph_as_union=True)
    else:
        query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {{ ?s ?p ?o }} UNION {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{without.value}>) }} }}"
        result = store.query(query)
    return _sorted_ntriples(ox.serialize(result, format=ox.RdfFormat.N_TRIPLES))


def _graph_ntriples(store: ox.Store) -> list[tuple[ox.NamedNode | ox.BlankNode | None, str]]:
    """(graph name, its sorted N-Triples): the default graph first (name None), then named graphs by IRI."""
    out: list = []
    default = _sorted_ntriples(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()))
    if default:
        out.append((None, default))
    for name in sorted(store.named_graphs(), key=str):
        out.append((name, _sorted_ntriples(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=name))))
    return out


def _with_provenance(source: Source, prov: Provenance | None) -> ox.Store:
    store = _store(source)
    if prov is None:
        return store
    extra = provenance_quads(store.quads_for_pattern(None, None, None, None), prov)
    copy = ox.Store()
    copy.bulk_extend(store.quads_for_pattern(None, None, None, None))
    copy.bulk_extend(extra)
    return copy


def _sorted_triples(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """The union's triples in the canonical order (as default-graph quads)."""
    return list(ox.parse(_union_ntriples(_store(quads)), format=ox.RdfFormat.N_TRIPLES))


def _prefix_header() -> str:
    return "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in sorted(PREFIXES.items()))


def _with_blank_lines(body: str) -> str:
    """Drop the serializer's prefix lines and put a blank line before each subject.

    Safe because the serializer escapes newlines inside literals: every raw newline ends a line of
    syntax, and a statement's first line is the only one not indented.
    """
    out: list[str] = []
    for line in body.split("\n"):
        if not line or line.startswith("@prefix "):
            continue
        if out and not line.startswith("\t"):
            out.append("")
        out.append(line)
    return "".join(line + "\n" for line in out)


# Instance IRIs (id:claim/doc/hash#selector) would need backslash escapes as prefixed names; written in
# full they read better and every parser accepts them. The id: prefix stays declared for SPARQL users.
_BODY_PREFIXES = {p: iri for p, iri in PREFIXES.items() if p != "id"}


def _turtle_body(ntriples: str) -> str:
    parsed = ox.parse(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return _with_blank_lines(ox.serialize(parsed, format=ox.RdfFormat.TURTLE, prefixes=_BODY_PREFIXES).decode("utf-8"))


def to_turtle(quads: Source) -> bytes:
    """The union of all graphs as Turtle: sorted, deduplicated, prefixed - byte-identical for the same input."""
    return (_prefix_header() + "\n" + _turtle_body(_union_ntriples(_store(quads)))).encode("utf-8")


def to_trig(quads: Source, prov: Provenance | None = None) -> bytes:
    """TriG: the default graph holds the provenance, each named graph its own triples, sorted."""
    parts = [_prefix_header()]
    for name, ntriples in _graph_ntriples(_with_provenance(quads, prov)):
        body = _turtle_body(ntriples)
        if name is None:
            parts.append("\n" + body)
        else:
            inner = "".join(("\t" + line if line.strip() else line) + "\n" for line in body.rstrip("\n").split("\n"))
            parts.append(f"\n{name} {{\n{inner}}}\n")
    return "".join(parts).encode("utf-8")


def to_nquads(quads: Source, prov: Provenance | None = None) -> bytes:
    """N-Quads, graph by graph (default graph first), each sorted."""
    parts = []
    for name, ntriples in _graph_ntriples(_with_provenance(quads, prov)):
        # Every N-Triples line ends with " ."; the graph name goes before it.
        parts.append(ntriples if name is None else ntriples.replace(" .\n", f" {name} .\n"))
    return "".join(parts).encode("utf-8")


def to_ntriples(quads: Source) -> bytes:
    return _union_ntriples(_store(quads)).encode("utf-8")


# Characters XML 1.0 cannot carry at all, even as character references.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def to_rdfxml(quads: Source) -> bytes:
    """RDF/XML of the union graph; refuses literals that XML 1.0 cannot hold."""
    ntriples = _union_ntriples(_store(quads))
    try:
        data = ox.serialize(ox.parse(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.RDF_XML, prefixes=PREFIXES)
    except ValueError as exc:
        raise KgError(str(exc), where="rdfxml", hint="export turtle or ntriples instead") from exc
    bad = _XML_FORBIDDEN.search(data.decode("utf-8"))
    if bad:
        subject = next(
            (t.subject for t in ox.parse(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
             if isinstance(t.object, ox.Literal) and bad.group() in t.object.value),
            "a node",
        )  # fmt: skip
        raise KgError(
            f"a literal of {subject} holds U+{ord(bad.group()):04X}, which XML 1.0 cannot carry",
            where="rdfxml",
            hint="export turtle, ntriples or jsonld instead",
        )
    # A raw CR would be read back as LF (XML end-of-line handling); the serializer only writes
    # raw CRs inside literal text, so spell them as character references.
    return data.replace(b"\r", b"&#13;")


@cache
def jsonld_context() -> dict:
    """The compact JSON-LD context shipped as ontology/context.jsonld."""
    return json.loads(resources.files("kg.ontology").joinpath("context.jsonld").read_text(encoding="utf-8"))["@context"]


def _canonical_json(value):
    """Sort every unordered part of a JSON-LD document so that output does not depend on hash order."""
    if isinstance(value, dict):
        return {k: _canonical_json(v) if k != "@list" else [_canonical_json(x) for x in v] for k, v in value.items()}
    if isinstance(value, list):
        items = [_canonical_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def _rdflib_term(term):
    """The same term in rdflib, its lexical form kept as it is (rdflib would rewrite "Z" as "+00:00")."""
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language, normalize=False)
    if term.datatype.value == XSD + "string":
        return rdflib.Literal(term.value, normalize=False)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value), normalize=False)


def _jsonld_nodes(triples: Iterable) -> list:
    """One graph's node objects, compacted with the shipped context by rdflib."""
    import rdflib

    g = rdflib.Graph()
    for t in triples:
        g.add((_rdflib_term(t.subject), rdflib.URIRef(t.predicate.value), _rdflib_term(t.object)))
    doc = json.loads(g.serialize(format="json-ld", context=jsonld_context(), auto_compact=True))
    if isinstance(doc, list):
        return doc
    if "@graph" in doc:
        return doc["@graph"]
    doc.pop("@context", None)
    return [doc] if doc else []


def to_jsonld(quads: Iterable[ox.Quad], prov: Provenance | None = None) -> bytes:
    """JSON-LD of the dataset, compacted with the shipped context (inline: readers need no network).

    The default graph's nodes (the provenance) sit at the top level, each named graph in its own
    ``{"@id": graph, "@graph": [...]}``.
    """
    top: list = []
    for name, ntriples in _graph_ntriples(_with_provenance(quads, prov)):
        nodes = _jsonld_nodes(ox.parse(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
        if name is None:
            top.extend(nodes)
        else:
            top.append({"@id": _node_id(name), "@graph": nodes})
    doc = {"@context": jsonld_context(), "@graph": _canonical_json(top)}
    return (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


# ------------------------------------------------------------------ networks


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ufffe\uffff]")
_VOCABULARY = (PREFIXES["kg"], PREFIXES["rel"], RDF, PREFIXES["owl"], PREFIXES["rdfs"], XSD)
_LABEL_PREDICATES = (PREFIXES["skos"] + "prefLabel", SCHEMA + "name", SCHEMA + "text", PREFIXES["rdfs"] + "label")
_SELECTOR = ox.NamedNode(PREFIXES["oa"] + "hasSelector")
ONTOLOGY_GRAPH = ox.NamedNode(f"{ID}graph/ontology")


@lru_cache(maxsize=65536)
def compact(iri: str) -> str:
    """``kg:Claim`` for a full IRI in one of the project's namespaces, the IRI itself otherwise."""
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")):
            best = prefix
    return f"{best}:{iri[len(PREFIXES[best]):]}" if best else iri


def _clean(text: str) -> str:
    return _CONTROL.sub(" ", text)


def _scalar(lit: ox.Literal):
    dt = lit.datatype.value
    try:
        if dt in (XSD + "integer", XSD + "int", XSD + "long", XSD + "nonNegativeInteger"):
            return int(lit.value)
        if dt in (XSD + "double", XSD + "float", XSD + "decimal"):
            return float(lit.value)
        if dt == XSD + "boolean":
            return lit.value in ("true", "1")
    except ValueError:
        pass
    return _clean(lit.value)


def _node_id(term) -> str:
    return term.value if isinstance(term, ox.NamedNode) else f"_:{term.value}"


def _data_triples(source: Source) -> list[ox.Quad]:
    """The union of every graph but the ontology, in canonical order."""
    return list(ox.parse(_union_ntriples(_store(source), without=ONTOLOGY_GRAPH).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))


def to_networkx(quads: Source):
    """The data graphs (not the ontology) as a ``networkx.MultiDiGraph``.

    Resources are nodes; literal values and vocabulary terms (kg:, rel:) are typed node attributes;
    links between resources are edges keyed by predicate; a selector's offsets fold into its owner.
    """
    import networkx as nx

    triples = _data_triples(quads)
    selectors = {t.object for t in triples if t.predicate == _SELECTOR}
    attrs: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    edges: list[tuple[str, str, str]] = []
    owner: dict = {}
    for t in triples:
        if t.predicate == _SELECTOR:
            owner[t.object] = t.subject
    for t in triples:
        subject = owner.get(t.subject, t.subject) if t.subject in selectors else t.subject
        node = _node_id(subject)
        attrs[node]  # every subject is a node
        if t.predicate == _SELECTOR or (t.subject in selectors and t.predicate == RDF_TYPE):
            continue
        key = compact(t.predicate.value)
        if t.predicate == RDF_TYPE:
            attrs[node]["type"].append(compact(t.object.value))
        elif isinstance(t.object, ox.Literal):
            attrs[node][key].append(_scalar(t.object))
        elif isinstance(t.object, ox.NamedNode) and t.object.value.startswith(_VOCABULARY):
            attrs[node][key].append(compact(t.object.value))
        else:
            edges.append((node, _node_id(t.object), key))
            attrs[_node_id(t.object)]
    graph = nx.MultiDiGraph()
    labels = {p: compact(p) for p in _LABEL_PREDICATES}
    for node in sorted(attrs):
        values = attrs[node]
        data: dict = {}
        for key, vals in sorted(values.items()):
            data[key] = vals[0] if len(vals) == 1 else " | ".join(sorted(str(v) for v in vals))
        label = next((data[labels[p]] for p in _LABEL_PREDICATES if labels[p] in data), None)
        data["label"] = _clean(str(label)) if label is not None else compact(node)
        graph.add_node(node, **data)
    for source, target, key in edges:
        graph.add_edge(source, target, key=key, predicate=key)
    _unify_attribute_types(graph)
    return graph


def _unify_attribute_types(graph) -> None:
    """GraphML and GEXF declare one type per attribute: a key with mixed types becomes a string."""
    kinds: dict[str, set[type]] = defaultdict(set)
    for _, data in graph.nodes(data=True):
        for key, value in data.items():
            kinds[key].add(type(value))
    mixed = {k for k, types in kinds.items() if len(types) > 1}
    if not mixed:
        return
    for _, data in graph.nodes(data=True):
        for key in mixed & data.keys():
            value = data[key]
            data[key] = ("true" if value else "false") if isinstance(value, bool) else str(value)


def to_graphml(quads: Iterable[ox.Quad]) -> bytes:
    import networkx as nx

    return ("\n".join(nx.generate_graphml(to_networkx(quads))) + "\n").encode("utf-8")


def to_gexf(quads: Iterable[ox.Quad], prov: Provenance | None = None) -> bytes:
    import networkx as nx

    text = "\n".join(nx.generate_gexf(to_networkx(quads))) + "\n"
    # networkx stamps today's date; use the build's so that the file only changes with the graph.
    day = prov.generated_at.date().isoformat() if prov else "1970-01-01"
    return re.sub(r'lastmodifieddate="[^"]*"', f'lastmodifieddate="{day}"', text, count=1).encode("utf-8")


# ------------------------------------------------------------------ tables and arguments

CLAIM_COLUMNS = (
    "claim", "document", "start", "end", "speaker", "addressed_to", "text",
    "quantifier", "subject", "relation", "object", "polarity", "modality", "status", "status_reason",
)  # fmt: skip
CONTEST_COLUMNS = (
    "contest", "kind", "rule", "cross_document", "contested_claim", "contested_text",
    "contesting_claim", "contesting_text", "evidence",
)  # fmt: skip
OA = PREFIXES["oa"]
SKOS = PREFIXES["skos"]


class _Index:
    """Subject -> predicate -> objects over the data triples, for the table-shaped exports."""

    def __init__(self, source: Source):
        self.props: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        self.typed: dict[str, list[str]] = defaultdict(list)
        for t in _data_triples(source):
            self.props[t.subject.value][t.predicate.value].append(t.object)
            if t.predicate == RDF_TYPE:
                self.typed[t.object.value].append(t.subject.value)

    def one(self, subject, predicate: str):
        if subject is None:
            return None
        values = self.props.get(subject if isinstance(subject, str) else subject.value, {}).get(predicate)
        return values[0] if values else None

    def all(self, subject: str, predicate: str) -> list:
        return self.props.get(subject, {}).get(predicate, [])

    def value(self, subject, predicate: str):
        return _value(self.one(subject, predicate))

    def person(self, node) -> str:
        return "" if node is None else str(self.value(node, SCHEMA + "name") or node.value.rsplit("/", 1)[-1])


def _value(term) -> str | int | bool:
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return term.value if term.datatype.value == XSD + "string" else _scalar(term)
    return term.value


def _local(term, *, lower: bool = True) -> str:
    if term is None:
        return ""
    name = term.value.rsplit("#", 1)[-1]
    return name.lower() if lower else name


def _index(source) -> _Index:
    return source if isinstance(source, _Index) else _Index(source)


def claims_table(quads) -> list[dict]:
    """One row per claim, ordered by document and position."""
    idx = _index(quads)
    rows = []
    for claim in idx.typed.get(KG_NS + "Claim", []):
        selector = idx.one(claim, OA + "hasSelector")
        concept = {}
        for part in ("subject", "object"):
            node = idx.one(claim, KG_NS + part)
            label = idx.value(node, SKOS + "prefLabel") if node is not None else ""
            concept[part] = label or (node.value if node is not None else idx.value(claim, KG_NS + part + "Text"))
        rows.append(
            {
                "claim": claim,
                "document": idx.value(idx.one(claim, OA + "hasSource"), SCHEMA + "name"),
                "start": idx.value(selector, OA + "start"),
                "end": idx.value(selector, OA + "end"),
                "speaker": idx.person(idx.one(claim, PROV + "wasAttributedTo")),
                "addressed_to": "; ".join(sorted(idx.person(a) for a in idx.all(claim, KG_NS + "addressedTo"))),
                "text": idx.value(claim, SCHEMA + "text"),
                "quantifier": _local(idx.one(claim, KG_NS + "quantifier")),
                "subject": concept["subject"],
                "relation": _local(idx.one(claim, KG_NS + "relation"), lower=False),
                "object": concept["object"],
                "polarity": _local(idx.one(claim, KG_NS + "polarity")),
                "modality": idx.value(claim, KG_NS + "modality"),
                "status": _local(idx.one(claim, KG_NS + "status")),
                "status_reason": idx.value(claim, KG_NS + "statusReason"),
            }
        )
    rows.sort(key=lambda r: (str(r["document"]), r["start"] if isinstance(r["start"], int) else -1, r["claim"]))
    return rows


def contests_table(quads) -> list[dict]:
    """One row per contest, ordered by contest IRI."""
    idx = _index(quads)
    rows = []
    for contest in idx.typed.get(KG_NS + "Contest", []):
        target = idx.one(contest, KG_NS + "contestedClaim")
        attacker = idx.one(contest, KG_NS + "contestingClaim")
        rows.append(
            {
                "contest": contest,
                "kind": _local(idx.one(contest, KG_NS + "kind")),
                "rule": idx.value(contest, KG_NS + "rule"),
                "cross_document": idx.value(contest, KG_NS + "crossDocument"),
                "contested_claim": _value(target),
                "contested_text": idx.value(target, SCHEMA + "text"),
                "contesting_claim": _value(attacker),
                "contesting_text": idx.value(attacker, SCHEMA + "text"),
                "evidence": idx.value(contest, KG_NS + "evidence"),
            }
        )
    rows.sort(key=lambda r: r["contest"])
    return rows


def _csv_bytes(rows: list[dict], columns: tuple[str, ...]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("true" if v is True else "false" if v is False else v) for k, v in row.items()})
    return buffer.getvalue().encode("utf-8")


def to_csv_tables(quads: Iterable[ox.Quad]) -> tuple[bytes, bytes]:
    """(claims.csv, contests.csv): RFC 4180, UTF-8 without BOM, a header row each."""
    idx = _Index(quads)
    return _csv_bytes(claims_table(idx), CLAIM_COLUMNS), _csv_bytes(contests_table(idx), CONTEST_COLUMNS)


def to_csv_zip(quads: Iterable[ox.Quad]) -> bytes:
    claims, contests = to_csv_tables(quads)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in (("claims.csv", claims), ("contests.csv", contests)):
            # A fixed timestamp keeps the archive byte-identical for the same graph.
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def to_aif(quads: Iterable[ox.Quad]) -> bytes:
    """AIF JSON (the AIFdb layout): an I-node per claim, a CA-node per contest, attacker -> CA -> target."""
    idx = _Index(quads)
    claims = claims_table(idx)
    contests = contests_table(idx)
    ids: dict[str, str] = {}
    nodes, edges = [], []
    for row in sorted(claims, key=lambda r: r["claim"]):
        ids[row["claim"]] = str(len(ids) + 1)
        nodes.append({"nodeID": ids[row["claim"]], "text": row["text"], "type": "I"})
    edge_id, next_id = 0, len(ids)
    for row in contests:
        next_id += 1
        ca = str(next_id)
        nodes.append({"nodeID": ca, "text": "Default Conflict", "type": "CA"})
        for source, target in ((ids.get(row["contesting_claim"]), ca), (ca, ids.get(row["contested_claim"]))):
            if source is None or target is None:
                continue
            edge_id += 1
            edges.append({"edgeID": str(edge_id), "fromID": source, "toID": target})
    doc = {"nodes": nodes, "edges": edges, "locutions": [], "participants": []}
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


_ARGDOWN_SPECIAL = re.compile(r"([\\\[\]<>#*_`@{}])")


def _argdown_text(text: str) -> str:
    return _ARGDOWN_SPECIAL.sub(r"\\\1", " ".join(_clean(text).split()))


def _argdown_title(claim_iri: str) -> str:
    # id:claim/<doc-slug>/<hash>: readable, unique, and free of the brackets a title cannot hold.
    tail = claim_iri.rsplit("/claim/", 1)[-1]
    return re.sub(r"[^A-Za-z0-9._/ -]", "-", tail)


def to_argdown(quads: Iterable[ox.Quad]) -> bytes:
    """Argdown: one statement per claim (grouped by document, tagged with its status); a rebuttal
    is an attack (``-``) on the claim it answers, a contradiction a contradictory (``><``)."""
    idx = _Index(quads)
    claims = claims_table(idx)
    contests = contests_table(idx)
    titles = {row["claim"]: _argdown_title(row["claim"]) for row in claims}
    lines = ["===", "title: kg debate", "===", ""]
    by_target: dict[str, list[dict]] = defaultdict(list)
    for row in contests:
        by_target[row["contested_claim"]].append(row)
    document = None
    for row in claims:
        if row["document"] != document:
            document = row["document"]
            lines += [f"# {_argdown_text(str(document) or 'unknown document')}", ""]
        tags = f" #{row['status']}" if row["status"] else ""
        who = f" (said by {_argdown_text(str(row['speaker']))})" if row["speaker"] else ""
        lines.append(f"[{titles[row['claim']]}]: {_argdown_text(str(row['text']))}{who}{tags}")
        for contest in by_target.get(row["claim"], []):
            attacker = titles.get(contest["contesting_claim"])
            if attacker:
                sign = "><" if contest["kind"] == "contradiction" else "-"
                lines.append(f"  {sign} [{attacker}]")
        lines.append("")
    return ("\n".join(lines).rstrip("\n") + "\n").encode("utf-8")


# ------------------------------------------------------------------ dispatch


def export_bytes(quads: Source, fmt: str, prov: Provenance | None = None) -> bytes:
    """The graph in one single-file format (csv gives the zip of both tables)."""
    quads = _store(quads)
    match fmt:
        case "turtle":
            return to_turtle(quads)
        case "trig":
            return to_trig(quads, prov)
        case "nquads":
            return to_nquads(quads, prov)
        case "ntriples":
            return to_ntriples(quads)
        case "jsonld":
            return to_jsonld(quads, prov)
        case "rdfxml":
            return to_rdfxml(quads)
        case "graphml":
            return to_graphml(quads)
        case "gexf":
            return to_gexf(quads, prov)
        case "csv":
            return to_csv_zip(quads)
        case "aif":
            return to_aif(quads)
        case "argdown":
            return to_argdown(quads)
    raise UsageError(f"unknown format {fmt!r}", where="--format", hint="choose one of " + ", ".join(FORMATS))


def contests_csv_path(path: str | Path) -> Path:
    """Where ``-o claims.csv`` puts the contests table: ``claims-contests.csv`` beside it."""
    path = Path(path)
    return path.with_name(f"{path.stem}-contests{path.suffix}")


def write_export(quads: Iterable[ox.Quad], fmt: str, path: str | Path, prov: Provenance | None = None) -> list[Path]:
    """Write the export atomically; returns the files written (two for csv to a ``.csv`` name)."""
    path = Path(path)
    if fmt == "csv" and path.suffix.lower() != ".zip":
        claims, contests = to_csv_tables(quads)
        return [atomic_write(path, claims), atomic_write(contests_csv_path(path), contests)]
    return [atomic_write(path, export_bytes(quads, fmt, prov))]


def build_provenance(out: str | Path) -> Provenance:
    """The build's time: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else when the store was written."""
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        when = datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    else:
        store = Path(out) / "store"
        when = datetime.fromtimestamp(store.stat().st_mtime if store.exists() else 0, tz=timezone.utc)
    return Provenance(when, tool_version())


# ------------------------------------------------------------------ the extraction JSON contract


def extraction_to_json(extraction: Extraction) -> dict:
    """The ``kg-extraction/1`` object of ../shared/EXTRACTION.md, with the graph's IRIs as ids."""
    iris = claim_iris(extraction)
    standing = {s.claim: s.status for s in extraction.standings}
    documents = []
    for doc in extraction.documents:
        documents.append(
            {
                "doc": doc.document.name,
                "speakers": list(doc.document.speakers),
                "concepts": [
                    {
                        "id": concept_iri(c.label).value,
                        "label": c.label,
                        "type": c.type,
                        "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in c.mentions],
                    }
                    for c in doc.concepts
                ],
                "attributions": [
                    {
                        "role": a.role,
                        "relation": a.relation,
                        "concept": a.concept,
                        "polarity": a.polarity,
                        "start": a.evidence.start,
                        "end": a.evidence.end,
                        "text": a.evidence.text,
                    }
                    for a in doc.attributions
                ],
                "claims": [
                    {
                        "id": iris[c.key].value,
                        "start": c.evidence.start,
                        "end": c.evidence.end,
                        "text": c.evidence.text,
                        "subject": c.subject,
                        "relation": c.relation,
                        "object": c.object,
                        "quantifier": c.quantifier,
                        "polarity": c.polarity,
                        "modality": c.modality,
                        "asserted_by": c.asserted_by,
                        "status": standing.get(c.key),
                    }
                    for c in doc.claims
                ],
            }
        )
    return {"format": EXTRACTION_FORMAT, "documents": documents, "contests": contests_to_json(extraction.contests, iris)}


def contests_to_json(contests, iris: dict[str, ox.NamedNode]) -> list[dict]:
    """The ``contests`` list of ``kg-extraction/1``: claim keys given as the graph's IRIs."""
    return [
        {
            "claim": iris[c.target].value,
            "contested_by": iris[c.attacker].value,
            "kind": c.kind,
            "rule": c.rule,
            "evidence": c.evidence.text,
            "cross_document": c.cross_document,
        }
        for c in contests
    ]


def extraction_json_text(extraction: Extraction) -> str:
    return json.dumps(extraction_to_json(extraction), ensure_ascii=False, indent=2) + "\n"
