"""The project's namespaces as closed rdflib namespaces: a misspelt term fails at import."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DefinedNamespace

BASE = "https://w3id.org/kg-debate/"


class KG(DefinedNamespace):
    """Terms of ``ontology/vocab.ttl``."""

    _NS = Namespace(BASE + "vocab#")
    _fail = True

    Lexicon: object
    Role: object
    Trait: object
    Skill: object
    Focus: object
    hasTrait: object
    hasSkill: object
    focusesOn: object
    Attribution: object
    role: object
    concept: object
    Mention: object
    mentionOf: object
    inLexicon: object
    Claim: object
    ClaimRelation: object
    Relations: object
    symmetric: object
    subject: object
    subjectText: object
    relation: object
    object: object
    objectText: object
    quantifier: object
    polarity: object
    modality: object
    addressedTo: object
    evidence: object
    Quantifier: object
    All: object
    Some: object
    # "None" is a Python keyword-like name; reach it as KG["None"].
    Generic: object
    Polarity: object
    Positive: object
    Negative: object
    Contest: object
    contests: object
    contestedClaim: object
    contestingClaim: object
    kind: object
    rule: object
    crossDocument: object
    ContestKind: object
    Rebuttal: object
    Contradiction: object
    Status: object
    Accepted: object
    Contested: object
    Defeated: object
    status: object
    statusReason: object
    Document: object
    sha256: object
    Person: object
    characteristicOf: object

    _extras = ["None"]


class REL(DefinedNamespace):
    """Claim relations of ``ontology/relations.ttl``."""

    _NS = Namespace(BASE + "relation#")
    _fail = True

    is_a: object
    same_as: object
    differs_from: object
    differs_in_degree_from: object
    overlaps_with: object
    complements: object
    interchangeable_with: object
    not_necessarily: object
    becomes: object
    requires: object
    has_trait: object
    has_skill: object
    focuses_on: object
    obeys: object
    follows: object
    obtained_by: object
    learned_by: object
    part_of: object
    ranks_above: object
    related_to: object


CONCEPT = Namespace(BASE + "concept/")  # lexicon and extracted concepts share one namespace
ID = Namespace(BASE + "id/")  # documents, claims, contests, people, named graphs
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")

PREFIXES: dict[str, str] = {
    "kg": str(KG._NS),
    "rel": str(REL._NS),
    "kgc": str(CONCEPT),
    "id": str(ID),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": str(OA),
    "schema": str(SCHEMA),
    "dcterms": "http://purl.org/dc/terms/",
}

TYPE_CLASS = {"role": KG.Role, "trait": KG.Trait, "skill": KG.Skill, "focus": KG.Focus}
QUANTIFIER = {"all": KG.All, "some": KG.Some, "none": KG["None"], "generic": KG.Generic}
POLARITY = {"positive": KG.Positive, "negative": KG.Negative}
KIND = {"rebuttal": KG.Rebuttal, "contradiction": KG.Contradiction}
STATUS = {"accepted": KG.Accepted, "contested": KG.Contested, "defeated": KG.Defeated}
ATTRIBUTION_PROPERTY = {"has_trait": KG.hasTrait, "has_skill": KG.hasSkill, "focuses_on": KG.focusesOn}
