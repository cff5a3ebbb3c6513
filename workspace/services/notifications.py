"""In-app notifications: created by services, counted in the header, rendered in the reader's language."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from workspace.models import Notification, Role, User, Workspace
from workspace.services.events import event_send_to_user

# kind → message template. Parameters that name a choice (role) are translated when rendered.
NOTIFICATION_MESSAGES = {
    "membership.invited": _("%(actor)s added you to %(workspace)s as %(role)s."),
    "membership.role_changed": _("Your role in %(workspace)s is now %(role)s."),
    "membership.reactivated": _("Your access to %(workspace)s has been restored."),
    "group_membership.added": _("%(actor)s added you to the working group %(group)s."),
    "group_membership.added_as_lead": _("%(actor)s added you to the working group %(group)s as its lead."),
    "group_membership.made_lead": _("%(actor)s made you a lead of the working group %(group)s."),
    "group_membership.made_member": _("%(actor)s changed your role in the working group %(group)s to member."),
    "group_membership.removed": _("%(actor)s removed you from the working group %(group)s."),
    "meeting.facilitator_added": _("%(actor)s made you a facilitator of the meeting %(meeting)s."),
    "import.succeeded": _(
        "Your import of %(file)s finished: %(created)s created, %(updated)s updated, %(unchanged)s unchanged."
    ),
    "import.failed": _("Your import of %(file)s failed; nothing was imported."),
}


def notification_kinds_register(messages: Mapping[str, Any]) -> None:
    """Adds the notification kinds of an app built on the workspace (called from its AppConfig.ready()).

    The workspace cannot import those apps (dependencies point one way), so they bring their own
    (lazily translated) templates; a kind registered twice must keep its template.
    """
    for kind, template in messages.items():
        if NOTIFICATION_MESSAGES.get(kind, template) is not template:
            raise ValueError(f"notification kind {kind!r} is already registered with another message")
        NOTIFICATION_MESSAGES[kind] = template


def notification_message(notification: Notification) -> str:
    """The message in the currently active language."""
    template = NOTIFICATION_MESSAGES.get(notification.kind)
    if template is None:
        return notification.kind
    params: dict[str, Any] = {"workspace": notification.workspace.name, **notification.params}
    if "role" in params and params["role"] in Role.values:
        params["role"] = Role(params["role"]).label
    params = {key: str(value) for key, value in params.items()}
    try:
        return str(template) % params
    except (KeyError, ValueError):
        return str(template)


def notification_render_for(notification: Notification, user: User) -> str:
    with override(user.preferred_language):
        return notification_message(notification)


def unread_count(user_id: int) -> int:
    """The same count the API answers, so the badge and the list never disagree."""
    from workspace.selectors import notification_list_for_user

    user = User.objects.get(pk=user_id)
    return notification_list_for_user(user=user, unread_only=True).count()


def notification_send(
    *, recipient: User, workspace: Workspace, kind: str, params: dict[str, Any] | None = None, url: str = ""
) -> Notification:
    notification = Notification.objects.create(
        recipient=recipient, workspace=workspace, kind=kind, params=params or {}, url=url
    )
    transaction.on_commit(lambda: _push_unread_count(recipient.pk))
    from workspace.services.notification_emails import notification_email_enqueue

    notification_email_enqueue(notification=notification)
    return notification


def notification_mark_read(*, notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        transaction.on_commit(lambda: _push_unread_count(notification.recipient_id))


def notification_mark_all_read(*, user: User) -> int:
    updated = Notification.objects.filter(recipient=user).unread().update(read_at=timezone.now())
    if updated:
        transaction.on_commit(lambda: _push_unread_count(user.pk))
    return updated


def _push_unread_count(user_id: int) -> None:
    event_send_to_user(user_id=user_id, event={"type": "notification.created", "unread_count": unread_count(user_id)})
