"""Reads of the action plans of approved and published agendas, for following them up.

Who sees an action here: the representatives of its owning organisation (active memberships linked to
it), administrators and the executive committee, and whoever may see its agenda. Everyone else gets 404.
Who updates it (status, progress notes): its organisation's representatives other than observers,
administrators and the executive committee (`action_follow_up_permissions`). The network-wide list is the
executive committee's and the administrators'.

An action's current status is its follow-up status once someone has updated it, else the status the
approved plan gave it; `overdue` means due before today and neither done nor cancelled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from advocacy.models import ActionStatus, AgendaAction, AgendaStatus
from groups.selectors import GROUP_MANAGER_ROLES, group_get_for_user
from workspace.models import Membership, Role

__all__ = [
    "ACTION_FOLLOWED_STATUSES",
    "ACTION_FINISHED_STATUSES",
    "ActionFollowUpPermissions",
    "action_follow_up_get_for_user",
    "action_follow_up_permissions",
    "action_list_for_network",
    "action_list_for_organisation",
    "followed_actions",
]

# Only an approved plan is followed up; a reopened agenda's actions leave the lists until re-approved.
ACTION_FOLLOWED_STATUSES = (AgendaStatus.APPROVED, AgendaStatus.PUBLISHED)
ACTION_FINISHED_STATUSES = (ActionStatus.DONE, ActionStatus.CANCELLED)


@dataclass(frozen=True)
class ActionFollowUpPermissions:
    update: bool


def followed_actions(*, workspace_id: int, today: date | None = None) -> QuerySet[AgendaAction]:
    """The live actions of the workspace's approved and published agendas, annotated with
    `current_status` and `overdue`, soonest due first."""
    today = today or timezone.localdate()
    return (
        AgendaAction.objects.filter(
            agenda__group__workspace_id=workspace_id,
            agenda__status__in=ACTION_FOLLOWED_STATUSES,
            removed_at__isnull=True,
        )
        .select_related("agenda__group", "organisation", "follow_up")
        .annotate(current_status=Coalesce("follow_up__status", "status"))
        .annotate(
            overdue=Case(
                When(Q(due__lt=today) & ~Q(current_status__in=ACTION_FINISHED_STATUSES), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("due", "id")
    )


def action_list_for_organisation(*, actor: Membership) -> QuerySet[AgendaAction]:
    """The actions the actor's organisation owns (none for someone who represents no organisation)."""
    actions = followed_actions(workspace_id=actor.workspace_id)
    if actor.organisation_id is None:
        return actions.none()
    return actions.filter(organisation_id=actor.organisation_id)


def action_list_for_network(
    *,
    actor: Membership,
    group_id: int | None = None,
    organisation_id: int | None = None,
    status: str | None = None,
    due_from: date | None = None,
    due_to: date | None = None,
    overdue: bool | None = None,
) -> QuerySet[AgendaAction]:
    if actor.role not in GROUP_MANAGER_ROLES:
        raise PermissionDenied(_("Only administrators and the executive committee see every organisation's actions."))
    actions = followed_actions(workspace_id=actor.workspace_id)
    if group_id is not None:
        actions = actions.filter(agenda__group_id=group_id)
    if organisation_id is not None:
        actions = actions.filter(organisation_id=organisation_id)
    if status:
        actions = actions.filter(Q(current_status=status))
    if due_from is not None:
        actions = actions.filter(due__gte=due_from)
    if due_to is not None:
        actions = actions.filter(due__lte=due_to)
    if overdue is not None:
        actions = actions.filter(Q(overdue=overdue))
    return actions


def _represents(actor: Membership, action: AgendaAction) -> bool:
    return actor.organisation_id is not None and actor.organisation_id == action.organisation_id


def action_follow_up_get_for_user(*, actor: Membership, action_id: int) -> AgendaAction:
    """A followed action the actor may see (see the module docstring); 404 otherwise."""
    action = followed_actions(workspace_id=actor.workspace_id).filter(pk=action_id).first()
    if action is None:
        raise Http404
    if actor.role in GROUP_MANAGER_ROLES or _represents(actor, action):
        return action
    # Anyone who may see the agenda sees its action plan anyway; the group selector raises 404 otherwise.
    group_get_for_user(actor=actor, group_id=action.agenda.group_id)
    return action


def action_follow_up_permissions(*, actor: Membership, action: AgendaAction) -> ActionFollowUpPermissions:
    if actor.role == Role.OBSERVER:
        return ActionFollowUpPermissions(update=False)
    return ActionFollowUpPermissions(update=actor.role in GROUP_MANAGER_ROLES or _represents(actor, action))
