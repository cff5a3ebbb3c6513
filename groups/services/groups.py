"""Every write to working groups and their memberships: permission checks, validation, audit, notifications.

Who may do what comes from `groups.selectors.group_permissions` (the permission table in DESIGN.md):
admins and the executive committee manage every group; a group's leads edit its theme and description
and manage its members; only admins and the executive committee create groups, rename them or change
their visibility. Notifications are rows written in the same transaction; their live push happens after
commit (workspace.services.notifications).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from groups.models import GroupMembership, GroupRole, Visibility, WorkingGroup
from groups.selectors import group_permissions, require_group_creator, require_group_member_manager
from workspace.live.services import live_access_changed
from workspace.models import Membership, Role, User
from workspace.services.audit import audit_record, changed_fields
from workspace.services.notifications import notification_send

__all__ = [
    "group_membership_add",
    "group_membership_remove",
    "group_membership_update",
    "working_group_create",
    "working_group_update",
]

SETTINGS_FIELDS = ("name", "visibility")


def _name_taken(*, workspace_id: int, name: str, exclude_id: int | None = None) -> bool:
    others = WorkingGroup.objects.filter(workspace_id=workspace_id, name__iexact=name)
    if exclude_id is not None:
        others = others.exclude(pk=exclude_id)
    return others.exists()


def _group_url(group: WorkingGroup) -> str:
    return f"/w/{group.workspace.slug}/groups/{group.pk}"


@transaction.atomic
def working_group_create(
    *,
    actor: Membership,
    name: str,
    theme: str = "",
    description: str = "",
    visibility: str = Visibility.WORKSPACE,
) -> WorkingGroup:
    require_group_creator(actor)
    name = name.strip()
    if _name_taken(workspace_id=actor.workspace_id, name=name):
        raise ValidationError({"name": _("Another working group in this workspace already has this name.")})
    group = WorkingGroup.objects.create(
        workspace=actor.workspace, name=name, theme=theme.strip(), description=description, visibility=visibility
    )
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        verb="working_group.created",
        target=group,
        after={"name": group.name, "theme": group.theme, "description": group.description, "visibility": visibility},
    )
    return group


@transaction.atomic
def working_group_update(
    *,
    actor: Membership,
    group: WorkingGroup,
    name: str | None = None,
    theme: str | None = None,
    description: str | None = None,
    visibility: str | None = None,
) -> WorkingGroup:
    group = WorkingGroup.objects.select_for_update().select_related("workspace").get(pk=group.pk)
    requested = {"name": name, "theme": theme, "description": description, "visibility": visibility}
    changes = {
        field: value.strip() if field != "description" else value
        for field, value in requested.items()
        if value is not None
    }
    permissions = group_permissions(actor=actor, group=group)
    if not (permissions.edit_details or permissions.edit_settings):
        raise PermissionDenied(_("Only the group's leads, administrators and the executive committee can edit it."))
    before, after = changed_fields(group, changes)
    if not permissions.edit_settings and any(field in after for field in SETTINGS_FIELDS):
        raise PermissionDenied(
            _("Only administrators and the executive committee can rename a working group or change its visibility.")
        )
    if not after:
        return group
    if "name" in after and _name_taken(workspace_id=group.workspace_id, name=after["name"], exclude_id=group.pk):
        raise ValidationError({"name": _("Another working group in this workspace already has this name.")})
    for field in after:
        setattr(group, field, changes[field])
    group.save(update_fields=list(after))
    if "visibility" in after:
        # Open trees and agendas of a group made private close for those who may no longer see it.
        live_access_changed(workspace_id=group.workspace_id)
    audit_record(
        workspace=group.workspace,
        actor=actor.user,
        verb="working_group.updated",
        target=group,
        before=before,
        after=after,
    )
    return group


@transaction.atomic
def group_membership_add(
    *, actor: Membership, group: WorkingGroup, user_id: int, role: str = GroupRole.MEMBER
) -> GroupMembership:
    # Locking the group serialises every membership change of this group (duplicates, the last lead).
    group = WorkingGroup.objects.select_for_update().select_related("workspace").get(pk=group.pk)
    require_group_member_manager(actor, group)
    person = (
        Membership.objects.active()
        .select_related("user")
        .filter(workspace_id=group.workspace_id, user_id=user_id)
        .first()
    )
    if person is None:
        raise ValidationError({"user_id": _("This person is not an active member of this workspace.")})
    if GroupMembership.objects.filter(group=group, user_id=user_id).exists():
        raise ValidationError({"user_id": _("This person is already in this working group.")})
    _check_may_lead(person, role)
    group_membership = GroupMembership.objects.create(group=group, user=person.user, role=role)
    # A document of the group they had open read-only becomes editable at once.
    live_access_changed(user_ids=[person.user_id])
    audit_record(
        workspace=group.workspace,
        actor=actor.user,
        verb="group_membership.added",
        target=group_membership,
        after={"group": group.name, "person": person.user.email, "role": role},
    )
    _notify(
        actor=actor,
        recipient=person.user,
        group=group,
        kind="group_membership.added_as_lead" if role == GroupRole.LEAD else "group_membership.added",
    )
    return group_membership


@transaction.atomic
def group_membership_update(*, actor: Membership, group_membership: GroupMembership, role: str) -> GroupMembership:
    group = WorkingGroup.objects.select_for_update().select_related("workspace").get(pk=group_membership.group_id)
    require_group_member_manager(actor, group)
    group_membership = GroupMembership.objects.select_related("user").get(pk=group_membership.pk, group=group)
    before, after = changed_fields(group_membership, {"role": role})
    if not after:
        return group_membership
    if group_membership.role == GroupRole.LEAD:
        _check_another_lead_remains(group_membership)
    if role == GroupRole.LEAD:
        person = Membership.objects.filter(workspace_id=group.workspace_id, user=group_membership.user).first()
        _check_may_lead(person, role)
    group_membership.role = role
    group_membership.save(update_fields=["role"])
    live_access_changed(user_ids=[group_membership.user_id])
    audit_record(
        workspace=group.workspace,
        actor=actor.user,
        verb="group_membership.updated",
        target=group_membership,
        before=before,
        after=after,
    )
    _notify(
        actor=actor,
        recipient=group_membership.user,
        group=group,
        kind="group_membership.made_lead" if role == GroupRole.LEAD else "group_membership.made_member",
    )
    return group_membership


@transaction.atomic
def group_membership_remove(*, actor: Membership, group_membership: GroupMembership) -> None:
    group = WorkingGroup.objects.select_for_update().select_related("workspace").get(pk=group_membership.group_id)
    require_group_member_manager(actor, group)
    group_membership = GroupMembership.objects.select_related("user").get(pk=group_membership.pk, group=group)
    if group_membership.role == GroupRole.LEAD:
        _check_another_lead_remains(group_membership)
    audit_record(
        workspace=group.workspace,
        actor=actor.user,
        verb="group_membership.removed",
        target=group_membership,
        before={"group": group.name, "person": group_membership.user.email, "role": group_membership.role},
    )
    # The group page may no longer be visible to them (a private group), so the link is to the list.
    _notify(
        actor=actor,
        recipient=group_membership.user,
        group=group,
        kind="group_membership.removed",
        url=f"/w/{group.workspace.slug}/groups",
    )
    group_membership.delete()
    # Their open trees and agendas of this group turn read-only, or close if the group is private.
    live_access_changed(user_ids=[group_membership.user_id])


def _check_another_lead_remains(group_membership: GroupMembership) -> None:
    # The caller holds the group's row lock, so no concurrent change can remove the other lead meanwhile.
    others = GroupMembership.objects.filter(group_id=group_membership.group_id, role=GroupRole.LEAD).exclude(
        pk=group_membership.pk
    )
    if not others.exists():
        raise ValidationError(
            {"non_field_errors": [_("A working group needs at least one lead. Make someone else a lead first.")]}
        )


def _check_may_lead(person: Membership | None, role: str) -> None:
    if role == GroupRole.LEAD and person is not None and person.role == Role.OBSERVER:
        raise ValidationError({"role": _("Observers can only read, so they cannot lead a working group.")})


def _notify(*, actor: Membership, recipient: User, group: WorkingGroup, kind: str, url: str = "") -> None:
    # Nobody needs to be told about what they did themselves.
    if recipient.pk == actor.user_id:
        return
    notification_send(
        recipient=recipient,
        workspace=group.workspace,
        kind=kind,
        params={"actor": actor.user.display_name, "group": group.name},
        url=url or _group_url(group),
    )
