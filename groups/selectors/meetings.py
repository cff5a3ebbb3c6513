"""Reads that decide who may see which meetings, and who may run them or check in (DESIGN.md).

Everyone in a workspace sees its meetings, observers too; outsiders get 404. Administrators, the
executive committee and facilitators create and edit meetings and check people in. A participant — a
member of one of the meeting's working groups or one of its facilitators — may check themselves in.
Who may do what is decided here (`meeting_permissions`), so the services that enforce it and the API
that tells the screen which buttons to show read the same rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.models import (
    BUILTIN_MEETING_TEMPLATES,
    AgendaItem,
    Attendance,
    GroupMembership,
    Meeting,
    MeetingStatus,
    MeetingTemplate,
    WorkingGroup,
)
from workspace.models import Membership, Organisation, Role, User

__all__ = [
    "MEETING_MANAGER_ROLES",
    "AttendanceSummary",
    "MeetingPermissions",
    "MeetingTemplateEntry",
    "ParticipantRow",
    "RollUpRow",
    "agenda_item_get_for_user",
    "attendance_summary_for_user",
    "meeting_get_for_user",
    "meeting_list_for_user",
    "meeting_list_upcoming_mine",
    "meeting_participates",
    "meeting_permissions",
    "meeting_planned_end",
    "meeting_template_list_for_user",
    "require_meeting_manager",
]

# Workspace roles that create, edit and run meetings.
MEETING_MANAGER_ROLES = (Role.ADMIN, Role.EXECUTIVE, Role.FACILITATOR)


def _participation(user: User) -> Q:
    in_group = GroupMembership.objects.filter(group__meetings=OuterRef("pk"), user=user)
    facilitates = Meeting.facilitators.through.objects.filter(meeting=OuterRef("pk"), user=user)
    return Q(Exists(in_group)) | Q(Exists(facilitates))


def meeting_list_for_user(
    *, actor: Membership, upcoming: bool = False, group_id: int | None = None
) -> QuerySet[Meeting]:
    meetings = Meeting.objects.filter(workspace=actor.workspace)
    if upcoming:
        meetings = meetings.upcoming(timezone.localdate())
    if group_id is not None:
        meetings = meetings.filter(
            Exists(Meeting.groups.through.objects.filter(meeting=OuterRef("pk"), workinggroup=group_id))
        )
    return (
        meetings.with_totals()
        .annotate(i_participate=_participation(actor.user))
        .prefetch_related(
            Prefetch("groups", queryset=WorkingGroup.objects.only("id", "name").order_by("name", "id")),
            Prefetch("facilitators", queryset=User.objects.order_by("display_name", "id")),
        )
        .order_by("date", "start_time", "id")
    )


def meeting_list_upcoming_mine(*, actor: Membership, limit: int) -> list[Meeting]:
    """The next meetings the person takes part in (through a working group) or facilitates."""
    return list(meeting_list_for_user(actor=actor, upcoming=True).filter(_participation(actor.user))[:limit])


def meeting_get_for_user(*, actor: Membership, meeting_id: int) -> Meeting:
    items = AgendaItem.objects.select_related("presenter", "responsible_group").order_by("position")
    try:
        return (
            meeting_list_for_user(actor=actor)
            .select_related("workspace")
            .prefetch_related(Prefetch("items", queryset=items, to_attr="ordered_items"))
            .get(pk=meeting_id)
        )
    except Meeting.DoesNotExist:
        raise Http404 from None


def agenda_item_get_for_user(*, actor: Membership, meeting_id: int, item_id: int) -> AgendaItem:
    try:
        return AgendaItem.objects.select_related("meeting").get(
            pk=item_id, meeting_id=meeting_id, meeting__workspace=actor.workspace
        )
    except AgendaItem.DoesNotExist:
        raise Http404 from None


def meeting_planned_end(meeting: Meeting) -> datetime:
    """Start plus the agenda's durations, in the meeting's time zone."""
    total = getattr(meeting, "total_minutes", None)
    if total is None:
        total = sum(item.planned_minutes for item in meeting.items.all())
    return meeting.starts_at + timedelta(minutes=total)


@dataclass(frozen=True)
class MeetingPermissions:
    edit: bool  # details, agenda, status, deletion
    check_in_others: bool
    check_in_self: bool


def meeting_participates(*, actor: Membership, meeting: Meeting) -> bool:
    # meeting_list_for_user annotates it; a meeting loaded elsewhere (a locked row) is asked.
    if hasattr(meeting, "i_participate"):
        return bool(meeting.i_participate)
    return Meeting.objects.filter(pk=meeting.pk).filter(_participation(actor.user)).exists()


def meeting_permissions(*, actor: Membership, meeting: Meeting, ignore_status: bool = False) -> MeetingPermissions:
    """What `actor` may do; a closed meeting takes no check-ins (unless `ignore_status`, for services that
    tell "not allowed" (403) apart from "not now" (400))."""
    if actor.workspace_id != meeting.workspace_id:
        return MeetingPermissions(edit=False, check_in_others=False, check_in_self=False)
    manages = actor.role in MEETING_MANAGER_ROLES
    open_for_check_in = ignore_status or meeting.status != MeetingStatus.CLOSED
    # Observers only read, even when they belong to one of the meeting's groups.
    may_attend = manages or (actor.role != Role.OBSERVER and meeting_participates(actor=actor, meeting=meeting))
    return MeetingPermissions(
        edit=manages,
        check_in_others=manages and open_for_check_in,
        check_in_self=may_attend and open_for_check_in,
    )


def require_meeting_manager(actor: Membership) -> None:
    if actor.role not in MEETING_MANAGER_ROLES:
        raise PermissionDenied(_("Only administrators, the executive committee and facilitators can manage meetings."))


# --- Templates ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingTemplateEntry:
    id: str  # "builtin-…" for the built-in templates, the row's id otherwise
    name: str
    builtin: bool
    items: list[dict[str, Any]]

    @property
    def total_minutes(self) -> int:
        return sum(int(item["planned_minutes"]) for item in self.items)


def builtin_template_entries() -> list[MeetingTemplateEntry]:
    """The built-in templates, their names and titles in the active language."""
    return [
        MeetingTemplateEntry(
            id=template_id,
            name=str(template["name"]),
            builtin=True,
            items=[
                {"kind": str(kind), "title": str(title), "planned_minutes": minutes}
                for kind, title, minutes in template["items"]
            ],
        )
        for template_id, template in BUILTIN_MEETING_TEMPLATES.items()
    ]


def meeting_template_list_for_user(*, actor: Membership) -> list[MeetingTemplateEntry]:
    saved = MeetingTemplate.objects.filter(workspace=actor.workspace).order_by("name", "id")
    return builtin_template_entries() + [
        MeetingTemplateEntry(id=str(template.pk), name=template.name, builtin=False, items=list(template.items))
        for template in saved
    ]


# --- Attendance -----------------------------------------------------------------------------------


@dataclass
class ParticipantRow:
    user: User
    organisation: Organisation | None
    groups: list[int]
    facilitator: bool
    expected: bool
    checked_in_at: datetime | None


@dataclass
class RollUpRow:
    expected: int = 0
    present: int = 0
    organisation: Organisation | None = None
    group: WorkingGroup | None = None


@dataclass
class AttendanceSummary:
    meeting: Meeting
    participants: list[ParticipantRow] = field(default_factory=list)
    by_organisation: list[RollUpRow] = field(default_factory=list)
    by_group: list[RollUpRow] = field(default_factory=list)


def attendance_summary_for_user(*, actor: Membership, meeting_id: int) -> AttendanceSummary:
    """Who is expected (the groups' members and the facilitators), who came, rolled up by organisation
    and by group. People who came without being expected are listed too. A fixed number of queries."""
    meeting = meeting_get_for_user(actor=actor, meeting_id=meeting_id)
    groups = list(meeting.groups.all())
    group_ids_of: dict[int, list[int]] = {}
    for user_id, group_id in GroupMembership.objects.filter(group__in=groups).values_list("user_id", "group_id"):
        group_ids_of.setdefault(user_id, []).append(group_id)
    facilitator_ids = {user.pk for user in meeting.facilitators.all()}
    checked_in = dict(Attendance.objects.filter(meeting=meeting).values_list("user_id", "checked_in_at"))
    # Deactivated people are no longer expected, but an attendance recorded before stays on the list.
    memberships = (
        Membership.objects.filter(
            workspace_id=meeting.workspace_id, user_id__in={*group_ids_of, *facilitator_ids, *checked_in}
        )
        .filter(Q(is_active=True, user__is_active=True) | Q(user_id__in=list(checked_in)))
        .select_related("user", "organisation")
    )
    summary = AttendanceSummary(meeting=meeting)
    for membership in memberships:
        user_id = membership.user_id
        summary.participants.append(
            ParticipantRow(
                user=membership.user,
                organisation=membership.organisation,
                groups=sorted(group_ids_of.get(user_id, [])),
                facilitator=user_id in facilitator_ids,
                expected=user_id in group_ids_of or user_id in facilitator_ids,
                checked_in_at=checked_in.get(user_id),
            )
        )
    summary.participants.sort(key=lambda row: (row.user.display_name.casefold(), row.user.pk))

    by_organisation: dict[int | None, RollUpRow] = {}
    by_group = {group.pk: RollUpRow(group=group) for group in groups}
    for row in summary.participants:
        organisation_row = by_organisation.setdefault(
            row.organisation.pk if row.organisation else None, RollUpRow(organisation=row.organisation)
        )
        organisation_row.expected += row.expected
        organisation_row.present += row.checked_in_at is not None
        for group_id in row.groups:
            by_group[group_id].expected += 1
            by_group[group_id].present += row.checked_in_at is not None
    # Organisations by name; people who represent none come last.
    summary.by_organisation = sorted(
        by_organisation.values(),
        key=lambda r: (r.organisation is None, r.organisation.name.casefold() if r.organisation else ""),
    )
    summary.by_group = list(by_group.values())
    return summary
