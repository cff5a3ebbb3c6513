"""Websocket entry point of a live document: `/ws/doc/<kind>/<object_id>/` (y-websocket protocol, binary).

Access is decided by the document kind's `access` function, which reads through the same selectors as
the REST API. The socket is accepted first and then closed with a 44xx code when refused: y-websocket
stops reconnecting on those, while a refused handshake would be retried forever.

Close codes: 4401 not signed in (or signed out), 4404 not visible (or no longer), 4400 malformed frame,
4413 frame too large, 1013 this socket fell too far behind (the browser reconnects and resyncs), 1011 the
server could not store an edit (the browser reconnects and sends it again).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer

from workspace.consumers import DirectDispatchMixin
from workspace.live.protocol import (
    EMPTY_UPDATE,
    MAX_FRAME_BYTES,
    SYNC_STEP1,
    SYNC_STEP2,
    AwarenessFrame,
    MalformedFrame,
    QueryAwarenessFrame,
    SyncFrame,
    encode_access,
    encode_saved,
    encode_sync,
    missing_for,
    parse_frame,
)
from workspace.live.registry import LiveAccess, LiveDocumentKind, live_kind_get
from workspace.live.rooms import Room, live_hub, run_db

logger = logging.getLogger(__name__)

CLOSE_MALFORMED = 4400
CLOSE_NOT_AUTHENTICATED = 4401
CLOSE_NOT_FOUND = 4404
CLOSE_TOO_LARGE = 4413
CLOSE_OVERLOADED = 1013
# Frames waiting for one socket. A browser that cannot keep up for this long resyncs instead.
OUTBOX_LIMIT = 2000


def _session_is_current(session: Any) -> bool:
    key = getattr(session, "session_key", None)
    return key is None or bool(session.exists(key))


class LiveDocumentConsumer(DirectDispatchMixin, AsyncWebsocketConsumer):
    # No channel-layer inbox per socket: the process's hub has one for all rooms (rooms.py).
    channel_layer_alias = "live-documents-use-the-hub"

    room: Room | None = None
    kind: LiveDocumentKind | None = None
    writer: asyncio.Task[None] | None = None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        # A document socket never changes the session, so its frames go straight to the server rather
        # than through the session middleware's wrapper, which inspects the session on every frame.
        unwrapped = getattr(getattr(send, "__self__", None), "real_send", None)
        await super().__call__(scope, receive, unwrapped if callable(unwrapped) else send)

    async def connect(self) -> None:
        await self.accept()
        self.outbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=OUTBOX_LIMIT)
        self.closing = False
        self.tasks: set[asyncio.Task[Any]] = set()
        route = self.scope["url_route"]["kwargs"]
        self.object_id = int(route["object_id"])
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_NOT_AUTHENTICATED)
            return
        self.user = user
        self.user_id = int(user.pk)
        self.display_name = user.display_name or user.email
        self.kind = live_kind_get(route["kind"])
        access = await self._access() if self.kind is not None else None
        if access is None:
            await self.close(code=CLOSE_NOT_FOUND)
            return
        self.can_edit = access.can_edit
        self.workspace_id = access.workspace_id
        self.writer = asyncio.ensure_future(self._write_loop())
        self.deliver(encode_access(can_edit=self.can_edit))
        room = await live_hub().join(self, kind=route["kind"], object_id=self.object_id, workspace_id=self.workspace_id)
        self.room = room
        state = room.doc.get_state()
        self.deliver(encode_sync(SYNC_STEP1, state))
        self.deliver(encode_saved(state))
        awareness = room.awareness_snapshot()
        if awareness is not None:
            self.deliver(awareness)

    async def _access(self) -> LiveAccess | None:
        if self.kind is None:
            return None
        # On the rooms' database threads, not the one thread all consumers share: when everyone opens
        # the document at once, their access checks run side by side.
        return await run_db(self.kind.access, self.user, self.object_id)

    async def disconnect(self, code: int) -> None:
        self.closing = True
        if self.room is not None:
            live_hub().leave(self, self.room)
            self.room = None
        if self.writer is not None:
            self.writer.cancel()
        for task in list(getattr(self, "tasks", ())):
            task.cancel()

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        room = self.room
        if room is None or self.closing:
            return
        if bytes_data is None:
            await self._refuse(CLOSE_MALFORMED, "text frame")
            return
        if len(bytes_data) > MAX_FRAME_BYTES:
            await self._refuse(CLOSE_TOO_LARGE, f"{len(bytes_data)} bytes")
            return
        try:
            frame = parse_frame(bytes_data)
        except MalformedFrame as error:
            await self._refuse(CLOSE_MALFORMED, str(error))
            return
        if isinstance(frame, SyncFrame):
            if frame.step == SYNC_STEP1:
                try:
                    missing = missing_for(room.doc, frame.payload)
                except MalformedFrame as error:
                    await self._refuse(CLOSE_MALFORMED, str(error))
                    return
                self.deliver(encode_sync(SYNC_STEP2, missing))
            elif self.can_edit and frame.payload != EMPTY_UPDATE:
                room.submit(frame.payload, self)
            # Read-only sockets' updates are dropped: never stored, never relayed.
        elif isinstance(frame, AwarenessFrame):
            room.awareness_from(self, frame.entries)
        elif isinstance(frame, QueryAwarenessFrame):
            awareness = room.awareness_snapshot()
            if awareness is not None:
                self.deliver(awareness)

    async def _refuse(self, code: int, reason: str) -> None:
        logger.info("live document socket of user %s refused (%s): %s", getattr(self, "user_id", None), code, reason)
        self.closing = True
        await self.close(code=code)

    # --- Called by the room (rooms.Connection) ---------------------------------------------------------

    def deliver(self, frame: bytes) -> None:
        self.deliver_message({"type": "websocket.send", "bytes": frame})

    def deliver_message(self, message: dict[str, Any]) -> None:
        """Queue an ASGI send message; a room builds one message per frame and shares it."""
        if self.closing:
            return
        try:
            self.outbox.put_nowait(message)
        except asyncio.QueueFull:
            logger.warning(
                "live document socket of user %s fell %d frames behind; closed so that it resyncs",
                self.user_id,
                OUTBOX_LIMIT,
            )
            self.close_soon(CLOSE_OVERLOADED)

    async def _write_loop(self) -> None:
        outbox = self.outbox
        while True:
            message = await outbox.get()
            await self.base_send(message)
            # Whatever queued up meanwhile goes out without waking this task once per frame.
            while not outbox.empty():
                await self.base_send(outbox.get_nowait())

    def close_soon(self, code: int) -> None:
        if self.closing:
            return
        self.closing = True
        self._spawn(self.close(code=code))

    def recheck_soon(self) -> None:
        if not self.closing:
            self._spawn(self._recheck())

    def _spawn(self, coroutine: Any) -> None:
        task = asyncio.ensure_future(coroutine)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _recheck(self) -> None:
        """Access may have changed (removed from the group, signed out, document frozen)."""
        session = self.scope.get("session")
        if session is not None and not await database_sync_to_async(_session_is_current)(session):
            self.close_soon(CLOSE_NOT_AUTHENTICATED)
            return
        access = await self._access()
        if access is None:
            self.close_soon(CLOSE_NOT_FOUND)
            return
        if access.can_edit != self.can_edit:
            self.can_edit = access.can_edit
            self.deliver(encode_access(can_edit=self.can_edit))
