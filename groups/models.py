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


# --- Live meetings (DESIGN.md "Live meetings") ---------------------------------------------------------
# Every row below is changed only by the services in groups.services.live / groups.services.sessions, which
# commit first and broadcast after commit; clients that reconnect fetch the current state first.

MAX_TIMER_EXTRA_SECONDS = 6 * 60 * 60


class Countdown(models.Model):
    """A pausable countdown: planned length (given by the owner) + extensions, minus elapsed time.

    Elapsed time is `timer_elapsed_seconds` (banked at each pause) plus, while running, the time since
    `timer_started_at`. Storing the start instant rather than a ticking number lets every client compute
    the remaining time itself from the server's clock, so the countdown costs no traffic while it runs.
    """

    timer_running = models.BooleanField(default=False)
    timer_started_at = models.DateTimeField(null=True, blank=True)
    timer_elapsed_seconds = models.PositiveIntegerField(default=0)
    timer_extra_seconds = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=models.Q(timer_running=False) | models.Q(timer_started_at__isnull=False),
                name="%(app_label)s_%(class)s_running_timer_has_start",
            ),
            models.CheckConstraint(
                condition=models.Q(timer_extra_seconds__lte=MAX_TIMER_EXTRA_SECONDS),
                name="%(app_label)s_%(class)s_timer_extra_bounded",
            ),
        ]


class MeetingRunState(Countdown):
    """The server-authoritative run state of a meeting: current item, its timer, spotlight, editing.

    Created when the meeting starts. `version` grows with every change so a client can drop an event
    older than the state it already shows.
    """

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, primary_key=True, related_name="run_state")
    current_item = models.ForeignKey(AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # A loose reference stored as data ({"kind": "item" | "group" | "agenda", "id": n}), so groups never
    # imports advocacy (DESIGN.md: dependencies point one way).
    spotlight = models.JSONField(null=True, blank=True)
    # Whether groups may edit their problem trees and agendas now (the group-work phase).
    editing_open = models.BooleanField(default=False)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(Countdown.Meta):
        pass

    def __str__(self) -> str:
        return f"Run state of meeting {self.meeting_id}"


class SessionStep(models.TextChoices):
    """The step guide of a group session, in order."""

    GAPS = "gaps", _("Key gaps and challenges")
    ROOT_CAUSES = "root_causes", _("Root causes")
    EVIDENCE = "evidence", _("Evidence")
    STAKEHOLDERS = "stakeholders", _("Stakeholders")
    POLICY_SUPPORT = "policy_support", _("Policy support")
    ACTION_PLAN = "action_plan", _("Actionable plan")
    ADVOCACY_METHODS = "advocacy_methods", _("Advocacy methods")


class SessionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


DEFAULT_STEP_MINUTES = 10
MAX_STEP_MINUTES = 180


class GroupSession(Countdown):
    """One working group's room during a group-work item of a meeting, with its step guide and timer."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sessions")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="sessions")
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="sessions")
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="facilitated_sessions"
    )
    current_step = models.CharField(max_length=20, choices=SessionStep.choices, default=SessionStep.GAPS)
    step_minutes = models.PositiveSmallIntegerField(default=DEFAULT_STEP_MINUTES)
    status = models.CharField(max_length=10, choices=SessionStatus.choices, default=SessionStatus.OPEN)
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=0)

    class Meta(Countdown.Meta):
        ordering = ["item", "group__name", "id"]
        constraints = [
            *Countdown.Meta.constraints,
            models.UniqueConstraint("item", "group", name="group_session_one_per_group_per_item"),
            models.CheckConstraint(
                condition=models.Q(current_step__in=[choice.value for choice in SessionStep]),
                name="group_session_step_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=[choice.value for choice in SessionStatus]),
                name="group_session_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(step_minutes__gte=1, step_minutes__lte=MAX_STEP_MINUTES),
                name="group_session_step_minutes_1_to_180",
            ),
        ]

    def __str__(self) -> str:
        return f"Session of group {self.group_id} in item {self.item_id}"


class ParkingDisposition(models.TextChoices):
    ANSWERED = "answered", _("Answered in the session")
    FOLLOW_UP = "follow_up", _("Follow up after the meeting")
    TO_AGENDA = "to_agenda", _("Take into the advocacy agenda")
    SET_ASIDE = "set_aside", _("Set aside")


class ParkingLotItem(models.Model):
    """Something raised in a session that does not fit the current step; decided on before it closes."""

    session = models.ForeignKey(GroupSession, on_delete=models.CASCADE, related_name="parking_lot")
    text = models.CharField(max_length=500)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    # Blank until the facilitator decides.
    disposition = models.CharField(max_length=20, choices=ParkingDisposition.choices, blank=True)
    disposition_note = models.CharField(max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["session", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(disposition__in=["", *[choice.value for choice in ParkingDisposition]]),
                name="parking_lot_disposition_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:50]


class DotVoteStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


MAX_DOTS_PER_PERSON = 10
MAX_VOTE_OPTIONS = 30


class DotVote(models.Model):
    """A dot vote in a session: each participant places up to `dots_per_person` dots before `closes_at`.

    Individual dots stay hidden until the vote closes; then the totals are shown to all and the top
    options are marked.
    """

    session = models.ForeignKey(GroupSession, on_delete=models.CASCADE, related_name="votes")
    question = models.CharField(max_length=200)
    dots_per_person = models.PositiveSmallIntegerField()
    closes_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=DotVoteStatus.choices, default=DotVoteStatus.OPEN)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["session", "-opened_at", "-id"]
        constraints = [
            models.UniqueConstraint("session", condition=models.Q(status="open"), name="dot_vote_one_open_per_session"),
            models.CheckConstraint(
                condition=models.Q(dots_per_person__gte=1, dots_per_person__lte=MAX_DOTS_PER_PERSON),
                name="dot_vote_dots_1_to_10",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=[choice.value for choice in DotVoteStatus]), name="dot_vote_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.question


class DotVoteOption(models.Model):
    vote = models.ForeignKey(DotVote, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=200)
    # Where the option came from, as data (e.g. {"kind": "cause", "id": 12} from a problem tree).
    source = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["vote", "position"]
        constraints = [
            models.UniqueConstraint("vote", "position", name="dot_vote_option_position_unique"),
        ]

    def __str__(self) -> str:
        return self.label


class Dot(models.Model):
    """One dot placed by a person on an option (a person may stack several dots on one option).

    The per-person limit is enforced by the service under a lock on the vote's row.
    """

    vote = models.ForeignKey(DotVote, on_delete=models.CASCADE, related_name="dots")
    option = models.ForeignKey(DotVoteOption, on_delete=models.CASCADE, related_name="dots")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["vote", "voter"], name="dot_vote_voter")]

    def __str__(self) -> str:
        return f"Dot of {self.voter_id} on {self.option_id}"


class MeetingPresence(models.Model):
    """One open live-meeting connection: who is in the meeting, and in which room (if any).

    Keyed by the websocket's channel name, so two tabs of one person are two rows; `seen_at` is refreshed
    by the client's heartbeat and rows not seen recently are ignored (a crashed server cannot leave
    ghosts for long).
    """

    channel_name = models.CharField(max_length=200, unique=True)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="presences")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(
        GroupSession, on_delete=models.SET_NULL, null=True, blank=True, related_name="presences"
    )
    connected_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["meeting", "seen_at"], name="meeting_presence_seen")]

    def __str__(self) -> str:
        return f"{self.user_id} in meeting {self.meeting_id}"
