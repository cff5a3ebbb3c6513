"""Every write to a live document: the update log, REST changes applied to the document, materialisation
into ordinary rows (with the history of who changed what), compaction, and access re-checks.

The websocket rooms (rooms.py) call `live_updates_append_rows` for a batch of updates from browsers; REST
services call `live_document_change`. Both commit before anyone is told, then relay through the channel
layer, so nobody ever sees an edit a crash could lose.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.cache import cache
from django.db import IntegrityError, connections, transaction
from django.db.models import F, Max
from django.utils import timezone
from pycrdt import Doc, MapEvent, merge_updates

from workspace.live.protocol import EMPTY_UPDATE
from workspace.live.registry import live_kind_get
from workspace.models import LiveDocument, LiveDocumentChange, LiveDocumentUpdate, User, Workspace

logger = logging.getLogger(__name__)

# Background materialisation follows socket edits after this delay; edits within it share one run.
MATERIALISE_DELAY_SECONDS = 2
# The update log is merged into the snapshot once this many updates follow it.
COMPACT_AFTER_UPDATES = 500
# One person's edits of one part of a document within this window are one line of history.
HISTORY_MERGE_WINDOW = timedelta(minutes=5)

# Every process's live-document hub is in this group: committed updates and presence of all rooms, and
# access re-checks (rooms.LiveHub).
LIVE_HUBS_GROUP = "workspace.livedoc.hubs"


# --- Loading ----------------------------------------------------------------------------------------


def live_document_row(*, kind: str, object_id: int) -> LiveDocument | None:
    return LiveDocument.objects.filter(kind=kind, object_id=object_id).first()


def load_document(document: LiveDocument, *, through: int | None = None) -> tuple[Doc, int]:
    """The document as committed (up to update id `through`), and the id of the last update in it."""
    snapshot = bytes(document.snapshot) if document.snapshot else None
    updates = LiveDocumentUpdate.objects.filter(document=document, id__gt=document.snapshot_through)
    if through is not None:
        updates = updates.filter(id__lte=through)
    rows = [(update_id, bytes(data)) for update_id, data in updates.order_by("id").values_list("id", "data")]
    doc: Doc = Doc()
    if snapshot is not None:
        doc.apply_update(snapshot)
    if not rows:
        return doc, document.snapshot_through
    # Merged in Yrs and applied once: replaying hundreds of updates one by one was most of the cost of
    # every materialisation. Should that fail, replaying them one by one finds and skips the one at fault.
    try:
        doc.apply_update(merge_updates(*(data for _id, data in rows)))
    except Exception:  # noqa: BLE001 - Yrs raises plain exceptions; the replay below logs the culprit
        doc = Doc()
        if snapshot is not None:
            doc.apply_update(snapshot)
        for update_id, data in rows:
            _apply_logged(doc, data, update_id)
    return doc, rows[-1][0]


def _apply_logged(doc: Doc, data: bytes, update_id: int) -> None:
    # Updates were validated before they were stored; one that Yrs still refuses (Yrs and Yjs can
    # disagree on rare updates) must not make the whole document unreadable.
    try:
        doc.apply_update(data)
    except Exception:
        logger.exception("live document update %s could not be applied; skipped", update_id)


def live_document_load(*, kind: str, object_id: int) -> Doc:
    document = live_document_row(kind=kind, object_id=object_id)
    if document is None:
        return Doc()
    return load_document(document)[0]


# --- Writing ------------------------------------------------------------------------------------------


def live_document_create(
    *,
    workspace: Workspace,
    kind: str,
    object_id: int,
    author: User | None,
    initialise: Callable[[Doc], None] | None = None,
) -> LiveDocument:
    """The document of a new object, with its initial content, materialised at once."""
    with transaction.atomic():
        document = LiveDocument.objects.create(workspace=workspace, kind=kind, object_id=object_id)
        if initialise is not None:
            doc: Doc = Doc()
            with doc.transaction():
                initialise(doc)
            LiveDocumentUpdate.objects.create(document=document, data=doc.get_update(), author=author)
        _materialise(document, record_history=False)
    return document


def live_document_get_or_create(*, kind: str, object_id: int, workspace_id: int) -> LiveDocument:
    """The document row, created empty if the object has none yet (safe when many people join at once)."""
    document = live_document_row(kind=kind, object_id=object_id)
    if document is not None:
        return document
    try:
        with transaction.atomic():
            return LiveDocument.objects.create(kind=kind, object_id=object_id, workspace_id=workspace_id)
    except IntegrityError:
        return LiveDocument.objects.get(kind=kind, object_id=object_id)


# A row of the update log as the rooms store it: (document id, the update, its author's id).
UpdateRow = tuple[int, bytes, int | None]


def _update_rows_insert(rows: list[UpdateRow], *, vendor_connection: Any) -> tuple[str, list[Any]]:
    # One INSERT statement is atomic on its own: in autocommit it is a single round trip to the database
    # and commits before its ids come back. The document row is not touched (materialisation notes who
    # edited last), so a materialisation or compaction holding it never makes a batch wait.
    table = LiveDocumentUpdate._meta.db_table
    created_at = vendor_connection.ops.adapt_datetimefield_value(timezone.now())
    params: list[Any] = []
    for document_id, data, author_id in rows:
        params += [document_id, data, author_id, created_at]
    values = ", ".join(["(%s, %s, %s, %s)"] * len(rows))
    sql = f"INSERT INTO {table} (document_id, data, author_id, created_at) VALUES {values} RETURNING id, document_id"  # noqa: S608 - our table name
    return sql, params


def _ids_by_document(returned: Iterable[tuple[Any, Any]]) -> dict[int, list[int]]:
    ids: dict[int, list[int]] = {}
    for update_id, document_id in returned:
        ids.setdefault(int(document_id), []).append(int(update_id))
    for document_ids in ids.values():
        document_ids.sort()
    return ids


def live_updates_append_rows(*, rows: list[UpdateRow]) -> dict[int, list[int]]:
    """Store validated updates from browsers (of one or several documents) in one statement.

    Returns the new ids per document. Called by the rooms before they relay anything.
    """
    connection = connections[LiveDocumentUpdate.objects.db]
    sql, params = _update_rows_insert(rows, vendor_connection=connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ids = _ids_by_document(cursor.fetchall())
    transaction.on_commit(lambda: live_updates_stored(document_ids=list(ids)))
    return ids


async def live_updates_append_rows_async(*, database: Any, rows: list[UpdateRow]) -> dict[int, list[int]]:
    """`live_updates_append_rows` on an asyncio PostgreSQL connection (psycopg, autocommit).

    The rooms' event loop waits for it without handing the work to a thread: under load a thread's
    every step waits for the busy event loop to release the GIL, which made a batch's round trip to the
    database 100 times slower than the database itself. The caller runs `live_updates_stored` afterwards
    (it talks to the cache and the broker synchronously, so not on the event loop).
    """
    sql, params = _update_rows_insert(rows, vendor_connection=connections[LiveDocumentUpdate.objects.db])
    async with database.cursor() as cursor:
        await cursor.execute(sql, params)
        return _ids_by_document(await cursor.fetchall())


def live_updates_append(*, document_id: int, updates: list[tuple[bytes, int | None]]) -> list[int]:
    """Store one document's updates (see `live_updates_append_rows`); returns their ids."""
    rows = [(document_id, data, author_id) for data, author_id in updates]
    return live_updates_append_rows(rows=rows).get(document_id, [])


def live_updates_stored(*, document_ids: list[int]) -> None:
    """Follow-up of stored socket edits: materialise the documents shortly."""
    for document_id in document_ids:
        _schedule_materialise(document_id)


def live_document_change[T](*, kind: str, object_id: int, author: User | None, change: Callable[[Doc], T]) -> T:
    """Apply a REST write to the document itself, so the two paths always agree.

    The row lock orders REST writes of one document; socket edits need no lock (updates commute).
    `change` may raise ValidationError to refuse; nothing is written then.
    """
    with transaction.atomic():
        document = LiveDocument.objects.select_for_update(no_key=True).get(kind=kind, object_id=object_id)
        doc, _last_id = load_document(document)
        before = doc.get_state()
        with doc.transaction():
            result = change(doc)
        update = doc.get_update(before)
        if update != EMPTY_UPDATE:
            row = LiveDocumentUpdate.objects.create(document=document, data=update, author=author)
            document.last_edited_at = timezone.now()
            document.last_edited_by = author
            document.save(update_fields=["last_edited_at", "last_edited_by"])
            _materialise(document)
            message = {"type": "live.rooms", "origin": "", "updates": [[kind, object_id, update, [row.pk]]]}
            transaction.on_commit(lambda: _relay_to_rooms(message))
    return result


def _relay_to_rooms(message: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(LIVE_HUBS_GROUP, message)
    except Exception:
        # Committed already; the rooms catch up from the database within seconds.
        logger.exception("could not relay a REST change to the live rooms")


def live_access_changed(
    *,
    user_ids: Iterable[int] = (),
    workspace_id: int | None = None,
    kind: str | None = None,
    object_id: int | None = None,
) -> None:
    """After commit, open sockets of these people / this workspace / this document re-check access."""
    message: dict[str, Any] = {
        "type": "live.recheck",
        "user_ids": sorted(set(user_ids)),
        "workspace_id": workspace_id,
        "kind": kind,
        "object_id": object_id,
    }

    def send() -> None:
        layer = get_channel_layer()
        if layer is not None:
            async_to_sync(layer.group_send)(LIVE_HUBS_GROUP, message)

    transaction.on_commit(send)


# --- Materialisation and history --------------------------------------------------------------------


# When this process last scheduled each document's materialisation (a busy room commits many batches a
# second; asking Redis for each of them is wasted).
_scheduled_at: dict[int, float] = {}


def live_materialise_due(document_ids: Iterable[int]) -> list[int]:
    """Those of the documents this process has not scheduled for materialisation within the delay.

    No I/O, so the rooms ask on their event loop and only go to a thread when one is due.
    """
    horizon = time.monotonic() - MATERIALISE_DELAY_SECONDS
    return [document_id for document_id in document_ids if _scheduled_at.get(document_id, horizon - 1) <= horizon]


def _schedule_materialise(document_id: int) -> None:
    # Edits within the delay share one run; the beat sweep catches any run that was lost.
    if not live_materialise_due([document_id]):
        return
    _scheduled_at[document_id] = time.monotonic()
    if cache.add(f"live:materialise:{document_id}", 1, timeout=MATERIALISE_DELAY_SECONDS):
        from workspace.tasks import live_document_materialise as materialise_task

        # Rooms that started together would otherwise be materialised together, every time: spread out,
        # the worker's bursts never compete with the web process for all the cores at once.
        countdown = MATERIALISE_DELAY_SECONDS * (1 + random.random() / 2)  # noqa: S311 - not security
        materialise_task.apply_async(args=[document_id], countdown=countdown)


def live_document_materialise(*, document_id: int) -> None:
    """Bring the object's rows and the history up to the latest committed update; compact if due."""
    with transaction.atomic():
        document = LiveDocument.objects.select_for_update(no_key=True).filter(pk=document_id).first()
        if document is None:
            return
        _materialise(document)
    if _updates_after_snapshot(document) >= COMPACT_AFTER_UPDATES:
        live_document_compact(document_id=document_id)


def _materialise(document: LiveDocument, *, record_history: bool = True) -> None:
    """Replay the updates not yet materialised one by one, noting what each touched, then write rows.

    Must run inside a transaction holding the document row.
    """
    kind = live_kind_get(document.kind)
    doc, base_id = load_document(document, through=max(document.materialised_through, document.snapshot_through))
    pending = list(
        LiveDocumentUpdate.objects.filter(document=document, id__gt=base_id)
        .order_by("id")
        .values_list("id", "data", "author_id", "created_at")
    )
    touched: list[tuple[str, str]] = []
    subscriptions = []
    if kind is not None and record_history:
        for root_name, root_type in kind.roots.items():
            root = doc.get(root_name, type=root_type)
            subscriptions.append((root, root.observe_deep(_recorder(root_name, touched))))
    history = _HistoryWriter(document) if record_history else None
    last_id = base_id
    for update_id, data, author_id, created_at in pending:
        touched.clear()
        _apply_logged(doc, bytes(data), update_id)
        if history is not None:
            for path, action in touched:
                history.record(author_id=author_id, at=created_at, path=path, action=action)
        last_id = update_id
    for root, subscription in subscriptions:
        root.unobserve(subscription)
    if pending:
        document.last_edited_at = pending[-1][3]
        document.last_edited_by_id = next(
            (author_id for _id, _data, author_id, _at in reversed(pending) if author_id is not None),
            document.last_edited_by_id,
        )
        document.save(update_fields=["last_edited_at", "last_edited_by"])
    if history is not None:
        history.save()
    if kind is not None:
        kind.materialise(document.object_id, doc)
    if last_id != document.materialised_through:
        document.materialised_through = last_id
        document.save(update_fields=["materialised_through"])


def _recorder(root_name: str, touched: list[tuple[str, str]]) -> Callable[[list[Any]], None]:
    def record(events: list[Any]) -> None:
        for event in events:
            path = list(getattr(event, "path", []) or [])
            if path:
                touched.append((f"{root_name}/{path[0]}", "edited"))
            elif isinstance(event, MapEvent):
                for key, change in (getattr(event, "keys", None) or {}).items():
                    action = {"add": "added", "delete": "removed"}.get(change.get("action"), "edited")
                    touched.append((f"{root_name}/{key}", action))
            else:
                touched.append((root_name, "edited"))

    return record


class _HistoryWriter:
    """Merges one person's consecutive edits of one part into one history row."""

    def __init__(self, document: LiveDocument) -> None:
        self.document = document
        self.open: dict[tuple[int | None, str], LiveDocumentChange] = {}
        self.dirty: dict[int, LiveDocumentChange] = {}
        self.new: list[LiveDocumentChange] = []
        self.loaded = False

    def _load_recent(self, at: Any) -> None:
        self.loaded = True
        recent = LiveDocumentChange.objects.filter(document=self.document, last_at__gte=at - HISTORY_MERGE_WINDOW)
        for change in recent.order_by("last_at"):
            self.open[(change.author_id, change.path)] = change

    def record(self, *, author_id: int | None, at: Any, path: str, action: str) -> None:
        if not self.loaded:
            self._load_recent(at)
        key = (author_id, path[:200])
        change = self.open.get(key)
        if change is not None and at - change.last_at <= HISTORY_MERGE_WINDOW and change.action != "removed":
            change.last_at = max(change.last_at, at)
            change.edits += 1
            if action == "removed":
                change.action = "removed"
            if change.pk is not None:
                self.dirty[change.pk] = change
            return
        change = LiveDocumentChange(
            document=self.document, author_id=author_id, path=path[:200], action=action, first_at=at, last_at=at
        )
        self.open[key] = change
        self.new.append(change)

    def save(self) -> None:
        if self.new:
            LiveDocumentChange.objects.bulk_create(self.new)
        if self.dirty:
            LiveDocumentChange.objects.bulk_update(list(self.dirty.values()), ["last_at", "edits", "action"])


# --- Compaction -----------------------------------------------------------------------------------------


def _updates_after_snapshot(document: LiveDocument) -> int:
    return LiveDocumentUpdate.objects.filter(document=document, id__gt=document.snapshot_through).count()


def live_document_compact(*, document_id: int) -> bool:
    """Merge the materialised part of the update log into the snapshot.

    The log rows stay (raw client bytes, and the history reads them); loading starts from the snapshot.
    Only materialised updates are compacted, so materialisation can always replay from the snapshot.
    """
    with transaction.atomic():
        document = LiveDocument.objects.select_for_update(no_key=True).filter(pk=document_id).first()
        if document is None or document.materialised_through <= document.snapshot_through:
            return False
        doc, last_id = load_document(document, through=document.materialised_through)
        document.snapshot = doc.get_update()
        document.snapshot_through = last_id
        document.save(update_fields=["snapshot", "snapshot_through"])
    return True


def live_documents_sweep() -> int:
    """Materialise documents whose scheduled run was lost (a worker restart); returns how many."""
    stale = (
        LiveDocument.objects.annotate(last_update=Max("updates__id"))
        .filter(last_update__gt=F("materialised_through"))
        .values_list("pk", flat=True)
    )
    count = 0
    for document_id in list(stale[:200]):
        live_document_materialise(document_id=document_id)
        count += 1
    return count
