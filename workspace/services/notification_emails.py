"""Notification e-mails: immediately after a notice, or once a day as a digest, in the reader's language.

Each person chooses `immediate`, `daily` (the default) or `none` (`User.notification_email`). Whichever
e-mail carries a notice stamps `Notification.emailed_at`, and it does so under a row lock in the same
transaction that sends: a digest run twice, or by two workers at once, finds the notices already stamped
(or locked, and skips them) and sends nothing the second time. If sending fails the stamps roll back and
the next run tries again, so a notice is e-mailed at most once per successful send.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import override

from workspace.models import Notification, NotificationEmail, User
from workspace.services.notifications import notification_message


def notification_email_settings_update(*, user: User, notification_email: str) -> User:
    if notification_email == user.notification_email:
        return user
    with transaction.atomic():
        if user.notification_email == NotificationEmail.NONE:
            # Someone who had chosen no e-mails and turns them on expects news from now on, not a digest
            # of everything that happened while they were off.
            Notification.objects.filter(recipient=user, emailed_at__isnull=True).update(emailed_at=timezone.now())
        user.notification_email = notification_email
        user.save(update_fields=["notification_email"])
    return user


def notification_email_enqueue(*, notification: Notification) -> None:
    """Called by notification_send: people who chose immediate e-mails get one once the notice is committed."""
    if notification.recipient.notification_email != NotificationEmail.IMMEDIATE:
        return
    from workspace.tasks import notification_email_send as notification_email_send_task

    notification_email_send_task.delay_on_commit(notification.pk)


def _pending_for_update(queryset: QuerySet[Notification, Any]) -> list[Notification]:
    # skip_locked: a notice another worker is sending right now is theirs; waiting for it would only
    # find it stamped. (SQLite has no row locks; its IMMEDIATE transactions serialise the writers.)
    return list(
        Notification.objects.filter(pk__in=queryset, emailed_at__isnull=True)
        .select_related("workspace")
        .select_for_update(skip_locked=True, of=("self",))
        .order_by("created_at", "id")
    )


def _send(*, user: User, notifications: list[Notification], template: str) -> None:
    with override(user.preferred_language):
        items = [
            {"message": notification_message(notification), "url": notification.url} for notification in notifications
        ]
        context = {"user": user, "base_url": settings.PUBLIC_BASE_URL, "items": items}
        subject = render_to_string(f"workspace/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"workspace/email/{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


def notification_email_send(*, notification_id: int) -> bool:
    """The immediate e-mail for one notice; False when it was already e-mailed or is no longer wanted."""
    with transaction.atomic():
        pending = _pending_for_update(Notification.objects.filter(pk=notification_id).values("pk"))
        if not pending:
            return False
        notification = pending[0]
        user = User.objects.get(pk=notification.recipient_id)
        if user.notification_email != NotificationEmail.IMMEDIATE or not user.is_active:
            # Changed their mind before the worker ran: a daily reader gets it in the digest instead.
            return False
        Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
        _send(user=user, notifications=[notification], template="notification")
    return True


def notification_digest_send(*, user_id: int) -> int:
    """One person's digest: every notice not yet e-mailed, in one e-mail. Returns how many it carried."""
    with transaction.atomic():
        user = User.objects.get(pk=user_id)
        if user.notification_email != NotificationEmail.DAILY or not user.is_active:
            return 0
        notifications = _pending_for_update(Notification.objects.filter(recipient_id=user_id).values("pk"))
        if not notifications:
            return 0
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(emailed_at=timezone.now())
        _send(user=user, notifications=notifications, template="notification_digest")
    return len(notifications)


def notification_digests_send() -> int:
    """The daily run (Celery beat): one digest per person who has notices waiting. Returns e-mails sent."""
    user_ids = (
        Notification.objects.filter(
            emailed_at__isnull=True, recipient__notification_email=NotificationEmail.DAILY, recipient__is_active=True
        )
        .values_list("recipient_id", flat=True)
        .distinct()
        .order_by("recipient_id")
    )
    return sum(1 for user_id in list(user_ids) if notification_digest_send(user_id=user_id))
