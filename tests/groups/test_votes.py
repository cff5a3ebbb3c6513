"""Dot votes in a group session: opening, the dot limit and deadline the server enforces, hidden
results while open, the top options at close, and the closing task."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
from django import db
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from rest_framework.test import APIClient

from groups import services, tasks
from groups.models import Dot, DotVote, DotVoteStatus, GroupSession
from groups.services import votes as votes_service
from tests.conftest import make_person
from tests.groups import session_helpers
from tests.groups.session_helpers import open_vote, place, session_path, snapshot
from workspace.models import AuditEvent, Membership, Role, User

pytestmark = pytest.mark.django_db

# The shared fixtures (a live meeting, its sessions, `member` in another group).
live_meeting = session_helpers.live_meeting
member = session_helpers.member
private_session = session_helpers.private_session
session = session_helpers.session

VOTE = {"question": "Which root causes matter most?", "options": ["Funding", "Teachers"], "dots_per_person": 3}


def dots_path(vote: DotVote, suffix: str = "") -> str:
    return session_path(vote.session, f"votes/{vote.pk}/dots/{suffix}")


def option_id(vote: DotVote, label: str) -> int:
    return vote.options.get(label=label).pk


# --- Opening ----------------------------------------------------------------------------------------


def test_a_facilitator_opens_a_vote_that_closes_by_itself_at_its_deadline(
    session: GroupSession,
    facilitator: User,
    client_for: Callable[[User], APIClient],
    django_capture_on_commit_callbacks: Any,
) -> None:
    with (
        mock.patch.object(tasks.dot_vote_close_due, "apply_async") as schedule,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client_for(facilitator).post(
            session_path(session, "votes/"),
            {**VOTE, "options": [" Funding ", "Teachers", "Data"], "minutes": 5},
            format="json",
        )

    assert response.status_code == 201, response.content
    body = response.json()
    assert [(o["position"], o["label"], o["total"], o["top"]) for o in body["options"]] == [
        (1, "Funding", None, False),
        (2, "Teachers", None, False),
        (3, "Data", None, False),
    ]
    assert (body["status"], body["results_visible"], body["voters_count"], body["my_dots_used"]) == (
        "open",
        False,
        0,
        0,
    )
    closes_at = parse_datetime(body["closes_at"])
    assert closes_at is not None
    assert timedelta(minutes=4) < closes_at - timezone.now() <= timedelta(minutes=5)
    schedule.assert_called_once_with(args=[body["id"]], eta=DotVote.objects.get().closes_at)
    assert AuditEvent.objects.filter(verb="dot_vote.opened", actor=facilitator).exists()
    session.refresh_from_db()
    assert session.version == 1


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"options": ["Funding"]}, "options", "Offer from 2 to 30 options."),
        ({"options": ["Funding", "funding "]}, "options", "Each option must be different: “funding” is there twice."),
        ({"options": ["Funding", ""]}, "options", "Every option needs a label of 1 to 200 characters."),
        ({"options": [f"Option {n}" for n in range(31)]}, "options", "Offer from 2 to 30 options."),
        ({"dots_per_person": 0}, "dots_per_person", "Give each person from 1 to 10 dots."),
        ({"dots_per_person": 11}, "dots_per_person", "Give each person from 1 to 10 dots."),
        ({"minutes": 0}, "minutes", "A vote lasts from 1 to 60 minutes."),
        ({"minutes": 61}, "minutes", "A vote lasts from 1 to 60 minutes."),
    ],
)
def test_a_vote_with_bad_settings_is_refused_with_a_clear_message(
    change: dict[str, Any],
    field: str,
    message: str,
    session: GroupSession,
    facilitator: User,
    client_for: Callable[[User], APIClient],
) -> None:
    response = client_for(facilitator).post(
        session_path(session, "votes/"), {**VOTE, "minutes": 5, **change}, format="json"
    )

    assert response.status_code == 400
    assert response.json()[field] == [message]
    assert not DotVote.objects.exists()


def test_a_session_has_one_open_vote_at_a_time(
    session: GroupSession, facilitator: User, client_for: Callable[[User], APIClient]
) -> None:
    first = open_vote(session)
    before = snapshot(session)

    response = client_for(facilitator).post(session_path(session, "votes/"), {**VOTE, "minutes": 5}, format="json")

    assert response.status_code == 400
    assert response.json() == {"detail": "This session already has an open vote. Close it before opening another."}
    assert snapshot(session) == before
    assert list(DotVote.objects.values_list("pk", flat=True)) == [first.pk]


def test_a_vote_past_its_deadline_is_closed_when_the_next_one_opens(
    session: GroupSession, facilitator: User, client_for: Callable[[User], APIClient]
) -> None:
    expired = open_vote(session, closes_at=timezone.now() - timedelta(seconds=5))

    response = client_for(facilitator).post(session_path(session, "votes/"), {**VOTE, "minutes": 5}, format="json")

    assert response.status_code == 201, response.content
    expired.refresh_from_db()
    assert expired.status == DotVoteStatus.CLOSED
    assert DotVote.objects.get(status=DotVoteStatus.OPEN).pk == response.json()["id"]


# --- Dots -------------------------------------------------------------------------------------------


def test_dots_stack_up_to_the_limit_and_the_fourth_of_three_is_refused(
    session: GroupSession, lead: User, client_for: Callable[[User], APIClient], django_capture_on_commit_callbacks: Any
) -> None:
    vote = open_vote(session, dots=3)
    client = client_for(lead)
    with django_capture_on_commit_callbacks(execute=True):
        for label in ("Funding", "Funding", "Data"):
            assert client.post(dots_path(vote), {"option_id": option_id(vote, label)}, format="json").status_code == 200

    refused = client.post(dots_path(vote), {"option_id": option_id(vote, "Teachers")}, format="json")

    assert refused.status_code == 400
    assert refused.json() == {"detail": "You have used all your 3 dots."}
    assert Dot.objects.filter(voter=lead).count() == 3
    body = client.get(session_path(session)).json()["votes"][0]
    assert body["my_dots_used"] == 3
    assert [(o["label"], o["my_dots"], o["total"]) for o in body["options"]] == [
        ("Funding", 2, None),
        ("Teachers", 0, None),
        ("Data", 1, None),
        ("Buildings", 0, None),
    ]


def test_a_refused_dot_speaks_khmer_to_a_khmer_reader(
    session: GroupSession, lead: User, client_for: Callable[[User], APIClient]
) -> None:
    lead.preferred_language = "km"
    lead.save()
    vote = open_vote(session, dots=1)
    place(vote, lead, "Data")

    refused = client_for(lead).post(dots_path(vote), {"option_id": option_id(vote, "Funding")}, format="json")

    assert refused.status_code == 400
    assert refused.json() == {"detail": "អ្នកបានប្រើចំណុចទាំង 1 របស់អ្នកអស់ហើយ។"}


def test_while_open_nobody_sees_anyone_elses_dots(
    session: GroupSession,
    lead: User,
    facilitator: User,
    executive: User,
    client_for: Callable[[User], APIClient],
) -> None:
    vote = open_vote(session)
    place(vote, lead, "Funding", "Funding")
    place(vote, executive, "Data")

    for user in (facilitator, lead):
        body = client_for(user).get(session_path(session)).json()["votes"][0]
        assert body["voters_count"] == 2
        assert body["results_visible"] is False
        assert all(option["total"] is None and option["top"] is False for option in body["options"])
        assert sum(option["my_dots"] for option in body["options"]) == (2 if user == lead else 0)


def test_a_dot_on_an_option_of_another_vote_is_refused(
    session: GroupSession, lead: User, client_for: Callable[[User], APIClient]
) -> None:
    old = open_vote(session, status=DotVoteStatus.CLOSED)
    vote = open_vote(session)

    response = client_for(lead).post(dots_path(vote), {"option_id": option_id(old, "Data")}, format="json")

    assert response.status_code == 400
    assert response.json() == {"option_id": ["Choose an option of this vote."]}
    assert not Dot.objects.exists()


def test_a_dot_after_the_deadline_is_refused_before_the_closing_task_has_run(
    session: GroupSession, lead: User, client_for: Callable[[User], APIClient]
) -> None:
    vote = open_vote(session, closes_at=timezone.now() - timedelta(seconds=1))
    place(vote, lead, "Data")
    before = snapshot(session)

    placed = client_for(lead).post(dots_path(vote), {"option_id": option_id(vote, "Funding")}, format="json")
    removed = client_for(lead).delete(dots_path(vote, f"{option_id(vote, 'Data')}/"))

    assert placed.status_code == removed.status_code == 400
    assert placed.json() == removed.json() == {"detail": "This vote has closed."}
    assert snapshot(session) == before


def test_a_dot_on_a_closed_vote_is_refused(
    session: GroupSession, lead: User, client_for: Callable[[User], APIClient]
) -> None:
    vote = open_vote(session, status=DotVoteStatus.CLOSED, closed_at=timezone.now())

    response = client_for(lead).post(dots_path(vote), {"option_id": option_id(vote, "Funding")}, format="json")

    assert response.status_code == 400
    assert response.json() == {"detail": "This vote has closed."}
    assert not Dot.objects.exists()


def test_taking_back_a_dot_removes_one_of_mine_only(
    session: GroupSession, lead: User, executive: User, client_for: Callable[[User], APIClient]
) -> None:
    vote = open_vote(session)
    place(vote, lead, "Data", "Data")
    place(vote, executive, "Data")
    client = client_for(lead)

    first = client.delete(dots_path(vote, f"{option_id(vote, 'Data')}/"))
    nothing = client.delete(dots_path(vote, f"{option_id(vote, 'Funding')}/"))

    assert first.status_code == 200
    assert first.json()["my_dots_used"] == 1
    assert nothing.status_code == 400
    assert nothing.json() == {"option_id": ["You have no dot on this option."]}
    assert Dot.objects.filter(voter=lead).count() == 1
    assert Dot.objects.filter(voter=executive).count() == 1


# --- Closing and results ----------------------------------------------------------------------------


def test_closing_reveals_the_totals_and_marks_the_top_three_ranks_with_ties(
    session: GroupSession,
    facilitator: User,
    workspace: Any,
    client_for: Callable[[User], APIClient],
    django_capture_on_commit_callbacks: Any,
) -> None:
    vote = open_vote(session, labels=["A", "B", "C", "D", "E", "F"], dots=5)
    voters = [make_person(workspace, f"voter{n}@example.org", Role.MEMBER) for n in range(2)]
    # Totals: A 4, B 4, C 1, D 1, E 0, F 0 → ranks 1, 1, 3, 3: A, B, C and D are top; nothing without dots.
    place(vote, voters[0], "A", "A", "B", "B", "C")
    place(vote, voters[1], "A", "A", "B", "B", "D")

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(facilitator).post(session_path(session, f"votes/{vote.pk}/close/"))

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["results_visible"], body["voters_count"]) == ("closed", True, 2)
    assert [(o["label"], o["total"], o["top"]) for o in body["options"]] == [
        ("A", 4, True),
        ("B", 4, True),
        ("C", 1, True),
        ("D", 1, True),
        ("E", 0, False),
        ("F", 0, False),
    ]
    assert AuditEvent.objects.filter(verb="dot_vote.closed", actor=facilitator).count() == 1


def test_ties_share_a_rank_so_the_top_may_hold_more_or_fewer_ranks(
    session: GroupSession, lead: User, workspace: Any
) -> None:
    from groups.selectors import dot_vote_get_for_user
    from workspace.models import Membership

    vote = open_vote(session, labels=["A", "B", "C", "D"], dots=10, status=DotVoteStatus.CLOSED)
    place(vote, lead, "A", "A", "A", "B", "B", "C", "D")  # 3, 2, 1, 1 → A, B and both at rank 3

    shown = dot_vote_get_for_user(actor=Membership.objects.get(user=lead), session=session, vote_id=vote.pk)

    assert [(o.label, o.top) for o in shown.ranked_options] == [("A", True), ("B", True), ("C", True), ("D", True)]  # type: ignore[attr-defined]
    vote2 = open_vote(session, labels=["A", "B", "C", "D"], dots=10, status=DotVoteStatus.CLOSED)
    place(vote2, lead, "A", "A", "B", "B", "C", "D", "D")  # 2, 2, 1, 2 → three share rank 1; C is rank 4
    shown2 = dot_vote_get_for_user(actor=Membership.objects.get(user=lead), session=session, vote_id=vote2.pk)
    assert [(o.label, o.top) for o in shown2.ranked_options] == [("A", True), ("B", True), ("C", False), ("D", True)]  # type: ignore[attr-defined]


def test_a_member_cannot_close_a_vote_and_a_closed_vote_cannot_close_again(
    session: GroupSession, lead: User, facilitator: User, client_for: Callable[[User], APIClient]
) -> None:
    vote = open_vote(session)
    before = snapshot(session)

    refused = client_for(lead).post(session_path(session, f"votes/{vote.pk}/close/"))

    assert refused.status_code == 403
    assert snapshot(session) == before
    assert client_for(facilitator).post(session_path(session, f"votes/{vote.pk}/close/")).status_code == 200
    again = client_for(facilitator).post(session_path(session, f"votes/{vote.pk}/close/"))
    assert again.status_code == 400
    assert again.json() == {"detail": "This vote has already closed."}


def test_a_vote_of_another_session_is_404(
    session: GroupSession, private_session: GroupSession, facilitator: User, client_for: Callable[[User], APIClient]
) -> None:
    elsewhere = open_vote(private_session)

    response = client_for(facilitator).post(session_path(session, f"votes/{elsewhere.pk}/close/"))

    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.status == DotVoteStatus.OPEN


# --- The closing task -------------------------------------------------------------------------------


def test_the_due_task_closes_a_vote_once_and_running_it_again_changes_nothing(
    session: GroupSession, django_capture_on_commit_callbacks: Any
) -> None:
    vote = open_vote(session, closes_at=timezone.now() - timedelta(seconds=1))

    with django_capture_on_commit_callbacks(execute=True):
        first = tasks.dot_vote_close_due.delay(vote.pk).get()
        second = tasks.dot_vote_close_due.delay(vote.pk).get()

    assert (first, second) == (True, False)
    vote.refresh_from_db()
    assert vote.status == DotVoteStatus.CLOSED
    closed_at = vote.closed_at
    session.refresh_from_db()
    assert session.version == 1
    assert AuditEvent.objects.filter(verb="dot_vote.closed", actor=None).count() == 1
    tasks.dot_vote_close_due.delay(vote.pk)
    vote.refresh_from_db()
    assert vote.closed_at == closed_at


def test_the_due_task_leaves_a_vote_that_is_not_yet_due(session: GroupSession) -> None:
    vote = open_vote(session)

    assert tasks.dot_vote_close_due.delay(vote.pk).get() is False
    assert tasks.dot_vote_close_due.delay(vote.pk + 1000).get() is False

    vote.refresh_from_db()
    assert vote.status == DotVoteStatus.OPEN


def test_the_sweep_closes_every_overdue_vote_and_only_those(
    session: GroupSession, private_session: GroupSession
) -> None:
    overdue = [open_vote(s, closes_at=timezone.now() - timedelta(minutes=2)) for s in (session, private_session)]
    running = open_vote(
        GroupSession.objects.create(meeting=session.meeting, item=session.item, group=_third_group(session)),
    )

    assert tasks.dot_votes_close_overdue.delay().get() == 2
    assert tasks.dot_votes_close_overdue.delay().get() == 0

    assert set(DotVote.objects.filter(status=DotVoteStatus.CLOSED).values_list("pk", flat=True)) == {
        v.pk for v in overdue
    }
    running.refresh_from_db()
    assert running.status == DotVoteStatus.OPEN


def _third_group(session: GroupSession) -> Any:
    from groups.models import WorkingGroup

    return WorkingGroup.objects.create(workspace=session.meeting.workspace, name="Gender")


def test_the_sweep_runs_every_minute() -> None:
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["dot-votes-close-overdue"]

    assert entry["task"] == tasks.dot_votes_close_overdue.name
    assert entry["schedule"] == timedelta(minutes=1)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises every writer; the race needs row locks"
)
@pytest.mark.django_db(transaction=True)
def test_dots_sent_at_once_from_two_tabs_never_pass_the_limit(session: GroupSession, lead: User) -> None:
    vote = open_vote(session, dots=3)
    place(vote, lead, "Data", "Data")
    actor = Membership.objects.get(user=lead)
    option = option_id(vote, "Funding")
    barrier = threading.Barrier(5)
    outcomes: list[str] = []

    def click() -> None:
        try:
            barrier.wait()
            services.dot_place(actor=actor, vote=vote, option_id=option)
            outcomes.append("placed")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            db.connections.close_all()

    original = votes_service._option_of

    def slow_option_of(*args: Any) -> Any:
        # Widens the window between reading how many dots are used and adding one, where a race would be.
        time.sleep(0.2)
        return original(*args)

    threads = [threading.Thread(target=click) for _ in range(5)]
    with mock.patch.object(votes_service, "_option_of", slow_option_of):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert sorted(outcomes) == ["You have used all your 3 dots."] * 4 + ["placed"]
    assert Dot.objects.filter(vote=vote, voter=lead).count() == 3
