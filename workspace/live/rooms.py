"""Rooms: one shared document per live document per web process, and the fan-out to its sockets.

Why it is shaped like this (cost per delivered update decides everything):
- One `Room` per document per process holds the committed document and the room's sockets. Updates
  are fanned out in-process, never as one channel-layer message per connection.
- Updates from the room's editors are queued and persisted as one batch per database round trip (a new
  batch starts as soon as the previous one is committed, so batches grow with load and latency does
  not; all rooms of a process share the round trip, see UpdateWriter); only after the commit is the
  batch merged into one Yjs update and relayed — to this process's
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
from django.db import DEFAULT_DB_ALIAS, close_old_connections, connections
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
# Channel-layer group memberships expire (channels-redis: after a day); hubs renew theirs this often.
GROUP_RENEW_SECONDS = 3600.0
# Hubs greet each other this often; a process that heard no other for PEER_SILENCE_SECONDS publishes
# nothing (nobody would read it), and starts again the moment another process greets it.
PEER_HELLO_SECONDS = 10.0
PEER_SILENCE_SECONDS = 35.0
# A room without sockets stays open this long, so people switching pages do not reload it.
ROOM_IDLE_CLOSE_SECONDS = 15.0

LIVE_DATABASE = DEFAULT_DB_ALIAS

# Database work of the rooms (other than storing batches on PostgreSQL, see UpdateWriter) runs here, not
# on the consumers' shared database thread, so it never waits behind connection handshakes.
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
            # The hub listens before any room loads: updates committed meanwhile arrive as messages and
            # are applied on top (applying an update twice changes nothing).
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
            ids = await self.hub.writer.append(self.document_id, [(data, sender.user_id) for data, sender in batch])
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
        self.hub.relay_updates(self, merged, ids)

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
        self.hub.relay_awareness(self, entries)

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


class UpdateWriter:
    """Stores the batches of all of this process's rooms, one statement per round trip to the database.

    While one statement is in flight, the batches that arrive meanwhile wait and go out together in the
    next: ten busy rooms cost one round trip per tick, not ten. On PostgreSQL the statement runs on an
    asyncio connection of the event loop itself; elsewhere (the embedded SQLite run) on a thread.
    """

    IDLE_CLOSE_SECONDS = 5.0

    def __init__(self) -> None:
        self.pending: list[tuple[int, list[tuple[bytes, int | None]], asyncio.Future[list[int]]]] = []
        self.writing = False
        self.database: Any = None  # psycopg.AsyncConnection, opened on first use
        self.last_write = 0.0
        self.tasks: set[asyncio.Task[Any]] = set()

    def _spawn(self, coroutine: Awaitable[Any]) -> None:
        task: asyncio.Task[Any] = asyncio.ensure_future(coroutine)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def append(self, document_id: int, updates: list[tuple[bytes, int | None]]) -> list[int]:
        """Store one room's batch; returns the new ids once they are committed."""
        future: asyncio.Future[list[int]] = asyncio.get_running_loop().create_future()
        self.pending.append((document_id, updates, future))
        if not self.writing:
            self.writing = True
            self._spawn(self._write_pending())
        return await future

    async def _write_pending(self) -> None:
        try:
            while self.pending:
                batches, self.pending = self.pending, []
                rows = [(document_id, data, author) for document_id, updates, _ in batches for data, author in updates]
                try:
                    ids = await self._store(rows)
                except Exception as error:  # noqa: BLE001 - handed to every waiting room
                    for _document_id, _updates, future in batches:
                        if not future.done():
                            future.set_exception(error)
                    continue
                for document_id, updates, future in batches:
                    # A room has one batch in flight at a time; should one document appear twice, the
                    # ids are shared out in order.
                    document_ids = ids.get(document_id, [])
                    mine, ids[document_id] = document_ids[: len(updates)], document_ids[len(updates) :]
                    if not future.done():
                        future.set_result(mine)
        finally:
            self.writing = False
            self.last_write = time.monotonic()

    async def _store(self, rows: list[services.UpdateRow]) -> dict[int, list[int]]:
        if connections[LIVE_DATABASE].vendor != "postgresql":
            return await run_db(services.live_updates_append_rows, rows=rows)
        database = await self._connection()
        try:
            ids = await services.live_updates_append_rows_async(database=database, rows=rows)
        except Exception:
            # A broken connection is replaced on the next batch (the rooms' senders resend theirs).
            self.database = None
            await _close_quietly(database)
            raise
        due = services.live_materialise_due(ids)
        if due:
            self._spawn(run_db(services.live_updates_stored, document_ids=due))
        return ids

    async def _connection(self) -> Any:
        if self.database is None or self.database.closed:
            import psycopg

            params = connections[LIVE_DATABASE].get_connection_params()
            for django_only in ("context", "cursor_factory"):
                params.pop(django_only, None)
            self.database = await psycopg.AsyncConnection.connect(autocommit=True, **params)
            _writers_with_connections.add(self)
            self._spawn(self._close_when_idle())
        return self.database

    async def _close_when_idle(self) -> None:
        # An idle process holds no database connection for its rooms (and tests can drop their database).
        while self.database is not None:
            await asyncio.sleep(self.IDLE_CLOSE_SECONDS)
            if not self.writing and time.monotonic() - self.last_write >= self.IDLE_CLOSE_SECONDS:
                database, self.database = self.database, None
                if database is not None:
                    await _close_quietly(database)

    def close_now(self) -> None:
        """Close the connection without the event loop (which may be gone already)."""
        database, self.database = self.database, None
        if database is not None and not database.closed:
            database.pgconn.finish()


async def _close_quietly(database: Any) -> None:
    try:
        await database.close()
    except Exception:  # it is being discarded anyway
        logger.debug("live documents: closing a database connection failed", exc_info=True)


class LiveHub:
    """This process's rooms, its update writer and its one channel-layer inbox (per event loop).

    Other processes hear of this one's rooms through one group that every hub is in: what this process's
    rooms committed and coalesced meanwhile goes out as one message, not one per room, so the channel
    layer's cost does not grow with the number of rooms. A process receives the updates of rooms it does
    not have and skips them: cheap next to a message per room per batch at a few hundred rooms.
    """

    def __init__(self) -> None:
        self.id = uuid.uuid4().hex
        self.writer = UpdateWriter()
        self.layer = get_channel_layer()
        self.channel_name = ""
        self.rooms: dict[tuple[str, int], Room] = {}
        self.started: asyncio.Future[None] | None = None
        self.tasks: set[asyncio.Task[Any]] = set()
        self.outgoing_updates: list[list[Any]] = []
        self.outgoing_awareness: list[list[Any]] = []
        self.publishing = False
        self.peer_heard_at = -PEER_SILENCE_SECONDS

    async def start(self) -> None:
        if self.started is None:
            self.started = asyncio.get_running_loop().create_future()
            try:
                if self.layer is not None:
                    # The default prefix: channels-redis pulls every "specific." channel of this process
                    # through one shared receive loop, and a channel with another prefix would hold that
                    # loop on its own list while the meeting sockets' messages wait.
                    self.channel_name = await self.layer.new_channel()
                    await self.layer.group_add(services.LIVE_HUBS_GROUP, self.channel_name)
                    for loop in (self._receive_loop(), self._stay_subscribed(), self._greet_peers()):
                        task = asyncio.ensure_future(loop)
                        self.tasks.add(task)
                self.started.set_result(None)
            except BaseException as error:
                self.started.set_exception(error)
                self.started = None
                raise
        await self.started

    async def _stay_subscribed(self) -> None:
        # The channel layer forgets group members after its group expiry (a day by default).
        while True:
            await asyncio.sleep(GROUP_RENEW_SECONDS)
            try:
                if self.layer is not None:
                    await self.layer.group_add(services.LIVE_HUBS_GROUP, self.channel_name)
            except Exception:
                logger.exception("live documents: could not renew the subscription")

    def _spawn(self, coroutine: Awaitable[Any]) -> None:
        task: asyncio.Task[Any] = asyncio.ensure_future(coroutine)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _greet_peers(self) -> None:
        # The first greeting asks every other process to answer, so a new process learns of the others
        # at once (before its first room has loaded from the database).
        answer = True
        while True:
            await self._hello(answer=answer)
            answer = False
            await asyncio.sleep(PEER_HELLO_SECONDS)

    async def _hello(self, *, answer: bool) -> None:
        if self.layer is None:
            return
        try:
            await self.layer.group_send(
                services.LIVE_HUBS_GROUP, {"type": "live.hello", "origin": self.id, "answer": answer}
            )
        except Exception:
            logger.exception("live documents: could not greet the other processes")

    def _has_peers(self) -> bool:
        return time.monotonic() - self.peer_heard_at < PEER_SILENCE_SECONDS

    def relay_updates(self, room: Room, update: bytes, ids: list[int]) -> None:
        """Tell the other processes about a committed batch (with the others of this tick)."""
        self.outgoing_updates.append([room.kind, room.object_id, update, ids])
        self._schedule_publish()

    def relay_awareness(self, room: Room, entries: list[AwarenessEntry]) -> None:
        wire = [[entry.client_id, entry.clock, entry.state] for entry in entries]
        self.outgoing_awareness.append([room.kind, room.object_id, wire])
        self._schedule_publish()

    def _schedule_publish(self) -> None:
        if not self._has_peers():
            # Alone: whoever starts next loads the committed log, and greets this process first.
            self.outgoing_updates.clear()
            self.outgoing_awareness.clear()
            return
        if self.layer is not None and not self.publishing:
            self.publishing = True
            task = asyncio.ensure_future(self._publish())
            self.tasks.add(task)
            task.add_done_callback(self.tasks.discard)

    async def _publish(self) -> None:
        layer = self.layer
        if layer is None:
            return
        try:
            # One turn of the event loop lets every room whose batch the same write committed add its own.
            await asyncio.sleep(0)
            while self.outgoing_updates or self.outgoing_awareness:
                message = {
                    "type": "live.rooms",
                    "origin": self.id,
                    "updates": self.outgoing_updates,
                    "awareness": self.outgoing_awareness,
                }
                self.outgoing_updates, self.outgoing_awareness = [], []
                try:
                    await layer.group_send(services.LIVE_HUBS_GROUP, message)
                except Exception:
                    # The other processes catch up from the database within a few seconds.
                    logger.exception("live documents: could not publish to other processes")
        finally:
            self.publishing = False

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
        origin = message.get("origin")
        if origin == self.id:
            return
        if origin:
            self.peer_heard_at = time.monotonic()
        if kind == "live.hello":
            if message.get("answer"):
                self._spawn(self._hello(answer=False))
            return
        if kind != "live.rooms":
            return
        for room_kind, object_id, update, ids in message.get("updates", ()):
            room = self._ready_room(room_kind, object_id)
            if room is not None:
                room.remote_updates(bytes(update), [int(i) for i in ids])
        for room_kind, object_id, entries in message.get("awareness", ()):
            room = self._ready_room(room_kind, object_id)
            if room is not None:
                room.awareness_remote(
                    [AwarenessEntry(int(c), int(k), s if isinstance(s, dict) else None) for c, k, s in entries]
                )

    def _ready_room(self, kind: str, object_id: int) -> Room | None:
        room = self.rooms.get((kind, int(object_id)))
        if room is None or room.closed or not room.ready.done():
            # Not here, or still loading: the load reads the committed log, which already holds it.
            return None
        return room

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


_writers_with_connections: weakref.WeakSet[UpdateWriter] = weakref.WeakSet()
_hubs: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, LiveHub] = weakref.WeakKeyDictionary()


def live_hubs_close_connections() -> None:
    """Close the hubs' database connections now (tests whose event loops are already gone)."""
    for writer in list(_writers_with_connections):
        writer.close_now()


def live_hub() -> LiveHub:
    loop = asyncio.get_running_loop()
    hub = _hubs.get(loop)
    if hub is None:
        hub = LiveHub()
        _hubs[loop] = hub
    return hub
