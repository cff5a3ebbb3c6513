"""Pushing JSON events to a person's open browser tabs through the channel layer.

Callers schedule these with `transaction.on_commit`, so no one is told about a row that may roll back.
The channel layer is at-most-once: clients refetch on reconnect and poll jobs as a fallback.
"""

from __future__ import annotations

import logging
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

logger = logging.getLogger(__name__)


def user_channel_group(user_id: int) -> str:
    return f"workspace.user.{user_id}"


def event_send_to_user(*, user_id: int, event: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(user_channel_group(user_id), {"type": "event.forward", "event": event})
    except Exception:
        logger.warning("Could not push %s to user %s", event.get("type"), user_id, exc_info=True)
