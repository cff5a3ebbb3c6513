"""Every write to a group session and its parking lot: the step guide, the step timer, its facilitator,
closing and reopening, and the items people park (dot votes are in `votes`).

Who may do what comes from `groups.selectors.sessions` (controllers run a session; the group's members
take part). Each write locks the session's row first, so two facilitators pressing "next step" together
move it once each in turn and `version` grows by one per accepted change. Every accepted write tells the
meeting's sockets after commit, with ids only: the session holds per-person fields (my dots), so each
client refetches it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.models import (
    MAX_STEP_MINUTES,
    MAX_TIMER_EXTRA_SECONDS,
    DotVote,
    DotVoteStatus,
    GroupSession,
    MeetingStatus,
    ParkingDisposition,
    ParkingLotItem,
    SessionStatus,
    SessionStep,
)
from groups.selectors.meetings import MEETING_MANAGER_ROLES
from groups.selectors.sessions import session_permissions
from groups.services.live_events import meeting_broadcast_on_commit
from workspace.models import Membership
from workspace.services.audit import audit_record

__all__ = [
    "SESSION_COMMAND_ACTIONS",
    "parking_lot_item_add",
    "parking_lot_item_decide",
    "parking_lot_item_delete",
    "session_command",
]

# The commands of `POST sessions/{id}/commands/` and of the websocket's `session_command`.
# The labels only document the schema; people never see them.
SESSION_COMMAND_ACTIONS = [
    ("step_next", "Next step"),
    ("step_previous", "Previous step"),
    ("step_go", "Go to `step`"),
    ("timer_start", "Start the step timer"),
    ("timer_pause", "Pause the step timer"),
    ("timer_extend", "Add `minutes` (1..60) to the step timer"),
    ("set_step_minutes", "Set the minutes per step (1..180)"),
    ("assign_facilitator", "Make `user_id` the session's facilitator (null: nobody)"),
    ("close", "Close the session (every parking-lot item decided; closes an open vote)"),
    ("reopen", "Reopen a closed session"),
]
MAX_EXTEND_MINUTES = 60
MAX_PARKING_TEXT = 500
STEPS = list(SessionStep.values)


# --- Shared by the session and vote services ---------------------------------------------------------


def lock_session(session_id: int) -> GroupSession:
    # `of` keeps the lock on the session's row alone; the meeting and workspace are only read.
    return (
        GroupSession.objects.select_for_update(of=("self",))
        .select_related("meeting__workspace", "group")
        .get(pk=session_id)
    )


def require_session_control(actor: Membership, session: GroupSession) -> None:
    if not session_permissions(actor=actor, session=session).control:
        raise PermissionDenied(_("Only administrators, the executive committee and facilitators can run a session."))


def require_session_participant(actor: Membership, session: GroupSession) -> None:
    if not session_permissions(actor=actor, session=session).participate:
        raise PermissionDenied(_("Only the group's members and the facilitators can take part in this session."))


def check_session_open(session: GroupSession) -> None:
    if session.meeting.status == MeetingStatus.CLOSED:
        raise ValidationError(_("This meeting has ended."))
    if session.status == SessionStatus.CLOSED:
        raise ValidationError(_("This session is closed. Reopen it first."))


def session_changed(session: GroupSession, *fields: str) -> None:
    """Saves `fields` and one more version of a locked session, then tells its meeting after commit."""
    session.version += 1
    session.save(update_fields=[*fields, "version"])
    meeting_broadcast_on_commit(
        session.meeting_id, {"type": "session", "session_id": session.pk, "version": session.version}
    )


def _minutes(payload: dict[str, Any], low: int, high: int, message: str) -> int:
    value = payload.get("minutes")
    # bool is an int in Python; `true` from a websocket client is not a number of minutes.
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError({"minutes": message})
    return value


# --- The step timer ---------------------------------------------------------------------------------


def _timer_reset(session: GroupSession) -> list[str]:
    session.timer_running = False
    session.timer_started_at = None
    session.timer_elapsed_seconds = 0
    session.timer_extra_seconds = 0
    return ["timer_running", "timer_started_at", "timer_elapsed_seconds", "timer_extra_seconds"]


def _timer_stop(session: GroupSession) -> list[str]:
    """Banks the running time, so the countdown resumes where it was paused."""
    if session.timer_running and session.timer_started_at is not None:
        session.timer_elapsed_seconds += max(0, int((timezone.now() - session.timer_started_at).total_seconds()))
    session.timer_running = False
    session.timer_started_at = None
    return ["timer_running", "timer_started_at", "timer_elapsed_seconds"]


# --- Commands ---------------------------------------------------------------------------------------


def _move_to(session: GroupSession, step: str) -> list[str]:
    session.current_step = step
    return ["current_step", *_timer_reset(session)]


def _step_next(actor: Membership, session: GroupSession, payload: dict[str, Any]) -> list[str]:
    index = STEPS.index(session.current_step)
    if index == len(STEPS) - 1:
        raise ValidationError(_("This is the last step."))
    return _move_to(session, STEPS[index + 1])


def _step_previous(actor: Membership, session: GroupSession, payload: dict[str, Any]) -> list[str]:
    index = STEPS.index(session.current_step)
    if index == 0:
        raise ValidationError(_("This is the first step."))
    return _move_to(session, STEPS[index - 1])


def _step_go(actor: Membership, session: GroupSession, payload: dict[str, Any]) -> list[str]:
    step = payload.get("step")
    if step not in STEPS:
        raise ValidationError({"step": _("Choose one of the steps of the guide.")})
    return _move_to(session, str(step))


def _timer_start(actor: Membership, session: GroupSession, payload: dict[str, Any]) -> list[str]:
    if session.timer_running:
        return []  # two facilitators pressing start together: the second press changes nothing
    session.timer_running = True
    session.timer_started_at = timezone.now()
    return ["timer_running", "timer_started_at"]


def _timer_pause(actor: Membership, session: GroupSession, payload: dict[str, Any]) -> list[str]:
    if not session.timer_running:
        return []
    return _timer_stop(session)


def _timer_extend(actor: Membership, session: GroupSession, payload: dict[str, Any]) -> list[str]:
    minutes = _minutes(
        payload, 1, MAX_EXTEND_MINUTES, _("Extend the timer by 1 to %(max)s minutes.") % {"max": MAX_EXTEND_MINUTES}
    )
    if session.timer_extra_seconds + minutes * 60 > MAX_TIMER_EXTRA_SECONDS:
        raise ValidationError({"minutes": _("The timer cannot be extended any further.")})
    session.timer_extra_seconds += minutes * 60
    return ["timer_extra_seconds"]


def _set_step_minutes(actor: Membership, session: GroupSession, payload: dict[str, Any]) -> list[str]:
    minutes = _minutes(
        payload, 1, MAX_STEP_MINUTES, _("A step lasts from 1 to %(max)s minutes.") % {"max": MAX_STEP_MINUTES}
    )
    if minutes == session.step_minutes:
        return []
    session.step_minutes = minutes
    return ["step_minutes"]


def _assign_facilitator(actor: Membership, session: GroupSession, payload: dict[str, Any]) -> list[str]:
    user_id = payload.get("user_id")
    if user_id is not None:
        eligible = (
            isinstance(user_id, int)
            and not isinstance(user_id, bool)
            and Membership.objects.active()
            .filter(workspace_id=session.meeting.workspace_id, user_id=user_id, role__in=MEETING_MANAGER_ROLES)
            .exists()
        )
        if not eligible:
            raise ValidationError(
                {
                    "user_id": _(
                        "A session's facilitator must be an active administrator, executive committee member or "
                        "facilitator of this workspace."
                    )
                }
            )
    if user_id == session.facilitator_id:
        return []
    session.facilitator_id = user_id
    return ["facilitator"]


def _close(actor: Membership, session: GroupSession, payload: dict[str, Any]) -> list[str]:
    undecided = ParkingLotItem.objects.filter(session=session, disposition="").count()
    if undecided:
        raise ValidationError(
            _("Decide on every parking-lot item before closing the session (%(count)s undecided).")
            % {"count": undecided}
        )
    now = timezone.now()
    for vote in DotVote.objects.select_for_update().filter(session=session, status=DotVoteStatus.OPEN):
        vote.status, vote.closed_at = DotVoteStatus.CLOSED, now
        vote.save(update_fields=["status", "closed_at"])
        audit_record(
            workspace=session.meeting.workspace,
            actor=actor.user,
            verb="dot_vote.closed",
            target=vote,
            after={"session": session.pk, "reason": "session_closed"},
        )
    session.status, session.closed_at = SessionStatus.CLOSED, now
    return ["status", "closed_at", *_timer_stop(session)]


def _reopen(actor: Membership, session: GroupSession, payload: dict[str, Any]) -> list[str]:
    if session.status == SessionStatus.OPEN:
        raise ValidationError(_("This session is already open."))
    session.status, session.closed_at = SessionStatus.OPEN, None
    return ["status", "closed_at"]


_COMMANDS = {
    "step_next": _step_next,
    "step_previous": _step_previous,
    "step_go": _step_go,
    "timer_start": _timer_start,
    "timer_pause": _timer_pause,
    "timer_extend": _timer_extend,
    "set_step_minutes": _set_step_minutes,
    "assign_facilitator": _assign_facilitator,
    "close": _close,
    "reopen": _reopen,
}
_AUDITED_FIELDS = ("current_step", "step_minutes", "facilitator_id", "status", "timer_running", "timer_extra_seconds")


@transaction.atomic
def session_command(*, actor: Membership, session: GroupSession, action: str, payload: dict[str, Any]) -> GroupSession:
    """Runs one control command on a session; raises PermissionDenied (not a controller) or ValidationError.

    A command that would change nothing (starting a running timer) is accepted without a new version.
    """
    session = lock_session(session.pk)
    require_session_control(actor, session)
    command = _COMMANDS.get(action)
    if command is None:
        raise ValidationError({"action": _("Unknown command.")})
    if session.meeting.status == MeetingStatus.CLOSED:
        raise ValidationError(_("This meeting has ended."))
    if action != "reopen":
        check_session_open(session)
    before = {name: getattr(session, name) for name in _AUDITED_FIELDS}
    fields = command(actor, session, payload)
    if not fields:
        return session
    session_changed(session, *fields)
    after = {name: getattr(session, name) for name in _AUDITED_FIELDS}
    audit_record(
        workspace=session.meeting.workspace,
        actor=actor.user,
        verb=f"group_session.{action}",
        target=session,
        before={name: value for name, value in before.items() if after[name] != value},
        after={
            "meeting": session.meeting_id,
            **{name: value for name, value in after.items() if before[name] != value},
        },
    )
    return session


# --- The parking lot --------------------------------------------------------------------------------


@transaction.atomic
def parking_lot_item_add(*, actor: Membership, session: GroupSession, text: str) -> ParkingLotItem:
    session = lock_session(session.pk)
    require_session_participant(actor, session)
    check_session_open(session)
    text = text.strip()
    if not 1 <= len(text) <= MAX_PARKING_TEXT:
        raise ValidationError({"text": _("Write from 1 to %(max)s characters.") % {"max": MAX_PARKING_TEXT}})
    item = ParkingLotItem.objects.create(session=session, text=text, author=actor.user)
    session_changed(session)
    audit_record(
        workspace=session.meeting.workspace,
        actor=actor.user,
        verb="parking_lot_item.added",
        target=item,
        after={"session": session.pk, "text": text},
    )
    return item


def _lock_item(item: ParkingLotItem) -> tuple[GroupSession, ParkingLotItem]:
    session = lock_session(item.session_id)
    return session, ParkingLotItem.objects.select_related("author", "decided_by").get(pk=item.pk, session=session)


@transaction.atomic
def parking_lot_item_decide(
    *, actor: Membership, item: ParkingLotItem, disposition: str, disposition_note: str = ""
) -> ParkingLotItem:
    session, item = _lock_item(item)
    require_session_control(actor, session)
    check_session_open(session)
    disposition_note = disposition_note.strip()
    if disposition not in ParkingDisposition.values:
        raise ValidationError({"disposition": _("Choose what happens to this item.")})
    if len(disposition_note) > MAX_PARKING_TEXT:
        raise ValidationError({"disposition_note": _("Write at most %(max)s characters.") % {"max": MAX_PARKING_TEXT}})
    before = {"disposition": item.disposition, "disposition_note": item.disposition_note}
    item.disposition, item.disposition_note = disposition, disposition_note
    item.decided_by, item.decided_at = actor.user, timezone.now()
    item.save(update_fields=["disposition", "disposition_note", "decided_by", "decided_at"])
    session_changed(session)
    audit_record(
        workspace=session.meeting.workspace,
        actor=actor.user,
        verb="parking_lot_item.decided",
        target=item,
        before=before,
        after={"session": session.pk, "disposition": disposition, "disposition_note": disposition_note},
    )
    return item


@transaction.atomic
def parking_lot_item_delete(*, actor: Membership, item: ParkingLotItem) -> None:
    session, item = _lock_item(item)
    may_delete = session_permissions(actor=actor, session=session).control or (
        # The author may take back what they parked until the facilitator has decided on it.
        session_permissions(actor=actor, session=session).participate
        and item.author_id == actor.user_id
        and not item.disposition
    )
    if not may_delete:
        raise PermissionDenied(
            _("Only its author, before it is decided, and the facilitators can remove a parking-lot item.")
        )
    check_session_open(session)
    audit_record(
        workspace=session.meeting.workspace,
        actor=actor.user,
        verb="parking_lot_item.deleted",
        target=item,
        before={"session": session.pk, "text": item.text, "disposition": item.disposition},
    )
    item.delete()
    session_changed(session)
