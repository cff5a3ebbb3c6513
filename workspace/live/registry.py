"""Kinds of live documents. The apps register theirs in `AppConfig.ready()`; the machinery in
`workspace` never imports them (dependencies point one way)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pycrdt import Doc

    from workspace.models import User


@dataclass(frozen=True)
class LiveAccess:
    workspace_id: int
    can_edit: bool


@dataclass(frozen=True)
class LiveDocumentKind:
    kind: str
    # None when the person may not see the object: the same selectors as the REST API decide.
    access: Callable[[User, int], LiveAccess | None]
    # Writes the ordinary rows from the document; runs inside the machinery's transaction.
    materialise: Callable[[int, Doc], None]
    # Root name -> pycrdt type, so the history can observe what each update touched.
    roots: dict[str, type]


_kinds: dict[str, LiveDocumentKind] = {}


def live_kind_register(kind: LiveDocumentKind) -> None:
    _kinds[kind.kind] = kind


def live_kind_get(kind: str) -> LiveDocumentKind | None:
    return _kinds.get(kind)
