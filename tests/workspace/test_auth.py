"""Signing in and out, throttling, tokens for API clients, passwords, and the language of answers."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.core import mail
from rest_framework.test import APIClient

from tests.conftest import PASSWORD
from workspace.models import Organisation, User

pytestmark = pytest.mark.django_db


def test_member_signs_in_and_sees_their_workspaces(
    anonymous_client: APIClient, member: User, organisation: Organisation
) -> None:
    response = anonymous_client.post("/api/auth/login/", {"email": "Member@Example.org", "password": PASSWORD})

    assert response.status_code == 200
    assert response.json()["email"] == "member@example.org"
    # With the organisation the member represents there, so their screens can follow its actions.
    assert response.json()["workspaces"] == [
        {
            "slug": "test-network",
            "name": "Test Education Network",
            "role": "member",
            "organisation": {"id": organisation.pk, "name": organisation.name, "acronym": organisation.acronym},
        }
    ]
    assert anonymous_client.get("/api/auth/me/").status_code == 200


def test_person_who_represents_no_organisation_sees_none(client_for: Callable[..., APIClient], executive: User) -> None:
    workspaces = client_for(executive).get("/api/auth/me/").json()["workspaces"]

    assert [(entry["role"], entry["organisation"]) for entry in workspaces] == [("executive", None)]


def test_wrong_password_is_refused_with_a_message(anonymous_client: APIClient, member: User) -> None:
    response = anonymous_client.post("/api/auth/login/", {"email": "member@example.org", "password": "nope"})

    assert response.status_code == 401
    assert response.json() == {"detail": "The e-mail address or password is not correct."}
    assert anonymous_client.get("/api/auth/me/").status_code == 401


def test_signed_out_person_gets_401_not_data(anonymous_client: APIClient) -> None:
    assert anonymous_client.get("/api/auth/me/").status_code == 401
    assert anonymous_client.get("/api/workspaces/").status_code == 401


def test_logout_ends_the_session(client_for, member: User) -> None:
    client = client_for(member)

    assert client.post("/api/auth/logout/").status_code == 204
    assert client.get("/api/auth/me/").status_code == 401


def test_repeated_failed_sign_ins_are_throttled(anonymous_client: APIClient, member: User) -> None:
    statuses = [
        anonymous_client.post("/api/auth/login/", {"email": "member@example.org", "password": f"guess-{n}"}).status_code
        for n in range(6)
    ]

    assert statuses[:5] == [401] * 5
    assert statuses[5] == 429
    # Even the right password waits out the throttle.
    right = anonymous_client.post("/api/auth/login/", {"email": "member@example.org", "password": PASSWORD})
    assert right.status_code == 429
    assert "throttled" in right.json()["detail"].lower()


def test_forged_forwarded_for_headers_do_not_reset_the_throttle(anonymous_client: APIClient, member: User) -> None:
    statuses = [
        anonymous_client.post(
            "/api/auth/login/",
            {"email": "member@example.org", "password": f"guess-{n}"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        ).status_code
        for n in range(6)
    ]

    assert statuses[5] == 429


def test_one_client_trying_many_addresses_is_throttled(anonymous_client: APIClient, member: User) -> None:
    statuses = [
        anonymous_client.post("/api/auth/login/", {"email": f"guess{n}@example.org", "password": "x"}).status_code
        for n in range(9)
    ]

    assert statuses[:8] == [401] * 8
    assert statuses[8] == 429


def test_signing_in_and_out_requires_the_csrf_token(member: User) -> None:
    client = APIClient(enforce_csrf_checks=True)
    credentials = {"email": "member@example.org", "password": PASSWORD}

    forged_login = client.post("/api/auth/login/", credentials)
    client.get("/api/auth/csrf/")
    token = client.cookies["csrftoken"].value
    login = client.post("/api/auth/login/", credentials, HTTP_X_CSRFTOKEN=token)
    forged_logout = client.post("/api/auth/logout/")
    logout = client.post("/api/auth/logout/", HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value)

    assert forged_login.status_code == 403
    assert login.status_code == 200
    assert forged_logout.status_code == 403
    assert logout.status_code == 204


def test_api_client_uses_a_token(anonymous_client: APIClient, member: User) -> None:
    token = anonymous_client.post("/api/auth/token/", {"email": "member@example.org", "password": PASSWORD}).json()[
        "token"
    ]

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/workspaces/").json()[0]["slug"] == "test-network"


def test_a_new_password_revokes_api_tokens(client_for, anonymous_client: APIClient, member: User) -> None:
    token = anonymous_client.post("/api/auth/token/", {"email": "member@example.org", "password": PASSWORD}).json()[
        "token"
    ]
    client_for(member).post(
        "/api/auth/password/change/", {"old_password": PASSWORD, "new_password": "a much better passphrase"}
    )

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/auth/me/").status_code == 401


def test_password_change_checks_the_old_password(client_for, member: User) -> None:
    client = client_for(member)

    wrong = client.post(
        "/api/auth/password/change/", {"old_password": "nope", "new_password": "a much better passphrase"}
    )
    weak = client.post("/api/auth/password/change/", {"old_password": PASSWORD, "new_password": "123"})
    right = client.post(
        "/api/auth/password/change/", {"old_password": PASSWORD, "new_password": "a much better passphrase"}
    )

    assert wrong.status_code == 400 and "old_password" in wrong.json()
    assert weak.status_code == 400 and "new_password" in weak.json()
    assert right.status_code == 204
    member.refresh_from_db()
    assert member.check_password("a much better passphrase")
    assert client.get("/api/auth/me/").status_code == 200


def test_password_reset_by_email_link(
    anonymous_client: APIClient, member: User, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        assert anonymous_client.post("/api/auth/password/reset/", {"email": "member@example.org"}).status_code == 204
        assert anonymous_client.post("/api/auth/password/reset/", {"email": "nobody@example.org"}).status_code == 204

    assert len(mail.outbox) == 1
    uid, token = re.search(r"/reset-password/([^/\s]+)/([^/\s]+)", str(mail.outbox[0].body)).groups()  # type: ignore[union-attr]
    bad = anonymous_client.post(
        "/api/auth/password/reset/confirm/", {"uid": uid, "token": "x-y", "new_password": "fresh start 2026"}
    )
    good = anonymous_client.post(
        "/api/auth/password/reset/confirm/", {"uid": uid, "token": token, "new_password": "fresh start 2026"}
    )
    reused = anonymous_client.post(
        "/api/auth/password/reset/confirm/", {"uid": uid, "token": token, "new_password": "another one 2026"}
    )

    assert bad.status_code == 400
    assert good.status_code == 204
    assert reused.status_code == 400, "a reset link works once"
    member.refresh_from_db()
    assert member.check_password("fresh start 2026")


def test_preferred_language_is_remembered_and_used_for_messages(client_for, member: User) -> None:
    client = client_for(member)

    assert client.patch("/api/auth/me/", {"preferred_language": "km"}).json()["preferred_language"] == "km"
    response = client.post(
        "/api/auth/password/change/", {"old_password": "nope", "new_password": "a much better passphrase"}
    )

    assert response.json()["old_password"] == ["ពាក្យសម្ងាត់បច្ចុប្បន្នរបស់អ្នកមិនត្រឹមត្រូវទេ។"]


def test_signed_out_visitor_gets_messages_in_the_browser_language(anonymous_client: APIClient, member: User) -> None:
    response = anonymous_client.post(
        "/api/auth/login/", {"email": "member@example.org", "password": "nope"}, HTTP_ACCEPT_LANGUAGE="km"
    )

    assert response.json()["detail"] == "អាសយដ្ឋានអ៊ីមែល ឬពាក្យសម្ងាត់មិនត្រឹមត្រូវទេ។"


def test_unknown_language_is_refused(client_for, member: User) -> None:
    response = client_for(member).patch("/api/auth/me/", {"preferred_language": "xx"})

    assert response.status_code == 400
    assert "preferred_language" in response.json()
