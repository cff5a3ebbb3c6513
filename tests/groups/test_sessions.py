"""Group sessions: the step guide, the step timer, the facilitator, closing, and the parking lot."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from rest_framework.test import APIClient

from groups.models import DotVoteStatus, GroupSession, MeetingStatus, ParkingLotItem, SessionStatus
from groups.services.live_events import meeting_channel_group
from tests.conftest import make_person
from tests.groups import session_helpers
from tests.groups.session_helpers import open_vote, park, place, session_path, snapshot
from workspace.models import AuditEvent, Role, User

pytestmark = pytest.mark.django_db

# The shared fixtures (a live meeting, its sessions, `member` in another group).
live_meeting = session_helpers.live_meeting
member = session_helpers.member
private_session = session_helpers.private_session
session = session_helpers.session

STEPS = ["gaps", "root_causes", "evidence", "stakeholders", "policy_support", "action_plan", "advocacy_methods"]


@pytest.fixture
def run(
    session: GroupSession,
    facilitator: User,
    client_for: Callable[[User], APIClient],
    django_capture_on_commit_callbacks: Any,
) -> Callable[..., Any]:
    """Sends one command as the facilitator (or `as_user`) and returns the response."""
    clients: dict[int, APIClient] = {}

    def send(action: str, as_user: User | None = None, **payload: Any) -> Any:
        user = as_user or facilitator
        client = clients.setdefault(user.pk, client_for(user))
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(session_path(session, "commands/"), {"action": action, **payload}, format="json")

    return send


# --- The session screen ----------------------------------------------------------------------------


def test_the_session_screen_shows_the_step_guide_timer_and_permissions(
    session: GroupSession, lead: User, facilitator: User, inclusion_group: Any, client_for: Callable[[User], APIClient]
) -> None:
    response = client_for(lead).get(session_path(session))

    assert response.status_code == 200
    body = response.json()
    assert parse_datetime(body["server_time"]) is not None
    assert body["group"] == {"id": inclusion_group.pk, "name": "Inclusive education and disability"}
    assert body["item"] == {"id": session.item_id, "title": "Group work"}
    assert body["facilitator"] == {"id": facilitator.pk, "email": facilitator.email, "display_name": "Facilitator"}
    assert [step["key"] for step in body["steps"]] == STEPS
    assert body["steps"][1]["label"] == "Root causes"
    assert body["current_step"] == "gaps"
    assert body["timer"] == {"running": False, "started_at": None, "elapsed_seconds": 0, "duration_seconds": 600}
    assert (body["status"], body["version"], body["parking_lot"], body["votes"], body["presence"]) == (
        "open",
        0,
        [],
        [],
        [],
    )
    assert body["permissions"] == {"control": False, "participate": True}


def test_step_labels_speak_khmer(session: GroupSession, lead: User, client_for: Callable[[User], APIClient]) -> None:
    lead.preferred_language = "km"
    lead.save()

    body = client_for(lead).get(session_path(session)).json()

    assert body["steps"][1]["label"] == "មូលហេតុឫសគល់"


def test_the_session_screen_costs_the_same_queries_however_much_it_holds(
    session: GroupSession,
    lead: User,
    facilitator: User,
    workspace: Any,
    client_for: Callable[[User], APIClient],
    django_assert_max_num_queries: Any,
) -> None:
    client = client_for(lead)
    park(session, lead)
    place(open_vote(session, labels=["A", "B"], status=DotVoteStatus.CLOSED), lead, "A")
    with django_assert_max_num_queries(9) as small:
        client.get(session_path(session))

    voters = [make_person(workspace, f"voter{n}@example.org", Role.MEMBER) for n in range(6)]
    for n in range(15):
        park(session, voters[n % 6], text=f"Question {n}", disposition="follow_up" if n % 2 else "")
    for n in range(5):
        vote = open_vote(session, labels=[f"Option {k}" for k in range(8)], status=DotVoteStatus.CLOSED)
        for voter in voters:
            place(vote, voter, "Option 1", "Option 2", f"Option {n}")
    place(open_vote(session), lead, "Data", "Data")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(session_path(session))

    body = response.json()
    assert len(body["parking_lot"]) == 16
    assert len(body["votes"]) == 7
    assert body["votes"][0]["my_dots_used"] == 2


def test_people_in_the_room_are_listed_once_each(
    session: GroupSession, lead: User, facilitator: User, client_for: Callable[[User], APIClient]
) -> None:
    from groups.models import MeetingPresence

    for channel, user in [("a", lead), ("b", lead), ("c", facilitator)]:
        MeetingPresence.objects.create(channel_name=channel, meeting=session.meeting, user=user, session=session)
    MeetingPresence.objects.create(
        channel_name="gone",
        meeting=session.meeting,
        user=make_person(session.meeting.workspace, "gone@example.org", Role.MEMBER),
        session=session,
        seen_at=timezone.now() - timedelta(minutes=5),
    )

    body = client_for(lead).get(session_path(session)).json()

    assert [person["display_name"] for person in body["presence"]] == ["Facilitator", "Lead"]


# --- The step guide and its timer ------------------------------------------------------------------


def test_moving_through_the_steps_resets_the_step_timer(session: GroupSession, run: Callable[..., Any]) -> None:
    run("timer_start")
    run("timer_extend", minutes=5)

    response = run("step_next")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["current_step"] == "root_causes"
    assert body["timer"] == {"running": False, "started_at": None, "elapsed_seconds": 0, "duration_seconds": 600}
    assert body["version"] == 3
    assert run("step_go", step="action_plan").json()["current_step"] == "action_plan"
    assert run("step_previous").json()["current_step"] == "policy_support"


def test_there_is_no_step_before_the_first_or_after_the_last(session: GroupSession, run: Callable[..., Any]) -> None:
    first = run("step_previous")
    run("step_go", step="advocacy_methods")
    before = snapshot(session)

    last = run("step_next")

    assert first.status_code == 400
    assert first.json() == {"detail": "This is the first step."}
    assert last.status_code == 400
    assert last.json() == {"detail": "This is the last step."}
    assert snapshot(session) == before


def test_an_unknown_step_or_action_is_refused(session: GroupSession, run: Callable[..., Any]) -> None:
    before = snapshot(session)

    unknown_step = run("step_go", step="lunch")
    missing_step = run("step_go")
    unknown_action = run("dance")

    assert unknown_step.status_code == missing_step.status_code == 400
    assert unknown_step.json() == {"step": ["Choose one of the steps of the guide."]}
    assert unknown_action.status_code == 400
    assert "action" in unknown_action.json()
    assert snapshot(session) == before


def test_pausing_banks_the_time_that_ran(session: GroupSession, run: Callable[..., Any]) -> None:
    run("timer_start")
    GroupSession.objects.filter(pk=session.pk).update(timer_started_at=timezone.now() - timedelta(seconds=95))

    body = run("timer_pause").json()

    assert body["timer"]["running"] is False
    assert body["timer"]["started_at"] is None
    assert 95 <= body["timer"]["elapsed_seconds"] <= 97
    resumed = run("timer_start").json()["timer"]
    assert resumed["running"] is True
    assert resumed["elapsed_seconds"] == body["timer"]["elapsed_seconds"]
    assert parse_datetime(resumed["started_at"]) is not None


def test_starting_a_running_timer_changes_nothing(session: GroupSession, run: Callable[..., Any]) -> None:
    started = run("timer_start").json()

    again = run("timer_start").json()

    assert again["version"] == started["version"] == 1
    assert again["timer"] == started["timer"]


def test_extending_and_setting_the_minutes_change_the_duration(session: GroupSession, run: Callable[..., Any]) -> None:
    assert run("timer_extend", minutes=5).json()["timer"]["duration_seconds"] == 600 + 300
    body = run("set_step_minutes", minutes=30).json()

    assert body["step_minutes"] == 30
    assert body["timer"]["duration_seconds"] == 1800 + 300


@pytest.mark.parametrize(
    ("action", "minutes"),
    [
        ("timer_extend", -5),
        ("timer_extend", 0),
        ("timer_extend", 61),
        ("timer_extend", None),
        ("set_step_minutes", 0),
        ("set_step_minutes", -1),
        ("set_step_minutes", 181),
    ],
)
def test_minutes_out_of_range_are_refused(
    action: str, minutes: int | None, session: GroupSession, run: Callable[..., Any]
) -> None:
    before = snapshot(session)

    response = run(action, **({} if minutes is None else {"minutes": minutes}))

    assert response.status_code == 400
    assert response.json()["minutes"][0].startswith(("Extend the timer by 1 to 60", "A step lasts from 1 to 180"))
    assert snapshot(session) == before


def test_a_facilitator_is_assigned_from_those_who_run_meetings(
    session: GroupSession, run: Callable[..., Any], executive: User, lead: User
) -> None:
    assigned = run("assign_facilitator", user_id=executive.pk)
    refused = run("assign_facilitator", user_id=lead.pk)
    cleared = run("assign_facilitator", user_id=None)

    assert assigned.json()["facilitator"]["id"] == executive.pk
    assert refused.status_code == 400
    assert "user_id" in refused.json()
    assert cleared.json()["facilitator"] is None
    assert AuditEvent.objects.filter(verb="group_session.assign_facilitator").count() == 2


def test_a_member_sending_a_command_is_refused_and_nothing_changes(
    session: GroupSession, run: Callable[..., Any], lead: User
) -> None:
    before = snapshot(session)

    response = run("close", as_user=lead)

    assert response.status_code == 403
    assert response.json() == {
        "detail": "Only administrators, the executive committee and facilitators can run a session."
    }
    assert snapshot(session) == before


def test_an_accepted_command_is_audited_and_broadcast_after_commit(
    session: GroupSession, run: Callable[..., Any], facilitator: User
) -> None:
    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(meeting_channel_group(session.meeting_id), channel)

    run("step_next")

    message = async_to_sync(layer.receive)(channel)
    assert message["event"] == {"type": "session", "session_id": session.pk, "version": 1}
    event = AuditEvent.objects.get(verb="group_session.step_next")
    assert event.actor == facilitator
    assert event.before == {"current_step": "gaps"}
    assert event.after == {"meeting": session.meeting_id, "current_step": "root_causes"}


# --- Closing ----------------------------------------------------------------------------------------


def test_a_session_does_not_close_while_parking_lot_items_are_undecided(
    session: GroupSession, run: Callable[..., Any], lead: User
) -> None:
    park(session, lead)
    park(session, lead, text="Decided", disposition="answered")
    before = snapshot(session)

    response = run("close")

    assert response.status_code == 400
    assert response.json() == {"detail": "Decide on every parking-lot item before closing the session (1 undecided)."}
    assert snapshot(session) == before


def test_closing_stops_the_timer_and_closes_the_open_vote(session: GroupSession, run: Callable[..., Any]) -> None:
    park(session, None, disposition="to_agenda")
    vote = open_vote(session)
    run("timer_start")

    body = run("close").json()

    assert body["status"] == "closed"
    assert body["timer"]["running"] is False
    assert body["votes"][0]["status"] == "closed"
    assert body["votes"][0]["results_visible"] is True
    vote.refresh_from_db()
    assert vote.status == DotVoteStatus.CLOSED
    assert vote.closed_at is not None


def test_a_closed_session_takes_no_commands_until_reopened(
    session: GroupSession, run: Callable[..., Any], lead: User, client_for: Callable[[User], APIClient]
) -> None:
    run("close")
    before = snapshot(session)

    refused = run("step_next")
    parked = client_for(lead).post(session_path(session, "parking-lot/"), {"text": "Late idea"}, format="json")

    assert refused.status_code == 400
    assert refused.json() == {"detail": "This session is closed. Reopen it first."}
    assert parked.status_code == 400
    assert snapshot(session) == before
    reopened = run("reopen")
    assert reopened.json()["status"] == "open"
    assert run("reopen").json() == {"detail": "This session is already open."}


def test_nothing_changes_in_the_sessions_of_an_ended_meeting(session: GroupSession, run: Callable[..., Any]) -> None:
    session.meeting.status = MeetingStatus.CLOSED
    session.meeting.save()
    GroupSession.objects.filter(pk=session.pk).update(status=SessionStatus.CLOSED)
    before = snapshot(session)

    responses = [run("reopen"), run("step_next")]

    assert [r.status_code for r in responses] == [400, 400]
    assert responses[0].json() == {"detail": "This meeting has ended."}
    assert snapshot(session) == before


# --- The parking lot --------------------------------------------------------------------------------


def test_a_member_parks_an_item_and_the_facilitator_decides_it(
    session: GroupSession,
    lead: User,
    facilitator: User,
    client_for: Callable[[User], APIClient],
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        added = client_for(lead).post(
            session_path(session, "parking-lot/"), {"text": "  Who pays for ramps?  "}, format="json"
        )
    assert added.status_code == 201, added.content
    item = added.json()
    assert (item["text"], item["author"]["id"], item["disposition"], item["decided_by"]) == (
        "Who pays for ramps?",
        lead.pk,
        "",
        None,
    )

    with django_capture_on_commit_callbacks(execute=True):
        decided = client_for(facilitator).patch(
            session_path(session, f"parking-lot/{item['id']}/"),
            {"disposition": "follow_up", "disposition_note": "Ask the ministry"},
            format="json",
        )

    assert decided.status_code == 200, decided.content
    body = decided.json()
    assert (body["disposition"], body["disposition_note"], body["decided_by"]["id"]) == (
        "follow_up",
        "Ask the ministry",
        facilitator.pk,
    )
    assert body["decided_at"] is not None
    session.refresh_from_db()
    assert session.version == 2
    assert AuditEvent.objects.filter(verb="parking_lot_item.decided", actor=facilitator).exists()


@pytest.mark.parametrize("text", ["", "   ", "x" * 501])
def test_an_empty_or_overlong_parking_lot_item_is_refused(
    text: str, session: GroupSession, lead: User, client_for: Callable[[User], APIClient]
) -> None:
    response = client_for(lead).post(session_path(session, "parking-lot/"), {"text": text}, format="json")

    assert response.status_code == 400
    assert response.json()["text"]
    assert not ParkingLotItem.objects.exists()


def test_an_unknown_disposition_is_refused(
    session: GroupSession, lead: User, facilitator: User, client_for: Callable[[User], APIClient]
) -> None:
    item = park(session, lead)

    response = client_for(facilitator).patch(
        session_path(session, f"parking-lot/{item.pk}/"), {"disposition": "ignore"}, format="json"
    )

    assert response.status_code == 400
    item.refresh_from_db()
    assert item.disposition == ""


def test_the_author_takes_back_an_item_only_until_it_is_decided(
    session: GroupSession, lead: User, workspace: Any, inclusion_group: Any, client_for: Callable[[User], APIClient]
) -> None:
    colleague = make_person(workspace, "colleague@example.org", Role.MEMBER)
    inclusion_group.group_memberships.create(user=colleague)
    mine = park(session, lead)
    decided = park(session, lead, text="Decided already", disposition="answered")
    theirs = park(session, colleague)
    client = client_for(lead)

    assert client.delete(session_path(session, f"parking-lot/{mine.pk}/")).status_code == 204
    refused_decided = client.delete(session_path(session, f"parking-lot/{decided.pk}/"))
    refused_theirs = client.delete(session_path(session, f"parking-lot/{theirs.pk}/"))

    assert refused_decided.status_code == refused_theirs.status_code == 403
    assert refused_decided.json()["detail"].startswith("Only its author")
    assert set(ParkingLotItem.objects.values_list("pk", flat=True)) == {decided.pk, theirs.pk}


def test_a_parking_lot_item_of_another_session_is_404(
    session: GroupSession, private_session: GroupSession, facilitator: User, client_for: Callable[[User], APIClient]
) -> None:
    elsewhere = park(private_session, facilitator)

    response = client_for(facilitator).patch(
        session_path(session, f"parking-lot/{elsewhere.pk}/"), {"disposition": "answered"}, format="json"
    )

    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.disposition == ""
