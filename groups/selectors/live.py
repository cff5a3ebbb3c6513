"""Reads of a running meeting: the live snapshot a console or a participant's screen starts from.

Everyone in the workspace sees a meeting's live state (observers too); outsiders get 404 from
`meeting_get_for_user`. Administrators, the executive committee and facilitators control it
(`live_may_control`). Which group sessions a person sees is decided by `groups.selectors.sessions`; this
module only adds what a person's screen needs around them (it reads them through
`session_list_for_user` and `session_permissions`). The snapshot is plain JSON-able data, built
in a fixed number of queries, because the same shapes (the run state, its timer) also go out as
websocket events from the services.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.models import (
    AgendaItem,
    Countdown,
    GroupSession,
    Meeting,
    MeetingRunState,
    MeetingStatus,
)
from groups.selectors.groups import group_list_for_user
from groups.selectors.meetings import MEETING_MANAGER_ROLES, meeting_get_for_user
from groups.selectors.sessions import session_detail_for_user, session_list_for_user, session_permissions
from workspace.models import Membership, User

__all__ = [
    "live_may_control",
    "live_snapshot_for_user",
    "person_data",
    "require_live_controller",
    "run_state_data",
    "run_state_event",
    "timer_data",
]


def live_may_control(actor: Membership) -> bool:
    """Who controls the run state and every session: the roles that run meetings."""
    return actor.role in MEETING_MANAGER_ROLES


def require_live_controller(actor: Membership) -> None:
    if not live_may_control(actor):
        raise PermissionDenied(
            _("Only administrators, the executive committee and facilitators can run a live meeting.")
        )


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def person_data(user: User | None) -> dict[str, Any] | None:
    if user is None:
        return None
    return {"id": user.pk, "display_name": user.display_name, "email": user.email}


def timer_data(countdown: Countdown, *, planned_seconds: int) -> dict[str, Any]:
    """The timer as clients compute it: remaining = duration − elapsed − (running ? now − started_at : 0)."""
    return {
        "running": countdown.timer_running,
        "started_at": iso(countdown.timer_started_at) if countdown.timer_running else None,
        "elapsed_seconds": countdown.timer_elapsed_seconds,
        "duration_seconds": planned_seconds + countdown.timer_extra_seconds,
    }


def run_state_data(run_state: MeetingRunState) -> dict[str, Any]:
    """The RunState shape; `current_item` must be loaded (select_related) by the caller."""
    item = run_state.current_item
    return {
        "version": run_state.version,
        "current_item_id": run_state.current_item_id,
        "timer": timer_data(run_state, planned_seconds=item.planned_minutes * 60 if item is not None else 0),
        "spotlight": run_state.spotlight or None,
        "editing_open": run_state.editing_open,
        "started_at": iso(run_state.started_at),
        "ended_at": iso(run_state.ended_at),
    }


def run_state_event(run_state: MeetingRunState, *, sessions_changed: bool = False) -> dict[str, Any]:
    """The broadcast after a console command. `sessions_changed` (rooms opened or closed) rides in the same
    event, so each client refetches its room list once rather than once per event."""
    return {
        "type": "run_state",
        "server_time": timezone.now().isoformat(),
        "run_state": run_state_data(run_state),
        "sessions_changed": sessions_changed,
    }


def _visible_sessions(actor: Membership, meeting: Meeting, item_id: int) -> list[tuple[GroupSession, bool]]:
    """The sessions of the item the actor may see, each with whether the actor takes part in it."""
    sessions = list(session_list_for_user(actor=actor, meeting=meeting, item_id=item_id))
    for session in sessions:
        session.meeting = meeting  # already loaded; session_permissions reads its workspace
    return [(session, session_permissions(actor=actor, session=session).participate) for session in sessions]


def _is_member(session: GroupSession) -> bool:
    # session_list_for_user annotates whether the actor belongs to the session's group.
    return bool(getattr(session, "i_am_member", False))


def live_snapshot_for_user(*, actor: Membership, meeting_id: int) -> dict[str, Any]:
    """The LiveSnapshot of the contract (CONTRACT.md / the API schema), or 404 for what the actor may not see."""
    # Presence is swept and listed by its own service, which also feeds the websocket's presence events;
    # imported here because that module builds its entries with person_data from this one.
    from groups.services.presence import presence_list

    meeting = meeting_get_for_user(actor=actor, meeting_id=meeting_id)
    items: list[AgendaItem] = meeting.ordered_items  # type: ignore[attr-defined]
    control = live_may_control(actor)
    run_state = (
        MeetingRunState.objects.select_related("current_item").filter(meeting=meeting).first()
        if meeting.status != MeetingStatus.PLANNED
        else None  # a reopened meeting keeps its old row until it starts again
    )
    groups = list(
        group_list_for_user(actor=actor)
        .filter(pk__in=[group.pk for group in meeting.groups.all()])
        .only("id", "name")
        .order_by("name", "id")
    )
    sessions: list[tuple[GroupSession, bool]] = []
    if run_state is not None and run_state.current_item_id is not None:
        sessions = _visible_sessions(actor, meeting, run_state.current_item_id)
    # The person lands in their own group's room; sessions come ordered by group name.
    my_session_id = next((session.pk for session, _participate in sessions if _is_member(session)), None)
    # The room the screen opens (theirs, else the first they may look into) comes along in full, so moving
    # to group work costs each participant one round trip, not two, before their room is on screen.
    landing_session_id = my_session_id or (sessions[0][0].pk if sessions else None)
    room = (
        session_detail_for_user(actor=actor, meeting=meeting, session_id=landing_session_id)
        if landing_session_id is not None
        else None
    )
    return {
        "server_time": timezone.now().isoformat(),
        "meeting": {"id": meeting.pk, "title": meeting.title, "status": meeting.status, "timezone": meeting.timezone},
        "permissions": {"control": control},
        "run_state": run_state_data(run_state) if run_state is not None else None,
        "items": [
            {
                "id": item.pk,
                "position": item.position,
                "kind": item.kind,
                "title": item.title,
                "planned_minutes": item.planned_minutes,
            }
            for item in items
        ],
        "groups": [{"id": group.pk, "name": group.name} for group in groups],
        "sessions": [
            {
                "id": session.pk,
                "group": {"id": session.group_id, "name": session.group.name},
                "item_id": session.item_id,
                "facilitator": person_data(session.facilitator),
                "current_step": session.current_step,
                "status": session.status,
                "participate": participate,
            }
            for session, participate in sessions
        ],
        "my_session_id": my_session_id,
        "room": room,
        "presence": presence_list(meeting_id=meeting.pk),
    }
