"""kg: knowledge graphs of contested claims about managers and leaders.

    >>> import kg
    >>> graph = kg.build(["seeds"], out="out")
    >>> graph.query("SELECT (COUNT(*) AS ?n) WHERE { ?c a kg:Claim }")

The names below are imported on first use, so ``import kg`` does no work (no spaCy, no store).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["build", "extract", "open_graph", "KnowledgeGraph"]

if TYPE_CHECKING:
    from kg.api import KnowledgeGraph, build, extract, open_graph


def __getattr__(name: str):
    if name in __all__:
        from kg import api

        return getattr(api, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
