"""Every write to meetings and meeting templates (agenda items are in `agenda`): permission checks, validation, audit,
notifications.

Who may do what comes from `groups.selectors.meetings` (administrators, the executive committee and
facilitators run meetings). Each write locks the meeting's row first, so two people editing one agenda
at once are serialised (positions stay 1..n without gaps, a group cannot leave the meeting while an
item is being made its responsibility). A closed meeting is frozen until someone reopens it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from groups.models import (
    BUILTIN_MEETING_TEMPLATES,
    AgendaItem,
    Meeting,
    MeetingStatus,
    MeetingTemplate,
    WorkingGroup,
    validate_timezone,
)
from groups.selectors.meetings import MEETING_MANAGER_ROLES, require_meeting_manager
from workspace.models import Membership, User
from workspace.services.audit import audit_record, changed_fields
from workspace.services.notifications import notification_send

__all__ = [
    "meeting_create",
    "meeting_delete",
    "meeting_save_as_template",
    "meeting_update",
]

DETAIL_FIELDS = ("title", "date", "start_time", "timezone", "venue", "online_link")


def meeting_url(meeting: Meeting) -> str:
    return f"/w/{meeting.workspace.slug}/meetings/{meeting.pk}"


def lock_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("workspace").get(pk=meeting.pk)


def check_not_closed(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.CLOSED:
        raise ValidationError({"status": _("This meeting is closed. Reopen it before changing it.")})


def _validate_details(changes: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    if "title" in changes and not changes["title"]:
        errors["title"] = [_("A meeting needs a title.")]
    if "timezone" in changes:
        try:
            validate_timezone(changes["timezone"])
        except ValidationError as error:
            errors["timezone"] = list(error.messages)
    if changes.get("online_link"):
        try:
            URLValidator(schemes=["http", "https"])(changes["online_link"])
        except ValidationError:
            errors["online_link"] = [_("Enter a web address starting with http:// or https://.")]
    if errors:
        raise ValidationError(errors)


def _groups_of_workspace(workspace_id: int, group_ids: Iterable[int]) -> list[WorkingGroup]:
    wanted = set(group_ids)
    groups = list(WorkingGroup.objects.filter(workspace_id=workspace_id, pk__in=wanted))
    if len(groups) != len(wanted):
        raise ValidationError({"group_ids": _("Choose working groups of this workspace.")})
    return groups


def _facilitators_of_workspace(workspace_id: int, user_ids: Iterable[int]) -> list[User]:
    wanted = set(user_ids)
    people = list(
        Membership.objects.active()
        .filter(workspace_id=workspace_id, user_id__in=wanted, role__in=MEETING_MANAGER_ROLES)
        .select_related("user")
    )
    if len(people) != len(wanted):
        raise ValidationError(
            {
                "facilitator_ids": _(
                    "Facilitators must be active administrators, executive committee members or facilitators "
                    "of this workspace."
                )
            }
        )
    return [person.user for person in people]


def _notify_facilitators(*, actor: Membership, meeting: Meeting, users: Iterable[User]) -> None:
    for user in users:
        # Nobody needs to be told about what they did themselves.
        if user.pk == actor.user_id:
            continue
        notification_send(
            recipient=user,
            workspace=meeting.workspace,
            kind="meeting.facilitator_added",
            params={"actor": actor.user.display_name, "meeting": meeting.title},
            url=meeting_url(meeting),
        )


def _template_items(*, actor: Membership, template_id: str) -> list[dict[str, Any]]:
    builtin = BUILTIN_MEETING_TEMPLATES.get(template_id)
    if builtin is not None:
        # Titles are written once, in the language of the person creating the meeting.
        with translation.override(actor.user.preferred_language):
            return [
                {"kind": str(kind), "title": str(title), "planned_minutes": minutes}
                for kind, title, minutes in builtin["items"]
            ]
    saved = (
        MeetingTemplate.objects.filter(workspace=actor.workspace, pk=int(template_id)).first()
        if template_id.isdigit()
        else None
    )
    if saved is None:
        raise ValidationError({"template_id": _("This meeting template does not exist.")})
    return list(saved.items)


@transaction.atomic
def meeting_create(
    *,
    actor: Membership,
    title: str,
    date: dt.date,
    start_time: dt.time,
    timezone: str = "Asia/Phnom_Penh",
    venue: str = "",
    online_link: str = "",
    group_ids: Sequence[int] = (),
    facilitator_ids: Sequence[int] = (),
    template_id: str | None = None,
) -> Meeting:
    require_meeting_manager(actor)
    title, venue = title.strip(), venue.strip()
    _validate_details({"title": title, "timezone": timezone, "online_link": online_link})
    groups = _groups_of_workspace(actor.workspace_id, group_ids)
    facilitators = _facilitators_of_workspace(actor.workspace_id, facilitator_ids)
    items = _template_items(actor=actor, template_id=template_id) if template_id else []
    meeting = Meeting.objects.create(
        workspace=actor.workspace,
        title=title,
        date=date,
        start_time=start_time,
        timezone=timezone,
        venue=venue,
        online_link=online_link,
        created_by=actor.user,
    )
    meeting.groups.set(groups)
    meeting.facilitators.set(facilitators)
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            position=position,
            kind=item["kind"],
            title=item["title"],
            planned_minutes=item["planned_minutes"],
        )
        for position, item in enumerate(items, start=1)
    )
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        verb="meeting.created",
        target=meeting,
        after={
            "title": title,
            "date": date.isoformat(),
            "start_time": start_time.isoformat(),
            "timezone": timezone,
            "groups": sorted(group.pk for group in groups),
            "facilitators": sorted(user.pk for user in facilitators),
            "template": template_id or "",
        },
    )
    _notify_facilitators(actor=actor, meeting=meeting, users=facilitators)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    actor: Membership,
    meeting: Meeting,
    group_ids: Sequence[int] | None = None,
    facilitator_ids: Sequence[int] | None = None,
    status: str | None = None,
    **details: Any,
) -> Meeting:
    require_meeting_manager(actor)
    meeting = lock_meeting(meeting)
    unknown = set(details) - set(DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"meeting_update() got unexpected fields {sorted(unknown)}")
    changes = {
        key: value.strip() if isinstance(value, str) and key != "online_link" else value
        for key, value in details.items()
    }
    before, after = changed_fields(meeting, changes)
    old_group_ids = set(meeting.groups.values_list("pk", flat=True))
    old_facilitator_ids = set(meeting.facilitators.values_list("pk", flat=True))
    groups_change = group_ids is not None and set(group_ids) != old_group_ids
    facilitators_change = facilitator_ids is not None and set(facilitator_ids) != old_facilitator_ids
    status_change = status is not None and status != meeting.status
    # The live console owns the planned → live → closed path (groups.services.live): a meeting set live
    # here would have no run state, and one set back while running would leave its run state behind.
    if status_change and status == MeetingStatus.LIVE:
        raise ValidationError({"status": _("Start the meeting from its live console.")})
    if status_change and meeting.status == MeetingStatus.LIVE:
        raise ValidationError({"status": _("This meeting is running. End it from its live console.")})
    if meeting.status == MeetingStatus.CLOSED and (after or groups_change or facilitators_change):
        # Reopening is the only change a closed meeting accepts; it may come in the same request.
        if not (status_change and status != MeetingStatus.CLOSED):
            check_not_closed(meeting)
    _validate_details(after)
    for key in after:
        setattr(meeting, key, changes[key])
    if status is not None and status_change:
        before["status"], after["status"] = meeting.status, status
        meeting.status = status
    if after:
        meeting.save(update_fields=list(after))
    added_facilitators: list[User] = []
    if group_ids is not None and groups_change:
        groups = _groups_of_workspace(meeting.workspace_id, group_ids)
        still_responsible = (
            AgendaItem.objects.filter(meeting=meeting, responsible_group__isnull=False)
            .exclude(responsible_group_id__in=[group.pk for group in groups])
            .select_related("responsible_group")
            .first()
        )
        if still_responsible is not None and still_responsible.responsible_group is not None:
            raise ValidationError(
                {
                    "group_ids": _(
                        "%(group)s is responsible for an agenda item. Change that item before removing the group."
                    )
                    % {"group": still_responsible.responsible_group.name}
                }
            )
        meeting.groups.set(groups)
        before["groups"], after["groups"] = sorted(old_group_ids), sorted(group.pk for group in groups)
    if facilitator_ids is not None and facilitators_change:
        facilitators = _facilitators_of_workspace(meeting.workspace_id, facilitator_ids)
        meeting.facilitators.set(facilitators)
        added_facilitators = [user for user in facilitators if user.pk not in old_facilitator_ids]
        before["facilitators"] = sorted(old_facilitator_ids)
        after["facilitators"] = sorted(user.pk for user in facilitators)
    if not after:
        return meeting
    audit_record(
        workspace=meeting.workspace,
        actor=actor.user,
        verb="meeting.updated",
        target=meeting,
        before=_jsonable(before),
        after=_jsonable(after),
    )
    _notify_facilitators(actor=actor, meeting=meeting, users=added_facilitators)
    return meeting


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value.isoformat() if isinstance(value, dt.date | dt.time) else value for key, value in values.items()}


@transaction.atomic
def meeting_delete(*, actor: Membership, meeting: Meeting) -> None:
    require_meeting_manager(actor)
    meeting = lock_meeting(meeting)
    audit_record(
        workspace=meeting.workspace,
        actor=actor.user,
        verb="meeting.deleted",
        target=meeting,
        before={"title": meeting.title, "date": meeting.date.isoformat(), "status": meeting.status},
    )
    meeting.delete()


@transaction.atomic
def meeting_save_as_template(*, actor: Membership, meeting: Meeting, name: str) -> MeetingTemplate:
    require_meeting_manager(actor)
    meeting = lock_meeting(meeting)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("A template needs a name.")})
    if MeetingTemplate.objects.filter(workspace=meeting.workspace, name__iexact=name).exists():
        raise ValidationError({"name": _("Another meeting template in this workspace already has this name.")})
    items = [
        {"kind": item.kind, "title": item.title, "planned_minutes": item.planned_minutes}
        for item in AgendaItem.objects.filter(meeting=meeting).order_by("position")
    ]
    if not items:
        raise ValidationError({"name": _("This meeting has no agenda items to save as a template.")})
    template = MeetingTemplate.objects.create(
        workspace=meeting.workspace, name=name, items=items, created_by=actor.user
    )
    audit_record(
        workspace=meeting.workspace,
        actor=actor.user,
        verb="meeting_template.created",
        target=template,
        after={"name": name, "meeting": meeting.pk, "items": len(items)},
    )
    return template
