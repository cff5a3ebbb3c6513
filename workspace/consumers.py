"""Websocket entry points of the workspace core.

EventsConsumer carries a person's own events (job progress, unread notification count) to each of their
open tabs. It only relays what services pushed after commit; clients refetch on reconnect, so a missed
event never leaves a screen wrong.
"""

from __future__ import annotations

from typing import Any

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from workspace.services.events import user_channel_group

# Custom close codes in the 4400s tell the browser not to retry (y-websocket treats them as permanent).
CLOSE_NOT_AUTHENTICATED = 4401


class EventsConsumer(AsyncJsonWebsocketConsumer):
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
