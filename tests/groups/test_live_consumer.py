"""The live meeting's websocket, `/ws/meeting/<id>/`: who may connect, its messages, events after commit."""

from __future__ import annotations

from typing import Any

import pytest
from asgiref.sync import sync_to_async
from channels.layers import channel_layers
from channels.testing import WebsocketCommunicator
from django.test import Client

from groups.models import (
    GroupMembership,
    GroupRole,
    GroupSession,
    Meeting,
    MeetingPresence,
    MeetingRunState,
    MeetingStatus,
    WorkingGroup,
)
from groups.services.live import run_command
from tests.conftest import make_person
from tests.groups.test_live import make_live_meeting
from workspace.asgi import application
from workspace.models import Membership, Role, User, Workspace

pytestmark = pytest.mark.django_db(transaction=True)

CONTROLLERS = {"admin", "executive", "facilitator"}


@pytest.fixture(autouse=True)
def in_memory_channel_layer(settings: Any) -> None:
    """These tests are about the consumer, not Redis: an in-process layer, fresh for each test.

    channels_redis loses a message now and then when a socket of the same process disconnects while its
    blocking pop is in flight (the layer is at-most-once by design, and clients refetch on reconnect), and
    a layer cached by an earlier test is bound to that test's event loop. Neither is what is tested here.
    """
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    channel_layers.backends = {}


@pytest.fixture
def meeting(
    workspace: Workspace, inclusion_group: WorkingGroup, data_group: WorkingGroup, facilitator: User
) -> Meeting:
    return make_live_meeting(workspace, groups=[inclusion_group, data_group], facilitators=[facilitator])


def start(meeting: Meeting, by: User, *, to_group_work: bool = False) -> None:
    actor = Membership.objects.select_related("workspace", "user").get(user=by, workspace=meeting.workspace)
    run_command(actor=actor, meeting=meeting, action="start", payload={})
    if to_group_work:
        run_command(actor=actor, meeting=meeting, action="next", payload={})


async def connect(user: User | None, meeting_id: int) -> WebsocketCommunicator:
    headers = [(b"origin", b"http://localhost")]
    if user is not None:
        client = Client()
        await sync_to_async(client.force_login)(user)
        headers.append((b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode()))
    communicator = WebsocketCommunicator(application, f"/ws/meeting/{meeting_id}/", headers=headers)
    connected, _ = await communicator.connect()
    assert connected
    return communicator


async def joined(user: User, meeting_id: int) -> WebsocketCommunicator:
    """Connected, with the presence list announcing this person already read."""
    communicator = await connect(user, meeting_id)
    await receive(
        communicator, "presence", where=lambda event: any(p["user"]["id"] == user.pk for p in event["presence"])
    )
    return communicator


async def receive(communicator: WebsocketCommunicator, kind: str, where: Any = None) -> dict[str, Any]:
    """The next message of type `kind` (matching `where`), skipping others (presence comes and goes)."""
    while True:
        message: dict[str, Any] = await communicator.receive_json_from(timeout=5)
        if message["type"] == kind and (where is None or where(message)):
            return message


async def closed_with(communicator: WebsocketCommunicator) -> int:
    while True:
        output = await communicator.receive_output(timeout=5)
        if output["type"] == "websocket.close":
            return int(output["code"])


async def version_of(meeting: Meeting) -> int:
    state = await MeetingRunState.objects.aget(meeting=meeting)
    return state.version


# --- Connecting -----------------------------------------------------------------------------------------


async def test_people_who_are_not_signed_in_are_closed_with_4401(meeting: Meeting) -> None:
    communicator = await connect(None, meeting.pk)

    assert await closed_with(communicator) == 4401


async def test_outsiders_and_unknown_meetings_are_closed_with_4404(
    meeting: Meeting, outsider: User, admin: User
) -> None:
    assert await closed_with(await connect(outsider, meeting.pk)) == 4404
    assert await closed_with(await connect(admin, 999_999)) == 4404
    assert not await MeetingPresence.objects.filter(meeting=meeting).aexists()


async def test_everyone_in_the_workspace_connects_appears_in_presence_and_gets_pong(
    meeting: Meeting, persona: tuple[str, User]
) -> None:
    name, user = persona
    if name == "outsider":
        assert await closed_with(await connect(user, meeting.pk)) == 4404
        return

    communicator = await joined(user, meeting.pk)
    await communicator.send_json_to({"type": "ping"})
    assert await receive(communicator, "pong") == {"type": "pong"}
    await communicator.disconnect()

    assert not await MeetingPresence.objects.filter(meeting=meeting).aexists()


async def test_presence_appears_and_disappears_on_a_second_socket(
    meeting: Meeting, facilitator: User, lead: User
) -> None:
    console = await joined(facilitator, meeting.pk)

    participant = await connect(lead, meeting.pk)
    arrived = await receive(console, "presence", where=lambda e: len(e["presence"]) == 2)
    assert {entry["user"]["email"] for entry in arrived["presence"]} == {"facilitator@example.org", "lead@example.org"}
    assert all(entry["session_id"] is None for entry in arrived["presence"])

    await participant.disconnect()
    left = await receive(console, "presence", where=lambda e: len(e["presence"]) == 1)
    assert left["presence"][0]["user"]["email"] == "facilitator@example.org"
    await console.disconnect()


async def test_many_arrivals_at_once_share_a_few_presence_broadcasts(
    meeting: Meeting, facilitator: User, lead: User, member: User, observer: User
) -> None:
    console = await joined(facilitator, meeting.pk)
    arrivals = [await connect(person, meeting.pk) for person in (lead, member, observer) for _tab in range(3)]

    # Nine sockets (three tabs each) arrived together: the console hears the final list in far fewer
    # broadcasts than arrivals (one each would be seven before the list is complete), each person once.
    broadcasts: list[dict[str, Any]] = []
    while not broadcasts or len(broadcasts[-1]["presence"]) < 4:
        broadcasts.append(await receive(console, "presence"))
    assert len(broadcasts) <= 4, len(broadcasts)
    assert sorted(entry["user"]["id"] for entry in broadcasts[-1]["presence"]) == sorted(
        person.pk for person in (facilitator, lead, member, observer)
    )
    for communicator in (*arrivals, console):
        await communicator.disconnect()


# --- Commands -------------------------------------------------------------------------------------------


async def test_a_command_reaches_every_socket_after_commit(meeting: Meeting, facilitator: User, lead: User) -> None:
    await sync_to_async(start)(meeting, facilitator)
    console = await joined(facilitator, meeting.pk)
    participant = await joined(lead, meeting.pk)

    await console.send_json_to({"type": "command", "action": "timer_extend", "minutes": 5})

    for communicator in (console, participant):
        event = await receive(communicator, "run_state")
        assert event["run_state"]["version"] == 2
        assert event["run_state"]["timer"]["duration_seconds"] == (15 + 5) * 60
        assert event["sessions_changed"] is False
        assert "server_time" in event
    # The event went out after the commit: the row already says so.
    assert await version_of(meeting) == 2
    await console.disconnect()
    await participant.disconnect()


async def test_moving_to_group_work_tells_everyone_that_sessions_changed(
    meeting: Meeting, facilitator: User, lead: User
) -> None:
    await sync_to_async(start)(meeting, facilitator)
    participant = await joined(lead, meeting.pk)
    console = await joined(facilitator, meeting.pk)

    await console.send_json_to({"type": "command", "action": "next"})

    event = await receive(participant, "run_state")
    assert event["run_state"]["version"] == 2
    assert event["sessions_changed"] is True
    assert await GroupSession.objects.filter(meeting=meeting).acount() == 2
    await console.disconnect()
    await participant.disconnect()


@pytest.mark.parametrize("action", ["next", "timer_pause", "end", "editing"])
async def test_a_member_sending_a_console_command_gets_an_error_and_nothing_changes(
    meeting: Meeting, facilitator: User, lead: User, action: str
) -> None:
    await sync_to_async(start)(meeting, facilitator)
    communicator = await joined(lead, meeting.pk)

    await communicator.send_json_to({"type": "command", "action": action, "open": True})

    error = await receive(communicator, "error")
    assert error == {
        "type": "error",
        "code": "forbidden",
        "message": "Only administrators, the executive committee and facilitators can run a live meeting.",
    }
    state = await MeetingRunState.objects.aget(meeting=meeting)
    assert (state.version, state.timer_running, state.editing_open) == (1, True, False)
    await sync_to_async(meeting.refresh_from_db)()
    assert meeting.status == MeetingStatus.LIVE
    await communicator.disconnect()


async def test_observers_get_the_same_refusal(meeting: Meeting, facilitator: User, observer: User) -> None:
    await sync_to_async(start)(meeting, facilitator)
    communicator = await joined(observer, meeting.pk)

    await communicator.send_json_to({"type": "command", "action": "next"})

    assert (await receive(communicator, "error"))["code"] == "forbidden"
    assert await version_of(meeting) == 1
    await communicator.disconnect()


async def test_invalid_commands_get_a_clear_message_with_the_field(meeting: Meeting, facilitator: User) -> None:
    await sync_to_async(start)(meeting, facilitator)
    communicator = await joined(facilitator, meeting.pk)

    await communicator.send_json_to({"type": "command", "action": "timer_extend", "minutes": -5})
    assert await receive(communicator, "error") == {
        "type": "error",
        "code": "invalid",
        "message": "Extend the timer by 1 to 60 minutes.",
        "fields": {"minutes": ["Extend the timer by 1 to 60 minutes."]},
    }
    await communicator.send_json_to({"type": "command", "action": "go_to", "item_id": 999_999})
    assert (await receive(communicator, "error"))["fields"] == {"item_id": ["Choose an item of this meeting's agenda."]}
    await communicator.send_json_to({"type": "command", "action": "previous"})
    assert await receive(communicator, "error") == {
        "type": "error",
        "code": "invalid",
        "message": "This is the first agenda item.",
    }
    await communicator.send_json_to({"type": "dance"})
    assert (await receive(communicator, "error"))["code"] == "invalid"
    await communicator.send_json_to(["not", "an", "object"])
    assert (await receive(communicator, "error"))["code"] == "invalid"
    assert await version_of(meeting) == 1
    await communicator.disconnect()


async def test_a_timer_command_on_a_closed_meeting_is_refused(meeting: Meeting, facilitator: User) -> None:
    await sync_to_async(start)(meeting, facilitator)
    communicator = await joined(facilitator, meeting.pk)
    await communicator.send_json_to({"type": "command", "action": "end"})
    assert (await receive(communicator, "run_state"))["run_state"]["ended_at"] is not None

    await communicator.send_json_to({"type": "command", "action": "timer_start"})

    assert (await receive(communicator, "error"))["message"] == "This meeting has ended."
    await communicator.disconnect()


async def test_a_refusal_speaks_khmer_to_a_khmer_speaker(meeting: Meeting, facilitator: User, lead: User) -> None:
    await sync_to_async(start)(meeting, facilitator)
    lead.preferred_language = "km"
    await sync_to_async(lead.save)(update_fields=["preferred_language"])
    communicator = await joined(lead, meeting.pk)

    await communicator.send_json_to({"type": "command", "action": "next"})

    error = await receive(communicator, "error")
    assert error["message"] == ("មានតែអ្នកគ្រប់គ្រង គណៈកម្មាធិការប្រតិបត្តិ និងអ្នកសម្របសម្រួលទេ ដែលអាចដំណើរការកិច្ចប្រជុំផ្ទាល់បាន។")
    await communicator.disconnect()


async def test_a_person_removed_from_the_workspace_is_closed_on_their_next_message(
    meeting: Meeting, facilitator: User
) -> None:
    communicator = await joined(facilitator, meeting.pk)
    await Membership.objects.filter(user=facilitator).aupdate(is_active=False)

    await communicator.send_json_to({"type": "ping"})

    assert (await receive(communicator, "error"))["code"] == "not_found"
    assert await closed_with(communicator) == 4404


async def test_a_reconnecting_client_reads_the_current_state(meeting: Meeting, facilitator: User, lead: User) -> None:
    await sync_to_async(start)(meeting, facilitator)
    participant = await joined(lead, meeting.pk)
    await participant.disconnect()
    # Missed while away: the event is gone, the state is not.
    console = await joined(facilitator, meeting.pk)
    await console.send_json_to({"type": "command", "action": "next"})
    await receive(console, "run_state")

    participant = await joined(lead, meeting.pk)
    client = Client()
    await sync_to_async(client.force_login)(lead)
    snapshot = await sync_to_async(client.get)(f"/api/workspaces/test-network/meetings/{meeting.pk}/live/")

    body = snapshot.json()
    assert body["run_state"]["version"] == 2
    assert body["run_state"]["current_item_id"] == (await meeting.items.aget(position=2)).pk
    assert [entry["user"]["email"] for entry in body["presence"]] == ["facilitator@example.org", "lead@example.org"]
    assert body["my_session_id"] is not None
    await console.disconnect()
    await participant.disconnect()


# --- Rooms and session commands -------------------------------------------------------------------------


@pytest.fixture
def analyst(workspace: Workspace, data_group: WorkingGroup) -> User:
    user = make_person(workspace, "analyst@example.org", Role.MEMBER)
    GroupMembership.objects.create(group=data_group, user=user, role=GroupRole.MEMBER)
    return user


async def test_joining_a_visible_room_moves_presence_and_a_hidden_one_is_refused(
    meeting: Meeting, facilitator: User, lead: User, observer: User, data_group: WorkingGroup
) -> None:
    await sync_to_async(start)(meeting, facilitator, to_group_work=True)
    inclusion = await GroupSession.objects.exclude(group=data_group).aget(meeting=meeting)
    private = await GroupSession.objects.aget(meeting=meeting, group=data_group)
    console = await joined(facilitator, meeting.pk)
    participant = await joined(lead, meeting.pk)

    await participant.send_json_to({"type": "join_room", "session_id": inclusion.pk})
    moved = await receive(
        console, "presence", where=lambda e: any(p["session_id"] == inclusion.pk for p in e["presence"])
    )
    assert [p["user"]["email"] for p in moved["presence"] if p["session_id"] == inclusion.pk] == ["lead@example.org"]

    # The private group's room does not exist for someone outside it; the observer's neither.
    await participant.send_json_to({"type": "join_room", "session_id": private.pk})
    assert (await receive(participant, "error"))["code"] == "not_found"
    watcher = await joined(observer, meeting.pk)
    await watcher.send_json_to({"type": "join_room", "session_id": private.pk})
    assert (await receive(watcher, "error"))["code"] == "not_found"
    await watcher.send_json_to({"type": "join_room", "session_id": "one"})
    assert (await receive(watcher, "error"))["code"] == "invalid"
    presence = await MeetingPresence.objects.filter(user=lead).aget()
    assert presence.session_id == inclusion.pk

    await participant.send_json_to({"type": "join_room", "session_id": None})
    await receive(console, "presence", where=lambda e: all(p["session_id"] is None for p in e["presence"]))
    for communicator in (console, participant, watcher):
        await communicator.disconnect()


async def test_a_session_command_over_the_socket_announces_the_session(
    meeting: Meeting, facilitator: User, lead: User, inclusion_group: WorkingGroup
) -> None:
    await sync_to_async(start)(meeting, facilitator, to_group_work=True)
    session = await GroupSession.objects.aget(meeting=meeting, group=inclusion_group)
    console = await joined(facilitator, meeting.pk)
    participant = await joined(lead, meeting.pk)

    await console.send_json_to({"type": "session_command", "session_id": session.pk, "action": "step_next"})

    event = await receive(participant, "session")
    assert event["session_id"] == session.pk and event["version"] == 1
    await session.arefresh_from_db()
    assert session.current_step == "root_causes"

    await participant.send_json_to({"type": "session_command", "session_id": session.pk, "action": "step_next"})
    assert (await receive(participant, "error"))["code"] == "forbidden"
    await session.arefresh_from_db()
    assert session.current_step == "root_causes" and session.version == 1
    for communicator in (console, participant):
        await communicator.disconnect()


async def test_a_session_command_on_a_hidden_session_is_not_found(
    meeting: Meeting, facilitator: User, analyst: User, inclusion_group: WorkingGroup, data_group: WorkingGroup
) -> None:
    await sync_to_async(start)(meeting, facilitator, to_group_work=True)
    hidden = await GroupSession.objects.aget(meeting=meeting, group=inclusion_group)
    communicator = await joined(analyst, meeting.pk)

    # The inclusion group is visible to the whole workspace, but its session is only for its members.
    await communicator.send_json_to({"type": "session_command", "session_id": hidden.pk, "action": "close"})

    assert (await receive(communicator, "error"))["code"] == "not_found"
    await hidden.arefresh_from_db()
    assert hidden.status == "open"
    await communicator.disconnect()
