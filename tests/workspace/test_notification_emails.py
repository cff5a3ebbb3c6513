"""Notification e-mails: each person chooses immediate, daily or none; the daily digest is sent once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from rest_framework.test import APIClient

from workspace.models import Membership, User, Workspace
from workspace.tasks import notification_digests_send

pytestmark = pytest.mark.django_db

SETTINGS_URL = "/api/auth/me/notification-settings/"


def change_role(client: APIClient, workspace: Workspace, user: User, role: str) -> None:
    membership = Membership.objects.get(user=user, workspace=workspace)
    response = client.patch(f"/api/workspaces/{workspace.slug}/members/{membership.pk}/", {"role": role}, format="json")
    assert response.status_code == 200, response.content


def choose(client_for: Callable[[User], APIClient], user: User, choice: str) -> None:
    response = client_for(user).patch(SETTINGS_URL, {"notification_email": choice}, format="json")
    assert response.status_code == 200, response.content
    assert response.json() == {"notification_email": choice}


def test_everyone_starts_with_the_daily_digest_and_can_change_it(
    client_for: Callable[[User], APIClient], member: User
) -> None:
    client = client_for(member)

    assert client.get(SETTINGS_URL).json() == {"notification_email": "daily"}
    assert client.patch(SETTINGS_URL, {"notification_email": "hourly"}, format="json").status_code == 400
    choose(client_for, member, "none")
    assert client.get(SETTINGS_URL).json() == {"notification_email": "none"}


def test_settings_need_a_signed_in_user(anonymous_client: APIClient) -> None:
    assert anonymous_client.get(SETTINGS_URL).status_code == 401


def test_daily_reader_gets_one_digest_in_khmer_with_both_notifications_and_a_second_run_sends_nothing(
    client_for: Callable[[User], APIClient],
    admin: User,
    member: User,
    workspace: Workspace,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client_for(member).patch("/api/auth/me/", {"preferred_language": "km"}, format="json")
    with django_capture_on_commit_callbacks(execute=True):
        change_role(client_for(admin), workspace, member, "facilitator")
        change_role(client_for(admin), workspace, member, "observer")
    assert mail.outbox == []  # daily readers get nothing immediately

    assert notification_digests_send.delay().get() == 1

    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.to == ["member@example.org"]
    assert digest.subject == "ការជូនដំណឹងរបស់អ្នកនៅលើ Roundtable"
    assert "តួនាទីរបស់អ្នកនៅក្នុង Test Education Network ឥឡូវនេះគឺ អ្នកសម្របសម្រួល។" in digest.body
    assert "តួនាទីរបស់អ្នកនៅក្នុង Test Education Network ឥឡូវនេះគឺ អ្នកសង្កេតការណ៍។" in digest.body
    assert f"{settings.PUBLIC_BASE_URL}/w/{workspace.slug}/" in digest.body

    assert notification_digests_send.delay().get() == 0
    assert len(mail.outbox) == 1


def test_a_later_digest_carries_only_what_is_new(
    client_for: Callable[[User], APIClient],
    admin: User,
    member: User,
    workspace: Workspace,
    django_capture_on_commit_callbacks: Any,
) -> None:
    change_role(client_for(admin), workspace, member, "facilitator")
    notification_digests_send.delay()
    change_role(client_for(admin), workspace, member, "observer")

    notification_digests_send.delay()

    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject == "Your notifications on Roundtable"
    assert "Your role in Test Education Network is now Observer." in mail.outbox[1].body
    assert "Facilitator" not in mail.outbox[1].body


def test_immediate_reader_gets_an_email_at_once_and_nothing_in_the_digest(
    client_for: Callable[[User], APIClient],
    admin: User,
    member: User,
    workspace: Workspace,
    django_capture_on_commit_callbacks: Any,
) -> None:
    choose(client_for, member, "immediate")

    with django_capture_on_commit_callbacks(execute=True):
        change_role(client_for(admin), workspace, member, "facilitator")

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["member@example.org"]
    assert mail.outbox[0].subject == "New notification on Roundtable"
    assert "Your role in Test Education Network is now Facilitator." in mail.outbox[0].body

    assert notification_digests_send.delay().get() == 0
    assert len(mail.outbox) == 1


def test_no_emails_means_none_and_turning_them_back_on_does_not_send_the_backlog(
    client_for: Callable[[User], APIClient],
    admin: User,
    member: User,
    workspace: Workspace,
    django_capture_on_commit_callbacks: Any,
) -> None:
    choose(client_for, member, "none")
    with django_capture_on_commit_callbacks(execute=True):
        change_role(client_for(admin), workspace, member, "facilitator")
    assert notification_digests_send.delay().get() == 0

    choose(client_for, member, "daily")
    assert notification_digests_send.delay().get() == 0
    assert mail.outbox == []


def test_the_digest_is_scheduled_daily_at_the_configured_local_time() -> None:
    entry = settings.CELERY_BEAT_SCHEDULE["notification-digests"]

    assert entry["task"] == "workspace.tasks.notification_digests_send"
    assert entry["schedule"].hour == {7}
    assert entry["schedule"].minute == {0}
    assert settings.CELERY_TIMEZONE == settings.TIME_ZONE
