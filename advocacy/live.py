"""The advocacy app's kinds of live document ("tree" and "agenda"), registered in AdvocacyConfig.ready().

Access on a websocket is decided by the same selectors as the REST API: who may not see the tree or
agenda gets None (the socket closes), who may see it but not edit it gets a read-only connection.
These run in a worker thread of the consumer, so the sync ORM is fine.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404

from advocacy.documents import AGENDA_ROOTS, TREE_ROOTS
from advocacy.models import AdvocacyAgenda, ProblemTree
from advocacy.selectors import agenda_get_for_user, agenda_permissions, tree_get_for_user, tree_permissions
from advocacy.services import agenda_materialise, tree_materialise
from workspace.live.registry import LiveAccess, LiveDocumentKind
from workspace.models import Membership, User

__all__ = ["LIVE_KINDS", "agenda_access", "tree_access"]


def _actor(user: User, workspace_id: int | None) -> Membership | None:
    if workspace_id is None or not getattr(user, "is_authenticated", False):
        return None
    return (
        Membership.objects.active()
        .select_related("workspace", "user")
        .filter(user_id=user.pk, workspace_id=workspace_id)
        .first()
    )


def _access(
    load: Callable[[Membership], Any], permissions: Callable[[Membership, Any], bool], actor: Membership | None
) -> LiveAccess | None:
    if actor is None:
        return None
    try:
        obj = load(actor)
    except Http404:
        return None
    return LiveAccess(workspace_id=actor.workspace_id, can_edit=permissions(actor, obj))


def tree_access(user: User, tree_id: int) -> LiveAccess | None:
    workspace_id = ProblemTree.objects.filter(pk=tree_id).values_list("group__workspace_id", flat=True).first()
    return _access(
        lambda actor: tree_get_for_user(actor=actor, tree_id=tree_id),
        lambda actor, tree: tree_permissions(actor=actor, tree=tree).edit,
        _actor(user, workspace_id),
    )


def agenda_access(user: User, agenda_id: int) -> LiveAccess | None:
    workspace_id = AdvocacyAgenda.objects.filter(pk=agenda_id).values_list("group__workspace_id", flat=True).first()
    return _access(
        lambda actor: agenda_get_for_user(actor=actor, agenda_id=agenda_id),
        lambda actor, agenda: agenda_permissions(actor=actor, agenda=agenda).edit,
        _actor(user, workspace_id),
    )


LIVE_KINDS = [
    LiveDocumentKind(kind="tree", access=tree_access, materialise=tree_materialise, roots=TREE_ROOTS),
    LiveDocumentKind(kind="agenda", access=agenda_access, materialise=agenda_materialise, roots=AGENDA_ROOTS),
]
