"""Reads that decide who may see what in the workspace core.

Every HTTP and websocket entry point goes through these. An outsider asking for an object of a workspace
they do not belong to gets 404 (Http404), never 403, so ids and slugs cannot be probed; an insider
without the right role gets PermissionDenied (403).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from workspace.models import AuditEvent, Job, Membership, Notification, Organisation, Role, User, Workspace


def workspace_list_for_user(*, user: User) -> QuerySet[Membership]:
    """The person's active memberships, one per workspace they may enter."""
    return (
        Membership.objects.active()
        .filter(user=user)
        .select_related("workspace", "organisation")
        .order_by("workspace__name")
    )


def membership_get_for_user(*, user: User, slug: str) -> Membership:
    """The person's own active membership of the workspace `slug`, or 404."""
    if not user.is_authenticated:
        raise Http404
    try:
        return (
            Membership.objects.active().select_related("workspace", "organisation").get(workspace__slug=slug, user=user)
        )
    except Membership.DoesNotExist:
        raise Http404 from None


def require_role(membership: Membership, roles: Iterable[str]) -> None:
    if membership.role not in set(roles):
        raise PermissionDenied(_("Your role in this workspace does not allow this."))


def require_admin(membership: Membership) -> None:
    if membership.role != Role.ADMIN:
        raise PermissionDenied(_("Only workspace administrators can do this."))


def membership_list_for_admin(
    *, actor: Membership, search: str = "", role: str = "", is_active: bool | None = None
) -> QuerySet[Membership]:
    require_admin(actor)
    memberships = Membership.objects.filter(workspace=actor.workspace).select_related("user", "organisation")
    if search:
        memberships = memberships.filter(
            Q(user__email__icontains=search)
            | Q(user__display_name__icontains=search)
            | Q(organisation__name__icontains=search)
            | Q(organisation__acronym__icontains=search)
        )
    if role:
        memberships = memberships.filter(role=role)
    if is_active is not None:
        memberships = memberships.filter(is_active=is_active)
    return memberships.order_by("user__display_name", "id")


def membership_get_for_admin(*, actor: Membership, membership_id: int) -> Membership:
    require_admin(actor)
    try:
        return Membership.objects.select_related("user", "organisation", "workspace").get(
            workspace=actor.workspace, pk=membership_id
        )
    except Membership.DoesNotExist:
        raise Http404 from None


def organisation_list_for_user(*, actor: Membership, search: str = "") -> QuerySet[Organisation]:
    """Every member of a workspace may see its organisations (they are shown beside people's names)."""
    # Deactivated people still count: they still represent it, and deleting it is refused while anyone does.
    organisations = Organisation.objects.filter(workspace=actor.workspace).annotate(member_count=Count("memberships"))
    if search:
        organisations = organisations.filter(
            Q(name__icontains=search) | Q(acronym__icontains=search) | Q(province__icontains=search)
        )
    return organisations.order_by("name", "id")


def organisation_get_for_user(*, actor: Membership, organisation_id: int) -> Organisation:
    try:
        return organisation_list_for_user(actor=actor).get(pk=organisation_id)
    except Organisation.DoesNotExist:
        raise Http404 from None


def audit_event_list_for_admin(*, actor: Membership) -> QuerySet[AuditEvent]:
    require_admin(actor)
    return AuditEvent.objects.filter(workspace=actor.workspace).select_related("actor")


def job_get_for_user(*, actor: Membership, job_id: int) -> Job:
    """A job is visible to the person who started it and to the workspace's admins."""
    jobs = Job.objects.filter(workspace=actor.workspace).defer("input_data")
    if actor.role != Role.ADMIN:
        jobs = jobs.filter(created_by=actor.user)
    try:
        return jobs.get(pk=job_id)
    except Job.DoesNotExist:
        raise Http404 from None


def notification_list_for_user(*, user: User, unread_only: bool = False) -> QuerySet[Notification]:
    # Notifications from a workspace the person has left are no longer theirs to read.
    notifications = Notification.objects.filter(
        recipient=user,
        workspace__memberships__user=user,
        workspace__memberships__is_active=True,
    ).select_related("workspace")
    if unread_only:
        notifications = notifications.unread()
    return notifications


def notification_get_for_user(*, user: User, notification_id: int) -> Notification:
    try:
        return notification_list_for_user(user=user).get(pk=notification_id)
    except Notification.DoesNotExist:
        raise Http404 from None


def workspace_get(*, slug: str) -> Workspace:
    try:
        return Workspace.objects.get(slug=slug)
    except Workspace.DoesNotExist:
        raise Http404 from None
