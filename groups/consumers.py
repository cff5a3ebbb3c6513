"""Websocket entry point of a live meeting: `/ws/meeting/<meeting_id>/` (JSON messages).

MeetingConsumer relays the meeting's events (run state, sessions, presence) that services broadcast after
commit, keeps the person's presence row, and accepts the same commands as the REST API, calling the same
selectors and services — permission rules live there, never here. Clients refetch `live/` on every
(re)connect, so a missed event never leaves a screen wrong.

Close codes in the 4400s are permanent for the browser: 4401 not signed in, 4404 meeting not visible.
Refusals of single messages are `error` messages to the sender only, in the person's language.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _

from groups.models import GroupSession, Meeting
from groups.selectors.meetings import meeting_get_for_user
from groups.services.live import run_command
from groups.services.live_events import meeting_channel_group
from groups.services.presence import presence_join, presence_leave, presence_list, presence_move, presence_touch
from workspace.consumers import DirectDispatchMixin
from workspace.models import Membership, User

CLOSE_NOT_AUTHENTICATED = 4401
CLOSE_NOT_FOUND = 4404

# Presence changes within this window share one broadcast of the list. When a hundred people enter their
# rooms at once, one broadcast per change would send 100 × 100 messages through the channel layer and hold
# the consumers' shared database thread while each one is sent.
PRESENCE_COALESCE_SECONDS = 0.25
# Meetings of this process with a presence broadcast already on its way, and the tasks sending them (kept
# so they are not garbage-collected while they sleep).
_presence_pending: set[int] = set()
_presence_tasks: set[asyncio.Task[None]] = set()


async def _broadcast_presence_soon(layer: Any, meeting_id: int) -> None:
    try:
        await asyncio.sleep(PRESENCE_COALESCE_SECONDS)
    finally:
        # Cleared before the list is read: a change from now on schedules a broadcast of its own.
        _presence_pending.discard(meeting_id)
    presence = await database_sync_to_async(presence_list)(meeting_id=meeting_id)
    await layer.group_send(
        meeting_channel_group(meeting_id),
        {"type": "meeting.event", "event": {"type": "presence", "presence": presence}},
    )


def announce_presence(layer: Any, meeting_id: int) -> None:
    """Broadcast the meeting's presence list shortly, once for all the changes until then."""
    if meeting_id in _presence_pending:
        return
    _presence_pending.add(meeting_id)
    task = asyncio.get_running_loop().create_task(_broadcast_presence_soon(layer, meeting_id))
    _presence_tasks.add(task)
    task.add_done_callback(_presence_tasks.discard)


def _membership_for_meeting(user: User, meeting_id: int) -> tuple[Membership, Meeting] | None:
    """The person's active membership of the meeting's workspace and the meeting, if they may see it."""
    workspace_id = Meeting.objects.filter(pk=meeting_id).values_list("workspace_id", flat=True).first()
    if workspace_id is None:
        return None
    actor = (
        Membership.objects.active()
        .select_related("workspace", "user")
        .filter(workspace_id=workspace_id, user_id=user.pk)
        .first()
    )
    if actor is None:
        return None
    try:
        return actor, meeting_get_for_user(actor=actor, meeting_id=meeting_id)
    except Http404:
        return None


def _error(code: str, message: str, fields: dict[str, list[str]] | None = None) -> dict[str, Any]:
    error: dict[str, Any] = {"type": "error", "code": code, "message": message}
    if fields:
        error["fields"] = fields
    return error


def _validation_error(error: ValidationError) -> dict[str, Any]:
    if hasattr(error, "error_dict"):
        fields = {
            ("non_field_errors" if field == "__all__" else field): [str(message) for message in messages]
            for field, messages in error.message_dict.items()
        }
        return _error("invalid", " ".join(message for messages in fields.values() for message in messages), fields)
    return _error("invalid", " ".join(str(message) for message in error.messages))


class MeetingConsumer(DirectDispatchMixin, AsyncJsonWebsocketConsumer):
    async def connect(self) -> None:
        user = self.scope.get("user")
        await self.accept()
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_NOT_AUTHENTICATED)
            return
        meeting_id = int(self.scope["url_route"]["kwargs"]["meeting_id"])
        found = await database_sync_to_async(_membership_for_meeting)(user, meeting_id)
        if found is None:
            await self.close(code=CLOSE_NOT_FOUND)
            return
        self.actor, self.meeting = found
        self.group_name = meeting_channel_group(meeting_id)
        # Join the channel group before announcing the presence, so this socket receives the list too.
        await self.channel_layer.group_add(self.group_name, self.channel_name)
        await database_sync_to_async(presence_join)(meeting=self.meeting, user=user, channel_name=self.channel_name)
        announce_presence(self.channel_layer, meeting_id)

    async def disconnect(self, code: int) -> None:
        if not hasattr(self, "group_name"):
            return
        await self.channel_layer.group_discard(self.group_name, self.channel_name)
        if await database_sync_to_async(presence_leave)(meeting_id=self.meeting.pk, channel_name=self.channel_name):
            announce_presence(self.channel_layer, self.meeting.pk)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if not hasattr(self, "group_name"):
            return
        self.presence_changed = False
        reply = await database_sync_to_async(self._handle)(content)
        if self.presence_changed:
            announce_presence(self.channel_layer, self.meeting.pk)
        if reply is None:
            return
        close = reply.pop("close", False)
        await self.send_json(reply)
        if close:
            await self.close(code=CLOSE_NOT_FOUND)

    async def meeting_event(self, message: dict[str, Any]) -> None:
        await self.send_json(message["event"])

    # --- Message handling (runs in a worker thread: it touches the database) -------------------------

    def _handle(self, content: Any) -> dict[str, Any] | None:
        # The actor is read again for each message: a membership revoked or a role changed since the
        # socket opened counts from the next message on.
        found = _membership_for_meeting(self.actor.user, self.meeting.pk)
        if found is None:
            with translation.override(self.actor.user.preferred_language):
                return {**_error("not_found", _("This meeting is not available to you.")), "close": True}
        self.actor, self.meeting = found
        with translation.override(self.actor.user.preferred_language):
            if not isinstance(content, dict) or not isinstance(content.get("type"), str):
                return _error("invalid", _("This message is not understood."))
            handler = self.HANDLERS.get(content["type"])
            if handler is None:
                return _error("invalid", _("This message is not understood."))
            try:
                return handler(self, content)
            except ValidationError as error:
                return _validation_error(error)
            except PermissionDenied as error:
                message = str(error.args[0]) if error.args else _("You do not have permission to perform this action.")
                return _error("forbidden", message)
            except Http404:
                return _error("not_found", _("This group session does not exist or is not visible to you."))

    def _ping(self, content: dict[str, Any]) -> dict[str, Any]:
        self.presence_changed = presence_touch(
            meeting=self.meeting, user=self.actor.user, channel_name=self.channel_name
        )
        return {"type": "pong"}

    def _session(self, content: dict[str, Any]) -> GroupSession:
        # Imported where used: the sessions slice is developed alongside this consumer.
        from groups.selectors.sessions import session_get_for_user

        session_id = content.get("session_id")
        if isinstance(session_id, bool) or not isinstance(session_id, int):
            raise ValidationError({"session_id": _("Choose a group session of this meeting.")})
        return session_get_for_user(actor=self.actor, meeting=self.meeting, session_id=session_id)

    def _join_room(self, content: dict[str, Any]) -> None:
        session = None if content.get("session_id") is None else self._session(content)
        self.presence_changed = presence_move(
            meeting=self.meeting, user=self.actor.user, channel_name=self.channel_name, session=session
        )
        return None

    def _command(self, content: dict[str, Any]) -> None:
        payload = {key: value for key, value in content.items() if key not in ("type", "action")}
        run_command(actor=self.actor, meeting=self.meeting, action=str(content.get("action", "")), payload=payload)
        # The new state reaches this socket too, as the `run_state` event every socket gets.
        return None

    def _session_command(self, content: dict[str, Any]) -> None:
        from groups.services.sessions import session_command

        session = self._session(content)
        payload = {key: value for key, value in content.items() if key not in ("type", "action", "session_id")}
        session_command(actor=self.actor, session=session, action=str(content.get("action", "")), payload=payload)
        return None

    HANDLERS: dict[str, Callable[[MeetingConsumer, dict[str, Any]], dict[str, Any] | None]] = {
        "ping": _ping,
        "join_room": _join_room,
        "command": _command,
        "session_command": _session_command,
    }
