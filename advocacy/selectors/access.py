"""Who may see and change a working group's problem trees and agendas (the permission table in DESIGN.md).

Seeing follows the group: whoever may see a working group (groups.selectors.group_get_for_user) sees its
trees and agendas, and everyone else gets 404. Editing the content: administrators and the executive
committee; the group's members and leads (during group work in a live meeting, only while the
facilitator has editing open); facilitators while they run an open session of the group;
never observers. Deleting: administrators, the executive committee and the group's leads. An archived
tree and an agenda that is no longer a draft are read-only for everyone.

The REST views, the services and the websocket's access check (advocacy.live) all read these functions.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from advocacy.models import AdvocacyAgenda, AgendaStatus, ProblemTree, TreeStatus
from groups.models import GroupMembership, GroupRole, GroupSession, MeetingStatus, SessionStatus, WorkingGroup
from groups.selectors import GROUP_MANAGER_ROLES, group_get_for_user
from workspace.models import Membership, Role

__all__ = [
    "GroupWorkPermissions",
    "agenda_get_for_user",
    "agenda_permissions",
    "check_agenda_is_draft",
    "group_role_of",
    "group_work_permissions",
    "require_agenda_deleter",
    "require_agenda_editor",
    "require_group_work_editor",
    "require_tree_deleter",
    "require_tree_editor",
    "tree_get_for_user",
    "tree_permissions",
]


@dataclass(frozen=True)
class GroupWorkPermissions:
    edit: bool  # the content of the live document, and the title
    delete: bool


NOBODY = GroupWorkPermissions(edit=False, delete=False)


def group_work_permissions(*, actor: Membership, group: WorkingGroup) -> GroupWorkPermissions:
    """What `actor` may do with the trees and agendas of `group`, whatever their status."""
    if actor.workspace_id != group.workspace_id or actor.role == Role.OBSERVER:
        # Observers only read, whatever group role they may once have been given.
        return NOBODY
    if actor.role in GROUP_MANAGER_ROLES:
        return GroupWorkPermissions(edit=True, delete=True)
    role = group_role_of(actor, group)
    # Checked before the member rule: a facilitator who also belongs to the group keeps editing while
    # running its session, whatever the editing switch says to the members.
    if actor.role == Role.FACILITATOR and _runs_open_session(actor, group):
        return GroupWorkPermissions(edit=True, delete=role == GroupRole.LEAD)
    if role is not None:
        return GroupWorkPermissions(edit=not _editing_closed_in_group_work(group), delete=role == GroupRole.LEAD)
    return NOBODY


def group_role_of(actor: Membership, group: WorkingGroup) -> str | None:
    # group_list_for_user annotates the caller's role; a group loaded elsewhere is asked.
    if hasattr(group, "my_role"):
        annotated: str | None = group.my_role
        return annotated
    return GroupMembership.objects.filter(group=group, user_id=actor.user_id).values_list("role", flat=True).first()


def _editing_closed_in_group_work(group: WorkingGroup) -> bool:
    # During group work in a live meeting the facilitator opens and closes editing for the groups (the
    # run state's editing_open); members change their group's documents only while it is open.
    return GroupSession.objects.filter(
        group=group,
        status=SessionStatus.OPEN,
        meeting__status=MeetingStatus.LIVE,
        meeting__run_state__editing_open=False,
    ).exists()


def _runs_open_session(actor: Membership, group: WorkingGroup) -> bool:
    return (
        GroupSession.objects.filter(group=group, facilitator_id=actor.user_id, status=SessionStatus.OPEN)
        .exclude(meeting__status=MeetingStatus.CLOSED)
        .exists()
    )


def tree_permissions(*, actor: Membership, tree: ProblemTree) -> GroupWorkPermissions:
    permissions = group_work_permissions(actor=actor, group=tree.group)
    return GroupWorkPermissions(edit=permissions.edit and tree.status == TreeStatus.ACTIVE, delete=permissions.delete)


def agenda_permissions(*, actor: Membership, agenda: AdvocacyAgenda) -> GroupWorkPermissions:
    permissions = group_work_permissions(actor=actor, group=agenda.group)
    draft = agenda.status == AgendaStatus.DRAFT
    return GroupWorkPermissions(edit=permissions.edit and draft, delete=permissions.delete and draft)


def tree_get_for_user(*, actor: Membership, tree_id: int) -> ProblemTree:
    """A tree of a group the actor may see, its `group` annotated with the actor's role; 404 otherwise."""
    tree = ProblemTree.objects.filter(pk=tree_id, group__workspace_id=actor.workspace_id).first()
    if tree is None:
        raise Http404
    tree.group = group_get_for_user(actor=actor, group_id=tree.group_id)
    return tree


def agenda_get_for_user(*, actor: Membership, agenda_id: int) -> AdvocacyAgenda:
    """An agenda of a group the actor may see, its `group` annotated with the actor's role; 404 otherwise."""
    agenda = AdvocacyAgenda.objects.filter(pk=agenda_id, group__workspace_id=actor.workspace_id).first()
    if agenda is None:
        raise Http404
    agenda.group = group_get_for_user(actor=actor, group_id=agenda.group_id)
    return agenda


def require_group_work_editor(actor: Membership, group: WorkingGroup) -> None:
    if not group_work_permissions(actor=actor, group=group).edit:
        raise PermissionDenied(
            _(
                "Only the group's members, facilitators running its session, administrators and the executive "
                "committee can edit its problem trees and agendas."
            )
        )


def require_tree_editor(actor: Membership, tree: ProblemTree) -> None:
    require_group_work_editor(actor, tree.group)
    if tree.status != TreeStatus.ACTIVE:
        raise ValidationError(_("This problem tree is archived, so it can no longer be changed."))


def require_tree_deleter(actor: Membership, tree: ProblemTree) -> None:
    if not tree_permissions(actor=actor, tree=tree).delete:
        raise PermissionDenied(
            _("Only the group's leads, administrators and the executive committee can delete a problem tree.")
        )


def check_agenda_is_draft(agenda: AdvocacyAgenda) -> None:
    if agenda.status != AgendaStatus.DRAFT:
        raise ValidationError(_("This agenda is no longer a draft, so it can no longer be changed."))


def require_agenda_editor(actor: Membership, agenda: AdvocacyAgenda) -> None:
    require_group_work_editor(actor, agenda.group)
    check_agenda_is_draft(agenda)


def require_agenda_deleter(actor: Membership, agenda: AdvocacyAgenda) -> None:
    if not group_work_permissions(actor=actor, group=agenda.group).delete:
        raise PermissionDenied(
            _("Only the group's leads, administrators and the executive committee can delete an agenda.")
        )
    check_agenda_is_draft(agenda)
