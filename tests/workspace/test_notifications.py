"""In-app notifications: the unread count in the header, marking read, and privacy."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from workspace.models import Notification, User, Workspace

pytestmark = pytest.mark.django_db


def notify(user: User, workspace: Workspace, role: str = "facilitator") -> Notification:
    return Notification.objects.create(
        recipient=user, workspace=workspace, kind="membership.role_changed", params={"role": role}
    )


def test_unread_count_and_marking_read(
    client_for: Callable[[User], APIClient], member: User, workspace: Workspace
) -> None:
    first, _second = notify(member, workspace), notify(member, workspace, "observer")
    client = client_for(member)

    assert client.get("/api/notifications/unread-count/").json() == {"count": 2}
    assert client.post(f"/api/notifications/{first.pk}/read/").status_code == 204
    assert client.get("/api/notifications/unread-count/").json() == {"count": 1}
    assert len(client.get("/api/notifications/?unread=true").json()["results"]) == 1
    assert client.post("/api/notifications/read-all/").status_code == 204
    assert client.get("/api/notifications/unread-count/").json() == {"count": 0}


def test_someone_elses_notification_is_not_found(
    client_for: Callable[[User], APIClient], member: User, observer: User, workspace: Workspace
) -> None:
    theirs = notify(observer, workspace)

    assert client_for(member).post(f"/api/notifications/{theirs.pk}/read/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_messages_are_rendered_in_the_readers_language(
    client_for: Callable[[User], APIClient], member: User, workspace: Workspace
) -> None:
    notify(member, workspace)
    member.preferred_language = "km"
    member.save(update_fields=["preferred_language"])

    message = client_for(member).get("/api/notifications/").json()["results"][0]["message"]

    assert message == "តួនាទីរបស់អ្នកនៅក្នុង Test Education Network ឥឡូវនេះគឺ អ្នកសម្របសម្រួល។"


def test_notification_list_query_count_does_not_grow(
    client_for: Callable[[User], APIClient], member: User, workspace: Workspace, django_assert_max_num_queries: Any
) -> None:
    for _ in range(40):
        notify(member, workspace)
    client = client_for(member)

    with django_assert_max_num_queries(5):
        response = client.get("/api/notifications/")
    assert response.json()["count"] == 40
