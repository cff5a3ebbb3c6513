"""Reads that decide who may see which working groups, and who may manage them (permission table in DESIGN.md).

Private groups are visible to admins and the executive committee, and to the people in them; outsiders
get 404. Facilitators are "assigned" to a private group when they facilitate a meeting the group takes
part in, or facilitate one of the group's sessions; then they see it too.

Who may change a group is decided here too (`group_permissions`), so the services that enforce it and
the API that tells the screen which buttons to show read the same rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.utils.translation import gettext as _

from groups.models import GroupMembership, GroupRole, GroupSession, Meeting, Visibility, WorkingGroup
from workspace.models import Membership, Organisation, Role

__all__ = [
    "GROUP_MANAGER_ROLES",
    "GroupPermissions",
    "group_get_for_user",
    "group_list_for_user",
    "group_list_mine",
    "group_member_candidate_list",
    "group_member_list_for_user",
    "group_member_organisation",
    "group_membership_get_for_user",
    "group_permissions",
    "require_group_creator",
    "require_group_member_manager",
]

# Workspace roles that create and manage every working group.
GROUP_MANAGER_ROLES = (Role.ADMIN, Role.EXECUTIVE)


def group_list_for_user(*, actor: Membership) -> QuerySet[WorkingGroup]:
    mine = GroupMembership.objects.filter(group=OuterRef("pk"), user=actor.user)
    groups = WorkingGroup.objects.filter(workspace=actor.workspace)
    if actor.role == Role.OBSERVER:
        groups = groups.filter(visibility=Visibility.WORKSPACE)
    elif actor.role == Role.FACILITATOR:
        groups = groups.filter(Q(visibility=Visibility.WORKSPACE) | Exists(mine) | _facilitates(actor))
    elif actor.role not in GROUP_MANAGER_ROLES:
        # Exists, not a join: a join on memberships would also narrow the member count below.
        groups = groups.filter(Q(visibility=Visibility.WORKSPACE) | Exists(mine))
    return groups.annotate(
        member_count=Count("group_memberships", distinct=True),
        my_role=Subquery(mine.values("role")[:1]),
    ).order_by("name", "id")


def _facilitates(actor: Membership) -> Q:
    """The groups a facilitator is assigned to: through a meeting they facilitate, or a session they run."""
    in_meeting = Meeting.groups.through.objects.filter(
        workinggroup=OuterRef("pk"), meeting__facilitators=actor.user, meeting__workspace_id=actor.workspace_id
    )
    runs_session = GroupSession.objects.filter(group=OuterRef("pk"), facilitator=actor.user)
    return Q(Exists(in_meeting)) | Q(Exists(runs_session))


def group_list_mine(*, actor: Membership) -> QuerySet[WorkingGroup]:
    mine = GroupMembership.objects.filter(group=OuterRef("pk"), user=actor.user)
    return group_list_for_user(actor=actor).filter(Exists(mine))


def group_get_for_user(*, actor: Membership, group_id: int) -> WorkingGroup:
    try:
        return group_list_for_user(actor=actor).get(pk=group_id)
    except WorkingGroup.DoesNotExist:
        raise Http404 from None


@dataclass(frozen=True)
class GroupPermissions:
    edit_details: bool  # theme and description
    edit_settings: bool  # name and visibility
    manage_members: bool


def group_permissions(*, actor: Membership, group: WorkingGroup) -> GroupPermissions:
    """What `actor` may change in `group`: managers everything, the group's own leads its details and members."""
    if actor.workspace_id != group.workspace_id:
        return GroupPermissions(edit_details=False, edit_settings=False, manage_members=False)
    if actor.role in GROUP_MANAGER_ROLES:
        return GroupPermissions(edit_details=True, edit_settings=True, manage_members=True)
    # Observers only read, whatever group role they may once have been given.
    is_lead = actor.role != Role.OBSERVER and _group_role_of(actor, group) == GroupRole.LEAD
    return GroupPermissions(edit_details=is_lead, edit_settings=False, manage_members=is_lead)


def _group_role_of(actor: Membership, group: WorkingGroup) -> str | None:
    # group_list_for_user annotates the caller's role; a group loaded elsewhere (a locked row) is asked.
    if hasattr(group, "my_role"):
        annotated: str | None = group.my_role
        return annotated
    return GroupMembership.objects.filter(group=group, user=actor.user).values_list("role", flat=True).first()


def require_group_creator(actor: Membership) -> None:
    if actor.role not in GROUP_MANAGER_ROLES:
        raise PermissionDenied(_("Only administrators and the executive committee can create working groups."))


def require_group_member_manager(actor: Membership, group: WorkingGroup) -> None:
    if not group_permissions(actor=actor, group=group).manage_members:
        raise PermissionDenied(
            _("Only the group's leads, administrators and the executive committee can manage its members.")
        )


def group_member_list_for_user(*, actor: Membership, group_id: int) -> QuerySet[GroupMembership]:
    """The people in a group the actor may see (404 otherwise), leads first, with the organisation they represent."""
    group = group_get_for_user(actor=actor, group_id=group_id)
    return (
        GroupMembership.objects.filter(group=group)
        .select_related("user")
        .prefetch_related(
            Prefetch(
                "user__memberships",
                queryset=Membership.objects.filter(workspace_id=group.workspace_id).select_related("organisation"),
                to_attr="workspace_memberships",
            )
        )
        .order_by("role", "user__display_name", "id")
    )


def group_membership_get_for_user(*, actor: Membership, group_id: int, group_membership_id: int) -> GroupMembership:
    try:
        return group_member_list_for_user(actor=actor, group_id=group_id).get(pk=group_membership_id)
    except GroupMembership.DoesNotExist:
        raise Http404 from None


def group_member_candidate_list(*, actor: Membership, group: WorkingGroup, search: str = "") -> QuerySet[Membership]:
    """Active people of the workspace not yet in the group, for those who may add them."""
    require_group_member_manager(actor, group)
    in_group = GroupMembership.objects.filter(group=group, user=OuterRef("user"))
    candidates = (
        Membership.objects.active()
        .filter(workspace_id=group.workspace_id)
        .exclude(Exists(in_group))
        .select_related("user", "organisation")
    )
    if search:
        candidates = candidates.filter(
            Q(user__email__icontains=search)
            | Q(user__display_name__icontains=search)
            | Q(organisation__name__icontains=search)
            | Q(organisation__acronym__icontains=search)
        )
    return candidates.order_by("user__display_name", "id")


def group_member_organisation(group_membership: GroupMembership) -> Organisation | None:
    """The organisation the person represents in the group's workspace (prefetched by group_member_list_for_user)."""
    memberships: list[Membership] = getattr(group_membership.user, "workspace_memberships", [])
    return memberships[0].organisation if memberships else None
