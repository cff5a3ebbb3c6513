"""Inviting people, changing roles, deactivating, managing organisations — audited and notified."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from rest_framework.test import APIClient

from workspace.models import AuditEvent, Membership, Notification, Organisation, User, Workspace

pytestmark = pytest.mark.django_db

BASE = "/api/workspaces/test-network"


def test_admin_invites_a_new_person_who_sets_a_password_from_the_email(
    client_for: Callable[[User | None], APIClient],
    admin: User,
    organisation: Organisation,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(admin).post(
            f"{BASE}/members/",
            {
                "email": "Sreyneang@Example.org",
                "display_name": "Sreyneang Chin",
                "role": "facilitator",
                "organisation_id": organisation.pk,
            },
            format="json",
        )

    assert response.status_code == 201, response.content
    assert response.json()["user"]["email"] == "sreyneang@example.org"
    assert response.json()["organisation"]["acronym"] == "DIA"
    invitee = User.objects.get(email="sreyneang@example.org")
    assert not invitee.has_usable_password()
    assert AuditEvent.objects.filter(verb="membership.invited", actor=admin).count() == 1
    assert Notification.objects.filter(recipient=invitee, kind="membership.invited").count() == 1
    assert mail.outbox[0].to == ["sreyneang@example.org"]
    uid, token = re.search(r"/reset-password/([^/\s]+)/([^/\s]+)", str(mail.outbox[0].body)).groups()  # type: ignore[union-attr]

    accepted = client_for(None).post(
        "/api/auth/password/reset/confirm/", {"uid": uid, "token": token, "new_password": "my own passphrase"}
    )
    assert accepted.status_code == 204
    login = client_for(None).post(
        "/api/auth/login/", {"email": "sreyneang@example.org", "password": "my own passphrase"}
    )
    assert login.json()["workspaces"][0]["role"] == "facilitator"


def test_inviting_someone_already_in_the_workspace_is_refused(
    client_for: Callable[[User], APIClient], admin: User, member: User
) -> None:
    response = client_for(admin).post(
        f"{BASE}/members/", {"email": "member@example.org", "display_name": "Again", "role": "member"}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"email": ["This person is already a member of this workspace."]}


def test_invite_with_bad_input_names_the_fields(
    client_for: Callable[[User], APIClient], admin: User, other_workspace: Workspace
) -> None:
    foreign = Organisation.objects.create(workspace=other_workspace, name="Foreign")
    response = client_for(admin).post(
        f"{BASE}/members/",
        {"email": "not-an-email", "display_name": "", "role": "king", "organisation_id": foreign.pk},
        format="json",
    )

    assert response.status_code == 400
    assert set(response.json()) == {"email", "display_name", "role"}
    foreign_org = client_for(admin).post(
        f"{BASE}/members/",
        {"email": "x@example.org", "display_name": "X", "organisation_id": foreign.pk},
        format="json",
    )
    assert foreign_org.status_code == 400
    assert "organisation_id" in foreign_org.json()
    assert not User.objects.filter(email="x@example.org").exists()


def test_role_change_is_audited_and_notified(
    client_for: Callable[[User], APIClient], admin: User, member: User, django_capture_on_commit_callbacks: Any
) -> None:
    membership = Membership.objects.get(user=member)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(admin).patch(f"{BASE}/members/{membership.pk}/", {"role": "facilitator"}, format="json")

    assert response.status_code == 200
    event = AuditEvent.objects.get(verb="membership.updated")
    assert (event.before, event.after, event.actor) == ({"role": "member"}, {"role": "facilitator"}, admin)
    notification = client_for(member).get("/api/notifications/").json()["results"][0]
    assert notification["message"] == "Your role in Test Education Network is now Facilitator."


def test_deactivate_and_reactivate_a_member(client_for: Callable[[User], APIClient], admin: User, member: User) -> None:
    membership = Membership.objects.get(user=member)
    admin_client = client_for(admin)

    assert (
        admin_client.patch(f"{BASE}/members/{membership.pk}/", {"is_active": False}, format="json").json()["is_active"]
        is False
    )
    assert client_for(member).get(f"{BASE}/organisations/").status_code == 404
    assert (
        admin_client.patch(f"{BASE}/members/{membership.pk}/", {"is_active": True}, format="json").json()["is_active"]
        is True
    )
    assert client_for(member).get(f"{BASE}/organisations/").status_code == 200
    assert list(AuditEvent.objects.values_list("verb", flat=True).order_by("id")) == [
        "membership.deactivated",
        "membership.reactivated",
    ]


def test_the_last_admin_cannot_demote_or_deactivate_themselves(
    client_for: Callable[[User], APIClient], admin: User
) -> None:
    membership = Membership.objects.get(user=admin)
    client = client_for(admin)

    demote = client.patch(f"{BASE}/members/{membership.pk}/", {"role": "member"}, format="json")
    deactivate = client.patch(f"{BASE}/members/{membership.pk}/", {"is_active": False}, format="json")

    assert demote.status_code == deactivate.status_code == 400
    assert demote.json() == {"non_field_errors": ["The workspace needs at least one active administrator."]}
    membership.refresh_from_db()
    assert (membership.role, membership.is_active) == ("admin", True)


def test_member_list_filters_and_searches(
    client_for: Callable[[User], APIClient], admin: User, member: User, observer: User
) -> None:
    client = client_for(admin)

    by_role = client.get(f"{BASE}/members/?role=observer").json()
    by_search = client.get(f"{BASE}/members/?search=DIA").json()

    assert [row["user"]["email"] for row in by_role["results"]] == ["observer@example.org"]
    assert {row["user"]["email"] for row in by_search["results"]} == {"admin@example.org", "member@example.org"}


def test_member_list_query_count_does_not_grow_with_rows(
    client_for: Callable[[User], APIClient],
    admin: User,
    workspace: Workspace,
    organisation: Organisation,
    django_assert_max_num_queries: Any,
) -> None:
    for n in range(40):
        user = User.objects.create_user(email=f"p{n}@example.org", display_name=f"Person {n}")
        Membership.objects.create(user=user, workspace=workspace, organisation=organisation)
    client = client_for(admin)

    with django_assert_max_num_queries(6):
        response = client.get(f"{BASE}/members/")
    assert response.json()["count"] == 41


def test_organisation_crud_with_clear_errors(
    client_for: Callable[[User], APIClient], admin: User, member: User, organisation: Organisation
) -> None:
    client = client_for(admin)

    created = client.post(
        f"{BASE}/organisations/",
        {"name": "Early Years Cambodia", "acronym": "EYC", "kind": "ngo", "province": "Kep"},
        format="json",
    )
    duplicate = client.post(f"{BASE}/organisations/", {"name": "early years cambodia", "acronym": "dia"}, format="json")
    bad_kind = client.post(f"{BASE}/organisations/", {"name": "Other", "kind": "club"}, format="json")
    renamed = client.patch(f"{BASE}/organisations/{created.json()['id']}/", {"province": "Takeo"}, format="json")
    still_represented = client.delete(f"{BASE}/organisations/{organisation.pk}/")
    removed = client.delete(f"{BASE}/organisations/{created.json()['id']}/")

    assert created.status_code == 201
    assert duplicate.status_code == 400 and set(duplicate.json()) == {"name", "acronym"}
    assert bad_kind.status_code == 400 and "kind" in bad_kind.json()
    assert renamed.json()["province"] == "Takeo"
    assert still_represented.status_code == 400
    assert "2 people still represent this organisation" in still_represented.json()["detail"]
    assert removed.status_code == 204
    assert list(Organisation.objects.values_list("acronym", flat=True)) == ["DIA"]
    assert list(AuditEvent.objects.values_list("verb", flat=True).order_by("id")) == [
        "organisation.created",
        "organisation.updated",
        "organisation.deleted",
    ]


def test_organisation_list_query_count_does_not_grow(
    client_for: Callable[[User], APIClient], member: User, workspace: Workspace, django_assert_max_num_queries: Any
) -> None:
    Organisation.objects.bulk_create(Organisation(workspace=workspace, name=f"Org {n}") for n in range(60))
    client = client_for(member)

    with django_assert_max_num_queries(5):
        response = client.get(f"{BASE}/organisations/")
    assert response.json()["count"] == 61


def test_audit_log_lists_events_for_admins(client_for: Callable[[User], APIClient], admin: User, member: User) -> None:
    client = client_for(admin)
    client.post(f"{BASE}/organisations/", {"name": "Reading for All"}, format="json")

    events = client.get(f"{BASE}/audit-events/").json()["results"]

    assert events[0]["verb"] == "organisation.created"
    assert events[0]["actor"]["email"] == "admin@example.org"
    assert events[0]["after"]["name"] == "Reading for All"


def test_audit_log_query_count_does_not_grow(
    client_for: Callable[[User], APIClient], admin: User, workspace: Workspace, django_assert_max_num_queries: Any
) -> None:
    AuditEvent.objects.bulk_create(
        AuditEvent(workspace=workspace, actor=admin, verb="organisation.updated", target_type="organisation")
        for _ in range(60)
    )
    client = client_for(admin)

    with django_assert_max_num_queries(5):
        response = client.get(f"{BASE}/audit-events/")
    assert response.json()["count"] == 60
