"""Rooms: one shared document per live document per web process, and the fan-out to its sockets.

Why it is shaped like this (cost per delivered update decides everything):
- One `Room` per document per process holds the committed document and the room's sockets. Updates
  are fanned out in-process, never as one channel-layer message per connection.
- Updates from the room's editors are queued and persisted as one batch per database round trip (a new
  batch starts as soon as the previous one is committed, so batches grow with load and latency does
  not); only after the commit is the batch merged into one Yjs update and relayed — to this process's
  sockets directly, and to the other processes as one channel-layer message.
- Awareness (presence) is coalesced per room over a short tick.
- A slow socket never holds up its room: each has a bounded outbox; overflowing it closes the socket
  with 1013 (the browser reconnects and resyncs) and is logged, so nothing is dropped silently.
- Channel-layer delivery is at-most-once: each room periodically compares the update ids in the
  database with the ones it has applied and applies (and relays) what it missed.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
import uuid
import weakref
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol

from channels.layers import get_channel_layer
from django.conf import settings
from django.db import close_old_connections
from pycrdt import Doc, merge_updates

from workspace.live import services
from workspace.live.protocol import (
    SYNC_UPDATE,
    AwarenessEntry,
    encode_awareness,
    encode_saved,
    encode_sync,
)

logger = logging.getLogger(__name__)

# The shortest time between two batches of one room (see Room._flush).
BATCH_INTERVAL_SECONDS = 0.04
AWARENESS_TICK_SECONDS = 0.1
# Remote awareness states not renewed for this long are not shown to late joiners (browsers renew
# theirs every 15 s and drop others' after 30 s).
AWARENESS_STALE_SECONDS = 30
CATCH_UP_INTERVAL_SECONDS = 5.0
# A room without sockets stays open this long, so people switching pages do not reload it.
ROOM_IDLE_CLOSE_SECONDS = 15.0

# Database work of the rooms runs here, not on the consumers' shared database thread, so one room's
# commit never waits behind another room's or behind connection handshakes.
_db_executor = ThreadPoolExecutor(max_workers=4, thread_name_prefix="livedoc-db")


_thread_state = threading.local()


def _with_connection[T](fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    try:
        return fn(*args, **kwargs)
    finally:
        _release_connections()


def _release_connections() -> None:
    # Without persistent connections (CONN_MAX_AGE=0, as in the tests) each batch closes its own.
    # With them, checking costs a round trip to the database on the next query, so a busy thread
    # checks at most once a second.
    now = time.monotonic()
    persistent = settings.DATABASES["default"].get("CONN_MAX_AGE", 0) != 0
    if not persistent or now - getattr(_thread_state, "checked_at", 0.0) >= 1.0:
        close_old_connections()
        _thread_state.checked_at = now


async def run_db[T](fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_db_executor, lambda: _with_connection(fn, *args, **kwargs))


class Connection(Protocol):
    user_id: int
    display_name: str
    can_edit: bool

    def deliver(self, frame: bytes) -> None: ...

    def deliver_message(self, message: dict[str, Any]) -> None: ...

    def close_soon(self, code: int) -> None: ...

    def recheck_soon(self) -> None: ...


class Room:
    def __init__(self, hub: LiveHub, kind: str, object_id: int) -> None:
        self.hub = hub
        self.kind = kind
        self.object_id = object_id
        self.group = services.live_channel_group(kind, object_id)
        self.document_id = 0
        self.doc: Doc = Doc()
        self.connections: set[Connection] = set()
        self.ready: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.pending: list[tuple[bytes, Connection]] = []
        self.flushing = False
        self.last_flush = 0.0
        self.awareness: dict[int, tuple[AwarenessEntry, Connection | None, float]] = {}
        self.awareness_dirty: dict[int, AwarenessEntry] = {}
        self.awareness_scheduled = False
        # Update ids this room has applied above the catch-up checkpoint.
        self.known_ids: set[int] = set()
        self.checkpoint = 0
        self.seen_last_round = 0
        self.tasks: set[asyncio.Task[Any]] = set()
        self.closed = False

    def spawn(self, coroutine: Awaitable[Any]) -> None:
        task: asyncio.Task[Any] = asyncio.ensure_future(coroutine)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    # --- Opening --------------------------------------------------------------------------------

    async def open(self, workspace_id: int) -> None:
        try:
            # Subscribe before loading: updates committed meanwhile arrive as messages and are applied
            # on top (applying an update twice changes nothing).
            await self.hub.subscribe(self.group)
            document = await run_db(
                services.live_document_get_or_create,
                kind=self.kind,
                object_id=self.object_id,
                workspace_id=workspace_id,
            )
            doc, last_id = await run_db(services.load_document, document)
            self.document_id = document.pk
            self.doc = doc
            self.checkpoint = self.seen_last_round = last_id
            self.ready.set_result(None)
            self.spawn(self._catch_up_loop())
        except BaseException as error:
            self.ready.set_exception(error)
            raise

    # --- Document updates -------------------------------------------------------------------------

    def submit(self, update: bytes, sender: Connection) -> None:
        """Queue a validated update from an editor; it is stored, then relayed."""
        self.pending.append((update, sender))
        if not self.flushing:
            self.flushing = True
            self.spawn(self._flush())

    async def _flush(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            while self.pending:
                # A quiet room stores an edit at once; a busy one gathers what arrives within the batch
                # interval, so the database and the sockets see fewer, larger batches as load grows.
                await asyncio.sleep(max(0.0, self.last_flush + BATCH_INTERVAL_SECONDS - loop.time()))
                batch, self.pending = self.pending, []
                self.last_flush = loop.time()
                await self._store_and_relay(batch)
        finally:
            self.flushing = False

    async def _store_and_relay(self, batch: list[tuple[bytes, Connection]]) -> None:
        updates = [data for data, _sender in batch]
        try:
            ids = await run_db(
                services.live_updates_append,
                document_id=self.document_id,
                updates=[(data, sender.user_id) for data, sender in batch],
            )
        except Exception:
            # Not stored, so not relayed. The senders still hold their edits: closing their sockets
            # makes the browsers reconnect and send them again in the sync handshake.
            logger.exception("live document %s/%s: could not store %d updates", self.kind, self.object_id, len(batch))
            for sender in {sender for _data, sender in batch}:
                sender.close_soon(1011)
            return
        self.known_ids.update(ids)
        merged = updates[0] if len(updates) == 1 else merge_updates(*updates)
        self._apply(merged)
        self.broadcast(encode_sync(SYNC_UPDATE, merged))
        saved = encode_saved(self.doc.get_state())
        for sender in {sender for _data, sender in batch}:
            if sender in self.connections:
                sender.deliver(saved)
        self.spawn(self.hub.publish(self.group, {"type": "live.updates", "update": merged, "ids": ids}, room=self))

    def _apply(self, update: bytes) -> None:
        try:
            self.doc.apply_update(update)
        except Exception:
            logger.exception("live document %s/%s: an update could not be applied", self.kind, self.object_id)

    def broadcast(self, frame: bytes, *, exclude: Connection | None = None) -> None:
        message = {"type": "websocket.send", "bytes": frame}
        for connection in self.connections:
            if connection is not exclude:
                connection.deliver_message(message)

    def remote_updates(self, update: bytes, ids: list[int]) -> None:
        """Updates another process (or a REST write) committed."""
        self.known_ids.update(ids)
        before = self.doc.get_state()
        self._apply(update)
        if self.doc.get_state() != before:
            self.broadcast(encode_sync(SYNC_UPDATE, update))

    async def _catch_up_loop(self) -> None:
        while not self.closed:
            await asyncio.sleep(CATCH_UP_INTERVAL_SECONDS)
            if self.closed:
                return
            try:
                await self._catch_up()
            except Exception:
                logger.exception("live document %s/%s: catch-up failed", self.kind, self.object_id)

    async def _catch_up(self) -> None:
        ids = await run_db(_update_ids_after, self.document_id, self.checkpoint)
        missing = [update_id for update_id in ids if update_id not in self.known_ids]
        if missing:
            rows = await run_db(_update_data, missing)
            before = self.doc.get_state()
            for data in rows:
                self._apply(data)
            if self.doc.get_state() != before:
                logger.warning(
                    "live document %s/%s: %d updates had not reached this process; applied and relayed",
                    self.kind,
                    self.object_id,
                    len(missing),
                )
                self.broadcast(encode_sync(SYNC_UPDATE, self.doc.get_update(before)))
            self.known_ids.update(missing)
        # Ids are assigned before commit: a smaller id can still commit after a larger one was seen, so
        # the checkpoint trails one round behind the largest id seen.
        trailing, self.seen_last_round = self.seen_last_round, max(ids, default=self.seen_last_round)
        if trailing > self.checkpoint:
            self.checkpoint = trailing
            self.known_ids = {update_id for update_id in self.known_ids if update_id > self.checkpoint}

    # --- Awareness ---------------------------------------------------------------------------------

    def awareness_from(self, connection: Connection, entries: tuple[AwarenessEntry, ...]) -> None:
        now = time.monotonic()
        for entry in entries:
            current = self.awareness.get(entry.client_id)
            if current is not None and current[1] is not None and current[1] is not connection:
                continue  # another socket speaks for this client id
            if entry.state is None and (current is None or current[1] is not connection):
                # Browsers echo every presence change they apply, including someone else's departure:
                # only a socket's own client ids are its to remove (or it would own them from then on).
                continue
            state = entry.state
            if state is not None:
                # Presence shows who people are as the server knows them, whatever a browser claims.
                state = {**state, "user": {"id": connection.user_id, "name": connection.display_name}}
            trusted = AwarenessEntry(entry.client_id, entry.clock, state)
            self.awareness[entry.client_id] = (trusted, connection, now)
            self.awareness_dirty[entry.client_id] = trusted
        self._schedule_awareness()

    def awareness_remote(self, entries: list[AwarenessEntry]) -> None:
        now = time.monotonic()
        for entry in entries:
            current = self.awareness.get(entry.client_id)
            if current is not None and current[1] is not None:
                continue
            self.awareness[entry.client_id] = (entry, None, now)
        if entries:
            self.broadcast(encode_awareness(entries))

    def awareness_snapshot(self) -> bytes | None:
        horizon = time.monotonic() - AWARENESS_STALE_SECONDS
        entries = [
            entry
            for entry, owner, seen in self.awareness.values()
            if entry.state is not None and (owner is not None or seen >= horizon)
        ]
        return encode_awareness(entries) if entries else None

    def _schedule_awareness(self) -> None:
        if not self.awareness_scheduled:
            self.awareness_scheduled = True
            self.spawn(self._flush_awareness())

    async def _flush_awareness(self) -> None:
        try:
            await asyncio.sleep(AWARENESS_TICK_SECONDS)
        finally:
            self.awareness_scheduled = False
        entries = list(self.awareness_dirty.values())
        self.awareness_dirty.clear()
        if not entries:
            return
        self.broadcast(encode_awareness(entries))
        await self.hub.publish(
            self.group,
            {
                "type": "live.awareness",
                "entries": [[entry.client_id, entry.clock, entry.state] for entry in entries],
            },
            room=self,
        )

    # --- Sockets -------------------------------------------------------------------------------------

    def remove(self, connection: Connection) -> None:
        self.connections.discard(connection)
        gone = []
        for client_id, (entry, owner, _seen) in list(self.awareness.items()):
            if owner is connection:
                # The same clock: y-protocols accepts a removal at the current clock, and a browser that
                # reconnects continues from its own clock, which a higher one here would make stale.
                left = AwarenessEntry(client_id, entry.clock, None)
                gone.append(left)
                del self.awareness[client_id]
                self.awareness_dirty[client_id] = left
        if gone:
            self._schedule_awareness()


class LiveHub:
    """This process's rooms and its one channel-layer inbox (per event loop)."""

    def __init__(self) -> None:
        self.id = uuid.uuid4().hex
        self.layer = get_channel_layer()
        self.channel_name = ""
        self.rooms: dict[tuple[str, int], Room] = {}
        self.started: asyncio.Future[None] | None = None
        self.tasks: set[asyncio.Task[Any]] = set()

    async def start(self) -> None:
        if self.started is None:
            self.started = asyncio.get_running_loop().create_future()
            try:
                if self.layer is not None:
                    # The default prefix: channels-redis pulls every "specific." channel of this process
                    # through one shared receive loop, and a channel with another prefix would hold that
                    # loop on its own list while the meeting sockets' messages wait.
                    self.channel_name = await self.layer.new_channel()
                    await self.layer.group_add(services.LIVE_CONTROL_GROUP, self.channel_name)
                    task = asyncio.ensure_future(self._receive_loop())
                    self.tasks.add(task)
                self.started.set_result(None)
            except BaseException as error:
                self.started.set_exception(error)
                self.started = None
                raise
        await self.started

    async def subscribe(self, group: str) -> None:
        if self.layer is not None:
            await self.layer.group_add(group, self.channel_name)

    async def publish(self, group: str, message: dict[str, Any], *, room: Room) -> None:
        if self.layer is None:
            return
        try:
            await self.layer.group_send(
                group, {**message, "origin": self.id, "kind": room.kind, "object_id": room.object_id}
            )
        except Exception:
            # The other processes catch up from the database within a few seconds.
            logger.exception("live document %s/%s: could not publish to other processes", room.kind, room.object_id)

    async def join(self, connection: Connection, *, kind: str, object_id: int, workspace_id: int) -> Room:
        await self.start()
        key = (kind, object_id)
        room = self.rooms.get(key)
        if room is None or room.closed:
            room = Room(self, kind, object_id)
            self.rooms[key] = room
            try:
                await room.open(workspace_id)
            except BaseException:
                self.rooms.pop(key, None)
                raise
        else:
            await asyncio.shield(room.ready)
        room.connections.add(connection)
        return room

    def leave(self, connection: Connection, room: Room) -> None:
        room.remove(connection)
        if not room.connections:
            task = asyncio.ensure_future(self._close_when_idle(room))
            self.tasks.add(task)
            task.add_done_callback(self.tasks.discard)

    async def _close_when_idle(self, room: Room) -> None:
        await asyncio.sleep(ROOM_IDLE_CLOSE_SECONDS)
        if room.connections or room.flushing or room.pending or room.closed:
            return
        room.closed = True
        if self.rooms.get((room.kind, room.object_id)) is room:
            del self.rooms[(room.kind, room.object_id)]
        for task in list(room.tasks):
            task.cancel()
        if self.layer is not None:
            try:
                await self.layer.group_discard(room.group, self.channel_name)
            except Exception:
                logger.exception("live document %s/%s: could not unsubscribe", room.kind, room.object_id)

    async def _receive_loop(self) -> None:
        layer = self.layer
        if layer is None:
            return
        while True:
            try:
                message = await layer.receive(self.channel_name)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("live documents: channel layer receive failed")
                await asyncio.sleep(1)
                continue
            try:
                self._dispatch(message)
            except Exception:
                logger.exception("live documents: could not handle %s", message.get("type"))

    def _dispatch(self, message: dict[str, Any]) -> None:
        kind = message.get("type")
        if kind == "live.recheck":
            self._recheck(message)
            return
        if message.get("origin") == self.id:
            return
        room = self.rooms.get((message.get("kind", ""), int(message.get("object_id") or 0)))
        if room is None or room.closed:
            return
        if not room.ready.done():
            # Still loading: the load reads the committed log, which already holds this update.
            return
        if kind == "live.updates":
            room.remote_updates(bytes(message["update"]), [int(i) for i in message.get("ids", [])])
        elif kind == "live.awareness":
            room.awareness_remote(
                [AwarenessEntry(int(c), int(k), s if isinstance(s, dict) else None) for c, k, s in message["entries"]]
            )

    def _recheck(self, message: dict[str, Any]) -> None:
        user_ids = set(message.get("user_ids") or [])
        workspace_id = message.get("workspace_id")
        kind, object_id = message.get("kind"), message.get("object_id")
        for room in list(self.rooms.values()):
            for connection in list(room.connections):
                if (
                    connection.user_id in user_ids
                    or (workspace_id is not None and getattr(connection, "workspace_id", None) == workspace_id)
                    or (kind == room.kind and object_id == room.object_id)
                ):
                    connection.recheck_soon()


def _update_ids_after(document_id: int, after: int) -> list[int]:
    from workspace.models import LiveDocumentUpdate

    return list(
        LiveDocumentUpdate.objects.filter(document_id=document_id, id__gt=after)
        .order_by("id")
        .values_list("id", flat=True)
    )


def _update_data(ids: list[int]) -> list[bytes]:
    from workspace.models import LiveDocumentUpdate

    return [
        bytes(data)
        for data in LiveDocumentUpdate.objects.filter(id__in=ids).order_by("id").values_list("data", flat=True)
    ]


_hubs: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, LiveHub] = weakref.WeakKeyDictionary()


def live_hub() -> LiveHub:
    loop = asyncio.get_running_loop()
    hub = _hubs.get(loop)
    if hub is None:
        hub = LiveHub()
        _hubs[loop] = hub
    return hub
