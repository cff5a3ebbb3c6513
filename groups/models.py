"""Thematic working groups and who belongs to them; meetings, their agendas and who attended."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workspace.models import Workspace


class Visibility(models.TextChoices):
    WORKSPACE = "workspace", _("Everyone in the workspace")
    PRIVATE = "private", _("Group members only")


class GroupRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    MEMBER = "member", _("Member")


class WorkingGroup(models.Model):
    """A thematic working group of a workspace (e.g. inclusive education and disability)."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="working_groups")
    name = models.CharField(max_length=200)
    theme = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    visibility = models.CharField(max_length=20, choices=Visibility.choices, default=Visibility.WORKSPACE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), "workspace", name="working_group_name_unique_in_workspace"),
        ]

    def __str__(self) -> str:
        return self.name


class GroupMembership(models.Model):
    """A person in a working group, as its lead or a member."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="group_memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships")
    role = models.CharField(max_length=10, choices=GroupRole.choices, default=GroupRole.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint("group", "user", name="group_membership_one_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.group} ({self.role})"


def validate_timezone(value: str) -> None:
    """An IANA time zone name (`Asia/Phnom_Penh`), as the meeting's times are read in it."""
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            _("“%(value)s” is not a known time zone. Use a name such as Asia/Phnom_Penh."), params={"value": value}
        ) from None


DEFAULT_MEETING_TIMEZONE = "Asia/Phnom_Penh"
MAX_ITEM_MINUTES = 600


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    LIVE = "live", _("Live")
    CLOSED = "closed", _("Closed")


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def upcoming(self, today: date) -> MeetingQuerySet:
        return self.filter(date__gte=today).exclude(status=MeetingStatus.CLOSED)

    def with_totals(self) -> MeetingQuerySet:
        return self.annotate(
            total_minutes=Coalesce(models.Sum("items__planned_minutes"), 0), item_count=models.Count("items")
        )


class Meeting(models.Model):
    """A dated event of a workspace with an ordered agenda; its times are read in its own time zone."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(max_length=200)
    date = models.DateField()
    start_time = models.TimeField()
    timezone = models.CharField(max_length=64, default=DEFAULT_MEETING_TIMEZONE, validators=[validate_timezone])
    venue = models.CharField(max_length=200, blank=True)
    online_link = models.URLField(max_length=500, blank=True)
    groups = models.ManyToManyField(WorkingGroup, related_name="meetings", blank=True)
    facilitators = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="facilitated_meetings", blank=True)
    status = models.CharField(max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["date", "start_time", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=[choice.value for choice in MeetingStatus]), name="meeting_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["workspace", "date"], name="meeting_workspace_date")]

    def __str__(self) -> str:
        return f"{self.title} ({self.date})"

    @property
    def starts_at(self) -> datetime:
        return datetime.combine(self.date, self.start_time, tzinfo=ZoneInfo(self.timezone))


class AgendaItemKind(models.TextChoices):
    WELCOME = "welcome", _("Welcome")
    PLENARY = "plenary", _("Plenary")
    GROUP_WORK = "group_work", _("Group work")
    PRESENTATIONS = "presentations", _("Presentations")
    FEEDBACK = "feedback", _("Feedback")
    DISCUSSION = "discussion", _("Discussion")
    BREAK = "break", _("Break")
    CLOSING = "closing", _("Closing")


class AgendaItem(models.Model):
    """One item of a meeting's agenda; `position` orders them (1, 2, 3 ... without gaps)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=AgendaItemKind.choices)
    title = models.CharField(max_length=200)
    planned_minutes = models.PositiveSmallIntegerField()
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Must be one of the meeting's groups: checked by the services, which hold the meeting's lock.
    responsible_group = models.ForeignKey(
        WorkingGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint("meeting", "position", name="agenda_item_position_unique_in_meeting"),
            models.CheckConstraint(
                condition=models.Q(planned_minutes__gte=1, planned_minutes__lte=MAX_ITEM_MINUTES),
                name="agenda_item_minutes_1_to_600",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=[choice.value for choice in AgendaItemKind]), name="agenda_item_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class MeetingTemplate(models.Model):
    """A reusable agenda saved by a workspace: `items` is a list of {kind, title, planned_minutes}.

    The built-in templates are code (BUILTIN_MEETING_TEMPLATES below), so their titles are
    translated into the language of whoever uses them.
    """

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, null=True, blank=True, related_name="meeting_templates"
    )
    name = models.CharField(max_length=200)
    items = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(Lower("name"), "workspace", name="meeting_template_name_unique_in_workspace"),
        ]

    def __str__(self) -> str:
        return self.name


class Attendance(models.Model):
    """A person checked in to a meeting, by themselves or by a facilitator."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendances")
    checked_in_at = models.DateTimeField(default=timezone.now)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint("meeting", "user", name="attendance_one_per_person_per_meeting"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} at {self.meeting_id}"


BUILTIN_JOINT_TEMPLATE_ID = "builtin-joint"

# The agenda of a joint thematic working-group meeting (DESIGN.md), offered to every workspace. Kept in
# code rather than in a row so its name and titles are translated into the language of whoever uses it.
BUILTIN_MEETING_TEMPLATES: dict[str, dict[str, Any]] = {
    BUILTIN_JOINT_TEMPLATE_ID: {
        "name": _("Joint thematic working group meeting"),
        "items": [
            (AgendaItemKind.WELCOME, _("Welcome remarks"), 15),
            (AgendaItemKind.PLENARY, _("Plenary: disability inclusion"), 45),
            (AgendaItemKind.PLENARY, _("Plenary: gender-responsive education"), 45),
            (AgendaItemKind.GROUP_WORK, _("Group work"), 90),
            (AgendaItemKind.PRESENTATIONS, _("Presentations of each group's advocacy agenda"), 60),
            (AgendaItemKind.FEEDBACK, _("Feedback"), 30),
            (AgendaItemKind.DISCUSSION, _("Discussion of the policy bank and data collection"), 45),
            (AgendaItemKind.CLOSING, _("Closing"), 15),
        ],
    },
}
