"""Running a meeting live: every change of its run state goes through `run_command`.

Only the roles that run meetings may send commands (`groups.selectors.live.require_live_controller`);
anyone else gets PermissionDenied and nothing changes. Each command locks the meeting's row first and then
validates against the locked state, so commands from two consoles at once apply one after the other, each
to the state the other left (never both to the same old state). An accepted command bumps the run state's version, is audited, and is broadcast to everyone
in the meeting after commit (`groups.services.live_events`).

The meeting's status follows the run state: `start` makes a planned meeting live, `end` closes it. Moving
to a group-work item opens one group session per participating group (the sessions slice runs them);
`end` refuses while a session's parking lot still has undecided items, then closes the open sessions
and their votes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.models import (
    MAX_TIMER_EXTRA_SECONDS,
    AgendaItem,
    AgendaItemKind,
    DotVote,
    DotVoteStatus,
    GroupSession,
    Meeting,
    MeetingRunState,
    MeetingStatus,
    SessionStatus,
    WorkingGroup,
)
from groups.selectors.live import require_live_controller, run_state_event
from groups.services.live_events import meeting_broadcast_on_commit
from groups.services.meetings import lock_meeting
from workspace.live.services import live_access_changed
from workspace.models import Membership, User
from workspace.services.audit import audit_record

__all__ = ["LIVE_ACTIONS", "MAX_EXTEND_MINUTES", "SPOTLIGHT_KIND_CHOICES", "run_command"]

LIVE_ACTIONS = (
    "start",
    "next",
    "previous",
    "go_to",
    "timer_start",
    "timer_pause",
    "timer_extend",
    "spotlight",
    "editing",
    "end",
)
MAX_EXTEND_MINUTES = 60
SPOTLIGHT_KINDS = ("item", "group", "agenda")
# For the API schema (ENUM_NAME_OVERRIDES names the enum after it, as other "kind" fields exist).
SPOTLIGHT_KIND_CHOICES = [(kind, kind) for kind in SPOTLIGHT_KINDS]


class _Command:
    """One command being applied: the locked meeting and run state, what changed, what to tell."""

    def __init__(self, actor: Membership, meeting: Meeting, run_state: MeetingRunState | None) -> None:
        self.actor = actor
        self.meeting = meeting
        self.run_state = run_state
        self.now = timezone.now()
        self.audit: dict[str, Any] = {}
        self.sessions_changed = False

    @property
    def state(self) -> MeetingRunState:
        if self.run_state is None:  # _require_running refuses commands before the start
            raise RuntimeError("the meeting has no run state")
        return self.run_state


def _integer(payload: dict[str, Any], field: str, message: str) -> int:
    value = payload.get(field)
    # bool is an int in Python; `true` is not a number of minutes.
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            return int(value)
        raise ValidationError({field: message})
    return value


def _require_running(command: _Command) -> None:
    if command.meeting.status == MeetingStatus.CLOSED:
        raise ValidationError(_("This meeting has ended."))
    if command.meeting.status == MeetingStatus.PLANNED or command.run_state is None:
        raise ValidationError(_("This meeting has not started."))


def _ordered_items(meeting: Meeting) -> list[AgendaItem]:
    return list(AgendaItem.objects.filter(meeting=meeting).order_by("position"))


def _bank_elapsed(command: _Command) -> None:
    state = command.state
    if state.timer_running and state.timer_started_at is not None:
        running_for = int((command.now - state.timer_started_at).total_seconds())
        state.timer_elapsed_seconds += max(running_for, 0)
    state.timer_running = False
    state.timer_started_at = None


def _open_sessions(command: _Command, item: AgendaItem) -> None:
    """One session per participating group for a group-work item; facilitators dealt round-robin by name."""
    groups = list(WorkingGroup.objects.filter(meetings=command.meeting).order_by("name", "id"))
    existing = set(GroupSession.objects.filter(item=item).values_list("group_id", flat=True))
    facilitators: list[User] = list(command.meeting.facilitators.order_by("display_name", "id"))
    created = []
    for index, group in enumerate(groups):
        if group.pk in existing:
            continue
        facilitator = facilitators[index % len(facilitators)] if facilitators else command.actor.user
        session, was_created = GroupSession.objects.get_or_create(
            item=item, group=group, defaults={"meeting": command.meeting, "facilitator": facilitator}
        )
        if was_created:
            created.append(session.pk)
    if created:
        command.sessions_changed = True
        command.audit["sessions_opened"] = created


def _move_to(command: _Command, item: AgendaItem) -> None:
    state = command.state
    state.current_item = item
    # A new item starts its own countdown at once: the console's "next" is also "go".
    state.timer_running = True
    state.timer_started_at = command.now
    state.timer_elapsed_seconds = 0
    state.timer_extra_seconds = 0
    command.audit["item"] = item.pk
    if item.kind == AgendaItemKind.GROUP_WORK:
        _open_sessions(command, item)


def _start(command: _Command, payload: dict[str, Any]) -> None:
    meeting = command.meeting
    if meeting.status == MeetingStatus.CLOSED:
        raise ValidationError(_("This meeting has ended."))
    if meeting.status == MeetingStatus.LIVE:
        raise ValidationError(_("This meeting has already started."))
    items = _ordered_items(meeting)
    if not items:
        raise ValidationError(_("Add at least one agenda item before starting the meeting."))
    # A meeting closed and reopened starts afresh, but its version keeps growing so no client mistakes
    # the new state for an old one.
    state, _created = MeetingRunState.objects.select_for_update().get_or_create(meeting=meeting)
    state.started_at = command.now
    state.ended_at = None
    state.spotlight = None
    state.editing_open = False
    command.run_state = state
    meeting.status = MeetingStatus.LIVE
    meeting.save(update_fields=["status"])
    _move_to(command, items[0])


def _step(command: _Command, offset: int) -> None:
    items = _ordered_items(command.meeting)
    current = command.state.current_item_id
    positions = [item.pk for item in items]
    if current not in positions:
        # The current item was deleted from the agenda: "next" resumes at the start, "previous" has nowhere to go.
        if offset < 0 or not items:
            raise ValidationError(_("There is no agenda item before this one."))
        _move_to(command, items[0])
        return
    index = positions.index(current) + offset
    if index >= len(items):
        raise ValidationError(_("This is the last agenda item. End the meeting instead."))
    if index < 0:
        raise ValidationError(_("This is the first agenda item."))
    _move_to(command, items[index])


def _next(command: _Command, payload: dict[str, Any]) -> None:
    _step(command, 1)


def _previous(command: _Command, payload: dict[str, Any]) -> None:
    _step(command, -1)


def _go_to(command: _Command, payload: dict[str, Any]) -> None:
    message = _("Choose an item of this meeting's agenda.")
    item_id = _integer(payload, "item_id", message)
    item = AgendaItem.objects.filter(meeting=command.meeting, pk=item_id).first()
    if item is None:
        raise ValidationError({"item_id": message})
    _move_to(command, item)


def _require_current_item(command: _Command) -> None:
    if command.state.current_item_id is None:
        raise ValidationError(_("There is no current agenda item. Go to an item first."))


def _timer_start(command: _Command, payload: dict[str, Any]) -> None:
    _require_current_item(command)
    state = command.state
    if state.timer_running:
        raise ValidationError(_("The timer is already running."))
    state.timer_running = True
    state.timer_started_at = command.now


def _timer_pause(command: _Command, payload: dict[str, Any]) -> None:
    _require_current_item(command)
    if not command.state.timer_running:
        raise ValidationError(_("The timer is not running."))
    _bank_elapsed(command)
    command.audit["elapsed_seconds"] = command.state.timer_elapsed_seconds


def _timer_extend(command: _Command, payload: dict[str, Any]) -> None:
    message = _("Extend the timer by 1 to %(max)s minutes.") % {"max": MAX_EXTEND_MINUTES}
    minutes = _integer(payload, "minutes", message)
    if not 1 <= minutes <= MAX_EXTEND_MINUTES:
        raise ValidationError({"minutes": message})
    _require_current_item(command)
    state = command.state
    if state.timer_extra_seconds + minutes * 60 > MAX_TIMER_EXTRA_SECONDS:
        raise ValidationError(
            {
                "minutes": _("An item can be extended by %(hours)s hours at most.")
                % {"hours": MAX_TIMER_EXTRA_SECONDS // 3600}
            }
        )
    state.timer_extra_seconds += minutes * 60
    command.audit["minutes"] = minutes


def _spotlight(command: _Command, payload: dict[str, Any]) -> None:
    kind = payload.get("kind")
    if kind is None:
        command.state.spotlight = None
        command.audit["spotlight"] = None
        return
    if kind not in SPOTLIGHT_KINDS:
        raise ValidationError({"kind": _("Choose what to show: an agenda item, a group or an advocacy agenda.")})
    if kind == "item":
        message = _("Choose an item of this meeting's agenda.")
        item = AgendaItem.objects.filter(meeting=command.meeting, pk=_integer(payload, "id", message)).first()
        if item is None:
            raise ValidationError({"id": message})
        label = item.title
    elif kind == "group":
        message = _("Choose one of the meeting's working groups.")
        group = WorkingGroup.objects.filter(meetings=command.meeting, pk=_integer(payload, "id", message)).first()
        if group is None:
            raise ValidationError({"id": message})
        label = group.name
    else:
        # Advocacy agendas live in the advocacy app, which groups must not import (DESIGN.md: dependencies
        # point one way) and which has no agendas yet; until it can vouch for an id, none is accepted.
        raise ValidationError({"id": _("This advocacy agenda does not exist.")})
    command.state.spotlight = {"kind": kind, "id": int(payload["id"]), "label": label}
    command.audit["spotlight"] = command.state.spotlight


def _editing(command: _Command, payload: dict[str, Any]) -> None:
    value = payload.get("open")
    if not isinstance(value, bool):
        raise ValidationError({"open": _("Say whether editing is open: true or false.")})
    command.state.editing_open = value
    command.audit["editing_open"] = value
    # The groups' open trees and agendas follow at once (editable or read-only for their members).
    live_access_changed(workspace_id=command.meeting.workspace_id)


def _end(command: _Command, payload: dict[str, Any]) -> None:
    meeting = command.meeting
    open_sessions = GroupSession.objects.filter(meeting=meeting, status=SessionStatus.OPEN)
    undecided = (
        WorkingGroup.objects.filter(sessions__in=open_sessions, sessions__parking_lot__disposition="")
        .distinct()
        .order_by("name")
        .values_list("name", flat=True)
    )
    names = list(undecided)
    if names:
        raise ValidationError(
            _("Decide on every parking-lot item before ending the meeting. Still open in: %(groups)s.")
            % {"groups": ", ".join(names)}
        )
    session_ids = list(open_sessions.values_list("pk", flat=True))
    if session_ids:
        # Session timers stop where they are; their banked time is no longer shown once closed.
        GroupSession.objects.filter(pk__in=session_ids).update(
            status=SessionStatus.CLOSED, closed_at=command.now, timer_running=False, timer_started_at=None
        )
        DotVote.objects.filter(session_id__in=session_ids, status=DotVoteStatus.OPEN).update(
            status=DotVoteStatus.CLOSED, closed_at=command.now
        )
        command.sessions_changed = True
        command.audit["sessions_closed"] = session_ids
    # Votes of sessions closed earlier are closed by the sessions slice; none may stay open past the end.
    DotVote.objects.filter(session__meeting=meeting, status=DotVoteStatus.OPEN).update(
        status=DotVoteStatus.CLOSED, closed_at=command.now
    )
    _bank_elapsed(command)
    command.state.ended_at = command.now
    command.state.editing_open = False
    meeting.status = MeetingStatus.CLOSED
    meeting.save(update_fields=["status"])


HANDLERS: dict[str, Callable[[_Command, dict[str, Any]], None]] = {
    "start": _start,
    "next": _next,
    "previous": _previous,
    "go_to": _go_to,
    "timer_start": _timer_start,
    "timer_pause": _timer_pause,
    "timer_extend": _timer_extend,
    "spotlight": _spotlight,
    "editing": _editing,
    "end": _end,
}


@transaction.atomic
def run_command(*, actor: Membership, meeting: Meeting, action: str, payload: dict[str, Any]) -> MeetingRunState:
    """Apply one console command to the meeting's run state; returns the new state (current item loaded)."""
    require_live_controller(actor)
    handler = HANDLERS.get(action)
    if handler is None:
        raise ValidationError({"action": _("This is not a command of the live meeting.")})
    meeting = lock_meeting(meeting)
    run_state = MeetingRunState.objects.select_for_update().filter(meeting=meeting).first()
    command = _Command(actor, meeting, run_state)
    if action != "start":
        _require_running(command)
    handler(command, payload)
    state = command.state
    state.version += 1
    state.save()
    audit_record(
        workspace=meeting.workspace,
        actor=actor.user,
        verb=f"meeting.live.{action}",
        target=meeting,
        after={"version": state.version, **command.audit},
    )
    state = MeetingRunState.objects.select_related("current_item").get(pk=state.pk)
    meeting_broadcast_on_commit(meeting.pk, run_state_event(state, sessions_changed=command.sessions_changed))
    return state
