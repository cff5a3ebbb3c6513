"""Every role against every administration endpoint: admins may, insiders get 403, outsiders 404."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from workspace.models import Membership, Organisation, User

pytestmark = pytest.mark.django_db

BASE = "/api/workspaces/test-network"


def csv_upload() -> io.BytesIO:
    upload = io.BytesIO(b"name,acronym\nNew Org,NO\n")
    upload.name = "orgs.csv"
    return upload


ENDPOINTS: list[tuple[str, str, Callable[[Membership, Organisation], dict[str, Any] | None], str | None]] = [
    ("get", "/members/", lambda m, o: None, None),
    (
        "post",
        "/members/",
        lambda m, o: {"email": "new@example.org", "display_name": "New Person", "role": "member"},
        "json",
    ),
    ("patch", "/members/{membership}/", lambda m, o: {"role": "facilitator"}, "json"),
    ("post", "/organisations/", lambda m, o: {"name": "Brand New Org"}, "json"),
    ("patch", "/organisations/{organisation}/", lambda m, o: {"province": "Kep"}, "json"),
    ("delete", "/organisations/{organisation}/", lambda m, o: None, None),
    ("post", "/imports/", lambda m, o: {"kind": "organisations", "file": csv_upload()}, "multipart"),
    ("get", "/import-template/?kind=people", lambda m, o: None, None),
    ("get", "/audit-events/", lambda m, o: None, None),
]
ALLOWED = {"get": 200, "post": 201, "patch": 200, "delete": 204}


@pytest.mark.parametrize(("method", "path", "payload", "fmt"), ENDPOINTS, ids=[f"{m} {p}" for m, p, *_ in ENDPOINTS])
def test_only_admins_may_administer_the_workspace(
    method: str,
    path: str,
    payload: Callable[[Membership, Organisation], dict[str, Any] | None],
    fmt: str | None,
    persona: tuple[str, User],
    client_for: Callable[[User], APIClient],
    workspace: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    name, user = persona
    target_user = User.objects.create_user(email="target@example.org", display_name="Target")
    target = Membership.objects.create(user=target_user, workspace=workspace, role="member")
    spare = Organisation.objects.create(workspace=workspace, name="Spare Organisation")
    url = BASE + path.format(membership=target.pk, organisation=spare.pk)

    with django_capture_on_commit_callbacks(execute=True):
        response = getattr(client_for(user), method)(url, payload(target, spare), format=fmt)

    expected = {"admin": ALLOWED[method] if "imports" not in path else 202, "outsider": 404}.get(name, 403)
    assert response.status_code == expected, response.content
    if expected in (403, 404):
        assert response.json()["detail"]
        target.refresh_from_db()
        assert target.role == "member"
        assert Organisation.objects.filter(pk=spare.pk, province="").exists()


def test_outsider_cannot_probe_another_workspace_slug(
    client_for: Callable[[User], APIClient], outsider: User, admin: User
) -> None:
    existing = client_for(outsider).get(f"{BASE}/organisations/")
    missing = client_for(outsider).get("/api/workspaces/no-such-network/organisations/")

    assert existing.status_code == missing.status_code == 404
    assert existing.json() == missing.json()


def test_deactivated_member_loses_access(client_for: Callable[[User], APIClient], member: User, workspace: Any) -> None:
    Membership.objects.filter(user=member, workspace=workspace).update(is_active=False)

    client = client_for(member)
    assert client.get(f"{BASE}/organisations/").status_code == 404
    assert client.get("/api/workspaces/").json() == []


@pytest.mark.parametrize("role", ["member", "observer", "executive"])
def test_any_insider_may_list_organisations(
    role: str, client_for: Callable[[User], APIClient], request: pytest.FixtureRequest, organisation: Organisation
) -> None:
    user = request.getfixturevalue(role)
    response = client_for(user).get(f"{BASE}/organisations/")

    assert response.status_code == 200
    assert [org["acronym"] for org in response.json()["results"]] == ["DIA"]
