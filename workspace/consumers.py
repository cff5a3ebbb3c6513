"""Websocket entry points of the workspace core.

EventsConsumer carries a person's own events (job progress, unread notification count) to each of their
open tabs. It only relays what services pushed after commit; clients refetch on reconnect, so a missed
event never leaves a screen wrong.
"""

from __future__ import annotations

from typing import Any

from channels.consumer import get_handler_name
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from workspace.services.events import user_channel_group

# Custom close codes in the 4400s tell the browser not to retry (y-websocket treats them as permanent).
CLOSE_NOT_AUTHENTICATED = 4401


class DirectDispatchMixin:
    """Dispatch each message straight to its handler.

    Channels' AsyncConsumer.dispatch first closes stale database connections through the one sync
    thread every consumer of the process shares, for every frame and every channel-layer message. Our
    consumers reach the database only through database_sync_to_async (which does that cleanup itself)
    or the live rooms' own threads, and under load hundreds of messages a second queued behind that
    thread were most of their latency.
    """

    async def dispatch(self, message: dict[str, Any]) -> None:
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)


class EventsConsumer(DirectDispatchMixin, AsyncJsonWebsocketConsumer):
    async def connect(self) -> None:
        user = self.scope.get("user")
        await self.accept()
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_NOT_AUTHENTICATED)
            return
        self.group_name = user_channel_group(user.pk)
        await self.channel_layer.group_add(self.group_name, self.channel_name)

    async def disconnect(self, code: int) -> None:
        if hasattr(self, "group_name"):
            await self.channel_layer.group_discard(self.group_name, self.channel_name)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        # Clients only listen on this socket; a ping keeps proxies from closing an idle connection.
        if isinstance(content, dict) and content.get("type") == "ping":
            await self.send_json({"type": "pong"})

    async def event_forward(self, message: dict[str, Any]) -> None:
        await self.send_json(message["event"])
