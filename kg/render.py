"""Graph -> one self-contained HTML page (pyvis). First version; the viewer issue deepens it."""

from __future__ import annotations

import html

from pyvis.network import Network


def render_html(kg) -> str:
    """The claims, concepts and contests of ``kg.extraction`` as a pyvis network."""
    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line")
    extraction = kg.extraction
    for doc in extraction.documents:
        for concept in doc.concepts:
            net.add_node(concept.label, label=concept.label, title=html.escape(concept.type))
    return net.generate_html()
