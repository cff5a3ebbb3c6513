"""Recording who did what. Called by other services inside their transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from workspace.models import AuditEvent, User, Workspace


def audit_record(
    *,
    workspace: Workspace,
    actor: User | None,
    verb: str,
    target: models.Model | None = None,
    target_type: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(**audit_fields(workspace, actor, verb, target, target_type, before, after))


def audit_fields(
    workspace: Workspace,
    actor: User | None,
    verb: str,
    target: models.Model | None,
    target_type: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The fields of one audit event, for callers that bulk-create many (imports)."""
    return {
        "workspace": workspace,
        "actor": actor if actor is not None and actor.pk else None,
        "verb": verb,
        "target_type": target_type or (target._meta.model_name if target is not None else ""),
        "target_id": str(target.pk) if target is not None and target.pk is not None else "",
        "target_repr": str(target)[:255] if target is not None else "",
        "before": before or {},
        "after": after or {},
    }


def changed_fields(instance: models.Model, changes: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The before/after pair of the fields whose value `changes` would really change."""
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for field, value in changes.items():
        current = getattr(instance, field)
        if current != value:
            before[field] = audit_value(current)
            after[field] = audit_value(value)
    return before, after


def audit_value(value: Any) -> Any:
    if isinstance(value, models.Model):
        return {"id": value.pk, "repr": str(value)}
    return value
