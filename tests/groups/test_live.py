"""Running a meeting live through the REST API: the console's commands, what they refuse, the snapshot."""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Sequence
from datetime import time, timedelta
from typing import Any

import pytest
from django import db
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from groups.models import (
    AgendaItem,
    AgendaItemKind,
    DotVote,
    DotVoteStatus,
    GroupMembership,
    GroupRole,
    GroupSession,
    Meeting,
    MeetingPresence,
    MeetingRunState,
    MeetingStatus,
    ParkingDisposition,
    ParkingLotItem,
    SessionStatus,
    Visibility,
    WorkingGroup,
)
from groups.services.live import run_command
from tests.conftest import make_person
from workspace.models import AuditEvent, Membership, Role, User, Workspace

pytestmark = pytest.mark.django_db

BASE = "/api/workspaces/test-network"

# (kind, title, minutes): a plenary, the group work, a closing.
AGENDA: list[tuple[str, str, int]] = [
    (AgendaItemKind.WELCOME, "Welcome remarks", 15),
    (AgendaItemKind.GROUP_WORK, "Group work", 90),
    (AgendaItemKind.CLOSING, "Closing", 10),
]


def make_live_meeting(
    workspace: Workspace,
    *,
    groups: list[WorkingGroup],
    facilitators: list[User] = (),  # type: ignore[assignment]
    agenda: Sequence[tuple[str, str, int]] = AGENDA,
    title: str = "Joint meeting",
) -> Meeting:
    meeting = Meeting.objects.create(
        workspace=workspace, title=title, date=timezone.localdate() + timedelta(days=1), start_time=time(8, 30)
    )
    meeting.groups.set(groups)
    meeting.facilitators.set(facilitators)
    for position, (kind, item_title, minutes) in enumerate(agenda, start=1):
        AgendaItem.objects.create(
            meeting=meeting, position=position, kind=kind, title=item_title, planned_minutes=minutes
        )
    return meeting


@pytest.fixture
def data_group_member(workspace: Workspace, data_group: WorkingGroup) -> User:
    """A member of the private data group only."""
    user = make_person(workspace, "analyst@example.org", Role.MEMBER)
    GroupMembership.objects.create(group=data_group, user=user, role=GroupRole.MEMBER)
    return user


@pytest.fixture
def meeting(
    workspace: Workspace, inclusion_group: WorkingGroup, data_group: WorkingGroup, facilitator: User, lead: User
) -> Meeting:
    return make_live_meeting(workspace, groups=[inclusion_group, data_group], facilitators=[facilitator])


def live_path(meeting: Meeting, suffix: str = "") -> str:
    return f"{BASE}/meetings/{meeting.pk}/live/{suffix}"


def command(client: APIClient, meeting: Meeting, action: str, **payload: Any) -> Any:
    return client.post(live_path(meeting, "commands/"), {"action": action, **payload}, format="json")


def items_of(meeting: Meeting) -> list[AgendaItem]:
    return list(meeting.items.order_by("position"))


@pytest.fixture
def console(client_for: Callable[[User | None], APIClient], facilitator: User) -> APIClient:
    return client_for(facilitator)


@pytest.fixture
def started(console: APIClient, meeting: Meeting) -> Meeting:
    response = command(console, meeting, "start")
    assert response.status_code == 200, response.content
    return meeting


def state_of(meeting: Meeting) -> MeetingRunState:
    return MeetingRunState.objects.get(meeting=meeting)


# --- Starting -----------------------------------------------------------------------------------------


def test_facilitator_starts_the_meeting_on_its_first_item_with_the_timer_running(
    console: APIClient, meeting: Meeting
) -> None:
    before = console.get(live_path(meeting)).json()
    assert before["run_state"] is None and before["meeting"]["status"] == "planned"

    response = command(console, meeting, "start")

    assert response.status_code == 200, response.content
    body = response.json()
    first = items_of(meeting)[0]
    assert body["meeting"]["status"] == "live"
    run_state = body["run_state"]
    assert run_state["version"] == 1
    assert run_state["current_item_id"] == first.pk
    assert run_state["timer"]["running"] is True
    assert run_state["timer"]["duration_seconds"] == 15 * 60
    assert run_state["timer"]["elapsed_seconds"] == 0
    assert run_state["started_at"] is not None and run_state["ended_at"] is None
    assert [item["title"] for item in body["items"]] == ["Welcome remarks", "Group work", "Closing"]
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.LIVE
    assert AuditEvent.objects.filter(verb="meeting.live.start", target_id=str(meeting.pk)).count() == 1


def test_starting_a_meeting_without_agenda_items_is_refused(
    console: APIClient, workspace: Workspace, inclusion_group: WorkingGroup
) -> None:
    empty = make_live_meeting(workspace, groups=[inclusion_group], agenda=[])

    response = command(console, empty, "start")

    assert response.status_code == 400
    assert response.json() == {"detail": "Add at least one agenda item before starting the meeting."}
    empty.refresh_from_db()
    assert empty.status == MeetingStatus.PLANNED
    assert not MeetingRunState.objects.filter(meeting=empty).exists()


def test_starting_twice_is_refused(console: APIClient, started: Meeting) -> None:
    response = command(console, started, "start")

    assert response.status_code == 400
    assert response.json() == {"detail": "This meeting has already started."}
    assert state_of(started).version == 1


def test_commands_before_the_start_are_refused(console: APIClient, meeting: Meeting) -> None:
    actions: list[tuple[str, dict[str, Any]]] = [("next", {}), ("timer_start", {}), ("editing", {"open": True})]
    for action, payload in actions:
        response = command(console, meeting, action, **payload)
        assert response.status_code == 400, action
        assert response.json() == {"detail": "This meeting has not started."}
    assert not MeetingRunState.objects.filter(meeting=meeting).exists()


def test_unknown_action_is_refused_on_the_action_field(console: APIClient, started: Meeting) -> None:
    response = command(console, started, "rewind")

    assert response.status_code == 400
    assert "action" in response.json()


# --- Moving through the agenda -----------------------------------------------------------------------


def test_next_and_previous_move_one_item_and_restart_its_timer(console: APIClient, started: Meeting) -> None:
    first, second, third = items_of(started)
    command(console, started, "timer_pause")
    command(console, started, "timer_extend", minutes=5)

    moved = command(console, started, "next").json()["run_state"]
    assert moved["current_item_id"] == second.pk
    assert moved["timer"] == {
        "running": True,
        "started_at": moved["timer"]["started_at"],
        "elapsed_seconds": 0,
        "duration_seconds": 90 * 60,
    }
    assert moved["timer"]["started_at"] is not None
    assert command(console, started, "next").json()["run_state"]["current_item_id"] == third.pk
    back = command(console, started, "previous").json()["run_state"]
    assert back["current_item_id"] == second.pk
    assert back["version"] == 6


def test_next_on_the_last_item_and_previous_on_the_first_are_refused(console: APIClient, started: Meeting) -> None:
    before = command(console, started, "previous")
    assert before.status_code == 400
    assert before.json() == {"detail": "This is the first agenda item."}

    last = items_of(started)[-1]
    assert command(console, started, "go_to", item_id=last.pk).status_code == 200
    after = command(console, started, "next")
    assert after.status_code == 400
    assert after.json() == {"detail": "This is the last agenda item. End the meeting instead."}
    state = state_of(started)
    assert state.current_item_id == last.pk and state.version == 2


def test_go_to_an_unknown_item_or_one_of_another_meeting_is_refused(
    console: APIClient, started: Meeting, workspace: Workspace, inclusion_group: WorkingGroup
) -> None:
    other = make_live_meeting(workspace, groups=[inclusion_group], title="Another meeting")
    for item_id in (999_999, items_of(other)[0].pk, "three"):
        response = command(console, started, "go_to", item_id=item_id)
        assert response.status_code == 400
        assert "item_id" in response.json()
    missing = command(console, started, "go_to")
    assert missing.json() == {"item_id": ["Choose an item of this meeting's agenda."]}
    assert state_of(started).current_item_id == items_of(started)[0].pk


def test_moving_to_group_work_opens_one_session_per_group_with_facilitators_dealt_by_name(
    client_for: Callable[[User | None], APIClient],
    workspace: Workspace,
    inclusion_group: WorkingGroup,
    data_group: WorkingGroup,
    facilitator: User,
) -> None:
    gender = WorkingGroup.objects.create(workspace=workspace, name="Gender")
    second = make_person(workspace, "aaron@example.org", Role.FACILITATOR)  # "Aaron" sorts before "Facilitator"
    meeting = make_live_meeting(
        workspace, groups=[inclusion_group, data_group, gender], facilitators=[facilitator, second]
    )
    console = client_for(facilitator)
    command(console, meeting, "start")

    body = command(console, meeting, "next").json()

    work = items_of(meeting)[1]
    sessions = list(GroupSession.objects.filter(item=work).order_by("group__name"))
    # Groups by name: Data and assessment, Gender, Inclusive education; facilitators by name: Aaron, Facilitator.
    assert [(s.group.name, s.facilitator) for s in sessions] == [
        ("Data and assessment", second),
        ("Gender", facilitator),
        ("Inclusive education and disability", second),
    ]
    assert all(s.status == SessionStatus.OPEN and s.meeting_id == meeting.pk for s in sessions)
    assert [s["group"]["name"] for s in body["sessions"]] == [
        "Data and assessment",
        "Gender",
        "Inclusive education and disability",
    ]

    # Leaving and coming back does not open them twice.
    command(console, meeting, "next")
    command(console, meeting, "go_to", item_id=work.pk)
    assert GroupSession.objects.filter(item=work).count() == 3


def test_sessions_are_run_by_the_person_starting_when_the_meeting_has_no_facilitators(
    client_for: Callable[[User | None], APIClient], workspace: Workspace, inclusion_group: WorkingGroup, executive: User
) -> None:
    meeting = make_live_meeting(workspace, groups=[inclusion_group], agenda=[AGENDA[1]])

    command(client_for(executive), meeting, "start")

    assert GroupSession.objects.get(meeting=meeting).facilitator == executive


def test_deleting_the_current_item_leaves_the_meeting_running_and_next_resumes_at_the_start(
    console: APIClient, started: Meeting
) -> None:
    first = items_of(started)[0]
    assert console.delete(f"{BASE}/meetings/{started.pk}/items/{first.pk}/").status_code == 204

    snapshot = console.get(live_path(started)).json()
    assert snapshot["run_state"]["current_item_id"] is None
    assert command(console, started, "timer_start").json() == {
        "detail": "There is no current agenda item. Go to an item first."
    }
    resumed = command(console, started, "next").json()["run_state"]
    assert resumed["current_item_id"] == items_of(started)[0].pk


# --- The timer -----------------------------------------------------------------------------------------


def test_pausing_banks_the_elapsed_time_and_starting_resumes(console: APIClient, started: Meeting) -> None:
    MeetingRunState.objects.filter(meeting=started).update(timer_started_at=timezone.now() - timedelta(seconds=90))

    paused = command(console, started, "timer_pause").json()["run_state"]["timer"]
    assert paused["running"] is False and paused["started_at"] is None
    assert 90 <= paused["elapsed_seconds"] <= 95

    again = command(console, started, "timer_pause")
    assert again.status_code == 400 and again.json() == {"detail": "The timer is not running."}

    resumed = command(console, started, "timer_start").json()["run_state"]["timer"]
    assert resumed["running"] is True and resumed["elapsed_seconds"] == paused["elapsed_seconds"]
    running = command(console, started, "timer_start")
    assert running.status_code == 400 and running.json() == {"detail": "The timer is already running."}


def test_extending_adds_minutes_to_the_duration(console: APIClient, started: Meeting) -> None:
    timer = command(console, started, "timer_extend", minutes=5).json()["run_state"]["timer"]
    assert timer["duration_seconds"] == (15 + 5) * 60
    timer = command(console, started, "timer_extend", minutes=60).json()["run_state"]["timer"]
    assert timer["duration_seconds"] == (15 + 65) * 60


@pytest.mark.parametrize("minutes", [0, -5, 61, 10_000, "soon", None])
def test_extending_by_an_invalid_number_of_minutes_is_refused(
    console: APIClient, started: Meeting, minutes: Any
) -> None:
    response = command(console, started, "timer_extend", minutes=minutes)

    assert response.status_code == 400
    assert "minutes" in response.json()
    assert state_of(started).timer_extra_seconds == 0
    assert state_of(started).version == 1


def test_extending_without_minutes_is_refused_with_the_range(console: APIClient, started: Meeting) -> None:
    response = command(console, started, "timer_extend")

    assert response.status_code == 400
    assert response.json() == {"minutes": ["Extend the timer by 1 to 60 minutes."]}


def test_an_item_cannot_be_extended_beyond_six_hours(console: APIClient, started: Meeting) -> None:
    for _ in range(6):
        assert command(console, started, "timer_extend", minutes=60).status_code == 200

    response = command(console, started, "timer_extend", minutes=1)

    assert response.status_code == 400
    assert response.json() == {"minutes": ["An item can be extended by 6 hours at most."]}


# --- Spotlight and editing ---------------------------------------------------------------------------


def test_spotlight_shows_an_item_or_a_group_of_the_meeting_and_clears(
    console: APIClient, started: Meeting, inclusion_group: WorkingGroup
) -> None:
    closing = items_of(started)[-1]
    shown = command(console, started, "spotlight", kind="item", id=closing.pk).json()["run_state"]
    assert shown["spotlight"] == {"kind": "item", "id": closing.pk, "label": "Closing"}

    shown = command(console, started, "spotlight", kind="group", id=inclusion_group.pk).json()["run_state"]
    assert shown["spotlight"] == {"kind": "group", "id": inclusion_group.pk, "label": inclusion_group.name}

    cleared = command(console, started, "spotlight", kind=None).json()["run_state"]
    assert cleared["spotlight"] is None


def test_spotlight_on_a_group_not_in_the_meeting_or_an_unknown_thing_is_refused(
    console: APIClient, started: Meeting, workspace: Workspace
) -> None:
    outside = WorkingGroup.objects.create(workspace=workspace, name="Early childhood")

    group = command(console, started, "spotlight", kind="group", id=outside.pk)
    assert group.status_code == 400
    assert group.json() == {"id": ["Choose one of the meeting's working groups."]}
    item = command(console, started, "spotlight", kind="item", id=999_999)
    assert item.status_code == 400 and item.json() == {"id": ["Choose an item of this meeting's agenda."]}
    agenda = command(console, started, "spotlight", kind="agenda", id=1)
    assert agenda.status_code == 400 and "id" in agenda.json()
    kind = command(console, started, "spotlight", kind="poster", id=1)
    assert kind.status_code == 400 and "kind" in kind.json()
    assert state_of(started).spotlight is None and state_of(started).version == 1


def test_editing_opens_and_closes(console: APIClient, started: Meeting) -> None:
    assert command(console, started, "editing", open=True).json()["run_state"]["editing_open"] is True
    assert command(console, started, "editing", open=False).json()["run_state"]["editing_open"] is False

    for value in (None, "maybe"):
        response = command(console, started, "editing", open=value)
        assert response.status_code == 400 and "open" in response.json()


# --- Ending --------------------------------------------------------------------------------------------


@pytest.fixture
def in_group_work(console: APIClient, started: Meeting) -> Meeting:
    command(console, started, "next")
    return started


def test_end_is_refused_while_a_parking_lot_item_is_undecided_and_names_the_group(
    console: APIClient, in_group_work: Meeting, inclusion_group: WorkingGroup, lead: User
) -> None:
    session = GroupSession.objects.get(meeting=in_group_work, group=inclusion_group)
    ParkingLotItem.objects.create(session=session, text="Teacher allowances", author=lead)

    response = command(console, in_group_work, "end")

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Decide on every parking-lot item before ending the meeting. Still open in: "
        "Inclusive education and disability."
    }
    in_group_work.refresh_from_db()
    assert in_group_work.status == MeetingStatus.LIVE
    assert GroupSession.objects.get(pk=session.pk).status == SessionStatus.OPEN


def test_end_closes_the_sessions_and_their_votes_and_freezes_the_meeting(
    console: APIClient, in_group_work: Meeting, inclusion_group: WorkingGroup, facilitator: User
) -> None:
    session = GroupSession.objects.get(meeting=in_group_work, group=inclusion_group)
    ParkingLotItem.objects.create(session=session, text="Decided", disposition=ParkingDisposition.FOLLOW_UP)
    vote = DotVote.objects.create(
        session=session, question="Which cause first?", dots_per_person=3, closes_at=timezone.now() + timedelta(hours=1)
    )

    response = command(console, in_group_work, "end")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["meeting"]["status"] == "closed"
    assert body["run_state"]["ended_at"] is not None
    assert body["run_state"]["timer"]["running"] is False
    assert body["run_state"]["editing_open"] is False
    assert set(GroupSession.objects.filter(meeting=in_group_work).values_list("status", flat=True)) == {"closed"}
    vote.refresh_from_db()
    assert vote.status == DotVoteStatus.CLOSED and vote.closed_at is not None
    in_group_work.refresh_from_db()
    assert in_group_work.status == MeetingStatus.CLOSED

    for action in ("timer_start", "next", "end", "start"):
        refused = command(console, in_group_work, action)
        assert refused.status_code == 400
        assert refused.json() == {"detail": "This meeting has ended."}


def test_a_reopened_meeting_starts_afresh_with_a_higher_version(console: APIClient, started: Meeting) -> None:
    command(console, started, "next")
    command(console, started, "end")
    assert console.patch(f"{BASE}/meetings/{started.pk}/", {"status": "planned"}, format="json").status_code == 200
    assert console.get(live_path(started)).json()["run_state"] is None

    restarted = command(console, started, "start").json()["run_state"]

    assert restarted["version"] == 4
    assert restarted["current_item_id"] == items_of(started)[0].pk
    assert restarted["ended_at"] is None


def test_the_meeting_form_cannot_bypass_the_live_console(console: APIClient, meeting: Meeting) -> None:
    made_live = console.patch(f"{BASE}/meetings/{meeting.pk}/", {"status": "live"}, format="json")
    assert made_live.status_code == 400
    assert made_live.json() == {"status": ["Start the meeting from its live console."]}

    command(console, meeting, "start")
    for status in ("planned", "closed"):
        response = console.patch(f"{BASE}/meetings/{meeting.pk}/", {"status": status}, format="json")
        assert response.status_code == 400
        assert response.json() == {"status": ["This meeting is running. End it from its live console."]}
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.LIVE
    # Other details of a running meeting can still be corrected.
    renamed = console.patch(f"{BASE}/meetings/{meeting.pk}/", {"venue": "Room B"}, format="json")
    assert renamed.status_code == 200


# --- The snapshot --------------------------------------------------------------------------------------


def test_snapshot_shows_each_person_the_sessions_they_may_see_and_lands_them_in_their_room(
    client_for: Callable[[User | None], APIClient],
    in_group_work: Meeting,
    inclusion_group: WorkingGroup,
    data_group: WorkingGroup,
    lead: User,
    data_group_member: User,
    observer: User,
    executive: User,
    member: User,
) -> None:
    inclusion = GroupSession.objects.get(meeting=in_group_work, group=inclusion_group)
    data = GroupSession.objects.get(meeting=in_group_work, group=data_group)

    def seen_by(user: User) -> dict[str, Any]:
        body: dict[str, Any] = client_for(user).get(live_path(in_group_work)).json()
        return body

    lead_view = seen_by(lead)
    assert [(s["id"], s["participate"]) for s in lead_view["sessions"]] == [(inclusion.pk, True)]
    assert lead_view["my_session_id"] == inclusion.pk
    assert [g["name"] for g in lead_view["groups"]] == ["Inclusive education and disability"]
    assert lead_view["permissions"] == {"control": False}

    analyst_view = seen_by(data_group_member)
    assert [(s["id"], s["participate"]) for s in analyst_view["sessions"]] == [(data.pk, True)]
    assert analyst_view["my_session_id"] == data.pk
    assert {g["name"] for g in analyst_view["groups"]} == {"Data and assessment", "Inclusive education and disability"}

    observer_view = seen_by(observer)
    assert [(s["id"], s["participate"]) for s in observer_view["sessions"]] == [(inclusion.pk, False)]
    assert observer_view["my_session_id"] is None
    assert [g["name"] for g in observer_view["groups"]] == ["Inclusive education and disability"]

    executive_view = seen_by(executive)
    assert [(s["id"], s["participate"]) for s in executive_view["sessions"]] == [(data.pk, True), (inclusion.pk, True)]
    assert executive_view["my_session_id"] is None
    assert executive_view["permissions"] == {"control": True}
    assert executive_view["sessions"][0]["facilitator"]["email"] == "facilitator@example.org"

    assert seen_by(member)["sessions"] == []


def test_snapshot_lists_people_seen_in_the_last_minute_once_per_room(
    console: APIClient, started: Meeting, lead: User, member: User, observer: User
) -> None:
    now = timezone.now()
    MeetingPresence.objects.create(channel_name="tab-1", meeting=started, user=lead, seen_at=now)
    MeetingPresence.objects.create(channel_name="tab-2", meeting=started, user=lead, seen_at=now)
    MeetingPresence.objects.create(
        channel_name="tab-3", meeting=started, user=member, seen_at=now - timedelta(seconds=90)
    )
    MeetingPresence.objects.create(
        channel_name="tab-4", meeting=started, user=observer, seen_at=now - timedelta(hours=1)
    )

    presence = console.get(live_path(started)).json()["presence"]

    assert presence == [
        {"user": {"id": lead.pk, "display_name": "Lead", "email": "lead@example.org"}, "session_id": None}
    ]
    # Rows long dead are swept, recent but silent ones kept (they may come back).
    assert set(MeetingPresence.objects.values_list("channel_name", flat=True)) == {"tab-1", "tab-2", "tab-3"}


def snapshot_queries(client: APIClient, meeting: Meeting) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(live_path(meeting))
    assert response.status_code == 200
    return len(queries)


def test_snapshot_query_count_does_not_grow_with_items_groups_sessions_or_presence(
    client_for: Callable[[User | None], APIClient], workspace: Workspace, facilitator: User, lead: User
) -> None:
    def build(size: int, name: str) -> Meeting:
        groups = [
            WorkingGroup.objects.create(
                workspace=workspace,
                name=f"{name} group {n}",
                visibility=Visibility.PRIVATE if n % 2 else Visibility.WORKSPACE,
            )
            for n in range(size)
        ]
        for group in groups:
            GroupMembership.objects.create(group=group, user=lead)
        agenda: list[tuple[str, str, int]] = [(AgendaItemKind.GROUP_WORK, "Group work", 60)]
        agenda += [(AgendaItemKind.PLENARY, f"Plenary {n}", 20) for n in range(size * 3)]
        meeting = make_live_meeting(workspace, groups=groups, facilitators=[facilitator], agenda=agenda, title=name)
        command(client_for(facilitator), meeting, "start")
        for n in range(size):
            person = make_person(workspace, f"{name}{n}@example.org", Role.MEMBER)
            MeetingPresence.objects.create(channel_name=f"{name}-{n}", meeting=meeting, user=person)
        return meeting

    small, large = build(1, "small"), build(12, "large")
    assert GroupSession.objects.filter(meeting=large).count() == 12

    for user in (facilitator, lead):
        client = client_for(user)
        assert snapshot_queries(client, large) == snapshot_queries(client, small)
        # The snapshot itself, plus the detail of the room the screen opens.
        assert snapshot_queries(client, large) <= 20


# --- Demo data ----------------------------------------------------------------------------------------


def test_the_demo_meeting_can_be_run_live_from_start_to_group_work(
    client_for: Callable[[User | None], APIClient],
) -> None:
    call_command("seed_demo", stdout=io.StringIO())
    demo = Meeting.objects.get(workspace__slug="education-network")
    console = client_for(User.objects.get(email="facilitator@example.org"))
    path = f"/api/workspaces/education-network/meetings/{demo.pk}/live/commands/"

    assert console.post(path, {"action": "start"}, format="json").status_code == 200
    group_work = demo.items.get(kind=AgendaItemKind.GROUP_WORK)
    moved = console.post(path, {"action": "go_to", "item_id": group_work.pk}, format="json")

    assert moved.status_code == 200, moved.content
    assert GroupSession.objects.filter(item=group_work).count() == 5
    # Bopha Lim and Vanna Chea take the groups in turn, by group name.
    facilitators = list(
        GroupSession.objects.filter(item=group_work)
        .order_by("group__name")
        .values_list("facilitator__email", flat=True)
    )
    assert facilitators == ["facilitator@example.org", "facilitator2@example.org"] * 2 + ["facilitator@example.org"]


def test_seeding_again_moves_a_demo_meeting_left_in_the_past_to_next_week(db: None) -> None:
    call_command("seed_demo", stdout=io.StringIO())
    Meeting.objects.update(date=timezone.localdate() - timedelta(days=30))

    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())

    demo = Meeting.objects.get()
    assert demo.date == timezone.localdate() + timedelta(days=7)
    assert demo.items.count() == 8 and demo.status == MeetingStatus.PLANNED


def test_seeding_again_leaves_a_demo_meeting_that_was_run_where_it_was(db: None) -> None:
    call_command("seed_demo", stdout=io.StringIO())
    past = timezone.localdate() - timedelta(days=30)
    Meeting.objects.update(date=past, status=MeetingStatus.CLOSED)

    call_command("seed_demo", stdout=io.StringIO())

    assert Meeting.objects.get().date == past


# --- Concurrency ------------------------------------------------------------------------------------


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises every writer; the race needs row locks"
)
@pytest.mark.django_db(transaction=True)
def test_two_consoles_starting_at_once_start_the_meeting_once(meeting: Meeting, facilitator: User, admin: User) -> None:
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def press_start(user: User) -> None:
        try:
            actor = Membership.objects.select_related("workspace", "user").get(user=user)
            barrier.wait()
            run_command(actor=actor, meeting=meeting, action="start", payload={})
            outcomes.append("started")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            db.connections.close_all()

    threads = [threading.Thread(target=press_start, args=(user,)) for user in (facilitator, admin)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["This meeting has already started.", "started"]
    state = MeetingRunState.objects.get(meeting=meeting)
    assert state.version == 1
    assert GroupSession.objects.filter(meeting=meeting).count() == 0
    assert AuditEvent.objects.filter(verb="meeting.live.start").count() == 1
