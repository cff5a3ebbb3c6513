"""Broadcasting live-meeting events to everyone connected to a meeting (`/ws/meeting/<id>/`).

Services call `meeting_broadcast_on_commit` inside their transaction: the event goes out only after the
change is committed, so no screen ever shows a state that could roll back. The channel layer is
at-most-once; clients fetch the current state when they (re)connect and when an event tells them to.
"""

from __future__ import annotations

import logging
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)

__all__ = ["meeting_broadcast", "meeting_broadcast_on_commit", "meeting_channel_group"]


def meeting_channel_group(meeting_id: int) -> str:
    return f"groups.meeting.{meeting_id}"


def meeting_broadcast(meeting_id: int, event: dict[str, Any]) -> None:
    """Send `event` (a JSON-able dict with a "type") to every socket of the meeting, now."""
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(meeting_channel_group(meeting_id), {"type": "meeting.event", "event": event})
    except Exception:
        logger.warning("Could not broadcast %s to meeting %s", event.get("type"), meeting_id, exc_info=True)


def meeting_broadcast_on_commit(meeting_id: int, event: dict[str, Any]) -> None:
    transaction.on_commit(lambda: meeting_broadcast(meeting_id, event))
