"""The live-document websocket, `/ws/doc/<kind>/<id>/`: who may connect and edit, persist before relay,
bad frames, presence, access changes, REST writes, materialisation, history and compaction.

A test document kind ("note", one per workspace) keeps these tests about the machinery; the problem
tree and agenda kinds are tested in tests/advocacy.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from channels.layers import channel_layers
from channels.testing import WebsocketCommunicator
from django.conf import settings as django_settings
from django.test import Client
from pycrdt import Doc, Map, Text

from tests.live_client import YClient
from workspace.asgi import application
from workspace.live import services
from workspace.live.protocol import MAX_FRAME_BYTES, write_var_bytes, write_var_uint
from workspace.live.registry import LiveAccess, LiveDocumentKind, live_kind_register
from workspace.models import LiveDocument, LiveDocumentChange, LiveDocumentUpdate, Membership, Role, User, Workspace

pytestmark = pytest.mark.django_db(transaction=True)

MATERIALISED: dict[int, dict[str, Any]] = {}


def note_access(user: User, object_id: int) -> LiveAccess | None:
    membership = Membership.objects.active().filter(user=user, workspace_id=object_id).first()
    if membership is None:
        return None
    return LiveAccess(workspace_id=object_id, can_edit=membership.role != Role.OBSERVER)


def note_materialise(object_id: int, doc: Doc) -> None:
    MATERIALISED[object_id] = {key: str(value) for key, value in doc.get("notes", type=Map).items()}


@pytest.fixture(autouse=True)
def note_kind() -> Iterator[None]:
    live_kind_register(
        LiveDocumentKind(kind="note", access=note_access, materialise=note_materialise, roots={"notes": Map})
    )
    MATERIALISED.clear()
    yield


@pytest.fixture(autouse=True)
def in_memory_channel_layer(settings: Any) -> None:
    """About the consumer and the rooms, not Redis (tests/workspace/test_live_processes.py uses Redis)."""
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    channel_layers.backends = {}


class Peer:
    """One browser tab: a Yjs client on a websocket."""

    def __init__(self, communicator: WebsocketCommunicator) -> None:
        self.communicator = communicator
        self.client = YClient()
        self.close_code: int | None = None

    async def send(self, frame: bytes) -> None:
        await self.communicator.send_to(bytes_data=frame)

    async def pump(self, timeout: float = 0.3) -> None:
        """Handle whatever arrives within `timeout`."""
        while True:
            try:
                # Not receive_output(): its timeout cancels the application.
                message = await asyncio.wait_for(self.communicator.output_queue.get(), timeout)
            except TimeoutError:
                return
            if message["type"] == "websocket.close":
                self.close_code = message.get("code")
                return
            if message.get("bytes") is not None:
                for reply in self.client.receive(message["bytes"]):
                    await self.send(reply)

    async def until(self, condition: Any, timeout: float = 5.0) -> None:
        deadline = asyncio.get_running_loop().time() + timeout
        while not condition():
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError("condition not met in time")
            await self.pump(timeout=0.05)
            if self.close_code is not None and not condition():
                raise AssertionError(f"socket closed with {self.close_code}")

    async def edit(self, key: str, text: str) -> None:
        def change(doc: Doc) -> None:
            doc.get("notes", type=Map)[key] = Text(text)

        await self.send(self.client.edit(change))

    def notes(self) -> dict[str, str]:
        return {key: str(value) for key, value in self.client.doc.get("notes", type=Map).items()}

    async def close(self) -> None:
        await self.communicator.disconnect()


async def open_peer(user: User | None, path: str, yclient: YClient | None = None) -> Peer:
    headers = [(b"origin", b"http://localhost")]
    if user is not None:
        client = Client()
        await sync_to_async(client.force_login)(user)
        headers.append((b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode()))
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, _ = await communicator.connect()
    assert connected  # accepted first, refused with a close code (y-websocket stops retrying on 44xx)
    peer = Peer(communicator)
    if yclient is not None:
        peer.client = yclient
    await peer.send(peer.client.hello())
    await peer.pump(timeout=0.3)
    return peer


def note_path(workspace: Workspace) -> str:
    return f"/ws/doc/note/{workspace.pk}/"


async def test_anonymous_socket_is_closed_with_4401(workspace: Workspace) -> None:
    peer = await open_peer(None, note_path(workspace))
    assert peer.close_code == 4401


async def test_outsider_and_unknown_kinds_are_closed_with_4404(
    workspace: Workspace, outsider: User, member: User
) -> None:
    peer = await open_peer(outsider, note_path(workspace))
    assert peer.close_code == 4404
    peer = await open_peer(member, f"/ws/doc/nothing/{workspace.pk}/")
    assert peer.close_code == 4404


async def test_editors_see_each_others_edits_only_after_they_are_stored(
    workspace: Workspace, member: User, admin: User
) -> None:
    alice = await open_peer(member, note_path(workspace))
    bob = await open_peer(admin, note_path(workspace))
    assert alice.client.mode == "edit" and bob.client.mode == "edit"

    await alice.edit("k1", "Teachers lack training")
    await bob.until(lambda: bob.notes().get("k1") == "Teachers lack training")
    count = await LiveDocumentUpdate.objects.filter(document__kind="note", author=member).acount()
    assert count == 1  # stored, with its author, by the time it was relayed
    await alice.until(alice.client.is_saved)
    await alice.close()
    await bob.close()


async def test_observer_connection_is_read_only(workspace: Workspace, member: User, observer: User) -> None:
    editor = await open_peer(member, note_path(workspace))
    watcher = await open_peer(observer, note_path(workspace))
    assert watcher.client.mode == "read"

    await watcher.edit("k1", "an observer's change")
    await editor.pump(timeout=0.5)
    assert editor.notes() == {}
    assert await LiveDocumentUpdate.objects.filter(document__kind="note").acount() == 0

    await editor.edit("k2", "the member's change")
    await watcher.until(lambda: "k2" in watcher.notes())
    await editor.close()
    await watcher.close()


async def test_late_joiner_gets_the_document_and_everyone_present(
    workspace: Workspace, member: User, admin: User
) -> None:
    alice = await open_peer(member, note_path(workspace))
    await alice.edit("k1", "Focal problem")
    await alice.send(alice.client.presence({"user": {"name": "Someone else"}, "editing": "notes/k1"}))
    await alice.until(alice.client.is_saved)
    await asyncio.sleep(0.2)  # awareness is coalesced over a short tick

    bob = await open_peer(admin, note_path(workspace))
    await bob.until(lambda: bob.notes().get("k1") == "Focal problem" and alice.client.client_id in bob.client.awareness)
    state = bob.client.awareness[alice.client.client_id]
    assert state is not None
    assert state["editing"] == "notes/k1"
    # Presence names people as the server knows them, whatever the browser claimed.
    assert state["user"] == {"id": member.pk, "name": member.display_name}

    await alice.close()
    await bob.until(lambda: bob.client.awareness.get(alice.client.client_id, {}) is None)
    await bob.close()


async def test_malformed_and_oversized_frames_close_only_the_sender(
    workspace: Workspace, member: User, admin: User, executive: User
) -> None:
    honest = await open_peer(member, note_path(workspace))
    witness = await open_peer(admin, note_path(workspace))
    attacker = await open_peer(executive, note_path(workspace))

    await attacker.send(write_var_uint(0) + write_var_uint(2) + write_var_bytes(b"\x05garbage-not-an-update"))
    await attacker.pump()
    assert attacker.close_code == 4400

    attacker = await open_peer(executive, note_path(workspace))
    await attacker.send(write_var_uint(0) + write_var_uint(2) + write_var_bytes(b"\x00" * (MAX_FRAME_BYTES + 10)))
    await attacker.pump()
    assert attacker.close_code == 4413

    for hostile in (b"\x07", b"\x01\x05\x01", b"\x00\x00\xff\xff\xff\xff\xff"):
        attacker = await open_peer(executive, note_path(workspace))
        await attacker.send(hostile)
        await attacker.pump()
        assert attacker.close_code == 4400, hostile

    await honest.edit("k1", "still works")
    await witness.until(lambda: witness.notes().get("k1") == "still works")
    assert await LiveDocumentUpdate.objects.filter(document__kind="note").acount() == 1
    await honest.close()
    await witness.close()


async def test_many_people_opening_a_document_at_once_share_one_room(workspace: Workspace, member: User) -> None:
    peers = await asyncio.gather(*(open_peer(member, note_path(workspace)) for _ in range(12)))
    assert await LiveDocument.objects.filter(kind="note").acount() == 1
    await peers[0].edit("k1", "hello")
    for peer in peers[1:]:
        await peer.until(lambda peer=peer: peer.notes().get("k1") == "hello")
    for peer in peers:
        await peer.close()


async def test_losing_access_closes_or_downgrades_open_sockets(workspace: Workspace, member: User, admin: User) -> None:
    peer = await open_peer(member, note_path(workspace))
    assert peer.client.mode == "edit"

    await Membership.objects.filter(user=member, workspace=workspace).aupdate(role=Role.OBSERVER)
    await sync_to_async(services.live_access_changed)(user_ids=[member.pk])
    await peer.until(lambda: peer.client.mode == "read", timeout=5)

    await Membership.objects.filter(user=member, workspace=workspace).aupdate(is_active=False)
    await sync_to_async(services.live_access_changed)(workspace_id=workspace.pk)
    await peer.until(lambda: peer.close_code is not None, timeout=5)
    assert peer.close_code == 4404


async def test_signing_out_closes_the_persons_document_sockets(workspace: Workspace, member: User) -> None:
    client = Client()
    await sync_to_async(client.force_login)(member)
    communicator = WebsocketCommunicator(
        application,
        note_path(workspace),
        headers=[
            (b"origin", b"http://localhost"),
            (b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode()),
        ],
    )
    await communicator.connect()
    peer = Peer(communicator)
    await peer.pump()
    assert peer.client.mode == "edit"

    response = await sync_to_async(client.post)(
        "/api/auth/logout/", HTTP_X_CSRFTOKEN=client.cookies.get("csrftoken", "")
    )
    assert response.status_code in (200, 204)
    await peer.until(lambda: peer.close_code is not None, timeout=5)
    assert peer.close_code == 4401


async def test_rest_change_reaches_open_sockets_and_the_rows(workspace: Workspace, member: User, admin: User) -> None:
    peer = await open_peer(member, note_path(workspace))

    def change(doc: Doc) -> str:
        doc.get("notes", type=Map)["rest"] = Text("written through REST")
        return "done"

    result = await sync_to_async(services.live_document_change)(
        kind="note", object_id=workspace.pk, author=admin, change=change
    )
    assert result == "done"
    # Materialised before the REST call returns, so its response can read fresh rows.
    assert MATERIALISED[workspace.pk] == {"rest": "written through REST"}
    await peer.until(lambda: peer.notes().get("rest") == "written through REST")
    await peer.close()


def test_materialisation_records_who_changed_what(workspace: Workspace, member: User, admin: User) -> None:
    document = services.live_document_create(workspace=workspace, kind="note", object_id=workspace.pk, author=admin)
    writer = YClient()

    def update(change: Any) -> bytes:
        before = writer.doc.get_state()
        with writer.doc.transaction():
            change(writer.doc)
        return writer.doc.get_update(before)

    notes = writer.doc.get("notes", type=Map)
    services.live_updates_append(
        document_id=document.pk, updates=[(update(lambda doc: notes.__setitem__("a", Text("first"))), member.pk)]
    )
    services.live_updates_append(
        document_id=document.pk, updates=[(update(lambda doc: notes["a"].insert(5, "!")), member.pk)]
    )
    services.live_updates_append(document_id=document.pk, updates=[(update(lambda doc: notes.pop("a")), admin.pk)])
    services.live_document_materialise(document_id=document.pk)

    assert MATERIALISED[workspace.pk] == {}
    changes = {
        (change.author_id, change.path, change.action, change.edits) for change in LiveDocumentChange.objects.all()
    }
    assert changes == {(member.pk, "notes/a", "added", 2), (admin.pk, "notes/a", "removed", 1)}


def test_a_compacted_document_loads_the_same_here_and_in_a_real_yjs_client(workspace: Workspace, member: User) -> None:
    document = services.live_document_create(workspace=workspace, kind="note", object_id=workspace.pk, author=member)
    writer = YClient()
    notes = writer.doc.get("notes", type=Map)
    for number in range(30):
        before = writer.doc.get_state()
        notes[f"k{number}"] = Text(f"note {number} ខ្មែរ")
        if number % 3 == 0:
            notes.pop(f"k{number - 1}", None)
        services.live_updates_append(document_id=document.pk, updates=[(writer.doc.get_update(before), member.pk)])
    services.live_document_materialise(document_id=document.pk)
    assert services.live_document_compact(document_id=document.pk)

    document.refresh_from_db()
    assert document.snapshot_through == LiveDocumentUpdate.objects.filter(document=document).latest("id").pk
    expected = {key: str(value) for key, value in notes.items()}
    loaded = services.live_document_load(kind="note", object_id=workspace.pk)
    assert {key: str(value) for key, value in loaded.get("notes", type=Map).items()} == expected

    node = shutil.which("node")
    yjs = Path(django_settings.BASE_DIR) / "frontend" / "node_modules" / "yjs"
    if node is None or not yjs.exists():
        pytest.skip("node and the front end's node_modules are needed to load the snapshot in Yjs")
    script = (
        "const Y = require(process.argv[1]);"
        "const chunks = []; process.stdin.on('data', c => chunks.push(c)); process.stdin.on('end', () => {"
        "const doc = new Y.Doc(); Y.applyUpdate(doc, new Uint8Array(Buffer.concat(chunks)));"
        "const out = {}; doc.getMap('notes').forEach((v, k) => { out[k] = v.toString(); });"
        "process.stdout.write(JSON.stringify(out)); });"
    )
    result = subprocess.run(
        [node, "-e", script, str(yjs)], input=bytes(document.snapshot), capture_output=True, check=True, timeout=30
    )
    assert json.loads(result.stdout) == expected


async def test_edits_made_offline_are_stored_when_the_client_reconnects(
    workspace: Workspace, member: User, admin: User
) -> None:
    online = await open_peer(admin, note_path(workspace))
    await online.edit("before", "made while everyone was online")
    await online.until(online.client.is_saved)

    traveller = await open_peer(member, note_path(workspace))
    await traveller.until(lambda: "before" in traveller.notes())
    await traveller.close()
    offline_client = traveller.client
    for number in range(5):  # edits made on the bus, with no connection

        def change(doc: Doc, number: int = number) -> None:
            doc.get("notes", type=Map)[f"offline{number}"] = Text("x")

        offline_client.edit(change)
    await online.edit("meanwhile", "made while the traveller was offline")
    # Stored before the traveller signs in again: the in-memory test database locks whole tables
    # when two threads write at once, where a file database (every real run) waits its turn.
    await online.until(online.client.is_saved)

    back = await open_peer(member, note_path(workspace), yclient=offline_client)
    await back.until(lambda: back.client.is_saved() and "meanwhile" in back.notes())
    await online.until(lambda: {f"offline{number}" for number in range(5)} <= set(online.notes()))
    assert await LiveDocumentUpdate.objects.filter(document__kind="note", author=member).acount() == 1
    await back.close()
    await online.close()


async def test_a_person_who_reconnects_is_shown_again_though_browsers_echoed_their_departure(
    workspace: Workspace, member: User, admin: User
) -> None:
    from workspace.live.protocol import AwarenessEntry, encode_awareness

    watcher = await open_peer(admin, note_path(workspace))
    traveller = await open_peer(member, note_path(workspace))
    await traveller.send(traveller.client.presence({"editing": None}))
    await watcher.until(lambda: watcher.client.awareness.get(traveller.client.client_id) is not None)
    await traveller.close()
    await watcher.until(lambda: watcher.client.awareness.get(traveller.client.client_id, {}) is None)
    # Every y-websocket browser sends back the presence changes it applies, the departure included.
    clock = traveller.client.awareness_clock
    await watcher.send(encode_awareness([AwarenessEntry(traveller.client.client_id, clock, None)]))

    back = await open_peer(member, note_path(workspace), yclient=traveller.client)
    await back.send(back.client.presence({"editing": "notes/k1"}))
    await watcher.until(
        lambda: (watcher.client.awareness.get(traveller.client.client_id) or {}).get("editing") == "notes/k1"
    )
    await back.close()
    await watcher.close()
