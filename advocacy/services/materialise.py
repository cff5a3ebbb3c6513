"""Writing the ordinary rows of trees and agendas from their live documents (the registered `materialise`).

The live-document machinery calls these inside its transaction, holding the document's row, with the
document at its latest committed state: after every REST write at once, and ~2 s after socket edits.
They must be idempotent and must not raise on any shape a merge of concurrent or hostile edits can
produce: the readers in advocacy.documents turn every value into a valid one or a default, and the rows
are then brought in line with the fewest writes (unchanged rows are not touched; rows gone from the
document become tombstones so the history can still name them).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.db import models
from django.utils import timezone
from pycrdt import Doc, Map, Text, XmlFragment

from advocacy.documents import (
    METHODS,
    METHODS_NOTE,
    METHODS_ROOT,
    PROSE_SECTIONS,
    READY,
    SECTIONS,
    prose_html,
    read_agenda_rows,
    read_flags,
    read_text,
    tree_read,
)
from advocacy.models import (
    AdvocacyAgenda,
    AgendaAction,
    AgendaIndicator,
    AgendaMessage,
    AgendaObjective,
    AgendaRisk,
    AgendaStakeholder,
    NodeKind,
    ProblemTree,
    ProblemTreeNode,
)
from workspace.models import Organisation, User

__all__ = ["agenda_materialise", "tree_materialise"]


def tree_materialise(tree_id: int, doc: Doc) -> None:
    tree = ProblemTree.objects.filter(pk=tree_id).first()
    if tree is None:
        return  # deleted while a materialisation was pending
    nodes = tree_read(doc)
    known_authors = set(
        User.objects.filter(pk__in={node.author_id for node in nodes if node.author_id}).values_list("pk", flat=True)
    )
    values = {
        node.key: {
            "kind": node.kind,
            "parent_key": node.parent_key or "",
            "label": node.label,
            "position": node.position,
            "depth": node.depth,
            "author_id": node.author_id if node.author_id in known_authors else None,
        }
        for node in nodes
    }

    # The focal problem is unique among present nodes, and PostgreSQL checks that row by row: the row
    # that stops being the focal problem is written before the one that becomes it.
    def leaves_focal(row: Any, new: dict[str, Any]) -> bool:
        return bool(row.kind == NodeKind.PROBLEM and new.get("kind") != NodeKind.PROBLEM)

    sync_rows(ProblemTreeNode, {"tree": tree}, values, first=leaves_focal)


ROW_MODELS: dict[str, type[models.Model]] = {
    "objectives": AgendaObjective,
    "stakeholders": AgendaStakeholder,
    "messages": AgendaMessage,
    "actions": AgendaAction,
    "indicators": AgendaIndicator,
    "risks": AgendaRisk,
}


def agenda_materialise(agenda_id: int, doc: Doc) -> None:
    agenda = AdvocacyAgenda.objects.select_related("group").filter(pk=agenda_id).first()
    if agenda is None:
        return
    fields: dict[str, Any] = {section: prose_html(doc.get(section, type=XmlFragment)) for section in PROSE_SECTIONS}
    fields["methods"] = read_flags(doc.get(METHODS_ROOT, type=Map), METHODS)
    fields["methods_note"] = read_text(doc.get(METHODS_NOTE, type=Text))
    fields["ready"] = read_flags(doc.get(READY, type=Map), SECTIONS)
    changed = [name for name, value in fields.items() if getattr(agenda, name) != value]
    for name in changed:
        setattr(agenda, name, fields[name])
    if changed:
        agenda.save(update_fields=changed)

    rows = {section: read_agenda_rows(doc, section) for section in ROW_MODELS}
    # References to other rows or to organisations hold only when the target exists.
    stakeholders, objectives = set(rows["stakeholders"]), set(rows["objectives"])
    for values in rows["messages"].values():
        if values["stakeholder_key"] not in stakeholders:
            values["stakeholder_key"] = ""
    for section in ("actions", "indicators"):
        for values in rows[section].values():
            if values["objective_key"] not in objectives:
                values["objective_key"] = ""
    wanted = {values["organisation_id"] for values in rows["actions"].values()} - {None}
    organisations = set(
        Organisation.objects.filter(workspace_id=agenda.group.workspace_id, pk__in=wanted).values_list("pk", flat=True)
    )
    for values in rows["actions"].values():
        if values["organisation_id"] not in organisations:
            values["organisation_id"] = None
    for section, model in ROW_MODELS.items():
        sync_rows(model, {"agenda": agenda}, rows[section])


def sync_rows(
    model: type[models.Model],
    parent: dict[str, Any],
    values: dict[str, dict[str, Any]],
    *,
    first: Callable[[Any, dict[str, Any]], bool] | None = None,
    now: datetime | None = None,
) -> None:
    """Makes the rows of `parent` match `values` (key -> field values): creates, updates and revives rows,
    and turns rows whose key is gone into tombstones. `first` picks updates to write before the others."""
    now = now or timezone.now()
    manager: Any = model._default_manager
    existing: dict[str, Any] = {row.key: row for row in manager.filter(**parent)}
    early: list[Any] = []
    late: list[Any] = []
    created: list[Any] = []
    early_fields: set[str] = set()
    late_fields: set[str] = set()
    for key, new in values.items():
        row = existing.pop(key, None)
        if row is None:
            created.append(model(**parent, key=key, **new))
            continue
        changed = {name for name, value in new.items() if getattr(row, name) != value}
        if row.removed_at is not None:
            row.removed_at = None
            changed.add("removed_at")
        if not changed:
            continue
        goes_first = first is not None and first(row, new)
        for name in changed - {"removed_at"}:
            setattr(row, name, new[name])
        (early if goes_first else late).append(row)
        (early_fields if goes_first else late_fields).update(changed)
    for row in existing.values():
        if row.removed_at is None:
            row.removed_at = now
            early.append(row)
            early_fields.add("removed_at")
    if early:
        manager.bulk_update(early, sorted(early_fields))
    if late:
        manager.bulk_update(late, sorted(late_fields))
    if created:
        manager.bulk_create(created)
