"""Who may see and run a live meeting over REST, per persona; and who sees which private group."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from groups.models import GroupSession, Meeting, MeetingRunState, MeetingStatus, WorkingGroup
from tests.conftest import make_person
from tests.groups.test_live import BASE, command, live_path, make_live_meeting
from workspace.models import Role, User, Workspace

pytestmark = pytest.mark.django_db

CONTROLLERS = {"admin", "executive", "facilitator"}

# A command for each action, and what makes it valid on a meeting started on its first item.
COMMANDS: dict[str, Callable[[Meeting], dict[str, Any]]] = {
    "next": lambda meeting: {},
    "go_to": lambda meeting: {"item_id": meeting.items.order_by("position").last().pk},  # type: ignore[union-attr]
    "timer_pause": lambda meeting: {},
    "timer_extend": lambda meeting: {"minutes": 5},
    "spotlight": lambda meeting: {"kind": "group", "id": meeting.groups.first().pk},  # type: ignore[union-attr]
    "editing": lambda meeting: {"open": True},
    "end": lambda meeting: {},
}


@pytest.fixture
def meeting(workspace: Workspace, inclusion_group: WorkingGroup, facilitator: User, lead: User) -> Meeting:
    return make_live_meeting(workspace, groups=[inclusion_group], facilitators=[facilitator])


@pytest.fixture
def started(client_for: Callable[[User | None], APIClient], admin: User, meeting: Meeting) -> Meeting:
    assert command(client_for(admin), meeting, "start").status_code == 200
    return meeting


def test_everyone_in_the_workspace_sees_the_live_meeting_and_outsiders_get_404(
    client_for: Callable[[User | None], APIClient], started: Meeting, persona: tuple[str, User]
) -> None:
    name, user = persona

    response = client_for(user).get(live_path(started))

    if name == "outsider":
        assert response.status_code == 404
        return
    assert response.status_code == 200, response.content
    assert response.json()["permissions"] == {"control": name in CONTROLLERS}
    assert response.json()["run_state"]["version"] == 1


def test_signed_out_people_cannot_read_or_run_the_meeting(anonymous_client: APIClient, started: Meeting) -> None:
    assert anonymous_client.get(live_path(started)).status_code in (401, 403)
    assert command(anonymous_client, started, "next").status_code in (401, 403)
    assert MeetingRunState.objects.get(meeting=started).version == 1


@pytest.mark.parametrize("action", sorted(COMMANDS))
def test_only_controllers_run_the_meeting_and_a_refusal_changes_nothing(
    client_for: Callable[[User | None], APIClient], started: Meeting, persona: tuple[str, User], action: str
) -> None:
    name, user = persona
    before = MeetingRunState.objects.get(meeting=started)

    response = command(client_for(user), started, action, **COMMANDS[action](started))

    if name in CONTROLLERS:
        assert response.status_code == 200, response.content
        assert response.json()["run_state"]["version"] == 2
        return
    expected = 404 if name == "outsider" else 403
    assert response.status_code == expected, response.content
    if expected == 403:
        assert response.json() == {
            "detail": "Only administrators, the executive committee and facilitators can run a live meeting."
        }
    after = MeetingRunState.objects.get(meeting=started)
    assert (after.version, after.current_item_id, after.timer_running, after.timer_extra_seconds) == (
        before.version,
        before.current_item_id,
        before.timer_running,
        before.timer_extra_seconds,
    )
    assert (after.spotlight, after.editing_open, after.ended_at) == (None, False, None)
    started.refresh_from_db()
    assert started.status == MeetingStatus.LIVE


def test_only_controllers_start_a_meeting(
    client_for: Callable[[User | None], APIClient], meeting: Meeting, persona: tuple[str, User]
) -> None:
    name, user = persona

    response = command(client_for(user), meeting, "start")

    expected = 200 if name in CONTROLLERS else 404 if name == "outsider" else 403
    assert response.status_code == expected, response.content
    meeting.refresh_from_db()
    assert meeting.status == (MeetingStatus.LIVE if name in CONTROLLERS else MeetingStatus.PLANNED)
    assert MeetingRunState.objects.filter(meeting=meeting).exists() == (name in CONTROLLERS)


def test_a_member_with_bad_input_is_told_they_may_not_rather_than_what_is_wrong(
    client_for: Callable[[User | None], APIClient], started: Meeting, member: User
) -> None:
    response = command(client_for(member), started, "timer_extend", minutes=-5)

    assert response.status_code == 403


def test_a_refused_command_speaks_khmer_to_a_khmer_speaker(
    client_for: Callable[[User | None], APIClient], started: Meeting, member: User
) -> None:
    member.preferred_language = "km"
    member.save(update_fields=["preferred_language"])

    response = command(client_for(member), started, "next")

    assert response.status_code == 403
    assert response.json() == {"detail": "មានតែអ្នកគ្រប់គ្រង គណៈកម្មាធិការប្រតិបត្តិ និងអ្នកសម្របសម្រួលទេ ដែលអាចដំណើរការកិច្ចប្រជុំផ្ទាល់បាន។"}


def test_an_invalid_command_speaks_khmer_to_a_khmer_speaking_facilitator(
    client_for: Callable[[User | None], APIClient], started: Meeting, facilitator: User
) -> None:
    facilitator.preferred_language = "km"
    facilitator.save(update_fields=["preferred_language"])

    response = command(client_for(facilitator), started, "previous")

    assert response.status_code == 400
    assert response.json() == {"detail": "នេះជាចំណុចរបៀបវារៈដំបូង។"}


# --- Private groups seen by the facilitators assigned to them -----------------------------------------


def group_visible(client: APIClient, group: WorkingGroup) -> bool:
    detail = client.get(f"{BASE}/groups/{group.pk}/")
    listed = any(row["id"] == group.pk for row in client.get(f"{BASE}/groups/").json()["results"])
    assert listed == (detail.status_code == 200)
    return detail.status_code == 200


def test_a_facilitator_sees_a_private_group_of_a_meeting_they_facilitate(
    client_for: Callable[[User | None], APIClient],
    workspace: Workspace,
    data_group: WorkingGroup,
    facilitator: User,
) -> None:
    client = client_for(facilitator)
    assert not group_visible(client, data_group)

    make_live_meeting(workspace, groups=[data_group], facilitators=[facilitator])

    assert group_visible(client, data_group)
    # Another facilitator of the workspace, not assigned, still does not.
    other = make_person(workspace, "other.facilitator@example.org", Role.FACILITATOR)
    assert not group_visible(client_for(other), data_group)


def test_a_facilitator_sees_a_private_group_whose_session_they_run(
    client_for: Callable[[User | None], APIClient],
    workspace: Workspace,
    data_group: WorkingGroup,
    facilitator: User,
    admin: User,
) -> None:
    meeting = make_live_meeting(workspace, groups=[data_group])  # facilitated by nobody
    client = client_for(facilitator)
    assert not group_visible(client, data_group)

    command(client_for(admin), meeting, "start")  # the group-work item is second
    command(client_for(admin), meeting, "next")
    GroupSession.objects.filter(meeting=meeting).update(facilitator=facilitator)

    assert group_visible(client, data_group)


def test_only_the_facilitator_role_is_assigned_to_private_groups_through_sessions(
    client_for: Callable[[User | None], APIClient],
    workspace: Workspace,
    data_group: WorkingGroup,
    member: User,
    observer: User,
    admin: User,
) -> None:
    meeting = make_live_meeting(workspace, groups=[data_group])
    command(client_for(admin), meeting, "start")
    command(client_for(admin), meeting, "next")
    session = GroupSession.objects.get(meeting=meeting)

    for user in (member, observer):
        session.facilitator = user
        session.save(update_fields=["facilitator"])
        assert not group_visible(client_for(user), data_group)
