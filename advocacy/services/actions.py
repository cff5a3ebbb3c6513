"""Every write of following up the action plans of approved and published agendas: an action's status,
progress notes, and the reminder before its due date.

An approved agenda is frozen: its live document (where the plan's status lives while it is a draft,
`agenda_action_status_set`) is changed only by reopening the agenda as a new version. Following up is
not editing the plan, so it is kept outside the document, beside the materialised row and keyed by it
(`AgendaAction` rows are never deleted, only marked removed, so the row is the action's stable key):
`ActionFollowUp` holds the current status, `ProgressNote` the notes, `ActionReminder` the reminders sent.
The agenda stays frozen and its submissions unchanged; if it is reopened, the follow-up waits on the rows
until it is approved again.

Status changes are audited; reminders are idempotent through a unique (action, due date) row, so a beat
run repeated, or run by two workers at once, reminds once per action per due date.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advocacy.models import (
    ACTION_REMINDER_DAYS_DEFAULT,
    ActionFollowUp,
    ActionReminder,
    ActionStatus,
    AgendaAction,
    ProgressNote,
    ReviewSettings,
)
from advocacy.selectors.actions import ACTION_FINISHED_STATUSES, action_follow_up_permissions, followed_actions
from workspace.models import Membership, User, Workspace
from workspace.services.audit import audit_record
from workspace.services.notifications import notification_send

__all__ = [
    "ACTION_NOTIFICATIONS",
    "action_reminders_send",
    "action_status_set",
    "progress_note_add",
]

PROGRESS_NOTE_MAX_LENGTH = 5000

ACTION_NOTIFICATIONS = {
    "agenda_action.due_soon": gettext_lazy(
        "The action “%(activity)s” of the agenda %(agenda)s is due on %(due)s; please update its status."
    ),
}


def _require_updater(actor: Membership, action: AgendaAction) -> None:
    if not action_follow_up_permissions(actor=actor, action=action).update:
        raise PermissionDenied(
            _(
                "Only the representatives of the organisation that owns this action, administrators and the "
                "executive committee can update it."
            )
        )


@transaction.atomic
def action_status_set(*, actor: Membership, action: AgendaAction, status: str) -> ActionFollowUp:
    _require_updater(actor, action)
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Choose a status of the action plan.")})
    # Locked so two representatives changing the status together leave one audit trail that adds up.
    follow_up, _created = ActionFollowUp.objects.select_for_update().get_or_create(
        action=action, defaults={"status": action.status}
    )
    before = follow_up.status
    if before == status:
        return follow_up
    follow_up.status = status
    follow_up.updated_by = actor.user
    follow_up.updated_at = timezone.now()
    follow_up.save(update_fields=["status", "updated_by", "updated_at"])
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        verb="agenda_action.status_changed",
        target=action,
        before={"status": before},
        after={"status": status},
    )
    return follow_up


@transaction.atomic
def progress_note_add(*, actor: Membership, action: AgendaAction, text: str) -> ProgressNote:
    _require_updater(actor, action)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write what has happened.")})
    if len(text) > PROGRESS_NOTE_MAX_LENGTH:
        raise ValidationError(
            {"text": _("A progress note is at most %(max)s characters.") % {"max": PROGRESS_NOTE_MAX_LENGTH}}
        )
    return ProgressNote.objects.create(action=action, author=actor.user, text=text)


def _representatives(action: AgendaAction) -> list[User]:
    return [
        membership.user
        for membership in Membership.objects.active()
        .filter(workspace_id=action.agenda.group.workspace_id, organisation=action.organisation)
        .select_related("user")
        .order_by("user_id")
    ]


def action_reminders_send() -> int:
    """Reminds the owning organisations of actions due within the workspace's reminder days (Celery beat).

    Actions due anywhere from today to N days ahead are reminded, so a missed run catches up; the
    unique (action, due) row makes it once per due date. Returns how many actions were reminded.
    """
    today = timezone.localdate()
    reminded = 0
    for workspace in Workspace.objects.filter(organisations__agenda_actions__isnull=False).distinct():
        settings_row = ReviewSettings.objects.filter(workspace=workspace).first()
        days = settings_row.action_reminder_days if settings_row else ACTION_REMINDER_DAYS_DEFAULT
        candidates = (
            followed_actions(workspace_id=workspace.pk, today=today)
            .filter(organisation__isnull=False, due__gte=today, due__lte=today + timedelta(days=days))
            .exclude(Q(current_status__in=ACTION_FINISHED_STATUSES))
            .exclude(Exists(ActionReminder.objects.filter(action=OuterRef("pk"), due=OuterRef("due"))))
        )
        for action in candidates:
            if _action_remind(action=action, workspace=workspace):
                reminded += 1
    return reminded


def _action_remind(*, action: AgendaAction, workspace: Workspace) -> bool:
    if action.due is None:
        return False
    try:
        with transaction.atomic():
            # A second run (or a second worker) inserting the same row fails here and sends nothing.
            ActionReminder.objects.create(action=action, due=action.due)
            for recipient in _representatives(action):
                notification_send(
                    recipient=recipient,
                    workspace=workspace,
                    kind="agenda_action.due_soon",
                    params={
                        "activity": action.activity[:80],
                        "agenda": action.agenda.title,
                        "due": action.due.isoformat(),
                    },
                    url=f"/w/{workspace.slug}/agendas/{action.agenda_id}",
                )
    except IntegrityError:
        return False
    return True
