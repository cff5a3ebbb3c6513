"""Who sees which working groups, and what the dashboard shows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from groups.models import GroupMembership, WorkingGroup
from workspace.models import Notification, Organisation, User, Workspace

pytestmark = pytest.mark.django_db

BASE = "/api/workspaces/test-network"


@pytest.fixture
def groups(inclusion_group: WorkingGroup, data_group: WorkingGroup, member: User, lead: User) -> None:
    GroupMembership.objects.create(group=data_group, user=member)


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("admin", ["Data and assessment", "Inclusive education and disability"]),
        ("executive", ["Data and assessment", "Inclusive education and disability"]),
        ("member", ["Data and assessment", "Inclusive education and disability"]),
        ("lead", ["Inclusive education and disability"]),
        ("facilitator", ["Inclusive education and disability"]),
        ("observer", ["Inclusive education and disability"]),
    ],
)
def test_private_groups_are_visible_only_to_their_members_and_the_committee(
    role: str, visible: list[str], groups: None, client_for: Callable[[User], APIClient], request: pytest.FixtureRequest
) -> None:
    response = client_for(request.getfixturevalue(role)).get(f"{BASE}/groups/")

    assert [group["name"] for group in response.json()["results"]] == visible


def test_outsider_gets_404_for_the_group_list(
    groups: None, client_for: Callable[[User], APIClient], outsider: User
) -> None:
    assert client_for(outsider).get(f"{BASE}/groups/").status_code == 404


def test_members_of_a_private_group_see_its_full_member_count(
    groups: None, client_for: Callable[[User], APIClient], member: User, executive: User, data_group: WorkingGroup
) -> None:
    GroupMembership.objects.create(group=data_group, user=executive)

    as_member = client_for(member).get(f"{BASE}/groups/").json()["results"]
    as_executive = client_for(executive).get(f"{BASE}/groups/").json()["results"]

    assert [g["member_count"] for g in as_member] == [g["member_count"] for g in as_executive] == [2, 1]


def test_group_list_shows_my_role_and_member_count(
    groups: None, client_for: Callable[[User], APIClient], lead: User
) -> None:
    group = client_for(lead).get(f"{BASE}/groups/").json()["results"][0]

    assert (group["my_role"], group["member_count"], group["visibility"]) == ("lead", 1, "workspace")


def test_group_list_query_count_does_not_grow(
    client_for: Callable[[User], APIClient], member: User, workspace: Workspace, django_assert_max_num_queries: Any
) -> None:
    for n in range(30):
        group = WorkingGroup.objects.create(workspace=workspace, name=f"Group {n}")
        GroupMembership.objects.create(group=group, user=member)
    client = client_for(member)

    with django_assert_max_num_queries(6):
        response = client.get(f"{BASE}/groups/")
    assert response.json()["count"] == 30


def test_dashboard_shows_my_groups_and_what_awaits_me(
    groups: None,
    client_for: Callable[[User], APIClient],
    member: User,
    workspace: Workspace,
    organisation: Organisation,
) -> None:
    Notification.objects.create(
        recipient=member, workspace=workspace, kind="membership.role_changed", params={"role": "facilitator"}
    )

    dashboard = client_for(member).get(f"{BASE}/dashboard/").json()

    assert dashboard["workspace"] == {
        "slug": "test-network",
        "name": "Test Education Network",
        "role": "member",
        "organisation": {"id": organisation.pk, "name": "Disability Inclusion Action", "acronym": "DIA"},
    }
    assert [group["name"] for group in dashboard["my_groups"]] == ["Data and assessment"]
    assert dashboard["upcoming_meetings"] == []
    assert dashboard["awaiting_me"][0]["message"] == "Your role in Test Education Network is now Facilitator."
