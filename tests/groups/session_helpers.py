"""A live meeting with group sessions, shared by the session, vote and session-permission tests.

Sessions are created directly: in the app the run-state service creates them when the meeting moves to
a group-work item. `lead` is in the session's group (Inclusive education, workspace-visible); `member`
is in another group (Data and assessment, private).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time, timedelta
from typing import Any

import pytest
from django.utils import timezone

from groups.models import (
    AgendaItem,
    AgendaItemKind,
    Dot,
    DotVote,
    DotVoteOption,
    GroupMembership,
    GroupSession,
    Meeting,
    MeetingStatus,
    ParkingLotItem,
    WorkingGroup,
)
from workspace.models import AuditEvent, User, Workspace

BASE = "/api/workspaces/test-network"


@pytest.fixture
def live_meeting(
    workspace: Workspace, inclusion_group: WorkingGroup, data_group: WorkingGroup, facilitator: User
) -> Meeting:
    meeting = Meeting.objects.create(
        workspace=workspace,
        title="Joint meeting",
        date=timezone.localdate(),
        start_time=time(8, 0),
        status=MeetingStatus.LIVE,
    )
    meeting.groups.set([inclusion_group, data_group])
    meeting.facilitators.set([facilitator])
    AgendaItem.objects.create(
        meeting=meeting, position=1, kind=AgendaItemKind.GROUP_WORK, title="Group work", planned_minutes=90
    )
    return meeting


@pytest.fixture
def session(live_meeting: Meeting, inclusion_group: WorkingGroup, facilitator: User, lead: User) -> GroupSession:
    return GroupSession.objects.create(
        meeting=live_meeting, item=live_meeting.items.get(), group=inclusion_group, facilitator=facilitator
    )


@pytest.fixture
def private_session(live_meeting: Meeting, data_group: WorkingGroup, member: User) -> GroupSession:
    return GroupSession.objects.create(meeting=live_meeting, item=live_meeting.items.get(), group=data_group)


@pytest.fixture
def member(member: User, data_group: WorkingGroup) -> User:
    """Overrides the conftest persona: here `member` belongs to another group (the private data group)."""
    GroupMembership.objects.create(group=data_group, user=member)
    return member


def session_path(session: GroupSession, suffix: str = "") -> str:
    return f"{BASE}/meetings/{session.meeting_id}/sessions/{session.pk}/{suffix}"


def open_vote(
    session: GroupSession,
    labels: Sequence[str] = ("Funding", "Teachers", "Data", "Buildings"),
    dots: int = 3,
    **extra: Any,
) -> DotVote:
    vote = DotVote.objects.create(
        session=session,
        question="Which root causes matter most?",
        dots_per_person=dots,
        closes_at=extra.pop("closes_at", timezone.now() + timedelta(minutes=5)),
        **extra,
    )
    for position, label in enumerate(labels, start=1):
        DotVoteOption.objects.create(vote=vote, position=position, label=label)
    return vote


def place(vote: DotVote, voter: User, *labels: str) -> None:
    for label in labels:
        Dot.objects.create(vote=vote, option=vote.options.get(label=label), voter=voter)


def park(
    session: GroupSession, author: User | None, text: str = "Who funds the ramps?", **extra: Any
) -> ParkingLotItem:
    return ParkingLotItem.objects.create(session=session, author=author, text=text, **extra)


def snapshot(session: GroupSession) -> dict[str, Any]:
    """What a refused request must leave exactly as it was."""
    session.refresh_from_db()
    return {
        "session": (
            session.version,
            session.current_step,
            session.status,
            session.step_minutes,
            session.facilitator_id,
            session.timer_running,
            session.timer_extra_seconds,
        ),
        "parking": list(
            ParkingLotItem.objects.filter(session=session).order_by("pk").values_list("pk", "text", "disposition")
        ),
        "votes": list(DotVote.objects.filter(session=session).order_by("pk").values_list("pk", "status", "closed_at")),
        "dots": list(
            Dot.objects.filter(vote__session=session).order_by("pk").values_list("pk", "option_id", "voter_id")
        ),
        "audit": AuditEvent.objects.count(),
    }
