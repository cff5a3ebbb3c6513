"""Reads that decide who may see which working groups (permission table in DESIGN.md).

Private groups are visible to admins and the executive committee, and to the people in them; outsiders
get 404. Facilitators are "assigned" to private groups through the meetings they run, which arrive with
the meetings issue; until then they see private groups only as members.
"""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from groups.models import GroupMembership, Visibility, WorkingGroup
from workspace.models import Membership, Role


def group_list_for_user(*, actor: Membership) -> QuerySet[WorkingGroup]:
    mine = GroupMembership.objects.filter(group=OuterRef("pk"), user=actor.user)
    groups = WorkingGroup.objects.filter(workspace=actor.workspace)
    if actor.role == Role.OBSERVER:
        groups = groups.filter(visibility=Visibility.WORKSPACE)
    elif actor.role not in (Role.ADMIN, Role.EXECUTIVE):
        # Exists, not a join: a join on memberships would also narrow the member count below.
        groups = groups.filter(Q(visibility=Visibility.WORKSPACE) | Exists(mine))
    return groups.annotate(
        member_count=Count("group_memberships", distinct=True),
        my_role=Subquery(mine.values("role")[:1]),
    ).order_by("name", "id")


def group_list_mine(*, actor: Membership) -> QuerySet[WorkingGroup]:
    mine = GroupMembership.objects.filter(group=OuterRef("pk"), user=actor.user)
    return group_list_for_user(actor=actor).filter(Exists(mine))


def group_get_for_user(*, actor: Membership, group_id: int) -> WorkingGroup:
    try:
        return group_list_for_user(actor=actor).get(pk=group_id)
    except WorkingGroup.DoesNotExist:
        raise Http404 from None
