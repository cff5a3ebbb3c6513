from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from policybank.services import citation_counters


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def citations_counted() -> Iterator[dict[int, int]]:
    """Stands in for advocacy's counter: {document id: citation count}."""
    counts: dict[int, int] = {}
    saved = list(citation_counters.citation_counters)
    citation_counters.citation_counters[:] = [lambda document: counts.get(document.pk, 0)]
    yield counts
    citation_counters.citation_counters[:] = saved
