from __future__ import annotations

from typing import Any

from policybank.models import PolicyDocument
from workspace.models import User, Workspace

BASE = "/api/workspaces/test-network/policy/"


def document_path(document: PolicyDocument | int, suffix: str = "") -> str:
    pk = document if isinstance(document, int) else document.pk
    return f"{BASE}documents/{pk}/{suffix}"


def make_document(workspace: Workspace, added_by: User | None = None, **fields: Any) -> PolicyDocument:
    values: dict[str, Any] = {"kind": "research", "title": "Out-of-school children", "year": 2021}
    values.update(fields)
    return PolicyDocument.objects.create(workspace=workspace, added_by=added_by, **values)
