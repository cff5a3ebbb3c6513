"""Who is in a live meeting, and in which room: one MeetingPresence row per open websocket.

The meeting's consumer calls these: `presence_join` on connect, `presence_touch` on every heartbeat,
`presence_move` when a person enters or leaves a group session's room, `presence_leave` on disconnect.
Whether the person may see the meeting or the room is checked by the consumer through the selectors
before it calls here. A row not seen for PRESENCE_TTL is no longer listed, so a crashed server or a
dropped connection leaves no ghost for long; rows long dead are deleted whenever the list is read (no
periodic task needed). Each write returns whether the list changed; the consumer then broadcasts the
list as a `presence` event, coalescing changes that come close together (a room of a hundred people
joining at once would otherwise cost a hundred broadcasts to a hundred sockets each).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from groups.models import GroupSession, Meeting, MeetingPresence
from groups.selectors.live import person_data
from workspace.models import User

__all__ = [
    "PRESENCE_TTL",
    "presence_join",
    "presence_leave",
    "presence_list",
    "presence_move",
    "presence_touch",
]

# Clients ping every 20 s; three missed pings and the person is gone.
PRESENCE_TTL = timedelta(seconds=60)
# Rows this old belong to connections that can no longer ping (a server that died); they are deleted.
PRESENCE_EXPIRY = timedelta(minutes=10)


def presence_list(*, meeting_id: int) -> list[dict[str, Any]]:
    """People seen in the last minute, one entry per person and room, by name."""
    now = timezone.now()
    expired = MeetingPresence.objects.filter(meeting_id=meeting_id, seen_at__lt=now - PRESENCE_EXPIRY)
    # Looked for first: a DELETE takes SQLite's write lock even when it matches nothing, and this runs on
    # every snapshot read.
    if expired.exists():
        expired.delete()
    rows = (
        MeetingPresence.objects.filter(meeting_id=meeting_id, seen_at__gte=now - PRESENCE_TTL)
        .select_related("user")
        .order_by("user__display_name", "user_id", "session_id")
    )
    seen: set[tuple[int, int | None]] = set()
    entries = []
    for row in rows:
        key = (row.user_id, row.session_id)
        if key in seen:
            continue
        seen.add(key)
        entries.append({"user": person_data(row.user), "session_id": row.session_id})
    return entries


@transaction.atomic
def presence_join(*, meeting: Meeting, user: User, channel_name: str) -> bool:
    now = timezone.now()
    MeetingPresence.objects.update_or_create(
        channel_name=channel_name,
        defaults={"meeting": meeting, "user": user, "session": None, "connected_at": now, "seen_at": now},
    )
    return True


@transaction.atomic
def presence_touch(*, meeting: Meeting, user: User, channel_name: str) -> bool:
    """The heartbeat: the person is still here. The list changes only when they had dropped off it."""
    now = timezone.now()
    refreshed = MeetingPresence.objects.filter(channel_name=channel_name, seen_at__gte=now - PRESENCE_TTL).update(
        seen_at=now
    )
    if refreshed:
        return False
    # Gone stale (a laptop that slept) or swept: back on the list, in the room it was in if still there.
    MeetingPresence.objects.update_or_create(
        channel_name=channel_name, defaults={"meeting": meeting, "user": user, "seen_at": now}
    )
    return True


@transaction.atomic
def presence_move(*, meeting: Meeting, user: User, channel_name: str, session: GroupSession | None) -> bool:
    """Into a session's room (`session`, already checked as visible) or back to the plenary (None)."""
    if session is not None and session.meeting_id != meeting.pk:
        raise ValueError("the session belongs to another meeting")
    now = timezone.now()
    MeetingPresence.objects.update_or_create(
        channel_name=channel_name, defaults={"meeting": meeting, "user": user, "session": session, "seen_at": now}
    )
    return True


@transaction.atomic
def presence_leave(*, meeting_id: int, channel_name: str) -> bool:
    deleted, _rows = MeetingPresence.objects.filter(channel_name=channel_name).delete()
    return bool(deleted)
