"""Who else counts on a document: a registry the apps above the policy bank fill in.

The policy bank must not import advocacy (import-linter), yet removing a document asks first when the
advocacy work cites it. Advocacy registers a counter `(document) -> int` in its AppConfig.ready();
`document_citation_count` adds up every registered counter.
"""

from __future__ import annotations

from collections.abc import Callable

from policybank.models import PolicyDocument

__all__ = ["citation_counter_register", "citation_counters", "document_citation_count"]

CitationCounter = Callable[[PolicyDocument], int]

citation_counters: list[CitationCounter] = []


def citation_counter_register(counter: CitationCounter) -> None:
    if counter not in citation_counters:
        citation_counters.append(counter)


def document_citation_count(document: PolicyDocument) -> int:
    return sum(counter(document) for counter in citation_counters)
