"""Creating and editing working groups and managing their members: who may, what is refused, what is recorded."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from groups.models import GroupMembership, GroupRole, Visibility, WorkingGroup
from tests.conftest import make_person
from workspace.models import AuditEvent, Membership, Notification, Organisation, Role, User, Workspace

pytestmark = pytest.mark.django_db

BASE = "/api/workspaces/test-network"
ALLOWED = {"get": 200, "post": 201, "patch": 200, "delete": 204}


@pytest.fixture
def target(workspace: Workspace, organisation: Organisation) -> User:
    """A person of the workspace the tests add to groups, promote and remove."""
    return make_person(workspace, "target@example.org", Role.MEMBER, organisation)


def group_path(group: WorkingGroup, suffix: str = "") -> str:
    return f"{BASE}/groups/{group.pk}/{suffix}"


# (method, url, payload) for one write endpoint on `group`, `target` being a plain member of it.
WRITE_ENDPOINTS: dict[str, Callable[[WorkingGroup, GroupMembership, User], tuple[str, str, dict[str, Any] | None]]] = {
    "create group": lambda g, gm, u: ("post", f"{BASE}/groups/", {"name": "Gender", "visibility": "workspace"}),
    "edit description": lambda g, gm, u: ("patch", group_path(g), {"description": "Ramps, sign language, teachers."}),
    "change visibility": lambda g, gm, u: ("patch", group_path(g), {"visibility": "private"}),
    "rename": lambda g, gm, u: ("patch", group_path(g), {"name": "Inclusion"}),
    "list candidates": lambda g, gm, u: ("get", group_path(g, "member-candidates/"), None),
    "add member": lambda g, gm, u: ("post", group_path(g, "members/"), {"user_id": u.pk, "role": "member"}),
    "change member role": lambda g, gm, u: ("patch", group_path(g, f"members/{gm.pk}/"), {"role": "lead"}),
    "remove member": lambda g, gm, u: ("delete", group_path(g, f"members/{gm.pk}/"), None),
}
# What each persona gets on the inclusion group, which `lead` leads and nobody else belongs to.
EXPECTED: dict[str, int | str] = {
    "admin": "allowed",
    "executive": "allowed",
    "facilitator": 403,
    "member": 403,
    "observer": 403,
    "outsider": 404,
}
LEAD_MAY = {"edit description", "list candidates", "add member", "change member role", "remove member"}


@pytest.mark.parametrize("endpoint", list(WRITE_ENDPOINTS))
def test_every_persona_against_every_group_write(
    endpoint: str,
    persona: tuple[str, User],
    inclusion_group: WorkingGroup,
    target: User,
    workspace: Workspace,
    client_for: Callable[[User], APIClient],
    django_capture_on_commit_callbacks: Any,
) -> None:
    name, user = persona
    newcomer = make_person(workspace, "newcomer@example.org", Role.MEMBER)
    target_membership = GroupMembership.objects.create(group=inclusion_group, user=target)
    # A second lead, so "change role" and "remove" are never refused for the last-lead rule.
    second_lead = make_person(workspace, "second.lead@example.org", Role.MEMBER)
    GroupMembership.objects.create(group=inclusion_group, user=second_lead, role=GroupRole.LEAD)
    method, url, payload = WRITE_ENDPOINTS[endpoint](inclusion_group, target_membership, newcomer)

    with django_capture_on_commit_callbacks(execute=True):
        response = getattr(client_for(user), method)(url, payload, format="json")

    if name == "lead":
        expected: int | str = "allowed" if endpoint in LEAD_MAY else 403
    else:
        expected = EXPECTED[name]
    expected_status = ALLOWED[method] if expected == "allowed" else expected
    assert response.status_code == expected_status, response.content
    if expected != "allowed":
        assert response.json()["detail"]
        inclusion_group.refresh_from_db()
        assert (inclusion_group.name, inclusion_group.description, inclusion_group.visibility) == (
            "Inclusive education and disability",
            "",
            Visibility.WORKSPACE,
        )
        assert GroupMembership.objects.get(pk=target_membership.pk).role == GroupRole.MEMBER
        assert not GroupMembership.objects.filter(user=newcomer).exists()
        assert not WorkingGroup.objects.filter(name="Gender").exists()
        assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("role", ["facilitator", "member", "observer", "lead"])
def test_insiders_who_cannot_see_a_private_group_get_404_for_every_endpoint(
    role: str,
    data_group: WorkingGroup,
    target: User,
    client_for: Callable[[User], APIClient],
    request: pytest.FixtureRequest,
) -> None:
    client = client_for(request.getfixturevalue(role))
    gm = GroupMembership.objects.create(group=data_group, user=target)

    responses = [
        client.get(group_path(data_group)),
        client.patch(group_path(data_group), {"description": "x"}, format="json"),
        client.get(group_path(data_group, "members/")),
        client.post(group_path(data_group, "members/"), {"user_id": target.pk}, format="json"),
        client.patch(group_path(data_group, f"members/{gm.pk}/"), {"role": "lead"}, format="json"),
        client.delete(group_path(data_group, f"members/{gm.pk}/")),
        client.get(group_path(data_group, "member-candidates/")),
    ]

    assert [r.status_code for r in responses] == [404] * len(responses)


def test_a_plain_member_of_a_private_group_sees_it_but_cannot_manage_it(
    data_group: WorkingGroup, member: User, target: User, client_for: Callable[[User], APIClient]
) -> None:
    GroupMembership.objects.create(group=data_group, user=member)
    client = client_for(member)

    detail = client.get(group_path(data_group))
    add = client.post(group_path(data_group, "members/"), {"user_id": target.pk}, format="json")

    assert detail.status_code == 200
    assert detail.json()["permissions"] == {"edit_details": False, "edit_settings": False, "manage_members": False}
    assert add.status_code == 403
    assert add.json() == {
        "detail": "Only the group's leads, administrators and the executive committee can manage its members."
    }


def test_a_lead_cannot_manage_another_group(
    lead: User, workspace: Workspace, target: User, client_for: Callable[[User], APIClient]
) -> None:
    other = WorkingGroup.objects.create(workspace=workspace, name="Gender", visibility=Visibility.WORKSPACE)
    GroupMembership.objects.create(group=other, user=lead, role=GroupRole.MEMBER)
    client = client_for(lead)

    add = client.post(group_path(other, "members/"), {"user_id": target.pk}, format="json")
    edit = client.patch(group_path(other), {"description": "Taken over"}, format="json")

    assert (add.status_code, edit.status_code) == (403, 403)
    assert not GroupMembership.objects.filter(group=other, user=target).exists()


def test_the_lead_sees_what_they_may_change_on_the_group_page(
    lead: User, inclusion_group: WorkingGroup, client_for: Callable[[User], APIClient]
) -> None:
    detail = client_for(lead).get(group_path(inclusion_group)).json()

    assert detail["my_role"] == "lead"
    assert detail["permissions"] == {"edit_details": True, "edit_settings": False, "manage_members": True}


def test_executive_creates_a_private_group_and_it_is_audited(
    executive: User, member: User, client_for: Callable[[User], APIClient]
) -> None:
    response = client_for(executive).post(
        f"{BASE}/groups/",
        {"name": "  Early childhood ", "theme": "ECCE", "description": "Pre-school access", "visibility": "private"},
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["name"], body["visibility"], body["member_count"], body["my_role"]) == (
        "Early childhood",
        "private",
        0,
        None,
    )
    assert AuditEvent.objects.get(verb="working_group.created").after["visibility"] == "private"
    # Nobody is in it yet, so an ordinary member does not see it.
    assert client_for(member).get(f"{BASE}/groups/{body['id']}/").status_code == 404


def test_group_names_are_unique_in_a_workspace_whatever_the_case(
    admin: User, inclusion_group: WorkingGroup, client_for: Callable[[User], APIClient]
) -> None:
    client = client_for(admin)
    other = WorkingGroup.objects.create(workspace=inclusion_group.workspace, name="Gender")

    created = client.post(f"{BASE}/groups/", {"name": "INCLUSIVE EDUCATION AND DISABILITY"}, format="json")
    renamed = client.patch(group_path(other), {"name": "inclusive education and disability"}, format="json")
    missing = client.post(f"{BASE}/groups/", {"visibility": "secret"}, format="json")

    assert created.status_code == renamed.status_code == missing.status_code == 400
    assert created.json() == {"name": ["Another working group in this workspace already has this name."]}
    assert renamed.json() == created.json()
    assert set(missing.json()) == {"name", "visibility"}


def test_lead_edits_theme_and_description_but_not_visibility(
    lead: User, inclusion_group: WorkingGroup, client_for: Callable[[User], APIClient]
) -> None:
    client = client_for(lead)

    edited = client.patch(group_path(inclusion_group), {"theme": "Disability", "description": "Ramps"}, format="json")
    unchanged_visibility = client.patch(group_path(inclusion_group), {"visibility": "workspace"}, format="json")
    private = client.patch(group_path(inclusion_group), {"visibility": "private"}, format="json")

    assert edited.status_code == 200
    assert (edited.json()["theme"], edited.json()["description"]) == ("Disability", "Ramps")
    assert unchanged_visibility.status_code == 200
    assert private.status_code == 403
    assert private.json() == {
        "detail": "Only administrators and the executive committee can rename a working group or change its visibility."
    }
    event = AuditEvent.objects.get(verb="working_group.updated")
    assert (event.before, event.after) == (
        {"theme": "", "description": ""},
        {"theme": "Disability", "description": "Ramps"},
    )


def test_lead_adds_a_member_who_is_notified_and_the_change_is_audited(
    lead: User,
    target: User,
    inclusion_group: WorkingGroup,
    client_for: Callable[[User], APIClient],
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(lead).post(
            group_path(inclusion_group, "members/"), {"user_id": target.pk, "role": "member"}, format="json"
        )

    assert response.status_code == 201, response.content
    assert response.json() == {
        "id": GroupMembership.objects.get(user=target).pk,
        "user": {"id": target.pk, "email": "target@example.org", "display_name": "Target"},
        "role": "member",
        "organisation": {
            "id": target.memberships.get().organisation_id,
            "name": "Disability Inclusion Action",
            "acronym": "DIA",
        },
    }
    event = AuditEvent.objects.get(verb="group_membership.added")
    assert (event.actor, event.after) == (
        lead,
        {"group": "Inclusive education and disability", "person": "target@example.org", "role": "member"},
    )
    notification = Notification.objects.get(recipient=target)
    assert notification.kind == "group_membership.added"
    assert notification.url == f"/w/test-network/groups/{inclusion_group.pk}"
    inbox = client_for(target).get("/api/notifications/").json()["results"]
    assert inbox[0]["message"] == "Lead added you to the working group Inclusive education and disability."


def test_adding_someone_outside_the_workspace_names_the_field(
    admin: User,
    outsider: User,
    workspace: Workspace,
    inclusion_group: WorkingGroup,
    client_for: Callable[[User], APIClient],
) -> None:
    deactivated = make_person(workspace, "gone@example.org", Role.MEMBER)
    Membership.objects.filter(user=deactivated).update(is_active=False)
    client = client_for(admin)

    foreign = client.post(group_path(inclusion_group, "members/"), {"user_id": outsider.pk}, format="json")
    inactive = client.post(group_path(inclusion_group, "members/"), {"user_id": deactivated.pk}, format="json")
    nobody = client.post(group_path(inclusion_group, "members/"), {"user_id": 999999}, format="json")

    assert foreign.status_code == inactive.status_code == nobody.status_code == 400
    assert (
        foreign.json()
        == inactive.json()
        == nobody.json()
        == {"user_id": ["This person is not an active member of this workspace."]}
    )
    assert not GroupMembership.objects.exists()


def test_adding_someone_twice_is_refused(
    admin: User, lead: User, inclusion_group: WorkingGroup, client_for: Callable[[User], APIClient]
) -> None:
    response = client_for(admin).post(
        group_path(inclusion_group, "members/"), {"user_id": lead.pk, "role": "member"}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"user_id": ["This person is already in this working group."]}
    assert GroupMembership.objects.get(user=lead).role == GroupRole.LEAD


def test_an_observer_cannot_be_made_a_lead(
    admin: User, observer: User, inclusion_group: WorkingGroup, client_for: Callable[[User], APIClient]
) -> None:
    response = client_for(admin).post(
        group_path(inclusion_group, "members/"), {"user_id": observer.pk, "role": "lead"}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"role": ["Observers can only read, so they cannot lead a working group."]}


def test_the_last_lead_can_be_neither_demoted_nor_removed(
    lead: User, admin: User, target: User, inclusion_group: WorkingGroup, client_for: Callable[[User], APIClient]
) -> None:
    lead_membership = GroupMembership.objects.get(user=lead)
    url = group_path(inclusion_group, f"members/{lead_membership.pk}/")

    demote = client_for(lead).patch(url, {"role": "member"}, format="json")
    remove = client_for(admin).delete(url)

    assert demote.status_code == remove.status_code == 400
    message = {"non_field_errors": ["A working group needs at least one lead. Make someone else a lead first."]}
    assert demote.json() == remove.json() == message
    assert GroupMembership.objects.get(pk=lead_membership.pk).role == GroupRole.LEAD


def test_with_a_second_lead_the_first_may_step_down_and_loses_the_right_to_manage(
    lead: User,
    target: User,
    inclusion_group: WorkingGroup,
    client_for: Callable[[User], APIClient],
    django_capture_on_commit_callbacks: Any,
) -> None:
    target_membership = GroupMembership.objects.create(group=inclusion_group, user=target)
    lead_membership = GroupMembership.objects.get(user=lead)
    client = client_for(lead)

    with django_capture_on_commit_callbacks(execute=True):
        promoted = client.patch(
            group_path(inclusion_group, f"members/{target_membership.pk}/"), {"role": "lead"}, format="json"
        )
        stepped_down = client.patch(
            group_path(inclusion_group, f"members/{lead_membership.pk}/"), {"role": "member"}, format="json"
        )
    afterwards = client.delete(group_path(inclusion_group, f"members/{target_membership.pk}/"))

    assert (promoted.status_code, stepped_down.status_code, afterwards.status_code) == (200, 200, 403)
    assert promoted.json()["role"] == "lead"
    assert Notification.objects.get(recipient=target).kind == "group_membership.made_lead"
    assert list(AuditEvent.objects.filter(verb="group_membership.updated").values_list("after", flat=True)) == [
        {"role": "member"},
        {"role": "lead"},
    ]


def test_a_group_without_a_lead_may_lose_plain_members(
    admin: User,
    target: User,
    inclusion_group: WorkingGroup,
    client_for: Callable[[User], APIClient],
    django_capture_on_commit_callbacks: Any,
) -> None:
    gm = GroupMembership.objects.create(group=inclusion_group, user=target)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(admin).delete(group_path(inclusion_group, f"members/{gm.pk}/"))

    assert response.status_code == 204
    assert not GroupMembership.objects.filter(pk=gm.pk).exists()
    assert AuditEvent.objects.get(verb="group_membership.removed").before["person"] == "target@example.org"
    removed = Notification.objects.get(recipient=target)
    assert (removed.kind, removed.url) == ("group_membership.removed", "/w/test-network/groups")


def test_member_candidates_are_active_people_not_yet_in_the_group(
    lead: User,
    target: User,
    member: User,
    observer: User,
    workspace: Workspace,
    inclusion_group: WorkingGroup,
    client_for: Callable[[User], APIClient],
) -> None:
    GroupMembership.objects.create(group=inclusion_group, user=member)
    gone = make_person(workspace, "gone@example.org", Role.MEMBER)
    Membership.objects.filter(user=gone).update(is_active=False)
    client = client_for(lead)

    everyone = client.get(group_path(inclusion_group, "member-candidates/")).json()
    searched = client.get(group_path(inclusion_group, "member-candidates/?search=DIA")).json()

    assert [c["user"]["email"] for c in everyone["results"]] == ["observer@example.org", "target@example.org"]
    assert everyone["results"][0]["workspace_role"] == "observer"
    assert [c["user"]["email"] for c in searched["results"]] == ["target@example.org"]


def test_members_list_shows_organisations_leads_first(
    lead: User,
    target: User,
    member: User,
    inclusion_group: WorkingGroup,
    client_for: Callable[[User], APIClient],
) -> None:
    GroupMembership.objects.create(group=inclusion_group, user=target)
    GroupMembership.objects.create(group=inclusion_group, user=member)

    rows = client_for(member).get(group_path(inclusion_group, "members/")).json()["results"]

    assert [(r["user"]["email"], r["role"], r["organisation"] and r["organisation"]["acronym"]) for r in rows] == [
        ("lead@example.org", "lead", None),
        ("member@example.org", "member", "DIA"),
        ("target@example.org", "member", "DIA"),
    ]


def test_members_list_query_count_does_not_grow(
    member: User,
    workspace: Workspace,
    organisation: Organisation,
    inclusion_group: WorkingGroup,
    client_for: Callable[[User], APIClient],
    django_assert_max_num_queries: Any,
) -> None:
    for n in range(30):
        person = make_person(workspace, f"p{n}@example.org", Role.MEMBER, organisation if n % 2 else None)
        GroupMembership.objects.create(group=inclusion_group, user=person)
    client = client_for(member)

    with django_assert_max_num_queries(8):
        response = client.get(group_path(inclusion_group, "members/"))
    assert response.json()["count"] == 30
    assert sum(1 for row in response.json()["results"] if row["organisation"]) == 15


def test_member_candidates_query_count_does_not_grow(
    admin: User,
    workspace: Workspace,
    organisation: Organisation,
    inclusion_group: WorkingGroup,
    client_for: Callable[[User], APIClient],
    django_assert_max_num_queries: Any,
) -> None:
    for n in range(30):
        make_person(workspace, f"p{n}@example.org", Role.MEMBER, organisation)
    client = client_for(admin)

    with django_assert_max_num_queries(8):
        response = client.get(group_path(inclusion_group, "member-candidates/"))
    assert response.json()["count"] == 31


def test_the_last_lead_refusal_and_the_notification_speak_khmer(
    lead: User,
    target: User,
    inclusion_group: WorkingGroup,
    client_for: Callable[[User], APIClient],
    django_capture_on_commit_callbacks: Any,
) -> None:
    # A signed-in person reads the server in their own language, whatever the browser asks for.
    User.objects.filter(pk__in=[lead.pk, target.pk]).update(preferred_language="km")
    client = client_for(lead)
    lead_membership = GroupMembership.objects.get(user=lead)

    refused = client.patch(
        group_path(inclusion_group, f"members/{lead_membership.pk}/"),
        {"role": "member"},
        format="json",
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(group_path(inclusion_group, "members/"), {"user_id": target.pk, "role": "lead"}, format="json")
    inbox = client_for(target).get("/api/notifications/").json()["results"]

    assert refused.json() == {
        "non_field_errors": ["ក្រុមការងារត្រូវមានប្រធានក្រុមយ៉ាងហោចណាស់ម្នាក់។ សូមតែងតាំងអ្នកផ្សេងជាប្រធានក្រុមជាមុនសិន។"]
    }
    assert inbox[0]["message"] == "Lead បានបញ្ចូលអ្នកទៅក្នុងក្រុមការងារ Inclusive education and disability ជាប្រធានក្រុម។"
