"""Celery entry points of the advocacy app: ids in, call the service of the same name."""

from celery import shared_task

from advocacy.services import actions


@shared_task(name="advocacy.tasks.action_reminders_send")
def action_reminders_send() -> int:
    return actions.action_reminders_send()
