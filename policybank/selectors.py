"""Who may see and change which policy-bank documents (permission table in DESIGN.md).

Every read of documents goes through `document_list_for_user` / `document_get_for_user`: search, lists,
downloads and citation pickers alike, so a group-private document never shows where its group is not
visible. Outsiders get 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from groups.selectors.groups import group_list_for_user
from policybank.models import DocumentVisibility, PolicyDocument, Theme
from workspace.models import Membership, Role

__all__ = [
    "DOCUMENT_ADDER_ROLES",
    "DOCUMENT_REMOVER_ROLES",
    "document_get_for_user",
    "document_list_for_user",
    "document_visible_q",
    "require_document_adder",
    "require_document_editor",
    "require_document_remover",
    "theme_list_for_user",
]

# "Add documents to the policy bank": everyone but observers.
DOCUMENT_ADDER_ROLES = (Role.ADMIN, Role.EXECUTIVE, Role.FACILITATOR, Role.MEMBER)
# Removing a document (softly; citations keep showing it as removed) is for admins.
DOCUMENT_REMOVER_ROLES = (Role.ADMIN,)


def document_visible_q(actor: Membership) -> Q:
    """The documents of the actor's workspace they may open: workspace-wide ones, and those private to a
    group they can see (admins and executives see every group; see groups.selectors.groups)."""
    visible_groups = list(group_list_for_user(actor=actor).values_list("pk", flat=True))
    return Q(workspace_id=actor.workspace_id) & (
        Q(visibility=DocumentVisibility.WORKSPACE) | Q(visibility=DocumentVisibility.GROUP, group_id__in=visible_groups)
    )


def document_list_for_user(*, actor: Membership) -> QuerySet[PolicyDocument]:
    return PolicyDocument.objects.present().filter(document_visible_q(actor))


def document_get_for_user(*, actor: Membership, document_id: int, include_removed: bool = False) -> PolicyDocument:
    documents = PolicyDocument.objects.filter(document_visible_q(actor))
    if not include_removed:
        documents = documents.filter(removed_at__isnull=True)
    document = documents.select_related("group", "added_by").filter(pk=document_id).first()
    if document is None:
        raise Http404
    return document


def require_document_adder(actor: Membership) -> None:
    if actor.role not in DOCUMENT_ADDER_ROLES:
        raise PermissionDenied(_("Observers cannot add documents to the policy bank."))


def require_document_editor(actor: Membership, document: PolicyDocument) -> None:
    """Whoever added a document may edit it; so may admins and the executive committee."""
    if actor.role in (Role.ADMIN, Role.EXECUTIVE):
        return
    if actor.role in DOCUMENT_ADDER_ROLES and document.added_by_id == actor.user_id:
        return
    raise PermissionDenied(
        _("Only the person who added this document, an admin or the executive committee can change it.")
    )


def require_document_remover(actor: Membership) -> None:
    if actor.role not in DOCUMENT_REMOVER_ROLES:
        raise PermissionDenied(_("Only admins can remove documents from the policy bank."))


def theme_list_for_user(*, actor: Membership) -> QuerySet[Theme]:
    return Theme.objects.filter(workspace_id=actor.workspace_id).select_related("parent")
