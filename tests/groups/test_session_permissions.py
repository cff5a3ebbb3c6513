"""Who may see and do what in a group session: every endpoint against every persona.

Controllers (admin, executive, facilitator) run sessions; the group's own members (`lead`) take part;
a member of another group (`member`) and outsiders get 404; observers read and are refused (403) the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from typing import Any

import pytest
from rest_framework.test import APIClient

from groups.models import Dot, GroupSession, Meeting, WorkingGroup
from groups.selectors import session_list_for_user, session_permissions
from tests.conftest import make_person
from tests.groups import session_helpers
from tests.groups.session_helpers import open_vote, park, session_path, snapshot
from workspace.models import Membership, Role, User

pytestmark = pytest.mark.django_db

# The shared fixtures (a live meeting, its sessions, `member` in another group).
live_meeting = session_helpers.live_meeting
member = session_helpers.member
private_session = session_helpers.private_session
session = session_helpers.session

CONTROLLERS = {"admin", "executive", "facilitator"}
PARTICIPANTS = CONTROLLERS | {"lead"}
HIDDEN = {"member", "outsider"}

# name → (who may, method, url, payload, status when allowed); `other` is a second member of the group.
Endpoint = Callable[[GroupSession, User, User], tuple[str, str, str, dict[str, Any] | None, int]]


def _dot_endpoint(s: GroupSession, user: User, other: User) -> tuple[str, str, str, dict[str, Any] | None, int]:
    vote = open_vote(s)
    return (
        "participate",
        "post",
        session_path(s, f"votes/{vote.pk}/dots/"),
        {"option_id": vote.options.get(label="Funding").pk},
        200,
    )


def _undot_endpoint(s: GroupSession, user: User, other: User) -> tuple[str, str, str, dict[str, Any] | None, int]:
    vote = open_vote(s)
    option = vote.options.get(label="Data")
    Dot.objects.create(vote=vote, option=option, voter=user)
    return ("participate", "delete", session_path(s, f"votes/{vote.pk}/dots/{option.pk}/"), None, 200)


ENDPOINTS: dict[str, Endpoint] = {
    "detail": lambda s, u, o: ("read", "get", session_path(s), None, 200),
    "command": lambda s, u, o: ("control", "post", session_path(s, "commands/"), {"action": "step_next"}, 200),
    "timer command": lambda s, u, o: ("control", "post", session_path(s, "commands/"), {"action": "timer_start"}, 200),
    "park": lambda s, u, o: ("participate", "post", session_path(s, "parking-lot/"), {"text": "Ramps?"}, 201),
    "decide": lambda s, u, o: (
        "control",
        "patch",
        session_path(s, f"parking-lot/{park(s, o).pk}/"),
        {"disposition": "follow_up"},
        200,
    ),
    "remove someone else's item": lambda s, u, o: (
        "control",
        "delete",
        session_path(s, f"parking-lot/{park(s, o).pk}/"),
        None,
        204,
    ),
    "open vote": lambda s, u, o: (
        "control",
        "post",
        session_path(s, "votes/"),
        {"question": "Top causes?", "options": ["Funding", "Teachers"], "dots_per_person": 2, "minutes": 5},
        201,
    ),
    "place dot": _dot_endpoint,
    "remove my dot": _undot_endpoint,
    "close vote": lambda s, u, o: ("control", "post", session_path(s, f"votes/{open_vote(s).pk}/close/"), None, 200),
}


@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_every_persona_against_every_session_endpoint(
    endpoint: str,
    persona: tuple[str, User],
    session: GroupSession,
    workspace: Any,
    inclusion_group: WorkingGroup,
    client_for: Callable[[User], APIClient],
    django_capture_on_commit_callbacks: Any,
) -> None:
    name, user = persona
    other = make_person(workspace, "other@example.org", Role.MEMBER)
    inclusion_group.group_memberships.create(user=other)
    who, method, url, payload, allowed_status = ENDPOINTS[endpoint](session, user, other)
    before = snapshot(session)

    with django_capture_on_commit_callbacks(execute=True):
        response = getattr(client_for(user), method)(url, payload, format="json")

    allowed = {"read": PARTICIPANTS | {"observer"}, "participate": PARTICIPANTS, "control": CONTROLLERS}[who]
    expected = allowed_status if name in allowed else 404 if name in HIDDEN else 403
    assert response.status_code == expected, response.content
    if expected == 403:
        assert response.json()["detail"]
    if expected != allowed_status or who == "read":
        assert snapshot(session) == before
    else:
        session.refresh_from_db()
        assert session.version == before["session"][0] + 1


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("admin", 200),
        ("executive", 200),
        ("facilitator", 200),
        ("member", 200),  # in the private group
        ("lead", 404),  # in another group
        ("observer", 404),  # observers never see private groups
        ("outsider", 404),
    ],
)
def test_a_private_groups_session_is_seen_by_controllers_and_its_members_only(
    name: str,
    expected: int,
    private_session: GroupSession,
    client_for: Callable[[User], APIClient],
    request: pytest.FixtureRequest,
) -> None:
    user = request.getfixturevalue(name)

    response = client_for(user).get(session_path(private_session))

    assert response.status_code == expected, response.content
    if expected == 200:
        assert response.json()["group"]["name"] == "Data and assessment"


@pytest.mark.parametrize(
    ("name", "control", "participate"),
    [
        ("admin", True, True),
        ("executive", True, True),
        ("facilitator", True, True),
        ("lead", False, True),
        ("observer", False, False),
    ],
)
def test_the_session_tells_the_screen_what_the_person_may_do(
    name: str,
    control: bool,
    participate: bool,
    session: GroupSession,
    client_for: Callable[[User], APIClient],
    request: pytest.FixtureRequest,
) -> None:
    user = request.getfixturevalue(name)

    body = client_for(user).get(session_path(session)).json()

    assert body["permissions"] == {"control": control, "participate": participate}


def test_an_observer_in_the_group_still_only_reads(
    session: GroupSession,
    observer: User,
    inclusion_group: WorkingGroup,
    client_for: Callable[[User], APIClient],
) -> None:
    inclusion_group.group_memberships.create(user=observer)
    before = snapshot(session)

    response = client_for(observer).post(session_path(session, "parking-lot/"), {"text": "Ramps?"}, format="json")

    assert response.status_code == 403
    assert snapshot(session) == before


def test_a_session_of_another_meeting_is_404_through_this_meetings_url(
    session: GroupSession, live_meeting: Any, admin: User, client_for: Callable[[User], APIClient]
) -> None:
    other_meeting = Meeting.objects.create(
        workspace=live_meeting.workspace, title="Another meeting", date=live_meeting.date, start_time=time(14, 0)
    )
    url = f"/api/workspaces/test-network/meetings/{other_meeting.pk}/sessions/{session.pk}/"

    assert client_for(admin).get(url).status_code == 404


def test_session_list_for_the_consumer_follows_the_same_rules(
    session: GroupSession,
    private_session: GroupSession,
    live_meeting: Any,
    lead: User,
    member: User,
    observer: User,
    executive: User,
) -> None:
    def visible(user: User) -> list[int]:
        actor = Membership.objects.get(user=user)
        return [s.pk for s in session_list_for_user(actor=actor, meeting=live_meeting)]

    assert visible(lead) == [session.pk]
    assert visible(member) == [private_session.pk]
    assert visible(observer) == [session.pk]
    # Ordered by group name: Data and assessment before Inclusive education.
    assert visible(executive) == [private_session.pk, session.pk]
    lead_actor = Membership.objects.get(user=lead)
    loaded_elsewhere = GroupSession.objects.get(pk=session.pk)
    assert session_permissions(actor=lead_actor, session=loaded_elsewhere).participate
    assert not session_permissions(actor=lead_actor, session=loaded_elsewhere).control
